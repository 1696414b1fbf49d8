package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// The worksheet's programs (seed 2c and 2e), used throughout.
const (
	prog2c = `w_i ∈ R^d, b_i ∈ R for i = 1..n
x ∈ R^d; y ∈ R
f(W, x, y) = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2`
	prog2e = `x, b, y ∈ R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}
Φ: R^d → R^d
ℓ(x) = 1/2 ‖W^{(2)} Φ(W^{(1)} x + b) - y‖_2^2`
	progElem = `x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R
ℓ = 1/2 ||W2 φ(W1 x + b) - y||^2`
)

type cliCase struct {
	name string
	args []string
	code int
}

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

// TestGolden runs each command as a user would and compares stdout and
// stderr with testdata/NAME.golden (go test ./cmd/deriv -update rewrites
// them), and the exit code with the table.
func TestGolden(t *testing.T) {
	cases := []cliCase{
		{"parse-2e", []string{"parse", prog2e}, 0},
		{"parse-json-2c", []string{"parse", "--json", prog2c}, 0},
		{"parse-matrixcalculus", []string{"parse", "0.5*x'*A*x"}, 0},
		{"grad-elementwise", []string{"grad", "--wrt", "W1", progElem}, 0},
		{"grad-elementwise-latex", []string{"grad", "--wrt", "W1", "--latex", progElem}, 0},
		{"grad-elementwise-ascii", []string{"grad", "--wrt", "W1", "--ascii", progElem}, 0},
		{"grad-elementwise-inline", []string{"grad", "--wrt", "W1", "--inline", progElem}, 0},
		{"grad-2e-all", []string{"grad", "--wrt", "x,W^{(1)},W^{(2)},b", prog2e}, 0},
		{"grad-2e-let-id", []string{"grad", "--wrt", "W^{(1)}", "--let", "Φ = id", prog2e}, 0},
		{"grad-2c-dw", []string{"grad", "--wrt", "w_i", "--check", prog2c}, 0},
		{"grad-2c-db-json", []string{"grad", "--wrt", "b_i", "--json", "--check", prog2c}, 0},
		{"grad-2a-chain-rule", []string{"grad", "--wrt", "w", "--check", "f: R^n → R\ng_i: R → R for i = 1..n\nF(w) = f(g_1(w), g_2(w), g_3(w))"}, 0},
		{"grad-2a-chain-rule-latex", []string{"grad", "--wrt", "w", "--latex", "f: R^n → R\ng_i: R → R for i = 1..n\nF(w) = f(g_1(w), g_2(w), g_3(w))"}, 0},
		{"step-2d", []string{"step", "--wrt", "w_i,b_i", "--rate", "η", prog2c}, 0},
		{"hessian-quadratic", []string{"hessian", "--wrt", "x", "x ∈ R^n; A ∈ R^{n×n}; f = x^T A x"}, 0},
		{"hessian-cross-entropy", []string{"hessian", "--check", "--wrt", "w", "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; L = -(y^T log(σ(X w)) + (1 - y)^T log(1 - σ(X w)))"}, 0},
		{"grad-cross-entropy", []string{"grad", "--check", "--wrt", "w", "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; L = -(y^T log(σ(X w)) + (1 - y)^T log(1 - σ(X w)))"}, 0},
		{"check-correct", []string{"check", "--wrt", "x", "--claim", "(B + B^T) x", "x ∈ R^n; B ∈ R^{n×n}; f = x^T B x"}, 0},
		{"check-sign", []string{"check", "--wrt", "x", "--claim", "-(B + B^T) x", "x ∈ R^n; B ∈ R^{n×n}; f = x^T B x"}, 1},
		{"check-factor", []string{"check", "--wrt", "x", "--claim", "2 a", "a, x ∈ R^n; f = a^T x"}, 1},
		{"check-chain-rule", []string{"check", "--wrt", "w_i", "--claim", "-2 (y - Σ_j σ(w_j^T x + b_j)) σ(w_i^T x + b_i) x", prog2c}, 1},
		{"check-with-lhs", []string{"check", "--wrt", "x", "--claim", `\frac{\partial f}{\partial x} = (B + B^\top) x`, "x ∈ R^n; B ∈ R^{n×n}; f = x^T B x"}, 0},
		{"check-with-wrong-lhs", []string{"check", "--wrt", "x", "--claim", "∂f/∂B = x x^T", "x ∈ R^n; B ∈ R^{n×n}; f = x^T B x"}, 2},
		{"check-with-lhs-bad-rhs", []string{"check", "--wrt", "x", "--claim", "df/dx = (B + B^T x", "x ∈ R^n; B ∈ R^{n×n}; f = x^T B x"}, 2},
		{"check-shape", []string{"check", "--json", "--wrt", "X", "--claim", "b a^T", "a ∈ R^m; b ∈ R^n; X ∈ R^{m×n}; f = a^T X b"}, 1},
		{"check-unparseable", []string{"check", "--wrt", "x", "--claim", "(a + ", "a, x ∈ R^n; f = a^T x"}, 2},
		{"check-unknown-name", []string{"check", "--wrt", "x", "--claim", "q", "a, x ∈ R^n; f = a^T x"}, 2},
		{"equiv-transpose", []string{"equiv", "--where", "A ∈ R^{m×n}; B ∈ R^{n×p}", "(A B)^T", "B^T A^T"}, 0},
		{"equiv-different", []string{"equiv", "--where", "A, B ∈ R^{n×n}", "(A B)^T", "A^T B^T"}, 1},
		{"error-syntax", []string{"parse", "x ∈ R^d\nf = (x + "}, 2},
		{"error-shape", []string{"parse", "x ∈ R^d; W ∈ R^{n×m}\nf = W x"}, 2},
		{"error-unknown-wrt", []string{"grad", "--wrt", "q", "x ∈ R^d; f = x^T x"}, 2},
		{"error-kronecker", []string{"grad", "--wrt", "b_i", "b_i ∈ R for i = 1..n; f = b_1 + Σ_{i=1}^{n} b_i"}, 2},
		{"jacobian-of-scalar", []string{"jacobian", "--check", "--wrt", "x", "x ∈ R^d; f = x^T x"}, 0},
		{"error-entries", []string{"grad", "--wrt", "x", "x ∈ R^d; f = Σ_{i=1}^{d} x_i^2"}, 2},
		{"error-nothing", []string{"grad", "--wrt", "x", "x ∈ R^d"}, 2},
		{"error-bad-flag", []string{"grad", "--nope", "x"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, c.args...)
			got := "$ deriv " + quoteArgs(c.args) + "\n" + out
			if errOut != "" {
				got += "--- stderr\n" + errOut
			}
			assert.Equal(t, c.code, code, "exit code; stderr:\n%s", errOut)
			golden(t, c.name, got)
		})
	}
}

func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " \n;'\"(){}^*|") || a == "" {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		q[i] = a
	}
	return strings.Join(q, " ")
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./cmd/deriv -update")
	assert.Equal(t, string(want), got)
}

// TestGradJSONContract checks the grad --json document against SPEC §6.
func TestGradJSONContract(t *testing.T) {
	out, errOut, code := runCLI(t, "grad", "--json", "--check", "--wrt", "W1", progElem)
	require.Equal(t, 0, code, errOut)
	var doc struct {
		Of       string `json:"of"`
		Function struct {
			Text, LaTeX string
		} `json:"function"`
		Symbols     map[string]map[string]any `json:"symbols"`
		Derivatives []struct {
			Wrt   string   `json:"wrt"`
			Shape []string `json:"shape"`
			Text  string   `json:"text"`
			LaTeX string   `json:"latex"`
			Where []struct {
				Name, Text, LaTeX string
			} `json:"where"`
			Check struct {
				Verdict     string  `json:"verdict"`
				Points      int     `json:"points"`
				MaxRelError float64 `json:"max_rel_error"`
			} `json:"check"`
		} `json:"derivatives"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc), out)
	assert.Equal(t, "ℓ", doc.Of)
	assert.NotEmpty(t, doc.Function.Text)
	assert.Equal(t, []any{"d", "d"}, doc.Symbols["W1"]["shape"])
	assert.Equal(t, "R → R", doc.Symbols["φ"]["function"])
	require.Len(t, doc.Derivatives, 1)
	d := doc.Derivatives[0]
	assert.Equal(t, "W1", d.Wrt)
	assert.Equal(t, []string{"d", "d"}, d.Shape)
	assert.Equal(t, "correct", d.Check.Verdict)
	assert.Equal(t, 8, d.Check.Points)
	assert.LessOrEqual(t, d.Check.MaxRelError, 1e-6)
}

// TestGradAt evaluates derivatives at a values file (SPEC §6), including a
// family member, whose value is the n×d array of all members' derivatives.
func TestGradAt(t *testing.T) {
	dir := t.TempDir()
	vals := filepath.Join(dir, "v.json")
	require.NoError(t, os.WriteFile(vals, []byte(`{"w": [[1, 0], [0, 1], [1, 1]], "b": [0, 0.5, -1], "x": [0.5, -0.25], "y": 0.75}`), 0o644))
	out, errOut, code := runCLI(t, "grad", "--json", "--wrt", "w_i,b_i", "--at", vals, prog2c)
	require.Equal(t, 0, code, errOut)
	var doc struct {
		Derivatives []struct {
			Value any `json:"value"`
		} `json:"derivatives"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Len(t, doc.Derivatives, 2)
	w, ok := doc.Derivatives[0].Value.([]any)
	require.True(t, ok, "w_i value is an array: %v", doc.Derivatives[0].Value)
	assert.Len(t, w, 3)
	b, ok := doc.Derivatives[1].Value.([]any)
	require.True(t, ok)
	assert.Len(t, b, 3)

	// A bad values file is exit 2 with a message naming the key.
	require.NoError(t, os.WriteFile(vals, []byte(`{"w": [[1, 0]], "zz": 1}`), 0o644))
	_, errOut, code = runCLI(t, "grad", "--wrt", "w_i", "--at", vals, prog2c)
	assert.Equal(t, 2, code)
	assert.NotEmpty(t, errOut)
}

// TestStdinAndFile reads the program from - and from -f.
func TestStdinAndFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.txt")
	require.NoError(t, os.WriteFile(path, []byte(progElem), 0o644))
	out1, _, code := runCLI(t, "grad", "--wrt", "W1", "-f", path)
	require.Equal(t, 0, code)
	var out2, errb bytes.Buffer
	code = run([]string{"grad", "--wrt", "W1", "-"}, strings.NewReader(progElem), &out2, &errb)
	require.Equal(t, 0, code, errb.String())
	assert.Equal(t, out1, out2.String())
}

// TestNeverPanics feeds hostile inputs to every command: each must end
// with exit 2 and a message, never a Go panic.
func TestNeverPanics(t *testing.T) {
	inputs := []string{"", ")", "x ∈ R^d", "w_i∈R^d i=1..1;x∈R^d", "Σ", "\\frac{", strings.Repeat("(", 5000) + "x" + strings.Repeat(")", 5000), "x ∈ R^d; f = x^x", "f = ‖‖", "φ: R → R; f = φ'(φ)"}
	for _, cmd := range [][]string{{"parse"}, {"grad", "--wrt", "x"}, {"check", "--wrt", "x", "--claim", "x"}, {"hessian", "--wrt", "x"},
		{"jacobian", "--wrt", "x"}, {"step", "--wrt", "x"}, {"equiv", "x"}, {"eval", "--at", "/nonexistent.json"}} {
		for _, in := range inputs {
			_, errOut, code := runCLI(t, append(cmd, in)...)
			assert.NotContains(t, errOut, "goroutine", "panic for %q", in)
			assert.NotContains(t, errOut, "internal error", "panic for %v %q", cmd, in)
			if code == 0 {
				continue
			}
			assert.Contains(t, []int{1, 2}, code)
		}
	}
}

// TestEval evaluates the function at a values file (SPEC §6), in text and
// JSON, with any spelling of a labelled name as key.
func TestEval(t *testing.T) {
	vals := filepath.Join(t.TempDir(), "v.json")
	require.NoError(t, os.WriteFile(vals, []byte(`{"x": [1, 2], "W^(1)": [[1, 0], [0, 1]], "b": [0.5, -0.5]}`), 0o644))
	prog := "x, b ∈ R^2; W^{(1)} ∈ R^{2×2}; f = ‖W^{(1)} x + b‖^2"
	out, errOut, code := runCLI(t, "eval", "--at", vals, prog)
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "f = 4.5\n", out)
	out, _, code = runCLI(t, "eval", "--json", "--at", vals, prog)
	require.Equal(t, 0, code)
	var doc struct {
		Value float64  `json:"value"`
		Shape []string `json:"shape"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.InDelta(t, 4.5, doc.Value, 1e-12)
	assert.Empty(t, doc.Shape)

	// A missing variable is exit 2 naming it.
	require.NoError(t, os.WriteFile(vals, []byte(`{"x": [1, 2]}`), 0o644))
	_, errOut, code = runCLI(t, "eval", "--at", vals, prog)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "missing a value")
}
