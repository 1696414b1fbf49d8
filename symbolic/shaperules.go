package symbolic

import (
	"math"
	"strings"
)

// ResultShape computes the shape of e from the shapes of its operands
// (e.Args[i].Shape), by the rules of SPEC §2.3. It is ResultShapeIn without a
// symbol table: a call of a function that is not builtin is taken to keep
// its single argument's shape (an elementwise φ or a square map Φ) and to be
// scalar with several arguments, and J_Φ(z) is square.
//
// The error, if any, is an *Error at e.Pos naming both sides and their shapes.
func ResultShape(e *Expr) (Shape, error) { return ResultShapeIn(e, nil) }

// ResultShapeIn is ResultShape with lookup to find declared and defined
// functions by key (nil, or a lookup returning nil, means unknown). Leaves
// (names, numbers, 𝟙, I) and the context-sized constants vector(c) and
// matrix(c) return e.Shape, which the caller set; so do calls of defined
// functions with parameters, whose shape needs the body.
//
// Rules: + and − need equal shapes, except that an expression built only
// from numeric literals broadcasts; a product is scaling when a side is
// scalar and else a matrix product with agreeing inner dimensions; the
// divisor, an elementwise exponent and an exponent are scalar; ⊙ and ⊘ need
// equal shapes or a scalar side; a power needs a scalar base or a square
// matrix with an integer exponent; tr, det and logdet need a square matrix
// (or a scalar); diag maps a vector to a square matrix and back; softmax
// keeps a vector; reductions and norms are scalar.
func ResultShapeIn(e *Expr, lookup func(key string) *Symbol) (Shape, error) {
	if e == nil {
		return nil, Errorf(NoPos, "no expression")
	}
	for _, a := range e.Args {
		if a == nil {
			return nil, Errorf(e.Pos, "malformed expression: a missing operand")
		}
	}
	arg := func(i int) Shape {
		if i < len(e.Args) {
			return e.Args[i].Shape.Norm()
		}
		return nil
	}
	switch e.Op {
	case OpNum, OpVar, OpOnes, OpEye:
		// A number is a scalar unless it was given a shape: the zero of
		// a vector, or a number passed to a function of a vector (Φ(0)).
		return e.Shape.Norm(), nil
	}
	if n := OpArity(e.Op); n > 0 && len(e.Args) != n {
		return nil, Errorf(e.Pos, "%s needs %d operands, got %d", opName(e.Op), n, len(e.Args))
	}
	a, b := arg(0), arg(1)
	switch e.Op {
	case OpNeg:
		return a, nil
	case OpAdd, OpSub:
		switch {
		case a.Equal(b):
			return a, nil
		case a.IsScalar() && IsConstant(e.Args[0]):
			return b, nil
		case b.IsScalar() && IsConstant(e.Args[1]):
			return a, nil
		}
		return nil, binaryConflict(e, a, b, "")
	case OpMul:
		return productShape(e, a, b)
	case OpDiv:
		if !b.IsScalar() {
			return nil, binaryConflict(e, a, b, "the divisor must be a scalar")
		}
		return a, nil
	case OpHad, OpHDiv:
		switch {
		case a.Equal(b) || b.IsScalar():
			return a, nil
		case a.IsScalar():
			return b, nil
		}
		return nil, binaryConflict(e, a, b, "")
	case OpHPow:
		if !b.IsScalar() {
			return nil, binaryConflict(e, a, b, "the exponent must be a scalar")
		}
		return a, nil
	case OpPow:
		return powShape(e, a, b)
	case OpT:
		return a.T(), nil
	case OpInv:
		return invShape(e, a)
	case OpCall:
		return callShape(e, lookup)
	case OpPrime:
		if len(e.Args) != 1 {
			return nil, Errorf(e.Pos, "%s' takes 1 argument, got %d", e.Key(), len(e.Args))
		}
		return a, nil
	case OpPartial:
		return partialShape(e, lookup)
	case OpJac:
		return jacShape(e, a, lookup)
	case OpSum:
		for i := range 2 {
			if s := arg(i); !s.IsScalar() {
				return nil, Errorf(e.Pos, "the bounds of Σ_%s must be scalars, got %s", e.Name, s)
			}
		}
		return arg(2), nil
	case OpNorm:
		return nil, nil
	case OpDeriv:
		return DerivShape(e, a, b)
	}
	return nil, Errorf(e.Pos, "no shape rule for this expression")
}

// OpArity is the number of Args an operator takes, or 0 when it varies
// (calls, derivative calls, leaves). It is the one arity table: the
// parser's shape inference and ResultShapeIn both read it.
func OpArity(op Op) int {
	switch op {
	case OpNeg, OpT, OpInv, OpNorm:
		return 1
	case OpAdd, OpSub, OpMul, OpDiv, OpHad, OpHDiv, OpHPow, OpPow, OpDeriv:
		return 2
	case OpSum:
		return 3
	}
	return 0
}

// opName is how shape messages name an operator: its text spelling.
func opName(op Op) string {
	switch op {
	case OpMul:
		return "·"
	case OpSum:
		return "Σ"
	case OpNorm:
		return "‖·‖"
	}
	if info, ok := OpTable[op]; ok {
		return strings.TrimSpace(info.Text)
	}
	return "expression"
}

// binaryConflict is the message for operands whose shapes do not fit:
// `shape conflict at "+": matrix(d×d) + vector(n)`, with an optional reason.
func binaryConflict(e *Expr, a, b Shape, why string) *Error {
	name := opName(e.Op)
	msg := "shape conflict at \"" + name + "\": " + a.String() + " " + name + " " + b.String()
	if why != "" {
		msg += " (" + why + ")"
	}
	return Errorf(e.Pos, "%s", msg)
}

// productShape is the shape of the product a b: scaling when a side is a
// scalar, else the matrix product, normalised.
func productShape(e *Expr, a, b Shape) (Shape, error) {
	switch {
	case a.IsScalar():
		return b, nil
	case b.IsScalar():
		return a, nil
	case a.Cols() != b.Rows():
		return nil, binaryConflict(e, a, b, "inner dimensions "+string(a.Cols())+" and "+string(b.Rows())+" differ")
	}
	return Matrix(a.Rows(), b.Cols()), nil
}

// powShape is the shape of a^b: scalar base, or a square matrix base with
// an integer literal exponent.
func powShape(e *Expr, a, b Shape) (Shape, error) {
	switch {
	case !b.IsScalar():
		return nil, binaryConflict(e, a, b, "the exponent must be a scalar")
	case a.IsScalar():
		return nil, nil
	case !isSquare(a):
		return nil, binaryConflict(e, a, b, "the base must be a scalar or a square matrix")
	case !isIntLiteral(e.Args[1]):
		return nil, binaryConflict(e, a, b, "a matrix power needs an integer exponent")
	}
	return a, nil
}

// invShape is the shape of X⁻¹: X square (a scalar is its own 1×1 case).
func invShape(e *Expr, a Shape) (Shape, error) {
	if a.IsScalar() || isSquare(a) {
		return a, nil
	}
	return nil, Errorf(e.Pos, "cannot invert %s: not a square matrix", a)
}

func isSquare(s Shape) bool { return s.IsMatrix() && s[0] == s[1] }

// isIntLiteral reports whether e is an integer number, possibly negated.
func isIntLiteral(e *Expr) bool {
	if e == nil {
		return false
	}
	if e.Op == OpNeg && len(e.Args) == 1 {
		return isIntLiteral(e.Args[0])
	}
	return e.Op == OpNum && e.Num == math.Trunc(e.Num) && !math.IsInf(e.Num, 0)
}

// IsConstant reports whether e is built from numeric literals only (2,
// -1, 1/2, π, 2^3, exp(1)): such an expression is a scalar that broadcasts
// in + and −. vector(c), matrix(c), 𝟙 and I are not constants in this
// sense: their shape comes from the context.
func IsConstant(e *Expr) bool {
	if e == nil {
		return false
	}
	switch e.Op {
	case OpNum:
		return true
	case OpNeg, OpAdd, OpSub, OpMul, OpDiv, OpPow:
	case OpCall:
		if f, ok := Funcs[e.Name]; !ok || f.Kind != Elementwise || len(e.Sub) > 0 {
			return false
		}
	default:
		return false
	}
	for _, a := range e.Args {
		if !IsConstant(a) {
			return false
		}
	}
	return len(e.Args) > 0
}

// callShape is the shape of a function call: builtins by their kind,
// declared functions by their signature (see ResultShapeIn).
func callShape(e *Expr, lookup func(key string) *Symbol) (Shape, error) {
	var sym *Symbol
	if lookup != nil {
		sym = lookup(e.Key())
	}
	if sym != nil {
		return declaredCallShape(e, sym)
	}
	f, builtin := Funcs[e.Name]
	if !builtin {
		// An unknown function: shape-preserving with one argument, scalar
		// with several.
		if len(e.Args) == 1 {
			return e.Args[0].Shape.Norm(), nil
		}
		return nil, nil
	}
	if len(e.Args) != 1 {
		return nil, Errorf(e.Pos, "%s takes 1 argument, got %d", e.Name, len(e.Args))
	}
	a := e.Args[0].Shape.Norm()
	switch f.Shape {
	case ShapeSame:
		return a, nil
	case ShapeSquareToScalar:
		if !a.IsScalar() && !isSquare(a) {
			return nil, Errorf(e.Pos, "%s needs a square matrix, got %s", e.Name, a)
		}
		return nil, nil
	case ShapeToScalar:
		return nil, nil
	case ShapeDiag:
		switch {
		case a.IsScalar():
			return nil, nil
		case a.IsVector():
			return Matrix(a[0], a[0]), nil
		case isSquare(a):
			return Vector(a[0]), nil
		}
		return nil, Errorf(e.Pos, "diag needs a vector or a square matrix, got %s", a)
	case ShapeVectorSame:
		if a.IsMatrix() {
			return nil, Errorf(e.Pos, "softmax needs a vector, got %s", a)
		}
		return a, nil
	case ShapeSquareSame:
		return invShape(e, a)
	case ShapeFromUse:
		if !a.IsScalar() {
			return nil, Errorf(e.Pos, "%s(c) needs a scalar c, got %s", e.Name, a)
		}
		return e.Shape.Norm(), nil
	}
	return e.Shape.Norm(), nil
}

// declaredCallShape is the shape of a call of a declared function (by its
// Domain and Range) or of a defined one (e.Shape, set by the caller).
func declaredCallShape(e *Expr, sym *Symbol) (Shape, error) {
	switch sym.Kind {
	case SymDef:
		if sym.Def != nil && len(sym.Def.Params) != len(e.Args) {
			return nil, Errorf(e.Pos, "%s takes %d arguments, got %d", e.Key(), len(sym.Def.Params), len(e.Args))
		}
		return e.Shape.Norm(), nil
	case SymFunc:
	default:
		return nil, Errorf(e.Pos, "%s is not a function", e.Key())
	}
	if sym.Elementwise {
		if len(e.Args) != 1 {
			return nil, Errorf(e.Pos, "%s takes 1 argument, got %d", e.Key(), len(e.Args))
		}
		return e.Args[0].Shape.Norm(), nil
	}
	if err := CheckArgs(e, sym); err != nil {
		return nil, err
	}
	return sym.Range.Norm(), nil
}

// CheckArgs checks the arguments of a call of the declared function sym
// against its Domain: one argument per Domain entry, of that shape; or, for
// f: R^n → R with a vector domain, any number of scalar arguments (f(a, b,
// c) reads as f applied to the vector of its arguments).
func CheckArgs(e *Expr, sym *Symbol) error {
	if len(sym.Domain) == len(e.Args) {
		for i, d := range sym.Domain {
			if got := e.Args[i].Shape.Norm(); !got.Equal(d) {
				return Errorf(e.Args[i].Pos, "argument %d of %s must be %s, got %s", i+1, e.Key(), d.Norm(), got)
			}
		}
		return nil
	}
	if len(sym.Domain) == 1 && sym.Domain[0].Norm().IsVector() {
		for i, a := range e.Args {
			if got := a.Shape.Norm(); !got.IsScalar() {
				return Errorf(a.Pos, "argument %d of %s must be a scalar, got %s", i+1, e.Key(), got)
			}
		}
		return nil
	}
	return Errorf(e.Pos, "%s takes %d arguments, got %d", e.Key(), len(sym.Domain), len(e.Args))
}

// partialShape is the shape of ∂_K f(args): the shape of f's value for a
// declared f (scalar for the multi-argument scalar functions it is meant
// for), else a scalar.
func partialShape(e *Expr, lookup func(key string) *Symbol) (Shape, error) {
	if lookup == nil {
		return nil, nil
	}
	sym := lookup(e.Key())
	if sym == nil || sym.Kind != SymFunc {
		return nil, nil
	}
	// K is 0 when it is an index (∂_i f) rather than a number.
	if k := int(e.Num); k < 0 || (k > len(e.Args) && len(e.Args) > 0) {
		return nil, Errorf(e.Pos, "∂_%d %s: %s has %d arguments", k, e.Key(), e.Key(), len(e.Args))
	}
	return sym.Range.Norm(), nil
}

// jacShape is the shape of J_Φ(z): (length of Φ's value) × (length of z);
// square when Φ is unknown or elementwise.
func jacShape(e *Expr, a Shape, lookup func(key string) *Symbol) (Shape, error) {
	if len(e.Args) != 1 {
		return nil, Errorf(e.Pos, "J_%s takes 1 argument, got %d", e.Key(), len(e.Args))
	}
	if a.IsMatrix() {
		return nil, Errorf(e.Pos, "J_%s needs a vector argument, got %s", e.Key(), a)
	}
	rows := a.Rows()
	if lookup != nil {
		if sym := lookup(e.Key()); sym != nil {
			r, ok, err := JacobianRows(sym)
			if err != nil {
				return nil, Errorf(e.Pos, "J_%s: %v", e.Key(), err)
			}
			if ok {
				rows = r
			}
		}
	}
	return Matrix(rows, a.Rows()), nil
}

// JacobianRows is the row count of J_F for a declared function F: its
// range's length (1 for a scalar-valued F: J_L of L: ℝ^d → ℝ is 1×d). ok
// is false when F is not a declared vector map (an elementwise function's
// Jacobian is square, of its argument's length). It is the one rule the
// parser's shape inference and ResultShapeIn both use.
func JacobianRows(sym *Symbol) (rows Dim, ok bool, err error) {
	if sym == nil || sym.Kind != SymFunc || sym.Elementwise {
		return "", false, nil
	}
	if sym.Range.Norm().IsMatrix() {
		return "", false, Errorf(NoPos, "%s is matrix-valued", sym.Name)
	}
	return sym.Range.Rows(), true, nil
}

// DerivShape is the shape of the derivative of a value of shape f with
// respect to a variable of shape w (layout of SPEC §3): the gradient of a
// scalar has w's shape; the Jacobian of a vector f in a vector w is
// len(f)×len(w); a vector f in a scalar w gives a vector. Anything needing
// three or more axes is an error at e.Pos.
func DerivShape(e *Expr, f, w Shape) (Shape, error) {
	f, w = f.Norm(), w.Norm()
	switch {
	case f.IsScalar():
		return w, nil
	case f.IsVector() && w.IsScalar():
		return f, nil
	case f.IsVector() && w.IsVector():
		return Matrix(f[0], w[0]), nil
	}
	return nil, Errorf(e.Pos, "the derivative of a %s with respect to a %s needs more than two axes", f, w)
}
