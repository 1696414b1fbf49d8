package parser

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deriv/symbolic"
)

// FuzzParse checks that Parse never panics (an internal error is how a
// recovered panic shows) and that every error is a positioned
// *symbolic.Error. Seeds: the example programs and a few odd inputs;
// crashers found by go test -fuzz are kept under testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../testdata/programs/*.txt")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err == nil {
			f.Add(string(src))
		}
	}
	for _, s := range []string{
		"", ";", "x", "‖‖", "||x||", "|x|y|", `\frac{}{}`, "Σ", "∂_1 f()", "J_Φ(", "W^{(1)T}", "x^{\\circ}",
		"w_i ∈ R^d, i = 1, …, n\nf = \\sum_i w_i", "f(x) = f(x)", "e^", "x'''", "2x⁻ᵀ", "{[(]}", `\left( x \right.`,
		"||x| - 1|", "|x - |x||", "|x||y|", `\frac123`, `\frac ab`, `\sqrt[3]{x}`, `\sqrt[]{x}`, `\sin^2 x`, "x^Tx", `\delta2 \in \mathbb{R}`,
		"S_j⁽ˡ⁾²", `f(x) = x^2; \frac{d}{dx} f(x)`, `\nabla_x x^T x`, "w_1, w_2, …, w_n ∈ R^d", "…, w ∈ R", "x ∈ R^d; \\sum_j x_j", "x^2.",
		"x ∈ R; f = sin x", "f = sin^2 x + cos² x", "f = sin", "f = sin 2x y", "f = Relu(x)", "f = Φ(W x + b)", "A, x ∈ R; f = Ax",
		"µ ∈ R; f = μ", "ｘ ∈ R", "xа ∈ R", "f = matrix(2) x", "f = 𝟙 𝟙ᵀ", "f = Σ_i b_i Σ_i b_i x^2", "w_i ∈ R for i = 1..3; f = w_0",
		"A ∈ R^{n×n}; f = A^{-2}", "f = e + e^{x}", "f = ‖A‖ + norm1(A)", "f = \\sin^{2}(x)", "f = σ x^T",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Parse(src)
		if err != nil {
			var se *symbolic.Error
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q): error %T is not a *symbolic.Error", src, err)
			}
			if strings.Contains(se.Msg, "internal error") {
				t.Fatalf("Parse(%q): %v", src, err)
			}
			if se.Src == "" && se.File == "" {
				t.Fatalf("Parse(%q): error without source: %v", src, err)
			}
			_ = err.Error()
			return
		}
		if p.Result != nil {
			if _, err := ParseExpr(p, src); err != nil {
				var se *symbolic.Error
				if !errors.As(err, &se) || strings.Contains(se.Msg, "internal error") {
					t.Fatalf("ParseExpr(%q): %v", src, err)
				}
			}
		}
	})
}
