package symbolic

import "strings"

// Dim is a dimension: a symbol ("d", "n", "d⁽¹⁾" — written in the text
// spelling of a name, see VarKey) or a literal size ("3", "1").
type Dim string

// One is the dimension of a row vector's single row.
const One Dim = "1"

// Shape is the shape of a value: nil (or empty) for a scalar, [n] for a
// column vector of length n, [m, n] for an m×n matrix. A row vector is the
// matrix [1, n]; a 1×1 matrix is normalised to a scalar and an n×1 matrix to
// a vector (see Norm).
type Shape []Dim

// Scalar is the shape of a scalar.
var Scalar Shape

// Vector returns the shape of a column vector of length n.
func Vector(n Dim) Shape { return Shape{n} }

// Matrix returns the shape of an m×n matrix, normalised (Norm): nil for
// 1×1, [m] for m×1, else [m, n].
func Matrix(m, n Dim) Shape { return matrixLike(m, n) }

// matrixLike is Matrix(m, n), returning one of the shapes like when it is
// that very shape, so as not to allocate: shapes are never modified in
// place, so they can be shared.
func matrixLike(m, n Dim, like ...Shape) Shape {
	switch {
	case m == One && n == One:
		return nil
	case n == One:
		for _, s := range like {
			if len(s) >= 1 && s[0] == m {
				return s[:1:1]
			}
		}
		return Shape{m}
	}
	for _, s := range like {
		if len(s) == 2 && s[0] == m && s[1] == n {
			return s
		}
	}
	return Shape{m, n}
}

// Norm normalises 1×1 to scalar and n×1 to the column vector [n].
func (s Shape) Norm() Shape {
	if len(s) == 2 {
		if s[0] == One && s[1] == One {
			return nil
		}
		if s[1] == One {
			return Shape{s[0]}
		}
	}
	if len(s) == 0 {
		return nil
	}
	return s
}

// IsScalar, IsVector, IsMatrix and IsRow classify a shape. A row vector
// (1×n) is a matrix too.
func (s Shape) IsScalar() bool { return len(s) == 0 }
func (s Shape) IsVector() bool { return len(s) == 1 }
func (s Shape) IsMatrix() bool { return len(s) == 2 }
func (s Shape) IsRow() bool    { return len(s) == 2 && s[0] == One }

// Rows and Cols give the shape as a matrix: a scalar is 1×1, a column vector
// n×1.
func (s Shape) Rows() Dim {
	if len(s) == 0 {
		return One
	}
	return s[0]
}

func (s Shape) Cols() Dim {
	if len(s) < 2 {
		return One
	}
	return s[1]
}

// T is the shape of the transpose.
func (s Shape) T() Shape { return matrixLike(s.Cols(), s.Rows(), s, s[min(1, len(s)):]) }

// Equal reports whether two shapes are the same.
func (s Shape) Equal(t Shape) bool {
	if len(s) == len(t) && (len(s) == 0 || &s[0] == &t[0]) {
		return true // the same dimensions (constructors share shapes)
	}
	s, t = s.Norm(), t.Norm()
	if len(s) != len(t) {
		return false
	}
	for i := range s {
		if s[i] != t[i] {
			return false
		}
	}
	return true
}

// String describes the shape for messages: "scalar", "vector(d)",
// "matrix(d×n)", "row vector(1×n)".
func (s Shape) String() string {
	switch {
	case s.IsScalar():
		return "scalar"
	case s.IsVector():
		return "vector(" + string(s[0]) + ")"
	case s.IsRow():
		return "row vector(1×" + string(s[1]) + ")"
	default:
		return "matrix(" + string(s[0]) + "×" + string(s[1]) + ")"
	}
}

// Dims lists the dimensions as strings, for JSON ("shape": ["d", "d"]).
func (s Shape) Dims() []string {
	out := make([]string, len(s))
	for i, d := range s {
		out[i] = string(d)
	}
	return out
}

// Syms lists the dimension symbols of a shape (literal sizes omitted).
func (s Shape) Syms() []Dim {
	var out []Dim
	for _, d := range s {
		if !d.IsLiteral() {
			out = append(out, d)
		}
	}
	return out
}

// IsLiteral reports whether the dimension is a number ("3") rather than a
// symbol.
func (d Dim) IsLiteral() bool {
	return d != "" && strings.Trim(string(d), "0123456789") == ""
}
