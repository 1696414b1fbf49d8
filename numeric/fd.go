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
	// along evaluates the function with the variable set to x0 + t·v,
	// writing the flattened result to y (without building x).
	along   func(y []float64, t float64, v []float64) error
	restore func()
	// steady (nil: nothing to do) declares the direction the next calls
	// of along pass (see affine.steady), nil to end the declaration.
	steady func(v []float64)
	// release (nil: nothing to do) gives back what the perturbation
	// holds (an evaluation frame); the perturbation must not be used
	// after.
	release func()
	// m is the number of entries of the function's value; f0 the value
	// at x0.
	m  int
	f0 []float64
	// cost is the number of nodes one evaluation computes.
	cost int64
}

// jacobianFD returns the m×n Jacobian of p.eval at p.x0 by central
// differences (gonum's fd.Jacobian with fd.Central) at steps h, h/2, h/4,
// … (h = fdStep) combined by adaptive Richardson extrapolation (ridders),
// and per entry an estimate of its error (riddersErr). Steps are scaled
// per entry by max(1, |x_j|), by differentiating in u with x = x0 + s ⊙ u.
func jacobianFD(p perturbation) (*mat.Dense, fdError, error) {
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
	d, errs, round, err := riddersErr(p.m*n, fdStep, p.scale(), func(h float64) ([]float64, error) {
		firstErr = nil
		fd.Jacobian(level, f, origin, &fd.JacobianSettings{Formula: fd.Central, Step: h})
		return level.RawMatrix().Data, firstErr
	})
	if err != nil {
		return nil, fdError{}, err
	}
	out := mat.NewDense(p.m, n, d)
	rounds := make([]float64, len(errs))
	for i := range p.m {
		for j := range n {
			out.Set(i, j, out.At(i, j)/s[j])
			errs[i*n+j] /= s[j]
			rounds[i*n+j] = round[i*n+j] / s[j]
		}
	}
	return out, fdError{errs, rounds}, nil
}

// fdError holds the estimated errors of finite differences, entry by
// entry: trunc from the Richardson table, round from rounding (ε·|f|/h).
type fdError struct {
	trunc, round []float64
}

// directionalFD returns the derivative of p at p.x0 along v (length m):
// (f(x + h v) − f(x − h v)) / 2h at h, h/2, h/4, … with adaptive
// Richardson extrapolation (riddersErr), h = fdStep·max(1, max|x|), and
// per entry an estimate of its error, rounding included (about
// ε·|f|/h). Its cost is a few evaluations (six for a smooth function)
// whatever the size of x. The slices returned are the caller's.
func directionalFD(p perturbation, v []float64) ([]float64, fdError, error) {
	var w dirWork
	d, trunc, round, err := w.directional(p, v)
	if err != nil {
		return nil, fdError{}, err
	}
	return d, fdError{trunc, round}, nil
}

// dirWork is the storage of directional differences, reused from one
// direction (and point) to the next: the Richardson table, the values
// of f either side and the quotients. The zero value is ready; it is not
// safe for concurrent use.
type dirWork struct {
	table     riddersTable
	yp, ym, d []float64
}

// directional is directionalFD in w's storage: the derivative along v,
// its truncation and rounding errors are w's slices, valid until the
// next call.
func (w *dirWork) directional(p perturbation, v []float64) (d, trunc, round []float64, err error) {
	scale := 1.0
	for _, x := range p.x0 {
		if x > scale {
			scale = x
		} else if -x > scale {
			scale = -x
		}
	}
	w.yp, w.ym, w.d = grow(w.yp, p.m), grow(w.ym, p.m), grow(w.d, p.m)
	yp, ym, q := w.yp, w.ym, w.d
	if p.restore != nil {
		defer p.restore()
	}
	if p.steady != nil {
		// Every step below moves along the same v.
		p.steady(v)
		defer p.steady(nil)
	}
	fscale := p.scale()
	out, errs, rounds, err := w.table.run(p.m, fdStep, func(h float64) float64 { return noise(fscale, h) }, func(h float64) ([]float64, error) {
		if err := p.along(yp, scale*h, v); err != nil {
			return nil, err
		}
		if err := p.along(ym, -scale*h, v); err != nil {
			return nil, err
		}
		for i := range q {
			q[i] = (yp[i] - ym[i]) / (2 * h)
		}
		return q, nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	for i := range out {
		out[i] /= scale
		errs[i] /= scale
		rounds[i] /= scale
	}
	return out, errs, rounds, nil
}

// grow returns s with length n (its storage when large enough).
func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// close releases what p holds (see release).
func (p perturbation) close() {
	if p.release != nil {
		p.release()
	}
}

// scale is the largest magnitude of the function's entries at x0 (0 when
// it cannot be evaluated there), for the rounding floor of ridders.
func (p perturbation) scale() float64 {
	y := p.f0
	if y == nil {
		y = make([]float64, p.m)
		if p.eval(y, p.x0) != nil {
			return 0
		}
	}
	m := 0.0
	for _, v := range y {
		m = math.Max(m, math.Abs(v))
	}
	return m
}

// randomUnit returns a random unit vector of length n: Gaussian entries,
// normalised; above 10⁴ entries random signs ±1/√n (as good a direction,
// 64 entries per random number).
func randomUnit(rng *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	randomUnitInto(rng, v)
	return v
}

// randomUnitInto is randomUnit into v (of length n): the same draws from
// rng, the same vector.
func randomUnitInto(rng *rand.Rand, v []float64) {
	n := len(v)
	if n > 10000 {
		// ±c entry by entry from the bits of a random number (bit 1: +c),
		// the sign bit set without a branch.
		c := math.Float64bits(1 / math.Sqrt(float64(n)))
		for i := 0; i < n; i += 64 {
			bits := rng.Uint64()
			for k, x := range v[i:min(i+64, n)] {
				_ = x
				v[i+k] = math.Float64frombits(c | (^bits>>k&1)<<63)
			}
		}
		return
	}
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
}
