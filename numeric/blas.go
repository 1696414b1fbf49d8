package numeric

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Products through BLAS, choosing the cheapest routine for the operands'
// shapes: Ddot for an inner product, Dgemv when one side is a vector (a
// matrix–vector product never goes through Dgemm), Dger for an outer
// product, Dgemm only for a genuine matrix–matrix product. Transposes are
// flags, never copies.

// dims of op(x): x or its transpose.
func opDims(x *mat.Dense, t bool) (int, int) {
	r, c := x.Dims()
	if t {
		return c, r
	}
	return r, c
}

// isVector reports whether the stored matrix is a single row or column
// with unit stride between entries, returning its blas64 vector.
func asVector(x *mat.Dense) (blas64.Vector, bool) {
	raw := x.RawMatrix()
	switch {
	case raw.Cols == 1:
		return blas64.Vector{N: raw.Rows, Inc: raw.Stride, Data: raw.Data}, true
	case raw.Rows == 1:
		return blas64.Vector{N: raw.Cols, Inc: 1, Data: raw.Data}, true
	}
	return blas64.Vector{}, false
}

// product returns op(x) op(y) (dimensions already checked to agree), as
// a new matrix.
func product(x *mat.Dense, tx bool, y *mat.Dense, ty bool) *mat.Dense {
	m, k := opDims(x, tx)
	_, n := opDims(y, ty)
	out := mat.NewDense(m, n, nil)
	ox := out.RawMatrix()
	xv, xIsVec := asVector(x)
	yv, yIsVec := asVector(y)
	switch {
	case m == 1 && n == 1 && xIsVec && yIsVec:
		ox.Data[0] = blas64.Dot(xv, yv)
	case n == 1 && yIsVec:
		// op(x) y: Dgemv.
		t := blas.NoTrans
		if tx {
			t = blas.Trans
		}
		blas64.Gemv(t, 1, x.RawMatrix(), yv, 0, blas64.Vector{N: m, Inc: ox.Stride, Data: ox.Data})
	case m == 1 && xIsVec:
		// xᵀ op(y) = (op(y)ᵀ x)ᵀ: Dgemv with the opposite flag.
		t := blas.Trans
		if ty {
			t = blas.NoTrans
		}
		blas64.Gemv(t, 1, y.RawMatrix(), xv, 0, blas64.Vector{N: n, Inc: 1, Data: ox.Data})
	case k == 1 && xIsVec && yIsVec:
		// An outer product: Dger.
		blas64.Ger(1, xv, yv, ox)
	default:
		tA, tB := blas.NoTrans, blas.NoTrans
		if tx {
			tA = blas.Trans
		}
		if ty {
			tB = blas.Trans
		}
		blas64.Gemm(tA, tB, 1, x.RawMatrix(), y.RawMatrix(), 0, ox)
	}
	return out
}
