package symbolic

import "strconv"

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

// partialRange refuses to collapse the sum n over a member of the target's
// family (Σ_j … w_j … with the target w_i) when n does not run over the
// whole family, 1 to its count: the result would hold only for the i in
// n's range (Σ_{j=1}^{i} w_jᵀ w_i), an indicator the matrix notation does
// not write.
func (c *gradCtx) partialRange(n *Expr) error {
	s := c.symbol(c.target.Key())
	if s == nil || s.Kind != SymFamily || len(n.Args) != 3 {
		return nil
	}
	lo, hi := n.Args[0], n.Args[1]
	full := lo.Op == OpNum && lo.Num == 1 &&
		((hi.Op == OpVar && len(hi.Sub) == 0 && Dim(hi.Key()) == s.Count) ||
			(hi.Op == OpNum && s.Count.IsLiteral() && strconv.FormatFloat(hi.Num, 'g', -1, 64) == string(s.Count)))
	if full {
		return nil
	}
	if t := c.target; len(t.Sub) == 1 && t.Sub[0].Op == OpNum && lo.Op == OpNum && hi.Op == OpNum &&
		lo.Num <= t.Sub[0].Num && t.Sub[0].Num <= hi.Num {
		return nil // w_2 in Σ_{j=1}^{3}: the member is in the range
	}
	name := s.Name
	if name == "" {
		name = c.target.Name
	}
	return Errorf(n.Pos, "this sum runs over part of the family %s_%s (%s = 1..%s): the derivative with respect to %s holds only for the members in the sum's range, which deriv does not write; sum over 1..%s, or differentiate with respect to a fixed member",
		name, s.Index, s.Index, s.Count, Print(c.target, Text), s.Count)
}
