package numeric_test

import (
	"testing"

	"deriv/numeric"
	"deriv/symbolic"
)

// TestCheckHessian checks known Hessians with numeric.CheckHessian, a
// wrong variant of each (incorrect, with the diagnosis named), and
// deriv's own symbolic.Hessian of each function.
//
// The logistic loss L(w) = Σ log(1 + exp(−y ⊙ (X w))) with m = −y ⊙ (X w)
// has gradient Xᵀ(−y ⊙ σ(m)) and Hessian Xᵀ diag(y ⊙ y ⊙ σ(m) ⊙ (1 −
// σ(m))) X. With labels y ∈ {±1}, y ⊙ y = 𝟙 and the textbook form
// Xᵀ diag(σ(m) ⊙ (1 − σ(m))) X follows; the points drawn here have y ~
// N(0, 1), so that form is incorrect and the y² factor is needed.
func TestCheckHessian(t *testing.T) {
	const (
		quad     = "x ∈ R^n; A ∈ R^{n×n}; f = x^T A x"
		lsq      = "A ∈ R^{m×n}; x ∈ R^n; b ∈ R^m; f = 1/2 ‖A x - b‖^2"
		logistic = "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; L = sum(log(1 + exp(-y ⊙ (X w))))"
		sig      = "σ(-y ⊙ (X w)) ⊙ (1 - σ(-y ⊙ (X w)))"
	)
	cases := []struct {
		name, program, wrt, claim string
		correct                   bool
		diag                      string
	}{
		{"xᵀAx", quad, "x", "A + A^T", true, ""},
		{"xᵀAx: A alone", quad, "x", "A", false, ""},
		{"xᵀAx: doubled", quad, "x", "2 (A + A^T)", false, "2 times"},
		{"least squares", lsq, "x", "A^T A", true, ""},
		{"least squares: negated", lsq, "x", "-A^T A", false, "wrong sign"},
		{"least squares: wrong shape", lsq, "x", "A A^T", false, "matrix(m×m)"},
		{"logistic", logistic, "w", "X^T diag(y ⊙ y ⊙ " + sig + ") X", true, ""},
		{"logistic: labels ±1 assumed", logistic, "w", "X^T diag(" + sig + ") X", false, ""},
		{"quadratic in a scalar", "a ∈ R; f = a^4 + 3 a", "a", "12 a^2", true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pr := parseProblem(t, c.program)
			rep, err := numeric.CheckHessian(pr.p, pr.f, pr.expr(t, c.wrt), pr.expr(t, c.claim), numeric.CheckOptions{Seed: 4, Points: 3})
			if err != nil {
				t.Fatal(err)
			}
			if c.correct {
				wantCorrect(t, c.claim, rep)
				return
			}
			wantIncorrect(t, c.claim, rep, c.diag)
		})
	}
	for _, src := range []string{quad, lsq, logistic} {
		t.Run("symbolic.Hessian/"+src, func(t *testing.T) {
			pr := parseProblem(t, src)
			wrt := "x"
			if src == logistic {
				wrt = "w"
			}
			w := pr.expr(t, wrt)
			d, err := symbolic.Hessian(pr.p, w, symbolic.GradOptions{})
			if err != nil {
				t.Fatal(err)
			}
			h := symbolic.Expand(d)
			rep, err := numeric.CheckHessian(pr.p, pr.f, w, h, numeric.CheckOptions{Seed: 4, Points: 3})
			if err != nil {
				t.Fatal(err)
			}
			wantCorrect(t, symbolic.Print(h, symbolic.Text), rep)
		})
	}
}

// TestCheckHessianDirectional: above 20 entries the Hessian is compared
// along random pairs of directions.
func TestCheckHessianDirectional(t *testing.T) {
	pr := parseProblem(t, "A ∈ R^{m×n}; x ∈ R^n; b ∈ R^m; f = 1/2 ‖A x - b‖^2 + sum(exp(x))")
	opts := numeric.CheckOptions{Seed: 6, Points: 2, Dims: map[symbolic.Dim]int{"n": 40, "m": 7}}
	check := func(claim string) *numeric.Report {
		rep, err := numeric.CheckHessian(pr.p, pr.f, pr.expr(t, "x"), pr.expr(t, claim), opts)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Method != "random directions" {
			t.Errorf("%s: method %q, want random directions", claim, rep.Method)
		}
		return rep
	}
	wantCorrect(t, "AᵀA + diag(exp(x))", check("A^T A + diag(exp(x))"))
	wantIncorrect(t, "AᵀA", check("A^T A"))
}

// TestCheckHessianAtScale: at n = 300…3000 the second differences of an f
// of size n resolve uᵀ H v only to about ε·n/h²; the check forgives that
// noise (a right Hessian passed at n = 100 and failed with relative error
// 9e-6 at n = 1000), and still catches wrong Hessians.
func TestCheckHessianAtScale(t *testing.T) {
	for _, tc := range []struct{ src, right string }{
		{"x ∈ R^n; f = sum(log(1 + exp(x)))", "diag(σ(x) ⊙ (1 − σ(x)))"},
		// At |x| ≈ 10 the Richardson table used to halve the step into
		// rounding noise and return 2207 for 0.78.
		{"x ∈ R^n; A ∈ R^{n×n}; f = xᵀ A x", "A + Aᵀ"},
	} {
		checkHessianAtScale(t, tc.src, tc.right)
	}
}

func checkHessianAtScale(t *testing.T, src, right string) {
	pr := parseProblem(t, src)
	for _, n := range []int{300, 1000} {
		opts := numeric.CheckOptions{Seed: 1, Dims: map[symbolic.Dim]int{"n": n}}
		for _, tc := range []struct {
			claim string
			want  string
		}{
			{right, "correct"},
			{"2 " + right, "incorrect"},
			{"−" + right, "incorrect"},
			{"diag(σ(x))", "incorrect"},
			{right + " + 0.05 I", "incorrect"},
			{right + " − diag(diag(" + right + "))", "incorrect"},
		} {
			rep, err := numeric.CheckHessian(pr.p, pr.f, pr.expr(t, "x"), pr.expr(t, tc.claim), opts)
			if err != nil {
				t.Fatalf("n=%d %s: %v", n, tc.claim, err)
			}
			if rep.Verdict != tc.want {
				t.Errorf("n=%d, claim %s: %s (max rel error %g), want %s", n, tc.claim, rep.Verdict, rep.MaxRelError, tc.want)
			}
		}
	}
}
