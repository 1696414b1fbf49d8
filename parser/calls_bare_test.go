package parser

import (
	"strings"
	"testing"

	"deriv/symbolic"
)

// TestBareCallsParse: how function names without brackets, implicit
// functions and products of one-letter names read (see docs/reading-rules.md).
func TestBareCallsParse(t *testing.T) {
	tests := []struct{ prog, want string }{
		{"x ∈ R; f = sin x", "sin(x)"},
		{"x, y ∈ R; f = sin x y", "sin(x) y"},
		{"x ∈ R; f = sin 2x", "sin(2 x)"},
		{"x ∈ R; f = sin 2 x", "sin(2) x"},
		{"x ∈ R; f = sin x^2", "sin(x²)"},
		{"x ∈ R; f = sin²(x) + sin^2 x + \\sin^{2} x", "sin(x)² + sin(x)² + sin(x)²"},
		{"x ∈ R; f = exp -x", "exp(−x)"},
		{"x ∈ R; f = sin⁻¹ x", "arcsin(x)"},
		{"x ∈ R; f = σ σ x", "σ(σ(x))"},
		{"A ∈ R^{n×n}; f = tr A", "tr(A)"},
		{"φ: R → R; x ∈ R; f = φ x", "φ(x)"},
		{"x ∈ R^d; f = sum(Φ(x))", "sum(Φ(x))"},
		{"A ∈ R^{n×n}; x ∈ R^n; f = xᵀAx", "xᵀ A x"},
		{"x, a, b ∈ R; f = abx", "a b x"},
		{"a, x ∈ R; f = a(x + 1)", "a (x + 1)"},
	}
	for _, tt := range tests {
		p, err := Parse(tt.prog)
		if err != nil {
			t.Errorf("%s: %v", tt.prog, err)
			continue
		}
		if got := symbolic.Print(p.Result.Body, symbolic.Text); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.prog, got, tt.want)
		}
	}
}

// TestUnknownFunctionSuggestions: the suggestion for an unknown name
// before brackets.
func TestUnknownFunctionSuggestions(t *testing.T) {
	for name, want := range map[string]string{
		"Relu": "relu", "RELU": "relu", "Sigmoid": "σ", "tanhh": "tanh", "sine": "sin", "Exp": "exp",
		"softmx": "softmax", "logsumexpp": "logsumexp", "Trace": "tr",
	} {
		_, err := Parse("x ∈ R; f = " + name + "(x)")
		if err == nil || !strings.Contains(err.Error(), "unknown function "+name+", did you mean "+want+"?") {
			t.Errorf("%s(x): %v, want a suggestion of %s", name, err, want)
		}
	}
	if _, err := Parse("x ∈ R; f = frobnicate(x)"); err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("frobnicate(x): %v, want an error without a suggestion", err)
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"relu", "relu", 0}, {"relu", "rel", 1}, {"tanhh", "tanh", 1}, {"σx", "σ", 1}, {"kitten", "sitting", 3}} {
		if d := editDistance(tt.a, tt.b); d != tt.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, d, tt.d)
		}
	}
}
