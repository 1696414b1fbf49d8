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
	family["x ∈ R^d; w_i ∈ R^d; f = Sigma_{i=1}^{n} w_i^T x"] = "w family vector(d) i=1..n"
	// i is bound nowhere, but z_i is written z_j inside Σ_j: i runs as j does.
	family["x ∈ R^d; w_i ∈ R^d; b_i ∈ R; z_i = w_i^T x + b_i; f = Σ_{j=1}^{n} σ(z_j)^2"] = "w family vector(d) i=1..n"
	family["x ∈ R^d; w_i ∈ R^d; f = ∑_{i=1}^{n} w_i^T x"] = "w family vector(d) i=1..n"
	family["x ∈ R^d; w_i ∈ R^d; b_i ∈ R for i = 1..m; f = Σ_i (w_i^T x + b_i)"] = "w family vector(d) i=1..m"
	family["x ∈ R^d; w_i ∈ R^d; i ∈ {1, …, 4}; f = Σ_{i=1}^{4} w_i^T x"] = "w family vector(d) i=1..4"
	for src, want := range map[string]string{ // no index: one variable
		"x ∈ R^d; w_i ∈ R^d; f = w_i^T x":                                   "w_i var vector(d)",
		"x ∈ R^d; w_i ∈ R^d; f = Σ_{i=1}^{n} w_i^T x + Σ_{i=1}^{3} w_i^T x": "w_i var vector(d)",
		"x ∈ R^d; w_1 ∈ R^d; f = Σ_{i=1}^{n} w_1^T x":                       "w_1 var vector(d)",
	} {
		family[src] = want
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
}

// TestFamilyOfDefinitionsMembers: a family of definitions z_i used with
// another subscript (z_j inside Σ_j, z_2) is a definition of its own,
// z_j = the body at j, placed before the definition that uses it; families
// built on each other follow (a_j = σ(z_j)); a sum inside the body that
// binds the new subscript is renamed. The program prints and reads back
// as itself.
func TestFamilyOfDefinitionsMembers(t *testing.T) {
	for src, want := range map[string]string{
		"x ∈ R^d; w_i ∈ R^d, b_i ∈ R for i = 1..n; z_i = w_i^T x + b_i; f = Σ_{j=1}^{n} σ(z_j)^2": "z_i = w_iᵀ x + b_i\nz_j = w_jᵀ x + b_j\nf = Σ_{j=1}^{n} σ(z_j)²",
		"x ∈ R^d; w_i ∈ R^d for i = 1..n; z_i = w_i^T x; a_i = σ(z_i); f = Σ_{j=1}^{n} a_j^2":     "z_i = w_iᵀ x\na_i = σ(z_i)\nz_j = w_jᵀ x\na_j = σ(z_j)\nf = Σ_{j=1}^{n} a_j²",
		"x ∈ R^d; w_i ∈ R^d for i = 1..3; z_i = w_i^T x; f = z_2 + z_3":                           "z_i = w_iᵀ x\nz_2 = w₂ᵀ x\nz_3 = w₃ᵀ x\nf = z_2 + z_3",
		"x ∈ R^d; w_i ∈ R^d for i = 1..n; z_i = Σ_{j=1}^{n} w_j^T w_i; f = Σ_{j=1}^{n} z_j":       "z_i = Σ_{j=1}^{n} w_jᵀ w_i\nz_j = Σ_{k=1}^{n} w_kᵀ w_j\nf = Σ_{j=1}^{n} z_j",
	} {
		p, err := Parse(src)
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		var defs []string
		for _, d := range p.Defs {
			defs = append(defs, d.Name+" = "+symbolic.Print(d.Body, symbolic.Text))
		}
		if got := strings.Join(defs, "\n"); got != want {
			t.Errorf("Parse(%q) definitions:\n%s\nwant\n%s", src, got, want)
		}
		if p.Result == nil || p.Result.Name != "f" {
			t.Errorf("Parse(%q): the result is %v, want f", src, p.Result)
		}
		q, err := Parse(symbolic.PrintProgram(p, symbolic.Text))
		if err != nil {
			t.Errorf("Parse(Print(%q)): %v", src, err)
			continue
		}
		if got, want := symbolic.PrintProgram(q, symbolic.Text), symbolic.PrintProgram(p, symbolic.Text); got != want {
			t.Errorf("Parse(Print(%q)) prints\n%s\nwant\n%s", src, got, want)
		}
	}
}

// TestFamilyOfDefinitionsChain: families of definitions each using the
// one before twice stay a chain of names in a program (41 member
// definitions for 41 families, not a tree of 2⁴⁰ nodes); written out in
// a claim the member is refused at its size limit, with the limit named.
func TestFamilyOfDefinitionsChain(t *testing.T) {
	var b strings.Builder
	b.WriteString("x ∈ R^d; w_i ∈ R^d for i = 1..n\nz0_i = w_i^T x\n")
	for k := 1; k <= 40; k++ {
		fmt.Fprintf(&b, "z%d_i = z%d_i z%d_i + z%d_i\n", k, k-1, k-1, k-1)
	}
	b.WriteString("f = Σ_{j=1}^{n} z40_j")
	p, err := Parse(b.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Defs) != 41+41+1 {
		t.Errorf("%d definitions, want 83", len(p.Defs))
	}
	_, err = ParseExpr(p, "Σ_{k=1}^{n} z40_k x")
	if err == nil || !strings.Contains(err.Error(), "z40_k: the members of families of definitions written out have more than 100000 subexpressions (the limit)") {
		t.Errorf("ParseExpr(z40_k): %v", err)
	}
	if _, err := ParseExpr(p, "Σ_{k=1}^{n} z3_k x"); err != nil {
		t.Errorf("ParseExpr(z3_k): %v", err)
	}
}

// TestFamilyOfDefinitionsLimit: a family of definitions of 3,000 terms
// used as z_1, …, z_3000 would write out nine million subexpressions (it
// ran out of memory); the program is refused at the limit, quickly.
func TestFamilyOfDefinitionsLimit(t *testing.T) {
	var body, uses []string
	for k := 1; k <= 3000; k++ {
		body = append(body, "w_i^T x")
		uses = append(uses, fmt.Sprintf("z_%d", k))
	}
	src := "x ∈ R^d; w_i ∈ R^d for i = 1..3000; z_i = " + strings.Join(body, " + ") + "; f = " + strings.Join(uses, " + ")
	_, err := Parse(src)
	if err == nil || !strings.Contains(err.Error(), "have more than 100000 subexpressions (the limit)") {
		t.Errorf("Parse: %v", err)
	}
	var claim []string
	for k := 1; k <= 300; k++ {
		claim = append(claim, fmt.Sprintf("z_%d", k))
	}
	p, err := Parse("x ∈ R^d; w_i ∈ R^d for i = 1..300; z_i = " + strings.Join(body[:1000], " + ") + "; f = Σ_{j=1}^{300} z_j")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseExpr(p, strings.Join(claim, " + ")); err == nil || !strings.Contains(err.Error(), "(the limit)") {
		t.Errorf("ParseExpr: %v", err)
	}
}
