package symbolic

// StepRule is one gradient-descent update Next = Update, where Update is
// Prev − η ∂f/∂v written in the iterates' names.
type StepRule struct {
	// Wrt is the updated variable as the user named it (w_i, W⁽¹⁾).
	Wrt *Expr
	// Prev and Next are its iterates: w_i^(t) and w_i^(t+1) for a name
	// without a layer label, W⁽¹⁾_t and W⁽¹⁾_{t+1} for one with a label.
	Prev, Next *Expr
	// Update is the right-hand side of the update.
	Update *Expr
}

// Step returns one gradient-descent update per variable of wrts (SPEC §5
// `deriv step`): v^(t+1) = v^(t) − rate ∂f/∂v, with every updated variable
// (and every member of an updated family) renamed to its iterate, the other
// variables keeping their names, and signs folded (−η·(−2 …) is +2η …).
// It fails as Grad does; rate must be a scalar. An update that written
// out as a tree would have more than MaxInlineSize nodes (a deep network
// whose derivative shares subexpressions exponentially often) is an error
// naming that limit.
func Step(p *Program, wrts []*Expr, rate *Expr, opts GradOptions) ([]StepRule, error) {
	if rate == nil {
		return nil, Errorf(NoPos, "a step needs a rate")
	}
	if !rate.Shape.IsScalar() {
		return nil, Errorf(rate.Pos, "the rate must be a scalar, not a %s", rate.Shape)
	}
	opts.Inline = true
	rename := func(v *Expr) *Expr {
		for _, w := range wrts {
			if w != nil && v.Name == w.Name && v.Label == w.Label && len(v.Sub) == len(w.Sub) {
				return iterate(v, false)
			}
		}
		return nil
	}
	var out []StepRule
	for _, w := range wrts {
		d, err := Grad(p, w, opts)
		if err != nil {
			return nil, err
		}
		g := Expand(d)
		rhs := Sub(w, Mul(rate, g))
		if TreeSize(rhs, MaxInlineSize) > MaxInlineSize {
			return nil, Errorf(NoPos, "the update of %s written out would have more than %d terms and factors (the limit for a result without a where list)", Print(w, Text), MaxInlineSize)
		}
		out = append(out, StepRule{
			Wrt:    w,
			Prev:   iterate(w, false),
			Next:   iterate(w, true),
			Update: Subst(rhs, rename),
		})
	}
	return out, nil
}

// iterate names the iterate of v: v^(t) (or v^(t+1) when next) for a name
// without a layer label, v_t (v_{t+1}) after it for one with a label.
func iterate(v *Expr, next bool) *Expr {
	cp := *v
	cp.Pos = NoPos
	t := "t"
	if next {
		t = "t+1"
	}
	if v.Label == "" {
		cp.Label = t
		return &cp
	}
	cp.Sub = append(append([]*Expr{}, v.Sub...), &Expr{Op: OpVar, Name: t, Pos: NoPos})
	return &cp
}
