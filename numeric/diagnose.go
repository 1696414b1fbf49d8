package numeric

import (
	"fmt"
	"math"

	"deriv/symbolic"
)

// observation is one comparison of a claim with the truth: flattened
// expected and claimed values, and the claim's transpose when it is square
// (else nil). In a random-direction check these are directional
// derivatives.
type observation struct {
	expected, claimed, claimedT []float64
	// slack and round hold the estimated errors of each expected value
	// (finite differences: from the Richardson table and from rounding;
	// nil for exact values), fscale |f| at the point (0 when there is no
	// f).
	slack, round []float64
	fscale       float64
}

// diagnose names the classic mistake that explains every observation
// within tol: a transposed claim, a wrong sign, a constant factor. It
// returns "" when none fits.
func diagnose(all []observation, tol float64) string {
	tol = math.Max(tol, 1e-6)
	// Observations the finite differences could not resolve (a derivative
	// below their rounding noise, as where σ saturates) say nothing.
	var obs []observation
	for _, o := range all {
		if o.resolved() {
			obs = append(obs, o)
		}
	}
	every := func(f func(o observation) float64) bool {
		any := false
		for _, o := range obs {
			if f(o) > tol {
				return false
			}
			any = true
		}
		return any
	}
	if every(func(o observation) float64 {
		if o.claimedT == nil {
			return math.Inf(1)
		}
		return o.against(o.claimedT)
	}) {
		return "the claim is the transpose of the derivative"
	}
	if every(func(o observation) float64 {
		if o.claimedT == nil {
			return math.Inf(1)
		}
		return o.against(scaled(-1, o.claimedT))
	}) {
		return "the claim is the negative of the transpose of the derivative (wrong sign and transposed)"
	}
	// A constant factor, the same at every point; or, failing that, a
	// factor that changes from point to point (a missing or extra scalar
	// chain-rule factor), which shows only where the derivative has more
	// than one entry.
	k, ok, varying, entries := 0.0, false, false, 0
	for i, o := range obs {
		var ce, ee float64
		for j := range o.expected {
			ce += o.claimed[j] * o.expected[j]
			ee += o.expected[j] * o.expected[j]
		}
		if ee == 0 {
			return ""
		}
		entries = max(entries, len(o.expected))
		ki := ce / ee
		fit := observation{expected: scaled(ki, o.expected), slack: scaled(math.Abs(ki), o.slack), round: scaled(math.Abs(ki), o.round), fscale: o.fscale}
		if fit.against(o.claimed) > tol {
			return ""
		}
		if i == 0 {
			k, ok = ki, true
		} else if math.Abs(ki-k) > tol*math.Max(1, math.Abs(k)) {
			varying = true
		}
	}
	if varying {
		if entries < 2 {
			return ""
		}
		return "the claim points the right way but is off by a scalar factor that changes from point to point: a missing or extra chain-rule factor (such as σ'(…) = σ(…)(1 − σ(…)))"
	}
	switch {
	case !ok:
		return ""
	case math.Abs(k+1) < 1e-6:
		return "wrong sign: the claim is the negative of the derivative"
	case math.Abs(k) < 1e-9:
		return "the claim is zero, but the derivative is not"
	case math.Abs(k-1) < 1e-6:
		return ""
	}
	return fmt.Sprintf("off by a constant factor: the claim is %s times the derivative", niceNumber(k))
}

// resolved reports whether the expected values stand out of the
// numerical uncertainty of the finite differences (always, for exact
// values).
func (o observation) resolved() bool {
	if o.slack == nil && o.round == nil {
		return true
	}
	return norm2(o.expected) > slackFactor*(norm2(o.slack)+norm2(o.round))
}

// against is the relative error of other (instead of the claim) against
// the expected values, forgiving the numerical uncertainty.
func (o observation) against(other []float64) float64 {
	return relErrAbove(o.expected, other, o.slack, o.round, o.fscale)
}

// shapeDiagnosis describes a claim of the wrong shape.
func shapeDiagnosis(claimShape, wantShape symbolic.Shape, cr, cc, er, ec int) string {
	cs, ws := shapeName(claimShape, cr, cc), shapeName(wantShape, er, ec)
	msg := fmt.Sprintf("the claim has shape %s but the derivative has shape %s", cs, ws)
	if cr == ec && cc == er {
		msg += " (transposed)"
	}
	return msg
}

// shapeName prefers the symbolic shape when it matches the numeric size.
func shapeName(s symbolic.Shape, r, c int) string {
	if s != nil || (r == 1 && c == 1) {
		return s.String()
	}
	switch {
	case c == 1:
		return fmt.Sprintf("vector(%d)", r)
	case r == 1:
		return fmt.Sprintf("row vector(1×%d)", c)
	}
	return fmt.Sprintf("matrix(%d×%d)", r, c)
}

// niceNumber writes k briefly: 2, 0.5, -3, 1/3.
func niceNumber(k float64) string {
	if r := math.Round(k*1e4) / 1e4; math.Abs(k-r) < 1e-7*math.Max(1, math.Abs(k)) {
		return fmt.Sprintf("%g", r)
	}
	for den := 2.0; den <= 12; den++ {
		if num := math.Round(k * den); math.Abs(k*den-num) < 1e-6 {
			return fmt.Sprintf("%g/%g", num, den)
		}
	}
	return fmt.Sprintf("%.6g", k)
}

func scaled(k float64, v []float64) []float64 {
	if v == nil {
		return nil
	}
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = k * x
	}
	return out
}
