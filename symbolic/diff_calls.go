package symbolic

// callRule passes the adjoint a of a call n through the function: builtin
// elementwise functions by their known derivatives written through the
// function itself (σ' = σ ⊙ (1 − σ), tanh' = 1 − tanh², relu' = step,
// softplus' = σ, …), reductions and matrix functions by their gradients,
// and declared functions by φ'(z), J_Φ(z)ᵀ or ∂_k f(…).
func (c *gradCtx) callRule(n, a *Expr, give func(child, v *Expr)) error {
	if s := c.symbol(n.Key()); s != nil && s.Kind == SymFunc {
		return c.declaredRule(n, s, a, give)
	}
	if len(n.Args) != 1 {
		return Errorf(n.Pos, "cannot differentiate %s", Print(n, Text))
	}
	x := n.Args[0]
	switch n.Name {
	case "log":
		if m := softplusArg(x); m != nil && c.depends(m) {
			give(m, elemScale(Call("σ", m), a))
			return nil
		}
		if m, neg := logSigmoidArg(x); m != nil && c.depends(m) {
			// (log σ)' = 1 − σ and (log(1 − σ))' = −σ.
			if neg {
				give(m, Neg(elemScale(Call("σ", m), a)))
			} else {
				give(m, elemScale(Sub(Number(1), Call("σ", m)), a))
			}
			return nil
		}
		if x.Op == OpCall && x.Name == "softmax" && c.depends(x.Args[0]) {
			// log softmax(z) = z − logsumexp(z) 𝟙: z̄ = C̄ − (𝟙ᵀC̄) softmax(z).
			give(x.Args[0], Sub(a, Mul(Call("sum", a), x)))
			return nil
		}
		if x.Op == OpCall && x.Name == "det" && c.depends(x.Args[0]) {
			give(x.Args[0], Mul(a, T(Inv(x.Args[0]))))
			return nil
		}
		if x.Shape.IsScalar() {
			give(x, Div(a, x))
		} else {
			give(x, HDiv(a, x))
		}
		return nil
	case "sqrt":
		if x.Shape.IsScalar() {
			give(x, Div(a, Mul(Number(2), n)))
		} else {
			give(x, HDiv(a, Mul(Number(2), n)))
		}
		return nil
	case "sum":
		if x.Shape.IsScalar() {
			give(x, a)
		} else {
			give(x, Mul(a, Ones(x.Shape)))
		}
		return nil
	case "tr":
		give(x, Mul(a, Eye(x.Shape.Rows())))
		return nil
	case "det":
		give(x, Mul(Mul(a, n), T(Inv(x))))
		return nil
	case "logdet":
		give(x, Mul(a, T(Inv(x))))
		return nil
	case "logsumexp":
		give(x, Mul(a, Call("softmax", x)))
		return nil
	case "softmax":
		give(x, Sub(Had(n, a), Mul(n, Mul(T(n), a))))
		return nil
	case "diag":
		give(x, Call("diag", a))
		return nil
	case "vector", "matrix":
		give(x, reduceTo(a, x.Shape))
		return nil
	case "sign", "step":
		return nil // zero almost everywhere
	}
	d := elemDeriv(n.Name, x, n)
	if d == nil {
		return Errorf(n.Pos, "cannot differentiate %s", Print(n, Text))
	}
	give(x, elemScale(d, a))
	return nil
}

// softplusArg recognises log(1 + exp(m)) and returns m.
func softplusArg(x *Expr) *Expr {
	if x.Op != OpAdd {
		return nil
	}
	for i := range 2 {
		one, e := x.Args[i], x.Args[1-i]
		if isNumber(one, 1) && e.Op == OpCall && e.Name == "exp" {
			return e.Args[0]
		}
	}
	return nil
}

// logSigmoidArg recognises σ(m) and 1 − σ(m) (neg) and returns m.
func logSigmoidArg(x *Expr) (m *Expr, neg bool) {
	if x.Op == OpCall && x.Name == "σ" && len(x.Args) == 1 {
		return x.Args[0], false
	}
	if x.Op == OpSub && isNumber(x.Args[0], 1) {
		if s := x.Args[1]; s.Op == OpCall && s.Name == "σ" && len(s.Args) == 1 {
			return s.Args[0], true
		}
	}
	return nil, false
}

// sq is x² for a scalar, x .^ 2 otherwise.
func sq(x *Expr) *Expr {
	if x.Shape.IsScalar() {
		return Pow(x, Number(2))
	}
	return HPow(x, Number(2))
}

// recip is 1/x for a scalar, 1 ⊘ x otherwise.
func recip(x *Expr) *Expr {
	if x.Shape.IsScalar() {
		return Div(Number(1), x)
	}
	return HDiv(Number(1), x)
}

// elemDeriv is the derivative f'(x) of a builtin elementwise function, with
// fx = f(x) the call itself; nil for a function with no rule.
func elemDeriv(name string, x, fx *Expr) *Expr {
	one := Number(1)
	switch name {
	case "exp":
		return fx
	case "sin":
		return Call("cos", x)
	case "cos":
		return Neg(Call("sin", x))
	case "tan":
		return Add(one, sq(fx))
	case "tanh":
		return Sub(one, sq(fx))
	case "sinh":
		return Call("cosh", x)
	case "cosh":
		return Call("sinh", x)
	case "arcsin":
		return recip(Call("sqrt", Sub(one, sq(x))))
	case "arccos":
		return Neg(recip(Call("sqrt", Sub(one, sq(x)))))
	case "arctan":
		return recip(Add(one, sq(x)))
	case "abs":
		return Call("sign", x)
	case "relu":
		return Call("step", x)
	case "softplus":
		return Call("σ", x)
	case "σ":
		return elemMul(fx, Sub(one, fx))
	}
	return nil
}

// declaredRule differentiates a call of a declared function: φ'(z) ⊙ C̄
// for an elementwise φ (and a member g_i of a family), J_Φ(z)ᵀ C̄ for a
// vector map, C̄ J_L(u)ᵀ for a scalar function of a vector, and
// C̄ ∂_k f(a₁, …) for each argument of a function of several arguments.
func (c *gradCtx) declaredRule(n *Expr, s *Symbol, a *Expr, give func(child, v *Expr)) error {
	if len(n.Args) == 1 {
		x := n.Args[0]
		switch {
		case s.Elementwise || (x.Shape.IsScalar() && n.Shape.IsScalar()):
			d := &Expr{Op: OpPrime, Name: n.Name, Label: n.Label, Sub: n.Sub, Args: []*Expr{x}, Shape: x.Shape, Pos: NoPos}
			give(x, elemScale(d, a))
		case x.Shape.IsScalar():
			return Errorf(n.Pos, "cannot differentiate %s: a function of a scalar with a %s value", Print(n, Text), n.Shape)
		default:
			j := &Expr{Op: OpJac, Name: n.Name, Label: n.Label, Sub: n.Sub, Args: []*Expr{x},
				Shape: Matrix(n.Shape.Rows(), x.Shape.Rows()), Pos: NoPos}
			if n.Shape.IsScalar() {
				give(x, Mul(a, raw(OpT, j)))
			} else {
				give(x, Mul(raw(OpT, j), a))
			}
		}
		return nil
	}
	if !n.Shape.IsScalar() {
		return Errorf(n.Pos, "cannot differentiate %s: a function of several arguments with a %s value", Print(n, Text), n.Shape)
	}
	for k, x := range n.Args {
		if !c.depends(x) {
			continue
		}
		pk := &Expr{Op: OpPartial, Name: n.Name, Label: n.Label, Sub: n.Sub, Num: float64(k + 1), Args: n.Args, Shape: x.Shape, Pos: NoPos}
		give(x, Mul(a, pk))
	}
	return nil
}
