package symbolic

// Prec is a binding power: higher binds tighter. The parser's precedence
// climbing and the printers' parenthesisation both read OpTable, so the two
// cannot disagree (the habit of expr-lang's parser/operator).
type Prec int

// Binding powers, lowest first (SPEC §2.2), with one deliberate change:
// ⊙ and ⊘ bind less tightly than the matrix product, so that the textbook
// backpropagation rule δ = g'(z) ⊙ Wᵀ δ' reads as g'(z) ⊙ (Wᵀ δ'). Every
// reading that differs from SPEC's order is a shape error under that order
// (vector ⊙ matrix), except a ⊙ B C with square matrices, which the printers
// always write with parentheses.
const (
	PrecNone    Prec = iota
	PrecSum          // a + b, a - b, -a
	PrecElem         // a ⊙ b, a ⊘ b
	PrecProd         // a*b, a b, a·b
	PrecDiv          // a/b
	PrecPow          // a^b (right associative), a .^ b
	PrecPostfix      // aᵀ, a⁻¹, a'
	PrecAtom         // names, numbers, calls, groups
)

// OpInfo describes an operator: its binding power, whether it is right
// associative, and its spellings. Text, ASCII and LaTeX are what the
// printers write; Spellings lists every token the parser accepts for it
// (the printers' three spellings among them).
type OpInfo struct {
	Op         Op
	Prec       Prec
	RightAssoc bool
	// Unary is set for prefix operators (negation); Postfix for
	// transpose and inverse.
	Unary, Postfix     bool
	Text, ASCII, LaTeX string
	Spellings          []string
}

// OpTable holds every operator of the language. Juxtaposition (A B) is a
// product too; it has no token.
var OpTable = map[Op]OpInfo{
	OpAdd:  {Op: OpAdd, Prec: PrecSum, Text: " + ", ASCII: " + ", LaTeX: " + ", Spellings: []string{"+"}},
	OpSub:  {Op: OpSub, Prec: PrecSum, Text: " − ", ASCII: " - ", LaTeX: " - ", Spellings: []string{"-", "−"}},
	OpNeg:  {Op: OpNeg, Prec: PrecSum, Unary: true, Text: "−", ASCII: "-", LaTeX: "-", Spellings: []string{"-", "−"}},
	OpMul:  {Op: OpMul, Prec: PrecProd, Text: " ", ASCII: "*", LaTeX: " ", Spellings: []string{"*", "·", `\cdot`, `\times`}},
	OpDiv:  {Op: OpDiv, Prec: PrecDiv, Text: "/", ASCII: "/", LaTeX: "/", Spellings: []string{"/"}},
	OpHad:  {Op: OpHad, Prec: PrecElem, Text: " ⊙ ", ASCII: " .* ", LaTeX: ` \odot `, Spellings: []string{"⊙", ".*", `\odot`, `\circ`, "∘"}},
	OpHDiv: {Op: OpHDiv, Prec: PrecElem, Text: " ⊘ ", ASCII: " ./ ", LaTeX: ` \oslash `, Spellings: []string{"⊘", "./", `\oslash`}},
	OpHPow: {Op: OpHPow, Prec: PrecPow, RightAssoc: true, Text: " .^ ", ASCII: ".^", LaTeX: `^{\circ `, Spellings: []string{".^"}},
	OpPow:  {Op: OpPow, Prec: PrecPow, RightAssoc: true, Text: "^", ASCII: "^", LaTeX: "^", Spellings: []string{"^", "**"}},
	OpT:    {Op: OpT, Prec: PrecPostfix, Postfix: true, Text: "ᵀ", ASCII: "'", LaTeX: `^\top`, Spellings: []string{"ᵀ", "'", "^T", `^\top`, `^{\top}`, `^\intercal`, "^{T}", `^\mathsf{T}`, `^{\mathsf{T}}`}},
	OpInv:  {Op: OpInv, Prec: PrecPostfix, Postfix: true, Text: "⁻¹", ASCII: "^(-1)", LaTeX: "^{-1}", Spellings: []string{"⁻¹", "^{-1}", "^(-1)", "^-1"}},
}

// opInfos is OpTable as an array indexed by op (the zero OpInfo for an
// op OpTable has no entry for, as the map gives): the printers look an
// op up per node.
var opInfos [OpDeriv + 1]OpInfo

func init() {
	for op, info := range OpTable {
		opInfos[op] = info
	}
}

// opInfo is OpTable[op], without the map lookup.
func opInfo(op Op) *OpInfo {
	if int(op) < len(opInfos) {
		return &opInfos[op]
	}
	return &OpInfo{}
}

// PrecOf returns the binding power of an expression's top node, for
// parenthesisation: an operand whose PrecOf is below what its context
// requires is printed in parentheses.
func PrecOf(e *Expr) Prec {
	switch e.Op {
	case OpAdd, OpSub, OpNeg, OpMul, OpDiv, OpHad, OpHDiv, OpHPow, OpPow, OpT, OpInv:
		return opInfo(e.Op).Prec
	case OpNum:
		if e.Num < 0 {
			return PrecSum
		}
		return PrecAtom
	case OpSum:
		// Σ_i e takes a product or elementwise term as its body (Σ_i a_i
		// b_i + c is (Σ_i a_i b_i) + c): it binds like ⊙, and the printers
		// parenthesise it when a factor would follow it.
		return PrecElem
	default:
		return PrecAtom
	}
}
