package numeric_test

import (
	"testing"

	"deriv/numeric"
	"deriv/symbolic"
)

// TestWorksheetAtScale checks the worksheet's ∂ℓ/∂W1 at d = 1200, where
// W1 has 1.44 million entries (above numeric.DirectionalThreshold), so
// the claim is compared with directional differences along random
// directions: the answer is correct, its transpose incorrect and named.
// One point keeps it fast.
func TestWorksheetAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("1200×1200 matrices")
	}
	pr := parseProblem(t, worksheetW1)
	opts := numeric.CheckOptions{Seed: 7, Points: 1, Dims: map[symbolic.Dim]int{"d": 1200}}
	if 1200*1200 <= numeric.DirectionalThreshold {
		t.Fatal("the test no longer exercises random directions")
	}
	for _, c := range []struct {
		claim   string
		correct bool
	}{
		{"(φ'(z) ⊙ (W2ᵀ r)) xᵀ", true},
		{"x (φ'(z) ⊙ (W2ᵀ r))ᵀ", false},
	} {
		rep := pr.check(t, "W1", c.claim, opts)
		if rep.Method != "random directions" {
			t.Errorf("%s: method %q, want random directions", c.claim, rep.Method)
		}
		if c.correct {
			wantCorrect(t, c.claim, rep)
		} else {
			wantIncorrect(t, c.claim, rep, "the claim is the transpose of the derivative")
		}
	}
}
