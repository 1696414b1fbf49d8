package numeric

import (
	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// factor is one operand of a product chain, compiled, with a flag saying
// that it enters the product transposed.
type factor struct {
	n node
	t bool
}

// factors flattens a product a b c … (nested either way) into its factors,
// stopping at a product that is shared with another part of the tree (it is
// evaluated once and cached as a whole) and at an inner product (see
// innerProduct).
func (c *compiler) factors(e *symbolic.Expr, out []factor) ([]factor, error) {
	if e != nil && e.Op == symbolic.OpMul && len(e.Args) == 2 && c.uses[e] <= 1 && !innerProduct(e) {
		out, err := c.factors(e.Args[0], out)
		if err != nil {
			return nil, err
		}
		return c.factors(e.Args[1], out)
	}
	n, t, err := c.operand(e)
	if err != nil {
		return nil, err
	}
	return append(out, factor{n, t}), nil
}

// innerProduct reports whether the product e is a scalar made of
// non-scalar factors (uᵀ u, uᵀ A u). Such a product is one operand of an
// enclosing chain, not part of it: uᵀ (uᵀ u) scales uᵀ by a number, and
// flattened it would read uᵀ uᵀ u.
func innerProduct(e *symbolic.Expr) bool {
	if !e.Shape.Norm().IsScalar() {
		return false
	}
	for _, a := range e.Args {
		if !a.Shape.Norm().IsScalar() {
			return true
		}
	}
	return false
}

// chainProduct multiplies the values of a chain of factors in the cheapest
// order. Factors of size 1×1 are scalars and scale the result; the others
// form a matrix chain whose parenthesisation is chosen by the classic
// dynamic programme over their sizes, so J_Φ(z)ᵀ W2ᵀ r xᵀ costs two
// matrix–vector products and an outer product, not a matrix–matrix product.
// When the sizes do not chain (an inner product in the middle, xᵀ y z), the
// product is taken left to right, as written.
func chainProduct(vals []*mat.Dense, ts []bool, pos symbolic.Pos) (*mat.Dense, error) {
	views := make([]mat.Matrix, 0, len(vals))
	coef, scaled := 1.0, false
	for i, v := range vals {
		if isScalar(v) {
			coef *= v.At(0, 0)
			scaled = true
			continue
		}
		var m mat.Matrix = v
		if ts[i] {
			m = v.T()
		}
		views = append(views, m)
	}
	chains := len(views) > 2
	for i := 1; i < len(views) && chains; i++ {
		_, c := views[i-1].Dims()
		r, _ := views[i].Dims()
		chains = c == r
	}
	if !chains {
		return leftToRight(vals, ts, pos)
	}
	r, err := bestOrder(views, 0, len(views)-1, costTable(views))
	if err != nil {
		return nil, err
	}
	if scaled {
		r.Scale(coef, r)
	}
	return r, nil
}

func leftToRight(vals []*mat.Dense, ts []bool, pos symbolic.Pos) (*mat.Dense, error) {
	acc, accT := vals[0], ts[0]
	for i := 1; i < len(vals); i++ {
		r, err := multiply(acc, accT, vals[i], ts[i], pos)
		if err != nil {
			return nil, err
		}
		acc, accT = r, false
	}
	if accT {
		var r mat.Dense
		r.CloneFrom(acc.T())
		return &r, nil
	}
	return acc, nil
}

// costTable returns split[i][j], the best split point of views[i..j].
func costTable(views []mat.Matrix) [][]int {
	n := len(views)
	dims := make([]int, n+1)
	for i, v := range views {
		r, c := v.Dims()
		dims[i], dims[i+1] = r, c
	}
	cost := make([][]float64, n)
	split := make([][]int, n)
	for i := range cost {
		cost[i] = make([]float64, n)
		split[i] = make([]int, n)
	}
	for length := 2; length <= n; length++ {
		for i := 0; i+length-1 < n; i++ {
			j := i + length - 1
			cost[i][j] = -1
			for k := i; k < j; k++ {
				c := cost[i][k] + cost[k+1][j] + float64(dims[i])*float64(dims[k+1])*float64(dims[j+1])
				if cost[i][j] < 0 || c < cost[i][j] {
					cost[i][j], split[i][j] = c, k
				}
			}
		}
	}
	return split
}

// bestOrder multiplies views[i..j] in the order split records.
func bestOrder(views []mat.Matrix, i, j int, split [][]int) (*mat.Dense, error) {
	if i == j {
		var r mat.Dense
		r.CloneFrom(views[i])
		return &r, nil
	}
	k := split[i][j]
	var left, right mat.Matrix
	if k == i {
		left = views[i]
	} else {
		l, err := bestOrder(views, i, k, split)
		if err != nil {
			return nil, err
		}
		left = l
	}
	if k+1 == j {
		right = views[j]
	} else {
		r, err := bestOrder(views, k+1, j, split)
		if err != nil {
			return nil, err
		}
		right = r
	}
	var r mat.Dense
	r.Mul(left, right)
	return &r, nil
}
