package engine_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"deriv/engine"
	"deriv/symbolic"
)

func load(t *testing.T, src string) *symbolic.Program {
	t.Helper()
	p, err := engine.LoadFunction(context.Background(), src, engine.Options{})
	require.NoError(t, err)
	return p
}

func expr(t *testing.T, p *symbolic.Program, src string) *symbolic.Expr {
	t.Helper()
	e, err := engine.ParseExpr(p, src)
	require.NoError(t, err)
	return e
}

// TestCheckVerdicts: a right claim is Correct; classic mistakes are
// Incorrect with the diagnosis code of SPEC §7.3.
func TestCheckVerdicts(t *testing.T) {
	p := load(t, "x ∈ R^n; A ∈ R^{n×m}; B ∈ R^{m×n}; C ∈ R^{n×n}; f = x^T C x")
	x := expr(t, p, "x")
	for _, tc := range []struct {
		claim   string
		verdict engine.Verdict
		code    string
	}{
		{"(C + C^T) x", engine.Correct, ""},
		{"∂f/∂x = C x + C^T x", engine.Correct, ""},
		{"-(C + C^T) x", engine.Incorrect, "sign"},
		{"3 (C + C^T) x", engine.Incorrect, "factor"},
		{"x^T (C + C^T)", engine.Incorrect, "shape"},
	} {
		claim, err := engine.ParseClaim(p, tc.claim, x)
		require.NoError(t, err, tc.claim)
		rep, err := engine.Check(context.Background(), p, x, claim, engine.CheckOptions{Points: 3, Seed: 1}, engine.Budget{})
		require.NoError(t, err, tc.claim)
		assert.Equal(t, tc.verdict, rep.Verdict, tc.claim)
		if tc.code == "" {
			assert.Nil(t, rep.Diagnosis, tc.claim)
			continue
		}
		require.NotNil(t, rep.Diagnosis, tc.claim)
		assert.Equal(t, tc.code, rep.Diagnosis.Code, tc.claim)
		assert.NotNil(t, rep.Counterexample, tc.claim)
	}
}

// TestDeriveVerifies: every derivative is checked before it is shown, and
// a Hessian against second differences.
func TestDeriveVerifies(t *testing.T) {
	p := load(t, "x ∈ R^n; A ∈ R^{n×n}; f = x^T A x")
	x := expr(t, p, "x")
	for _, k := range []engine.Kind{engine.Grad, engine.Hessian, engine.Jacobian} {
		ds, err := engine.Derive(context.Background(), p, engine.DeriveRequest{Kind: k, Wrt: []*symbolic.Expr{x}, Verify: engine.VerifyReport, Check: engine.CheckOptions{Points: 3}})
		require.NoError(t, err, k)
		require.Len(t, ds, 1)
		require.NotNil(t, ds[0].Report, k)
		assert.Equal(t, engine.Correct, ds[0].Report.Verdict, k)
		assert.False(t, ds[0].Failed())
	}
	ds, err := engine.Derive(context.Background(), p, engine.DeriveRequest{Kind: engine.Hessian, Wrt: []*symbolic.Expr{x}, Verify: engine.VerifyOff})
	require.NoError(t, err)
	assert.Nil(t, ds[0].Report)
	assert.Equal(t, "∂²f/∂x²", ds[0].Head(symbolic.Text))
	assert.Equal(t, `\frac{\partial^2 f}{\partial x^2}`, ds[0].Head(symbolic.LaTeX))
}

// TestValidate: flags no check can honour are refused, naming the flag.
func TestValidate(t *testing.T) {
	nan := 0.0
	nan = nan / nan
	for _, o := range []engine.CheckOptions{
		{Points: 8, Tol: nan}, {Points: 8, Tol: -1}, {Points: 8, Tol: 0},
		{Points: 0, Tol: 1e-6}, {Points: 1000000, Tol: 1e-6},
		{Points: 8, Tol: 1e-6, Dims: map[symbolic.Dim]int{"d": 0}},
	} {
		assert.Error(t, o.Validate(engine.Budget{}), "%+v", o)
	}
	assert.NoError(t, engine.CheckOptions{Points: 8, Tol: 1e-6}.Validate(engine.Budget{}))
}

func TestParseDims(t *testing.T) {
	d, err := engine.ParseDims("d=1000, n=50")
	require.NoError(t, err)
	assert.Equal(t, map[symbolic.Dim]int{"d": 1000, "n": 50}, d)
	for _, bad := range []string{"d", "d=0", "d=x", "=3", "d=2,d=3", "d=99999999999"} {
		_, err := engine.ParseDims(bad)
		assert.Error(t, err, bad)
	}
	// A name that is no dimension of the program is refused by the
	// operations.
	p := load(t, "x ∈ R^d; f = x^T x")
	x := expr(t, p, "x")
	_, err = engine.Derive(context.Background(), p, engine.DeriveRequest{Kind: engine.Grad, Wrt: []*symbolic.Expr{x}, Check: engine.CheckOptions{Dims: map[symbolic.Dim]int{"q": 3}}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no dimension q")
}

// TestBudgetTime: a context that has ended stops an operation with a
// LimitError naming the time limit.
func TestBudgetTime(t *testing.T) {
	p := load(t, "x ∈ R^n; f = x^T x")
	x := expr(t, p, "x")
	_, err := engine.Derive(context.Background(), p, engine.DeriveRequest{Kind: engine.Grad, Wrt: []*symbolic.Expr{x}, Budget: engine.Budget{Time: time.Nanosecond}})
	var le *engine.LimitError
	require.True(t, errors.As(err, &le), "%v", err)
	assert.Equal(t, "time", le.Limit)
	assert.Contains(t, le.Error(), "time limit")
}

// TestNoFunction: operations on a program with only declarations say so.
func TestNoFunction(t *testing.T) {
	_, err := engine.LoadFunction(context.Background(), "x ∈ R^n", engine.Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nothing to differentiate")
}

func TestVerdictText(t *testing.T) {
	b, err := engine.Incorrect.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "incorrect", string(b))
	assert.True(t, engine.Equivalent.Positive())
	assert.False(t, engine.Different.Positive())
}

// TestClaimZero: a bare 0 claimed as the gradient with respect to a matrix
// is the zero matrix, as textbooks write it.
func TestClaimZero(t *testing.T) {
	p := load(t, "B ∈ R^{d×n}; c ∈ R; f = c^2")
	b := expr(t, p, "B")
	for _, src := range []string{"0", "∂f/∂B = 0"} {
		claim, err := engine.ParseClaim(p, src, b)
		require.NoError(t, err)
		rep, err := engine.Check(context.Background(), p, b, claim, engine.CheckOptions{Points: 2}, engine.Budget{})
		require.NoError(t, err)
		assert.Equal(t, engine.Correct, rep.Verdict, src)
	}
}

// TestBudgetNodes: a derivative over the node budget is a LimitError
// naming the limit, not an answer.
func TestBudgetNodes(t *testing.T) {
	p := load(t, "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R\nℓ = ½‖W2 φ(W1 x + b) − y‖²")
	w := expr(t, p, "W1")
	_, err := engine.Derive(context.Background(), p, engine.DeriveRequest{Kind: engine.Grad, Wrt: []*symbolic.Expr{w}, Verify: engine.VerifyOff, Budget: engine.Budget{Nodes: 3}})
	var le *engine.LimitError
	require.True(t, errors.As(err, &le), "%v", err)
	assert.Equal(t, "nodes", le.Limit)
	assert.Contains(t, le.Error(), "3")
}

// TestBudgetMemory: sizes whose arrays would not fit are refused before
// anything is allocated, naming the memory limit.
func TestBudgetMemory(t *testing.T) {
	p := load(t, "W ∈ R^{d×d}; x ∈ R^d; f = x^T W x")
	w := expr(t, p, "W")
	_, err := engine.Derive(context.Background(), p, engine.DeriveRequest{Kind: engine.Grad, Wrt: []*symbolic.Expr{w}, Verify: engine.VerifyReport, Check: engine.CheckOptions{Dims: map[symbolic.Dim]int{"d": 100000}}})
	var le *engine.LimitError
	require.True(t, errors.As(err, &le), "%v", err)
	assert.Equal(t, "memory", le.Limit)
	assert.Contains(t, le.Error(), "10¹⁰ entries")
}

// gradVerified derives ∂f/∂wrt for the program src, requires the text
// want and a positive numeric check.
func gradVerified(t *testing.T, src, wrt, want string) {
	t.Helper()
	p := load(t, src)
	ts, err := engine.Targets(p, "--wrt", wrt)
	require.NoError(t, err, src)
	ds, err := engine.Derive(t.Context(), p, engine.DeriveRequest{Kind: engine.Grad, Wrt: ts, Verify: engine.VerifyReport})
	require.NoError(t, err, src)
	assert.Equal(t, want, ds[0].Body(symbolic.Text), src)
	require.NotNil(t, ds[0].Report, src)
	assert.Equal(t, engine.Correct, ds[0].Report.Verdict, src)
}

// TestFamilyFromSum: w_i declared without a range and summed over i is a
// family: ∂/∂w_i of Σ_{i=1}^{n} w_iᵀ x is x (one member), not n·x (the
// gradient of n·w_iᵀ x for one vector w_i), and the check agrees.
func TestFamilyFromSum(t *testing.T) {
	for src, want := range map[string]string{
		"x ∈ R^d; w_i ∈ R^d; f = Σ_{i=1}^{n} w_i^T x":                                 "x",
		"x ∈ R^d; y ∈ R; w_i ∈ R^d; f = (y - Σ_{i=1}^{n} w_i^T x)^2":                  "−2 (y − Σ_{j=1}^{n} w_jᵀ x) x",
		`x \in \mathbb{R}^d; w_i \in \mathbb{R}^d; f = \sum_{i=1}^{n} (w_i^\top x)^2`: "2 (w_iᵀ x) x",
	} {
		gradVerified(t, src, "w_i", want)
	}
}

// TestFamilyOfDefinitionsGrad: a family of definitions used with another
// subscript (σ(z_j) inside Σ_j for z_i = w_iᵀ x + b_i) is that member,
// not an entry of some other vector z (which made f independent of w:
// ∂f/∂w_i was 0); in a claim too. The derivatives verify.
func TestFamilyOfDefinitionsGrad(t *testing.T) {
	for src, want := range map[string]string{
		"x ∈ R^d; w_i ∈ R^d, b_i ∈ R for i = 1..n; z_i = w_i^T x + b_i; f = Σ_{j=1}^{n} σ(z_j)^2": "2 σ(z)² (1 − σ(z)) x",
		"x ∈ R^d; w_i ∈ R^d for i = 1..n; z_i = w_i^T x; a_i = z_i^2; f = Σ_{j=1}^{n} a_j":        "2 (w_iᵀ x) x",
		"x ∈ R^d; w_i ∈ R^d for i = 1..n; z_i = w_i^T x; f = (Σ_{j=1}^{n} z_j)^2":                 "2 (Σ_{j=1}^{n} w_jᵀ x) x",
		"x ∈ R^d; w_i ∈ R^d; b_i ∈ R; z_i = w_i^T x + b_i; f = Σ_{j=1}^{n} σ(z_j)^2":              "2 σ(z)² (1 − σ(z)) x",
	} {
		gradVerified(t, src, "w_i", want)
	}
	checkClaims(t, "x ∈ R^d; w_i ∈ R^d for i = 1..n; z_i = w_i^T x; f = (Σ_{j=1}^{n} z_j)^2", "w_i",
		map[string]engine.Verdict{"2 (Σ_{k=1}^{n} z_k) x": engine.Correct, "2 z_i x": engine.Incorrect})
}

// checkClaims checks each claim for ∂f/∂wrt in the program src and
// requires its verdict.
func checkClaims(t *testing.T, src, wrt string, claims map[string]engine.Verdict) {
	t.Helper()
	p := load(t, src)
	w := expr(t, p, wrt)
	for claim, verdict := range claims {
		c, err := engine.ParseClaim(p, claim, w)
		require.NoError(t, err, claim)
		rep, err := engine.Check(t.Context(), p, w, c, engine.CheckOptions{Points: 3, Seed: 1}, engine.Budget{})
		require.NoError(t, err, claim)
		assert.Equal(t, verdict, rep.Verdict, claim)
	}
}

// TestReductionsOfZero: logsumexp and softmax of a zero vector are not
// zero; they are written with the dimension (log(n), 𝟙/n), which claims
// may name too, so that the answer reads back (logsumexp(0) read back as
// that of the scalar 0).
func TestReductionsOfZero(t *testing.T) {
	gradVerified(t, "x ∈ R^n; A ∈ R^{n×n}; f = tr(A) logsumexp(x - x)", "A", "log(n) I")
	gradVerified(t, "X ∈ R^{m×n}; A ∈ R^{n×n}; f = tr(A) logsumexp(X - X)", "A", "log(m n) I")
	gradVerified(t, "x ∈ R^3; A ∈ R^{3×3}; f = tr(A) logsumexp(x - x)", "A", "log(3) I")
	gradVerified(t, "x ∈ R^n; A ∈ R^{n×n}; f = tr(A) softmax(x - x)^T x", "x", "tr(A) 𝟙/n")
	src := "x ∈ R^n; A ∈ R^{n×n}; f = tr(A) logsumexp(x - x)"
	checkClaims(t, src, "A", map[string]engine.Verdict{"log(n) I": engine.Correct, "log(2 n) I": engine.Incorrect})
	p := load(t, src)
	_, err := engine.ParseClaim(p, "log(k) I", expr(t, p, "A"))
	assert.ErrorContains(t, err, "unknown name k")
}

// TestFamilyDefinitionTarget: ∂f/∂z_i for a family of definitions z_i
// (one per member) is derived as for a family member, checked the same
// way (claims naming z_j read as its members), and evaluated at a point
// from the values of the variables z_i is made of.
func TestFamilyDefinitionTarget(t *testing.T) {
	src := "w_i ∈ R^2, b_i ∈ R for i = 1..2; x ∈ R^2; y ∈ R; z_i = w_i^T x + b_i; a_i = σ(z_i); f = (y − Σ_{i=1}^{2} a_i)^2"
	gradVerified(t, src, "z_i", "−2 (y − Σ_{j=1}^{2} σ(z_j)) σ(z_i) (1 − σ(z_i))")
	gradVerified(t, src, "a_i", "−2 (y − Σ_{j=1}^{2} a_j)")
	checkClaims(t, src, "z_i", map[string]engine.Verdict{
		"-2 (y - Σ_{j=1}^{2} σ(z_j)) σ(z_i) (1 - σ(z_i))": engine.Correct,
		"-2 (y - Σ_{j=1}^{2} σ(z_j)) σ(z_i)":              engine.Incorrect,
	})
	p := load(t, src)
	ts, err := engine.Targets(p, "--wrt", "z_i")
	require.NoError(t, err)
	ds, err := engine.Derive(t.Context(), p, engine.DeriveRequest{Kind: engine.Grad, Wrt: ts})
	require.NoError(t, err)
	at, err := engine.ReadValues(p, []byte(`{"w": [[1,2],[3,4]], "b": [0.5, -0.5], "x": [0.1, 0.2], "y": 1}`), "at.json")
	require.NoError(t, err)
	v, err := ds[0].ValueAt(p, at)
	require.NoError(t, err)
	got := v.([]float64)
	for k, want := range []float64{0.14813328358468228, 0.17237285760090282} { // by hand (Python)
		assert.InDelta(t, want, got[k], 1e-12)
	}
}
