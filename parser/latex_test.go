package parser

import "testing"

// TestStudentLaTeX parses inputs as students type them in LaTeX and checks
// they mean the same as the plain spelling.
func TestStudentLaTeX(t *testing.T) {
	const decls = "x, b, y ∈ R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}; Φ: R^d → R^d\n"
	tests := []struct{ latex, plain string }{
		{`\ell(x) = \frac{1}{2} \left\lVert W^{(2)} \Phi\left(W^{(1)} x + b\right) - y \right\rVert_2^2`,
			"ℓ(x) = 1/2 ‖W^(2) Φ(W^(1) x + b) - y‖_2^2"},
		{`f = \left( \mathbf{y} - \mathbf{W}^{(1)} \mathbf{x} \right)^{\top} \left( \mathbf{y} - \mathbf{W}^{(1)} \mathbf{x} \right)`,
			"f = (y - W⁽¹⁾ x)ᵀ (y - W⁽¹⁾ x)"},
		{`f = \operatorname{tr}\left( W^{(1)\top} W^{(2)} \right) + \|b\|_{2}^{2}`,
			"f = tr(W^(1)' W^(2)) + norm2(b)^2"},
		{`f = \sum_{i=1}^{d} \log\left(1 + e^{-y_i}\right)`,
			"f = sum_{i=1}^d log(1 + exp(-y_i))"},
		{`f = \frac{\exp(b^\top x)}{1 + \exp(b^\top x)}`,
			"f = exp(b' x) / (1 + exp(b' x))"},
		{`f = x^\top \left(W^{(1)}\right)^{-1} y`,
			"f = x' inv(W^(1)) y"},
	}
	for _, tt := range tests {
		got, want := resultOf(t, decls+tt.latex), resultOf(t, decls+tt.plain)
		if got != want {
			t.Errorf("%s\n got %s\nwant %s", tt.latex, got, want)
		}
	}
}
