package parser

import (
	"testing"
)

// resultOf parses src and dumps its result's body.
func resultOf(t *testing.T, src string) string {
	t.Helper()
	p, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	if p.Result == nil {
		t.Fatalf("Parse(%q): no result", src)
	}
	return dump(p.Result.Body)
}

// TestSpellings checks that every spelling of a construct parses to the
// same AST, given as a dump.
func TestSpellings(t *testing.T) {
	tests := []struct {
		name  string
		decls string
		want  string
		srcs  []string
	}{
		{"transpose", "x ∈ R^d", "T(Var x)", []string{
			"x^T", "x'", "xᵀ", `x^\top`, `x^{\top}`, `x^\intercal`, "x^{T}", `x^{\mathsf{T}}`, `x^\mathsf{T}`, "x′", `\mathbf{x}^\top`, `\vec{x}^T`, `\boldsymbol{x}'`}},
		{"inverse", "X ∈ R^{n×n}", "Inv(Var X)", []string{
			"X^{-1}", "X⁻¹", "inv(X)", "X^(-1)", "X^-1", `X^{−1}`}},
		{"inverse transpose", "X ∈ R^{n×n}", "T(Inv(Var X))", []string{
			"X⁻ᵀ", `X^{-\top}`, "inv(X)'", "X^{-T}", "(X^{-1})^T"}},
		{"power", "a ∈ R", "Pow(Var a, Num 2)", []string{"a^2", "a**2", "a²", "a^{2}", "(a)^2", "{a}^{2}"}},
		{"power expr", "a, k ∈ R", "Pow(Var a, Add(Var k, Num 1))", []string{"a^{k+1}", "a^(k+1)", "a**(k+1)"}},
		{"cube", "a ∈ R", "Pow(Var a, Num 3)", []string{"a³", "a^3"}},
		{"hadamard", "a, b ∈ R^d", "Had(Var a, Var b)", []string{"a ⊙ b", "a .* b", `a \odot b`, `a \circ b`, "a ∘ b"}},
		{"hdiv", "a, b ∈ R^d", "HDiv(Var a, Var b)", []string{"a ⊘ b", "a ./ b", `a \oslash b`}},
		{"hpow", "a ∈ R^d", "HPow(Var a, Num 2)", []string{"a .^ 2", "a.^2", `a^{\circ 2}`}},
		{"product", "A, B ∈ R^{n×n}", "Mul(Var A, Var B)", []string{"A*B", "A B", "A·B", `A \cdot B`, "A⋅B", "(A)(B)", "[A][B]"}},
		{"scale", "x ∈ R^d", "Mul(Num 2, Var x)", []string{"2x", "2 x", "2*x", "2·x", `2 \cdot x`}},
		{"half", "x ∈ R^d", "Mul(Div(Num 1, Num 2), Var x)", []string{`\frac{1}{2} x`, "1/2 x", `\dfrac{1}{2} x`, `\tfrac12 x`}},
		{"half literal", "x ∈ R", "Mul(Num 0.5, Var x)", []string{"½ x", "0.5*x", "0.5 x"}},
		{"difference", "a, b ∈ R", "Sub(Var a, Var b)", []string{"a - b", "a − b", "a – b"}},
		{"negation binds a product", "a, b ∈ R", "Neg(Mul(Var a, Var b))", []string{"-a b", "−a b", "-a*b", "-(a b)"}},
		{"negation of power", "x ∈ R", "Neg(Pow(Var x, Num 2))", []string{"-x^2", "−x²"}},
		{"negative literal", "x ∈ R", "Mul(Num 2, Neg(Var x))", []string{"2 * -x", "2*(-x)"}},
		{"division", "a, b ∈ R", "Div(Var a, Var b)", []string{"a/b", `\frac{a}{b}`, `\dfrac{a}{b}`, `\tfrac{a}{b}`, `\frac a b`}},
		{"left associative", "a, b, c ∈ R", "Mul(Mul(Var a, Var b), Var c)", []string{"a b c", "a*b*c", "(a b) c"}},
		{"grouping", "a, b, c ∈ R", "Mul(Var a, Add(Var b, Var c))", []string{
			"a (b + c)", `a \left( b + c \right)`, `a \bigl(b + c\bigr)`, "a [b + c]", "a {b + c}", `a \Big( b + c \Big)`}},
		{"norm", "v ∈ R^d", "Norm 2(Var v)", []string{
			"‖v‖", "‖v‖₂", "||v||", `\|v\|_2`, `\lVert v \rVert`, `\left\| v \right\|`, "norm2(v)", "‖v‖_2", `\|v\|`, `\Vert v \Vert_{2}`, "norm(v)"}},
		{"norm squared", "v ∈ R^d", "Pow(Norm 2(Var v), Num 2)", []string{
			"‖v‖^2", "‖v‖₂²", "‖v‖_2^2", "||v||^2", `\|v\|_2^2`, `\left\|v\right\|_2^2`, "norm2(v)^2", "‖v‖^2_2", `\|v\|^{2}_{2}`}},
		{"norm 1", "v ∈ R^d", "Norm 1(Var v)", []string{"‖v‖₁", "‖v‖_1", "norm1(v)", `\|v\|_1`}},
		{"norm F", "A ∈ R^{n×n}", "Norm F(Var A)", []string{"‖A‖_F", "normF(A)", `\left\|A\right\|_F`, `\|A\|_{F}`}},
		{"abs", "a ∈ R", "Call abs(Var a)", []string{"|a|", "abs(a)", `\left| a \right|`, `\lvert a \rvert`}},
		{"abs product", "a, b ∈ R", "Mul(Call abs(Var a), Call abs(Var b))", []string{"|a| |b|", "abs(a) abs(b)"}},
		{"exp", "x ∈ R", "Call exp(Var x)", []string{"exp(x)", `\exp(x)`, `\exp\left(x\right)`, "e^x", "e^{x}", `\exp x`}},
		{"log", "x ∈ R", "Call log(Var x)", []string{"log(x)", "ln(x)", `\log(x)`, `\ln x`, `\log x`}},
		{"sqrt", "x ∈ R", "Call sqrt(Var x)", []string{"sqrt(x)", `\sqrt{x}`, `\sqrt(x)`}},
		{"sigmoid", "z ∈ R", "Call σ(Var z)", []string{"σ(z)", "sigma(z)", "sigmoid(z)", `\sigma(z)`, `\sigma\left(z\right)`}},
		{"function power", "z ∈ R^d", "HPow(Call tanh(Var z), Num 2)", []string{"tanh²(z)", "tanh(z) .^ 2", "tanh(z).^2"}},
		{"function cube", "x ∈ R", "Pow(Call sin(Var x), Num 3)", []string{"sin³(x)", "sin(x) .^ 3", "sin^3 x", "sin(x)^3"}},
		{"trace", "A ∈ R^{n×n}", "Call tr(Var A)", []string{"tr(A)", "trace(A)", `\operatorname{tr}(A)`, `\mathrm{tr}(A)`, `\operatorname{tr}\left(A\right)`, "Tr(A)"}},
		{"sum all", "x ∈ R^d", "Call sum(Var x)", []string{"sum(x)"}},
		{"ones", "x ∈ R^d", "Add(Var x, Ones)", []string{"x + 𝟙", `x + \mathbf{1}`, "x + vector(1)", `x + \mathbb{1}`}},
		{"scaled ones", "x ∈ R^d; c ∈ R", "Add(Var x, Mul(Var c, Ones))", []string{"x + vector(c)"}},
		{"eye", "A ∈ R^{n×n}", "Add(Var A, Eye)", []string{"A + I", "A + eye"}},
		{"pi", "x ∈ R", "Mul(Num 3.141592653589793 π, Var x)", []string{"π x", "pi x", `\pi x`}},
		{"prime", "z ∈ R^d; φ: R → R", "Prime φ(Var z)", []string{"φ'(z)", "phi'(z)", `\phi'(z)`, `\phi'\left(z\right)`, `\varphi'(z)`, "φ′(z)"}},
		{"sigma prime", "z ∈ R", "Prime σ(Var z)", []string{"σ'(z)", "sigma'(z)", `\sigma'(z)`}},
		{"jacobian", "z ∈ R^d; Φ: R^d → R^d", "Jac Φ(Var z)", []string{"J_Φ(z)", `J_{\Phi}(z)`, "J_Phi(z)", `J_{\Phi}\left(z\right)`}},
		{"partial", "a, b ∈ R; f: R^n → R", "Partial 1 f(Var a, Var b)", []string{"∂_1 f(a, b)", `\partial_{1} f\left(a, b\right)`, "partial_1 f(a, b)", `\partial_1 f(a, b)`}},
		{"layer label", "x ∈ R^d; W^{(1)} ∈ R^{d×d}", "Mul(Var W ^1, Var x)", []string{"W^(1) x", "W^{(1)} x", "W⁽¹⁾ x", `\mathbf{W}^{(1)} x`}},
		{"label then transpose", "x ∈ R^d; W^{(1)} ∈ R^{d×d}", "Mul(T(Var W ^1), Var x)", []string{"W^{(1)T} x", "W⁽¹⁾ᵀ x", "W^{(1)}^T x", "(W^{(1)})' x"}},
		{"family member", "w_i ∈ R^d for i = 1..n; x ∈ R^d", "Mul(T(Var w _[Var i]), Var x)", []string{"w_i^T x", "w_{i}' x", "w_iᵀ x", "wᵢᵀ x", `w_i^{\mathsf{T}} x`}},
		{"family number", "w_i ∈ R^d for i = 1..n", "Var w _[Num 1]", []string{"w_1", "w_{1}", "w₁"}},
		{"entries", "W ∈ R^{n×d}", "Var W _[Var i, Var j]", []string{"W_{ij}", "W_{i,j}", "W_{i, j}"}},
		{"labelled entry", "w^{(2)} ∈ R^{n×d}", "Var w ^2 _[Var i, Var j]", []string{"w_{ij}^{(2)}", "w^{(2)}_{ij}", "w_{i,j}^(2)"}},
		{"declared subscript name", "W_1 ∈ R^{d×d}; x ∈ R^d", "Mul(Var W_1, Var x)", []string{"W_1 x", "W_{1} x", "W₁ x"}},
		{"sum", "w_i ∈ R^d, b_i ∈ R for i = 1..n; x ∈ R^d", "Sum i(Num 1, Var n, Add(Mul(T(Var w _[Var i]), Var x), Var b _[Var i]))", []string{
			"Σ_{i=1}^{n} (w_i^T x + b_i)", "sum_{i=1}^n (w_i^T x + b_i)", `\sum_{i=1}^{n} \left(w_i^\top x + b_i\right)`,
			`\sum_i (w_i^T x + b_i)`, "Σ_i (w_i' x + b_i)", "∑_{i=1}^{n} (w_i^T x + b_i)", "Σ^{n}_{i=1} (w_i^T x + b_i)", "Σᵢ (wᵢᵀ x + bᵢ)"}},
		{"sum takes a product term", "a_i, b_i ∈ R for i = 1..n; c ∈ R", "Add(Sum i(Num 1, Var n, Mul(Var a _[Var i], Var b _[Var i])), Var c)", []string{
			"Σ_i a_i b_i + c", "sum_{i=1}^{n} a_i*b_i + c"}},
		{"sum with index declaration", "x ∈ R^d; i ∈ {1, …, m}", "Sum i(Num 1, Var m, Var x _[Var i])", []string{"Σ_i x_i", `\sum_{i} x_{i}`}},
		{"deriv", "w_i ∈ R^d for i = 1..n; f = Σ_i w_i^T w_i", "Deriv(Var f, Var w _[Var i])", []string{
			"∂f/∂w_i", `\frac{\partial f}{\partial w_i}`, "df/dw_i", `\frac{df}{dw_i}`, `\frac{d f}{d w_{i}}`, `\frac{\mathrm{d} f}{\mathrm{d} w_i}`, `\nabla_{w_i} f`, "∇_{w_i} f"}},
		{"deriv W1", "W1 ∈ R^{d×d}; f = tr(W1)", "Deriv(Var f, Var W1)", []string{"df/dW1", "∂f/∂W1", `\nabla_{W1} f`, `\nabla_W1 f`}},
		{"elementwise chain", "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m", "Call sum(Call log(Add(Num 1, Call exp(Neg(Had(Var y, Mul(Var X, Var w)))))))", []string{
			"sum(log(1 + exp(-y ⊙ (X w))))", "sum(log(1 + exp(-y .* (X*w))))"}},
		{"log det inv", "X ∈ R^{n×n}", "Call log(Call det(Inv(Var X)))", []string{"log(det(inv(X)))", `\log \det X^{-1}`, `\log(\det(X^{-1}))`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, src := range tt.srcs {
				got := resultOf(t, tt.decls+"\n"+src)
				if got != tt.want {
					t.Errorf("%s\n got %s\nwant %s", src, got, tt.want)
				}
			}
		})
	}
}
