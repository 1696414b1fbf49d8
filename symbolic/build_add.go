package symbolic

import "math"

// Add returns a + b, with like terms collected (P + P is 2 P), zeros
// dropped and negated terms written as differences.
func Add(a, b *Expr) *Expr {
	if d := diagSum(a, b, 1); d != nil {
		return d
	}
	if ca, ta := splitCoef(a); ta != nil {
		if cb, tb := splitCoef(b); tb != nil && likeTerms(ta, tb) {
			// P + P is 2 P, also when P is itself a sum.
			return sumOf([]term{{c: ca + cb, t: ta}}, resultShape2(a, b))
		}
	}
	return expanded(addTerms(addTerms(nil, a, 1), b, 1), resultShape2(a, b))
}

// expanded builds the sum of ts, expanded where that is shorter.
func expanded(ts []term, s Shape) *Expr {
	cp := append([]term{}, ts...)
	r := sumOf(ts, s)
	if e := expandSum(cp, s, r); e != nil {
		return e
	}
	return r
}

// Sub returns a − b, simplified as Add.
func Sub(a, b *Expr) *Expr {
	if d := diagSum(a, b, -1); d != nil {
		return d
	}
	return expanded(addTerms(addTerms(nil, a, 1), b, -1), resultShape2(a, b))
}

func resultShape2(a, b *Expr) Shape {
	if a.Shape.IsScalar() {
		return b.Shape
	}
	return a.Shape
}

// term is one signed summand c·t of a sum.
type term struct {
	c float64
	t *Expr // nil for a pure number
}

// addTerms appends the summands of e, each times sign, merging like terms.
func addTerms(ts []term, e *Expr, sign float64) []term {
	switch e.Op {
	case OpAdd:
		return addTerms(addTerms(ts, e.Args[0], sign), e.Args[1], sign)
	case OpSub:
		return addTerms(addTerms(ts, e.Args[0], sign), e.Args[1], -sign)
	case OpNeg:
		return addTerms(ts, e.Args[0], -sign)
	case OpNum:
		return mergeTerm(ts, term{c: sign * e.Num})
	}
	c, t := splitCoef(e)
	return mergeTerm(ts, term{c: sign * c, t: t})
}

func mergeTerm(ts []term, x term) []term {
	for i := range ts {
		if (ts[i].t == nil && x.t == nil) || (ts[i].t != nil && x.t != nil && likeTerms(ts[i].t, x.t)) {
			ts[i].c += x.c
			return ts
		}
	}
	return append(ts, x)
}

// splitCoef writes a product as c·t with c its numeric coefficient.
func splitCoef(e *Expr) (float64, *Expr) {
	if e.Op != OpMul {
		return 1, e
	}
	fs, sign := mulFactors(nil, e, 1)
	c := sign
	var rest []*Expr
	for _, f := range fs {
		if v, ok := numValue(f); ok && f.Shape.IsScalar() {
			c *= v
			continue
		}
		if q, ok := numValue(divisor(f)); ok && q != 0 {
			if p, ok := numValue(f.Args[0]); ok {
				c *= p / q
				continue
			}
		}
		rest = append(rest, f)
	}
	if c == 1 {
		return 1, e
	}
	if len(rest) == 0 {
		return c, nil
	}
	return c, chain(rest)
}

// sumOf rebuilds a sum from its terms, positive terms first where that
// avoids a leading minus.
func sumOf(ts []term, s Shape) *Expr {
	// A matrix before its transpose: A + Aᵀ, B X + Bᵀ X.
	for i := range ts {
		for j := i + 1; j < len(ts); j++ {
			if ts[i].t != nil && ts[j].t != nil && transposedFirst(ts[i].t, ts[j].t) {
				ts[i], ts[j] = ts[j], ts[i]
			}
		}
	}
	if len(ts) > 1 && ts[0].c < 0 {
		// −y + s … reads better as s … − y.
		for i, x := range ts {
			if x.c > 0 {
				ts = append([]term{x}, append(append([]term{}, ts[:i]...), ts[i+1:]...)...)
				break
			}
		}
	}
	var out *Expr
	for _, x := range ts {
		if x.c == 0 {
			continue
		}
		var v *Expr
		if x.t == nil {
			v = Number(math.Abs(x.c))
		} else {
			v = scale(math.Abs(x.c), x.t)
		}
		switch {
		case out == nil && x.c < 0:
			out = Neg(v)
		case out == nil:
			out = v
		case x.c < 0:
			out = &Expr{Op: OpSub, Args: []*Expr{out, v}, Shape: s, Pos: NoPos}
		default:
			out = &Expr{Op: OpAdd, Args: []*Expr{out, v}, Shape: s, Pos: NoPos}
		}
	}
	if out == nil {
		return Zero(s)
	}
	if !s.IsScalar() && out.Shape.IsScalar() {
		// Only broadcast numbers are left: c 𝟙.
		return Mul(out, Ones(s))
	}
	return factorCommon(out)
}

// scale returns c·t for c > 0 (t itself when c is 1).
func scale(c float64, t *Expr) *Expr {
	if c == 1 {
		return t
	}
	return Mul(Number(c), t)
}

// factorCommon rewrites A x + B x as (A + B) x, and X a + X b as
// X (a + b), for matrix products with a common outer factor.
func factorCommon(e *Expr) *Expr {
	if e.Op != OpAdd && e.Op != OpSub {
		return e
	}
	a, b := e.Args[0], e.Args[1]
	if h := factorHad(e.Op, a, b); h != nil {
		return h
	}
	if a.Op != OpMul || b.Op != OpMul || a.Shape.IsScalar() {
		return e
	}
	fa, sa := mulFactors(nil, a, 1)
	fb, sb := mulFactors(nil, b, 1)
	if sa != 1 || sb != 1 || len(fa) < 2 || len(fb) < 2 {
		return e
	}
	la, lb := fa[len(fa)-1], fb[len(fb)-1]
	if f0 := fa[0]; sameExpr(f0, fb[0]) && !f0.Shape.IsScalar() && !sameExpr(la, lb) {
		// X b cᵀ + X c bᵀ is X (b cᵀ + c bᵀ).
		ta, tb := chain(fa[1:]), chain(fb[1:])
		if !ta.Shape.IsScalar() && ta.Shape.Equal(tb.Shape) {
			return raw(OpMul, f0, &Expr{Op: e.Op, Args: []*Expr{ta, tb}, Shape: ta.Shape, Pos: NoPos})
		}
		return e
	}
	if !sameExpr(la, lb) || la.Shape.IsScalar() {
		return e
	}
	ha, hb := chain(fa[:len(fa)-1]), chain(fb[:len(fb)-1])
	if !ha.Shape.Equal(hb.Shape) {
		return e
	}
	// The heads are matrices ((A + B) x) or scalars ((s + t) x).
	inner := &Expr{Op: e.Op, Args: []*Expr{ha, hb}, Shape: ha.Shape, Pos: NoPos}
	return raw(OpMul, inner, la)
}

// likeTerms reports whether two terms are equal up to the order of their
// scalar factors (3 cos(x) x² and 3 x² cos(x)) or of their elementwise
// factors.
func likeTerms(a, b *Expr) bool {
	if sameExpr(a, b) {
		return true
	}
	if a.Op == OpHad && b.Op == OpHad {
		// Elementwise products commute: σ ⊙ y and y ⊙ σ (for chains short
		// enough to compare factor by factor).
		n := hadLen(a, maxHadFactors)
		if n > maxHadFactors || hadLen(b, maxHadFactors) != n {
			return false
		}
		return sameFactors(hadFactors(nil, a), hadFactors(nil, b))
	}
	if a.Op != OpMul || b.Op != OpMul || !a.Shape.IsScalar() || !b.Shape.IsScalar() {
		return false
	}
	fa, sa := mulFactors(nil, a, 1)
	fb, sb := mulFactors(nil, b, 1)
	if sa != sb {
		return false
	}
	return sameFactors(fa, fb)
}

// sameFactors reports whether two lists hold the same factors in any
// order.
func sameFactors(fa, fb []*Expr) bool {
	if len(fa) != len(fb) {
		return false
	}
	used := make([]bool, len(fb))
	for _, f := range fa {
		found := false
		for j, g := range fb {
			if !used[j] && sameExpr(f, g) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// transposedFirst reports whether a is b with a transposed leading factor
// (Aᵀ against A, Bᵀ X against B X), so that b should be written first.
func transposedFirst(a, b *Expr) bool {
	head := func(e *Expr) (*Expr, *Expr) {
		if e.Op == OpMul && len(e.Args) == 2 {
			return e.Args[0], e.Args[1]
		}
		return e, nil
	}
	ha, ra := head(a)
	hb, rb := head(b)
	if (ra == nil) != (rb == nil) || ra != nil && !sameExpr(ra, rb) {
		return false
	}
	return ha.Op == OpT && len(ha.Args) == 1 && hb.Op != OpT && sameExpr(ha.Args[0], hb)
}
