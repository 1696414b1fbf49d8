package parser

import (
	"fmt"
	"strings"
	"testing"

	"deriv/symbolic"
)

// symbolLine describes one symbol for TestDeclarations.
func symbolLine(p *symbolic.Program, key string) string {
	s := p.Symbols[key]
	if s == nil {
		return key + " missing"
	}
	out := fmt.Sprintf("%s %s %s", key, kindNames[s.Kind], s.Shape)
	if s.Index != "" || s.Count != "" {
		out += fmt.Sprintf(" %s=1..%s", s.Index, s.Count)
	}
	if s.Kind == symbolic.SymFunc {
		out += fmt.Sprintf(" %v→%s", s.Domain, s.Range)
		if s.Elementwise {
			out += " elementwise"
		}
	}
	return out
}

// TestDeclarations checks every declaration spelling of SPEC §2.1.
func TestDeclarations(t *testing.T) {
	tests := []struct {
		want string // symbol lines joined by "; "
		srcs []string
	}{
		{"y var scalar", []string{"y ∈ R", "y in R", "y: R", `y \in \mathbb{R}`, "y ∈ ℝ", `y \in \mathbb R`}},
		{"x var vector(d)", []string{"x ∈ R^d", "x in R^d", "x: R^d", `x \in \mathbb{R}^{d}`, "x ∈ ℝ^d", `\mathbf{x} \in \mathbb{R}^d`, "x ∈ R^{d×1}"}},
		{"x var vector(3)", []string{"x ∈ R^3", "x ∈ R^{3}"}},
		{"W1 var matrix(d×d); W2 var matrix(d×d)", []string{"W1, W2 ∈ ℝ^{d×d}", `W1, W2 \in \mathbb{R}^{d \times d}`, "W1, W2 ∈ R^(d x d)", "W1 ∈ R^{d×d}; W2 ∈ R^{d,d}"}},
		{"W var matrix(n×d)", []string{"W ∈ R^(n x d)", `W \in \mathbb{R}^{n \times d}`, "W ∈ R^{n×d}", "W: R^{n*d}"}},
		{"r var row vector(1×n)", []string{"r ∈ R^{1×n}"}},
		{"x var vector(d); b var vector(d); y var vector(d)", []string{"x, b, y ∈ R^d"}},
		{"x var vector(d0); W var matrix(d0×d1)", []string{"x ∈ R^{d0}; W ∈ R^{d0×d1}"}},
		{"x⁽⁰⁾ var vector(d⁽⁰⁾); W⁽¹⁾ var matrix(d⁽⁰⁾×d⁽¹⁾)", []string{
			"x^{(0)} ∈ R^{d^{(0)}}; W^{(1)} ∈ R^{d^{(0)}×d^{(1)}}", "x⁽⁰⁾ ∈ R^{d⁽⁰⁾}; W⁽¹⁾ ∈ R^{d⁽⁰⁾×d⁽¹⁾}", "x^(0) ∈ R^{d^(0)}; W^(1) ∈ R^(d^(0) x d^(1))"}},
		{"w family vector(d) i=1..n; b family scalar i=1..n; i index scalar =1..n", []string{
			"w_i ∈ R^d, b_i ∈ R for i = 1..n",
			"w_i ∈ R^d, b_i ∈ R, i = 1, …, n",
			"w_i ∈ R^d, b_i ∈ R, i = 1, ..., n",
			`w_i \in \mathbb{R}^d, b_i \in \mathbb{R}, i = 1, \dots, n`,
			"w_i ∈ R^d, b_i ∈ R, i ∈ {1, …, n}",
			"i ∈ {1, …, n}\nw_i ∈ R^d; b_i ∈ R",
			`w_{i} \in \mathbb{R}^{d}, b_{i} \in \mathbb{R} \text{ for } i = 1..n`,
		}},
		{"i index scalar =1..n", []string{"i ∈ {1, …, n}", `i \in \{1, \ldots, n\}`, "i ∈ {1..n}"}},
		{"W_1 var matrix(d×d)", []string{"W_1 ∈ R^{d×d}", "W_{1} ∈ R^{d×d}", "W₁ ∈ R^{d×d}"}},
		{"φ func scalar [scalar]→scalar elementwise", []string{"φ: R → R", "phi: R -> R", `\phi: \mathbb{R} \to \mathbb{R}`, `\varphi : \mathbb{R} \rightarrow \mathbb{R}`}},
		{"Φ func scalar [vector(d)]→vector(d)", []string{"Φ: R^d → R^d", `\Phi : \mathbb{R}^d \to \mathbb{R}^d`, "Phi: R^d -> R^d"}},
		{"f func scalar [vector(n)]→scalar", []string{"f: R^n → R"}},
		{"g func scalar i=1..n [scalar]→scalar elementwise", []string{"g_i: R → R for i = 1..n", `g_i : \mathbb{R} \to \mathbb{R}, i = 1, \dots, n`}},
		{"L func scalar [vector(d2)]→scalar", []string{"L: R^{d2} → R"}},
	}
	for _, tt := range tests {
		for _, src := range tt.srcs {
			p, err := Parse(src)
			if err != nil {
				t.Errorf("Parse(%q): %v", src, err)
				continue
			}
			var lines []string
			for _, want := range strings.Split(tt.want, "; ") {
				lines = append(lines, symbolLine(p, strings.Fields(want)[0]))
			}
			if got := strings.Join(lines, "; "); got != tt.want {
				t.Errorf("Parse(%q):\n got %s\nwant %s", src, got, tt.want)
			}
		}
	}
}

// TestFamilyFromSum: a name subscripted by an index that the program
// declares (before or after the name) or that a sum of the program binds
// declares a family (the declared count, else the sum's bound), in every
// spelling of the sum and wherever the sum is; where the sums disagree
// on the bound, or the index is no index, the name stays one variable.
func TestFamilyFromSum(t *testing.T) {
	family := map[string]string{
		"x ∈ R^d; w_i ∈ R^d; f = Σ_{i=1}^{n} w_i^T x":                             "w family vector(d) i=1..n",
		"x ∈ R^d; w_i ∈ R^d; f = sum_{i=1}^n w_i'*x":                              "w family vector(d) i=1..n",
		`x \in \mathbb{R}^d; w_i \in \mathbb{R}^d; f = \sum_{i=1}^{n} w_i^\top x`: "w family vector(d) i=1..n",
		"x ∈ R^d; w_i ∈ R^d; f = Σ^{n}_{i=1} w_i^T x":                             "w family vector(d) i=1..n",
		"x ∈ R^d; w_k ∈ R^d; f = (1 - Σ_{k=1}^{3} w_k^T x)^2":                     "w family vector(d) k=1..3",
		"x ∈ R^d; w_i ∈ R^d; b_i ∈ R; z_i = w_i^T x + b_i; f = Σ_{i=1}^{n} z_i^2": "w family vector(d) i=1..n",
	}
	family["x ∈ R^d; w_i ∈ R^d; i ∈ {1, …, n}; f = Σ_i w_i^T x"] = "w family vector(d) i=1..n"
	family["x ∈ R^d; w_i ∈ R^d; b_i ∈ R for i = 1..m; f = Σ_i (w_i^T x + b_i)"] = "w family vector(d) i=1..m"
	family["x ∈ R^d; w_i ∈ R^d; i ∈ {1, …, 4}; f = Σ_{i=1}^{4} w_i^T x"] = "w family vector(d) i=1..4"
	plainVar := map[string]string{
		"x ∈ R^d; w_i ∈ R^d; f = w_i^T x":                                   "w_i var vector(d)",
		"x ∈ R^d; w_i ∈ R^d; f = Σ_{i=1}^{n} w_i^T x + Σ_{i=1}^{3} w_i^T x": "w_i var vector(d)",
		"x ∈ R^d; w_1 ∈ R^d; f = Σ_{i=1}^{n} w_1^T x":                       "w_1 var vector(d)",
	}
	for src, want := range family {
		p, err := Parse(src)
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		if got := symbolLine(p, strings.Fields(want)[0]); got != want {
			t.Errorf("Parse(%q):\n got %s\nwant %s", src, got, want)
		}
	}
	for src, want := range plainVar {
		p, err := Parse(src)
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		if got := symbolLine(p, strings.Fields(want)[0]); got != want {
			t.Errorf("Parse(%q):\n got %s\nwant %s", src, got, want)
		}
	}
}
