package symbolic_test

// gradCase is one acceptance example: the program, the variable, and one
// correct form of the answer (written without where-names, so that it can
// be compared numerically).
type gradCase struct {
	id, program, wrt string
	through          []string
	expect           string
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

// cookbookCases are further first-derivative identities of The Matrix
// Cookbook (equation numbers in the ids), checked numerically.
var cookbookCases = []gradCase{
	{id: "c72", program: "a, x ∈ R^n; f = x^T a", wrt: "x", expect: "a"},
	{id: "c78", program: "a ∈ R^n; b ∈ R^m; X ∈ R^{m×n}; f = a^T X^T b", wrt: "X", expect: "b a^T"},
	{id: "c79", program: "a ∈ R^n; X ∈ R^{n×n}; f = a^T X a", wrt: "X", expect: "a a^T"},
	{id: "c80", program: "b, c ∈ R^n; X ∈ R^{m×n}; f = b^T X^T X c", wrt: "X", expect: "X (b c^T + c b^T)"},
	{id: "c82", program: "x ∈ R^n; B ∈ R^{m×n}; b ∈ R^m; C ∈ R^{m×m}; D ∈ R^{m×n}; d ∈ R^m; f = (B x + b)^T C (D x + d)", wrt: "x",
		expect: "B^T C (D x + d) + D^T C^T (B x + b)"},
	{id: "c83", program: "b, c ∈ R^m; X ∈ R^{m×n}; f = b^T X X^T c", wrt: "X", expect: "(b c^T + c b^T) X"},
	{id: "c84", program: "x, b ∈ R^m; B ∈ R^{m×m}; f = (B x + b)^T (B x + b)", wrt: "x", expect: "2 B^T (B x + b)"},
	{id: "c99", program: "X ∈ R^{n×n}; f = tr(X)", wrt: "X", expect: "X X^{-1}"},
	{id: "c104", program: "X ∈ R^{n×n}; f = tr(X^2)", wrt: "X", expect: "2 X^T"},
	{id: "c105", program: "X ∈ R^{n×n}; B ∈ R^{n×n}; f = tr(X^2 B)", wrt: "X", expect: "(X B + B X)^T"},
	{id: "c106", program: "X ∈ R^{m×n}; B ∈ R^{m×m}; f = tr(X^T B X)", wrt: "X", expect: "B X + B^T X"},
	{id: "c107", program: "X ∈ R^{n×m}; B ∈ R^{m×m}; f = tr(X B X^T)", wrt: "X", expect: "X B^T + X B"},
	{id: "c110", program: "X ∈ R^{n×m}; B ∈ R^{m×n}; f = tr(B^T X^T)", wrt: "X", expect: "B^T"},
	{id: "c111", program: "A ∈ R^{p×n}; X ∈ R^{n×m}; B ∈ R^{m×m}; C ∈ R^{n×p}; f = tr(A X B X^T C)", wrt: "X", expect: "A^T C^T X B^T + C A X B"},
	{id: "c113", program: "X ∈ R^{n×n}; f = tr(X^3)", wrt: "X", expect: "3 (X^2)^T"},
	{id: "c114", program: "A ∈ R^{n×n}; X ∈ R^{n×n}; f = tr(A X^3)", wrt: "X", expect: "(X^2 A + X A X + A X^2)^T"},
	{id: "c116", program: "B ∈ R^{n×n}; X ∈ R^{n×n}; f = tr(B X^{-1})", wrt: "X", expect: "-(X^{-1} B X^{-1})^T"},
	{id: "c117", program: "X ∈ R^{n×n}; A ∈ R^{n×n}; f = tr(X^T A X^{-1})", wrt: "X", expect: "A X^{-1} - (X^{-1} X^T A X^{-1})^T"},
	{id: "c49", program: "X ∈ R^{n×n}; f = det(X^{-1})", wrt: "X", expect: "-det(X^{-1}) X^{-T}"},
	{id: "c123", program: "A ∈ R^{n×n}; X ∈ R^{n×n}; f = tr(exp(X) A)", wrt: "X", expect: "exp(X) ⊙ A^T"},
	{id: "softmax-ce", program: "z, y ∈ R^n; f = -y^T log(softmax(z))", wrt: "z", expect: "softmax(z) sum(y) - y"},
	{id: "logsumexp", program: "z ∈ R^n; f = logsumexp(z)", wrt: "z", expect: "softmax(z)"},
	{id: "norm2", program: "v ∈ R^n; f = ‖v‖", wrt: "v", expect: "v / ‖v‖"},
	{id: "normF", program: "X ∈ R^{m×n}; f = ‖X‖_F^2", wrt: "X", expect: "2 X"},
	{id: "quotient", program: "a, x ∈ R^n; f = (a^T x) / (x^T x)", wrt: "x", expect: "a/(x^T x) - 2 (a^T x) x / (x^T x)^2"},
	{id: "tanh-mlp", program: "W ∈ R^{m×n}; x ∈ R^n; v ∈ R^m; f = v^T tanh(W x)", wrt: "W", expect: "((1 - tanh(W x) .^ 2) ⊙ v) x^T"},
	{id: "relu-mlp", program: "W ∈ R^{m×n}; x ∈ R^n; v ∈ R^m; f = v^T relu(W x)", wrt: "W", expect: "(step(W x) ⊙ v) x^T"},
	{id: "softplus", program: "w, x ∈ R^n; f = softplus(w^T x)", wrt: "w", expect: "σ(w^T x) x"},
	{id: "scalar-chain", program: "x ∈ R; f = sin(x^2) exp(x) / sqrt(x)", wrt: "x",
		expect: "2 x cos(x^2) exp(x) / sqrt(x) + sin(x^2) exp(x) / sqrt(x) - sin(x^2) exp(x) / (2 x sqrt(x))"},
	{id: "hadamard-quot", program: "u, v ∈ R^n; f = sum(u ⊘ (v ⊙ v + 1))", wrt: "v", expect: "-2 u ⊙ v ⊘ ((v ⊙ v + 1) ⊙ (v ⊙ v + 1))"},
	{id: "defined-function", program: "s(t) = 1/(1 + exp(-t)); w, x ∈ R^n; f = s(w^T x) + s(2 w^T x)", wrt: "w",
		expect: "exp(-w^T x)/(1 + exp(-w^T x))^2 x + 2 exp(-2 w^T x)/(1 + exp(-2 w^T x))^2 x"},
	{id: "shared-definition", program: "W ∈ R^{m×n}; x ∈ R^n; z = W x; h = tanh(z); f = sum(h ⊙ h) + sum(z)", wrt: "x",
		expect: "W^T (2 tanh(W x) ⊙ (1 - tanh(W x) .^ 2) + vector(1))"},
	{id: "diag", program: "X ∈ R^{n×n}; a ∈ R^n; f = a^T diag(X)", wrt: "X", expect: "diag(a)"},
}
