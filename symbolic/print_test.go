package symbolic

import (
	"strings"
	"testing"
)

// TestPrintRules checks one printing rule per row, in all three styles.
func TestPrintRules(t *testing.T) {
	a, b, c, x := prVar("a"), prVar("b"), prVar("c"), prVar("x")
	tests := []struct {
		name              string
		e                 *Expr
		text, ascii, latx string
	}{
		{"left-assoc product", prMul(prMul(a, b), c), "a b c", "a*b*c", "a b c"},
		{"right-nested product", prMul(a, prMul(b, c)), "a (b c)", "a*(b*c)", `a (b c)`},
		{"number times number", prMul(prNum(2), prNum(3)), "2·3", "2*3", `2 \cdot 3`},
		{"name times number", prMul(x, prNum(0.5)), "x·½", "x*0.5", `x \frac{1}{2}`},
		{"signed factor", prMul(a, prNeg(b)), "a (−b)", "a*(-b)", `a (-b)`},
		{"negative head", prMul(prNum(-2), a), "−2 a", "-2*a", "-2 a"},
		{"negative number summand", prAdd(a, prNum(-1)), "a + (−1)", "a + (-1)", `a + (-1)`},
		{"negated sum", prNeg(prAdd(a, b)), "−(a + b)", "-(a + b)", `-(a + b)`},
		{"sum on the left", prMul(prSum("i", prNum(1), prVar("n"), prSub("b", prVar("i"))), c),
			"(Σ_{i=1}^{n} b_i) c", "(sum_{i=1}^{n} b_i)*c", `\left(\sum_{i=1}^{n} b_{i}\right) c`},
		{"sum body is a product term", prSum("i", prNum(1), prVar("n"), prAdd(a, b)),
			"Σ_{i=1}^{n} (a + b)", "sum_{i=1}^{n} (a + b)", `\sum_{i=1}^{n} (a + b)`},
		{"compound power base", prPow(prAdd(a, b), prNum(2)), "(a + b)²", "(a + b)^2", `(a + b)^{2}`},
		{"compound exponent", prPow(a, prAdd(prVar("k"), prNum(1))), "a^(k + 1)", "a^(k + 1)", `a^{k + 1}`},
		{"fractional exponent", prPow(a, prNum(0.5)), "a^0.5", "a^0.5", `a^{\frac{1}{2}}`},
		{"power of power", prPow(prPow(a, prNum(2)), prNum(3)), "(a²)³", "(a^2)^3", `(a^{2})^{3}`},
		{"transposed product", prT(prMul(a, b)), "(a b)ᵀ", "(a*b)'", `(a b)^\top`},
		{"labelled transpose", prT(prLab("W", "1")), "W⁽¹⁾ᵀ", "W^(1)'", `{W^{(1)}}^\top`},
		{"label without superscripts", prLab("x", "j+q"), "x^(j+q)", "x^(j+q)", `x^{(j+q)}`},
		{"inverse transpose", prT(prOp(OpInv, prVar("X"))), "X⁻ᵀ", "inv(X)'", `X^{-\top}`},
		{"inverse of product", prOp(OpInv, prMul(prVar("A"), prVar("B"))), "(A B)⁻¹", "inv(A*B)", `(A B)^{-1}`},
		{"norm squared", prPow(prNorm("", x), prNum(2)), "‖x‖²", "norm2(x)^2", `\left\|x\right\|^{2}`},
		{"quotient in product", prMul(prOp(OpDiv, a, b), c), "a/b c", "a/b*c", `\frac{a}{b} c`},
		{"product in quotient", prOp(OpDiv, a, prMul(b, c)), "a/(b c)", "a/(b*c)", `\frac{a}{b c}`},
		{"transposed quotient", prT(prOp(OpDiv, a, b)), "(a/b)ᵀ", "(a/b)'", `\left(\frac{a}{b}\right)^\top`},
		{"hadamard in product", prMul(prOp(OpHad, a, b), c), "(a ⊙ b) c", "(a .* b)*c", `(a \odot b) c`},
		{"hadamard of sums", prOp(OpHad, prAdd(a, b), c), "(a + b) ⊙ c", "(a + b) .* c", `(a + b) \odot c`},
		{"elementwise power", prOp(OpHPow, prAdd(a, b), prNum(2)), "(a + b) .^ 2", "(a + b).^2", `(a + b)^{\circ 2}`},
		{"function squared", prOp(OpHPow, prCall("tanh", prVar("z")), prNum(2)), "tanh²(z)", "tanh(z).^2", `\tanh^{2}(z)`},
		{"abs squared", prOp(OpHPow, prCall("abs", prVar("z")), prNum(2)), "|z| .^ 2", "abs(z).^2", `\left|z\right|^{\circ 2}`},
		{"abs", prCall("abs", prAdd(a, b)), "|a + b|", "abs(a + b)", `\left|a + b\right|`},
		{"sqrt", prCall("sqrt", a), "sqrt(a)", "sqrt(a)", `\sqrt{a}`},
		{"builtin latex", prCall("tr", prVar("A")), "tr(A)", "tr(A)", `\operatorname{tr}(A)`},
		{"family call", &Expr{Op: OpPrime, Name: "g", Sub: []*Expr{prVar("i")}, Args: []*Expr{prVar("w")}}, "g_i'(w)", "g_i'(w)", `g_{i}'(w)`},
		{"jacobian", &Expr{Op: OpJac, Name: "Φ", Args: []*Expr{prVar("z")}}, "J_Φ(z)", "J_Phi(z)", `J_{\Phi}(z)`},
		{"jacobian of long name", &Expr{Op: OpJac, Name: "enc", Args: []*Expr{prVar("z")}}, "J_{enc}(z)", "J_{enc}(z)", `J_{enc}(z)`},
		{"two subscripts", prSub("W", prVar("i"), prVar("j")), "W_{ij}", "W_{ij}", `W_{ij}`},
		{"long subscripts", prSub("W", prNum(10), prVar("j")), "W_{10,j}", "W_{10,j}", `W_{10,j}`},
		{"greek subscript", prSub("w", prVar("α")), "w_α", "w_{alpha}", `w_{\alpha}`},
		{"derivative", prOp(OpDeriv, prVar("f"), prLab("W", "1")), "∂f/∂W⁽¹⁾", "df/dW^(1)", `\frac{\partial f}{\partial W^{(1)}}`},
		{"ones matrix", &Expr{Op: OpOnes, Shape: Shape{"m", "n"}}, "(𝟙 𝟙ᵀ)", "matrix(1)", `\left(\mathbf{1} \mathbf{1}^\top\right)`},
		{"ones row", &Expr{Op: OpOnes, Shape: Shape{"1", "n"}}, "𝟙ᵀ", "vector(1)'", `\mathbf{1}^\top`},
		{"eye", prAdd(prVar("A"), &Expr{Op: OpEye}), "A + I", "A + eye", `A + I`},
		{"pi", prMul(prNum(2), prPi), "2 π", "2*pi", `2 \pi`},
		{"small and large numbers", prAdd(prNum(1e-6), prNum(1e21)), "1e-06 + 1e21", "1e-06 + 1e21", `1e-06 + 1e21`},
		{"ell and greek names", prMul(prVar("ℓ"), prVar("δ2")), "ℓ δ2", "ℓ*delta2", `\ell \delta2`},
		// alphax would read back as the name alphax, \alpha x as α·x.
		{"greek then letter", prVar("αx"), "αx", "αx", "αx"},
		{"nil", nil, "?", "?", "?"},
		{"missing operand", &Expr{Op: OpAdd, Args: []*Expr{a}}, "a + ?", "a + ?", "a + ?"},
		{"unknown op", &Expr{Op: Op(200)}, "?op200", "?op200", "?op200"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, c := range []struct {
				st   Style
				want string
			}{{Text, tc.text}, {ASCII, tc.ascii}, {LaTeX, tc.latx}} {
				if got := Print(tc.e, c.st); got != c.want {
					t.Errorf("%s: got %q, want %q", c.st, got, c.want)
				}
			}
		})
	}
}

// TestString: String is the Text spelling.
func TestString(t *testing.T) {
	e := prMul(prT(prVar("x")), prVar("y"))
	if got := e.String(); got != "xᵀ y" {
		t.Errorf("String() = %q", got)
	}
}

// TestPrintShape covers scalars, vectors, matrices and labelled dimensions.
func TestPrintShape(t *testing.T) {
	tests := []struct {
		s                 Shape
		text, ascii, latx string
	}{
		{nil, "ℝ", "R", `\mathbb{R}`},
		{Shape{"d"}, "ℝ^d", "R^d", `\mathbb{R}^{d}`},
		{Shape{"d0"}, "ℝ^{d0}", "R^{d0}", `\mathbb{R}^{d0}`},
		{Shape{"n", "d"}, "ℝ^{n×d}", "R^(n x d)", `\mathbb{R}^{n \times d}`},
		{Shape{Dim(VarKey("d", "1")), "3"}, "ℝ^{d⁽¹⁾×3}", "R^(d^(1) x 3)", `\mathbb{R}^{d^{(1)} \times 3}`},
		{Shape{"n", "1"}, "ℝ^n", "R^n", `\mathbb{R}^{n}`},
		{Shape{"1", "1"}, "ℝ", "R", `\mathbb{R}`},
	}
	for _, tc := range tests {
		for _, c := range []struct {
			st   Style
			want string
		}{{Text, tc.text}, {ASCII, tc.ascii}, {LaTeX, tc.latx}} {
			if got := PrintShape(tc.s, c.st); got != c.want {
				t.Errorf("PrintShape(%v, %s) = %q, want %q", tc.s, c.st, got, c.want)
			}
		}
	}
}

// TestSplitKey inverts VarKey.
func TestSplitKey(t *testing.T) {
	for _, c := range []struct{ base, label string }{{"W", "1"}, {"x", "l-1"}, {"x", "j+q"}, {"y", ""}, {"d", "12"}, {"w", "t+1"}} {
		key := VarKey(c.base, c.label)
		if b, l := SplitKey(key); b != c.base || l != c.label {
			t.Errorf("SplitKey(%q) = %q, %q; want %q, %q", key, b, l, c.base, c.label)
		}
	}
	if b, l := SplitKey("⁽¹⁾"); b != "⁽¹⁾" || l != "" {
		t.Errorf("SplitKey of a bare label = %q, %q", b, l)
	}
}

// TestPrintProgram prints a program with every kind of declaration.
func TestPrintProgram(t *testing.T) {
	p := &Program{Symbols: map[string]*Symbol{}}
	add := func(s *Symbol) {
		p.Symbols[s.Name] = s
		p.Order = append(p.Order, s.Name)
	}
	add(&Symbol{Name: "i", Kind: SymIndex, Count: "n"})
	add(&Symbol{Name: "w", Kind: SymFamily, Shape: Vector("d"), Index: "i", Count: "n"})
	add(&Symbol{Name: "b", Kind: SymFamily, Index: "i", Count: "n"})
	add(&Symbol{Name: "x", Kind: SymVar, Shape: Vector("d")})
	add(&Symbol{Name: "y", Kind: SymVar})
	add(&Symbol{Name: VarKey("W", "1"), Kind: SymVar, Shape: Matrix("d", "d")})
	add(&Symbol{Name: "u", Kind: SymVar, Shape: Vector("d")})
	add(&Symbol{Name: "j", Kind: SymIndex, Count: "m"})
	add(&Symbol{Name: "φ", Kind: SymFunc, Domain: []Shape{nil}, Elementwise: true})
	add(&Symbol{Name: "Φ", Kind: SymFunc, Domain: []Shape{Vector("d")}, Range: Vector("d")})
	add(&Symbol{Name: "g", Kind: SymFunc, Domain: []Shape{nil}, Index: "i", Count: "n", Elementwise: true})
	z := &Def{Name: "z", Body: prAdd(prMul(prLab("W", "1"), prVar("x")), prVar("u"))}
	f := &Def{Name: "f", Params: []string{VarKey("W", "1"), "x"}, Body: prPow(prSubtract(prVar("y"), prCall("φ", prMul(prT(prVar("z")), prVar("x")))), prNum(2))}
	add(&Symbol{Name: "z", Kind: SymDef, Shape: Vector("d"), Def: z})
	add(&Symbol{Name: "f", Kind: SymDef, Def: f})
	p.Defs = []*Def{z, f}
	p.Result = f
	want := map[Style]string{
		Text: `w_i ∈ ℝ^d, b_i ∈ ℝ for i = 1..n
x, u ∈ ℝ^d
y ∈ ℝ
W⁽¹⁾ ∈ ℝ^{d×d}
j ∈ {1, …, m}
φ: ℝ → ℝ
Φ: ℝ^d → ℝ^d
g_i: ℝ → ℝ for i = 1..n
z = W⁽¹⁾ x + u
f(W⁽¹⁾, x) = (y − φ(zᵀ x))²`,
		ASCII: `w_i in R^d, b_i in R for i = 1..n
x, u in R^d
y in R
W^(1) in R^(d x d)
j in {1, ..., m}
phi: R -> R
Phi: R^d -> R^d
g_i: R -> R for i = 1..n
z = W^(1)*x + u
f(W^(1), x) = (y - phi(z'*x))^2`,
		LaTeX: `w_{i} \in \mathbb{R}^{d}, b_{i} \in \mathbb{R}, i = 1, \dots, n
x, u \in \mathbb{R}^{d}
y \in \mathbb{R}
W^{(1)} \in \mathbb{R}^{d \times d}
j \in \{1, \ldots, m\}
\phi: \mathbb{R} \to \mathbb{R}
\Phi: \mathbb{R}^{d} \to \mathbb{R}^{d}
g_{i}: \mathbb{R} \to \mathbb{R}, i = 1, \dots, n
z = W^{(1)} x + u
f(W^{(1)}, x) = (y - \phi(z^\top x))^{2}`,
	}
	for _, st := range []Style{Text, ASCII, LaTeX} {
		if got := PrintProgram(p, st); got != want[st] {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", st, got, want[st])
		}
	}
	p.Result = &Def{Body: prVar("y")}
	if got := PrintProgram(p, Text); !strings.HasSuffix(got, "\ny") {
		t.Errorf("bare result not printed last:\n%s", got)
	}
	if PrintProgram(nil, Text) != "" {
		t.Error("nil program")
	}
}
