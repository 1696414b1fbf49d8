package symbolic

import (
	"math"
	"strconv"
)

// Div returns a/b for a scalar b: a/1 is a, a/a is 1, numbers fold and a
// negated numerator is hoisted.
func Div(a, b *Expr) *Expr {
	if x, ok := numValue(a); ok && x == 0 {
		return Zero(a.Shape)
	}
	if y, ok := numValue(b); ok {
		if y == 1 {
			return a
		}
		if x, ok := numValue(a); ok && a.Shape.IsScalar() && y != 0 {
			return Number(x / y)
		}
	}
	if a.Op == OpNeg {
		return Neg(Div(a.Args[0], b))
	}
	if a.Op == OpDiv && a.Shape.IsScalar() {
		// (p/q)/b is p/(q b).
		return Div(a.Args[0], Mul(a.Args[1], b))
	}
	if b.Op == OpDiv && isNumber(b.Args[0], 1) {
		return Mul(a, b.Args[1])
	}
	if b.Op == OpNeg {
		return Neg(Div(a, b.Args[0]))
	}
	if sameExpr(a, b) {
		return Number(1)
	}
	if m := sigmoidArg(a, b); m != nil {
		return Call("σ", m)
	}
	return raw(OpDiv, a, b)
}

// Had returns the elementwise product a ⊙ b. A scalar side makes it a
// scaling (s a), 𝟙 is dropped, c 𝟙 ⊙ a is c a, and scalar coefficients and
// negation are hoisted out.
func Had(a, b *Expr) *Expr {
	switch {
	case a.Shape.IsScalar() || b.Shape.IsScalar():
		return Mul(a, b)
	case a.Op == OpOnes:
		return b
	case b.Op == OpOnes:
		return a
	case isZero(a):
		return a
	case isZero(b):
		return b
	}
	if b.Op == OpHDiv && sameExpr(b.Args[1], a) {
		// a ⊙ (b ⊘ a) is b.
		return b.Args[0]
	}
	if a.Op == OpHDiv && sameExpr(a.Args[1], b) {
		return a.Args[0]
	}
	if ca, ta := hoistScalar(a); ca != nil {
		return Mul(ca, Had(ta, b))
	}
	if cb, tb := hoistScalar(b); cb != nil {
		return Mul(cb, Had(a, tb))
	}
	if p := hadPowers(a, b); p != nil {
		return p
	}
	return raw(OpHad, a, b)
}

func isZero(e *Expr) bool { return isNumber(e, 0) }

// hoistScalar splits a non-scalar e = s·t (or −t) into the scalar s (−1
// for a negation) and t; it returns nil when e has no scalar factor.
func hoistScalar(e *Expr) (*Expr, *Expr) {
	if e.Op == OpNeg {
		return Number(-1), e.Args[0]
	}
	if e.Op == OpDiv {
		return Div(Number(1), e.Args[1]), e.Args[0]
	}
	if e.Op != OpMul {
		return nil, nil
	}
	var buf [8]*Expr
	fs, sign := mulFactors(buf[:0], e, 1)
	var sc, rest []*Expr
	for _, f := range fs {
		if f.Shape.IsScalar() {
			sc = append(sc, f)
		} else {
			rest = append(rest, f)
		}
	}
	if len(sc) == 0 && sign == 1 {
		return nil, nil
	}
	if sign < 0 {
		sc = append([]*Expr{Number(-1)}, sc...)
	}
	return chain(sc), chain(rest)
}

// HDiv returns the elementwise quotient a ⊘ b; a scalar divisor makes it
// a/b.
func HDiv(a, b *Expr) *Expr {
	switch {
	case b.Shape.IsScalar():
		return Div(a, b)
	case b.Op == OpOnes:
		return a
	case isZero(a):
		return Zero(b.Shape)
	case a.Op == OpNeg:
		return Neg(HDiv(a.Args[0], b))
	}
	if m := sigmoidArg(a, b); m != nil {
		return Call("σ", m)
	}
	return raw(OpHDiv, a, b)
}

// HPow returns the elementwise power a .^ p (p a scalar); for a scalar a
// it is a^p.
func HPow(a, p *Expr) *Expr {
	if a.Shape.IsScalar() {
		return Pow(a, p)
	}
	if isNumber(p, 1) {
		return a
	}
	if isNumber(p, 0) {
		return Ones(a.Shape)
	}
	if k, ok := numValue(p); ok && k > 0 && isZero(a) {
		// 0 .^ k is 0 for k > 0.
		return a
	}
	return raw(OpHPow, a, p)
}

// Pow returns a^p: a^1 is a, a^0 is 1 (I for a matrix), numbers fold.
func Pow(a, p *Expr) *Expr {
	if isNumber(p, 1) {
		return a
	}
	if isNumber(p, 0) {
		if a.Shape.IsMatrix() {
			return Eye(a.Shape.Rows())
		}
		return Number(1)
	}
	if a.Op == OpCall && a.Name == "sqrt" && isNumber(p, 2) {
		return a.Args[0]
	}
	if x, ok := numValue(a); ok && a.Shape.IsScalar() {
		if y, ok := numValue(p); ok {
			if v := math.Pow(x, y); !math.IsNaN(v) && !math.IsInf(v, 0) {
				return Number(v)
			}
		}
	}
	return raw(OpPow, a, p)
}

// Inv returns the inverse X⁻¹: (X⁻¹)⁻¹ is X and the inverse of a scalar s
// is 1/s.
func Inv(a *Expr) *Expr {
	if a.Shape.IsScalar() {
		return Div(Number(1), a)
	}
	if a.Op == OpInv {
		return a.Args[0]
	}
	if a.Op == OpEye {
		return a
	}
	return raw(OpInv, a)
}

// Call applies the builtin function name to arg; the shape follows the
// function's kind (see Funcs). tr and sum of a scalar are the scalar, and
// scalar factors and negation come out of tr and sum.
func Call(name string, arg *Expr) *Expr {
	if arg.Shape.IsScalar() && (name == "tr" || name == "sum" || name == "det") {
		return arg
	}
	if (name == "sum" || name == "tr" || name == "diag") && !arg.Shape.IsScalar() {
		// Linear: sum(−a) is −sum(a), sum(c a) is c sum(a).
		if s, t := hoistScalar(arg); s != nil {
			return Mul(s, Call(name, t))
		}
	}
	if v, ok := atZero[name]; ok && isZero(arg) && !arg.Shape.IsScalar() {
		// An elementwise function of the zero vector is a constant
		// vector: cosh(0) is 𝟙, so that the answer reads back.
		switch v {
		case 0:
			return Zero(arg.Shape)
		case 1:
			return Ones(arg.Shape)
		}
		return Mul(Number(v), Ones(arg.Shape))
	}
	if isZero(arg) && !arg.Shape.IsScalar() {
		// Reductions of the zero vector that are not zero: written with
		// the dimension, so that the answer reads back (logsumexp(0)
		// would read as that of the scalar 0).
		switch {
		case name == "logsumexp":
			count := dimValue(arg.Shape.Rows())
			if arg.Shape.IsMatrix() {
				count = Mul(count, dimValue(arg.Shape.Cols()))
			}
			return Call("log", count)
		case name == "softmax" && arg.Shape.IsVector():
			return Div(Ones(arg.Shape), dimValue(arg.Shape.Rows()))
		}
	}
	if (name == "sum" || name == "tr" || name == "diag") && isZero(arg) {
		// Linear maps of zero: diag(0) is the zero of diag's shape.
		return Zero(builtCallShape(name, arg))
	}
	if name == "diag" && arg.Op == OpOnes && arg.Shape.IsVector() {
		return Eye(arg.Shape.Rows())
	}
	return &Expr{Op: OpCall, Name: name, Args: []*Expr{arg}, Shape: builtCallShape(name, arg), Pos: NoPos}
}

// dimValue is the dimension d as a scalar value: the number, or the
// dimension's name (n), which evaluates to its size.
func dimValue(d Dim) *Expr {
	if d.IsLiteral() {
		v, _ := strconv.ParseFloat(string(d), 64)
		return Number(v)
	}
	return &Expr{Op: OpVar, Name: string(d), Pos: NoPos}
}

// atZero holds the values at 0 of the elementwise builtins defined there.
var atZero = map[string]float64{
	"exp": 1, "cos": 1, "cosh": 1, "sin": 0, "tan": 0, "tanh": 0, "sinh": 0,
	"arcsin": 0, "arctan": 0, "abs": 0, "relu": 0, "sign": 0, "sqrt": 0, "σ": 0.5,
}

// sigmoidArg recognises exp(m)/(1 + exp(m)), which is σ(m), and returns m.
func sigmoidArg(a, b *Expr) *Expr {
	if a.Op != OpCall || a.Name != "exp" {
		return nil
	}
	if m := softplusArg(b); m != nil && sameExpr(m, a.Args[0]) {
		return m
	}
	return nil
}
