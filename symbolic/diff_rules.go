package symbolic

// propagate applies the adjoint rule of node n (value C, adjoint a = C̄,
// of C's shape) and hands each operand its contribution through give.
// Matrix-level rules (SPEC §3 layout: an adjoint has its node's shape):
// C = A B gives Ā = C̄ Bᵀ, B̄ = Aᵀ C̄; a scalar factor s of C = s A gets
// ⟨C̄, A⟩; ⊙ and elementwise functions give f'(A) ⊙ C̄; X⁻¹ gives
// −X⁻ᵀ C̄ X⁻ᵀ. It fails (with n's position) on a construct it cannot
// differentiate, such as φ'(z) for an abstract φ.
func (c *gradCtx) propagate(n, a *Expr, give func(child, v *Expr)) error {
	switch n.Op {
	case OpAdd, OpSub:
		give(n.Args[0], reduceTo(a, n.Args[0].Shape))
		b := reduceTo(a, n.Args[1].Shape)
		if n.Op == OpSub {
			b = Neg(b)
		}
		give(n.Args[1], b)
	case OpNeg:
		give(n.Args[0], Neg(a))
	case OpMul:
		c.mulRule(n, a, give)
	case OpDiv:
		x, s := n.Args[0], n.Args[1]
		if c.depends(x) {
			give(x, Div(a, s))
		}
		if c.depends(s) {
			give(s, Neg(Div(inner(a, x), Pow(s, Number(2)))))
		}
	case OpHad:
		x, y := n.Args[0], n.Args[1]
		if c.depends(x) {
			give(x, reduceTo(Had(y, a), x.Shape))
		}
		if c.depends(y) {
			give(y, reduceTo(Had(x, a), y.Shape))
		}
	case OpHDiv:
		x, y := n.Args[0], n.Args[1]
		if c.depends(x) {
			give(x, reduceTo(HDiv(a, y), x.Shape))
		}
		if c.depends(y) {
			give(y, reduceTo(Neg(HDiv(Had(x, a), HPow(y, Number(2)))), y.Shape))
		}
	case OpHPow, OpPow:
		return c.powRule(n, a, give)
	case OpT:
		give(n.Args[0], T(a))
	case OpInv:
		it := T(n)
		give(n.Args[0], Neg(Mul(Mul(it, a), it)))
	case OpNorm:
		v := n.Args[0]
		if n.Name == "1" {
			give(v, elemScale(Call("sign", v), a))
		} else {
			give(v, Div(Mul(a, v), n))
		}
	case OpCall:
		return c.callRule(n, a, give)
	case OpVar, OpNum, OpOnes, OpEye:
		// Constants and other variables: nothing to pass on.
	default:
		return Errorf(n.Pos, "cannot differentiate %s", Print(n, Text))
	}
	return nil
}

// reduceTo sums an adjoint over the broadcast when the operand was a
// scalar standing for a vector or matrix.
func reduceTo(a *Expr, s Shape) *Expr {
	if s.IsScalar() && !a.Shape.IsScalar() {
		return Call("sum", a)
	}
	return a
}

// inner returns the inner product ⟨a, x⟩ of two values of one shape:
// a x for scalars, aᵀx for vectors, a xᵀ for rows, sum(a ⊙ x) for matrices.
func inner(a, x *Expr) *Expr {
	switch {
	case x.Shape.IsScalar() || a.Shape.IsScalar():
		return Mul(a, x)
	case x.Shape.IsVector():
		return Mul(T(a), x)
	case x.Shape.IsRow():
		return Mul(a, T(x))
	}
	return Call("sum", Had(a, x))
}

// elemScale multiplies an adjoint by an elementwise derivative d: d a for
// scalars, d ⊙ a otherwise (the derivative factor first).
//
// A long scalar adjoint (a chain of more than maxFold factors, as down
// a 300-deep sin(sin(…))) is extended by a plain product node: merging the
// factor into it at every step would cost its length each time; the
// gradient's Simplify merges the whole chain at once (linear).
func elemScale(d, a *Expr) *Expr {
	if d.Shape.IsScalar() && a.Shape.IsScalar() {
		if scalarLen(a, maxFold) > maxFold {
			return raw(OpMul, a, d)
		}
		return Mul(a, d)
	}
	return Had(d, a)
}

// mulRule: C = A B.
func (c *gradCtx) mulRule(n, a *Expr, give func(child, v *Expr)) {
	x, y := n.Args[0], n.Args[1]
	xs, ys := x.Shape.IsScalar(), y.Shape.IsScalar()
	dx, dy := c.depends(x), c.depends(y)
	switch {
	case xs && ys:
		if dx {
			give(x, Mul(a, y))
		}
		if dy {
			give(y, Mul(a, x))
		}
	case xs:
		if dx {
			give(x, inner(a, y))
		}
		if dy {
			give(y, Mul(x, a))
		}
	case ys:
		if dx {
			give(x, Mul(y, a))
		}
		if dy {
			give(y, inner(a, x))
		}
	default:
		if dx {
			give(x, Mul(a, T(y)))
		}
		if dy {
			give(y, Mul(T(x), a))
		}
	}
}

// powRule: C = A^p (scalar A or elementwise .^). ‖v‖² passes 2 C̄ v
// straight to v.
func (c *gradCtx) powRule(n, a *Expr, give func(child, v *Expr)) error {
	x, p := n.Args[0], n.Args[1]
	if x.Shape.IsMatrix() && n.Op == OpPow {
		return Errorf(n.Pos, "cannot differentiate the matrix power %s", Print(n, Text))
	}
	if n.Op == OpPow && x.Op == OpNorm && x.Name != "1" && isNumber(p, 2) {
		if v := x.Args[0]; c.depends(v) {
			give(v, Mul(Mul(Number(2), a), v))
		}
		return nil
	}
	if c.depends(x) {
		pm1 := Sub(p, Number(1))
		var d *Expr
		if n.Op == OpPow {
			d = Mul(p, Pow(x, pm1))
		} else {
			d = Mul(p, HPow(x, pm1))
		}
		give(x, elemScale(d, a))
	}
	// 0^p is 0 wherever it is defined (p > 0): no log(0) term.
	if c.depends(p) && (x.Op != OpNum || x.Num != 0) {
		give(p, reduceTo(elemScale(elemMul(n, Call("log", x)), a), p.Shape))
	}
	return nil
}

// elemMul is ⊙ that degrades to a product for scalars.
func elemMul(x, y *Expr) *Expr {
	if x.Shape.IsScalar() || y.Shape.IsScalar() {
		return Mul(x, y)
	}
	return Had(x, y)
}
