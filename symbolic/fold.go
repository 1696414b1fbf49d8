package symbolic

// foldSum writes a sum of terms that differ only in literal subscripts 1,
// 2, …, k as Σ_{i=1}^{k} of one term (worksheet 2a: ∂_1 f(…) g₁'(w) +
// ∂_2 f(…) g₂'(w) + ∂_3 f(…) g₃'(w) is Σ_{i=1}^{3} ∂_i f(…) g_i'(w)). The
// index is the program's declared index of the family the subscripts pick
// from; without one, or when the terms do not fit, e is returned as it is.
func foldSum(p *Program, e *Expr) *Expr {
	var terms []*Expr
	for t := e; ; t = t.Args[0] {
		if t.Op != OpAdd || len(t.Args) != 2 {
			terms = append(terms, t)
			break
		}
		terms = append(terms, t.Args[1])
	}
	if len(terms) < 2 {
		return e
	}
	for i, j := 0, len(terms)-1; i < j; i, j = i+1, j-1 {
		terms[i], terms[j] = terms[j], terms[i]
	}
	g := &generalizer{p: p}
	tmpl := g.generalize(terms[0], terms[1], false)
	if tmpl == nil || g.index == "" {
		return e
	}
	clash := false
	Inspect(terms[0], func(n *Expr) bool {
		clash = clash || n.Op == OpVar && n.Name == g.index
		return !clash
	})
	if clash {
		return e // the index is already free in the terms (∂f/∂w_i)
	}
	for k, t := range terms {
		if !Equal(instantiate(tmpl, g.index, k+1), t) {
			return e
		}
	}
	return &Expr{Op: OpSum, Name: g.index, Args: []*Expr{Number(1), Number(float64(len(terms))), tmpl}, Shape: e.Shape, Pos: NoPos}
}

// generalizer builds the common template of two terms: a literal 1 in the
// first where the second has 2, in a subscript or as the argument number
// of ∂_k, becomes the family's index.
type generalizer struct {
	p     *Program
	index string
	memo  map[genKey]*Expr
}

type genKey struct {
	a, b  *Expr
	inSub bool
}

// generalize is the template of a and b (nil when they do not fit),
// memoised so that shared pairs are generalised once.
func (g *generalizer) generalize(a, b *Expr, inSub bool) *Expr {
	k := genKey{a, b, inSub}
	if r, ok := g.memo[k]; ok {
		return r
	}
	if g.memo == nil {
		g.memo = map[genKey]*Expr{}
	}
	Stats.visit(1)
	r := g.generalizeNode(a, b, inSub)
	g.memo[k] = r
	return r
}

func (g *generalizer) generalizeNode(a, b *Expr, inSub bool) *Expr {
	if a == nil || b == nil {
		return nil
	}
	if inSub && a.Op == OpNum && b.Op == OpNum && a.Num == 1 && b.Num == 2 {
		return &Expr{Op: OpVar, Name: g.index, Pos: NoPos}
	}
	if a.Op != b.Op || a.Name != b.Name || a.Label != b.Label || len(a.Args) != len(b.Args) || len(a.Sub) != len(b.Sub) {
		return nil
	}
	out := *a
	out.hash, out.hashOf = 0, nil
	out.Pos = NoPos
	if a.Op == OpPartial && a.Num == 1 && b.Num == 2 && len(a.Sub) == 0 {
		if !g.pickIndex(a) {
			return nil
		}
		out.Num = 0
		out.Sub = []*Expr{{Op: OpVar, Name: g.index, Pos: NoPos}}
	} else if a.Num != b.Num {
		return nil
	}
	if len(a.Sub) > 0 {
		if (a.Op == OpVar || a.Op == OpCall || a.Op == OpPrime) && !g.pickIndex(a) {
			return nil
		}
		out.Sub = make([]*Expr, len(a.Sub))
		for i := range a.Sub {
			if out.Sub[i] = g.generalize(a.Sub[i], b.Sub[i], true); out.Sub[i] == nil {
				return nil
			}
		}
	}
	out.Args = make([]*Expr, len(a.Args))
	for i := range a.Args {
		if out.Args[i] = g.generalize(a.Args[i], b.Args[i], false); out.Args[i] == nil {
			return nil
		}
	}
	return &out
}

// pickIndex settles the index name from a family (w_i, g_i) or, for ∂_k f,
// the program's single declared index; all choices must agree.
func (g *generalizer) pickIndex(e *Expr) bool {
	name := ""
	if s := g.p.Symbols[e.Key()]; s != nil && s.Index != "" && (s.Kind == SymFamily || s.Kind == SymFunc) {
		name = s.Index
	} else if e.Op == OpPartial {
		for _, k := range g.p.Order {
			if s := g.p.Symbols[k]; s != nil && s.Kind == SymIndex {
				if name != "" {
					return g.index != ""
				}
				name = k
			}
		}
	}
	if name == "" {
		return g.index != ""
	}
	if g.index == "" {
		g.index = name
	}
	return g.index == name
}

// instantiate replaces the index by the literal k: in subscripts and in
// ∂_i f. Shared subexpressions are rewritten once.
func instantiate(e *Expr, index string, k int) *Expr {
	if e == nil {
		return nil
	}
	r := NewRewriter()
	r.Pre = func(e *Expr) *Expr {
		if e.Op == OpVar && e.Name == index && len(e.Sub) == 0 && len(e.Args) == 0 {
			return Number(float64(k))
		}
		if e.Op == OpPartial && e.Num == 0 && len(e.Sub) == 1 && e.Sub[0].Op == OpVar && e.Sub[0].Name == index {
			args := make([]*Expr, len(e.Args))
			for i, a := range e.Args {
				args[i] = r.Rewrite(a)
			}
			out := withChildren(e, nil, args)
			if out == e {
				cp := *e
				cp.hash, cp.hashOf = 0, nil
				out = &cp
			}
			out.Num, out.Sub = float64(k), nil
			return out
		}
		return nil
	}
	return r.Rewrite(e)
}
