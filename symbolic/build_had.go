package symbolic

// Rewrites of elementwise products: repeated factors become elementwise
// powers (y ⊙ t ⊙ y is y .^ 2 ⊙ t), and a factor common to both terms of
// a sum is taken out (a ⊙ c − b ⊙ c is (a − b) ⊙ c).

// maxHadFactors bounds the chains hadPowers looks into: its comparisons
// are quadratic in the length, and the deep chains of a nested network's
// derivative have no repeats worth writing as powers.
const maxHadFactors = 8

// hadFactors appends the factors of a chain of elementwise products.
func hadFactors(fs []*Expr, e *Expr) []*Expr {
	if e.Op == OpHad {
		return hadFactors(hadFactors(fs, e.Args[0]), e.Args[1])
	}
	return append(fs, e)
}

// hadLen counts the factors of a chain of elementwise products, up to
// limit+1.
func hadLen(e *Expr, limit int) int {
	n := 0
	for e.Op == OpHad && n <= limit {
		n += hadLen(e.Args[1], limit-n)
		e = e.Args[0]
	}
	return n + 1
}

// hadPowers returns a ⊙ b with repeated factors merged into elementwise
// powers, or nil when no factor repeats.
func hadPowers(a, b *Expr) *Expr {
	if hadLen(a, maxHadFactors)+hadLen(b, maxHadFactors) > maxHadFactors {
		return nil
	}
	fs := hadFactors(hadFactors(nil, a), b)
	base := func(f *Expr) (*Expr, float64) {
		if f.Op == OpHPow {
			if k, ok := numValue(f.Args[1]); ok {
				return f.Args[0], k
			}
		}
		return f, 1
	}
	var bases []*Expr
	var exps []float64
	merged := false
	for _, f := range fs {
		fb, k := base(f)
		found := false
		for i, o := range bases {
			if sameExpr(o, fb) {
				exps[i] += k
				found, merged = true, true
				break
			}
		}
		if !found {
			bases = append(bases, fb)
			exps = append(exps, k)
		}
	}
	if !merged {
		return nil
	}
	var out *Expr
	for i, fb := range bases {
		f := HPow(fb, Number(exps[i]))
		if out == nil {
			out = f
		} else {
			out = Had(out, f)
		}
	}
	return out
}

// factorHad rewrites p ⊙ q ± r ⊙ s with a factor common to both products
// as that factor times the sum (or difference) of the others; nil when
// the terms share no factor.
func factorHad(op Op, a, b *Expr) *Expr {
	if a.Op != OpHad || b.Op != OpHad {
		return nil
	}
	combine := Add
	if op == OpSub {
		combine = Sub
	}
	for i := range 2 {
		for j := range 2 {
			if c := a.Args[i]; sameExpr(c, b.Args[j]) {
				return Had(combine(a.Args[1-i], b.Args[1-j]), c)
			}
		}
	}
	return nil
}
