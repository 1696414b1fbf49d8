package readability_test

import (
	"strings"
	"testing"

	"deriv/parser"
	"deriv/readability"
	"deriv/symbolic"
)

func TestTokens(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // tokens joined by spaces
	}{
		{"I/‖x‖ − x xᵀ/‖x‖³", "I / ‖ x ‖ − x x ᵀ / ‖ x ‖ ³"},
		{"½ (A + Aᵀ)", "½ ( A + A ᵀ )"},
		{"−X⁻ᵀ a bᵀ X⁻ᵀ", "− X ⁻ᵀ a b ᵀ X ⁻ᵀ"},
		{"J_Φ(z)ᵀ W⁽²⁾ᵀ r", "J_Φ ( z ) ᵀ W⁽²⁾ ᵀ r"},
		{"t₁ = (X + A)⁻¹", "t₁ = ( X + A ) ⁻¹"},
		{"1 − tanh(z) .^ 2.5", "1 − tanh ( z ) .^ 2.5"},
		{"W2ᵀ r ⊙ σ'(z)", "W2 ᵀ r ⊙ σ ' ( z )"},
		{"x_{ij} + δ_i", "x_{ij} + δ_i"},
	} {
		if got := strings.Join(readability.Tokens(c.in), " "); got != c.want {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAnswer(t *testing.T) {
	a := readability.ParseAnswer("Kᵀ (s ⊙ (V u)) where s = softmax(f(a, b)), r = x − y")
	if a.Body != "Kᵀ (s ⊙ (V u))" || len(a.Where) != 2 || a.Where[0].Expr != "softmax(f(a, b))" || a.Where[1].Name != "r" {
		t.Fatalf("ParseAnswer: %+v", a)
	}
	if got, want := a.Size(), 10+11+5; got != want {
		t.Errorf("Size = %d, want %d", got, want)
	}
}

// TestFlaws checks that each flaw detector fires on its flaw and stays
// quiet on the textbook form.
func TestFlaws(t *testing.T) {
	p, err := parser.Parse("x, μ, u ∈ R^n; A ∈ R^{n×n}; s ∈ R; f = xᵀ x")
	if err != nil {
		t.Fatal(err)
	}
	if got := readability.Flaws(readability.Printed{LaTeX: readability.Answer{Body: "0.5 A"}}); len(got) != 1 || !strings.Contains(got[0], "0.5") {
		t.Errorf("Flaws of LaTeX 0.5 A = %q", got)
	}
	for _, c := range []struct {
		expr string
		flaw string // "" for none
	}{
		{"x − μ", ""},
		{"(x − μ)ᵀ", ""},
		{"xᵀ − μᵀ", "split transposes"},
		{"−xᵀ + μᵀ", "split transposes"},
		{"A⁻ᵀ − Aᵀ", ""},
		{"x/‖x‖", ""},
		{"(x/s)/‖x‖", "nested fraction"},
		{"x/(1 + 1/s)", "nested fraction"},
		{"u 𝟙ᵀ", ""},
		{"0.5 A", ""}, // LaTeX writes \frac{1}{2} A
		{"u .^ 2", "Unicode output has .^"},
	} {
		e, err := parser.ParseExpr(p, c.expr)
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		d := &symbolic.Derivative{Expr: e}
		got := strings.Join(readability.Flaws(readability.Print(d)), "; ")
		if c.flaw == "" && got != "" || c.flaw != "" && !strings.Contains(got, c.flaw) {
			t.Errorf("Flaws(%s) = %q, want %q", c.expr, got, c.flaw)
		}
	}
}
