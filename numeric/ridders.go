package numeric

import "math"

// Adaptive Richardson extrapolation of central differences (Ridders'
// method, Numerical Recipes §5.7), shared by every finite difference of
// the package.

const (
	// maxLevels bounds the steps tried: h0, h0/2, …, h0/2¹⁵ (1.5e-7
	// for h0 = 1e-2, fine enough for sin(22026 a)).
	maxLevels = 16
	// minLevels is the number of steps always used (h0, h0/2, h0/4: an
	// O(h⁶) estimate), but by the screen's table when its first two
	// quotients agree to rounding (agreedEarly).
	minLevels = 3
	// riddersTol is the normwise relative error estimate below which no
	// smaller step is tried.
	riddersTol = 1e-8
	// settled is the relative error estimate below which an entry stops
	// when its error grows again. It is strict: at steps too large for a
	// fast oscillation (sin(kx²) with k ≈ 300) the differences can seem to
	// converge, to a wrong value, to about 1e-4.
	settled = 1e-8
	// settledLoose replaces settled from step h0/2^looseFrom on.
	settledLoose = 1e-4
	looseFrom    = 6
	// jump is the relative change of a plain difference quotient from the
	// best estimate that restarts the search for it.
	jump = 1e-2
	// maxCols bounds the Richardson table's columns (O(h⁸) estimates):
	// deeper columns amplify rounding noise.
	maxCols = 3
	// maxShrinks bounds how often h0 is divided by 4 when the function is
	// undefined at a step (a step that leaves the domain of log).
	maxShrinks = 6
)

// ridders estimates n derivatives from central difference quotients
// central(h) (whose errors expand in h², h⁴, …) at steps h0, h0/2, h0/4, …:
// a Richardson table per entry, keeping for each entry the estimate with
// the smallest error estimate. Steps stop halving when the error estimates
// are below riddersTol relative to the norm of the derivative (plus the
// rounding noise of a quotient at that step for a function of magnitude
// fscale, see noise), when each entry's error grows again (rounding takes over), or
// after maxLevels steps; at least minLevels steps are used. When central
// fails (the function is undefined at a step), h0 is divided by 4 and the
// search starts again, up to maxShrinks times; then the last error is
// returned. central's result is not retained.
func ridders(n int, h0, fscale float64, central func(h float64) ([]float64, error)) ([]float64, error) {
	d, _, _, err := riddersErr(n, h0, fscale, central)
	return d, err
}

// riddersErr is ridders that also returns estimates of the estimates'
// errors, per entry: the Richardson table's (the larger difference from
// the neighbouring estimates), and the rounding noise of a quotient at the
// step where the estimate was found, noise(fscale, h) (about ε·|f|/h).
// Checks use them as the numerical uncertainty that a difference between
// a claim and the estimate may be blamed on.
func riddersErr(n int, h0, fscale float64, central func(h float64) ([]float64, error)) ([]float64, []float64, []float64, error) {
	return riddersNoise(n, h0, func(h float64) float64 { return noise(fscale, h) }, central)
}

// riddersNoise is riddersErr with the rounding noise of a quotient at
// step h given by noiseAt (ε·|f|/h for a first difference, ε·|f|/h² for
// a second). The slices returned are the caller's.
func riddersNoise(n int, h0 float64, noiseAt func(h float64) float64, central func(h float64) ([]float64, error)) ([]float64, []float64, []float64, error) {
	var w riddersTable
	out, errs, round, err := w.run(n, h0, noiseAt, central)
	if err != nil {
		return nil, nil, nil, err
	}
	return out, errs, round, nil
}

// riddersTable is the storage of Ridders' method, reused from one search
// to the next (the screen runs one per direction and point): the best
// estimates, their errors and steps, and the two rows of the Richardson
// table the method needs (the current one and the previous one). The
// zero value is ready; it is not safe for concurrent use.
type riddersTable struct {
	best, bestErr, at []float64
	done              []bool
	// rows[k%2] is row k of the table, rows[k%2][j][entry] its column j.
	rows [2][maxCols + 1][]float64
	// early allows the stop after two steps of agreedEarly (the
	// screen's differences only; Check's always take minLevels).
	early bool
}

// resize makes the table hold n entries.
func (w *riddersTable) resize(n int) {
	if cap(w.best) < n {
		w.best, w.bestErr, w.at, w.done = make([]float64, n), make([]float64, n), make([]float64, n), make([]bool, n)
		for r := range w.rows {
			for j := range w.rows[r] {
				w.rows[r][j] = make([]float64, n)
			}
		}
	}
	w.best, w.bestErr, w.at, w.done = w.best[:n], w.bestErr[:n], w.at[:n], w.done[:n]
	for r := range w.rows {
		for j := range w.rows[r] {
			w.rows[r][j] = w.rows[r][j][:n]
		}
	}
}

// run is riddersNoise in w's storage: the estimates, their errors and
// rounding noise are w's slices, valid until the next run.
func (w *riddersTable) run(n int, h0 float64, noiseAt func(h float64) float64, central func(h float64) ([]float64, error)) ([]float64, []float64, []float64, error) {
	var err error
	for range maxShrinks + 1 {
		if err = w.from(n, h0, noiseAt, central); err == nil {
			for e, h := range w.at {
				w.at[e] = noiseAt(h)
			}
			return w.best, w.bestErr, w.at, nil
		}
		if IsLimit(err) {
			return nil, nil, nil, err
		}
		h0 /= 4
	}
	return nil, nil, nil, err
}

// from is one search of ridders from step h0, into w.best, w.bestErr
// and w.at (the step at which each estimate was found).
func (w *riddersTable) from(n int, h0 float64, noiseAt func(h float64) float64, central func(h float64) ([]float64, error)) error {
	w.resize(n)
	best, bestErr, done, at := w.best, w.bestErr, w.done, w.at
	for e := range n {
		best[e], bestErr[e], done[e] = 0, math.Inf(1), false
	}
	h := h0
	// at[e] is the step at which best[e] was found (its rounding noise
	// is that of the quotients at that step).
	for e := range at {
		at[e] = h0
	}
	for k := range maxLevels {
		d, err := central(h)
		if err != nil {
			if k < minLevels || IsLimit(err) {
				return err
			}
			break
		}
		cols := min(k, maxCols)
		// row is row k of the table, prev row k − 1 (when k > 0).
		row, prev := &w.rows[k%2], &w.rows[(k+1)%2]
		copy(row[0], d)
		if k == 0 {
			copy(best, d)
		}
		floor := noiseAt(h)
		if k > 0 {
			// A jump away from the best estimate (beyond what rounding
			// can do) means the steps so far were too large for the
			// function's scale: forget the best estimate.
			for e := range n {
				if !done[e] && math.Abs(row[0][e]-best[e]) > jump*math.Abs(best[e])+floor {
					bestErr[e] = math.Inf(1)
				}
			}
		}
		fac := 1.0
		for j := 1; j <= cols; j++ {
			fac *= 4
			for e := range n {
				row[j][e] = row[j-1][e] + (row[j-1][e]-prev[j-1][e])/(fac-1)
				if done[e] {
					continue
				}
				ee := math.Max(math.Abs(row[j][e]-row[j-1][e]), math.Abs(row[j][e]-prev[j-1][e]))
				if ee <= bestErr[e] {
					bestErr[e], best[e], at[e] = ee, row[j][e], h
				}
			}
		}
		if k > 0 {
			// An entry whose error grows again is done, once its estimate
			// has settled: strictly at large steps (where the differences
			// of a fast oscillation can seem to converge to a wrong
			// value), loosely from h0/64 on (where rounding takes over).
			tol := settled
			if k >= looseFrom {
				tol = settledLoose
			}
			last := min(k-1, maxCols)
			for e := range n {
				if !done[e] && bestErr[e] <= tol*math.Abs(best[e])+floor && math.Abs(row[cols][e]-prev[last][e]) >= 2*bestErr[e] {
					done[e] = true
				}
			}
		}
		h /= 2
		if k == 1 && w.early && agreedEarly(row[0], prev[0], floor) {
			break
		}
		if k+1 >= minLevels && converged(best, bestErr, done, floor) {
			break
		}
	}
	return nil
}

// earlyMargin is how far out of the rounding noise floor a quotient must
// stand for agreedEarly: then the estimate resolves the derivative
// whether the table stops after two steps or three (observation.resolved
// holds either way, so the screen's search for smaller points is the
// same).
const earlyMargin = 1000

// agreedEarly reports whether the first two central quotients, d0 at h
// and d1 at h/2, agree within the rounding noise floor of a quotient at
// h/2, entry by entry, and stand well out of it (earlyMargin). The
// quotient is D(h) = f' + c₂h² + c₄h⁴ + …: agreement to rounding means
// the terms in h are below rounding at these steps, so a third step could
// not make the estimate better than rounding allows; along a direction in
// which f is a polynomial of degree two at most (every linear and
// quadratic form, least squares, traces of products linear in each
// factor) D(h) is exact and the third step is pure cost. Agreement by
// coincidence (terms cancelling at h, a fast oscillation) could only
// give a wrong estimate, against which a right claim fails the screen and
// goes to the full Check: the screen never passes what Check rejects,
// and Check itself never stops early.
func agreedEarly(d1, d0 []float64, floor float64) bool {
	for e, x := range d1 {
		if !(math.Abs(x-d0[e]) <= floor) || !(math.Abs(x) > earlyMargin*floor) {
			return false
		}
	}
	return true
}

// norm2 is the Euclidean norm of v, scaled so that entries of 1e200 do not
// overflow.
func norm2(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	if m == 0 || math.IsInf(m, 0) || math.IsNaN(m) {
		return m
	}
	var s float64
	for _, x := range v {
		s += (x / m) * (x / m)
	}
	return m * math.Sqrt(s)
}

// noise is the rounding error to expect in a difference quotient at step
// h of a function of magnitude fscale: 64ε·fscale/h, plus 1e-13.
func noise(fscale, h float64) float64 {
	const eps = 0x1p-52
	return 64*eps*fscale/h + 1e-13
}

// converged reports whether every entry still improving has an error
// estimate below riddersTol‖best‖ + floor.
func converged(best, bestErr []float64, done []bool, floor float64) bool {
	limit := riddersTol*norm2(best) + floor
	for e, ee := range bestErr {
		if !done[e] && !(ee <= limit) {
			return false
		}
	}
	return true
}
