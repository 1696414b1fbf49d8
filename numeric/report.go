package numeric

import (
	"context"
	"math"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// CheckOptions configures Check and Equivalent. Zero fields take their
// defaults.
type CheckOptions struct {
	// Points is the number of random points (default 8).
	Points int
	// Tol is the largest relative error that passes (default 1e-6).
	Tol float64
	// Seed makes the points reproducible (default 0).
	Seed int64
	// Dims fixes the sizes of some dimension symbols (--dims).
	Dims map[symbolic.Dim]int
	// Context bounds the time: nil means no deadline. It is consulted
	// between points and evaluations and every few hundred node
	// evaluations inside one, so a check stops soon after the deadline
	// with a *LimitError (Limit "time").
	Context context.Context
	// MaxEntries is the largest number of float64 entries the sampled
	// variables together, and any one intermediate array, may hold
	// (0: DefaultMaxEntries, 5×10⁷ entries or 400 MB). It is estimated
	// from the sizes before anything is allocated; over it the operation
	// fails with a *LimitError (Limit "memory"). Sums that would run
	// through more than 10⁷ terms in one evaluation fail with Limit
	// "work".
	MaxEntries int
}

// sampleOptions are the options of Sample for the points of a check.
func (o CheckOptions) sampleOptions() SampleOptions {
	return SampleOptions{Seed: o.Seed, Dims: o.Dims, Context: o.Context, MaxEntries: o.MaxEntries}
}

func (o CheckOptions) withDefaults() CheckOptions {
	if o.Points <= 0 {
		o.Points = 8
	}
	if o.Tol <= 0 {
		o.Tol = 1e-6
	}
	return o
}

// absZero is the absolute error below which two values count as equal.
const absZero = 1e-10

// Report is the verdict of Check or Equivalent (SPEC §6).
type Report struct {
	// Verdict is "correct" or "incorrect" for Check, "equivalent" or
	// "different" for Equivalent.
	Verdict string `json:"verdict"`
	// Points is the number of random points compared.
	Points int `json:"points"`
	// MaxRelError is the largest relative error over the points (1 for a
	// claim of the wrong shape).
	MaxRelError float64 `json:"max_rel_error"`
	// Method is "finite differences", "random directions" (Check, for
	// variables of more than 1000 entries) or "values" (Equivalent).
	Method string `json:"method,omitempty"`
	// Diagnosis names the likely mistake; "" when the verdict is
	// positive or no classic mistake fits.
	Diagnosis string `json:"diagnosis,omitempty"`
	// Counterexample is the worst point, when the verdict is negative.
	Counterexample *Counterexample `json:"counterexample,omitempty"`
}

// Counterexample is a point where a claim fails, ready for JSON.
type Counterexample struct {
	// Values holds the variables' values by key (ValueJSON form) and the
	// free index's value; nil when the point has more than 100000
	// entries.
	Values map[string]any `json:"values,omitempty"`
	// Expected and Claimed are the derivative (or, for Equivalent, the
	// first expression) and the claim there. In a random-direction check
	// they are the directional derivatives along the random directions.
	Expected any `json:"expected"`
	Claimed  any `json:"claimed"`
}

// floorFor is the absolute difference that counts as zero: 1e-10 (SPEC
// §4), but relative to the size of the values when they are smaller than
// 1 — fscale (|f| at the point, 0 when there is no f) or the largest
// entry compared — so that 1e-11 s and 2e-11 s differ, while the rounding
// noise of finite differences of a zero derivative (about ε·|f|/h) still
// counts as zero. Against an exact zero on either side it is 1e-10.
func floorFor(expected, claimed []float64, fscale float64) float64 {
	if allZero(expected) || allZero(claimed) {
		// Against an exact zero there is no size to be relative to: the
		// rounding left by a cancellation (−u + 3u − 2u ≈ 4e-16) is zero,
		// as SPEC §4's absolute 1e-10 says.
		return absZero
	}
	s := fscale
	for i := range expected {
		s = math.Max(s, math.Max(math.Abs(expected[i]), math.Abs(claimed[i])))
	}
	return absZero * math.Min(1, s)
}

func allZero(v []float64) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

// relErrAbove is the relative error of claimed against expected
// (flattened), ‖c − e‖₂/‖e‖₂ — 0 when every entry differs by less than
// the absolute floor (floorFor), 1 when e is zero but c is not — in which a difference within slack[i] (the
// estimated error of the finite difference expected[i], nil for none) is
// forgiven, and the absolute floor is taken relative to fscale
// (floorFor).
func relErrAbove(expected, claimed, slack, round []float64, fscale float64) float64 {
	var maxAbs, top float64
	for i := range expected {
		top = math.Max(top, math.Abs(expected[i]))
	}
	diffs := make([]float64, len(expected))
	for i := range expected {
		d := math.Abs(claimed[i] - expected[i])
		if slack != nil {
			// Forgive at most 1% of the largest entry: a finite
			// difference that cannot tell a claim from the truth to
			// 1% is no evidence either way.
			d = math.Max(0, d-math.Min(slackFactor*slack[i], 1e-2*top))
		}
		if round != nil {
			// Rounding bounds what any difference can resolve: a
			// claim within it cannot be told from the truth.
			d = math.Max(0, d-slackFactor*round[i])
		}
		diffs[i] = d
		maxAbs = math.Max(maxAbs, d)
	}
	// Norms scaled against overflow (derivatives of exp(1000 x) reach
	// 1e210).
	diff, norm := norm2(diffs), norm2(expected)
	switch {
	case math.IsNaN(diff) || math.IsInf(diff, 0):
		return math.MaxFloat64
	case maxAbs == 0 || maxAbs < floorFor(expected, claimed, fscale):
		return 0
	case norm == 0:
		return 1
	}
	return diff / norm
}

// slackFactor multiplies the error estimates of the finite differences
// into the uncertainty forgiven.
const slackFactor = 4

// errorOf is the relative error of an observation for the verdict: the
// plain relative error when it is within tol; above, the error beyond the
// numerical uncertainty of the finite differences (so a derivative whose
// entries are 3e-8 against |f| ≈ 3e3 is judged by what differences can
// resolve).
func (o observation) errorOf(tol float64) float64 {
	e := relErrAbove(o.expected, o.claimed, nil, nil, o.fscale)
	if e <= tol || o.slack == nil {
		return e
	}
	return math.Min(e, relErrAbove(o.expected, o.claimed, o.slack, o.round, o.fscale))
}

// worse reports whether the relative error e beats the worst so far by
// more than rounding (1e-6 of it), so that among points that fail alike
// (a claim of the wrong sign fails by 2 everywhere) the counterexample is
// the first, whatever the noise of the finite differences.
func worse(e, worst float64) bool {
	return e > worst+1e-6*math.Abs(worst)
}

// pointValues returns the JSON-ready values of env's variables (families
// as count×d), plus the free index, or nil when they are too large.
func pointValues(p *symbolic.Program, env *Env, index string, member int) map[string]any {
	total := 0
	for _, v := range env.Vals {
		r, c := v.Dims()
		total += r * c
	}
	if total > 100000 {
		return nil
	}
	out := map[string]any{}
	for key, v := range env.Vals {
		shape := symbolic.Shape(nil)
		if sym := p.Symbols[key]; sym != nil {
			shape = sym.Shape
			if sym.Kind == symbolic.SymFamily {
				shape = symbolic.Matrix(sym.Count, sym.Shape.Rows())
			}
		}
		out[key] = ValueJSON(v, shape)
	}
	if index != "" {
		out[index] = member
	}
	return out
}

// transposeFlat returns the entries of the transpose of v, flattened.
func transposeFlat(v *mat.Dense) []float64 {
	var t mat.Dense
	t.CloneFrom(v.T())
	return flatten([]*mat.Dense{&t})
}

// conclude sets the verdict from the worst relative error: negative (with
// a diagnosis) above tol, else positive without a counterexample.
func (rep *Report) conclude(worst float64, obs []observation, tol float64, negative string) {
	rep.MaxRelError = math.Min(worst, math.MaxFloat64)
	if worst > tol {
		rep.Verdict = negative
		rep.Diagnosis = diagnose(obs, tol)
		return
	}
	rep.Counterexample = nil
}
