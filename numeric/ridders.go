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
	// O(h⁶) estimate).
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
// a second).
func riddersNoise(n int, h0 float64, noiseAt func(h float64) float64, central func(h float64) ([]float64, error)) ([]float64, []float64, []float64, error) {
	var err error
	for range maxShrinks + 1 {
		var out, errs, at []float64
		if out, errs, at, err = riddersFrom(n, h0, noiseAt, central); err == nil {
			for e, h := range at {
				at[e] = noiseAt(h)
			}
			return out, errs, at, nil
		}
		if IsLimit(err) {
			return nil, nil, nil, err
		}
		h0 /= 4
	}
	return nil, nil, nil, err
}

// riddersFrom is one search of ridders from step h0.
func riddersFrom(n int, h0 float64, noiseAt func(h float64) float64, central func(h float64) ([]float64, error)) ([]float64, []float64, []float64, error) {
	best := make([]float64, n)
	bestErr := make([]float64, n)
	done := make([]bool, n)
	for e := range bestErr {
		bestErr[e] = math.Inf(1)
	}
	var prev [][]float64 // the previous row of the table, prev[j][entry]
	h := h0
	// at[e] is the step at which best[e] was found (its rounding noise
	// is that of the quotients at that step).
	at := make([]float64, n)
	for e := range at {
		at[e] = h0
	}
	for k := range maxLevels {
		d, err := central(h)
		if err != nil {
			if k < minLevels || IsLimit(err) {
				return nil, nil, nil, err
			}
			break
		}
		cols := min(k, maxCols)
		row := make([][]float64, cols+1)
		row[0] = append([]float64(nil), d...)
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
			row[j] = make([]float64, n)
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
		prev = row
		h /= 2
		if k+1 >= minLevels && converged(best, bestErr, done, floor) {
			break
		}
	}
	return best, bestErr, at, nil
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
