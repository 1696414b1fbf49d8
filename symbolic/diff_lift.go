package symbolic

// liftElementwise rewrites the body of a scalar function definition
// (σ(t) = 1/(1 + exp(−t)), or φ(t) = tanh(t) from --let 'φ = tanh')
// inlined at a vector or matrix argument, so that it applies entry by
// entry as SPEC §2.1 says a scalar function does: a product of two
// non-scalars becomes ⊙, a quotient by a non-scalar ⊘, a power of a
// non-scalar .^, and every node's shape is recomputed from its operands
// (inlining copies the scalar shapes of the definition). Shared nodes stay
// shared. A shape that still does not fit is an error at the node.
//
// args are the arguments substituted for the parameters: they are operands
// of the body, not part of it, and are left as they are.
func (c *gradCtx) liftElementwise(e *Expr, args []*Expr) (*Expr, error) {
	memo := map[*Expr]*Expr{}
	for _, a := range args {
		memo[a] = a
	}
	var walk func(x *Expr) (*Expr, error)
	walk = func(x *Expr) (*Expr, error) {
		if y, ok := memo[x]; ok {
			return y, nil
		}
		if len(x.Args) == 0 || x.Op == OpSum {
			memo[x] = x
			return x, nil
		}
		out := *x
		out.Args = make([]*Expr, len(x.Args))
		for i, a := range x.Args {
			b, err := walk(a)
			if err != nil {
				return nil, err
			}
			out.Args[i] = b
		}
		nonScalar := func(i int) bool { return !out.Args[i].Shape.Norm().IsScalar() }
		switch {
		case out.Op == OpMul && len(out.Args) == 2 && nonScalar(0) && nonScalar(1):
			out.Op = OpHad
		case out.Op == OpDiv && len(out.Args) == 2 && nonScalar(1):
			out.Op = OpHDiv
		case out.Op == OpPow && len(out.Args) == 2 && nonScalar(0) && !nonScalar(1):
			out.Op = OpHPow
		}
		sh, err := ResultShapeIn(&out, c.symbol)
		if err != nil {
			return nil, err
		}
		out.Shape = sh
		memo[x] = &out
		return &out, nil
	}
	return walk(e)
}
