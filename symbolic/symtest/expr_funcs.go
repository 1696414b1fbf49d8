package symtest

import (
	"strconv"

	"deriv/symbolic"
)

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
		for _, f := range g.fnFamilies {
			names = append(names, f.Name)
		}
	}
	e := call(names[g.draw(len(names), "function")], want, g.expr(want, d))
	e.Sub = g.funcSub(e.Name)
	return e
}

// funcSub picks the member of a family of functions: the bound index
// inside a Σ over it, else 1 or 2. It is nil for other functions.
func (g *gen) funcSub(name string) []*symbolic.Expr {
	for _, f := range g.fnFamilies {
		if f.Name != name {
			continue
		}
		if f.Index == g.index {
			return []*symbolic.Expr{{Op: symbolic.OpVar, Name: f.Index, Pos: symbolic.NoPos}}
		}
		return []*symbolic.Expr{num(float64(1 + g.draw(2, "function member")))}
	}
	return nil
}

// multi is f(a, c) for a function of k scalars, or with Derivs sometimes
// ∂_j f(a, c).
func (g *gen) multi(d int) *symbolic.Expr {
	f := g.multis[g.draw(len(g.multis), "multi")]
	k := 2
	if n, err := strconv.Atoi(string(f.Domain[0][0])); err == nil && n >= 1 && n <= 4 {
		k = n
	}
	args := make([]*symbolic.Expr, k)
	for i := range args {
		args[i] = g.expr(nil, d)
	}
	e := call(f.Name, nil, args...)
	if g.opts.Derivs && g.draw(2, "partial") == 1 {
		e.Op = symbolic.OpPartial
		e.Num = float64(1 + g.draw(k, "partial index"))
	}
	return e
}

// prime is φ'(z), σ'(z) or tanh'(z), elementwise on want.
func (g *gen) prime(want symbolic.Shape, d int) *symbolic.Expr {
	names := []string{"σ", "tanh"}
	if !g.opts.NoAbstract {
		for _, f := range g.elemFns {
			names = append(names, f.Name)
		}
		for _, f := range g.fnFamilies {
			names = append(names, f.Name)
		}
	}
	e := node(symbolic.OpPrime, want, g.expr(want, d))
	e.Name = names[g.draw(len(names), "prime")]
	e.Sub = g.funcSub(e.Name)
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
