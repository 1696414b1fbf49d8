package numeric_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"deriv/numeric"
	"deriv/symbolic"
)

// limitOf returns the *LimitError in err, failing the test otherwise.
func limitOf(t *testing.T, what string, err error) *numeric.LimitError {
	t.Helper()
	var le *numeric.LimitError
	if !errors.As(err, &le) {
		t.Fatalf("%s: error %v (%T), want *numeric.LimitError", what, err, err)
	}
	if le.Error() != le.Msg || le.Msg == "" {
		t.Errorf("%s: Error() = %q, Msg = %q", what, le.Error(), le.Msg)
	}
	return le
}

// TestMemoryEstimateBeforeAllocating: a d×d matrix at d = 100000 would
// need 80 GB; Check refuses before drawing it, naming the variable, its
// size and the limit.
func TestMemoryEstimateBeforeAllocating(t *testing.T) {
	pr := parseProblem(t, "W ∈ R^{d×d}; f = sum(W)")
	_, err := numeric.Check(pr.p, pr.f, pr.expr(t, "W"), pr.expr(t, "𝟙 𝟙^T"),
		numeric.CheckOptions{Dims: map[symbolic.Dim]int{"d": 100000}})
	le := limitOf(t, "d = 100000", err)
	if le.Limit != "memory" {
		t.Errorf("limit %q, want memory", le.Limit)
	}
	want := "W would have 10¹⁰ entries (80 GB); the limit is 5×10⁷ entries (400 MB)"
	if le.Msg != want {
		t.Errorf("message %q, want %q", le.Msg, want)
	}
	// A lower MaxEntries applies to intermediates too: x xᵀ at d = 2000
	// has 4×10⁶ entries although x has 2000.
	pr = parseProblem(t, "x ∈ R^d; f = sum(x x^T)")
	_, err = numeric.Check(pr.p, pr.f, pr.expr(t, "x"), pr.expr(t, "2 sum(x) 𝟙"),
		numeric.CheckOptions{Dims: map[symbolic.Dim]int{"d": 2000}, MaxEntries: 1_000_000})
	le = limitOf(t, "x xᵀ", err)
	if le.Limit != "memory" || !strings.Contains(le.Msg, "2000×2000") || !strings.Contains(le.Msg, "4×10⁶ entries (32 MB)") {
		t.Errorf("limit %q, message %q", le.Limit, le.Msg)
	}
}

// TestSumTermsLimit: a sum over 10⁹ terms is refused before it runs.
func TestSumTermsLimit(t *testing.T) {
	pr := parseProblem(t, "x ∈ R; G: R^n → R; f = x^2")
	_, err := numeric.Check(pr.p, pr.f, pr.expr(t, "x"), pr.expr(t, "Σ_{i=1}^{n} 2 x"),
		numeric.CheckOptions{Points: 1, Dims: map[symbolic.Dim]int{"n": 1_000_000_000}})
	if le := limitOf(t, "n = 10⁹", err); le.Limit != "work" {
		t.Errorf("limit %q, want work", le.Limit)
	}
}

// TestContextStopsNestedSums: a claim with ten nested sums (5¹⁰ ≈ 9.8×10⁶
// terms, under the work limit) stops at the context's deadline with a time
// limit, inside the evaluation.
func TestContextStopsNestedSums(t *testing.T) {
	pr := parseProblem(t, "x ∈ R; G: R^n → R; f = x^2")
	// The innermost term mentions every index, so no sum can be cached
	// across the iterations of the sums around it.
	idx := "a + b + c + d + e + f + g + h + i + j"
	claim := "2 x + " + idx + " - (" + idx + ")"
	for k := range 10 {
		i := string(rune('a' + k))
		claim = "Σ_{" + i + "=1}^{n} (" + claim + ")"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	numeric.ResetWork()
	_, err := numeric.Check(pr.p, pr.f, pr.expr(t, "x"), pr.expr(t, claim),
		numeric.CheckOptions{Dims: map[symbolic.Dim]int{"n": 5}, Context: ctx})
	if le := limitOf(t, "nested sums", err); le.Limit != "time" {
		t.Errorf("limit %q, want time", le.Limit)
	}
	// It stopped inside the first evaluation of the claim, long before
	// its 5¹⁰ terms.
	if w := numeric.ReadWork(); w.NodeEvals > 9_000_000 {
		t.Errorf("%d node evaluations before stopping", w.NodeEvals)
	}
	// A context cancelled before the start stops at once.
	done, stop := context.WithCancel(context.Background())
	stop()
	_, err = numeric.Equivalent(pr.p, pr.f, pr.expr(t, "x x"), numeric.CheckOptions{Context: done})
	if le := limitOf(t, "cancelled", err); le.Limit != "time" {
		t.Errorf("limit %q, want time", le.Limit)
	}
}

// TestValidate: the options as the user typed them.
func TestValidate(t *testing.T) {
	ok := numeric.CheckOptions{Points: 8, Tol: 1e-6, Dims: map[symbolic.Dim]int{"d": 3}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid options: %v", err)
	}
	cases := []struct {
		name string
		edit func(o *numeric.CheckOptions)
		msg  string
	}{
		{"points 0", func(o *numeric.CheckOptions) { o.Points = 0 }, "number of points"},
		{"points 10⁶", func(o *numeric.CheckOptions) { o.Points = 1_000_000 }, "between 1 and 10000"},
		{"tol NaN", func(o *numeric.CheckOptions) { o.Tol = math.NaN() }, "tolerance must be a number"},
		{"tol +Inf", func(o *numeric.CheckOptions) { o.Tol = math.Inf(1) }, "tolerance must be a number"},
		{"tol −1", func(o *numeric.CheckOptions) { o.Tol = -1 }, "between 0 and 1"},
		{"tol 0", func(o *numeric.CheckOptions) { o.Tol = 0 }, "between 0 and 1"},
		{"tol 1", func(o *numeric.CheckOptions) { o.Tol = 1 }, "between 0 and 1"},
		{"dims 0", func(o *numeric.CheckOptions) { o.Dims = map[symbolic.Dim]int{"d": 0} }, "size of d must be at least 1"},
		{"dims unnamed", func(o *numeric.CheckOptions) { o.Dims = map[symbolic.Dim]int{"": 4} }, "needs a name"},
		{"max entries", func(o *numeric.CheckOptions) { o.MaxEntries = -1 }, "entry limit"},
	}
	for _, c := range cases {
		o := ok
		c.edit(&o)
		err := o.Validate()
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.msg)
		}
	}
}

// TestNestedSumsOverWorkLimit: ten nested sums over n = 6 (6¹⁰ ≈ 6×10⁷
// terms) stop at the work limit (10⁷ terms), with no deadline.
func TestNestedSumsOverWorkLimit(t *testing.T) {
	pr := parseProblem(t, "x ∈ R; G: R^n → R; f = x^2")
	// The innermost term mentions every index, so no sum can be cached
	// across the iterations of the sums around it.
	idx := "a + b + c + d + e + f + g + h + i + j"
	claim := "2 x + " + idx + " - (" + idx + ")"
	for k := range 10 {
		i := string(rune('a' + k))
		claim = "Σ_{" + i + "=1}^{n} (" + claim + ")"
	}
	_, err := numeric.Check(pr.p, pr.f, pr.expr(t, "x"), pr.expr(t, claim),
		numeric.CheckOptions{Dims: map[symbolic.Dim]int{"n": 6}})
	if le := limitOf(t, "6¹⁰ terms", err); le.Limit != "work" {
		t.Errorf("limit %q, want work", le.Limit)
	}
}

// TestValidateFor: a --dims name the program does not have is an error
// naming the ones it has.
func TestValidateFor(t *testing.T) {
	pr := parseProblem(t, "w_i ∈ R^d for i = 1..n; x ∈ R^d; f = Σ_{i=1}^{n} w_i^T x")
	ok := numeric.CheckOptions{Points: 8, Tol: 1e-6, Dims: map[symbolic.Dim]int{"d": 3, "n": 4}}
	if err := ok.ValidateFor(pr.p, pr.f); err != nil {
		t.Fatalf("valid: %v", err)
	}
	bad := ok
	bad.Dims = map[symbolic.Dim]int{"q": 3}
	err := bad.ValidateFor(pr.p, pr.f)
	if err == nil || !strings.Contains(err.Error(), "unknown dimension q") || !strings.Contains(err.Error(), "d, n") {
		t.Errorf("error %v", err)
	}
	bad.Dims = map[symbolic.Dim]int{"d": 0}
	if err := bad.ValidateFor(pr.p, pr.f); err == nil {
		t.Error("d = 0 accepted")
	}
}

// TestNestedIndependentSumsCached: ten nested sums whose terms do not
// depend on the indices are each computed once per evaluation (a sum's
// value is cached until an index it depends on changes), so 6¹⁰ terms
// cost a few dozen node evaluations.
func TestNestedIndependentSumsCached(t *testing.T) {
	pr := parseProblem(t, "x ∈ R; G: R^n → R; f = x^2")
	claim := "2 x"
	for k := range 10 {
		claim = "Σ_{" + string(rune('a'+k)) + "=1}^{n} (" + claim + ")"
	}
	numeric.ResetWork()
	rep := pr.check(t, "x", claim, numeric.CheckOptions{Dims: map[symbolic.Dim]int{"n": 6}})
	if rep.Verdict != "incorrect" {
		t.Errorf("6¹⁰ · 2x: verdict %s", rep.Verdict)
	}
	if w := numeric.ReadWork(); w.NodeEvals > 200*w.Evals {
		t.Errorf("%d node evaluations in %d evaluations", w.NodeEvals, w.Evals)
	}
}
