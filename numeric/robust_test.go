package numeric_test

import (
	"testing"

	"deriv/numeric"
)

// Numeric robustness (issue 7): overflow, mistakes hidden at larger
// magnitudes, tiny values.
func TestNumericRobustness(t *testing.T) {
	cases := []struct {
		name, src, wrt, claim string
		correct               bool
	}{
		// f and its differences reach 1e210: norms must not overflow.
		{"exp(1000x)", "x ∈ R; f = exp(1000 x)", "x", "1000 exp(1000 x)", true},
		{"exp(1000x) off by 0.1%", "x ∈ R; f = exp(1000 x)", "x", "999 exp(1000 x)", false},
		{"exp(−1000x)", "x ∈ R; f = exp(-1000 x)", "x", "-1000 exp(-1000 x)", true},
		// A mistake beyond |x| ≈ 4 is found at the larger points.
		{"relu(x − 4) scalar", "x ∈ R; f = x^2", "x", "2x + relu(x - 4)", false},
		{"relu(x − 4) vector", "x ∈ R^n; f = x^T x", "x", "2x + relu(x - 4)", false},
		{"relu(−x − 4) vector", "x ∈ R^n; f = x^T x", "x", "2x - relu(-x - 4)", false},
		{"xᵀx", "x ∈ R^n; f = x^T x", "x", "2x", true},
		// Tiny values are compared relative to their size.
		{"1e-11 s vs 2e-11 s", "s ∈ R; f = 1e-11 s^2", "s", "1e-11 s", false},
		{"2e-11 s", "s ∈ R; f = 1e-11 s^2", "s", "2e-11 s", true},
		// The rounding noise of a zero derivative still counts as zero.
		{"sin² + cos²", "x ∈ R^n; f = sum(sin(x) ⊙ sin(x) + cos(x) ⊙ cos(x))", "x", "0 x", true},
		// Saturated σ: derivatives far below |f| are judged by what the
		// differences can resolve.
		{"saturated σ", "w ∈ R^n; x ∈ R^n; f = 1000 + σ(10 w^T x)", "w", "10 σ(10 w^T x) (1 - σ(10 w^T x)) x", true},
		{"saturated σ, factor missing", "w ∈ R^n; x ∈ R^n; f = 1000 + σ(10 w^T x)", "w", "σ(10 w^T x) (1 - σ(10 w^T x)) x", false},
		// Saturated at every N(0, 1) point: the points are drawn again,
		// smaller, where the differences can tell 0 from the derivative.
		{"saturated everywhere, claim 0", "w ∈ R^n; x ∈ R^n; f = 1000 + σ(100 w^T x)", "w", "0 x", false},
		{"saturated everywhere", "w ∈ R^n; x ∈ R^n; f = 1000 + σ(100 w^T x)", "w", "100 σ(100 w^T x) (1 - σ(100 w^T x)) x", true},
	}
	for _, c := range cases {
		pr := parseProblem(t, c.src)
		rep := pr.check(t, c.wrt, c.claim, numeric.CheckOptions{Seed: 1})
		if c.correct {
			wantCorrect(t, c.name, rep)
		} else if rep.Verdict != "incorrect" {
			t.Errorf("%s: verdict %s (max rel error %g), want incorrect", c.name, rep.Verdict, rep.MaxRelError)
		}
	}
}

// TestEquivalentTinyValues: 1e-11 s and 2e-11 s are different
// expressions, although they differ by less than 1e-10.
func TestEquivalentTinyValues(t *testing.T) {
	pr := parseProblem(t, "s ∈ R; f = s")
	rep, err := numeric.Equivalent(pr.p, pr.expr(t, "1e-11 s"), pr.expr(t, "2e-11 s"), numeric.CheckOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != "different" {
		t.Errorf("1e-11 s vs 2e-11 s: %s", rep.Verdict)
	}
	rep, err = numeric.Equivalent(pr.p, pr.expr(t, "1e-11 s + 1e-11 s"), pr.expr(t, "2e-11 s"), numeric.CheckOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != "equivalent" {
		t.Errorf("1e-11 s + 1e-11 s vs 2e-11 s: %s", rep.Verdict)
	}
}
