package symbolic

import "math"

// The smart constructors below build nodes with their Shape set and apply
// the local rewrites that keep derivatives in textbook form (SPEC §3):
// constants folded, 0 and 1 dropped, scalar factors first, negation hoisted
// to the front, matrix products left-associated, transposes pushed to the
// leaves, like terms collected. Operands must be well-typed (shapes as the
// parser infers them); the constructors never panic on well-typed operands
// and never fail.

// Number returns the scalar literal v.
func Number(v float64) *Expr { return &Expr{Op: OpNum, Num: v, Pos: NoPos} }

// Zero returns the zero of a shape: the literal 0 carrying the shape (a
// scalar 0 when s is nil).
func Zero(s Shape) *Expr { return &Expr{Op: OpNum, Num: 0, Shape: s, Pos: NoPos} }

// Ones returns the all-ones vector or matrix 𝟙 of shape s.
func Ones(s Shape) *Expr { return &Expr{Op: OpOnes, Shape: s, Pos: NoPos} }

// Eye returns the n×n identity matrix I.
func Eye(n Dim) *Expr { return &Expr{Op: OpEye, Shape: Matrix(n, n), Pos: NoPos} }

// raw builds a node of op over args with its shape computed, applying no
// rewrite.
func raw(op Op, args ...*Expr) *Expr {
	return &Expr{Op: op, Args: args, Shape: builtShape(op, args), Pos: NoPos}
}

// numValue returns the value of a literal.
func numValue(e *Expr) (float64, bool) {
	if e != nil && e.Op == OpNum {
		return e.Num, true
	}
	return 0, false
}

func isNumber(e *Expr, v float64) bool {
	n, ok := numValue(e)
	return ok && n == v
}

// Neg returns −a: −(−a) is a, −c folds.
func Neg(a *Expr) *Expr {
	switch a.Op {
	case OpNum:
		return &Expr{Op: OpNum, Num: -a.Num, Shape: a.Shape, Pos: NoPos}
	case OpNeg:
		return a.Args[0]
	}
	return raw(OpNeg, a)
}

// Add returns a + b, with like terms collected (P + P is 2 P), zeros
// dropped and negated terms written as differences.
func Add(a, b *Expr) *Expr {
	if ca, ta := splitCoef(a); ta != nil {
		if cb, tb := splitCoef(b); tb != nil && sameExpr(ta, tb) {
			// P + P is 2 P, also when P is itself a sum.
			return sumOf([]term{{c: ca + cb, t: ta}}, resultShape2(a, b))
		}
	}
	return sumOf(addTerms(addTerms(nil, a, 1), b, 1), resultShape2(a, b))
}

// Sub returns a − b, simplified as Add.
func Sub(a, b *Expr) *Expr { return sumOf(addTerms(addTerms(nil, a, 1), b, -1), resultShape2(a, b)) }

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
		if (ts[i].t == nil && x.t == nil) || (ts[i].t != nil && x.t != nil && sameExpr(ts[i].t, x.t)) {
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
	if out.Op == OpNeg && out.Args[0].Op == OpSub {
		// −(a − b) reads better as b − a only when b is not a number.
		return out
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

// factorCommon rewrites A x + B x as (A + B) x for matrix products with a
// common right factor.
func factorCommon(e *Expr) *Expr {
	if e.Op != OpAdd && e.Op != OpSub {
		return e
	}
	a, b := e.Args[0], e.Args[1]
	if a.Op != OpMul || b.Op != OpMul || a.Shape.IsScalar() {
		return e
	}
	fa, sa := mulFactors(nil, a, 1)
	fb, sb := mulFactors(nil, b, 1)
	if sa != 1 || sb != 1 || len(fa) < 2 || len(fb) < 2 {
		return e
	}
	la, lb := fa[len(fa)-1], fb[len(fb)-1]
	if !sameExpr(la, lb) || la.Shape.IsScalar() {
		return e
	}
	ha, hb := chain(fa[:len(fa)-1]), chain(fb[:len(fb)-1])
	if ha.Shape.IsScalar() || hb.Shape.IsScalar() || !ha.Shape.Equal(hb.Shape) {
		return e
	}
	inner := &Expr{Op: e.Op, Args: []*Expr{ha, hb}, Shape: ha.Shape, Pos: NoPos}
	return raw(OpMul, inner, la)
}
