package numeric_test

import (
	"testing"

	"deriv/numeric"
	"deriv/parser"
)

// The worksheet's ∂ℓ/∂W1 (question 2e, elementwise φ) with the where-names
// z and r added as definitions before ℓ, so that claims may use them as a
// student writes them. ℓ stays the result (the last definition).
const worksheetW1 = `x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R
z = W1 x + b
r = W2 φ(z) - y
ℓ = 1/2 ||W2 φ(W1 x + b) - y||^2`

// The worksheet's question 2c.
const worksheet2c = `w_i ∈ R^d, b_i ∈ R for i = 1..n
x ∈ R^d; y ∈ R
f(W, x, y) = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2`

// TestClaims checks alternative correct forms of the worksheet's answers
// and classic wrong ones, with the diagnosis each wrong one must get.
func TestClaims(t *testing.T) {
	cases := []struct {
		name, program, wrt, claim string
		correct                   bool
		diag                      []string // substrings of the diagnosis
	}{
		{"⊙ form", worksheetW1, "W1", "(φ'(z) ⊙ (W2ᵀ r)) xᵀ", true, nil},
		{"⊙ form as textbooks write it", worksheetW1, "W1", "(φ'(z) ⊙ W2ᵀ r) xᵀ", true, nil},
		{"diag form", worksheetW1, "W1", "diag(φ'(z)) W2ᵀ r xᵀ", true, nil},
		{"inlined", worksheetW1, "W1", "(φ'(W1 x + b) ⊙ (W2^T (W2 φ(W1 x + b) - y))) x^T", true, nil},
		{"LaTeX", worksheetW1, "W1", `\left(\phi'(z) \odot \left(W2^\top r\right)\right) x^\top`, true, nil},
		{"transposed", worksheetW1, "W1", "x (φ'(z) ⊙ (W2ᵀ r))ᵀ", false, []string{"the claim is the transpose of the derivative"}},
		{"wrong sign", worksheetW1, "W1", "-(φ'(z) ⊙ (W2ᵀ r)) xᵀ", false, []string{"wrong sign"}},
		{"factor 2", worksheetW1, "W1", "2 (φ'(z) ⊙ (W2ᵀ r)) xᵀ", false, []string{"off by a constant factor", "2 times"}},
		{"factor ½", worksheetW1, "W1", "½ (φ'(z) ⊙ (W2ᵀ r)) xᵀ", false, []string{"0.5 times"}},
		{"wrong shape", worksheetW1, "W1", "φ'(z) ⊙ (W2ᵀ r)", false, []string{"vector(d)", "matrix(d×d)"}},
		{"missing φ'", worksheetW1, "W1", "W2ᵀ r xᵀ", false, nil},
		{"b without φ'", worksheetW1, "b", "W2ᵀ r", false, nil},
		{"W2 not transposed", worksheetW1, "W1", "(φ'(z) ⊙ (W2 r)) xᵀ", false, nil},
		{"b", worksheetW1, "b", "φ'(z) ⊙ (W2ᵀ r)", true, nil},
		{"b as a row", worksheetW1, "b", "(φ'(z) ⊙ (W2ᵀ r))ᵀ", false, []string{"row vector(1×d)", "vector(d)", "transposed"}},
		{"W2", worksheetW1, "W2", "r φ(z)ᵀ", true, nil},
		{"W2 transposed", worksheetW1, "W2", "φ(z) rᵀ", false, []string{"the claim is the transpose of the derivative"}},
		{"x", worksheetW1, "x", "W1ᵀ (φ'(z) ⊙ (W2ᵀ r))", true, nil},

		{"2c-dw sign folded in", worksheet2c, "w_i", "2(Σ_j σ(w_jᵀx + b_j) − y) σ(w_iᵀx+b_i)(1−σ(w_iᵀx+b_i)) x", true, nil},
		{"2c-dw with σ'", worksheet2c, "w_i", "-2 (y - Σ_{j=1}^{n} σ(w_j^T x + b_j)) σ'(w_i^T x + b_i) x", true, nil},
		{"2c-dw LaTeX", worksheet2c, "w_i", `-2 \left(y - \sum_{j=1}^{n} \sigma(w_j^\top x + b_j)\right) \sigma(w_i^\top x + b_i) \left(1 - \sigma(w_i^\top x + b_i)\right) x`, true, nil},
		{"2c-dw σ' as σ", worksheet2c, "w_i", "-2 (y - Σ_j σ(w_j^T x + b_j)) σ(w_i^T x + b_i) x", false, []string{"missing or extra chain-rule factor"}},
		{"2c-dw wrong sign", worksheet2c, "w_i", "2 (y - Σ_j σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i)) x", false, []string{"wrong sign"}},
		{"2c-dw no factor 2", worksheet2c, "w_i", "-(y - Σ_j σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i)) x", false, []string{"0.5 times"}},
		{"2c-dw as a row", worksheet2c, "w_i", "-2 (y - Σ_j σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i)) x^T", false, []string{"row vector(1×d)", "vector(d)", "transposed"}},
		{"2c-db", worksheet2c, "b_i", "-2 (y - Σ_j σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i))", true, nil},
		{"2c-db a vector", worksheet2c, "b_i", "-2 (y - Σ_j σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i)) x", false, []string{"vector(d)", "scalar"}},
		{"2c-dw fixed member", worksheet2c, "w_1", "-2 (y - Σ_j σ(w_j^T x + b_j)) σ(w_1^T x + b_1) (1 - σ(w_1^T x + b_1)) x", true, nil},
		{"2c-dw wrong member", worksheet2c, "w_1", "-2 (y - Σ_j σ(w_j^T x + b_j)) σ(w_2^T x + b_2) (1 - σ(w_2^T x + b_2)) x", false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pr := parseProblem(t, c.program)
			rep := pr.check(t, c.wrt, c.claim, numeric.CheckOptions{Seed: 5, Points: 4})
			if c.correct {
				wantCorrect(t, c.claim, rep)
				return
			}
			wantIncorrect(t, c.claim, rep, c.diag...)
		})
	}
}

// TestEquivalentForms compares expressions with numeric.Equivalent.
func TestEquivalentForms(t *testing.T) {
	const sq = "A, B ∈ R^{n×n}; C ∈ R^{n×m}; x ∈ R^n; A"
	cases := []struct {
		name, program, a, b, verdict string
		diag                         []string
	}{
		{"(BA)ᵀ = AᵀBᵀ", "A ∈ R^{m×n}; B ∈ R^{p×m}; A", "(B A)ᵀ", "Aᵀ Bᵀ", "equivalent", nil},
		{"(BA)ᵀ ≠ BᵀAᵀ", sq, "(B A)ᵀ", "Bᵀ Aᵀ", "different", nil},
		{"(BA)ᵀ vs BA", sq, "(B A)ᵀ", "B A", "different", []string{"transpose"}},
		{"diag vs ⊙", sq, "diag(exp(x)) A x", "exp(x) ⊙ (A x)", "equivalent", nil},
		{"shapes", sq, "A C", "(A C)ᵀ", "different", []string{"matrix(n×m)", "matrix(m×n)"}},
		{"tr cyclic", sq, "tr(A B C Cᵀ)", "tr(Cᵀ A B C)", "equivalent", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pr := parseProblem(t, c.program)
			rep, err := numeric.Equivalent(pr.p, pr.expr(t, c.a), pr.expr(t, c.b), numeric.CheckOptions{Seed: 3})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Verdict != c.verdict {
				t.Fatalf("verdict %s (diagnosis %q), want %s", rep.Verdict, rep.Diagnosis, c.verdict)
			}
			for _, d := range c.diag {
				if !containsStr(rep.Diagnosis, d) {
					t.Errorf("diagnosis %q, want it to contain %q", rep.Diagnosis, d)
				}
			}
		})
	}
}

// TestClaimErrors: a claim that does not parse, names something unknown
// or has a shape conflict is a *symbolic.Error with a position (exit 2 in
// the CLI), never a verdict.
func TestClaimErrors(t *testing.T) {
	p, err := parser.Parse(worksheetW1)
	if err != nil {
		t.Fatal(err)
	}
	for _, claim := range []string{
		"x ⊙ W1",
		"(φ'(z) ⊙ (W2ᵀ r) xᵀ",
		"(φ'(z) ⊙ (W2ᵀ r)) xᵀ +",
		"V xᵀ",
		"W1 + x",
		"φ'(z) ⊙ (W1 r) xᵀ ⊙",
	} {
		t.Run(claim, func(t *testing.T) {
			_, err := parser.ParseExpr(p, claim)
			if err == nil {
				t.Fatal("no error")
			}
			se := positioned(t, claim, err)
			if se.Src != claim {
				t.Errorf("error source %q, want the claim", se.Src)
			}
		})
	}
}
