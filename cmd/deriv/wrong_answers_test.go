package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wrongCase runs the real command and checks its exit code and that
// stdout and stderr contain the given fragments (and not the excluded
// ones). These are the wrong answers of issue 7, one family per block.
type wrongCase struct {
	name   string
	args   []string
	code   int
	out    []string
	errOut []string
	notOut []string
}

func runWrongCases(t *testing.T, cases []wrongCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tc.args...)
			assert.Equal(t, tc.code, code, "exit code\nstdout:\n%s\nstderr:\n%s", out, errOut)
			for _, s := range tc.out {
				assert.Contains(t, out, s)
			}
			for _, s := range tc.errOut {
				assert.Contains(t, errOut, s)
			}
			for _, s := range tc.notOut {
				assert.NotContains(t, out, s)
			}
			assert.NotContains(t, out+errOut, "goroutine", "no stack traces")
			assert.NotContains(t, out+errOut, "internal error")
		})
	}
}

// TestBareFunctionCalls: a known function name without parentheses is a
// call whose argument is the next factor (SPEC §2.2).
func TestBareFunctionCalls(t *testing.T) {
	grad := func(prog string) []string { return []string{"grad", "--check", "--wrt", "x", prog} }
	zero := []string{"check", "--wrt", "x", "--claim", "0"}
	runWrongCases(t, []wrongCase{
		{name: "sin x", args: grad("x ∈ R; f = sin x"), out: []string{"= cos(x)", "✓"}},
		{name: "exp x", args: grad("x ∈ R; f = exp x"), out: []string{"= exp(x)", "✓"}},
		{name: "σ x", args: grad("x ∈ R; f = σ x"), out: []string{"σ(x) (1 − σ(x))", "✓"}},
		{name: "sigma x", args: grad("x ∈ R; f = sigma x"), out: []string{"σ(x) (1 − σ(x))", "✓"}},
		{name: `\sin x`, args: grad(`x ∈ R; f = \sin x`), out: []string{"= cos(x)", "✓"}},
		{name: "sin²(x)", args: grad("x ∈ R; f = sin²(x)"), out: []string{"2 sin(x) cos(x)", "✓"}},
		{name: "sin^2 x", args: grad("x ∈ R; f = sin^2 x"), out: []string{"2 sin(x) cos(x)", "✓"}},
		{name: "sin^{2}(x)", args: grad("x ∈ R; f = sin^{2}(x)"), out: []string{"2 sin(x) cos(x)", "✓"}},
		{name: `\sin^2 x`, args: grad(`x ∈ R; f = \sin^2 x`), out: []string{"2 sin(x) cos(x)", "✓"}},
		{name: "log x³", args: grad("x ∈ R; f = log x^3"), out: []string{"✓"}},
		{name: "sin x y is sin(x) y", args: grad("x, y ∈ R; f = sin x y"), out: []string{"y cos(x)", "✓"}},
		{name: "sin 2x is sin(2x)", args: grad("x ∈ R; f = sin 2x"), out: []string{"cos(2 x)", "✓"}},
		{name: "tanh of a vector", args: grad("x ∈ R^n; f = sum tanh x"), out: []string{"1 − tanh²(x)", "✓"}},
		{name: "declared φ x", args: grad("φ: R → R; x ∈ R; f = φ x"), out: []string{"φ'(x)", "✓"}},
		{name: "cos² + sin² has derivative 0", args: grad("x ∈ R; f = cos(x)^2 + sin^2(x)"), out: []string{"= 0"}},
		{name: "check cos² + sin²", args: append(zero, "x ∈ R; f = cos(x)^2 + sin^2(x)"), out: []string{"correct"}},
		{name: "check cos²x + sin²x", args: append(zero, "x ∈ R; f = cos² x + sin² x"), out: []string{"correct"}},
		{name: "check latex", args: append(zero, `x ∈ R; f = \cos^2 x + \sin^2(x)`), out: []string{"correct"}},
		{name: "function without argument", args: grad("x ∈ R; f = x + sin"), code: 2, errOut: []string{"argument of sin"}},
	})
}

// TestUnknownFunctions: an unknown name before "(" is an error with a
// suggestion; an undeclared Greek capital or f, g, h, φ, ψ is an
// elementwise function; Ax is A x.
func TestUnknownFunctions(t *testing.T) {
	runWrongCases(t, []wrongCase{
		{name: "Relu", args: []string{"grad", "--wrt", "x", "x ∈ R; f = Relu(x)"}, code: 2,
			errOut: []string{"<input>:1:12: unknown function Relu, did you mean relu?", "^"}},
		{name: "Sigmoid", args: []string{"grad", "--wrt", "x", "x ∈ R^n; f = sum(Sigmoid(x))"}, code: 2,
			errOut: []string{"unknown function Sigmoid, did you mean σ?"}},
		{name: "tanhh", args: []string{"grad", "--wrt", "x", "x ∈ R; f = tanhh(x)"}, code: 2,
			errOut: []string{"unknown function tanhh, did you mean tanh?"}},
		{name: "EXP", args: []string{"parse", "x ∈ R; f = EXP(x)"}, code: 2, errOut: []string{"did you mean exp?"}},
		{name: "no suggestion", args: []string{"parse", "x ∈ R; f = frobnicate(x)"}, code: 2, errOut: []string{"unknown function frobnicate"}},
		{name: "worksheet Φ", args: []string{"grad", "--check", "--wrt", "W1", "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; ℓ = ½‖W2 Φ(W1 x + b) − y‖²"},
			out: []string{"Φ'(z)", "✓"}},
		{name: "worksheet Φ parse note", args: []string{"parse", "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; ℓ = ½‖W2 Φ(W1 x + b) − y‖²"},
			out: []string{"Φ: ℝ → ℝ", "note: Φ is not declared"}},
		{name: "g and ψ", args: []string{"grad", "--check", "--wrt", "x", "x ∈ R^n; f = sum(g(x)) + sum(ψ(2 x))"}, out: []string{"g'(x)", "ψ'(2 x)", "✓"}},
		{name: "declared later", args: []string{"parse", "x ∈ R; f = φ(x); φ: R → R"}, notOut: []string{"note"}},
		{name: "Ax is A x", args: []string{"grad", "--check", "--wrt", "x", "A ∈ R^{n×n}; x ∈ R^n; f = xᵀAx"}, out: []string{"(A + Aᵀ) x", "✓"}},
		{name: "Ax note", args: []string{"parse", "A ∈ R^{n×n}; x ∈ R^n; f = xᵀAx"}, out: []string{"note: Ax is not declared: read as the product A x"}},
		{name: "ABx", args: []string{"grad", "--check", "--wrt", "x", "A, B ∈ R^{n×n}; x ∈ R^n; f = sum(ABx)"}, out: []string{"✓"}},
		{name: "variable before brackets is a product", args: []string{"grad", "--check", "--wrt", "x", "W ∈ R^{n×n}; x, b ∈ R^n; f = sum(W(x + b))"}, out: []string{"✓"}},
	})
}

// TestNormalisedNames: NFKC first; a name that mixes scripts is an error.
func TestNormalisedNames(t *testing.T) {
	runWrongCases(t, []wrongCase{
		{name: "micro sign is mu", args: []string{"grad", "--wrt", "μ", "µ ∈ R; f = μ^2 + µ"}, out: []string{"1 + 2 μ"}},
		{name: "full-width x", args: []string{"grad", "--wrt", "x", "ｘ ∈ R; f = ｘ^2 + x"}, out: []string{"1 + 2 x"}},
		{name: "full-width wrt", args: []string{"grad", "--wrt", "ｘ", "x ∈ R; f = x^2"}, out: []string{"2 x"}},
		{name: "math italic", args: []string{"grad", "--wrt", "x", "𝑥 ∈ R; f = 𝑥^2"}, out: []string{"2 x"}},
		{name: "Cyrillic a among Latin", args: []string{"parse", "xа ∈ R; f = xа^2"}, code: 2,
			errOut: []string{"<input>:1:2:", "mixes Latin and Cyrillic"}},
		{name: "Greek omicron among Latin", args: []string{"parse", "lοss ∈ R; f = lοss"}, code: 2, errOut: []string{"mixes Latin and Greek"}},
		{name: "Greek with Latin is fine", args: []string{"grad", "--wrt", "δx", "δx ∈ R; f = δx^2"}, out: []string{"2 δx"}},
		{name: "Cyrillic in expression", args: []string{"parse", "x ∈ R; f = x + xа"}, code: 2, errOut: []string{"mixes Latin and Cyrillic"}},
	})
}

// TestClaimConstantsFit: I, 𝟙, vector(c), matrix(c) in a claim take the
// expected derivative's dimensions.
func TestClaimConstantsFit(t *testing.T) {
	check := func(wrt, claim, prog string) []string { return []string{"check", "--wrt", wrt, "--claim", claim, prog} }
	runWrongCases(t, []wrongCase{
		{name: "I for tr(A)", args: check("A", "I", "A ∈ R^{n×n}; f = tr(A)"), out: []string{"correct"}},
		{name: "eye for tr(A)", args: check("A", "eye", "A ∈ R^{n×n}; f = tr(A)"), out: []string{"correct"}},
		{name: "𝟙 xᵀ", args: check("W", "𝟙 x^T", "W ∈ R^{n×d}; x ∈ R^d; f = sum(W x)"), out: []string{"correct"}},
		{name: "x 𝟙ᵀ", args: check("W", "x 𝟙^T", "W ∈ R^{d×n}; x ∈ R^d; f = x^T W 𝟙"), out: []string{"correct"}},
		{name: "𝟙 for sum", args: check("x", "𝟙", "x ∈ R^d; f = sum(x)"), out: []string{"correct"}},
		{name: "vector(2)", args: check("x", "vector(2)", "x ∈ R^d; f = sum(2 x)"), out: []string{"correct"}},
		{name: "matrix(1)", args: check("W", "matrix(1)", "W ∈ R^{n×d}; f = sum(W)"), out: []string{"correct"}},
		{name: "matrix(3)", args: check("W", "matrix(3)", "W ∈ R^{n×d}; f = 3 sum(W)"), out: []string{"correct"}},
		{name: "2 I x", args: check("x", "2 I x", "x ∈ R^d; f = x^T x"), out: []string{"correct"}},
		{name: "wrong constant still wrong", args: check("A", "2 I", "A ∈ R^{n×n}; f = tr(A)"), code: 1, out: []string{"incorrect"}},
		{name: "Hessian 2 I", args: []string{"hessian", "--check", "--wrt", "x", "x ∈ R^n; f = x^T x"}, out: []string{"✓"}},
		{name: "equiv tr(A I)", args: []string{"equiv", "--where", "A ∈ R^{n×n}", "tr(A I)", "tr(A)"}, out: []string{"equivalent"}},
	})
}

// TestOnesReadBack: matrix(c) is a matrix; printed ones (𝟙, 𝟙ᵀ, 𝟙 𝟙ᵀ)
// parse back and check correct.
func TestOnesReadBack(t *testing.T) {
	runWrongCases(t, []wrongCase{
		{name: "matrix(2) is a matrix", args: []string{"grad", "--check", "--wrt", "x", "x ∈ R^n; f = sum(matrix(2) x)"}, out: []string{"✓"}},
		{name: "matrix(c) plus a matrix", args: []string{"grad", "--check", "--wrt", "A", "A ∈ R^{m×n}; f = sum((A + matrix(1)) ⊙ A)"}, out: []string{"✓"}},
		{name: "Hessian of (𝟙ᵀx)² prints 𝟙 𝟙ᵀ", args: []string{"hessian", "--check", "--wrt", "x", "x ∈ R^n; f = (𝟙^T x)^2"}, out: []string{"2 𝟙 𝟙ᵀ", "✓"}},
		{name: "which checks", args: []string{"check", "--wrt", "x", "--claim", "2 𝟙 𝟙ᵀ x", "x ∈ R^n; f = (𝟙^T x)^2"}, out: []string{"correct"}},
		{name: "ascii matrix(1)", args: []string{"check", "--wrt", "X", "--claim", "2*sum(X)*matrix(1)", "X ∈ R^{m×n}; f = sum(X)^2"}, out: []string{"correct"}},
		{name: "text (𝟙 𝟙ᵀ)", args: []string{"check", "--wrt", "X", "--claim", "2 sum(X) (𝟙 𝟙ᵀ)", "X ∈ R^{m×n}; f = sum(X)^2"}, out: []string{"correct"}},
		{name: "latex ones", args: []string{"check", "--wrt", "X", "--claim", `2 \operatorname{sum}(X) \left(\mathbf{1} \mathbf{1}^\top\right)`, "X ∈ R^{m×n}; f = sum(X)^2"}, out: []string{"correct"}},
	})
}

// TestIndexScoping: a renamed index never captures a count or dimension,
// and a sum that re-binds its index shadows the outer one.
func TestIndexScoping(t *testing.T) {
	at := writeValues(t, `{"b": [1, 2], "x": 3}`)
	runWrongCases(t, []wrongCase{
		{name: "count k", args: []string{"grad", "--check", "--wrt", "w_i", "w_i ∈ R^d for i = 1..k; f = Σ_{i=1}^{k} w_i^T Σ_{j=1}^{k} w_j"}, out: []string{"✓"}, notOut: []string{"^{i}", "Σ_{k=1}^{k}"}},
		{name: "count j", args: []string{"grad", "--check", "--wrt", "w_i", "w_i ∈ R^d for i = 1..j; f = Σ_{i=1}^{j} w_i^T Σ_{k=1}^{j} w_k"}, out: []string{"✓"}, notOut: []string{"Σ_{j=1}^{j}"}},
		{name: "dimension j", args: []string{"grad", "--check", "--wrt", "w_i", "w_i ∈ R^j for i = 1..n; f = Σ_{i=1}^{n} w_i^T Σ_{k=1}^{n} w_k"}, out: []string{"✓"}},
		{name: "check with count k", args: []string{"check", "--wrt", "w_i", "--claim", "2 Σ_{j=1}^{k} w_j", "w_i ∈ R^d for i = 1..k; f = Σ_{i=1}^{k} w_i^T Σ_{j=1}^{k} w_j"}, out: []string{"correct"}},
		{name: "shadowed index grad", args: []string{"grad", "--check", "--wrt", "x", "--at", at, "b_i ∈ R for i = 1..n; x ∈ R; f = Σ_{i=1}^{n} b_i Σ_{i=1}^{n} b_i x^2"}, out: []string{"at the given point: 54", "✓"}},
		{name: "shadowed index eval", args: []string{"eval", "--at", at, "b_i ∈ R for i = 1..n; x ∈ R; f = Σ_{i=1}^{n} b_i Σ_{i=1}^{n} b_i x^2"}, out: []string{"81"}},
		{name: "shadowed vector entries", args: []string{"grad", "--check", "--wrt", "x", "--at", at, "b ∈ R^n; x ∈ R; f = Σ_{i=1}^{n} b_i Σ_{i=1}^{n} b_i x^2"}, out: []string{"54", "✓"}},
		{name: "shadowed wrt b_i", args: []string{"grad", "--check", "--wrt", "b_i", "b_i ∈ R for i = 1..n; x ∈ R; f = Σ_{i=1}^{n} b_i Σ_{i=1}^{n} b_i x^2"}, out: []string{"✓"}},
		{name: "shadowed claim", args: []string{"check", "--wrt", "x", "--claim", "2 x Σ_i b_i Σ_i b_i", "b_i ∈ R for i = 1..n; x ∈ R; f = (Σ_{i=1}^{n} b_i)^2 x^2"}, out: []string{"correct"}},
	})
}

// writeValues writes a values file for --at and returns its path.
func writeValues(t *testing.T, doc string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "values.json")
	require.NoError(t, os.WriteFile(path, []byte(doc), 0o600))
	return path
}

// TestSmallWrongAnswers: e, null values, --let of an unknown name, family
// members out of range, unbound claim indices, A^{-2}.
func TestSmallWrongAnswers(t *testing.T) {
	null := writeValues(t, `{"x": null}`)
	nullEntry := writeValues(t, `{"x": [1, null]}`)
	pw := writeValues(t, `{"w": [1, 2, 3], "x": 2}`)
	runWrongCases(t, []wrongCase{
		{name: "e + e^x equiv e^x + e", args: []string{"equiv", "--where", "x ∈ R", "e + e^{x}", "e^{x} + e"}, out: []string{"equivalent"}},
		{name: "e + e^x grad", args: []string{"grad", "--check", "--wrt", "x", "x ∈ R; f = e + e^{x}"}, out: []string{"= exp(x)", "✓"}},
		{name: "e^x + e grad", args: []string{"grad", "--check", "--wrt", "x", "x ∈ R; f = e^{x} + e"}, out: []string{"= exp(x)", "✓"}},
		{name: "declared e is a variable", args: []string{"grad", "--check", "--wrt", "x", "x, e ∈ R; f = e^{x}"}, out: []string{"log(e)", "✓"}},
		{name: "null scalar", args: []string{"eval", "--at", null, "x ∈ R; f = x^2"}, code: 2, errOut: []string{"null"}},
		{name: "null entry", args: []string{"eval", "--at", nullEntry, "x ∈ R^n; f = x^T x"}, code: 2, errOut: []string{"null"}},
		{name: "let unknown", args: []string{"grad", "--wrt", "x", "--let", "q = 2", "x ∈ R; f = x^2"}, code: 2, errOut: []string{"--let:1:1:", "q"}},
		{name: "let known", args: []string{"grad", "--check", "--wrt", "x", "--let", "φ = tanh", "x ∈ R; φ: R → R; f = φ(x)"}, out: []string{"tanh", "✓"}},
		{name: "w_0", args: []string{"grad", "--wrt", "x", "w_i ∈ R for i = 1..3; x ∈ R; f = w_0 x"}, code: 2,
			errOut: []string{"<input>:1:36: w_0 is not a member of the family w_i, i = 1..3", "^"}},
		{name: "w_5 of 3", args: []string{"grad", "--wrt", "x", "w_i ∈ R for i = 1..3; x ∈ R; f = w_5 x"}, code: 2, errOut: []string{"w_5 is not a member"}},
		{name: "w_0 of n", args: []string{"parse", "w_i ∈ R^d for i = 1..n; f = sum(w_0)"}, code: 2, errOut: []string{"w_0 is not a member"}},
		{name: "w_5 of n given 3", args: []string{"eval", "--at", pw, "w_i ∈ R for i = 1..n; x ∈ R; f = w_5 x"}, code: 2, errOut: []string{"<input>:1:"}},
		{name: "w_0 in a claim", args: []string{"check", "--wrt", "x", "--claim", "w_0", "w_i ∈ R for i = 1..3; x ∈ R; f = w_1 x"}, code: 2, errOut: []string{"--claim:1:3:", "w_0 is not a member"}},
		{name: "unbound w_j in a claim", args: []string{"check", "--wrt", "w_i", "--claim", "w_j", "w_i ∈ R for i = 1..n; f = Σ_i w_i^2/2"}, code: 2,
			errOut: []string{"--claim:1:3: the index j in w_j is not bound"}},
		{name: "bound w_j in a claim", args: []string{"check", "--wrt", "w_i", "--claim", "w_i + 0 Σ_j w_j", "w_i ∈ R for i = 1..n; f = Σ_i w_i^2/2"}, out: []string{"correct"}},
		{name: "A^{-2}", args: []string{"grad", "--check", "--wrt", "A", "A ∈ R^{n×n}; f = tr(A^{-2})"}, out: []string{"✓"}},
		{name: "A^{−3} claim", args: []string{"check", "--wrt", "A", "--claim", "-2 (A^{-3})^T", "A ∈ R^{n×n}; f = tr(A^{-2})"}, out: []string{"correct"}},
		{name: "A⁻²", args: []string{"grad", "--check", "--wrt", "A", "A ∈ R^{n×n}; f = tr(A⁻²)"}, out: []string{"✓"}},
		{name: "x⁻² and x^{-3}", args: []string{"grad", "--check", "--wrt", "x", "x ∈ R; f = x⁻² + x^{-3}"}, out: []string{"✓"}},
		{name: "A^{-2} value", args: []string{"eval", "--at", writeValues(t, `{"A": [[2, 0], [0, 4]]}`), "A ∈ R^{n×n}; f = tr(A^{-2})"}, out: []string{"0.3125"}},
	})
}

// TestNormMeanings: one meaning per spelling, in eval and grad alike:
// norm1 of a matrix is entrywise, ‖A‖ of a matrix is ‖A‖_F.
func TestNormMeanings(t *testing.T) {
	a := writeValues(t, `{"A": [[1, -2], [3, 4]]}`)
	runWrongCases(t, []wrongCase{
		{name: "norm1 eval entrywise", args: []string{"eval", "--at", a, "A ∈ R^{m×n}; f = norm1(A)"}, out: []string{"f = 10"}},
		{name: "‖A‖₁ eval entrywise", args: []string{"eval", "--at", a, "A ∈ R^{m×n}; f = ‖A‖_1"}, out: []string{"f = 10"}},
		{name: "norm1 grad agrees", args: []string{"grad", "--check", "--wrt", "A", "A ∈ R^{m×n}; f = norm1(A)"}, out: []string{"sign(A)", "✓"}},
		{name: "norm1 square grad agrees", args: []string{"grad", "--check", "--wrt", "A", "A ∈ R^{n×n}; f = norm1(A)"}, out: []string{"sign(A)", "✓"}},
		{name: "‖A‖ is Frobenius", args: []string{"eval", "--at", a, "A ∈ R^{m×n}; f = ‖A‖"}, out: []string{"5.477"}},
		{name: "‖A‖ prints _F", args: []string{"parse", "A ∈ R^{m×n}; f = ‖A‖ + norm2(A)"}, out: []string{"f = ‖A‖_F + ‖A‖_F", "normF(A)", `\right\|_F`}},
		{name: "‖A‖ grad", args: []string{"grad", "--check", "--wrt", "A", "A ∈ R^{m×n}; f = ‖A‖"}, out: []string{"‖A‖_F", "✓"}},
		{name: "‖x‖ of a vector stays", args: []string{"parse", "x ∈ R^n; f = ‖x‖"}, out: []string{"f = ‖x‖\n"}},
	})
}

// TestJacobianOfScalarReadsBack: J_L of a scalar-valued L is 1×d in the
// parser as in symbolic, so every derivative that mentions J_L (worksheet
// 1(c)) parses back, in every spelling, and checks correct.
func TestJacobianOfScalarReadsBack(t *testing.T) {
	const prog = `x0 ∈ R^{d0}; W1 ∈ R^{d0×d1}; W2 ∈ R^{d1×d2}; g: R → R; L: R^{d2} → R
S1 = W1^T x0; x1 = g(S1); S2 = W2^T x1; ℓ = L(g(S2))`
	out, errOut, code := runCLI(t, "grad", "--wrt", "S1", "--through", "S2", prog)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "g'(S1) ⊙ (W2 δ2)")
	for _, wrt := range []string{"W1", "W2", "x0", "S1", "S2"} {
		for _, style := range []string{"--text", "--ascii", "--latex"} {
			args := []string{"grad", "--inline", "--wrt", wrt, prog}
			if style != "--text" {
				args = []string{"grad", "--inline", style, "--wrt", wrt, prog}
			}
			out, errOut, code := runCLI(t, args...)
			require.Equal(t, 0, code, errOut)
			line := strings.TrimSpace(strings.SplitN(out, "\n", 2)[0])
			_, rhs, ok := strings.Cut(line, " = ")
			require.True(t, ok, line)
			cout, cerr, ccode := runCLI(t, "check", "--wrt", wrt, "--claim", rhs, prog)
			assert.Equal(t, 0, ccode, "%s %s: %s\n%s%s", wrt, style, rhs, cout, cerr)
		}
	}
}

// TestMoreCallSpellings: signed arguments, LaTeX commands, primes of
// implicit functions, suggestions for unknown commands.
func TestMoreCallSpellings(t *testing.T) {
	runWrongCases(t, []wrongCase{
		{name: "exp -x", args: []string{"grad", "--check", "--wrt", "x", "x ∈ R; f = exp -x + sin −2x"}, out: []string{"−exp(−x)", "✓"}},
		{name: "sin x cos x", args: []string{"grad", "--check", "--wrt", "x", "x ∈ R; f = sin x cos x"}, out: []string{"cos(x)² − sin(x)²", "✓"}},
		{name: "latex group argument", args: []string{"grad", "--check", "--wrt", "x", `x ∈ R; f = \sin{x} + \sin^2\left(x\right) + \sqrt x + \exp x + \log x`}, out: []string{"✓"}},
		{name: "operator names", args: []string{"grad", "--check", "--wrt", "A", `A ∈ R^{n×n}; f = tr A + \operatorname{tr} A + \mathrm{tr}A + det A + \log\det A`}, out: []string{"✓"}},
		{name: "defined function without brackets", args: []string{"grad", "--check", "--wrt", "x", "s(t) = 1/(1 + exp(-t)); x ∈ R; f = s x"}, out: []string{"✓"}},
		{name: `\Relu`, args: []string{"parse", `x ∈ R; f = \Relu(x)`}, code: 2, errOut: []string{`unknown function \Relu, did you mean relu?`}},
		{name: "Relu'", args: []string{"parse", "x ∈ R; f = Relu'(x)"}, code: 2, errOut: []string{"unknown function Relu"}},
		{name: "implicit Φ' is a function", args: []string{"parse", "x ∈ R; f = Φ'(x)"}, out: []string{"Φ: ℝ → ℝ", "Φ'(x)"}},
		{name: "implicit Ψ in LaTeX", args: []string{"grad", "--check", "--wrt", "x", `x ∈ R^d; f = \mathbf{1}^\top \Psi(x)`}, out: []string{"Ψ'(x)", "✓"}},
		{name: "implicit h", args: []string{"grad", "--check", "--wrt", "x", "x ∈ R^d; f = 𝟙ᵀ h(x)"}, out: []string{"h'(x)", "✓"}},
		{name: "x'Ax", args: []string{"grad", "--check", "--wrt", "x", "x ∈ R^n; A ∈ R^{n×n}; f = x'Ax"}, out: []string{"(A + Aᵀ) x", "✓"}},
		{name: "sin⁻¹ is arcsin", args: []string{"grad", "--check", "--wrt", "x", `x ∈ R; f = sin^{-1} x + \tan^{-1}(x) + cos⁻¹ x`}, out: []string{"1/(1 + x²)", "✓"}},
		{name: "exp^{-1} is ambiguous", args: []string{"parse", "x ∈ R; f = exp^{-1} x"}, code: 2, errOut: []string{"ambiguous"}},
		{name: "sin(x)^{-1} is 1/sin(x)", args: []string{"grad", "--check", "--wrt", "x", "x ∈ R; f = sin(x)^{-1}"}, out: []string{"✓"}},
		{name: "abx", args: []string{"grad", "--check", "--wrt", "x", "x, a, b ∈ R; f = abx"}, out: []string{"a b", "✓"}},
	})
}

// TestNormalisedValueKeys: a values file may spell a name with the micro
// sign or full-width letters too.
func TestNormalisedValueKeys(t *testing.T) {
	runWrongCases(t, []wrongCase{
		{name: "µ key", args: []string{"eval", "--at", writeValues(t, `{"µ": 2}`), "μ ∈ R; f = μ^2"}, out: []string{"f = 4"}},
		{name: "full-width key", args: []string{"eval", "--at", writeValues(t, `{"ｘ": 3}`), "x ∈ R; f = x^2"}, out: []string{"f = 9"}},
	})
}

// TestScalarDefinitionsOnVectors: a scalar function given by a definition
// (σ(t) = …, or --let 'φ = tanh') applied to a vector acts entry by
// entry, in differentiation and in evaluation alike.
func TestScalarDefinitionsOnVectors(t *testing.T) {
	const sigma = "x ∈ R^d; W ∈ R^{d×d}\nσ(t) = 1/(1 + exp(−t))\nf = sum(σ(W x))"
	runWrongCases(t, []wrongCase{
		{name: "let φ = tanh on a vector", args: []string{"grad", "--check", "--wrt", "W1", "--let", "φ = tanh", "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R; ℓ = ½‖W2 φ(W1 x + b) − y‖²"},
			out: []string{"tanh(z)", "✓"}},
		{name: "let Φ = tanh on the worksheet's Φ", args: []string{"grad", "--check", "--wrt", "W1", "--let", "Φ = tanh", "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; ℓ = ½‖W2 Φ(W1 x + b) − y‖²"},
			out: []string{"✓"}},
		{name: "defined σ on a vector", args: []string{"grad", "--check", "--wrt", "W", sigma}, out: []string{"✓"}},
		{name: "defined rational function", args: []string{"grad", "--check", "--wrt", "x", "s(t) = t^2/(1 + t^2); x ∈ R^n; A ∈ R^{n×n}; f = sum(s(A x))"}, out: []string{"✓"}},
		{name: "eval of a defined σ needs no value for t", args: []string{"eval", "--at", writeValues(t, `{"x": [1, 2], "W": [[1, 0], [0, 1]]}`), sigma},
			out: []string{"f = 1.61185"}},
	})
}

// TestZeroClaim: "0", as deriv prints a zero gradient, is the zero of the
// expected shape.
func TestZeroClaim(t *testing.T) {
	runWrongCases(t, []wrongCase{
		{name: "zero vector", args: []string{"check", "--wrt", "x", "--claim", "0", "x ∈ R^n; y ∈ R; f = y^2"}, out: []string{"correct"}},
		{name: "zero matrix", args: []string{"check", "--wrt", "W", "--claim", "0", "W ∈ R^{n×d}; y ∈ R; f = y^2 + 0 sum(W)"}, out: []string{"correct"}},
		{name: "nonzero is still wrong", args: []string{"check", "--wrt", "x", "--claim", "0", "x ∈ R^n; f = sum(x)"}, code: 1, out: []string{"incorrect"}},
	})
}

// TestInnerProductInAChain: uᵀ (uᵀ u) scales uᵀ by a number; evaluation
// must not flatten it into the chain uᵀ uᵀ u.
func TestInnerProductInAChain(t *testing.T) {
	runWrongCases(t, []wrongCase{
		{name: "eval", args: []string{"eval", "--at", writeValues(t, `{"u": [1, 2, 3]}`), "u ∈ R^n; f = (uᵀ (uᵀ u) + uᵀ) u"}, out: []string{"f = 210"}},
		{name: "grad", args: []string{"grad", "--check", "--wrt", "u", "u ∈ R^n; A ∈ R^{n×n}; f = uᵀ (uᵀ A u) u"}, out: []string{"✓"}},
	})
}
