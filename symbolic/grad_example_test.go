package symbolic_test

import (
	"fmt"
	"strings"

	"deriv/parser"
	"deriv/symbolic"
)

// The worksheet's question 2e: the gradient with respect to the first
// layer's weights, with the argument of Φ named z and the residual r in the
// where list.
func ExampleGrad() {
	p, _ := parser.Parse("x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; Φ: R^d → R^d\nℓ = 1/2 ‖W2 Φ(W1 x + b) - y‖^2")
	w1, _ := parser.ParseExpr(p, "W1")
	d, err := symbolic.Grad(p, w1, symbolic.GradOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(symbolic.Print(d.Expr, symbolic.Text), "  shape", d.Shape)
	for _, b := range d.Where {
		fmt.Println("where", b.Name, "=", symbolic.Print(b.Expr, symbolic.Text))
	}
	// Output:
	// J_Φ(z)ᵀ W2ᵀ r xᵀ   shape matrix(d×d)
	// where z = W1 x + b
	// where r = W2 Φ(z) − y
}

// Worksheet 2c: the Σ over the family collapses on the Kronecker delta and
// its index is renamed so that it does not clash with the free i.
func ExampleGrad_family() {
	p, _ := parser.Parse("w_i ∈ R^d, b_i ∈ R for i = 1..n; x ∈ R^d; y ∈ R\nf = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2")
	wi, _ := parser.ParseExpr(p, "w_i")
	d, _ := symbolic.Grad(p, wi, symbolic.GradOptions{Inline: true})
	fmt.Println(symbolic.Print(d.Expr, symbolic.Text))
	// Output:
	// −2 (y − Σ_{j=1}^{n} σ(w_jᵀ x + b_j)) σ(w_iᵀ x + b_i) (1 − σ(w_iᵀ x + b_i)) x
}

func ExampleHessian() {
	p, _ := parser.Parse("A ∈ R^{m×n}; x ∈ R^n; b ∈ R^m; f = 1/2 ‖A x - b‖^2")
	x, _ := parser.ParseExpr(p, "x")
	d, _ := symbolic.Hessian(p, x, symbolic.GradOptions{})
	fmt.Println(symbolic.Print(d.Expr, symbolic.Text), "  shape", d.Shape)
	// Output:
	// Aᵀ A   shape matrix(n×n)
}

// Worksheet 2f: one gradient-descent step; b is not updated and keeps its
// name.
func ExampleStep() {
	p, _ := parser.Parse("x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; η ∈ R\nℓ = 1/2 ‖W2 (W1 x + b) - y‖^2")
	w1, _ := parser.ParseExpr(p, "W1")
	eta, _ := parser.ParseExpr(p, "η")
	rules, _ := symbolic.Step(p, []*symbolic.Expr{w1}, eta, symbolic.GradOptions{})
	for _, r := range rules {
		fmt.Println(strings.TrimSpace(symbolic.Print(r.Next, symbolic.Text) + " = " + symbolic.Print(r.Update, symbolic.Text)))
	}
	// Output:
	// W1⁽ᵗ⁺¹⁾ = W1⁽ᵗ⁾ − η W2ᵀ (W2 (W1⁽ᵗ⁾ x + b) − y) xᵀ
}
