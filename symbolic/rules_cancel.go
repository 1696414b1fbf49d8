package symbolic

// Cancel is the rule set that cancels what a derivative divides by and
// multiplies by entry by entry; what it leaves is simplified again by the
// constructors, which then collect the terms it freed ((1 − σ) ⊙ y and
// σ ⊙ (y − 𝟙) add up to σ − y).
var Cancel = RuleSet{
	{Name: "cancel-hadamard", Doc: "a ⊙ b ⊙ (c ⊘ b) → a ⊙ c (also with 1 − s ⊘ 𝟙 − s)", Apply: ruleCancelHadamard, Ops: OpsOf(OpHad, OpHDiv)},
}

// hadParts splits an elementwise product and quotient into the factors of
// its numerator and denominator.
func hadParts(e *Expr, num, den []*Expr, inDen bool) ([]*Expr, []*Expr) {
	switch {
	case e.Op == OpHad && len(e.Args) == 2:
		num, den = hadParts(e.Args[0], num, den, inDen)
		return hadParts(e.Args[1], num, den, inDen)
	case e.Op == OpHDiv && len(e.Args) == 2:
		num, den = hadParts(e.Args[0], num, den, inDen)
		return hadParts(e.Args[1], num, den, !inDen)
	case inDen:
		return num, append(den, e)
	}
	return append(num, e), den
}

// isOne reports the number 1 or the all-ones 𝟙 (which 1 broadcasts to).
func isOne(e *Expr) bool { return isNumber(e, 1) || e.Op == OpOnes }

// sameEntries reports whether a and b are equal entry by entry: Equal,
// or 1 − s and 𝟙 − s (1 broadcasts).
func sameEntries(a, b *Expr) bool {
	if Equal(a, b) {
		return true
	}
	return a.Op == OpSub && b.Op == OpSub && len(a.Args) == 2 && len(b.Args) == 2 &&
		isOne(a.Args[0]) && isOne(b.Args[0]) && Equal(a.Args[1], b.Args[1])
}

// hadChain multiplies factors entry by entry, without rewriting.
func hadChain(fs []*Expr) *Expr {
	out := fs[0]
	for _, f := range fs[1:] {
		out = raw(OpHad, out, f)
	}
	return out
}

// ruleCancelHadamard removes a factor that an elementwise product both
// multiplies and divides by.
func ruleCancelHadamard(e *Expr) (*Expr, bool) {
	if e.Op != OpHad && e.Op != OpHDiv {
		return nil, false
	}
	num, den := hadParts(e, nil, nil, false)
	if len(den) == 0 || len(num)+len(den) > maxMonomialFactors {
		return nil, false
	}
	cancelled := false
	for j := 0; j < len(den); j++ {
		for i, n := range num {
			if sameEntries(n, den[j]) && n.Shape.Equal(e.Shape) {
				num = append(num[:i:i], num[i+1:]...)
				den = append(den[:j:j], den[j+1:]...)
				j--
				cancelled = true
				break
			}
		}
	}
	if !cancelled {
		return nil, false
	}
	if len(num) == 0 {
		num = []*Expr{Ones(e.Shape)}
	}
	out := hadChain(num)
	if len(den) > 0 {
		out = raw(OpHDiv, out, hadChain(den))
	}
	if !out.Shape.Equal(e.Shape) {
		return nil, false
	}
	return out, true
}

// hadamardFactors lists the factors of an elementwise product, a power a .^ k
// (k = 2, 3) counted as k factors a; nil when e is not a product.
func hadamardFactors(e *Expr) []*Expr {
	if e.Op != OpHad && e.Op != OpHPow {
		return nil // one factor, e itself
	}
	var out []*Expr
	var walk func(e *Expr)
	walk = func(e *Expr) {
		switch {
		case e.Op == OpHad && len(e.Args) == 2:
			walk(e.Args[0])
			walk(e.Args[1])
		case e.Op == OpHPow && len(e.Args) == 2 && (isNumber(e.Args[1], 2) || isNumber(e.Args[1], 3)) && e.Args[1].Name == "":
			for range int(e.Args[1].Num) {
				out = append(out, e.Args[0])
			}
		default:
			out = append(out, e)
		}
	}
	walk(e)
	if len(out) < 2 {
		return nil
	}
	return out
}

// ruleCommonHadamard pulls factors that two elementwise products share out
// of their sum or difference: (1 − s) ⊙ (1 − s) ⊙ s − s² ⊙ (1 − s) →
// (1 − s) ⊙ s ⊙ ((1 − s) − s).
func ruleCommonHadamard(e *Expr) (*Expr, bool) {
	if (e.Op != OpAdd && e.Op != OpSub) || len(e.Args) != 2 || e.Shape.IsScalar() {
		return nil, false
	}
	fa, fb := hadamardFactors(e.Args[0]), hadamardFactors(e.Args[1])
	if fa == nil || fb == nil || len(fa)+len(fb) > maxMonomialFactors {
		return nil, false
	}
	var common []*Expr
	for i := 0; i < len(fa); i++ {
		for j, g := range fb {
			if sameEntries(fa[i], g) && fa[i].Shape.Equal(e.Shape) {
				common = append(common, fa[i])
				fa = append(fa[:i:i], fa[i+1:]...)
				fb = append(fb[:j:j], fb[j+1:]...)
				i--
				break
			}
		}
	}
	if len(common) == 0 || len(fa) == 0 || len(fb) == 0 {
		return nil, false
	}
	rest := raw(e.Op, hadChain(fa), hadChain(fb))
	if !rest.Shape.Equal(e.Shape) {
		return nil, false
	}
	return raw(OpHad, hadChain(common), rest), true
}
