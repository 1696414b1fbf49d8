package parser

import (
	"errors"
	"strings"
	"testing"

	sym "deriv/symbolic"
)

// shapesOf describes the shapes Parse gave: "name: shape" for the names
// listed, and "result: shape" for the function.
func shapesOf(t *testing.T, p *sym.Program, keys []string) string {
	t.Helper()
	var b strings.Builder
	for _, k := range keys {
		if k == "result" {
			if p.Result == nil {
				b.WriteString("result: <none>; ")
				continue
			}
			b.WriteString("result: " + p.Result.Body.Shape.String() + "; ")
			continue
		}
		b.WriteString(k + ": " + sbShape(p, k) + "; ")
	}
	return strings.TrimSuffix(b.String(), "; ")
}

// TestShapesFromSource parses the worksheet's programs (testdata/seed.yaml),
// the identities (testdata/identities.yaml), SPEC §2.3's examples and
// matrixcalculus.org's, and checks every name's shape and the function's.
func TestShapesFromSource(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		// testdata/seed.yaml
		{"2a-chain-rule", "f: R^n → R\ng_i: R → R for i = 1..n\nF(w) = f(g_1(w), g_2(w), g_3(w))",
			"w: scalar; F: scalar; result: scalar"},
		{"2c-dw", "w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d; y ∈ R\nf(W, x, y) = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2",
			"w: vector(d); b: scalar; x: vector(d); y: scalar; W: matrix(n×d); result: scalar"},
		{"2c-latex-input", "w_i \\in \\mathbb{R}^d, b_i \\in \\mathbb{R}, i = 1, \\dots, n\nf = \\left(y - \\sum_{i=1}^{n} \\sigma(w_i^\\top x + b_i)\\right)^2",
			"w: vector(d); b: scalar; x: vector(d); y: scalar; f: scalar; result: scalar"},
		{"2e", "x, b, y ∈ R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}\nΦ: R^d → R^d\nℓ(x) = 1/2 ‖W^{(2)} Φ(W^{(1)} x + b) - y‖_2^2",
			"x: vector(d); b: vector(d); W⁽¹⁾: matrix(d×d); ℓ: scalar; result: scalar"},
		{"2e-elementwise", "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R\nℓ = 1/2 ||W2 φ(W1 x + b) - y||^2",
			"ℓ: scalar; result: scalar"},
		{"2f", "x, b, y ∈ R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}\nℓ = 1/2 ‖W^{(2)} (W^{(1)} x + b) - y‖^2",
			"result: scalar"},
		{"1c-backprop", "x0 ∈ R^{d0}; W1 ∈ R^{d0×d1}; W2 ∈ R^{d1×d2}; g: R → R; L: R^{d2} → R\nS1 = W1^T x0; x1 = g(S1); S2 = W2^T x1; ℓ = L(g(S2))",
			"S1: vector(d1); x1: vector(d1); S2: vector(d2); ℓ: scalar; result: scalar"},

		// testdata/identities.yaml
		{"c69", "a, x ∈ R^n; f = a^T x", "f: scalar"},
		{"c70", "a ∈ R^m; b ∈ R^n; X ∈ R^{m×n}; f = a^T X b", "f: scalar"},
		{"c81", "x ∈ R^n; B ∈ R^{n×n}; f = x^T B x", "f: scalar"},
		{"c100", "X ∈ R^{m×n}; A ∈ R^{n×m}; f = tr(X A)", "f: scalar"},
		{"c101", "A ∈ R^{p×m}; X ∈ R^{m×n}; B ∈ R^{n×p}; f = tr(A X B)", "f: scalar"},
		{"c108", "X ∈ R^{m×n}; B ∈ R^{m×m}; f = tr(X^T B X)", "f: scalar"},
		{"c115", "X ∈ R^{m×n}; f = tr(X^T X)", "f: scalar"},
		{"c119", "A ∈ R^{p×m}; X ∈ R^{m×n}; B ∈ R^{n×q}; C ∈ R^{p×q}; f = tr((A X B + C)(A X B + C)^T)", "f: scalar"},
		{"c61", "a, b ∈ R^n; X ∈ R^{n×n}; f = a^T X^{-1} b", "f: scalar"},
		{"det", "X ∈ R^{n×n}; f = det(X)", "f: scalar"},
		{"logdet", "X ∈ R^{n×n}; f = log(det(X))", "f: scalar"},
		{"norm2sq", "A ∈ R^{m×n}; x ∈ R^n; b ∈ R^m; f = ‖A x - b‖^2", "f: scalar"},
		{"sin-entrywise", "a ∈ R^m; b ∈ R^n; X ∈ R^{m×n}; f = a^T sin(X) b", "f: scalar"},
		{"logistic", "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; L = sum(log(1 + exp(-y ⊙ (X w))))", "L: scalar"},
		{"lse", "z ∈ R^n; f = log(sum(exp(z)))", "f: scalar"},

		// SPEC §2.3
		{"bias from W1's rows", "W1 ∈ R^{m×d}; x ∈ R^d\nz = W1 x + b", "b: vector(m); z: vector(m)"},
		{"y next to a sum of scalars", "w_i ∈ R^d, i = 1..n; x ∈ R^d\nf = y - Σ_{i=1}^{n} σ(w_i^T x)", "y: scalar"},

		// matrixcalculus.org
		{"quadratic form", "0.5*x'*A*x", "x: vector(n); A: matrix(n×n); result: scalar"},
		{"vector function", "A*exp(x)", "A: matrix(m×n); x: vector(n); result: vector(m)"},
		{"hadamard inner product", "(y.*v)'*x", "y: vector(n); v: vector(n); x: vector(n); result: scalar"},
		{"norm1", "norm1(A*x-y)", "A: matrix(m×n); x: vector(n); y: vector(m); result: scalar"},
		{"norm2 squared", "norm2(A*x-y)^2", "A: matrix(m×n); x: vector(n); y: vector(m); result: scalar"},
		{"logistic loss", "sum(log(exp(-y.*(X*w)) + vector(1)))", "X: matrix(m×n); w: vector(n); y: vector(m); result: scalar"},
		{"trace of a product", "tr(A*X'*B*X*C)", "A: matrix(m×n); X: matrix(k×n); B: matrix(k×k); C: matrix(n×m); result: scalar"},
		{"log det inverse", "log(det(inv(X)))", "X: matrix(n×n); result: scalar"},

		// further cases
		{"scalar times vector", "x ∈ R^d; f = c x", "c: scalar; result: vector(d)"},
		{"ones from context", "x ∈ R^d; f = x + 𝟙", "result: vector(d)"},
		{"defined sigmoid elementwise", "z ∈ R^d\ns(t) = 1/(1 + exp(-t))\nh = s(z) ⊙ (1 - s(z))", "t: scalar; s: scalar; h: vector(d)"},
		{"defined function instantiated", "A ∈ R^{m×n}\nq(v) = v^T v\nf = q(A u)", "f: scalar; u: vector(n)"},
		{"family used in a sum", "w_i ∈ R^d, i = 1..n\nf = Σ_{i=1}^{n} w_i", "f: vector(d)"},
		{"entry of a matrix", "W ∈ R^{m×n}\nf = W_{ij}", "f: scalar"},
		{"entry of a vector", "x ∈ R^d; f = x_1 + 2", "x: vector(d); f: scalar"},
		{"jacobian of a map", "Φ: R^d → R^k; z ∈ R^d\nf = J_Φ(z)", "f: matrix(k×d)"},
		{"diag of a vector", "x ∈ R^d; f = diag(x)", "f: matrix(d×d)"},
		{"open argument of diag", "f = tr(diag(x))", "x: vector(n)"},
		{"open argument of det", "f = det(a)", "a: matrix(n×n)"},
		{"softmax", "z ∈ R^k; f = softmax(z)", "f: vector(k)"},
		{"outer product", "u ∈ R^m; f = u v^T", "v: vector(n); result: matrix(m×n)"},
		{"open left factor is a scalar", "f = u v^T", "u: scalar; v: vector(n); result: row vector(1×n)"},
		{"matrix power", "A ∈ R^{n×n}; f = tr(A^2)", "f: scalar"},
		{"entries summed over a range", "f = Σ_{i=1}^{k} x_i", "x: vector(k); result: scalar"},
		{"entries summed to a literal", "f = Σ_{i=1}^{3} x_i", "x: vector(3); result: scalar"},
		{"declared size wins over the range", "x ∈ R^d; f = Σ_{i=1}^{n} x_i", "x: vector(d); result: scalar"},
		{"the function is taken to be scalar", "f = X^2", "X: scalar; result: scalar"},
		{"uppercase names are matrices", "f = x^T A^2 x", "x: vector(n); A: matrix(n×n); result: scalar"},
		{"identity from context", "f = x^T (A + I) x", "x: vector(n); A: matrix(n×n); result: scalar"},
		{"defined function of a vector", "σ(t) = 1/(1+exp(-t))\nW ∈ R^{m×n}\nf = sum(σ(W x))", "x: vector(n); t: scalar; result: scalar"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse(tc.src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var keys []string
			for _, part := range strings.Split(tc.want, "; ") {
				k, _, _ := strings.Cut(part, ": ")
				keys = append(keys, k)
			}
			if got := shapesOf(t, p, keys); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			checkAllShaped(t, p)
		})
	}
}

// TestShapeErrorsFromSource checks the whole message of shape conflicts,
// with the caret under the operator.
func TestShapeErrorsFromSource(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"vector plus matrix", "W1 ∈ R^{d×d}; x ∈ R^d\nℓ = W1 x + b + W1",
			"<input>:2:14: shape conflict at \"+\": vector(d) + matrix(d×d)\n" +
				"  ℓ = W1 x + b + W1\n" +
				"               ^"},
		{"inner dimensions", "W1 ∈ R^{d×d}; x ∈ R^n\nℓ = W1 x",
			"<input>:2:8: shape conflict at \"·\": matrix(d×d) · vector(n) (inner dimensions d and n differ)\n" +
				"  ℓ = W1 x\n" +
				"         ^"},
		{"scalar plus vector", "y ∈ R; x ∈ R^d\nf = y + x",
			"<input>:2:7: shape conflict at \"+\": scalar + vector(d)\n" +
				"  f = y + x\n" +
				"        ^"},
		{"hadamard", "x ∈ R^d; u ∈ R^n\nf = sum(x ⊙ u)",
			"<input>:2:11: shape conflict at \"⊙\": vector(d) ⊙ vector(n)\n" +
				"  f = sum(x ⊙ u)\n" +
				"            ^"},
		{"divisor", "x ∈ R^d\nf = 1/x",
			"<input>:2:6: shape conflict at \"/\": scalar / vector(d) (the divisor must be a scalar)\n" +
				"  f = 1/x\n" +
				"       ^"},
		{"trace", "A ∈ R^{m×n}\nf = tr(A)",
			"<input>:2:5: tr needs a square matrix, got matrix(m×n)\n" +
				"  f = tr(A)\n" +
				"      ^"},
		{"vector map argument", "Φ: R^d → R^d; x ∈ R^n\nf = Φ(x)",
			"<input>:2:7: argument 1 of Φ must be vector(d), got vector(n)\n" +
				"  f = Φ(x)\n" +
				"        ^"},
		{"entry of a matrix with one subscript", "X ∈ R^{d×d}; f = X_1",
			"<input>:1:18: X has 1 subscript, but X is matrix(d×d): an entry of a vector has 1 subscript, of a matrix 2\n" +
				"  X ∈ R^{d×d}; f = X_1\n" +
				"                   ^"},
		{"jacobian of a matrix", "Φ: R^d → R^d; A ∈ R^{d×d}; f = J_Φ(A)",
			"<input>:1:32: J_Φ needs a vector argument, got matrix(d×d)\n" +
				"  Φ: R^d → R^d; A ∈ R^{d×d}; f = J_Φ(A)\n" +
				"                                 ^"},
		{"scalar arguments", "f: R^n → R; A ∈ R^{d×d}; g = f(A, A)",
			"<input>:1:32: argument 1 of f must be a scalar, got matrix(d×d)\n" +
				"  f: R^n → R; A ∈ R^{d×d}; g = f(A, A)\n" +
				"                                 ^"},
		{"inside a defined function", "x ∈ R^d; y ∈ R^k\nq(u, v) = u^T v\nf = q(x, y)",
			"<input>:2:15: shape conflict at \"·\": row vector(1×d) · vector(k) (inner dimensions d and k differ)\n" +
				"  q(u, v) = u^T v\n" +
				"                ^"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.src)
			var se *sym.Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *symbolic.Error", err)
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestShapesOfExpressions infers claims and --wrt targets in a program's
// context (ParseExpr).
func TestShapesOfExpressions(t *testing.T) {
	p, err := Parse("x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R\nℓ = 1/2 ||W2 φ(W1 x + b) - y||^2")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ src, want string }{
		{"(φ'(W1 x + b) ⊙ (W2^T (W2 φ(W1 x + b) - y))) x^T", "matrix(d×d)"},
		{"W2^T (W2 φ(W1 x + b) - y)", "vector(d)"},
		{"x + 𝟙", "vector(d)"},
		{"W1", "matrix(d×d)"},
		{"∂ℓ/∂x", "vector(d)"},
		{"x^T y", "scalar"},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			e, err := ParseExpr(p, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.Shape.String(); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	// The worksheet's answers in their programs' contexts.
	answers := []struct{ prog, src, want string }{
		{"f: R^n → R\ng_i: R → R for i = 1..n\nF(w) = f(g_1(w), g_2(w), g_3(w))",
			"Σ_{i=1}^{3} ∂_i f(g_1(w), g_2(w), g_3(w)) g_i'(w)", "scalar"},
		{"w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d; y ∈ R\nf(W, x, y) = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2",
			"-2 (y - Σ_{j=1}^{n} σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i)) x", "vector(d)"},
		{"w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d; y ∈ R\nf(W, x, y) = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2",
			"w_i", "vector(d)"},
		{"x0 ∈ R^{d0}; W1 ∈ R^{d0×d1}; W2 ∈ R^{d1×d2}; g: R → R; L: R^{d2} → R\nS1 = W1^T x0; x1 = g(S1); S2 = W2^T x1; ℓ = L(g(S2))",
			"g'(S1) ⊙ (W2 ∂ℓ/∂S2)", "vector(d1)"},
		{"x, b, y ∈ R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}\nΦ: R^d → R^d\nℓ(x) = 1/2 ‖W^{(2)} Φ(W^{(1)} x + b) - y‖_2^2",
			"J_Φ(W^{(1)} x + b)^T W^{(2)T} (W^{(2)} Φ(W^{(1)} x + b) - y) x^T", "matrix(d×d)"},
	}
	for _, tc := range answers {
		t.Run(tc.src, func(t *testing.T) {
			p, err := Parse(tc.prog)
			if err != nil {
				t.Fatal(err)
			}
			e, err := ParseExpr(p, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.Shape.String(); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	_, err = ParseExpr(p, "x W1")
	want := "<input>:1:3: shape conflict at \"·\": vector(d) · matrix(d×d) (inner dimensions 1 and d differ)\n  x W1\n    ^"
	if err == nil || err.Error() != want {
		t.Errorf("x W1: got %v, want\n%s", err, want)
	}
}
