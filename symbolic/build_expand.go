package symbolic

// Distribution that pays for itself: a sum whose terms are products with
// a sum factor is expanded one level, and the expansion is kept only when
// like terms then cancel to something smaller. −y (1 − σ) − (y − 1) σ is
// σ − y; a ⊙ (b + c) alone stays as it is.

// maxExpandSize bounds the size of the sums tried (and so the work done):
// the cancellations this is for happen in answer-key-sized sums, and
// trying every large sum of a deep derivative would cost more than the
// derivative.
const maxExpandSize = 40

// expandSum returns the sum of ts expanded one level, or nil when that is
// not smaller than r, the sum as built.
func expandSum(ts []term, s Shape, r *Expr) *Expr {
	if len(ts) < 2 || treeSize(r, maxExpandSize+1) > maxExpandSize {
		return nil
	}
	// The terms distributed first: when none has a sum factor, the sum
	// stays as built, and no term is merged.
	var buf [8][]term
	parts := buf[:0]
	changed := false
	for _, x := range ts {
		d := distribute(x)
		parts = append(parts, d)
		changed = changed || d != nil
	}
	if !changed {
		return nil
	}
	var out []term
	for i, x := range ts {
		if parts[i] == nil {
			out = mergeTerm(out, x)
			continue
		}
		for _, p := range parts[i] {
			out = mergeTerm(out, p)
		}
	}
	e := sumOf(out, s)
	if treeSize(e, maxExpandSize+1) >= treeSize(r, maxExpandSize+1) {
		return nil
	}
	return e
}

// distribute writes the term c·t, t a product (matrix, scalar or
// elementwise) with a sum factor, as the terms of the expanded product;
// nil when t has no sum factor.
func distribute(x term) []term {
	t := x.t
	if t == nil {
		return nil
	}
	var fs []*Expr
	var join func(a, b *Expr) *Expr
	switch {
	case t.Op == OpHad:
		fs, join = hadFactors(nil, t), Had
	case t.Op == OpMul && t.Shape.IsScalar():
		var sign float64
		fs, sign = mulFactors(nil, t, 1)
		x.c *= sign
		join = Mul
	default:
		return nil
	}
	for i, f := range fs {
		if (f.Op != OpAdd && f.Op != OpSub) || !f.Shape.Equal(t.Shape) {
			continue
		}
		rest := func(u *Expr) *Expr {
			e := u
			for j, g := range fs {
				if j != i {
					e = join(e, g)
				}
			}
			return e
		}
		var out []term
		for _, p := range addTerms(nil, f, 1) {
			u := p.t
			if u == nil {
				u = Number(1)
			}
			c, r := splitCoef(rest(u))
			out = append(out, term{c: x.c * p.c * c, t: r})
		}
		return out
	}
	return nil
}

// treeSize counts the nodes of e as a tree, up to limit.
func treeSize(e *Expr, limit int) int {
	n := 1
	for _, a := range e.Args {
		if n >= limit {
			break
		}
		n += treeSize(a, limit-n)
	}
	return n
}
