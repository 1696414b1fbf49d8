package parser_test

import (
	"fmt"

	"deriv/parser"
	"deriv/symbolic"
)

func ExampleParse() {
	p, err := parser.Parse(`x \in \mathbb{R}^d; W ∈ R^{d×d}
ℓ = ½‖W x‖²`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Result.Name, "=", symbolic.Print(p.Result.Body, symbolic.ASCII))
	fmt.Println("W:", p.Symbols["W"].Shape)
	// Output:
	// ℓ = 0.5*norm2(W*x)^2
	// W: matrix(d×d)
}

func ExampleParse_error() {
	_, err := parser.Parse("x ∈ R^d\nf = (x + 1")
	fmt.Println(err)
	// Output:
	// <input>:2:5: ( opened here is never closed
	//   f = (x + 1
	//       ^
}

func ExampleParseExpr() {
	p, _ := parser.Parse("w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d\nf = Σ_i σ(w_i^T x + b_i)")
	e, err := parser.ParseExpr(p, `\frac{\partial f}{\partial w_i}`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(symbolic.Print(e, symbolic.Text))
	// Output:
	// ∂f/∂w_i
}
