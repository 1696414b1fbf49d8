package engine

import (
	"deriv/symbolic"
)

// Head is the derivative's left-hand side in style st: ∂f/∂x, or
// ∂²f/∂x² for a Hessian (\frac{\partial^2 f}{\partial x^2} in LaTeX).
func (d *Derived) Head(st symbolic.Style) string {
	if d.Index != nil && d.Kind == Hessian {
		// ∂²f/∂X_{ij}∂X_{kl}
		f := symbolic.Print(&symbolic.Expr{Op: symbolic.OpVar, Name: d.Of, Pos: symbolic.NoPos}, st)
		a, b := symbolic.Print(d.Index.Head.Args[0], st), symbolic.Print(d.Index.Head.Args[1], st)
		switch st {
		case symbolic.LaTeX:
			return `\frac{\partial^2 ` + f + `}{\partial ` + a + ` \partial ` + b + `}`
		case symbolic.ASCII:
			return "d^2" + f + "/d" + a + "d" + b
		}
		return "∂²" + f + "/∂" + a + "∂" + b
	}
	if d.Index != nil {
		return symbolic.Print(d.Index.Head, st)
	}
	of := &symbolic.Expr{Op: symbolic.OpVar, Name: d.Of, Pos: symbolic.NoPos}
	if d.Kind != Hessian {
		return symbolic.Print(&symbolic.Expr{Op: symbolic.OpDeriv, Args: []*symbolic.Expr{of, d.Wrt}, Pos: symbolic.NoPos}, st)
	}
	f, x := symbolic.Print(of, st), symbolic.Print(d.Wrt, st)
	switch st {
	case symbolic.LaTeX:
		return `\frac{\partial^2 ` + f + `}{\partial ` + x + `^2}`
	case symbolic.ASCII:
		return "d^2" + f + "/d" + x + "^2"
	}
	return "∂²" + f + "/∂" + x + "²"
}

// Body is the closed form in style st (names of the where list in it).
func (d *Derived) Body(st symbolic.Style) string {
	if d.Index != nil {
		return d.Index.Sum.Print(st)
	}
	return symbolic.Print(d.Expr, st)
}

// WhereLine is one entry of a where list, printed: Name = Expr.
type WhereLine struct{ Name, Expr string }

// WhereLines prints the where list in style st, in order.
func (d *Derived) WhereLines(st symbolic.Style) []WhereLine {
	out := make([]WhereLine, 0, len(d.Where))
	for _, w := range d.Where {
		out = append(out, WhereLine{Name: symbolic.Print(w.Var(), st), Expr: symbolic.Print(w.Expr, st)})
	}
	return out
}
