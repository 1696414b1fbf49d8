package numeric_test

import (
	"testing"

	"deriv/numeric"
	"deriv/symbolic"
)

// TestFamilyCheckAtScale is `deriv grad --wrt w_i --check --dims
// n=1000,d=100` on the worksheet's 2c (issue 11): deriv's own derivative
// is correct although its entries (≈ 1e-8) are tiny against f (≈ 1e5),
// a wrong one (the σ' factor missing) is not, and the check evaluates f
// O(1) times per point — one member per point, along random directions —
// not once per entry of every member.
func TestFamilyCheckAtScale(t *testing.T) {
	pr := parseProblem(t, worksheet2c)
	opts := numeric.CheckOptions{Seed: 1, Dims: map[symbolic.Dim]int{"n": 1000, "d": 100}}
	numeric.ResetWork()
	rep := pr.checkExpr(t, "w_i", pr.derive(t, "w_i"), opts)
	wantCorrect(t, "deriv's ∂f/∂w_i", rep)
	if rep.Method != "random directions" {
		t.Errorf("method %q, want random directions", rep.Method)
	}
	if w := numeric.ReadWork(); w.Evals > 150 {
		t.Errorf("%d evaluations for 8 points, want O(1) per point", w.Evals)
	}
	wrong := pr.check(t, "w_i", "-2 (y - Σ_{j=1}^{n} σ(w_j^T x + b_j)) σ(w_i^T x + b_i) x", opts)
	if wrong.Verdict != "incorrect" {
		t.Errorf("the claim without σ' is %s (max rel error %g)", wrong.Verdict, wrong.MaxRelError)
	}
}

// TestW1CheckAtScale is `deriv grad --wrt W1 --check --dims d=1000`: a
// million entries, checked along one random direction per point with a
// handful of evaluations of f each.
func TestW1CheckAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("1000×1000 matrices")
	}
	pr := parseProblem(t, elementwiseW1)
	opts := numeric.CheckOptions{Seed: 1, Dims: map[symbolic.Dim]int{"d": 1000}}
	numeric.ResetWork()
	rep := pr.checkExpr(t, "W1", pr.derive(t, "W1"), opts)
	wantCorrect(t, "deriv's ∂ℓ/∂W1", rep)
	if w := numeric.ReadWork(); w.Evals > 100 {
		t.Errorf("%d evaluations for 8 points, want O(1) per point", w.Evals)
	}
	wantIncorrect(t, "transposed", pr.check(t, "W1", "x (φ'(W1 x + b) ⊙ (W2ᵀ (W2 φ(W1 x + b) − y)))ᵀ", opts),
		"the claim is the transpose of the derivative")
}
