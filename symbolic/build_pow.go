package symbolic

// matPower splits a matrix factor into base, integer exponent and whether
// it is transposed: X is (X, 1, false), (X²)ᵀ and Xᵀ Xᵀ's factors are
// (X, 2, true) and (X, 1, true). ok is false for factors that are not
// powers of a square matrix leaf-like base (inverses and I are left to
// their own rules).
func matPower(f *Expr) (base *Expr, k float64, t, ok bool) {
	if f.Op == OpT {
		t, f = true, f.Args[0]
	}
	base, k = f, 1
	if f.Op == OpPow {
		v, isNum := numValue(f.Args[1])
		if !isNum || v != float64(int(v)) || v < 1 {
			return nil, 0, false, false
		}
		base, k = f.Args[0], v
	}
	if !base.Shape.IsMatrix() || base.Shape.Rows() != base.Shape.Cols() || base.Op == OpInv || base.Op == OpEye || base.Op == OpT {
		return nil, 0, false, false
	}
	return base, k, t, true
}

// mergeMatPowers writes runs of one square matrix in a product as a
// power: X X is X², Xᵀ Xᵀ is (X²)ᵀ, X² X is X³.
func mergeMatPowers(fs []*Expr) []*Expr {
	if !matPowersMerge(fs) {
		return fs // nothing to merge: no copy
	}
	var out []*Expr
	for _, f := range fs {
		if n := len(out); n > 0 {
			b1, k1, t1, ok1 := matPower(out[n-1])
			b2, k2, t2, ok2 := matPower(f)
			if ok1 && ok2 && t1 == t2 && sameExpr(b1, b2) {
				p := raw(OpPow, b1, Number(k1+k2))
				if t1 {
					p = raw(OpT, p)
				}
				out[n-1] = p
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// matPowersMerge reports whether two neighbours of fs merge into one
// power (the test of mergeMatPowers, on the list as it is).
func matPowersMerge(fs []*Expr) bool {
	for i := 1; i < len(fs); i++ {
		b1, _, t1, ok1 := matPower(fs[i-1])
		if !ok1 {
			continue
		}
		if b2, _, t2, ok2 := matPower(fs[i]); ok2 && t1 == t2 && sameExpr(b1, b2) {
			return true
		}
	}
	return false
}
