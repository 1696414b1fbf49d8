package symbolic_test

import (
	"testing"

	"deriv/parser"
	"deriv/symbolic"
)

// TestFoldSum: a gradient whose terms differ only in literal subscripts
// 1…k is written as one Σ (worksheet 2a); other sums are left alone.
func TestFoldSum(t *testing.T) {
	cases := []struct{ program, wrt, want string }{
		{"f: R^n → R; g_i: R → R for i = 1..n; F(w) = f(g_1(w), g_2(w), g_3(w))", "w",
			"Σ_{i=1}^{3} ∂_i f(g₁(w), g₂(w), g₃(w)) g_i'(w)"},
		{"x ∈ R; a_i ∈ R for i = 1..n; f = a_1 x + a_2 x + a_3 x + a_4 x", "x", "Σ_{i=1}^{4} a_i"},
		{"x ∈ R; a_i ∈ R for i = 1..n; f = a_1 x + a_2 x^2 + a_3 x^3", "x", "a₁ + 2 a₂ x + 3 a₃ x²"},
		{"x ∈ R; a_i ∈ R for i = 1..n; f = a_1 x + a_3 x", "x", "a₁ + a₃"},
	}
	for _, c := range cases {
		p, err := parser.Parse(c.program)
		if err != nil {
			t.Fatal(err)
		}
		wrt, err := parser.ParseExpr(p, c.wrt)
		if err != nil {
			t.Fatal(err)
		}
		d, err := symbolic.Grad(p, wrt, symbolic.GradOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := symbolic.Print(d.Expr, symbolic.Text); got != c.want {
			t.Errorf("%s: got %s, want %s", c.program, got, c.want)
		}
	}
}
