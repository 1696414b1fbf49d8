package symbolic

// namedTarget decides what ∂f/∂S means for a definition S whose value f
// also reaches without going through the name S: z1 = W x; z2 = W x;
// f = g(z1) + h(z2). The derivative is that of the computation graph, in
// which z1 and z2 are different nodes although they are equal
// expressions: ∂f/∂z1 = g'(z1), as the numeric check (which perturbs S's
// value where S is named) measures it. Differentiation reaches a
// definition through its canonical body, so structurally equal bodies
// would merge; in that case namedTarget returns a copy of p in which S is
// a variable of its shape, and Grad differentiates with respect to it.
// Otherwise (the common case: f reaches S's value only through S) it
// returns p, and ok false.
func namedTarget(p *Program, wrt *Expr, opts GradOptions) (q *Program, ok bool) {
	if p == nil || wrt == nil || wrt.Op != OpVar || len(wrt.Sub) > 0 || len(opts.Through) > 0 {
		return p, false
	}
	s := p.Symbols[wrt.Key()]
	if s == nil || s.Kind != SymDef || s.Def == nil || len(s.Def.Params) > 0 || s.Def.Body == nil || freeIndexOf(p, s.Def) != "" {
		return p, false
	}
	def := ofDef(p, opts.Of)
	if def == nil || def.Body == nil || def == s.Def {
		return p, false
	}
	q = withVariable(p, s)
	c := newGradCtx(q)
	c.budget = newBudget(opts)
	root, err := c.inline(def.Body, nil)
	if err != nil {
		return p, false
	}
	body, err := c.inline(s.Def.Body, nil)
	if err != nil {
		return p, false
	}
	root, body = c.in.intern(root), c.in.intern(body)
	if findNode(root, func(e *Expr) bool { return e == body }) == nil {
		return p, false
	}
	return q, true
}

// withVariable returns a shallow copy of p in which the definition of s
// is a variable of its shape.
func withVariable(p *Program, s *Symbol) *Program {
	q := *p
	q.Symbols = make(map[string]*Symbol, len(p.Symbols))
	for k, v := range p.Symbols {
		q.Symbols[k] = v
	}
	v := *s
	v.Kind, v.Def, v.Declared = SymVar, nil, true
	q.Symbols[s.Def.Name] = &v
	q.Defs = make([]*Def, 0, len(p.Defs))
	for _, d := range p.Defs {
		if d != s.Def {
			q.Defs = append(q.Defs, d)
		}
	}
	return &q
}
