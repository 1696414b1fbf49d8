package numeric_test

import (
	"testing"

	"deriv/numeric"
)

// identity is one entry of testdata/identities.yaml.
type identity struct {
	ID      string `yaml:"id"`
	Program string `yaml:"program"`
	Wrt     string `yaml:"wrt"`
	Expect  string `yaml:"expect"`
}

// TestIdentities checks every identity of testdata/identities.yaml: the
// expected gradient and deriv's own (symbolic.Grad) are correct, and its classic corruptions are incorrect
// with the matching diagnosis — negated ("wrong sign"), doubled ("2
// times"), and transposed (a shape mismatch naming "transposed" for a
// vector or non-square matrix, "the transpose" for a square one).
func TestIdentities(t *testing.T) {
	var ids []identity
	readYAML(t, "identities.yaml", &ids)
	if len(ids) < 15 {
		t.Fatalf("read %d identities, want at least 15", len(ids))
	}
	for _, id := range ids {
		t.Run(id.ID, func(t *testing.T) {
			pr := parseProblem(t, id.Program)
			opts := numeric.CheckOptions{Seed: 1}
			wantCorrect(t, "expect", pr.check(t, id.Wrt, id.Expect, opts))
			wantCorrect(t, "symbolic.Grad", pr.checkExpr(t, id.Wrt, pr.derive(t, id.Wrt), opts))
			wantIncorrect(t, "negated", pr.check(t, id.Wrt, "-("+id.Expect+")", opts), "wrong sign")
			wantIncorrect(t, "doubled", pr.check(t, id.Wrt, "2 ("+id.Expect+")", opts), "2 times the derivative")
			if w := pr.expr(t, id.Wrt); !w.Shape.IsScalar() {
				wantIncorrect(t, "transposed", pr.check(t, id.Wrt, "("+id.Expect+")^T", opts), "transpose")
			}
		})
	}
}
