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
// evaluated once and cached as a whole) and at a scalar product inside the
// chain (the inner product yᵀ x in (xᵀ + yᵀ) (yᵀ x) z scales the chain; its
// factors do not chain with their neighbours).
func (c *compiler) factors(e *symbolic.Expr, out []factor) ([]factor, error) {
	if e != nil && e.Op == symbolic.OpMul && len(e.Args) == 2 && !c.g.shared(c.g.id(e)) && !e.Shape.IsScalar() {
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

// chainProduct multiplies the values of a chain of factors in the cheapest
// order. Factors of size 1×1 are scalars and scale the result; the others
// form a matrix chain whose parenthesisation is chosen by the classic
// dynamic programme over their sizes, so J_Φ(z)ᵀ W2ᵀ r xᵀ costs two
// matrix–vector products and an outer product, not a matrix–matrix product.
// When the sizes do not chain (an inner product in the middle, xᵀ y z), the
// product is taken left to right, as written.
func chainProduct(vals []*mat.Dense, ts []bool, pos symbolic.Pos) (*mat.Dense, error) {
	var ops []operandT
	coef, scaled := 1.0, false
	for i, v := range vals {
		if isScalar(v) {
			coef *= v.At(0, 0)
			scaled = true
			continue
		}
		ops = append(ops, operandT{v, ts[i]})
	}
	chains := len(ops) > 2
	for i := 1; i < len(ops) && chains; i++ {
		_, c := opDims(ops[i-1].m, ops[i-1].t)
		r, _ := opDims(ops[i].m, ops[i].t)
		chains = c == r
	}
	if !chains {
		return leftToRight(vals, ts, pos)
	}
	r := bestOrder(ops, 0, len(ops)-1, costTable(ops))
	if r.t {
		var c mat.Dense
		c.CloneFrom(r.m.T())
		r.m = &c
	} else if !r.fresh {
		r.m = mat.DenseCopyOf(r.m)
	}
	if scaled {
		r.m.Scale(coef, r.m)
	}
	return r.m, nil
}

// operandT is a factor of a chain: a matrix, transposed when t is set.
type operandT struct {
	m *mat.Dense
	t bool
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

// costTable returns split[i][j], the best split point of ops[i..j].
func costTable(ops []operandT) [][]int {
	n := len(ops)
	dims := make([]int, n+1)
	for i, v := range ops {
		r, c := opDims(v.m, v.t)
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

// chained is a partial product: fresh when it was computed here (and may
// be scaled in place).
type chained struct {
	m     *mat.Dense
	t     bool
	fresh bool
}

// bestOrder multiplies ops[i..j] in the order split records.
func bestOrder(ops []operandT, i, j int, split [][]int) chained {
	if i == j {
		return chained{ops[i].m, ops[i].t, false}
	}
	k := split[i][j]
	l := bestOrder(ops, i, k, split)
	r := bestOrder(ops, k+1, j, split)
	return chained{product(l.m, l.t, r.m, r.t), false, true}
}
