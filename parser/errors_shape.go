package parser

import (
	"deriv/symbolic"
)

// The diagnostics of shape inference, one constructor each, so that their
// wording lives in one place. Conflicts between an operator's operands are
// worded by symbolic.ResultShapeIn (`shape conflict at "+": matrix(d×d) +
// vector(n)`); these cover what only inference sees.

// errShapeUnknownName: a name that is neither declared, defined nor bound.
func errShapeUnknownName(e *symbolic.Expr) *symbolic.Error {
	return symbolic.Errorf(e.Pos, "unknown name %q", e.Key())
}

// errShapeUnknownFunc: a call of a name that is no function.
func errShapeUnknownFunc(e *symbolic.Expr) *symbolic.Error {
	return symbolic.Errorf(e.Pos, "unknown function %q", e.Key())
}

// errShapeNotFunc: a call of a variable or index.
func errShapeNotFunc(e *symbolic.Expr) *symbolic.Error {
	return symbolic.Errorf(e.Pos, "%s is not a function", e.Key())
}

// errShapeArity: a function called with the wrong number of arguments.
func errShapeArity(e *symbolic.Expr, want, got int) *symbolic.Error {
	s := "s"
	if want == 1 {
		s = ""
	}
	return symbolic.Errorf(e.Pos, "%s takes %d argument%s, got %d", e.Key(), want, s, got)
}

// errShapeUse: something is used with one shape where it has another, e.g.
// `shape conflict: x is used as vector(?) but is matrix(d×d)` for x_i.
func errShapeUse(pos symbolic.Pos, what string, used, is symbolic.Shape) *symbolic.Error {
	return symbolic.Errorf(pos, "shape conflict: %s is used as %s but is %s", what, used, is)
}

// errShapeEntry: an entry whose subscripts do not fit the variable, e.g.
// `X_1 has 1 subscript, but X is matrix(d×d): an entry of a vector has 1
// subscript, of a matrix 2`.
func errShapeEntry(e *symbolic.Expr, is symbolic.Shape) *symbolic.Error {
	s := "s"
	if len(e.Sub) == 1 {
		s = ""
	}
	return symbolic.Errorf(e.Pos, "%s has %d subscript%s, but %s is %s: an entry of a vector has 1 subscript, of a matrix 2",
		e.Key(), len(e.Sub), s, e.Key(), is)
}

// errShapeSubs: an entry with more than two subscripts.
func errShapeSubs(e *symbolic.Expr) *symbolic.Error {
	return symbolic.Errorf(e.Pos, "%s has %d subscripts: an entry of a vector has 1, of a matrix 2", e.Key(), len(e.Sub))
}

// errShapeFamily: a family used whole whose members are matrices.
func errShapeFamily(e *symbolic.Expr) *symbolic.Error {
	return symbolic.Errorf(e.Pos, "the family %s has matrix members: name one member (%s_i)", e.Key(), e.Key())
}

// errShapeDepth: an expression nested beyond the inference's limit.
func errShapeDepth(e *symbolic.Expr) *symbolic.Error {
	return symbolic.Errorf(e.Pos, "expression nested too deeply (more than %d levels)", maxShapeDepth)
}

// errShapeRecursive: a defined function that calls itself.
func errShapeRecursive(e *symbolic.Expr) *symbolic.Error {
	return symbolic.Errorf(e.Pos, "%s is defined in terms of itself", e.Key())
}

// errShapeResult: the function must be scalar (used for the first,
// speculative attempt; not shown when the second attempt succeeds).
func errShapeResult(pos symbolic.Pos, got symbolic.Shape) *symbolic.Error {
	return symbolic.Errorf(pos, "the function is %s, not a scalar", got)
}
