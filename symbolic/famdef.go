package symbolic

// FreeIndex is freeIndexOf for the other packages (numeric refuses the
// same targets).
func FreeIndex(p *Program, d *Def) string { return freeIndexOf(p, d) }

// FamilyDefError is the error for such a definition named by role
// ("--wrt", "--through") as name.
func FamilyDefError(d *Def, name, index, role string) *Error {
	return familyDefError(nil, d, name, index, role)
}

// freeIndexOf returns an index (a SymIndex name, such as i) that the
// definition d uses without a Σ binding it, directly or through the
// definitions it mentions (z_i = w_iᵀ x + b_i uses i; a_i = φ(z_i) too),
// or "". Such a definition is one per member of a family: z_i stands for
// z_1, …, z_n, and a derivative with respect to it involves a Kronecker
// delta that the matrix-level reverse mode does not write.
func freeIndexOf(p *Program, d *Def) string {
	if p == nil || d == nil || d.Body == nil {
		return ""
	}
	seen := map[string]bool{d.Name: true}
	var walk func(e *Expr, bound map[string]bool) string
	walk = func(e *Expr, bound map[string]bool) string {
		if e == nil {
			return ""
		}
		if e.Op == OpVar {
			k := e.Key()
			if s := p.Symbols[k]; s != nil {
				switch {
				case s.Kind == SymIndex && !bound[k]:
					return k
				case s.Kind == SymDef && s.Def != nil && len(s.Def.Params) == 0 && !seen[k]:
					seen[k] = true
					if i := walk(s.Def.Body, bound); i != "" {
						return i
					}
				}
			}
		}
		for _, s := range e.Sub {
			if i := walk(s, bound); i != "" {
				return i
			}
		}
		inner := bound
		if e.Op == OpSum && !bound[e.Name] {
			inner = map[string]bool{e.Name: true}
			for k := range bound {
				inner[k] = true
			}
		}
		for n, a := range e.Args {
			b := bound
			if e.Op == OpSum && n == 2 {
				b = inner
			}
			if i := walk(a, b); i != "" {
				return i
			}
		}
		return ""
	}
	return walk(d.Body, map[string]bool{})
}

// familyDefError refuses a definition z_i that depends on a free index as
// a target or a --through intermediate, at the definition.
func familyDefError(p *Program, d *Def, name, index, role string) *Error {
	return Errorf(d.Pos, "%s %s: %s is defined once for each %s (a family of definitions), and deriv does not differentiate with respect to one: the derivative involves a Kronecker delta that it does not write; differentiate with respect to a variable %s depends on, or write %s's body where it is used",
		role, name, name, index, name, name)
}
