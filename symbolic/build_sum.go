package symbolic

// SumOver returns Σ_{idx=lo}^{hi} body, with the factors of body that do
// not mention idx taken out of the sum (Σ_j c a_j is c Σ_j a_j) and a
// negation hoisted in front.
func SumOver(idx string, lo, hi, body *Expr) *Expr {
	if isZero(body) {
		return body
	}
	if body.Op == OpNeg {
		return Neg(SumOver(idx, lo, hi, body.Args[0]))
	}
	if body.Op == OpMul {
		var buf [8]*Expr
		fs, sign := mulFactors(buf[:0], body, 1)
		var out, in []*Expr
		for _, f := range fs {
			if f.Shape.IsScalar() && !mentionsIndex(f, idx) {
				out = append(out, f)
			} else {
				in = append(in, f)
			}
		}
		if len(in) > 0 && (len(out) > 0 || sign < 0) {
			s := SumOver(idx, lo, hi, chain(in))
			if len(out) > 0 {
				s = Mul(chain(out), s)
			}
			if sign < 0 {
				return Neg(s)
			}
			return s
		}
	}
	return &Expr{Op: OpSum, Name: idx, Args: []*Expr{lo, hi, body}, Shape: body.Shape, Pos: NoPos}
}

// mentionsIndex reports whether e uses the index idx freely.
func mentionsIndex(e *Expr, idx string) bool {
	seen := map[*Expr]bool{}
	var walk func(e *Expr) bool
	walk = func(e *Expr) bool {
		if seen[e] {
			return false
		}
		seen[e] = true
		if e.Op == OpVar && len(e.Sub) == 0 && e.Label == "" && e.Name == idx {
			return true
		}
		if e.Op == OpSum && e.Name == idx {
			return walk(e.Args[0]) || walk(e.Args[1])
		}
		for _, s := range e.Sub {
			if walk(s) {
				return true
			}
		}
		for _, a := range e.Args {
			if walk(a) {
				return true
			}
		}
		return false
	}
	return walk(e)
}
