package engine_test

import (
	"context"
	"fmt"

	"deriv/engine"
	"deriv/symbolic"
)

// The gradient of the worksheet's loss with respect to W1, verified at
// random points before it is shown.
func ExampleDerive() {
	ctx := context.Background()
	p, err := engine.LoadFunction(ctx, "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R\nℓ = ½‖W2 φ(W1 x + b) − y‖²", engine.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	wrt, _ := engine.Targets(p, "--wrt", "W1")
	ds, err := engine.Derive(ctx, p, engine.DeriveRequest{Kind: engine.Grad, Wrt: wrt})
	if err != nil {
		fmt.Println(err)
		return
	}
	d := ds[0]
	fmt.Println(d.Head(symbolic.Text), "=", d.Body(symbolic.Text))
	for _, w := range d.WhereLines(symbolic.Text) {
		fmt.Println("  where", w.Name, "=", w.Expr)
	}
	fmt.Println("verified:", d.Report.Verdict)
	// Output:
	// ∂ℓ/∂W1 = (φ'(z) ⊙ (W2ᵀ r)) xᵀ
	//   where z = W1 x + b
	//   where r = W2 φ(z) − y
	// verified: correct
}

// A student's claim with its left-hand side, judged at random points.
func ExampleCheck() {
	ctx := context.Background()
	p, _ := engine.LoadFunction(ctx, "x ∈ R^n; A ∈ R^{n×n}; f = x^T A x", engine.Options{})
	wrt, _ := engine.Targets(p, "--wrt", "x")
	claim, _ := engine.ParseClaim(p, "∂f/∂x = 2 A x", wrt[0])
	rep, _ := engine.Check(ctx, p, wrt[0], claim, engine.CheckOptions{}, engine.Budget{})
	fmt.Println(rep.Verdict)
	// Output:
	// incorrect
}
