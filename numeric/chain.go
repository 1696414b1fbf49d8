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
	// key names the variable the factor is, when it is one (a plain
	// reference, maybe transposed), for evaluations along a direction.
	key string
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
	return append(out, factor{n, t, c.varKey(e)}), nil
}

// varKey returns the key of the variable e is (or e's transpose is): a
// plain reference to a declared variable, not a function parameter or a
// definition; "" otherwise.
func (c *compiler) varKey(e *symbolic.Expr) string {
	if e.Op == symbolic.OpT && len(e.Args) == 1 {
		e = e.Args[0]
	}
	if e.Op != symbolic.OpVar || len(e.Sub) > 0 {
		return ""
	}
	key := e.Key()
	for _, sc := range c.scope {
		if _, ok := sc[key]; ok {
			return ""
		}
	}
	if sym := c.p.Symbols[key]; sym == nil || sym.Kind != symbolic.SymVar {
		return ""
	}
	return key
}

// prodPlan is a compiled product a b c …: its factors and the buffers of
// its partial products. Its value is written into a destination the
// consumer gives (the product node's own buffer, or the buffer of a sum it
// is a term of, with β = 1).
type prodPlan struct {
	fs  []factor
	pos symbolic.Pos
	// tmp numbers the buffers of the partial products (one fewer than
	// the factors); lin numbers the plan (its linCache).
	tmp []int
	lin int
}

// productPlan compiles the product e (an OpMul with two operands).
func (c *compiler) productPlan(e *symbolic.Expr) (*prodPlan, error) {
	if len(e.Args) != 2 {
		return nil, symbolic.Errorf(e.Pos, "wrong number of operands (%d)", len(e.Args))
	}
	fs, err := c.factors(e.Args[0], nil)
	if err != nil {
		return nil, err
	}
	if fs, err = c.factors(e.Args[1], fs); err != nil {
		return nil, err
	}
	p := &prodPlan{fs: fs, pos: e.Pos, tmp: make([]int, len(fs)-1), lin: c.lins}
	c.lins++
	for i := range p.tmp {
		p.tmp[i] = c.newBuf()
	}
	return p, nil
}

// values evaluates the factors. Along a direction, the factor moved
// linearly is not evaluated: its value is the base (see write). The slice
// is the plan's scratch in s (see planScratch), valid until the plan runs
// again in s.
func (p *prodPlan) values(s *state) ([]*mat.Dense, error) {
	sc := s.plan(p)
	if cap(sc.vals) < len(p.fs) {
		sc.vals = make([]*mat.Dense, len(p.fs))
	}
	vals := sc.vals[:len(p.fs)]
	li := p.linearFactor(s)
	for i, f := range p.fs {
		if i == li {
			vals[i] = s.dir.base
			continue
		}
		v, err := f.n(s)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	return vals, nil
}

// planScratch is the working storage of one product plan in one state
// (an evaluation's frame), reused by every evaluation of the plan in it:
// the factors' values, the operands of the chain, and the chain's split
// table with the sizes it was computed for (the sizes seldom change
// between evaluations: the points of a check, its difference steps).
// A plan never runs inside itself (the expressions are DAGs), so one
// scratch per plan and state is enough; it lives as long as the state.
type planScratch struct {
	vals  []*mat.Dense
	moved []*mat.Dense
	ops   []operandT
	chain chainTable
}

// plan returns p's scratch in s (allocated when s has none: states built
// by hand in tests).
func (s *state) plan(p *prodPlan) *planScratch {
	if p.lin >= len(s.plans) {
		s.plans = append(s.plans, make([]planScratch, p.lin+1-len(s.plans))...)
	}
	return &s.plans[p.lin]
}

// chainOrder is how a product of factor values is taken: the scalar
// coefficient of its 1×1 factors and the other operands multiplied in the
// cheapest order (chain), or every factor left to right, as written, when
// the sizes do not chain (an inner product in the middle: xᵀ y z).
type chainOrder struct {
	coef  float64
	ops   []operandT
	chain bool
}

func (p *prodPlan) order(vals []*mat.Dense, ops []operandT) chainOrder {
	o := chainOrder{coef: 1, ops: ops[:0]}
	for i, v := range vals {
		if isScalar(v) {
			o.coef *= v.At(0, 0)
			continue
		}
		o.ops = append(o.ops, operandT{v, p.fs[i].t})
	}
	o.chain = len(vals) > 2
	for i := 1; i < len(o.ops) && o.chain; i++ {
		_, c := opDims(o.ops[i-1].m, o.ops[i-1].t)
		r, _ := opDims(o.ops[i].m, o.ops[i].t)
		o.chain = c == r
	}
	return o
}

// dims returns the size of the product of vals, or the error of a product
// whose sizes do not agree.
func (p *prodPlan) dims(vals []*mat.Dense) (int, int, error) {
	if len(vals) == 2 {
		// The common case, without the chain's bookkeeping.
		x, y := vals[0], vals[1]
		if !isScalar(x) && !isScalar(y) {
			xr, xc := opDims(x, p.fs[0].t)
			yr, yc := opDims(y, p.fs[1].t)
			if xc != yr {
				return 0, 0, symbolic.Errorf(p.pos, "cannot multiply %d×%d by %d×%d", xr, xc, yr, yc)
			}
		}
		r, c := mulDims(x, p.fs[0].t, y, p.fs[1].t)
		return r, c, nil
	}
	if r, c, ok := p.chainDims(vals); ok {
		return r, c, nil
	}
	r, c := opDims(vals[0], p.fs[0].t)
	for i := 1; i < len(vals); i++ {
		vr, vc := opDims(vals[i], p.fs[i].t)
		switch {
		case r == 1 && c == 1:
			r, c = vr, vc
		case vr == 1 && vc == 1:
		case c != vr:
			return 0, 0, symbolic.Errorf(p.pos, "cannot multiply %d×%d by %d×%d", r, c, vr, vc)
		default:
			c = vc
		}
	}
	return r, c, nil
}

// chainDims returns the size of the product of vals (more than two)
// when their non-scalar factors chain (order's chain, without building
// its operands): ok is false when they do not.
func (p *prodPlan) chainDims(vals []*mat.Dense) (r, c int, ok bool) {
	r, c = 1, 1
	first := true
	for i, v := range vals {
		if isScalar(v) {
			continue
		}
		vr, vc := opDims(v, p.fs[i].t)
		if first {
			r, first = vr, false
		} else if c != vr {
			return 0, 0, false
		}
		c = vc
	}
	return r, c, true
}

// write sets dst = α (product) + β dst for vals from values: into, or
// along a direction linearInto for a product linear in the variable
// moved.
func (p *prodPlan) write(s *state, vals []*mat.Dense, dst *mat.Dense, alpha, beta float64) (finite bool) {
	if li := p.linearFactor(s); li >= 0 {
		p.linearInto(s, li, vals, dst, alpha, beta)
		return false
	}
	return p.into(s, vals, dst, alpha, beta)
}

// into sets dst = α (product of vals) + β dst; dst has the size dims
// returned and is distinct from the factors' values. It reports whether
// the value is known to be finite (see productInto).
func (p *prodPlan) into(s *state, vals []*mat.Dense, dst *mat.Dense, alpha, beta float64) (finite bool) {
	if len(vals) == 2 {
		return mulInto(dst, alpha, vals[0], p.fs[0].t, vals[1], p.fs[1].t, beta)
	}
	sc := s.plan(p)
	o := p.order(vals, sc.ops)
	sc.ops = o.ops
	if !o.chain {
		return p.leftToRight(s, vals, dst, alpha, beta)
	}
	switch len(o.ops) {
	case 0:
		d := dst.RawMatrix().Data
		v := alpha * o.coef
		if beta != 0 {
			v += beta * d[0]
		}
		d[0] = v
	case 1:
		scaleInto(dst, alpha*o.coef, o.ops[0].m, o.ops[0].t, beta)
	default:
		split := sc.chain.split(o.ops)
		next := 0
		_, _, finite = p.best(s, o.ops, 0, len(o.ops)-1, split, &next, dst, alpha*o.coef, beta)
	}
	return finite
}

// leftToRight multiplies vals as written, the partial products in the
// plan's buffers and the last product into dst.
func (p *prodPlan) leftToRight(s *state, vals []*mat.Dense, dst *mat.Dense, alpha, beta float64) (finite bool) {
	acc, accT := vals[0], p.fs[0].t
	for i := 1; i < len(vals); i++ {
		out := dst
		a, b := alpha, beta
		if i < len(vals)-1 {
			r, c := mulDims(acc, accT, vals[i], p.fs[i].t)
			out, a, b = s.buf(p.tmp[i-1], r, c), 1, 0
		}
		finite = mulInto(out, a, acc, accT, vals[i], p.fs[i].t, b)
		acc, accT = out, false
	}
	return finite
}

// mulDims is the size of op(x) op(y), a scalar scaling the other side.
func mulDims(x *mat.Dense, tx bool, y *mat.Dense, ty bool) (int, int) {
	switch {
	case isScalar(x):
		return opDims(y, ty)
	case isScalar(y):
		return opDims(x, tx)
	}
	r, _ := opDims(x, tx)
	_, c := opDims(y, ty)
	return r, c
}

// mulInto sets dst = α op(x) op(y) + β dst, where a 1×1 side scales the
// other (dimensions already checked).
func mulInto(dst *mat.Dense, alpha float64, x *mat.Dense, tx bool, y *mat.Dense, ty bool, beta float64) (finite bool) {
	switch {
	case isScalar(x):
		scaleInto(dst, alpha*x.At(0, 0), y, ty, beta)
	case isScalar(y):
		scaleInto(dst, alpha*y.At(0, 0), x, tx, beta)
	default:
		return productInto(dst, alpha, x, tx, y, ty, beta)
	}
	return false
}

// best multiplies ops[i..j] in the order split records, into dst (α, β)
// for the whole range and into the plan's next buffer for a partial
// product.
func (p *prodPlan) best(s *state, ops []operandT, i, j int, split [][]int, next *int, dst *mat.Dense, alpha, beta float64) (*mat.Dense, bool, bool) {
	if i == j {
		return ops[i].m, ops[i].t, false
	}
	k := split[i][j]
	l, lt, _ := p.best(s, ops, i, k, split, next, nil, 1, 0)
	r, rt, _ := p.best(s, ops, k+1, j, split, next, nil, 1, 0)
	if dst == nil {
		m, _ := opDims(l, lt)
		_, n := opDims(r, rt)
		dst = s.buf(p.tmp[*next], m, n)
		*next++
	}
	finite := productInto(dst, alpha, l, lt, r, rt, beta)
	return dst, false, finite
}

// operandT is a factor of a chain: a matrix, transposed when t is set.
type operandT struct {
	m *mat.Dense
	t bool
}

// costTable returns split[i][j], the best split point of ops[i..j]: the
// classic dynamic programme over the sizes, so that J_Φ(z)ᵀ W2ᵀ r xᵀ costs
// two matrix–vector products and an outer product, not a matrix–matrix
// product.
func costTable(ops []operandT) [][]int {
	var t chainTable
	return t.split(ops)
}

// chainTable is costTable's programme with its tables kept: split returns
// the table computed for the previous operands when their sizes are the
// same, and otherwise computes it again in the same storage.
type chainTable struct {
	dims  []int
	cost  [][]float64
	table [][]int
}

// split returns split[i][j] for ops (see costTable), valid until the
// next call.
func (t *chainTable) split(ops []operandT) [][]int {
	n := len(ops)
	same := len(t.dims) == n+1
	if !same {
		t.dims = make([]int, n+1)
	}
	// The operands chain: each one's rows are the previous one's columns.
	for i, v := range ops {
		r, c := opDims(v.m, v.t)
		if i == 0 {
			same = same && t.dims[0] == r
			t.dims[0] = r
		}
		same = same && t.dims[i+1] == c
		t.dims[i+1] = c
	}
	if same && len(t.table) == n {
		return t.table
	}
	if len(t.table) != n {
		t.cost = make([][]float64, n)
		t.table = make([][]int, n)
		for i := range t.cost {
			t.cost[i] = make([]float64, n)
			t.table[i] = make([]int, n)
		}
	}
	dims, cost, split := t.dims, t.cost, t.table
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
