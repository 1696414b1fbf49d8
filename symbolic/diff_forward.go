package symbolic

// Forward mode for Jacobians and Hessians. The tangent of a column vector
// or scalar e is ∂e/∂x as a matrix of e's rows by x's length n (a row for a
// scalar e; a column when x is a scalar); the tangent of a row vector is
// that of its transpose. A matrix-valued intermediate that depends on x
// would need three axes and is reported as unsupported.

// tangent returns ∂e/∂x (nil for zero), memoised.
func (c *gradCtx) tangent(e *Expr, memo map[*Expr]*Expr) (*Expr, error) {
	if r, ok := memo[e]; ok {
		return r, nil
	}
	Stats.visit(1)
	if err := c.budget.tick(); err != nil {
		return nil, err
	}
	if !c.depends(e) {
		memo[e] = nil
		return nil, nil
	}
	r, err := c.tangentOf(e, memo)
	if err != nil {
		return nil, err
	}
	memo[e] = r
	return r, nil
}

// ident is ∂x/∂x: I, or 1 for a scalar x.
func ident(x *Expr) *Expr {
	if x.Shape.IsScalar() {
		return Number(1)
	}
	return Eye(x.Shape.Rows())
}

// plus adds tangents where nil is zero.
func plus(a, b *Expr) *Expr {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return Add(a, b)
}

// negOrNil negates a tangent where nil is zero.
func negOrNil(a *Expr) *Expr {
	if a == nil {
		return nil
	}
	return Neg(a)
}

// times is Mul with a nil (zero) tangent.
func times(a, b *Expr) *Expr {
	if a == nil || b == nil {
		return nil
	}
	return Mul(a, b)
}

// diagOf is diag(v) for a vector v (or a row, taken as its column), v
// itself for a scalar.
func diagOf(v *Expr) *Expr {
	if v.Shape.IsScalar() {
		return v
	}
	return Call("diag", colForm(v))
}

// colForm is a row vector's transpose (the form tangents use), any other
// value itself.
func colForm(e *Expr) *Expr {
	if e.Shape.IsRow() {
		return T(e)
	}
	return e
}

func (c *gradCtx) tangentOf(e *Expr, memo map[*Expr]*Expr) (*Expr, error) {
	if e == c.target {
		return ident(e), nil
	}
	if e.Shape.IsMatrix() && !e.Shape.IsRow() {
		return nil, c.threeAxes(e)
	}
	args := make([]*Expr, len(e.Args))
	for i, a := range e.Args {
		t, err := c.tangent(a, memo)
		if err != nil {
			return nil, err
		}
		args[i] = t
	}
	switch e.Op {
	case OpAdd:
		return plus(args[0], args[1]), nil
	case OpSub:
		if args[1] == nil {
			return args[0], nil
		}
		return plus(args[0], negOrNil(args[1])), nil
	case OpNeg:
		return negOrNil(args[0]), nil
	case OpT:
		return args[0], nil
	case OpMul:
		return c.mulTangent(e, args)
	case OpDiv:
		x, s := e.Args[0], e.Args[1]
		var out *Expr
		if args[0] != nil {
			out = Div(args[0], s)
		}
		if args[1] != nil {
			out = plus(out, Neg(Div(Mul(x, args[1]), Pow(s, Number(2)))))
		}
		return out, nil
	case OpHad:
		x, y := e.Args[0], e.Args[1]
		return plus(times(diagOf(y), args[0]), times(diagOf(x), args[1])), nil
	case OpHDiv:
		x, y := e.Args[0], e.Args[1]
		var out *Expr
		if args[0] != nil {
			out = times(diagOf(recip(y)), args[0])
		}
		if args[1] != nil {
			out = plus(out, Neg(Mul(diagOf(HDiv(x, sq(y))), args[1])))
		}
		return out, nil
	case OpHPow, OpPow:
		if args[1] != nil {
			return nil, Errorf(e.Pos, "cannot take the Jacobian of %s: the exponent depends on the variable", Print(e, Text))
		}
		x, p := e.Args[0], e.Args[1]
		if e.Op == OpPow && x.Op == OpNorm && x.Name != "1" && isNumber(p, 2) {
			v := x.Args[0]
			vt, err := c.tangent(v, memo)
			if err != nil {
				return nil, err
			}
			return times(Mul(Number(2), T(colForm(v))), vt), nil
		}
		return times(diagOf(Mul(p, HPow(x, Sub(p, Number(1))))), args[0]), nil
	case OpNorm:
		v := e.Args[0]
		if e.Name == "1" {
			return times(T(colForm(Call("sign", v))), args[0]), nil
		}
		return times(Div(T(colForm(v)), e), args[0]), nil
	case OpCall:
		return c.callTangent(e, args)
	case OpSum:
		if args[2] == nil {
			return nil, nil
		}
		return SumOver(e.Name, e.Args[0], e.Args[1], args[2]), nil
	case OpVar:
		if c.matchIndex(e) != "" {
			return nil, Errorf(e.Pos, "second derivatives with respect to a member of a family summed over are not supported")
		}
	}
	return nil, Errorf(e.Pos, "cannot take the Jacobian of %s", Print(e, Text))
}

func (c *gradCtx) threeAxes(e *Expr) error {
	return Errorf(e.Pos, "the derivative of the matrix %s with respect to %s needs more than two axes", Print(e, Text), Print(c.target, Text))
}

// mulTangent: d(A B) for the shapes a tangent can describe.
func (c *gradCtx) mulTangent(e *Expr, ts []*Expr) (*Expr, error) {
	x, y := e.Args[0], e.Args[1]
	dx, dy := ts[0], ts[1]
	switch {
	case x.Shape.IsScalar():
		// s v: v ds + s dv (v as a column).
		return plus(times(colForm(y), dx), times(x, dy)), nil
	case y.Shape.IsScalar():
		return plus(times(colForm(x), dy), times(y, dx)), nil
	case x.Shape.IsRow() && y.Shape.IsVector():
		// uᵀ v: vᵀ du + uᵀ dv.
		return plus(times(T(y), dx), times(x, dy)), nil
	case x.Shape.IsMatrix() && !x.Shape.IsRow() && y.Shape.IsVector():
		if dx != nil {
			return nil, c.threeAxes(x)
		}
		return times(x, dy), nil
	case x.Shape.IsRow() && y.Shape.IsMatrix():
		// (uᵀ M)ᵀ = Mᵀ u.
		if dy != nil {
			return nil, c.threeAxes(y)
		}
		return times(T(y), dx), nil
	}
	return nil, c.threeAxes(e)
}

// callTangent: elementwise functions give diag(f'(a)) da; declared maps
// J_Φ(z) dz; reductions their gradients transposed.
func (c *gradCtx) callTangent(e *Expr, ts []*Expr) (*Expr, error) {
	if s := c.symbol(e.Key()); s != nil && s.Kind == SymFunc {
		if len(e.Args) != 1 {
			var out *Expr
			for k, t := range ts {
				if t != nil {
					pk := &Expr{Op: OpPartial, Name: e.Name, Label: e.Label, Sub: e.Sub, Num: float64(k + 1), Args: e.Args, Shape: e.Args[k].Shape, Pos: NoPos}
					if !e.Args[k].Shape.IsScalar() {
						return nil, Errorf(e.Pos, "cannot take the Jacobian of %s", Print(e, Text))
					}
					out = plus(out, Mul(pk, t))
				}
			}
			return out, nil
		}
		x := e.Args[0]
		if s.Elementwise || x.Shape.IsScalar() {
			d := &Expr{Op: OpPrime, Name: e.Name, Label: e.Label, Sub: e.Sub, Args: []*Expr{x}, Shape: x.Shape, Pos: NoPos}
			return times(diagOf(d), ts[0]), nil
		}
		j := &Expr{Op: OpJac, Name: e.Name, Label: e.Label, Sub: e.Sub, Args: []*Expr{x}, Shape: Matrix(e.Shape.Rows(), x.Shape.Rows()), Pos: NoPos}
		return times(j, ts[0]), nil
	}
	if len(e.Args) != 1 {
		return nil, Errorf(e.Pos, "cannot take the Jacobian of %s", Print(e, Text))
	}
	x, dx := e.Args[0], ts[0]
	switch e.Name {
	case "sum":
		if x.Shape.IsScalar() {
			return dx, nil
		}
		return times(T(Ones(colForm(x).Shape)), dx), nil
	case "log":
		return times(diagOf(recip(x)), dx), nil
	case "sqrt":
		return times(diagOf(recip(Mul(Number(2), e))), dx), nil
	case "logsumexp":
		return times(T(Call("softmax", x)), dx), nil
	case "softmax":
		return times(Sub(Call("diag", e), Mul(e, T(e))), dx), nil
	case "sign", "step":
		return nil, nil
	}
	d := elemDeriv(e.Name, x, e)
	if d == nil {
		return nil, Errorf(e.Pos, "cannot take the Jacobian of %s", Print(e, Text))
	}
	return times(diagOf(d), dx), nil
}
