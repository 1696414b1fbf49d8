package numeric_test

import (
	"testing"

	"deriv/numeric"
)

// TestShapeCounterexample: a claim of the wrong shape is shown beside the
// derivative, so that a student can compare the two.
func TestShapeCounterexample(t *testing.T) {
	pr := parseProblem(t, "a ∈ R^m; b ∈ R^n; X ∈ R^{m×n}; f = a^T X b")
	rep := pr.check(t, "X", "b a^T", numeric.CheckOptions{Seed: 3, Points: 2})
	if rep.Verdict != "incorrect" || rep.Counterexample == nil {
		t.Fatalf("verdict %s, counterexample %v", rep.Verdict, rep.Counterexample)
	}
	exp, ok := rep.Counterexample.Expected.([][]float64)
	if !ok {
		t.Fatalf("expected %T, want the m×n derivative", rep.Counterexample.Expected)
	}
	claimed, ok := rep.Counterexample.Claimed.([][]float64)
	if !ok || len(claimed) != len(exp[0]) || len(claimed[0]) != len(exp) {
		t.Errorf("claimed %v is not the transpose's shape of expected %v", rep.Counterexample.Claimed, exp)
	}
}
