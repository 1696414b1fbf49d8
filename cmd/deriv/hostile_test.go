package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileCase is an input built to break deriv: it must end (each was
// timed by hand under 10 s; the budgets bound the work) with
// exit 0, 1 or 2 (code, or any of them when code is -1), with want in its
// output, and never with a panic, a stack trace or "internal error".
type hostileCase struct {
	name string
	args []string
	code int
	want string
}

// nest wraps x in n copies of open…close.
func nest(open, x, close string, n int) string {
	return strings.Repeat(open, n) + x + strings.Repeat(close, n)
}

func hostileCases(dir string) []hostileCase {
	vals := filepath.Join(dir, "v.json")
	deepParen := "x ∈ R; f = " + nest("(", "x", ")", 1200)
	deepSin := "x ∈ R; f = " + nest("sin(", "x", ")", 1200)
	var sums strings.Builder
	for k := range 40 {
		sums.WriteString("Σ_{i" + string(rune('a'+k%26)) + strings.Repeat("'", k/26) + "=1}^{n} ")
	}
	big := "x ∈ R^d; f = " + strings.Repeat("x^T x + ", 6000) + "x^T x"
	fam := "w_i ∈ R^d for i = 1..n; x ∈ R^d; "
	return []hostileCase{
		{"deep-parens-parse", []string{"parse", deepParen}, 2, "nests too deeply"},
		{"deep-parens-grad", []string{"grad", "--wrt", "x", deepParen}, 2, "nests too deeply"},
		{"deep-sin-grad", []string{"grad", "--wrt", "x", deepSin}, 2, "nests too deeply"},
		{"deep-sin-eval", []string{"eval", "--at", vals, deepSin}, 2, "nests too deeply"},
		{"deep-sin-graph", []string{"graph", deepSin}, 2, "nests too deeply"},
		{"huge-dims-grad", []string{"grad", "--wrt", "x", "--dims", "d=100000000", "x ∈ R^d; W ∈ R^{d×d}; f = x^T W x"}, 2, "--dims"},
		{"huge-dims-check", []string{"check", "--wrt", "x", "--dims", "d=100000000", "--claim", "2x", "x ∈ R^d; f = x^T x"}, 2, "--dims"},
		{"huge-matrix-check", []string{"check", "--wrt", "W", "--dims", "d=100000", "--claim", "x x^T", "x ∈ R^d; W ∈ R^{d×d}; f = x^T W x"}, 2, "entries"},
		{"redeclared", []string{"parse", "x ∈ R; x ∈ R^d; f = x"}, 2, "already declared"},
		{"redefined", []string{"grad", "--wrt", "x", "x ∈ R; f = x; f = x^2"}, 2, "already defined"},
		{"zero-width-joiner", []string{"parse", "x\u200d ∈ R; f = x\u200d^2"}, 2, "unexpected character"},
		{"rtl-mark", []string{"grad", "--wrt", "x", "x ∈ R; f = \u200fx^2"}, 2, "unexpected character"},
		{"combining-accent", []string{"grad", "--wrt", "x", "x ∈ R; f = x\u0301^2"}, 2, "unexpected character"},
		{"fullwidth-digit", []string{"grad", "--wrt", "x", "x ∈ R^d; f = x^T x + ２"}, 0, "2 x"},
		{"micro-sign", []string{"grad", "--wrt", "µ", "μ ∈ R; f = µ^2"}, 0, "2 μ"},
		{"empty-parse", []string{"parse", ""}, 2, "no program"},
		{"empty-grad", []string{"grad", "--wrt", "x", ""}, 2, "no program"},
		{"only-comments-parse", []string{"parse", "# only\n# comments"}, 0, ""},
		{"only-comments-grad", []string{"grad", "--wrt", "x", "# c"}, 2, "nothing to differentiate"},
		{"empty-claim", []string{"check", "--wrt", "x", "--claim", "", "x ∈ R; f = x"}, 2, "found nothing"},
		{"60k-parse", []string{"parse", big}, 0, ""},
		{"60k-grad", []string{"grad", "--wrt", "x", big}, 0, "12002 x"},
		{"let-loop", []string{"grad", "--wrt", "x", "--let", "a = b", "--let", "b = a", "x ∈ R; a ∈ R; b ∈ R; f = a x + b"}, 2, "refers to itself"},
		{"let-self", []string{"grad", "--wrt", "x", "--let", "a = a + 1", "x ∈ R; a ∈ R; f = a x"}, 2, "refers to itself"},
		{"def-loop", []string{"grad", "--wrt", "x", "x ∈ R; a = b; b = a; f = a x"}, 2, "before its definition"},
		{"def-self", []string{"grad", "--wrt", "x", "x ∈ R; a = a + x; f = a"}, 2, "before its definition"},
		{"family-count-0", []string{"grad", "--wrt", "w_i", "w_i ∈ R^d for i = 1..0; x ∈ R^d; f = Σ_{i=1}^{0} w_i^T x"}, 2, "dimension"},
		{"family-count-1e9", []string{"check", "--wrt", "x", "--claim", "Σ_{i=1}^{1000000000} w_i", "w_i ∈ R^d for i = 1..1000000000; x ∈ R^d; f = Σ_{i=1}^{1000000000} w_i^T x"}, 2, "entries"},
		{"family-dims-1e9", []string{"check", "--dims", "n=1000000000", "--wrt", "x", "--claim", "Σ_{i=1}^{n} w_i", fam + "f = Σ_{i=1}^{n} w_i^T x"}, 2, "--dims"},
		{"reversed-sum-grad", []string{"grad", "--wrt", "x", fam + "f = Σ_{i=n}^{1} w_i^T x + x^T x"}, 0, "2 x"},
		{"reversed-sum-literal", []string{"grad", "--check", "--wrt", "x", fam + "f = Σ_{i=3}^{1} w_i^T x"}, 0, "✓ verified"},
		{"reversed-sum-check", []string{"check", "--wrt", "x", "--claim", "0", fam + "f = Σ_{i=5}^{1} w_i^T x"}, 0, "correct"},
		{"nested-sums-claim", []string{"check", "--wrt", "x", "--claim", sums.String() + "w_1 x", "x ∈ R; w_i ∈ R for i = 1..n; f = x"}, -1, ""},
		{"huge-power-claim", []string{"check", "--wrt", "x", "--claim", "x^(10^9)", "x ∈ R; f = x^2"}, -1, ""},
		{"squaring-chain", []string{"grad", "--wrt", "x", "x ∈ R; " + squares(60) + "f = z59"}, -1, ""},
		{"huge-power-grad", []string{"grad", "--wrt", "x", "x ∈ R; f = x^1000000000"}, -1, ""},
		{"triangular-sum", []string{"grad", "--wrt", "w_i", "w_i ∈ R^d for i = 1..n; f = Σ_{i=1}^{n} Σ_{j=1}^{i} w_j^T w_i"}, 2, "runs over part of the family w_i"},
		{"partial-sum", []string{"grad", "--wrt", "w_i", "w_i ∈ R^d for i = 1..3; f = Σ_{i=1}^{2} w_i^T w_i"}, 2, "runs over part of the family"},
		{"partial-sum-member", []string{"grad", "--check", "--wrt", "w_1", "w_i ∈ R^d for i = 1..3; f = Σ_{i=1}^{2} w_i^T w_i"}, 0, "✓ verified"},
		{"shifted-member", []string{"grad", "--wrt", "w_i", "w_i ∈ R^d for i = 1..n; f = Σ_{i=1}^{n} w_{i+1}^T w_i"}, 2, "Kronecker delta"},
		{"sum-to-variable", []string{"grad", "--wrt", "x", "x ∈ R; f = Σ_{i=1}^{x} x"}, 2, "whole number"},
		{"sum-billion", []string{"grad", "--wrt", "x", "x ∈ R; f = Σ_{i=1}^{1000000000} x"}, 2, "10⁷ terms"},
		{"deep-sums-300", []string{"grad", "--wrt", "x", "x ∈ R; f = " + strings.Repeat("Σ_{i=1}^{3} ", 300) + "x"}, -1, ""},
		{"many-transposes", []string{"grad", "--wrt", "x", "x ∈ R^d; f = x^T" + strings.Repeat("^T", 3000) + " x"}, 0, "2 x"},
		{"power-tower-overflow", []string{"grad", "--wrt", "x", "x ∈ R; f = x" + strings.Repeat("^2", 400)}, 2, "overflows"},
		{"bom-crlf-tabs", []string{"grad", "--wrt", "x", "\ufeffx\t∈ R;\r\n f = x^2\r\n"}, 0, "2 x"},
		{"binary-input", []string{"grad", "--wrt", "x", "x ∈ R; f = \x00x"}, 2, "unexpected character"},
		{"huge-matrix-power-grad", []string{"grad", "--wrt", "A", "A ∈ R^{n×n}; f = tr(A^1000000)"}, 2, "integer exponent"},
		{"huge-matrix-power-check", []string{"check", "--wrt", "A", "--claim", "A^1000000", "A ∈ R^{n×n}; f = tr(A)"}, 1, "incorrect"},
		{"huge-matrix-power-equiv", []string{"equiv", "A^1000000", "A^1000001", "--where", "A ∈ R^{n×n}"}, 2, "overflows"},
		{"huge-power-hessian", []string{"hessian", "--wrt", "x", "--check", "x ∈ R^d; f = sum(exp(x))^1000"}, 0, "verified at"}, // finite where Σ exp(x_i) < 2: the points drawn there decide
		{"huge-power-step", []string{"step", "--wrt", "x", "--rate", "η", "x ∈ R; f = x^1000000000"}, 0, ""},
		{"dim-0", []string{"grad", "--wrt", "x", "x ∈ R^0; f = x^T x"}, 2, "dimension"},
		{"dim-negative", []string{"grad", "--wrt", "x", "x ∈ R^{-1}; f = x^T x"}, 2, ""},
		{"dims-flag-0", []string{"grad", "--wrt", "x", "--dims", "d=0", "x ∈ R^d; f = x^T x"}, 2, "--dims"},
		{"dims-flag-float", []string{"grad", "--wrt", "x", "--dims", "d=1e9", "x ∈ R^d; f = x^T x"}, 2, "--dims"},
		{"points-0", []string{"check", "--wrt", "x", "--claim", "2x", "--points", "0", "x ∈ R; f = x^2"}, 2, "--points"},
		{"points-1e9", []string{"check", "--wrt", "x", "--claim", "2x", "--points", "1000000000", "x ∈ R; f = x^2"}, 2, "--points"},
		{"tol-nan", []string{"check", "--wrt", "x", "--claim", "2x", "--tol", "NaN", "x ∈ R; f = x^2"}, 2, "--tol"},
		{"number-overflow", []string{"grad", "--wrt", "x", "x ∈ R; f = 1e400 x"}, 2, "out of range"},
		{"divide-by-zero-eval", []string{"eval", "--at", vals, "x ∈ R; f = x/0"}, 2, "division by zero"},
		{"log-zero-eval", []string{"eval", "--at", vals, "x ∈ R; f = log(0 x)"}, 2, "log"},
		{"huge-subscript-wrt", []string{"grad", "--wrt", "w_99999999999999999999", "w_i ∈ R for i = 1..n; f = Σ_{i=1}^{n} w_i"}, 2, "not a member"},
		{"3000-declarations", []string{"grad", "--wrt", "x", "x ∈ R; " + strings.Repeat("y ∈ R; ", 1) + decls(3000) + "f = x^2"}, 0, "2 x"},
		{"zero-to-the-x", []string{"grad", "--check", "--wrt", "x", "x ∈ R; f = 0^x + x"}, 0, "✓ verified"},
		{"undefined-everywhere-log", []string{"grad", "--wrt", "x", "x ∈ R; f = log(-x^2-1)"}, 2, "f cannot be evaluated at any point"},
		{"undefined-everywhere-div0", []string{"grad", "--wrt", "x", "x ∈ R; f = x/0"}, 2, "division by zero"},
		{"undefined-everywhere-negpow", []string{"grad", "--wrt", "x", "x ∈ R; f = (-1)^x"}, 2, "undefined"},
		{"bad-values-json", []string{"eval", "--at", filepath.Join(dir, "bad.json"), "x ∈ R; f = x"}, 2, "not a JSON object"},
		{"let-unused", []string{"check", "--wrt", "x", "--claim", "2x", "--let", "q = 1", "x ∈ R; f = x^2"}, 2, "does not use"},
		{"of-missing", []string{"check", "--wrt", "x", "--claim", "2x", "--of", "nope", "x ∈ R; f = x^2"}, 2, "--of nope"},
		{"rate-vector", []string{"step", "--wrt", "x", "--rate", "v", "x ∈ R; v ∈ R^d; f = x^2"}, 2, "rate must be a scalar"},
		{"three-axes", []string{"parse", "x ∈ R^{d×d×d}; f = sum(x)"}, 2, "3 dimensions"},
		{"descend-overflow", []string{"descend", "--rate", "1e308", "--steps", "50", "x ∈ R^d; W ∈ R^{d×d}; f = x^T W^T W x"}, 2, "not finite"},
		{"descend-huge", []string{"descend", "--dims", "d=100000", "x ∈ R^d; W ∈ R^{d×d}; f = sum(W x)"}, 2, "entries"},
		{"equiv-huge-sum", []string{"equiv", "Σ_{i=1}^{1000000000} x", "1000000000 x", "--where", "x ∈ R"}, 2, "10⁷ terms"},
		{"graph-billion-family", []string{"graph", "--format", "mermaid", "w_i ∈ R^d for i = 1..1000000000; x ∈ R^d; f = Σ_{i=1}^{1000000000} w_i^T x"}, 0, ""},
		{"key-bad-answer", []string{"key", filepath.Join(dir, "bad2.yaml")}, 2, "not the derivative"},
		{"graph-2000-definitions", []string{"graph", "x ∈ R; " + chain(2000) + "f = z1999"}, 0, "digraph"},
		{"graph-backward-too-big", []string{"graph", "--backward", "x ∈ R; " + chain(400) + "f = z399"}, 2, "at most 100"},
		{"graph-backward-30", []string{"graph", "--backward", "x ∈ R; " + chain(30) + "f = z29"}, 0, "digraph"},
		{"values-wrong-shape", []string{"eval", "--at", filepath.Join(dir, "m.json"), "x ∈ R^d; f = x^T x"}, 2, `"x" has shape 2×2, but it is a vector(d)`},
		{"values-overflow", []string{"eval", "--at", filepath.Join(dir, "huge.json"), "x ∈ R; f = x^2"}, 2, "not a number: 1e999"},
		{"check-and-no-verify", []string{"grad", "--wrt", "x", "--check", "--no-verify", "x ∈ R; f = x^2"}, 2, "can't be used together"},
		{"no-command", []string{}, 2, "expected one of"},
		{"unknown-command", []string{"frobnicate"}, 2, "unexpected argument"},
		{"dims-twice", []string{"grad", "--wrt", "x", "--dims", "d=3,d=4", "x ∈ R^d; f = x^T x"}, 2, "given twice"},
		{"claim-unbound-index", []string{"check", "--wrt", "x", "--claim", "w_j", "w_i ∈ R for i = 1..n; x ∈ R; f = x^2"}, 2, "not bound"},
		{"claim-wrong-lhs", []string{"check", "--wrt", "x", "--claim", "∂f/∂y = 2x", "x ∈ R; f = x^2"}, 2, "unknown name y"},
		{"descend-too-much-work", []string{"descend", "--steps", "10000", "--dims", "d=1000", "x ∈ R^d; W ∈ R^{d×d}; f = sum((W x) ⊙ (W x))"}, 2, "entry-steps"},
		{"out-of-family-sum", []string{"grad", "--wrt", "x", fam + "f = Σ_{i=0}^{n} w_i^T x"}, 2, "w_0 is outside the family"},
	}
}

// chain is z0 = x; z_k = sin(z_{k−1}) + z_{k−1}²; … up to z_{n−1}: each
// definition uses the one before twice.
func chain(n int) string {
	var b strings.Builder
	b.WriteString("z0 = x; ")
	for k := 1; k < n; k++ {
		fmt.Fprintf(&b, "z%d = sin(z%d) + z%d^2; ", k, k-1, k-1)
	}
	return b.String()
}

// squares is z0 = x; z1 = z0 z0; …; z_{n−1}: x to the power 2^(n−1).
func squares(n int) string {
	var b strings.Builder
	b.WriteString("z0 = x; ")
	for k := 1; k < n; k++ {
		b.WriteString(fmt.Sprintf("z%d = z%d * z%d; ", k, k-1, k-1))
	}
	return b.String()
}

func decls(n int) string {
	var b strings.Builder
	for k := range n {
		b.WriteString("y")
		b.WriteString(strings.Repeat("a", k%7))
		b.WriteString("_{")
		b.WriteString(strings.Repeat("1", 1+k/7%5))
		b.WriteString("} ∈ R; ")
	}
	return b.String()
}

// TestHostile throws hostile inputs at every command: each ends in time
// with a clear message and exit 0, 1 or 2, never a crash.
func TestHostile(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"v.json":    `{"x": 0.5}`,
		"bad.json":  "not json",
		"m.json":    `{"x": [[1,2],[3,4]]}`,
		"huge.json": `{"x": 1e999}`,
		"bad2.yaml": "title: x\nquestions:\n  - id: q\n    program: \"x ∈ R; f = x^2\"\n    ask: grad --wrt x\n    answer: \"3x\"\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range hostileCases(dir) {
		t.Run(c.name, func(t *testing.T) {
			out, errs, code := runCLI(t, c.args...)
			all := out + errs
			if c.code >= 0 && code != c.code || code < 0 || code > 2 {
				t.Fatalf("exit %d, want %d\nstdout: %.600s\nstderr: %.600s", code, c.code, out, errs)
			}
			if code == 2 && strings.TrimSpace(errs) == "" {
				t.Errorf("exit 2 without a message")
			}
			if !strings.Contains(all, c.want) {
				t.Errorf("output lacks %q\nstdout: %.600s\nstderr: %.600s", c.want, out, errs)
			}
			for _, bad := range append(noCrash, "runtime error", "fatal error") {
				if strings.Contains(all, bad) {
					t.Errorf("output contains %q\nstdout: %.600s\nstderr: %.600s", bad, out, errs)
				}
			}
		})
	}
}
