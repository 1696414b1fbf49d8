package parser

import (
	"os"
	"strings"
	"testing"

	"deriv/symbolic"
)

const prog2e = "x, b, y ∈ R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}\nΦ: R^d → R^d\nℓ(x) = 1/2 ‖W^{(2)} Φ(W^{(1)} x + b) - y‖_2^2\n"

const prog2c = "w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d; y ∈ R\nf(W, x, y) = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2\n"

// TestParseExpr parses claims and --wrt targets in a program's context.
func TestParseExpr(t *testing.T) {
	tests := []struct {
		prog string
		srcs []string
		want string
	}{
		{prog2e, []string{"W^{(1)}", "W^(1)", "W⁽¹⁾"}, "Var W ^1"},
		{prog2e, []string{"J_Φ(z)^T W^{(2)T} r"}, "unknown name z"},
		{prog2e, []string{"J_Φ(W^{(1)} x + b)^T W^{(2)T} (W^{(2)} Φ(W^{(1)} x + b) - y)"},
			"Mul(Mul(T(Jac Φ(Add(Mul(Var W ^1, Var x), Var b))), T(Var W ^2)), Sub(Mul(Var W ^2, Call Φ(Add(Mul(Var W ^1, Var x), Var b))), Var y))"},
		{prog2e, []string{"∂ℓ/∂W^{(1)}", `\frac{\partial \ell}{\partial W^{(1)}}`, "dℓ/dW^(1)"}, "Deriv(Var ℓ, Var W ^1)"},
		{prog2c, []string{"w_i", "w_{i}", "wᵢ"}, "Var w _[Var i]"},
		{prog2c, []string{"b_i"}, "Var b _[Var i]"},
		{prog2c, []string{"df/dw_i", "∂f/∂w_i"}, "Deriv(Var f, Var w _[Var i])"},
		{prog2c, []string{"-2 (y - Σ_{j=1}^{n} σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i)) x"},
			"Neg(Mul(Mul(Mul(Mul(Num 2, Sub(Var y, Sum j(Num 1, Var n, Call σ(Add(Mul(T(Var w _[Var j]), Var x), Var b _[Var j]))))), Call σ(Add(Mul(T(Var w _[Var i]), Var x), Var b _[Var i]))), Sub(Num 1, Call σ(Add(Mul(T(Var w _[Var i]), Var x), Var b _[Var i])))), Var x))"},
		{prog2c, []string{"q"}, "unknown name q"},
		{prog2c, []string{"x ∈ R"}, "expected an expression"},
	}
	for _, tt := range tests {
		p, err := Parse(tt.prog)
		if err != nil {
			t.Fatal(err)
		}
		for _, src := range tt.srcs {
			e, err := ParseExpr(p, src)
			got := ""
			if err != nil {
				got = err.Error()
			} else {
				got = dump(e)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("ParseExpr(%q):\n got %s\nwant %s", src, got, tt.want)
			}
		}
	}
}

// TestParseExprReadOnly checks that ParseExpr adds no symbol to the program.
func TestParseExprReadOnly(t *testing.T) {
	p, err := Parse(prog2c)
	if err != nil {
		t.Fatal(err)
	}
	before := len(p.Symbols)
	if _, err := ParseExpr(p, "Σ_{j=1}^{n} w_j^T x"); err != nil {
		t.Fatal(err)
	}
	if len(p.Symbols) != before {
		t.Errorf("ParseExpr added symbols: %d → %d", before, len(p.Symbols))
	}
}

// TestOptions checks --where, --let and the file name.
func TestOptions(t *testing.T) {
	t.Run("where", func(t *testing.T) {
		p, err := Parse("f = a^T x", WithWhere("a, x ∈ R^n"))
		if err != nil {
			t.Fatal(err)
		}
		if s := p.Symbols["x"]; s == nil || !s.Declared || s.Shape.String() != "vector(n)" {
			t.Errorf("x = %+v, want a declared vector(n)", s)
		}
	})
	t.Run("where error", func(t *testing.T) {
		_, err := Parse("f = x", WithWhere("x ∈ R^{0}"))
		want := "--where:1:8: bad declaration: a dimension is a positive whole number or a name, found 0\n  x ∈ R^{0}\n         ^"
		if err == nil || err.Error() != want {
			t.Errorf("got %v\nwant %s", err, want)
		}
	})
	t.Run("file", func(t *testing.T) {
		_, err := Parse("f = (x", WithFile("sheet.txt"))
		if err == nil || !strings.HasPrefix(err.Error(), "sheet.txt:1:5: ( opened here is never closed") {
			t.Errorf("got %v", err)
		}
	})
	lets := []struct {
		name, let, def string
	}{
		{"identity", "Φ = id", "def Φ(t) = Var t"},
		{"function name", "Φ = tanh", "def Φ(t) = Call tanh(Var t)"},
		{"function", "Φ(u) = tanh(u)", "def Φ(u) = Call tanh(Var u)"},
		{"variable", "b = 0", "def b() = Mul(Num 0, Ones)"},
	}
	for _, tt := range lets {
		t.Run("let "+tt.name, func(t *testing.T) {
			p, err := Parse(prog2e, WithLet(tt.let))
			if err != nil {
				t.Fatal(err)
			}
			got := describe(p)
			if !strings.Contains(got, tt.def+"\n") {
				t.Errorf("got\n%s\nwant a line %q", got, tt.def)
			}
			if p.Result == nil || p.Result.Name != "ℓ" {
				t.Errorf("result %+v, want ℓ", p.Result)
			}
		})
	}
	t.Run("let replaces a definition", func(t *testing.T) {
		p, err := Parse("x ∈ R^d; z = 2 x; f = z^T z", WithLet("z = 3 x"))
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Defs) != 2 || dump(p.Defs[0].Body) != "Mul(Num 3, Var x)" {
			t.Errorf("defs:\n%s", describe(p))
		}
	})
	t.Run("let error", func(t *testing.T) {
		_, err := Parse(prog2e, WithLet("Φ ∈ R"))
		want := "--let:1:1: a --let must be a definition such as 'Φ = id' or 'b = 0'\n  Φ ∈ R\n  ^"
		if err == nil || err.Error() != want {
			t.Errorf("got %v\nwant %s", err, want)
		}
	})
}

// TestExpectedAnswers parses every expected answer of the acceptance
// examples (testdata/programs/expects.tsv) in its program's context.
func TestExpectedAnswers(t *testing.T) {
	data, err := os.ReadFile("../testdata/programs/expects.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		id, answer, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		src, err := os.ReadFile("../testdata/programs/" + id + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(string(src))
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if _, err := ParseExpr(p, answer); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
}

// TestUnboundIndexClaimVsTarget: an undeclared index in a family member
// is an error in a claim (ParseExpr) and a free index in a target
// (ParseTarget).
func TestUnboundIndexClaimVsTarget(t *testing.T) {
	p, err := Parse("w_i ∈ R^d for i = 1..n; x ∈ R^d; f = Σ_i w_i^T x")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseExpr(p, "2 w_j"); err == nil || !strings.Contains(err.Error(), "index j in w_j is not bound") {
		t.Errorf("ParseExpr(2 w_j): %v, want an unbound-index error", err)
	}
	if _, err := ParseExpr(p, "w_i + Σ_j w_j"); err != nil {
		t.Errorf("ParseExpr(w_i + Σ_j w_j): %v", err)
	}
	e, err := ParseTarget(p, "w_j")
	if err != nil || e.Op != symbolic.OpVar || len(e.Sub) != 1 || e.Sub[0].Name != "j" {
		t.Errorf("ParseTarget(w_j) = %v, %v", e, err)
	}
	if _, err := ParseTarget(p, "w_0"); err == nil {
		t.Errorf("ParseTarget(w_0): no error")
	}
}
