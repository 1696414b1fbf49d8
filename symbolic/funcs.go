package symbolic

// FuncKind classifies builtin functions by how they treat shapes.
type FuncKind uint8

const (
	// Elementwise functions map a scalar to a scalar and apply entry by
	// entry to vectors and matrices (exp, log, σ, …).
	Elementwise FuncKind = iota + 1
	// Reduction functions map a vector or matrix to a scalar (sum, tr,
	// det, logdet, logsumexp, norm1, norm2).
	Reduction
	// Structural functions change shape in their own way (diag, inv,
	// softmax, vector, matrix, eye).
	Structural
)

// ShapeRule is how a builtin function's result shape follows from its
// argument's: the one table of builtin shape rules, read by ResultShapeIn
// and by the parser's shape inference alike.
type ShapeRule uint8

const (
	// ShapeSame: the argument's shape (elementwise functions).
	ShapeSame ShapeRule = iota + 1
	// ShapeSquareToScalar: a square matrix (or scalar) to a scalar: tr,
	// det, logdet.
	ShapeSquareToScalar
	// ShapeToScalar: anything to a scalar (sum, logsumexp).
	ShapeToScalar
	// ShapeVectorSame: a vector to a vector of its length (softmax).
	ShapeVectorSame
	// ShapeDiag: a vector of n to n×n, a square matrix to its diagonal.
	ShapeDiag
	// ShapeSquareSame: a square matrix to a matrix of its shape (inv).
	ShapeSquareSame
	// ShapeFromUse: a scalar to a constant whose shape comes from use
	// (vector(c), matrix(c)).
	ShapeFromUse
)

// FuncInfo describes a builtin function.
type FuncInfo struct {
	// Name is the canonical name, the one in Expr.Name and the one the
	// text printer writes.
	Name string
	Kind FuncKind
	// ASCII is the ASCII printer's spelling; LaTeX the LaTeX printer's
	// (\exp, \operatorname{tr}, …).
	ASCII, LaTeX string
	// Shape is the function's shape rule.
	Shape ShapeRule
	// Aliases are further spellings the parser accepts (ln for log,
	// sigmoid for σ, trace for tr, …), without a leading backslash: the
	// parser strips \, \operatorname{…} and \mathrm{…} first.
	Aliases []string
}

// Funcs lists the builtin functions by canonical name.
var Funcs = map[string]FuncInfo{}

// FuncByName maps every accepted spelling (canonical name, ASCII spelling
// and aliases) to the canonical name.
var FuncByName = map[string]string{}

func init() {
	add := func(kind FuncKind, name, ascii, latex string, aliases ...string) {
		rule := map[FuncKind]ShapeRule{Elementwise: ShapeSame, Reduction: ShapeToScalar}[kind]
		switch name {
		case "tr", "det", "logdet":
			rule = ShapeSquareToScalar
		case "diag":
			rule = ShapeDiag
		case "softmax":
			rule = ShapeVectorSame
		case "vector", "matrix":
			rule = ShapeFromUse
		}
		Funcs[name] = FuncInfo{Name: name, Kind: kind, Shape: rule, ASCII: ascii, LaTeX: latex, Aliases: aliases}
		FuncByName[name] = name
		FuncByName[ascii] = name
		for _, a := range aliases {
			FuncByName[a] = name
		}
	}
	for _, n := range []string{"exp", "log", "sin", "cos", "tan", "tanh", "sinh", "cosh", "arcsin", "arccos", "arctan"} {
		add(Elementwise, n, n, `\`+n)
	}
	FuncByName["ln"] = "log"
	FuncByName["asin"], FuncByName["acos"], FuncByName["atan"] = "arcsin", "arccos", "arctan"
	add(Elementwise, "sqrt", "sqrt", `\sqrt`)
	add(Elementwise, "abs", "abs", `\operatorname{abs}`)
	add(Elementwise, "sign", "sign", `\operatorname{sign}`, "sgn")
	add(Elementwise, "relu", "relu", `\operatorname{relu}`, "ReLU")
	// step is relu's derivative: 1 where the argument is positive, else 0.
	add(Elementwise, "step", "step", `\operatorname{step}`, "heaviside")
	add(Elementwise, "softplus", "softplus", `\operatorname{softplus}`)
	add(Elementwise, "σ", "sigma", `\sigma`, "sigmoid")

	add(Reduction, "sum", "sum", `\operatorname{sum}`)
	add(Reduction, "tr", "tr", `\operatorname{tr}`, "trace", "Tr")
	add(Reduction, "det", "det", `\det`)
	add(Reduction, "logdet", "logdet", `\operatorname{logdet}`)
	add(Reduction, "logsumexp", "logsumexp", `\operatorname{logsumexp}`, "lse", "LSE")

	add(Structural, "diag", "diag", `\operatorname{diag}`)
	add(Structural, "softmax", "softmax", `\operatorname{softmax}`)
	add(Structural, "vector", "vector", `\operatorname{vector}`)
	add(Structural, "matrix", "matrix", `\operatorname{matrix}`)
}

// Greek maps the ASCII and LaTeX names of Greek letters (without the
// backslash) to the letter. σ, sigma and \sigma are one name.
var Greek = map[string]string{
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "θ", "iota": "ι", "kappa": "κ",
	"lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
	"tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
	"Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}

// GreekName maps a Greek letter back to its ASCII/LaTeX name ("σ" →
// "sigma"), for the ASCII and LaTeX printers.
var GreekName = map[string]string{}

func init() {
	for name, letter := range Greek {
		if prev, ok := GreekName[letter]; !ok || len(name) < len(prev) {
			GreekName[letter] = name
		}
	}
	// ϕ (U+03D5) is another φ.
	Greek["ϕ"] = "φ"
}
