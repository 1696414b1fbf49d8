package parser

import (
	"strings"
	"testing"

	"deriv/symbolic"
)

// TestQAForms: inputs found in a user's pass over SPEC §2 and the
// worksheet, each with the program deriv must print back (Text).
func TestQAForms(t *testing.T) {
	tests := []struct {
		srcs []string
		want string
	}{
		// \frac takes single characters: \frac123 is (1/2)·3.
		{[]string{`x ∈ R; \frac123 x`, `x ∈ R; \frac{1}{2} 3 x`}, "x ∈ ℝ\n1/2·3 x"},
		{[]string{`a, b ∈ R; \frac ab`, `a, b ∈ R; \frac{a}{b}`}, "a, b ∈ ℝ\na/b"},
		// A Greek ASCII name or LaTeX command followed by digits is one
		// name, as W1 is (the printers write δ2 as delta2 and \delta2).
		{[]string{"δ2 ∈ R; δ2 + 1", "delta2 ∈ R; delta2 + 1", `\delta2 \in \mathbb{R}; \delta2 + 1`, "δ2 ∈ R; delta2 + 1"}, "δ2 ∈ ℝ\nδ2 + 1"},
		{[]string{"sigma2 ∈ R^d; sigma2", `\sigma2 \in \mathbb{R}^d; σ2`}, "σ2 ∈ ℝ^d\nσ2"},
		// A label then a power: S_j⁽ˡ⁾² is (S_j⁽ˡ⁾)².
		{[]string{"S_j^{(l)} ∈ R; S_j⁽ˡ⁾²", "S_j^{(l)} ∈ R; S_j^{(l)}^2", "S_j^{(l)} ∈ R; (S_j^{(l)})^2"}, "S_j⁽ˡ⁾ ∈ ℝ\nS_j⁽ˡ⁾²"},
		{[]string{"W^{(1)} ∈ R^{d×d}; W⁽¹⁾²"}, "W⁽¹⁾ ∈ ℝ^{d×d}\nW⁽¹⁾²"},
		// Nested absolute values and norms written with bars.
		{[]string{"x ∈ R; ||x| - 1|", "x ∈ R; | |x| - 1 |"}, "x ∈ ℝ\n|(|x|) − 1|"},
		{[]string{"x ∈ R; |x - |x||", "x ∈ R; |x - |x| |"}, "x ∈ ℝ\n|x − (|x|)|"},
		{[]string{"x, y ∈ R; |x||y|", "x, y ∈ R; |x| |y|"}, "x, y ∈ ℝ\n|x| |y|"},
		{[]string{"x ∈ R^d; |2 ||x|| |"}, "x ∈ ℝ^d\n|2 (‖x‖)|"},
		{[]string{"x ∈ R^d; ||x||", "x ∈ R^d; ‖x‖"}, "x ∈ ℝ^d\n‖x‖"},
		// An operator-form derivative of a function written with its
		// parameters is the derivative of the function.
		{[]string{`f(x) = x^2; \frac{d}{dx} f(x)`, `f(x) = x^2; \frac{d}{dx} f`, `f(x) = x^2; \nabla_x f(x)`}, "x ∈ ℝ\nf(x) = x²\n∂f/∂x"},
		// TeX's one-letter superscript: x^Tx is xᵀ x.
		{[]string{"x ∈ R^n; x^Tx", "x ∈ R^n; x^T x", "x ∈ R^n; x'x"}, "x ∈ ℝ^n\nxᵀ x"},
		{[]string{"x, Tx ∈ R; x^Tx"}, "x, Tx ∈ ℝ\nx^Tx"},
		// A sum's range from the vector or matrix its index runs over.
		{[]string{`x ∈ R^d; \sum_j x_j^2`, `x ∈ R^d; \sum_{j=1}^{d} x_j^2`}, "x ∈ ℝ^d\nj ∈ {1, …, d}\nΣ_{j=1}^{d} x_j²"},
		{[]string{`X ∈ R^{n×d}; \sum_i \sum_j X_{ij}`}, "X ∈ ℝ^{n×d}\nj ∈ {1, …, d}\ni ∈ {1, …, n}\nΣ_{i=1}^{n} Σ_{j=1}^{d} X_{ij}"},
		// The full stop that ends a sentence.
		{[]string{"x ∈ R. \nx^2.", "x ∈ R\nx^2"}, "x ∈ ℝ\nx²"},
		// The worksheet's family declaration with an ellipsis.
		{[]string{`w_1, w_2, ..., w_n \in \mathbb{R}^d`, `w_1, w_2, \dots, w_n ∈ R^d`, "w_1, …, w_n ∈ R^d", "w_i ∈ R^d for i = 1..n"}, "w_i ∈ ℝ^d for i = 1..n"},
		{[]string{"i ∈ {1, …, m}; w_1, …, w_n ∈ R^d"}, "i ∈ {1, …, m}\nw_j ∈ ℝ^d for j = 1..n"},
		// n-th roots.
		{[]string{`x ∈ R; \sqrt[3]{x}`, "x ∈ R; x^(1/3)"}, "x ∈ ℝ\nx^(1/3)"},
		// \sin^2 x is (sin x)².
		{[]string{`x ∈ R; \sin^2 x`, `x ∈ R; \sin^2(x)`, "x ∈ R; sin(x)^2"}, "x ∈ ℝ\nsin(x)²"},
	}
	for _, tt := range tests {
		for _, src := range tt.srcs {
			p, err := Parse(src)
			if err != nil {
				t.Errorf("Parse(%q): %v", src, err)
				continue
			}
			if got := strings.TrimSpace(symbolic.PrintProgram(p, symbolic.Text)); got != tt.want {
				t.Errorf("Parse(%q) prints\n%s\nwant\n%s", src, got, tt.want)
			}
		}
	}
}

// TestQARoundTrip: each program printed in each style parses back to a
// program that prints the same.
func TestQARoundTrip(t *testing.T) {
	srcs := []string{
		"δ2 ∈ R; δ2 + 1",
		"φ2, η0 ∈ R; ℓ2 = φ2 η0",
		"S_j^{(l)} ∈ R; ℓ = S_j^{(l)}^2; δ_j^{(l)} = ∂ℓ/∂S_j^{(l)}",
		"x ∈ R; ||x| - 1| + |x - |x||",
		"x ∈ R; x^{99999999999999999999999} + 1e-30 x + 1e21",
		`x ∈ R; \sqrt[3]{x} + \sqrt{x}`,
	}
	for _, src := range srcs {
		p, err := Parse(src)
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		want := symbolic.PrintProgram(p, symbolic.Text)
		for _, st := range []symbolic.Style{symbolic.Text, symbolic.ASCII, symbolic.LaTeX} {
			printed := symbolic.PrintProgram(p, st)
			q, err := Parse(printed)
			if err != nil {
				t.Errorf("%s of %q:\n%s\ndoes not parse: %v", st, src, printed, err)
				continue
			}
			if got := symbolic.PrintProgram(q, symbolic.Text); got != want {
				t.Errorf("%s of %q:\n%s\nparses to\n%s\nwant\n%s", st, src, printed, got, want)
			}
		}
	}
}

// TestQAErrors: inputs that must fail, with the message and the column of
// the caret.
func TestQAErrors(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		// d/dx applies to a name; it must not silently take only the base
		// of a power or leave a call's arguments as a product.
		{`x ∈ R; \frac{d}{dx} x^2`, `<input>:1:22: \frac{d}{dx} applies to a defined name`},
		{`x ∈ R; \frac{\partial}{\partial x} x^2`, `<input>:1:37: \frac{d}{dx} applies to a defined name`},
		{`x ∈ R; \frac{d}{dx} (x^2)`, `<input>:1:21: \frac{d}{dx} applies to a defined name`},
		{`x ∈ R^d; \nabla_x x^T x`, `<input>:1:20: ∇_x applies to a defined name`},
		{`x ∈ R; f = x^2; \frac{\partial}{\partial x} f(x)`, `<input>:1:46: \frac{d}{dx} applies to a defined name`},
		{`x ∈ R; f(x) = x^2; \frac{d}{dy} f(y)`, `<input>:1:34: \frac{d}{dx} applies to a defined name`},
		{"w_1, w_3, …, w_n ∈ R^d", "<input>:1:6: bad declaration: … stands for family members"},
		{"w_1, …, v_n ∈ R^d", "<input>:1:9: bad declaration: … stands for family members"},
		{"w_1, w_2, … ∈ R^d", "<input>:1:11: bad declaration: … stands for family members"},
		{"…, w_n ∈ R^d", "<input>:1:1: bad declaration: … stands for family members"},
		{"x ∈ R; x. + 1", `<input>:1:9: unexpected character "."`},
		{`x ∈ R; \sqrt[]{x}`, `<input>:1:14: expected the index of the root`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want %s", tt.src, tt.want)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Parse(%q):\n got %v\nwant %s…", tt.src, err, tt.want)
		}
	}
}
