package numeric_test

import (
	"reflect"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"deriv/numeric"
	"deriv/symbolic"
	"deriv/symbolic/symtest"
)

// mutations turn a correct gradient g of f with respect to w into a
// claim: g itself, or a classic mistake (a factor, the wrong sign, a
// term too many, a relative error of 10⁻³).
var mutations = map[string]func(g, w *symbolic.Expr) *symbolic.Expr{
	"none":   func(g, _ *symbolic.Expr) *symbolic.Expr { return g },
	"factor": func(g, _ *symbolic.Expr) *symbolic.Expr { return symbolic.Mul(symbolic.Number(2), g) },
	"sign":   func(g, _ *symbolic.Expr) *symbolic.Expr { return symbolic.Neg(g) },
	"slight": func(g, _ *symbolic.Expr) *symbolic.Expr { return symbolic.Mul(symbolic.Number(1.001), g) },
	"term": func(g, w *symbolic.Expr) *symbolic.Expr {
		return symbolic.Add(g, symbolic.Mul(symbolic.Number(0.1), w))
	},
}

// TestScreenAgreesWithCheck: for a random smooth f (the backbone
// properties' generator, with or without the functions undefined
// somewhere: log, sqrt, inv, …), one of its variables w and a claim that
// is symbolic.Grad's ∂f/∂w or a mistake made from it, the screen (what
// deriv runs before it shows a derivative) agrees with the full Check.
// At the same single point it never passes a claim Check rejects; at
// Check's default 8 points (the screen takes 3 of them) it passes every
// claim Check accepts, so that a right derivative costs the screen
// only. (A mistake that shows at only some of the 8 points can pass the
// screen's 3: d/da of det(v vᵀ)/a, zero but for rounding, claimed twice
// the rounding's derivative, is resolved only where a ≈ 0.02.)
func TestScreenAgreesWithCheck(t *testing.T) {
	names := []string{"none", "factor", "sign", "slight", "term"}
	rapid.Check(t, func(t *rapid.T) {
		p := symtest.Program(t)
		depth := rapid.IntRange(1, 3).Draw(t, "depth")
		domain := rapid.Bool().Draw(t, "domain functions")
		f := symtest.Expr(t, p, nil, depth, symtest.ExprOpts{Smooth: true, NoDomainFuncs: !domain})
		if domain && hasExtremeNumber(f) {
			t.Skip("an extreme constant (2.5e21, 1e-07) defeats finite differences")
		}
		prog := *p
		prog.Result = &symbolic.Def{Body: f, Pos: symbolic.NoPos}
		prog.Defs = []*symbolic.Def{prog.Result}
		if hugeAt(t, &prog, f, 8) {
			t.Skip("values beyond 1e4 in f: finite differences cannot judge it")
		}
		ws := targets(&prog, f)
		if len(ws) == 0 {
			t.Skip("no variable")
		}
		wrt := ws[rapid.IntRange(0, len(ws)-1).Draw(t, "target")]
		d, err := symbolic.Grad(&prog, wrt, symbolic.GradOptions{})
		if err != nil {
			t.Fatalf("Grad: %v", err)
		}
		mutation := rapid.SampledFrom(names).Draw(t, "mutation")
		claim := mutations[mutation](symbolic.Expand(d), wrt)
		points := rapid.SampledFrom([]int{1, 8}).Draw(t, "points")
		opts := numeric.CheckOptions{Seed: 1, Points: points}
		rep, err := numeric.Check(&prog, f, wrt, claim, opts)
		if err != nil {
			t.Skipf("Check: %v", err)
		}
		srep, err := numeric.Screen(&prog, f, wrt, claim, opts)
		if err != nil {
			t.Fatalf("the screen failed with %v where Check did not", err)
		}
		what := "∂/∂" + symbolic.Print(wrt, symbolic.Text) + " of " + symbolic.Print(f, symbolic.Text) + " claimed " + symbolic.Print(claim, symbolic.Text)
		switch {
		case srep != nil && rep.Verdict != "correct" && points == 1:
			t.Fatalf("the screen passed %s (error %g), which Check rejects (error %g, %s)", what, srep.MaxRelError, rep.MaxRelError, rep.Diagnosis)
		case srep == nil && rep.Verdict == "correct":
			t.Fatalf("the screen did not pass %s, which Check accepts (error %g)", what, rep.MaxRelError)
		}
		if srep != nil && (srep.Verdict != "correct" || srep.Method != "random directions" || srep.Points != len(numeric.ScreenKs(points))) {
			t.Fatalf("screen report %+v", srep)
		}
	})
}

// TestScreenJacobiansAndHessians: the screen of a Jacobian (J v against
// directional differences of a vector f) and of a Hessian (uᵀ H v
// against second differences) passes correct claims and leaves wrong
// ones, and those it cannot judge (a wrong shape), to the full check; and
// Verify's verdict is then the full check's, report and all.
func TestScreenJacobiansAndHessians(t *testing.T) {
	const (
		affine   = "A ∈ R^{m×n}; x ∈ R^n; b ∈ R^m; g = σ(A x + b)"
		quad     = "x ∈ R^n; A ∈ R^{n×n}; f = x^T A x"
		logistic = "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; L = sum(log(1 + exp(-y ⊙ (X w))))"
		sig      = "σ(-y ⊙ (X w)) ⊙ (1 - σ(-y ⊙ (X w)))"
	)
	cases := []struct {
		name, program, wrt, claim string
		hessian, correct          bool
	}{
		{"jacobian", affine, "x", "diag(σ(A x + b) ⊙ (1 - σ(A x + b))) A", false, true},
		{"jacobian wrt b", affine, "b", "diag(σ(A x + b) ⊙ (1 - σ(A x + b)))", false, true},
		{"jacobian: σ' forgotten", affine, "x", "A", false, false},
		{"jacobian: transposed", affine, "x", "A^T diag(σ(A x + b) ⊙ (1 - σ(A x + b)))", false, false},
		{"hessian", quad, "x", "A + A^T", true, true},
		{"hessian: A alone", quad, "x", "A", true, false},
		{"hessian: doubled", quad, "x", "2 (A + A^T)", true, false},
		{"hessian: logistic", logistic, "w", "X^T diag(y ⊙ y ⊙ " + sig + ") X", true, true},
		{"hessian: logistic, labels ±1 assumed", logistic, "w", "X^T diag(" + sig + ") X", true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pr := parseProblem(t, c.program)
			wrt, claim := pr.expr(t, c.wrt), pr.expr(t, c.claim)
			opts := numeric.CheckOptions{Seed: 3}
			screen, check, verify := numeric.Screen, numeric.Check, numeric.Verify
			if c.hessian {
				screen, check, verify = numeric.ScreenHessian, numeric.CheckHessian, numeric.VerifyHessian
			}
			srep, err := screen(pr.p, pr.f, wrt, claim, opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := srep != nil; got != c.correct {
				t.Fatalf("the screen passed: %v, want %v (%+v)", got, c.correct, srep)
			}
			full, err := check(pr.p, pr.f, wrt, claim, opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := full.Verdict == "correct"; got != c.correct {
				t.Fatalf("Check: %+v", full)
			}
			rep, err := verify(pr.p, pr.f, wrt, claim, opts)
			if err != nil {
				t.Fatal(err)
			}
			if c.correct {
				if rep.Verdict != "correct" || rep.Method != "random directions" || rep.Points != 3 {
					t.Errorf("Verify: %+v, want the screen's positive report", rep)
				}
				return
			}
			if !reflect.DeepEqual(rep, full) {
				t.Errorf("Verify: %+v\nwant Check's report %+v", rep, full)
			}
		})
	}
}

// TestScreenKs: the screen takes ⌈3·points/8⌉ of Check's points, the
// first and the two wide ones (3 and 7) first.
func TestScreenKs(t *testing.T) {
	for points, want := range map[int][]int{
		1: {0}, 2: {0}, 3: {0, 1}, 8: {0, 3, 7}, 16: {0, 3, 7, 1, 2, 4}, 5: {0, 3},
	} {
		if got := numeric.ScreenKs(points); !slices.Equal(got, want) {
			t.Errorf("points %d: %v, want %v", points, got, want)
		}
	}
}

// TestScreenSearchesSmallerPoints: f = exp(−5000 x²) has a derivative
// far below the differences' rounding noise at a point x ~ N(0, 1); the
// screen draws the first point again at smaller values, where a factor
// forgotten in the claim shows, as Check does.
func TestScreenSearchesSmallerPoints(t *testing.T) {
	pr := parseProblem(t, "x ∈ R; f = exp(-5000 x^2)")
	opts := numeric.CheckOptions{Seed: 1}
	for claim, correct := range map[string]bool{
		"-10000 x exp(-5000 x^2)": true,
		"-5000 x exp(-5000 x^2)":  false,
	} {
		srep, err := numeric.Screen(pr.p, pr.f, pr.expr(t, "x"), pr.expr(t, claim), opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := srep != nil; got != correct {
			t.Errorf("%s: the screen passed: %v, want %v", claim, got, correct)
		}
		if rep := pr.check(t, "x", claim, opts); (rep.Verdict == "correct") != correct {
			t.Errorf("%s: Check: %+v", claim, rep)
		}
	}
}
