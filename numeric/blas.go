package numeric

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Products through BLAS, choosing the cheapest routine for the operands'
// shapes: Ddot for an inner product, Dgemv when one side is a vector (a
// matrix–vector product never goes through Dgemm), Dger for an outer
// product, Dgemm only for a genuine matrix–matrix product. Transposes are
// flags, never copies. Every routine writes into a destination given by
// the caller, as dst = α op(x) op(y) + β dst, so that a sum of products
// accumulates into one buffer (β = 1) instead of materialising each term.

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
	m, _ := opDims(x, tx)
	_, n := opDims(y, ty)
	out := mat.NewDense(m, n, nil)
	productInto(out, 1, x, tx, y, ty, 0)
	return out
}

// productInto sets dst = α op(x) op(y) + β dst (dimensions already
// checked to agree; dst is m×n, distinct from x and y). With β = 0 the
// previous content of dst is never read. It reports whether the value is
// known to be finite without looking at it (an outer product of finite
// vectors that cannot overflow), so that the m·n entries need no test.
func productInto(dst *mat.Dense, alpha float64, x *mat.Dense, tx bool, y *mat.Dense, ty bool, beta float64) (finite bool) {
	m, k := opDims(x, tx)
	_, n := opDims(y, ty)
	ox := dst.RawMatrix()
	xv, xIsVec := asVector(x)
	yv, yIsVec := asVector(y)
	switch {
	case m == 1 && n == 1 && xIsVec && yIsVec:
		d := alpha * blas64.Dot(xv, yv)
		if beta != 0 {
			d += beta * ox.Data[0]
		}
		ox.Data[0] = d
	case n == 1 && yIsVec:
		// op(x) y: Dgemv.
		t := blas.NoTrans
		if tx {
			t = blas.Trans
		}
		blas64.Gemv(t, alpha, x.RawMatrix(), yv, beta, blas64.Vector{N: m, Inc: ox.Stride, Data: ox.Data})
	case m == 1 && xIsVec:
		// xᵀ op(y) = (op(y)ᵀ x)ᵀ: Dgemv with the opposite flag.
		t := blas.Trans
		if ty {
			t = blas.NoTrans
		}
		blas64.Gemv(t, alpha, y.RawMatrix(), xv, beta, blas64.Vector{N: n, Inc: 1, Data: ox.Data})
	case k == 1 && xIsVec && yIsVec:
		// An outer product: Dger, onto dst (β = 1) or written directly.
		switch beta {
		case 1:
			blas64.Ger(alpha, xv, yv, ox)
		case 0:
			outer(ox, alpha, xv, yv)
			return outerFinite(alpha, xv, yv)
		default:
			scaleRaw(ox, beta)
			blas64.Ger(alpha, xv, yv, ox)
		}
	default:
		tA, tB := blas.NoTrans, blas.NoTrans
		if tx {
			tA = blas.Trans
		}
		if ty {
			tB = blas.Trans
		}
		blas64.Gemm(tA, tB, alpha, x.RawMatrix(), y.RawMatrix(), beta, ox)
	}
	return false
}

// outerFinite reports whether every entry of α x yᵀ is finite: x and y
// are, and |α| max|x_i| max|y_j| does not overflow.
func outerFinite(alpha float64, x, y blas64.Vector) bool {
	mx, okx := maxAbs(x)
	my, oky := maxAbs(y)
	return okx && oky && math.Abs(alpha)*mx*my <= math.MaxFloat64
}

// maxAbs returns the largest magnitude of v's entries, and whether they
// are all finite.
func maxAbs(v blas64.Vector) (float64, bool) {
	m := 0.0
	for i := range v.N {
		t := v.Data[i*v.Inc]
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return 0, false
		}
		m = max(m, math.Abs(t))
	}
	return m, true
}

// outer writes α x yᵀ into dst, row by row, without reading dst: each
// row is a copy of y scaled by α x_i (memmove and Dscal, faster than
// zeroing dst for Dger).
func outer(dst blas64.General, alpha float64, x, y blas64.Vector) {
	for i := range dst.Rows {
		row := dst.Data[i*dst.Stride : i*dst.Stride+dst.Cols]
		a := alpha * x.Data[i*x.Inc]
		if y.Inc == 1 {
			copy(row, y.Data[:dst.Cols])
			blas64.Scal(a, blas64.Vector{N: dst.Cols, Inc: 1, Data: row})
			continue
		}
		for j := range row {
			row[j] = a * y.Data[j*y.Inc]
		}
	}
}

// scaleRaw multiplies every entry of dst by f.
func scaleRaw(dst blas64.General, f float64) {
	for i := range dst.Rows {
		row := dst.Data[i*dst.Stride : i*dst.Stride+dst.Cols]
		for j := range row {
			row[j] *= f
		}
	}
}

// scaleInto sets dst = α op(x) + β dst (dst has op(x)'s dimensions and is
// distinct from x). With β = 0 the previous content of dst is never read.
func scaleInto(dst *mat.Dense, alpha float64, x *mat.Dense, tx bool, beta float64) {
	o := dst.RawMatrix()
	xr := x.RawMatrix()
	for i := range o.Rows {
		row := o.Data[i*o.Stride : i*o.Stride+o.Cols]
		if !tx {
			src := xr.Data[i*xr.Stride : i*xr.Stride+o.Cols]
			if beta == 0 {
				for j, v := range src {
					row[j] = alpha * v
				}
			} else {
				for j, v := range src {
					row[j] = alpha*v + beta*row[j]
				}
			}
			continue
		}
		for j := range row {
			v := alpha * xr.Data[j*xr.Stride+i]
			if beta != 0 {
				v += beta * row[j]
			}
			row[j] = v
		}
	}
}
