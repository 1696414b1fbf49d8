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
	pMulti
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
		if len(g.multis) > 0 && !g.opts.NoAbstract {
			ps = append(ps, pMulti)
		}
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
	case pMulti:
		return g.multi(d)
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
