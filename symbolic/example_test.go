package symbolic_test

import (
	"fmt"

	"deriv/symbolic"
)

// v is a variable; lv a labelled one (W⁽¹⁾).
func v(name string) *symbolic.Expr { return &symbolic.Expr{Op: symbolic.OpVar, Name: name} }
func lv(name, label string) *symbolic.Expr {
	return &symbolic.Expr{Op: symbolic.OpVar, Name: name, Label: label}
}
func op(o symbolic.Op, args ...*symbolic.Expr) *symbolic.Expr {
	return &symbolic.Expr{Op: o, Args: args}
}

// The gradient of ℓ = ½‖W⁽²⁾ Φ(W⁽¹⁾ x + b) − y‖² with respect to W⁽¹⁾, in
// the three spellings.
func ExamplePrint() {
	jac := &symbolic.Expr{Op: symbolic.OpJac, Name: "Φ", Args: []*symbolic.Expr{v("z")}}
	grad := op(symbolic.OpMul,
		op(symbolic.OpMul, op(symbolic.OpMul, op(symbolic.OpT, jac), op(symbolic.OpT, lv("W", "2"))), v("r")),
		op(symbolic.OpT, v("x")))
	for _, st := range []symbolic.Style{symbolic.Text, symbolic.ASCII, symbolic.LaTeX} {
		fmt.Println(symbolic.Print(grad, st))
	}
	// Output:
	// J_Φ(z)ᵀ W⁽²⁾ᵀ r xᵀ
	// J_Phi(z)'*W^(2)'*r*x'
	// J_{\Phi}\left(z\right)^\top {W^{(2)}}^\top r x^\top
}

// Parentheses are minimal: products are left-associative, a compound base
// or transposed operand is parenthesised, and a Σ followed by a factor is
// closed off.
func ExamplePrint_parentheses() {
	a, b, c := v("a"), v("b"), v("c")
	sum := &symbolic.Expr{Op: symbolic.OpSum, Name: "i", Args: []*symbolic.Expr{
		{Op: symbolic.OpNum, Num: 1}, v("n"), {Op: symbolic.OpVar, Name: "b", Sub: []*symbolic.Expr{v("i")}}}}
	for _, e := range []*symbolic.Expr{
		op(symbolic.OpMul, op(symbolic.OpMul, a, b), c),
		op(symbolic.OpMul, a, op(symbolic.OpMul, b, c)),
		op(symbolic.OpPow, op(symbolic.OpAdd, a, b), &symbolic.Expr{Op: symbolic.OpNum, Num: 2}),
		op(symbolic.OpT, op(symbolic.OpMul, v("A"), v("B"))),
		op(symbolic.OpMul, sum, v("x")),
		op(symbolic.OpNeg, op(symbolic.OpMul, op(symbolic.OpT, op(symbolic.OpInv, v("X"))), a)),
	} {
		fmt.Println(e)
	}
	// Output:
	// a b c
	// a (b c)
	// (a + b)²
	// (A B)ᵀ
	// (Σ_{i=1}^{n} b_i) x
	// −X⁻ᵀ a
}

func ExamplePrintShape() {
	s := symbolic.Matrix("n", "d")
	fmt.Println(symbolic.PrintShape(s, symbolic.Text))
	fmt.Println(symbolic.PrintShape(s, symbolic.ASCII))
	fmt.Println(symbolic.PrintShape(s, symbolic.LaTeX))
	fmt.Println(symbolic.PrintShape(symbolic.Vector("d"), symbolic.Text))
	// Output:
	// ℝ^{n×d}
	// R^(n x d)
	// \mathbb{R}^{n \times d}
	// ℝ^d
}

func ExampleEqual() {
	a := &symbolic.Expr{Op: symbolic.OpNum, Num: 0.5, Pos: 4}
	b := &symbolic.Expr{Op: symbolic.OpNum, Num: 0.5, Pos: 17}
	fmt.Println(symbolic.Equal(a, b), symbolic.Hash(a) == symbolic.Hash(b))
	// Output: true true
}
