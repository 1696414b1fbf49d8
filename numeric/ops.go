package numeric

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// compileOp compiles the arithmetic operators: negation, sum, difference,
// products, division, elementwise operators, power, transpose and inverse.
// Each writes its value into its own buffer (see frame.go).
func (c *compiler) compileOp(e *symbolic.Expr) (node, error) {
	if e.Op == symbolic.OpMul {
		return c.compileMul(e)
	}
	id := c.newBuf()
	if v := squaredNorm(e); v != nil {
		// ‖v‖² as a sum of squares: no square root, so ½‖(1.5, 1.5)‖² is
		// exactly 2.25.
		a, err := c.compile(v)
		if err != nil {
			return nil, err
		}
		return func(s *state) (*mat.Dense, error) {
			x, err := a(s)
			if err != nil {
				return nil, err
			}
			var sum float64
			raw := x.RawMatrix()
			for i := range raw.Rows {
				for _, t := range raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols] {
					sum += t * t
				}
			}
			return s.scalarBuf(id, sum), nil
		}, nil
	}
	if e.Op == symbolic.OpAdd || e.Op == symbolic.OpSub {
		return c.compileAddSub(e, id)
	}
	want := 2
	switch e.Op {
	case symbolic.OpNeg, symbolic.OpT, symbolic.OpInv:
		want = 1
	}
	as, err := c.args(e, want)
	if err != nil {
		return nil, err
	}
	pos := e.Pos
	if want == 1 {
		a := as[0]
		var f func(s *state, v *mat.Dense) (*mat.Dense, error)
		switch e.Op {
		case symbolic.OpNeg:
			f = func(s *state, v *mat.Dense) (*mat.Dense, error) {
				r, c := v.Dims()
				out := s.buf(id, r, c)
				scaleInto(out, -1, v, false, 0)
				return out, nil
			}
		case symbolic.OpT:
			f = func(s *state, v *mat.Dense) (*mat.Dense, error) {
				r, c := v.Dims()
				out := s.buf(id, c, r)
				scaleInto(out, 1, v, true, 0)
				return out, nil
			}
		default:
			f = func(_ *state, v *mat.Dense) (*mat.Dense, error) { return inverse(v, pos) }
		}
		return func(s *state) (*mat.Dense, error) {
			v, err := a(s)
			if err != nil {
				return nil, err
			}
			return f(s, v)
		}, nil
	}
	var f func(s *state, x, y *mat.Dense) (*mat.Dense, error)
	switch e.Op {
	case symbolic.OpHad:
		f = func(s *state, x, y *mat.Dense) (*mat.Dense, error) {
			return elementwise2(s, id, x, y, pos, "⊙", hadOp)
		}
	case symbolic.OpHDiv:
		f = func(s *state, x, y *mat.Dense) (*mat.Dense, error) {
			r, err := elementwise2(s, id, x, y, pos, "⊘", hdivOp)
			if err == nil && !allFinite(r) {
				return nil, symbolic.Errorf(pos, "division by zero in ⊘")
			}
			return r, err
		}
	case symbolic.OpHPow:
		f = func(s *state, x, y *mat.Dense) (*mat.Dense, error) {
			r, err := elementwise2(s, id, x, y, pos, ".^", powOp)
			if err == nil && !allFinite(r) {
				return nil, symbolic.Errorf(pos, "undefined power (a negative number to a fractional power, or 0 to a negative one)")
			}
			return r, err
		}
	case symbolic.OpDiv:
		f = func(s *state, x, y *mat.Dense) (*mat.Dense, error) {
			if !isScalar(y) {
				r, c := y.Dims()
				return nil, symbolic.Errorf(pos, "the divisor must be a scalar, not %d×%d", r, c)
			}
			d := y.At(0, 0)
			if d == 0 {
				return nil, symbolic.Errorf(pos, "division by zero")
			}
			r, c := x.Dims()
			out := s.buf(id, r, c)
			scaleInto(out, 1/d, x, false, 0)
			return out, nil
		}
	case symbolic.OpPow:
		f = func(_ *state, x, y *mat.Dense) (*mat.Dense, error) { return power(x, y, pos) }
	}
	a, b := as[0], as[1]
	return func(s *state) (*mat.Dense, error) {
		x, err := a(s)
		if err != nil {
			return nil, err
		}
		y, err := b(s)
		if err != nil {
			return nil, err
		}
		return f(s, x, y)
	}, nil
}

// operand compiles a factor of a product. A transposed factor is compiled
// without its transpose, so that the product uses gonum's transposed view
// (BLAS with a transpose flag) instead of copying the matrix.
func (c *compiler) operand(e *symbolic.Expr) (node, bool, error) {
	if e != nil && e.Op == symbolic.OpT && len(e.Args) == 1 {
		n, err := c.compile(e.Args[0])
		return n, true, err
	}
	n, err := c.compile(e)
	return n, false, err
}

// compileMul compiles a product: scaling when a factor is 1×1, else
// matrix products in the cheapest order (inner products give 1×1, outer
// products m×n), written into the node's buffer.
func (c *compiler) compileMul(e *symbolic.Expr) (node, error) {
	p, err := c.productPlan(e)
	if err != nil {
		return nil, err
	}
	id := c.newBuf()
	return func(s *state) (*mat.Dense, error) {
		vals, err := p.values(s)
		if err != nil {
			return nil, err
		}
		r, cols, err := p.dims(vals)
		if err != nil {
			return nil, err
		}
		out := s.buf(id, r, cols)
		if p.write(s, vals, out, 1, 0) {
			s.finite = out
		} else if s.finite == out {
			s.finite = nil
		}
		return out, nil
	}, nil
}

type binop uint8

const (
	addOp binop = iota
	subOp
	hadOp
	hdivOp
	powOp
)

// elementwise2 applies a binary entrywise operation, into buffer id of s;
// a 1×1 operand broadcasts to the other's size.
func elementwise2(s *state, id int, x, y *mat.Dense, pos symbolic.Pos, sym string, op binop) (*mat.Dense, error) {
	xr, xc := x.Dims()
	yr, yc := y.Dims()
	if xr == yr && xc == yc {
		r := s.buf(id, xr, xc)
		switch op {
		case addOp:
			r.Add(x, y)
		case subOp:
			r.Sub(x, y)
		case hadOp:
			r.MulElem(x, y)
		case hdivOp:
			r.DivElem(x, y)
		case powOp:
			r.Apply(func(i, j int, v float64) float64 { return math.Pow(v, y.At(i, j)) }, x)
		}
		return r, nil
	}
	switch {
	case isScalar(y):
		b := y.At(0, 0)
		r := s.buf(id, xr, xc)
		r.Apply(func(_, _ int, v float64) float64 { return apply(op, v, b) }, x)
		return r, nil
	case isScalar(x):
		a := x.At(0, 0)
		r := s.buf(id, yr, yc)
		r.Apply(func(_, _ int, v float64) float64 { return apply(op, a, v) }, y)
		return r, nil
	}
	return nil, symbolic.Errorf(pos, "cannot combine %d×%d %s %d×%d", xr, xc, sym, yr, yc)
}

func apply(op binop, a, b float64) float64 {
	switch op {
	case addOp:
		return a + b
	case subOp:
		return a - b
	case hadOp:
		return a * b
	case hdivOp:
		return a / b
	default:
		return math.Pow(a, b)
	}
}

// inverse returns v⁻¹, or an error when v is not square or is singular
// (numerically: its condition number exceeds 1e14).
func inverse(v *mat.Dense, pos symbolic.Pos) (*mat.Dense, error) {
	r, c := v.Dims()
	if r != c {
		return nil, symbolic.Errorf(pos, "cannot invert a %d×%d matrix: it is not square", r, c)
	}
	if r == 1 {
		if v.At(0, 0) == 0 {
			return nil, symbolic.Errorf(pos, "division by zero")
		}
		return scalar(1 / v.At(0, 0)), nil
	}
	var lu mat.LU
	lu.Factorize(v)
	if cond := lu.Cond(); math.IsInf(cond, 0) || math.IsNaN(cond) || cond > 1e14 {
		return nil, symbolic.Errorf(pos, "the matrix is singular, so it has no inverse")
	}
	var inv mat.Dense
	if err := inv.Inverse(v); err != nil {
		return nil, symbolic.Errorf(pos, "the matrix is singular, so it has no inverse")
	}
	return &inv, nil
}

// power returns x^y: a scalar power, or a square matrix to an integer
// power (negative powers invert first).
func power(x, y *mat.Dense, pos symbolic.Pos) (*mat.Dense, error) {
	if !isScalar(y) {
		return nil, symbolic.Errorf(pos, "the exponent must be a scalar")
	}
	p := y.At(0, 0)
	if isScalar(x) {
		v := math.Pow(x.At(0, 0), p)
		if math.IsInf(v, 0) && x.At(0, 0) != 0 && !math.IsInf(x.At(0, 0), 0) {
			return nil, symbolic.Errorf(pos, "%g^%g overflows: too large to evaluate", x.At(0, 0), p)
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, symbolic.Errorf(pos, "%g^%g is undefined", x.At(0, 0), p)
		}
		return scalar(v), nil
	}
	r, c := x.Dims()
	if r != c {
		return nil, symbolic.Errorf(pos, "only a square matrix has powers, not a %d×%d one", r, c)
	}
	if p != math.Trunc(p) || math.Abs(p) > 1<<20 {
		return nil, symbolic.Errorf(pos, "a matrix power needs a whole exponent, not %g", p)
	}
	base := x
	if p < 0 {
		inv, err := inverse(x, pos)
		if err != nil {
			return nil, err
		}
		base, p = inv, -p
	}
	result := mat.NewDense(r, r, nil)
	for i := range r {
		result.Set(i, i, 1)
	}
	for n := int(p); n > 0; n >>= 1 {
		if n&1 == 1 {
			var t mat.Dense
			t.Mul(result, base)
			result = &t
		}
		if n > 1 {
			var t mat.Dense
			t.Mul(base, base)
			base = &t
		}
	}
	if err := powerRange(x, result, pos); err != nil {
		return nil, err
	}
	return result, nil
}

// underflow bounds the magnitude of a power's value below which it has
// lost its precision (subnormal or 0).
const underflow = 1e-290

// powerRange refuses a matrix power A^k whose entries overflowed or all
// underflowed (A ≠ 0): its value says nothing about the expression.
func powerRange(x, result *mat.Dense, pos symbolic.Pos) error {
	raw := result.RawMatrix()
	big, nonzero := 0.0, false
	r, c := result.Dims()
	for i := range r {
		for _, v := range raw.Data[i*raw.Stride : i*raw.Stride+c] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return symbolic.Errorf(pos, "the matrix power overflows: too large to evaluate")
			}
			big = math.Max(big, math.Abs(v))
		}
	}
	for _, v := range x.RawMatrix().Data {
		nonzero = nonzero || v != 0
	}
	if nonzero && big < underflow {
		return symbolic.Errorf(pos, "the matrix power underflows: too small to evaluate")
	}
	return nil
}

// squaredNorm returns v when e is ‖v‖² (Euclidean or Frobenius), else nil.
func squaredNorm(e *symbolic.Expr) *symbolic.Expr {
	if e.Op != symbolic.OpPow || len(e.Args) != 2 {
		return nil
	}
	b, k := e.Args[0], e.Args[1]
	if b.Op != symbolic.OpNorm || (b.Name != "2" && b.Name != "F" && b.Name != "") || len(b.Args) != 1 ||
		k.Op != symbolic.OpNum || k.Num != 2 {
		return nil
	}
	return b.Args[0]
}
