package symtest

import "deriv/symbolic"

// production is one way of building an expression of a given shape.
type production uint8

const (
	pLeaf production = iota
	pAdd
	pSub
	pNeg
	pScale
	pProduct
	pDiv
	pT
	pHad
	pHDiv
	pHPow
	pPow
	pInv
	pElem
	pMap
	pReduce
	pSum
	pDiag
	pSoftmax
	pBroadcast
	pIdentity
	pPrime
	pJac
)

// elementwise builtins, by what they need.
var (
	smoothTotal = []string{"exp", "sin", "cos", "tanh", "σ", "softplus", "sinh", "cosh", "arctan"}
	domainFuncs = []string{"log", "sqrt", "tan", "arcsin", "arccos"}
	kinkFuncs   = []string{"abs", "sign", "relu", "step"}
	numbers     = []float64{1, 2, 3, 0.5, 1.5, 10, 0.25}
	// extremes test number formatting (1e-07, 2.5e21); NoDomainFuncs
	// leaves them out, as they overflow exp and friends.
	extremes  = []float64{1e-7, 2.5e21}
	exponents = []float64{2, 3, 4}
)

// productions lists the ways of building shape want, simplest first.
func (g *gen) productions(want symbolic.Shape) []production {
	ps := []production{pLeaf, pAdd, pSub, pNeg, pScale, pProduct, pDiv}
	row := want.IsRow()
	switch {
	case want.IsScalar():
		ps = append(ps, pPow, pElem, pReduce)
	case row:
		ps = append(ps, pT)
	default:
		ps = append(ps, pT, pHad, pHPow, pElem, pBroadcast, pIdentity)
		if !g.opts.NoDomainFuncs {
			ps = append(ps, pHDiv)
		}
		if g.opts.Derivs {
			ps = append(ps, pPrime)
		}
	}
	if !row && len(g.families) > 0 && g.index == "" {
		ps = append(ps, pSum)
	}
	if want.IsVector() {
		ps = append(ps, pSoftmax, pDiag)
		if len(g.mapsTo(want[0], "")) > 0 && !g.opts.NoAbstract {
			ps = append(ps, pMap)
		}
	}
	if want.IsMatrix() && !row && want[0] == want[1] {
		ps = append(ps, pDiag)
		if !g.opts.NoDomainFuncs {
			ps = append(ps, pInv)
		}
	}
	if want.IsMatrix() && !row && g.opts.Derivs && !g.opts.NoAbstract && len(g.mapsTo(want[0], want[1])) > 0 {
		ps = append(ps, pJac)
	}
	return ps
}

// mapsTo lists the vector maps ℝ^from → ℝ^to ("" matches any domain).
func (g *gen) mapsTo(to, from symbolic.Dim) []*symbolic.Symbol {
	var out []*symbolic.Symbol
	for _, m := range g.maps {
		if m.Range.Norm()[0] == to && (from == "" || m.Domain[0].Norm()[0] == from) {
			out = append(out, m)
		}
	}
	return out
}

// expr builds an expression of shape want and height at most depth.
func (g *gen) expr(want symbolic.Shape, depth int) *symbolic.Expr {
	if depth <= 0 {
		return g.leaf(want)
	}
	ps := g.productions(want)
	d := depth - 1
	switch ps[g.draw(len(ps), "production")] {
	case pAdd:
		return node(symbolic.OpAdd, want, g.expr(want, d), g.expr(want, d))
	case pSub:
		return node(symbolic.OpSub, want, g.expr(want, d), g.expr(want, d))
	case pNeg:
		return node(symbolic.OpNeg, want, g.expr(want, d))
	case pScale:
		if g.draw(2, "scalar side") == 0 {
			return node(symbolic.OpMul, want, g.expr(nil, d), g.expr(want, d))
		}
		return node(symbolic.OpMul, want, g.expr(want, d), g.expr(nil, d))
	case pProduct:
		return g.product(want, d)
	case pDiv:
		return node(symbolic.OpDiv, want, g.expr(want, d), g.divisor(d))
	case pT:
		return node(symbolic.OpT, want, g.expr(want.T(), d))
	case pHad:
		return node(symbolic.OpHad, want, g.expr(want, d), g.expr(want, d))
	case pHDiv:
		return node(symbolic.OpHDiv, want, g.expr(want, d), g.expr(want, d))
	case pHPow:
		return node(symbolic.OpHPow, want, g.expr(want, d), num(exponents[g.draw(2, "exponent")]))
	case pPow:
		return node(symbolic.OpPow, nil, g.expr(nil, d), num(exponents[g.draw(len(exponents), "exponent")]))
	case pInv:
		return node(symbolic.OpInv, want, g.expr(want, d))
	case pElem:
		return g.elementwise(want, d)
	case pMap:
		ms := g.mapsTo(want[0], "")
		m := ms[g.draw(len(ms), "map")]
		return call(m.Name, want, g.expr(m.Domain[0], d))
	case pReduce:
		return g.reduce(d)
	case pSum:
		return g.sum(want, d)
	case pDiag:
		if want.IsVector() {
			return call("diag", want, g.expr(symbolic.Matrix(want[0], want[0]), d))
		}
		return call("diag", want, g.expr(symbolic.Vector(want[0]), d))
	case pSoftmax:
		return call("softmax", want, g.expr(want, d))
	case pBroadcast:
		ns := g.numbers()
		c := num(ns[g.draw(len(ns), "number")])
		if g.draw(2, "number side") == 0 {
			return node(symbolic.OpSub, want, c, g.expr(want, d))
		}
		return node(symbolic.OpAdd, want, g.expr(want, d), c)
	case pIdentity:
		one := node(symbolic.OpOnes, want)
		if want.IsMatrix() && want[0] == want[1] && g.draw(2, "identity") == 1 {
			one = node(symbolic.OpEye, want)
		}
		return node([]symbolic.Op{symbolic.OpAdd, symbolic.OpSub}[g.draw(2, "sign")], want, g.expr(want, d), one)
	case pPrime:
		return g.prime(want, d)
	case pJac:
		ms := g.mapsTo(want[0], want[1])
		m := ms[g.draw(len(ms), "map")]
		e := node(symbolic.OpJac, want, g.expr(m.Domain[0], d))
		e.Name = m.Name
		return e
	}
	return g.leaf(want)
}

// product builds a matrix product of shape want: A x, A B, u vᵀ, or the
// inner product xᵀ y for a scalar.
func (g *gen) product(want symbolic.Shape, d int) *symbolic.Expr {
	k := g.dim()
	switch {
	case want.IsScalar():
		return node(symbolic.OpMul, nil, g.expr(symbolic.Shape{symbolic.One, k}, d), g.expr(symbolic.Vector(k), d))
	case want.IsVector():
		return node(symbolic.OpMul, want, g.expr(symbolic.Matrix(want[0], k), d), g.expr(symbolic.Vector(k), d))
	case !want.IsRow() && g.draw(2, "outer") == 1:
		return node(symbolic.OpMul, want, g.expr(symbolic.Vector(want[0]), d), g.expr(symbolic.Shape{symbolic.One, want[1]}, d))
	}
	return node(symbolic.OpMul, want, g.expr(symbolic.Shape{want.Rows(), k}.Norm(), d), g.expr(symbolic.Matrix(k, want[1]), d))
}

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

// elementwise applies a builtin or declared scalar function.
func (g *gen) elementwise(want symbolic.Shape, d int) *symbolic.Expr {
	names := append([]string(nil), smoothTotal...)
	if !g.opts.NoDomainFuncs {
		names = append(names, domainFuncs...)
	}
	if !g.opts.Smooth {
		names = append(names, kinkFuncs...)
	}
	if !g.opts.NoAbstract {
		for _, f := range g.elemFns {
			names = append(names, f.Name)
		}
	}
	return call(names[g.draw(len(names), "function")], want, g.expr(want, d))
}

// prime is φ'(z), σ'(z) or tanh'(z), elementwise on want.
func (g *gen) prime(want symbolic.Shape, d int) *symbolic.Expr {
	names := []string{"σ", "tanh"}
	if !g.opts.NoAbstract {
		for _, f := range g.elemFns {
			names = append(names, f.Name)
		}
	}
	e := node(symbolic.OpPrime, want, g.expr(want, d))
	e.Name = names[g.draw(len(names), "prime")]
	return e
}

// reduce maps a vector or matrix to a scalar: sum, tr, det, logdet,
// logsumexp or a norm (sometimes squared).
func (g *gen) reduce(d int) *symbolic.Expr {
	k := g.dim()
	vec, square := symbolic.Vector(k), symbolic.Matrix(k, k)
	kinds := []string{"sum", "tr", "logsumexp", "norm2", "normF", "norm2²"}
	if !g.opts.NoDomainFuncs {
		kinds = append(kinds, "det", "logdet")
	}
	if !g.opts.Smooth {
		kinds = append(kinds, "norm1")
	}
	norm := func(kind string, x *symbolic.Expr) *symbolic.Expr {
		e := node(symbolic.OpNorm, nil, x)
		e.Name = kind
		return e
	}
	switch kind := kinds[g.draw(len(kinds), "reduction")]; kind {
	case "sum":
		if g.draw(2, "sum of") == 1 {
			return call("sum", nil, g.expr(g.matrixShape(), d))
		}
		return call("sum", nil, g.expr(vec, d))
	case "tr", "det", "logdet":
		return call(kind, nil, g.expr(square, d))
	case "logsumexp":
		return call(kind, nil, g.expr(vec, d))
	case "norm2":
		return norm("2", g.expr(vec, d))
	case "norm1":
		return norm("1", g.expr(vec, d))
	case "normF":
		return norm("F", g.expr(g.matrixShape(), d))
	}
	return node(symbolic.OpPow, nil, norm("2", g.expr(vec, d)), num(2))
}

// matrixShape draws the shape of one of the program's matrices (d×d
// square of a vector length when it has none).
func (g *gen) matrixShape() symbolic.Shape {
	if len(g.matrices) == 0 {
		k := g.dim()
		return symbolic.Matrix(k, k)
	}
	return g.matrices[g.draw(len(g.matrices), "matrix shape")].Shape.Norm()
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

// leaf is a variable, a family member (inside Σ), a number or π of shape
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
