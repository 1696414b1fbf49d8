package parser_test

import (
	"testing"

	"deriv/parser"
	"deriv/symbolic"
)

// TestHadamardPrecedence: ⊙ and ⊘ bind less tightly than the matrix
// product (see symbolic.PrecElem), so the backpropagation rule reads as
// textbooks write it; the printers make the grouping explicit.
func TestHadamardPrecedence(t *testing.T) {
	p, err := parser.Parse("z, r ∈ R^d; W ∈ R^{d×d}; a_i, c_i ∈ R^d for i = 1..n; s ∈ R; φ: R → R\nf = s")
	if err != nil {
		t.Fatal(err)
	}
	for src, want := range map[string]string{
		"φ'(z) ⊙ W^T r":         "φ'(z) ⊙ (Wᵀ r)",
		"φ'(z) .* W' * r":       "φ'(z) ⊙ (Wᵀ r)",
		`\phi'(z) \odot W^T r`:  "φ'(z) ⊙ (Wᵀ r)",
		"W r ⊙ z":               "(W r) ⊙ z",
		"-z ⊙ r":                "−z ⊙ r",
		"(-z) ⊙ r":              "(−z) ⊙ r",
		"z ⊙ r + z":             "z ⊙ r + z",
		"z ⊘ r / s":             "z ⊘ (r/s)",
		"z .^ 2 ⊙ r":            "z .^ 2 ⊙ r",
		"Σ_{i=1}^{n} a_i ⊙ c_i": "Σ_{i=1}^{n} a_i ⊙ c_i",
		"(Σ_i a_i) ⊙ z":         "(Σ_{i=1}^{n} a_i) ⊙ z",
	} {
		e, err := parser.ParseExpr(p, src)
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		if got := symbolic.Print(e, symbolic.Text); got != want {
			t.Errorf("%s: printed %q, want %q", src, got, want)
		}
	}
}
