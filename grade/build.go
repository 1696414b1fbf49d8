package grade

import (
	"deriv/symbolic"
)

// The mutants are built with raw nodes (no simplifying rewrites), so that
// a mutant is exactly the mistake it models. Shapes are worked out here;
// an ill-typed mutant is caught when it is evaluated, and dropped.

func node(op symbolic.Op, shape symbolic.Shape, args ...*symbolic.Expr) *symbolic.Expr {
	return &symbolic.Expr{Op: op, Args: args, Shape: shape, Pos: symbolic.NoPos}
}

func num(v float64) *symbolic.Expr {
	return &symbolic.Expr{Op: symbolic.OpNum, Num: v, Pos: symbolic.NoPos}
}

func mulShape(a, b symbolic.Shape) symbolic.Shape {
	switch {
	case a.IsScalar():
		return b
	case b.IsScalar():
		return a
	}
	return symbolic.Shape{a.Rows(), b.Cols()}.Norm()
}

func mul(a, b *symbolic.Expr) *symbolic.Expr {
	return node(symbolic.OpMul, mulShape(a.Shape, b.Shape), a, b)
}

func had(a, b *symbolic.Expr) *symbolic.Expr {
	s := a.Shape
	if s.IsScalar() {
		s = b.Shape
	}
	return node(symbolic.OpHad, s, a, b)
}

// tr toggles a transpose: Xᵀ for X, X for Xᵀ.
func tr(a *symbolic.Expr) *symbolic.Expr {
	if a.Op == symbolic.OpT && len(a.Args) == 1 {
		return a.Args[0]
	}
	return node(symbolic.OpT, a.Shape.T(), a)
}

func neg(a *symbolic.Expr) *symbolic.Expr { return node(symbolic.OpNeg, a.Shape, a) }

func add(a, b *symbolic.Expr) *symbolic.Expr {
	s := a.Shape
	if s.IsScalar() {
		s = b.Shape
	}
	return node(symbolic.OpAdd, s, a, b)
}

func sub(a, b *symbolic.Expr) *symbolic.Expr {
	s := a.Shape
	if s.IsScalar() {
		s = b.Shape
	}
	return node(symbolic.OpSub, s, a, b)
}

// call applies a function of the same family as f (its name and member
// subscript) to arg.
func callLike(f *symbolic.Expr, op symbolic.Op, arg *symbolic.Expr) *symbolic.Expr {
	return &symbolic.Expr{Op: op, Name: f.Name, Sub: f.Sub, Label: f.Label, Num: f.Num, Args: []*symbolic.Expr{arg}, Shape: arg.Shape, Pos: symbolic.NoPos}
}

// product rebuilds a left-associated chain of op over factors.
func product(op symbolic.Op, fs []*symbolic.Expr) *symbolic.Expr {
	if len(fs) == 0 {
		return num(1)
	}
	out := fs[0]
	for _, f := range fs[1:] {
		if op == symbolic.OpHad {
			out = had(out, f)
		} else {
			out = mul(out, f)
		}
	}
	return out
}

// factors flattens a chain of op (OpMul or OpHad) into its factors.
func factors(e *symbolic.Expr, op symbolic.Op) []*symbolic.Expr {
	if e.Op != op || len(e.Args) != 2 {
		return []*symbolic.Expr{e}
	}
	return append(factors(e.Args[0], op), factors(e.Args[1], op)...)
}

// replace returns root with every occurrence of the node old (by
// identity) replaced by repl.
func replace(root, old, repl *symbolic.Expr) *symbolic.Expr {
	memo := map[*symbolic.Expr]*symbolic.Expr{}
	var walk func(e *symbolic.Expr) *symbolic.Expr
	walk = func(e *symbolic.Expr) *symbolic.Expr {
		if e == old {
			return repl
		}
		if r, ok := memo[e]; ok {
			return r
		}
		r := e
		var args []*symbolic.Expr
		for i, a := range e.Args {
			na := walk(a)
			if na != a && args == nil {
				args = append([]*symbolic.Expr(nil), e.Args...)
			}
			if args != nil {
				args[i] = na
			}
		}
		if args != nil {
			cp := *e
			cp.Args = args
			r = &cp
		}
		memo[e] = r
		return r
	}
	return walk(root)
}

// substIndex replaces the index variable named from by to (free uses only).
func substIndex(e *symbolic.Expr, from string, to *symbolic.Expr) *symbolic.Expr {
	return symbolic.Subst(e, func(v *symbolic.Expr) *symbolic.Expr {
		if v.Name == from && v.Label == "" && len(v.Sub) == 0 {
			return to
		}
		return nil
	})
}

func text(e *symbolic.Expr) string { return symbolic.Print(e, symbolic.Text) }
