package symbolic_test

// gradCase is one acceptance example: the program, the variable, and one
// correct form of the answer (written without where-names, so that it can
// be compared numerically).
type gradCase struct {
	id, program, wrt string
	through          []string
	expect           string
	// printed, when set, is the text form the derivative must print as
	// (its where list after "; where ", bindings joined by "; ").
	printed string
}

const (
	prog2c = "w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d; y ∈ R\nf(W, x, y) = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2"
	prog2e = "x, b, y ∈ R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}\nΦ: R^d → R^d\nℓ(x) = 1/2 ‖W^{(2)} Φ(W^{(1)} x + b) - y‖_2^2"
	prog1c = "x0 ∈ R^{d0}; W1 ∈ R^{d0×d1}; W2 ∈ R^{d1×d2}; g: R → R; L: R^{d2} → R\nS1 = W1^T x0; x1 = g(S1); S2 = W2^T x1; ℓ = L(g(S2))"
	z2e    = "(W^{(1)} x + b)"
	r2e    = "(W^{(2)} Φ(W^{(1)} x + b) - y)"
)

// seedCases are testdata/seed.yaml's gradient questions.
var seedCases = []gradCase{
	{id: "2a-chain-rule", program: "f: R^n → R\ng_i: R → R for i = 1..n\nF(w) = f(g_1(w), g_2(w), g_3(w))", wrt: "w",
		expect: "∂_1 f(g_1(w), g_2(w), g_3(w)) g_1'(w) + ∂_2 f(g_1(w), g_2(w), g_3(w)) g_2'(w) + ∂_3 f(g_1(w), g_2(w), g_3(w)) g_3'(w)"},
	{id: "2c-dw", program: prog2c, wrt: "w_i",
		expect: "-2 (y - Σ_{j=1}^{n} σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i)) x"},
	{id: "2c-db", program: prog2c, wrt: "b_i",
		expect: "-2 (y - Σ_{j=1}^{n} σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i))"},
	{id: "2c-latex-input", program: "w_i \\in \\mathbb{R}^d, b_i \\in \\mathbb{R}, i = 1, \\dots, n\nf = \\left(y - \\sum_{i=1}^{n} \\sigma(w_i^\\top x + b_i)\\right)^2", wrt: "w_i",
		expect: "-2 (y - Σ_{j=1}^{n} σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i)) x"},
	{id: "2e-x", program: prog2e, wrt: "x", expect: "(W^{(1)})^T J_Φ" + z2e + "^T (W^{(2)})^T " + r2e},
	{id: "2e-W1", program: prog2e, wrt: "W^{(1)}", expect: "J_Φ" + z2e + "^T (W^{(2)})^T " + r2e + " x^T"},
	{id: "2e-W2", program: prog2e, wrt: "W^{(2)}", expect: r2e + " Φ" + z2e + "^T"},
	{id: "2e-b", program: prog2e, wrt: "b", expect: "J_Φ" + z2e + "^T (W^{(2)})^T " + r2e},
	{id: "2e-elementwise", program: "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R\nℓ = 1/2 ||W2 φ(W1 x + b) - y||^2", wrt: "W1",
		expect: "(φ'(W1 x + b) ⊙ (W2^T (W2 φ(W1 x + b) - y))) x^T"},
	{id: "1c-backprop", program: prog1c, wrt: "S1", through: []string{"S2"},
		expect: "g'(S1) ⊙ (W2 (g'(S2) ⊙ J_L(g(S2))^T))"},
	{id: "1c-backprop-plain", program: prog1c, wrt: "S1",
		expect: "g'(S1) ⊙ (W2 (g'(S2) ⊙ J_L(g(S2))^T))"},
}

// identityCases are testdata/identities.yaml.
var identityCases = []gradCase{
	{id: "c69", program: "a, x ∈ R^n; f = a^T x", wrt: "x", expect: "a"},
	{id: "c70", program: "a ∈ R^m; b ∈ R^n; X ∈ R^{m×n}; f = a^T X b", wrt: "X", expect: "a b^T"},
	{id: "c81", program: "x ∈ R^n; B ∈ R^{n×n}; f = x^T B x", wrt: "x", expect: "(B + B^T) x"},
	{id: "c100", program: "X ∈ R^{m×n}; A ∈ R^{n×m}; f = tr(X A)", wrt: "X", expect: "A^T"},
	{id: "c101", program: "A ∈ R^{p×m}; X ∈ R^{m×n}; B ∈ R^{n×p}; f = tr(A X B)", wrt: "X", expect: "A^T B^T"},
	{id: "c108", program: "X ∈ R^{m×n}; B ∈ R^{m×m}; f = tr(X^T B X)", wrt: "X", expect: "B X + B^T X"},
	{id: "c115", program: "X ∈ R^{m×n}; f = tr(X^T X)", wrt: "X", expect: "2 X"},
	{id: "c119", program: "A ∈ R^{p×m}; X ∈ R^{m×n}; B ∈ R^{n×q}; C ∈ R^{p×q}; f = tr((A X B + C)(A X B + C)^T)", wrt: "X", expect: "2 A^T (A X B + C) B^T"},
	{id: "c61", program: "a, b ∈ R^n; X ∈ R^{n×n}; f = a^T X^{-1} b", wrt: "X", expect: "-X^{-T} a b^T X^{-T}"},
	{id: "det", program: "X ∈ R^{n×n}; f = det(X)", wrt: "X", expect: "det(X) X^{-T}"},
	{id: "logdet", program: "X ∈ R^{n×n}; f = log(det(X))", wrt: "X", expect: "X^{-T}"},
	{id: "norm2sq", program: "A ∈ R^{m×n}; x ∈ R^n; b ∈ R^m; f = ‖A x - b‖^2", wrt: "x", expect: "2 A^T (A x - b)"},
	{id: "sin-entrywise", program: "a ∈ R^m; b ∈ R^n; X ∈ R^{m×n}; f = a^T sin(X) b", wrt: "X", expect: "(a b^T) ⊙ cos(X)"},
	{id: "logistic", program: "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; L = sum(log(1 + exp(-y ⊙ (X w))))", wrt: "w", expect: "-X^T (y ⊙ σ(-y ⊙ (X w)))"},
	{id: "lse", program: "z ∈ R^n; f = log(sum(exp(z)))", wrt: "z", expect: "exp(z) / sum(exp(z))"},
}
