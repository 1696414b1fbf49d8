package parser

import (
	"testing"

	"deriv/symbolic"
)

// TestNames checks name resolution: Greek spellings, builtins shadowed by
// program names, labels, subscripts, families and entries.
func TestNames(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"σ ∈ R; f = sigma + \\sigma + σ", "Add(Add(Var σ, Var σ), Var σ)"},
		{"σ: R → R; z ∈ R; f = σ(z)", "Call σ(Var z)"},
		{"z ∈ R; f = sigmoid(z)", "Call σ(Var z)"},
		{"e ∈ R; f = e^2", "Pow(Var e, Num 2)"},
		{"f = e^2", "Call exp(Num 2)"},
		{"I ∈ R^{n×n}; f = tr(I)", "Call tr(Var I)"},
		{"f = xy", "Var xy"},
		{"f = x y", "Mul(Var x, Var y)"},
		{"W1, W_1, W^(1) ∈ R^{d×d}; f = tr(W1 + W_1 + W^(1))", "Call tr(Add(Add(Var W1, Var W_1), Var W ^1))"},
		{"f = W_1 x", "Mul(Var W_1, Var x)"},
		{"x ∈ R^d; f = Σ_{j=1}^{d} x_j", "Sum j(Num 1, Var d, Var x _[Var j])"},
		{"x^{(l-1)} ∈ R^d; f = Σ_{j=1}^{d} x_j^{(l-1)}", "Sum j(Num 1, Var d, Var x ^l-1 _[Var j])"},
		{"x ∈ R^d; f = x_{3}", "Var x _[Num 3]"},
		{"g_i: R → R for i = 1..n; w ∈ R; f = g_2(w) + g_i'(w) + g'(w)", "Add(Add(Call g _[Num 2](Var w), Prime g _[Var i](Var w)), Prime g(Var w))"},
		{"f: R^n → R; w ∈ R; F = Σ_{i=1}^{3} ∂_i f(w, w, w)", "Sum i(Num 1, Num 3, Partial 0 f _[Var i](Var w, Var w, Var w))"},
		{"x ∈ R^d; W ∈ R^{d×d}; σ(t) = 1/(1 + exp(-t)); f = sum(σ(W x))", "Call sum(Call σ(Mul(Var W, Var x)))"},
		{"x ∈ R^d; f = 2 * -x", "Mul(Num 2, Neg(Var x))"},
		{"x ∈ R^d; f = x^T x + 3", "Add(Mul(T(Var x), Var x), Num 3)"},
		{"a, b ∈ R; f = a/b/2", "Div(Div(Var a, Var b), Num 2)"},
		{"a, b ∈ R; f = a^b^2", "Pow(Var a, Pow(Var b, Num 2))"},
		{"a, b ∈ R; f = 2a b", "Mul(Mul(Num 2, Var a), Var b)"},
		{"a ∈ R; f = (\n  a +\n  1\n)", "Add(Var a, Num 1)"},
		{"a ∈ R; f = a +\n  1\n", "Add(Var a, Num 1)"},
		{"a, b ∈ R\nf =\n  a ·\n  b", "Mul(Var a, Var b)"},
		{"A ∈ R^{n×n}; f = A^2", "Pow(Var A, Num 2)"},
		{"x ∈ R^d; f = exp(-y .* x)", "Call exp(Neg(Had(Var y, Var x)))"},
		{"dW1 ∈ R; W1 ∈ R; f = dW1/dW1", "Div(Var dW1, Var dW1)"},
		{"x ∈ R^d; f = ‖x‖ + |x_1|", "Add(Norm 2(Var x), Call abs(Var x _[Num 1]))"},
		{"A ∈ R^{n×n}; f = ‖A‖_F^2", "Pow(Norm F(Var A), Num 2)"},
		{"A ∈ R^{n×n}; x ∈ R^n; f = x^T (A + A^T)^{-1} x", "Mul(Mul(T(Var x), Inv(Add(Var A, T(Var A)))), Var x)"},
		{"x ∈ R^n; f = x^T x / 2", "Mul(T(Var x), Div(Var x, Num 2))"}, // division binds tighter than a product
		{"x ∈ R^n; f = softmax(x)^T 𝟙", "Mul(T(Call softmax(Var x)), Ones)"},
		{"x ∈ R^n; f = diag(x)", "Call diag(Var x)"},
		{"S^{(1)} ∈ R^d; g: R → R; f = g'(S_j^{(1)})", "Prime g(Var S ^1 _[Var j])"},
		{`x ∈ R; f = x \\ \left. x \right.`, "Mul(Var x, Var x)"},
		{"x^{(1)} ∈ R^d; f = x^{(1)}_{t+1}", "Var x ^1 _[Add(Var t, Num 1)]"},
	}
	for _, tt := range tests {
		if got := resultOf(t, tt.src); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

// TestKeptRunes: the runes Normalize passes over are ones
// symbolic.NormalizeText keeps, and Normalize is NormalizeText on texts
// that mix them with runes it maps.
func TestKeptRunes(t *testing.T) {
	for r := rune(0x80); r <= 0x1FFFF; r++ {
		if keptRune(r) && symbolic.NormalizeText(string(r)) != string(r) {
			t.Errorf("keptRune(%q), but NormalizeText maps it", r)
		}
	}
	for _, s := range []string{"", "x", "x ∈ ℝ^n", "µ ∈ R", "x, b ∈ R^n; f = 𝑥ᵀ b", "α ∈ R; f = ϕ(α)", "a\xff µ", "\xffµ", "ｘ²", "W₁ ∈ ℝ^{n×n} ｘ"} {
		if got, want := Normalize(s), symbolic.NormalizeText(s); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
}
