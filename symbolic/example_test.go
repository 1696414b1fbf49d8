package symbolic_test

import (
	"fmt"

	"deriv/symbolic"
)

// exVar is a variable; exLab a labelled one (W⁽¹⁾).
func exVar(name string) *symbolic.Expr { return &symbolic.Expr{Op: symbolic.OpVar, Name: name} }
func exLab(name, label string) *symbolic.Expr {
	return &symbolic.Expr{Op: symbolic.OpVar, Name: name, Label: label}
}
func exOp(o symbolic.Op, args ...*symbolic.Expr) *symbolic.Expr {
	return &symbolic.Expr{Op: o, Args: args}
}

// The gradient of ℓ = ½‖W⁽²⁾ Φ(W⁽¹⁾ x + b) − y‖² with respect to W⁽¹⁾, in
// the three spellings.
func ExamplePrint() {
	jac := &symbolic.Expr{Op: symbolic.OpJac, Name: "Φ", Args: []*symbolic.Expr{exVar("z")}}
	grad := exOp(symbolic.OpMul,
		exOp(symbolic.OpMul, exOp(symbolic.OpMul, exOp(symbolic.OpT, jac), exOp(symbolic.OpT, exLab("W", "2"))), exVar("r")),
		exOp(symbolic.OpT, exVar("x")))
	for _, st := range []symbolic.Style{symbolic.Text, symbolic.ASCII, symbolic.LaTeX} {
		fmt.Println(symbolic.Print(grad, st))
	}
	// Output:
	// J_Φ(z)ᵀ W⁽²⁾ᵀ r xᵀ
	// J_Phi(z)'*W^(2)'*r*x'
	// J_{\Phi}(z)^\top {W^{(2)}}^\top r x^\top
}

// Parentheses are minimal: products are left-associative, a compound base
// or transposed operand is parenthesised, and a Σ followed by a factor is
// closed off.
func ExamplePrint_parentheses() {
	a, b, c := exVar("a"), exVar("b"), exVar("c")
	sum := &symbolic.Expr{Op: symbolic.OpSum, Name: "i", Args: []*symbolic.Expr{
		{Op: symbolic.OpNum, Num: 1}, exVar("n"), {Op: symbolic.OpVar, Name: "b", Sub: []*symbolic.Expr{exVar("i")}}}}
	for _, e := range []*symbolic.Expr{
		exOp(symbolic.OpMul, exOp(symbolic.OpMul, a, b), c),
		exOp(symbolic.OpMul, a, exOp(symbolic.OpMul, b, c)),
		exOp(symbolic.OpPow, exOp(symbolic.OpAdd, a, b), &symbolic.Expr{Op: symbolic.OpNum, Num: 2}),
		exOp(symbolic.OpT, exOp(symbolic.OpMul, exVar("A"), exVar("B"))),
		exOp(symbolic.OpMul, sum, exVar("x")),
		exOp(symbolic.OpNeg, exOp(symbolic.OpMul, exOp(symbolic.OpT, exOp(symbolic.OpInv, exVar("X"))), a)),
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
