package numeric

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// DirectionalThreshold is the number of entries above which the derivative
// with respect to a variable is checked along random directions instead of
// entry by entry (SPEC §4).
const DirectionalThreshold = 1000

// fdStep is the largest step of the Richardson sequence h, h/2, h/4, in
// units of max(1, |x|).
const fdStep = 1e-2

// perturbation is a function of the entries of one variable (or one family
// member) at a fixed point, evaluated by substituting a perturbed copy.
type perturbation struct {
	// x0 is the variable's value at the point, flattened row by row.
	x0 []float64
	// eval evaluates the function with the variable set to x (same
	// layout as x0), writing the flattened result to y.
	eval func(y, x []float64) error
	// m is the number of entries of the function's value.
	m int
}

// jacobianFD returns the m×n Jacobian of p.eval at p.x0 by central
// differences (gonum's fd.Jacobian with fd.Central) at steps h, h/2, h/4,
// … (h = fdStep) combined by adaptive Richardson extrapolation (ridders).
// Steps are scaled per entry by max(1, |x_j|), by differentiating in u
// with x = x0 + s ⊙ u.
func jacobianFD(p perturbation) (*mat.Dense, error) {
	n := len(p.x0)
	s := make([]float64, n)
	for j, v := range p.x0 {
		s[j] = math.Max(1, math.Abs(v))
	}
	x := make([]float64, n)
	var firstErr error
	f := func(y, u []float64) {
		for j := range x {
			x[j] = p.x0[j] + s[j]*u[j]
		}
		if err := p.eval(y, x); err != nil {
			if firstErr == nil {
				firstErr = err
			}
			for i := range y {
				y[i] = math.NaN()
			}
		}
	}
	origin := make([]float64, n)
	level := mat.NewDense(p.m, n, nil)
	d, err := ridders(p.m*n, fdStep, p.scale(), func(h float64) ([]float64, error) {
		firstErr = nil
		fd.Jacobian(level, f, origin, &fd.JacobianSettings{Formula: fd.Central, Step: h})
		return level.RawMatrix().Data, firstErr
	})
	if err != nil {
		return nil, err
	}
	out := mat.NewDense(p.m, n, d)
	for i := range p.m {
		for j := range n {
			out.Set(i, j, out.At(i, j)/s[j])
		}
	}
	return out, nil
}

// directionalFD returns the derivative of p.eval at p.x0 along v (length
// m): (f(x + h v) − f(x − h v)) / 2h at h, h/2, h/4, … with adaptive
// Richardson extrapolation (ridders), h = fdStep·max(1, max|x|). Its cost
// is a few evaluations (six for a smooth function) whatever the size of x.
func directionalFD(p perturbation, v []float64) ([]float64, error) {
	scale := 1.0
	for _, x := range p.x0 {
		scale = math.Max(scale, math.Abs(x))
	}
	x := make([]float64, len(p.x0))
	var firstErr error
	f := func(y, t []float64) {
		for j := range x {
			x[j] = p.x0[j] + scale*t[0]*v[j]
		}
		if err := p.eval(y, x); err != nil {
			if firstErr == nil {
				firstErr = err
			}
			for i := range y {
				y[i] = math.NaN()
			}
		}
	}
	level := mat.NewDense(p.m, 1, nil)
	out, err := ridders(p.m, fdStep, p.scale(), func(h float64) ([]float64, error) {
		firstErr = nil
		fd.Jacobian(level, f, []float64{0}, &fd.JacobianSettings{Formula: fd.Central, Step: h})
		return level.RawMatrix().Data, firstErr
	})
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i] /= scale
	}
	return out, nil
}

// scale is the largest magnitude of the function's entries at x0 (0 when
// it cannot be evaluated there), for the rounding floor of ridders.
func (p perturbation) scale() float64 {
	y := make([]float64, p.m)
	if p.eval(y, p.x0) != nil {
		return 0
	}
	m := 0.0
	for _, v := range y {
		m = math.Max(m, math.Abs(v))
	}
	return m
}

// randomUnit returns a random unit vector of length n.
func randomUnit(rng *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	var s float64
	for i := range v {
		v[i] = rng.NormFloat64()
		s += v[i] * v[i]
	}
	s = math.Sqrt(s)
	if s == 0 {
		v[0], s = 1, 1
	}
	for i := range v {
		v[i] /= s
	}
	return v
}
