package numeric

import (
	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// A term of a sum (a + b, a − b, Σ_i body) that is a product used nowhere
// else is not materialised on its own: its factors are evaluated and the
// product is accumulated into the sum's buffer by BLAS with β = 1 (Dger for
// an outer product x yᵀ, Dgemv, Dgemm), so that Σ_i u_i v_iᵀ or
// A x xᵀ + B x xᵀ writes each product once, into the result.

// term is a compiled operand of a sum: a node, or a product accumulated
// in place (prod != nil; id numbers the buffer it is written to when it
// cannot be accumulated: a broadcast, a size mismatch).
type term struct {
	n    node
	prod *prodPlan
	id   int
}

// termValue is an evaluated term: its value, or its product's factor
// values and size.
type termValue struct {
	v    *mat.Dense
	vals []*mat.Dense
	r, c int
}

// fusable reports whether e is a product used only once, which a sum can
// accumulate in place.
func (c *compiler) fusable(e *symbolic.Expr) bool {
	return e != nil && e.Op == symbolic.OpMul && len(e.Args) == 2 && !c.g.shared(c.g.id(e))
}

// term compiles an operand of a sum.
func (c *compiler) term(e *symbolic.Expr) (term, error) {
	if c.fusable(e) {
		p, err := c.productPlan(e)
		if err != nil {
			return term{}, err
		}
		work.compile.Add(1)
		c.fused++
		return term{prod: p, id: c.newBuf()}, nil
	}
	n, err := c.compile(e)
	return term{n: n}, err
}

// eval evaluates t (a product: its factors, counted as one node).
func (t term) eval(s *state) (termValue, error) {
	if t.prod == nil {
		v, err := t.n(s)
		if err != nil {
			return termValue{}, err
		}
		r, c := v.Dims()
		return termValue{v: v, r: r, c: c}, nil
	}
	if err := s.tick(); err != nil {
		return termValue{}, err
	}
	vals, err := t.prod.values(s)
	if err != nil {
		return termValue{}, err
	}
	r, c, err := t.prod.dims(vals)
	return termValue{vals: vals, r: r, c: c}, err
}

// value materialises tv in t's buffer (a product) or returns its value.
func (t term) value(s *state, tv termValue) *mat.Dense {
	if tv.v != nil {
		return tv.v
	}
	out := s.buf(t.id, tv.r, tv.c)
	t.prod.write(s, tv.vals, out, 1, 0)
	return out
}

// into sets dst = α tv + β dst (dst has tv's size).
func (t term) into(s *state, tv termValue, dst *mat.Dense, alpha, beta float64) {
	if tv.v != nil {
		scaleInto(dst, alpha, tv.v, false, beta)
		return
	}
	t.prod.write(s, tv.vals, dst, alpha, beta)
}

// compileAddSub compiles a + b and a − b into buffer id, accumulating an
// operand that is a product used nowhere else in place.
func (c *compiler) compileAddSub(e *symbolic.Expr, id int) (node, error) {
	if len(e.Args) != 2 {
		return nil, symbolic.Errorf(e.Pos, "wrong number of operands (%d)", len(e.Args))
	}
	a, err := c.term(e.Args[0])
	if err != nil {
		return nil, err
	}
	b, err := c.term(e.Args[1])
	if err != nil {
		return nil, err
	}
	pos, sign, op, sym := e.Pos, 1.0, addOp, "+"
	if e.Op == symbolic.OpSub {
		sign, op, sym = -1, subOp, "−"
	}
	return func(s *state) (*mat.Dense, error) {
		x, err := a.eval(s)
		if err != nil {
			return nil, err
		}
		y, err := b.eval(s)
		if err != nil {
			return nil, err
		}
		if x.r != y.r || x.c != y.c || (x.v != nil && y.v != nil) {
			// Two values (one pass), or a broadcast.
			return elementwise2(s, id, a.value(s, x), b.value(s, y), pos, sym, op)
		}
		out := s.buf(id, x.r, x.c)
		a.into(s, x, out, 1, 0)
		b.into(s, y, out, sign, 1)
		return out, nil
	}, nil
}
