package numeric

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// Hand-built ASTs, independent of the parser.

type dims = symbolic.Shape

func vec(n string) dims     { return symbolic.Shape{symbolic.Dim(n)} }
func matr(m, n string) dims { return symbolic.Shape{symbolic.Dim(m), symbolic.Dim(n)} }
func vr(name string, s dims) *symbolic.Expr {
	return &symbolic.Expr{Op: symbolic.OpVar, Name: name, Shape: s, Pos: symbolic.NoPos}
}
func num(x float64) *symbolic.Expr {
	return &symbolic.Expr{Op: symbolic.OpNum, Num: x, Pos: symbolic.NoPos}
}
func op(o symbolic.Op, s dims, args ...*symbolic.Expr) *symbolic.Expr {
	return &symbolic.Expr{Op: o, Args: args, Shape: s, Pos: symbolic.NoPos}
}
func call(name string, s dims, args ...*symbolic.Expr) *symbolic.Expr {
	return &symbolic.Expr{Op: symbolic.OpCall, Name: name, Args: args, Shape: s, Pos: symbolic.NoPos}
}
func tr(e *symbolic.Expr) *symbolic.Expr { return op(symbolic.OpT, e.Shape.T(), e) }
func mul(s dims, a, b *symbolic.Expr) *symbolic.Expr {
	return op(symbolic.OpMul, s, a, b)
}

// program declares variables (name → shape) and functions.
func program(vars map[string]dims) *symbolic.Program {
	p := &symbolic.Program{Symbols: map[string]*symbolic.Symbol{}}
	for k, s := range vars {
		p.Symbols[k] = &symbolic.Symbol{Name: k, Kind: symbolic.SymVar, Shape: s, Declared: true, Pos: symbolic.NoPos}
		p.Order = append(p.Order, k)
	}
	return p
}

func dense(r, c int, data ...float64) *mat.Dense { return mat.NewDense(r, c, data) }

func fmtAny(v any) string { return fmt.Sprint(v) }
