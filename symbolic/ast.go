// Package symbolic holds deriv's abstract syntax tree, shapes, the operator
// and function tables shared by the parser and the printers, the printers
// themselves, differentiation and simplification.
//
// Every expression is an *Expr: one node type whose Op says what it is and
// whose Args are its operands (the same habit as SymPy's func/args). This
// keeps traversal, hashing, equality and printing generic. A node carries the
// position where it was written (NoPos for nodes the program synthesised) and,
// once the parser has inferred shapes, its Shape.
//
// # Expressions are DAGs
//
// Differentiation shares subexpressions by pointer, so a derivative is a
// DAG whose tree can be exponentially larger. Every pass is linear in the
// number of distinct nodes:
//
//   - Hash is computed once per node and cached in it; Equal (and the
//     package's shape-aware comparison) is immediate for pointer-equal
//     nodes, rejects on differing hashes, and compares each pair of shared
//     nodes once.
//   - Walk visits each distinct node once; Rewrite (and Rewriter) rebuilds
//     post-order with a memo by pointer, so a shared node is rewritten once
//     and stays shared. Subst, Simplify, Expand, Uses, the where list and
//     foldSum are built on them; differentiation (reverse and forward mode)
//     memoises by pointer as well. Stats counts their visits, for tests
//     that assert linear growth.
//   - Like terms and repeated factors are merged through hash indexes
//     (map from a canonical key to the accumulated coefficient or
//     exponent), not by comparing all pairs; very long sums and products
//     are collected at once instead of by a quadratic fold.
//   - Simplify hash-conses the nodes it builds through a table local to
//     the call (so it is safe for concurrent derivations without a lock):
//     equal results become one pointer, and a pass that changes nothing
//     returns the same pointer, which is how the fixed point is detected.
//     Interning ignores Pos (as Equal and Hash do): the first node of a
//     structure is kept, with its position if the parser built it.
//
// GradOptions.MaxNodes and GradOptions.Context bound a derivation's size
// and time.
package symbolic

import "unsafe"

// Pos is a byte offset into the source text. Line and column are worked out
// only when an error is reported (see Error).
type Pos int

// NoPos marks a node that was not written by the user.
const NoPos Pos = -1

// Op is the kind of an expression node. The comment on each says which
// fields it uses; fields not named are zero.
type Op uint8

const (
	OpInvalid Op = iota

	// OpNum is a number. Num holds its value; Name, if set, is the symbol it
	// was written as ("π", "e") so that printers can write it back.
	OpNum
	// OpVar is a reference to a name. Name is the base name ("W", "x", "σ"
	// never: functions are calls), Label the layer label written as a
	// superscript ("1" for W^{(1)}, "l-1" for x_j^{(l-1)}), Sub the
	// subscripts: the member of an indexed family (w_i, b_1) or the entry of
	// a vector or matrix (W_{ij}); each subscript is an OpVar naming an index
	// or an OpNum. A definition's name (z in z = W1 x + b) is also an OpVar.
	OpVar
	// OpNeg is -Args[0].
	OpNeg
	// OpAdd is Args[0] + Args[1]; OpSub is Args[0] - Args[1]. Both sides
	// have the same shape, except that a numeric literal (OpNum) broadcasts
	// to the other side's shape (1 - σ(z)).
	OpAdd
	OpSub
	// OpMul is Args[0] Args[1]: a matrix product when both are vectors or
	// matrices (an inner product xᵀy is 1×1, i.e. a scalar), scaling when
	// either side is a scalar.
	OpMul
	// OpDiv is Args[0] / Args[1]; the divisor is a scalar.
	OpDiv
	// OpHad is the elementwise (Hadamard) product Args[0] ⊙ Args[1];
	// OpHDiv the elementwise quotient ⊘; OpHPow the elementwise power .^
	// (Args[1] a scalar exponent). Operands have equal shapes, except that a
	// scalar broadcasts.
	OpHad
	OpHDiv
	OpHPow
	// OpPow is Args[0]^Args[1]: scalar base, or a square matrix base with an
	// integer exponent.
	OpPow
	// OpT is the transpose Args[0]ᵀ.
	OpT
	// OpInv is the matrix inverse Args[0]⁻¹ (inv(X) parses to it too).
	OpInv
	// OpCall applies a function to Args. Name is a builtin's canonical name
	// (see Funcs: "exp", "σ", "tr", "sum", "softmax", …) or a declared or
	// defined function ("φ", "Φ", "f"). Sub picks a member of a family of
	// functions (g_1(w) is Name "g", Sub [1]).
	OpCall
	// OpPrime is the derivative of a scalar function applied to Args[0]:
	// φ'(z), σ'(z), g_i'(w). Name and Sub as for OpCall. Applied to a vector
	// or matrix it acts elementwise.
	OpPrime
	// OpPartial is ∂_K f(Args…): the partial derivative of the
	// multi-argument function Name in its K-th argument (1-based; K is held
	// in Num), evaluated at Args.
	OpPartial
	// OpJac is J_Φ(Args[0]): the Jacobian matrix of the vector map Name.
	OpJac
	// OpSum is Σ_{Name=Args[0]}^{Args[1]} Args[2]: a sum over the bound
	// index Name. The parser always fills the bounds (from the index's
	// declaration when the source omits them). sum(e) over all entries is an
	// OpCall of "sum", not an OpSum.
	OpSum
	// OpNorm is the norm of Args[0]; Name is "2" (Euclidean, also the
	// default ‖v‖), "1" or "F" (Frobenius). One meaning per spelling,
	// matrixcalculus.org's, in evaluation and differentiation alike:
	// ‖v‖ = ‖v‖₂ = norm2(v) is Euclidean; of a matrix, ‖A‖ = norm2(A) is
	// the Frobenius norm ‖A‖_F (the parser records it as "F" and the
	// printers write ‖A‖_F), never the spectral norm; ‖A‖₁ = norm1(A) is
	// entrywise, Σ|A_ij| (derivative sign(A)), never the induced
	// (maximum column sum) norm.
	OpNorm
	// OpOnes is the all-ones vector 𝟙 (or matrix, by shape); OpEye the
	// identity matrix I. Their sizes come from shape inference.
	OpOnes
	OpEye
	// OpDeriv is the derivative ∂Args[0]/∂Args[1] written as a value (in
	// claims, --wrt and the "where δ2 = ∂ℓ/∂S2" of --through). Both are
	// OpVar.
	OpDeriv
)

// Expr is a node of the AST. See Op for which fields each kind uses.
type Expr struct {
	Op    Op
	Name  string
	Label string
	Sub   []*Expr
	Num   float64
	Args  []*Expr
	// Shape is set by the parser's shape inference, and by the smart
	// constructors of this package for nodes built later. Nil is scalar.
	Shape Shape
	Pos   Pos

	// hash caches the structural hash, valid when hashOf is this node
	// (both read and written atomically; a copy made by value has its
	// original's hashOf, so its hash is computed afresh): see Hash.
	hash   uint64
	hashOf unsafe.Pointer
}

// Program is a parsed, resolved and shape-checked deriv program.
type Program struct {
	// Src is the source text, kept for error messages.
	Src string
	// File names the source in messages ("<input>" by default).
	File string
	// Symbols holds every name the program declares, defines or whose
	// shape was inferred from use, keyed by Key (text spelling).
	Symbols map[string]*Symbol
	// Order lists the keys of Symbols in the order they first appear.
	Order []string
	// Defs are the definitions in source order.
	Defs []*Def
	// Result is the function to differentiate: the last definition or a
	// bare last expression (then Name is "").
	Result *Def
	// Notes say how the parser read something the program did not spell
	// out (an undeclared Φ taken as a function, Ax read as A x).
	// PrintProgram writes them as comments.
	Notes []string
}

// Def is a definition `name = body` or `name(params) = body`.
type Def struct {
	// Name is the defined name's key; Params the parameters' keys, if the
	// definition was written as a function (f(W, x, y) = …, σ(t) = …).
	Name   string
	Params []string
	Body   *Expr
	Pos    Pos
}

// SymKind says what a name stands for.
type SymKind uint8

const (
	// SymVar is a scalar, vector or matrix variable.
	SymVar SymKind = iota + 1
	// SymFamily is an indexed family w_i, i = 1..Count, each member of
	// Shape.
	SymFamily
	// SymIndex is an index (i in Σ_i or in "for i = 1..n"); Count is its
	// range's upper end.
	SymIndex
	// SymFunc is a declared function (φ: R → R, Φ: R^d → R^d,
	// f: R^n → R). With Index and Count set it is a family of functions
	// (g_i: R → R for i = 1..n).
	SymFunc
	// SymDef is a defined name (z = W1 x + b, or f(W, x, y) = …).
	SymDef
)

// Symbol describes a name of the program.
type Symbol struct {
	Name string
	Kind SymKind
	// Shape is the variable's shape, a family member's shape, or a
	// definition's value shape.
	Shape Shape
	// Declared is false when the shape was inferred from use.
	Declared bool
	// Index and Count: the index name and range end of a family (or
	// family of functions); for SymIndex, Count is the range end.
	Index string
	Count Dim
	// Domain and Range: a function's argument shapes and result shape.
	// Elementwise is set for a scalar function R → R, which applies
	// elementwise to vectors and matrices.
	Domain      []Shape
	Range       Shape
	Elementwise bool
	// Def is the definition of a SymDef.
	Def *Def
	Pos Pos
}
