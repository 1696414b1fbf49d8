package symbolic_test

import (
	"testing"

	"deriv/numeric"
	"deriv/parser"
	"deriv/symbolic"
)

// TestGradNamedTarget: ∂f/∂S for a definition S is the derivative through
// the name S, even when f reaches an equal expression another way (a
// second definition with the same body, or the body written out): the
// structural reading gave ∂f/∂z1 = exp(z1) + cos(z1) below, which the
// numeric check rejects. Where f reaches S's value only through S the
// result is what it always was.
func TestGradNamedTarget(t *testing.T) {
	for _, tc := range []struct{ src, wrt, want string }{
		{"x ∈ R^n; W ∈ R^{n×n}; z1 = W x; z2 = W x; f = sum(exp(z1)) + sum(sin(z2))", "z1", "exp(z1)"},
		{"x ∈ R^n; W ∈ R^{n×n}; z1 = W x; f = sum(exp(z1)) + sum(sin(W x))", "z1", "exp(z1)"},
		{"x ∈ R^n; a ∈ R^n; W ∈ R^{n×n}; S1 = W x; x1 = S1; f = aᵀ S1", "x1", "0"},
		{"x ∈ R^n; a ∈ R^n; W ∈ R^{n×n}; z = W x; h = z; f = aᵀ tanh(h)", "z", ""},
	} {
		p, err := parser.Parse(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		w, err := parser.ParseExpr(p, tc.wrt)
		if err != nil {
			t.Fatal(err)
		}
		d, err := symbolic.Grad(p, w, symbolic.GradOptions{Inline: true})
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		if got := symbolic.Print(d.Expr, symbolic.Text); tc.want != "" && got != tc.want {
			t.Errorf("∂f/∂%s of %s = %s, want %s", tc.wrt, tc.src, got, tc.want)
		}
		rep, err := numeric.Check(p, p.Result.Body, w, symbolic.Expand(d), numeric.CheckOptions{Seed: 3})
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		if rep.Verdict != "correct" {
			t.Errorf("∂f/∂%s of %s = %s fails its check (%g)", tc.wrt, tc.src, symbolic.Print(d.Expr, symbolic.Text), rep.MaxRelError)
		}
	}
}
