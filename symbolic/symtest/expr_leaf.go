package symtest

import "deriv/symbolic"

// numbers lists the constants leaves may be.
func (g *gen) numbers() []float64 {
	if g.opts.NoDomainFuncs {
		return numbers
	}
	return append(numbers[:len(numbers):len(numbers)], extremes...)
}

// dim draws a vector length of the program ("n" when it has none).
func (g *gen) dim() symbolic.Dim {
	if len(g.dims) == 0 {
		return "n"
	}
	return g.dims[g.draw(len(g.dims), "dim")]
}

// divisor is a scalar to divide by: a positive number under
// NoDomainFuncs, else any scalar.
func (g *gen) divisor(d int) *symbolic.Expr {
	if g.opts.NoDomainFuncs {
		return num(numbers[1+g.draw(len(numbers)-1, "divisor")])
	}
	return g.expr(nil, d)
}

// sum is Σ_{i=1}^{n} over the first family's index, with the family's
// members available as leaves in the body.
func (g *gen) sum(want symbolic.Shape, d int) *symbolic.Expr {
	fam := g.families[0]
	g.index = fam.Index
	body := g.expr(want, d)
	g.index = ""
	base, label := symbolic.SplitKey(string(fam.Count))
	hi := &symbolic.Expr{Op: symbolic.OpVar, Name: base, Label: label, Pos: symbolic.NoPos}
	e := node(symbolic.OpSum, want, num(1), hi, body)
	e.Name = fam.Index
	return e
}

// leaf is a variable, a family member (w_i inside Σ, w_1 outside), a number or π of shape
// want; a matrix shape no variable has is an outer product u vᵀ, a row
// vector a transposed vector.
func (g *gen) leaf(want symbolic.Shape) *symbolic.Expr {
	var cands []*symbolic.Expr
	for _, s := range g.vars(want) {
		cands = append(cands, ref(s))
	}
	for _, f := range g.families {
		switch {
		case !f.Shape.Equal(want):
		case f.Index == g.index:
			cands = append(cands, member(f, g.index))
		case g.index == "":
			// A fixed member outside any Σ: w_1, b_2.
			m := ref(f)
			m.Sub = []*symbolic.Expr{num(float64(1 + g.draw(2, "member")))}
			cands = append(cands, m)
		}
	}
	switch {
	case want.IsScalar():
		for _, v := range g.numbers() {
			cands = append(cands, num(v))
		}
		cands = append(cands, pi)
	case want.IsRow():
		return node(symbolic.OpT, want, g.leaf(symbolic.Vector(want[1])))
	case len(cands) == 0 && want.IsMatrix():
		return node(symbolic.OpMul, want, g.leaf(symbolic.Vector(want[0])), g.leaf(symbolic.Shape{symbolic.One, want[1]}))
	case len(cands) == 0:
		return node(symbolic.OpOnes, want)
	}
	e := *cands[g.draw(len(cands), "leaf")]
	return &e
}

// vars lists the variables of shape want.
func (g *gen) vars(want symbolic.Shape) []*symbolic.Symbol {
	var pool []*symbolic.Symbol
	switch {
	case want.IsScalar():
		pool = g.scalars
	case want.IsVector():
		pool = g.vectors
	default:
		pool = g.matrices
	}
	var out []*symbolic.Symbol
	for _, s := range pool {
		if s.Shape.Equal(want) {
			out = append(out, s)
		}
	}
	return out
}
