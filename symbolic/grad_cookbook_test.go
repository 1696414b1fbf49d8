package symbolic_test

// cookbookCases are the first-derivative identities of The Matrix Cookbook
// (Petersen & Pedersen, 2012; equation numbers in the ids) that deriv's
// language can express, each with the Cookbook's right-hand side as the
// expected value (compared numerically) and the form deriv must print.
// Not expressible: eqs. 73–75 and 79–80 (entrywise ∂/∂X_ij), 105 (⊗).
// Eq. 120, tr(X ⊗ X), is written tr(X)², its value.
var cookbookCases = []gradCase{
	// 2.2 Inverses.
	{id: "c61", program: "a, b ∈ R^n; X ∈ R^{n×n}; f = a^T X^{-1} b", wrt: "X", expect: "-X^{-T} a b^T X^{-T}", printed: "−X⁻ᵀ a bᵀ X⁻ᵀ"},
	{id: "c62", program: "X ∈ R^{n×n}; f = det(X^{-1})", wrt: "X", expect: "-det(X^{-1}) X^{-T}", printed: "−det(X⁻¹) X⁻ᵀ"},
	{id: "c63", program: "A, X, B ∈ R^{n×n}; f = tr(A X^{-1} B)", wrt: "X", expect: "-(X^{-1} B A X^{-1})^T", printed: "−X⁻ᵀ Aᵀ Bᵀ X⁻ᵀ"},
	{id: "c64", program: "A, X ∈ R^{n×n}; f = tr((X + A)^{-1})", wrt: "X", expect: "-((X + A)^{-1} (X + A)^{-1})^T", printed: "−(X + A)⁻ᵀ (X + A)⁻ᵀ"},
	// 2.1.2 Determinants.
	{id: "c49", program: "X ∈ R^{n×n}; f = det(X)", wrt: "X", expect: "det(X) X^{-T}", printed: "det(X) X⁻ᵀ"},
	{id: "c51", program: "A, X, B ∈ R^{n×n}; f = det(A X B)", wrt: "X", expect: "det(A X B) X^{-T}", printed: "det(A X B) Aᵀ (A X B)⁻ᵀ Bᵀ"},
	{id: "c57", program: "X ∈ R^{n×n}; f = log(det(X))", wrt: "X", expect: "X^{-T}", printed: "X⁻ᵀ"},
	// 2.4.1 First order.
	{id: "c69", program: "a, x ∈ R^n; f = x^T a", wrt: "x", expect: "a", printed: "a"},
	{id: "c69-ax", program: "a, x ∈ R^n; f = a^T x", wrt: "x", expect: "a", printed: "a"},
	{id: "c70", program: "a ∈ R^m; b ∈ R^n; X ∈ R^{m×n}; f = a^T X b", wrt: "X", expect: "a b^T", printed: "a bᵀ"},
	{id: "c71", program: "a ∈ R^n; b ∈ R^m; X ∈ R^{m×n}; f = a^T X^T b", wrt: "X", expect: "b a^T", printed: "b aᵀ"},
	{id: "c72", program: "a ∈ R^n; X ∈ R^{n×n}; f = a^T X a", wrt: "X", expect: "a a^T", printed: "a aᵀ"},
	{id: "c72-T", program: "a ∈ R^n; X ∈ R^{n×n}; f = a^T X^T a", wrt: "X", expect: "a a^T", printed: "a aᵀ"},
	// 2.4.2 Second order.
	{id: "c76", program: "X ∈ R^{m×n}; f = sum(X)^2", wrt: "X", printed: "2 sum(X) (𝟙 𝟙ᵀ)"}, // 2 Σ X_kl times the m×n matrix of ones
	{id: "c77", program: "b, c ∈ R^n; X ∈ R^{m×n}; f = b^T X^T X c", wrt: "X", expect: "X (b c^T + c b^T)", printed: "X (b cᵀ + c bᵀ)"},
	{id: "c78", program: "x ∈ R^n; B ∈ R^{m×n}; b ∈ R^m; C ∈ R^{m×p}; D ∈ R^{p×n}; d ∈ R^p; f = (B x + b)^T C (D x + d)", wrt: "x",
		expect: "B^T C (D x + d) + D^T C^T (B x + b)", printed: "Bᵀ C (D x + d) + Dᵀ Cᵀ (B x + b)"},
	{id: "c81", program: "x ∈ R^n; B ∈ R^{n×n}; f = x^T B x", wrt: "x", expect: "(B + B^T) x", printed: "(B + Bᵀ) x"},
	{id: "c82", program: "b, c ∈ R^n; X ∈ R^{m×n}; D ∈ R^{m×m}; f = b^T X^T D X c", wrt: "X", expect: "D^T X b c^T + D X c b^T", printed: "Dᵀ X b cᵀ + D X c bᵀ"},
	{id: "c83", program: "b ∈ R^n; c ∈ R^m; X ∈ R^{m×n}; D ∈ R^{m×m}; f = (X b + c)^T D (X b + c)", wrt: "X", expect: "(D + D^T) (X b + c) b^T", printed: "(D + Dᵀ) (X b + c) bᵀ"},
	// 2.5.1 Traces, first order.
	{id: "c99", program: "X ∈ R^{n×n}; f = tr(X)", wrt: "X", expect: "X X^{-1}", printed: "I"},
	{id: "c100", program: "X ∈ R^{m×n}; A ∈ R^{n×m}; f = tr(X A)", wrt: "X", expect: "A^T", printed: "Aᵀ"},
	{id: "c101", program: "A ∈ R^{p×m}; X ∈ R^{m×n}; B ∈ R^{n×p}; f = tr(A X B)", wrt: "X", expect: "A^T B^T", printed: "Aᵀ Bᵀ"},
	{id: "c102", program: "A ∈ R^{p×n}; X ∈ R^{m×n}; B ∈ R^{m×p}; f = tr(A X^T B)", wrt: "X", expect: "B A", printed: "B A"},
	{id: "c103", program: "X, A ∈ R^{m×n}; f = tr(X^T A)", wrt: "X", expect: "A", printed: "A"},
	{id: "c104", program: "X, A ∈ R^{m×n}; f = tr(A X^T)", wrt: "X", expect: "A", printed: "A"},
	// 2.5.2 Traces, second order.
	{id: "c106", program: "X ∈ R^{n×n}; f = tr(X^2)", wrt: "X", expect: "2 X^T", printed: "2 Xᵀ"},
	{id: "c107", program: "X, B ∈ R^{n×n}; f = tr(X^2 B)", wrt: "X", expect: "(X B + B X)^T", printed: "Bᵀ Xᵀ + Xᵀ Bᵀ"},
	{id: "c108", program: "X ∈ R^{m×n}; B ∈ R^{m×m}; f = tr(X^T B X)", wrt: "X", expect: "B X + B^T X", printed: "(B + Bᵀ) X"},
	{id: "c109", program: "X ∈ R^{m×n}; B ∈ R^{m×m}; f = tr(B X X^T)", wrt: "X", expect: "B X + B^T X", printed: "(B + Bᵀ) X"},
	{id: "c110", program: "X ∈ R^{m×n}; B ∈ R^{m×m}; f = tr(X X^T B)", wrt: "X", expect: "B X + B^T X", printed: "(B + Bᵀ) X"},
	{id: "c111", program: "X ∈ R^{m×n}; B ∈ R^{n×n}; f = tr(X B X^T)", wrt: "X", expect: "X B^T + X B", printed: "X (B + Bᵀ)"},
	{id: "c112", program: "X ∈ R^{m×n}; B ∈ R^{n×n}; f = tr(B X^T X)", wrt: "X", expect: "X B^T + X B", printed: "X (B + Bᵀ)"},
	{id: "c113", program: "X ∈ R^{m×n}; B ∈ R^{n×n}; f = tr(X^T X B)", wrt: "X", expect: "X B^T + X B", printed: "X (B + Bᵀ)"},
	{id: "c114", program: "A ∈ R^{n×m}; X ∈ R^{m×n}; B ∈ R^{n×m}; f = tr(A X B X)", wrt: "X", expect: "A^T X^T B^T + B^T X^T A^T", printed: "Bᵀ Xᵀ Aᵀ + Aᵀ Xᵀ Bᵀ"},
	{id: "c115", program: "X ∈ R^{m×n}; f = tr(X^T X)", wrt: "X", expect: "2 X", printed: "2 X"},
	{id: "c115-XXT", program: "X ∈ R^{m×n}; f = tr(X X^T)", wrt: "X", expect: "2 X", printed: "2 X"},
	{id: "c116", program: "B ∈ R^{n×p}; X ∈ R^{m×n}; C ∈ R^{m×m}; f = tr(B^T X^T C X B)", wrt: "X", expect: "C^T X B B^T + C X B B^T", printed: "(C + Cᵀ) X B Bᵀ"},
	{id: "c117", program: "X ∈ R^{m×n}; B ∈ R^{m×m}; C ∈ R^{n×n}; f = tr(X^T B X C)", wrt: "X", expect: "B X C + B^T X C^T", printed: "Bᵀ X Cᵀ + B X C"},
	{id: "c118", program: "A ∈ R^{p×m}; X ∈ R^{m×n}; B ∈ R^{n×n}; C ∈ R^{m×p}; f = tr(A X B X^T C)", wrt: "X", expect: "A^T C^T X B^T + C A X B", printed: "Aᵀ Cᵀ X Bᵀ + C A X B"},
	{id: "c119", program: "A ∈ R^{p×m}; X ∈ R^{m×n}; B ∈ R^{n×q}; C ∈ R^{p×q}; f = tr((A X B + C)(A X B + C)^T)", wrt: "X", expect: "2 A^T (A X B + C) B^T", printed: "2 Aᵀ (A X B + C) Bᵀ"},
	{id: "c120", program: "X ∈ R^{n×n}; f = tr(X)^2", wrt: "X", expect: "2 tr(X) X X^{-1}", printed: "2 tr(X) I"},
	// 2.5.3 Traces, higher order.
	{id: "c121", program: "X ∈ R^{n×n}; f = tr(X^3)", wrt: "X", expect: "3 (X^2)^T", printed: "3 (X²)ᵀ"},
	{id: "c121-k4", program: "X ∈ R^{n×n}; f = tr(X^4)", wrt: "X", expect: "4 (X^3)^T", printed: "4 (X³)ᵀ"},
	{id: "c122", program: "A, X ∈ R^{n×n}; f = tr(A X^3)", wrt: "X", expect: "(A X^2 + X A X + X^2 A)^T", printed: "(X²)ᵀ Aᵀ + Aᵀ (X²)ᵀ + Xᵀ Aᵀ Xᵀ"},
	{id: "c123", program: "B ∈ R^{n×p}; X ∈ R^{m×n}; C ∈ R^{m×m}; f = tr(B^T X^T C X X^T C X B)", wrt: "X",
		expect: "C X X^T C X B B^T + C^T X B B^T X^T C^T X + C X B B^T X^T C X + C^T X X^T C^T X B B^T", printed: "Cᵀ X t₁ + C X t₁ᵀ; where t₁ = Xᵀ Cᵀ X B Bᵀ + B Bᵀ Xᵀ Cᵀ X"},
	// 2.5.4 Traces, other.
	{id: "c124", program: "A ∈ R^{n×m}; X ∈ R^{m×m}; B ∈ R^{m×n}; f = tr(A X^{-1} B)", wrt: "X", expect: "-X^{-T} A^T B^T X^{-T}", printed: "−X⁻ᵀ Aᵀ Bᵀ X⁻ᵀ"},
}

// mlCases are the gradients of machine-learning losses, in the forms a
// course's answer key gives.
var mlCases = []gradCase{
	{id: "tanh-residual", program: "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; z = W1 x + b; ℓ = 1/2 ‖W2 tanh(z) − y‖^2", wrt: "z", expect: "(1 - tanh(z).^2) .* (W2^T (W2 tanh(z) - y))", printed: "(1 − tanh²(z)) ⊙ (W2ᵀ r); where z = W1 x + b; r = W2 tanh(z) − y"},
	{id: "softmax-ce", program: "z, y ∈ R^n; f = -y^T log(softmax(z))", wrt: "z", expect: "softmax(z) sum(y) - y", printed: "sum(y) softmax(z) − y"},
	{id: "softmax-ce-W", program: "W ∈ R^{k×n}; x ∈ R^n; y ∈ R^k; f = -y^T log(softmax(W x))", wrt: "W", expect: "(sum(y) softmax(W x) - y) x^T", printed: "(sum(y) softmax(W x) − y) xᵀ"},
	{id: "logsumexp", program: "z ∈ R^n; f = logsumexp(z)", wrt: "z", expect: "softmax(z)", printed: "softmax(z)"},
	{id: "logsumexp-W", program: "W ∈ R^{k×n}; x ∈ R^n; f = logsumexp(W x)", wrt: "W", expect: "softmax(W x) x^T", printed: "softmax(W x) xᵀ"},
	{id: "ridge", program: "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; λ ∈ R; f = 1/2 ‖X w - y‖^2 + λ/2 ‖w‖^2", wrt: "w", expect: "X^T (X w - y) + λ w", printed: "Xᵀ (X w − y) + λ w"},
	{id: "ridge-third", program: "w ∈ R^n; λ ∈ R; f = λ/3 ‖w‖^2", wrt: "w", expect: "2/3 λ w", printed: "2/3 λ w"},
	{id: "mse-mean", program: "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; f = 1/m ‖X w - y‖^2", wrt: "w", expect: "2/m X^T (X w - y)", printed: "2 Xᵀ (X w − y)/m"},
	{id: "logistic-ce", program: "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; f = -y^T log(σ(X w)) - (1 - y)^T log(1 - σ(X w))", wrt: "w",
		expect: "X^T (σ(X w) - y)", printed: "Xᵀ (σ(X w) − y)"},
	{id: "logistic-ce-scalar", program: "x, w ∈ R^n; y ∈ R; f = -y log(σ(w^T x)) - (1 - y) log(1 - σ(w^T x))", wrt: "w",
		expect: "(σ(w^T x) - y) x", printed: "(σ(wᵀ x) − y) x"},
	{id: "logistic", program: "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; L = sum(log(1 + exp(-y ⊙ (X w))))", wrt: "w", expect: "-X^T (y ⊙ σ(-y ⊙ (X w)))", printed: "−Xᵀ (y ⊙ σ(−y ⊙ (X w)))"},
	{id: "norm2", program: "v ∈ R^n; f = ‖v‖", wrt: "v", expect: "v / ‖v‖", printed: "v/‖v‖"},
	{id: "normF", program: "X ∈ R^{m×n}; f = ‖X‖_F^2", wrt: "X", expect: "2 X", printed: "2 X"},
	{id: "quotient", program: "a, x ∈ R^n; f = (a^T x) / (x^T x)", wrt: "x", expect: "a/(x^T x) - 2 (a^T x) x / (x^T x)^2", printed: "a/(xᵀ x) − 2 (aᵀ x) x/(xᵀ x)²"},
	{id: "tanh-mlp", program: "W ∈ R^{m×n}; x ∈ R^n; v ∈ R^m; f = v^T tanh(W x)", wrt: "W", expect: "((1 - tanh²(W x)) ⊙ v) x^T", printed: "((1 − tanh²(W x)) ⊙ v) xᵀ"},
	{id: "mse-tanh", program: "W ∈ R^{m×n}; x ∈ R^n; y ∈ R^m; f = 1/2 ‖tanh(W x) - y‖^2", wrt: "W",
		expect: "((1 - tanh²(W x)) ⊙ (tanh(W x) - y)) x^T", printed: "((1 − tanh²(z)) ⊙ r) xᵀ; where z = W x; r = tanh(z) − y"},
	{id: "relu-mlp", program: "W ∈ R^{m×n}; x ∈ R^n; v ∈ R^m; f = v^T relu(W x)", wrt: "W", expect: "(step(W x) ⊙ v) x^T", printed: "(step(W x) ⊙ v) xᵀ"},
	{id: "mse-relu-W1", program: "W1 ∈ R^{h×n}; W2 ∈ R^{m×h}; x ∈ R^n; y ∈ R^m; f = 1/2 ‖W2 relu(W1 x) - y‖^2", wrt: "W1",
		expect: "(step(W1 x) ⊙ (W2^T (W2 relu(W1 x) - y))) x^T", printed: "(step(z) ⊙ (W2ᵀ r)) xᵀ; where z = W1 x; r = W2 relu(z) − y"},
	{id: "mse-relu-W2", program: "W1 ∈ R^{h×n}; W2 ∈ R^{m×h}; x ∈ R^n; y ∈ R^m; f = 1/2 ‖W2 relu(W1 x) - y‖^2", wrt: "W2",
		expect: "(W2 relu(W1 x) - y) relu(W1 x)^T", printed: "r relu(z)ᵀ; where z = W1 x; r = W2 relu(z) − y"},
	{id: "softplus", program: "w, x ∈ R^n; f = softplus(w^T x)", wrt: "w", expect: "σ(w^T x) x", printed: "σ(wᵀ x) x"},
	{id: "scalar-chain", program: "x ∈ R; f = sin(x^2) exp(x) / sqrt(x)", wrt: "x",
		expect: "2 x cos(x^2) exp(x) / sqrt(x) + sin(x^2) exp(x) / sqrt(x) - sin(x^2) exp(x) / (2 x sqrt(x))", printed: "(2 exp(x) cos(x²) x + sin(x²) exp(x))/sqrt(x) − sin(x²) exp(x)/(2 x sqrt(x))"},
	{id: "hadamard-quot", program: "u, v ∈ R^n; f = sum(u ⊘ (v ⊙ v + 1))", wrt: "v", expect: "-2 u ⊙ v ⊘ ((v ⊙ v + 1) ⊙ (v ⊙ v + 1))", printed: "−2 v ⊙ (u ⊘ ((v ⊙ v + 1) ⊙ (v ⊙ v + 1)))"},
	{id: "defined-function", program: "s(t) = 1/(1 + exp(-t)); w, x ∈ R^n; f = s(w^T x) + s(2 w^T x)", wrt: "w",
		expect: "exp(-w^T x)/(1 + exp(-w^T x))^2 x + 2 exp(-2 w^T x)/(1 + exp(-2 w^T x))^2 x", printed: "(exp(z)/(1 + exp(z))² + 2 exp(u₁)/(1 + exp(u₁))²) x; where z = −wᵀ x; u₁ = −2 wᵀ x"},
	{id: "shared-definition", program: "W ∈ R^{m×n}; x ∈ R^n; z = W x; h = tanh(z); f = sum(h ⊙ h) + sum(z)", wrt: "x",
		expect: "W^T (2 tanh(W x) ⊙ (1 - tanh²(W x)) + vector(1))", printed: "Wᵀ (2 ((1 − h ⊙ h) ⊙ h) + 𝟙); where z = W x; h = tanh(z)"},
	{id: "diag", program: "X ∈ R^{n×n}; a ∈ R^n; f = a^T diag(X)", wrt: "X", expect: "diag(a)", printed: "diag(a)"},
}
