package engine

import (
	"context"
	"fmt"
	"math"
	"strings"

	"deriv/numeric"
	"deriv/symbolic"
)

// Verdict is the outcome of a check or an equivalence.
type Verdict uint8

const (
	// Correct: the claim is the derivative at every point (check).
	Correct Verdict = iota + 1
	// Incorrect: it is not (check); the report says where and why.
	Incorrect
	// Equivalent: the two expressions agree at every point (equiv).
	Equivalent
	// Different: they do not (equiv).
	Different
)

var verdictNames = [...]string{Correct: "correct", Incorrect: "incorrect", Equivalent: "equivalent", Different: "different"}

// String is the verdict's name in SPEC §6: "correct", "incorrect",
// "equivalent", "different".
func (v Verdict) String() string {
	if int(v) < len(verdictNames) && verdictNames[v] != "" {
		return verdictNames[v]
	}
	return fmt.Sprintf("Verdict(%d)", v)
}

// MarshalText writes the verdict's name.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// Positive reports whether the verdict is Correct or Equivalent.
func (v Verdict) Positive() bool { return v == Correct || v == Equivalent }

// Diagnosis names the likely mistake behind a negative verdict.
type Diagnosis struct {
	// Code is stable (SPEC §7.3): "transpose", "sign", "factor",
	// "missing-factor", "shape", "hadamard", "other", …
	Code string
	// Message is one sentence for a person.
	Message string
	// Expr is the sub-expression the message names, when there is one.
	Expr *symbolic.Expr
}

// Report is the result of Check or Equiv.
type Report struct {
	Verdict Verdict
	// Points is the number of random points compared.
	Points int
	// MaxRelError is the largest relative error over the points (0 when
	// every entry agrees to 1e-10; 1 for a claim of the wrong shape).
	MaxRelError float64
	// Method is "finite differences", "random directions" or "values".
	Method string
	// Diagnosis is set when the verdict is negative and a mistake fits.
	Diagnosis *Diagnosis
	// Counterexample is the worst point, when the verdict is negative.
	Counterexample *numeric.Counterexample
}

// fromNumeric converts numeric's report to a typed one.
func fromNumeric(r *numeric.Report) *Report {
	out := &Report{Points: r.Points, MaxRelError: r.MaxRelError, Method: r.Method, Counterexample: r.Counterexample}
	switch r.Verdict {
	case "correct":
		out.Verdict = Correct
	case "incorrect":
		out.Verdict = Incorrect
	case "equivalent":
		out.Verdict = Equivalent
	default:
		out.Verdict = Different
	}
	if r.Diagnosis != "" {
		out.Diagnosis = &Diagnosis{Code: diagnosisCode(r.Diagnosis), Message: r.Diagnosis}
	}
	return out
}

// diagnosisCode classifies numeric's diagnosis sentences by SPEC §7.3's
// codes.
func diagnosisCode(msg string) string {
	switch {
	case strings.Contains(msg, "has shape"):
		return "shape"
	case strings.Contains(msg, "transpose"):
		return "transpose"
	case strings.HasPrefix(msg, "wrong sign"):
		return "sign"
	case strings.HasPrefix(msg, "off by a constant factor"):
		return "factor"
	case strings.Contains(msg, "chain-rule factor"):
		return "missing-factor"
	}
	return "other"
}

// CheckOptions configure Check, Equiv and the verification of Derive.
// Zero fields take SPEC §4's defaults.
type CheckOptions struct {
	// Points is the number of random points (default 8).
	Points int
	// Tol is the largest relative error that passes (default 1e-6).
	Tol float64
	// Seed makes the points reproducible (default 1, as the CLI's --seed).
	Seed int64
	// Dims fixes the sizes of dimension symbols (--dims d=1000).
	Dims map[symbolic.Dim]int
}

// Validate rejects user-given options that no check can honour: a
// tolerance that is not a positive number, a number of points outside
// 1…b.Points, a size below 1. Unlike the operations, it reads zero as
// given, not as "the default": an adapter calls it on what the user typed.
func (o CheckOptions) Validate(b Budget) error {
	b = b.withDefaults()
	switch {
	case math.IsNaN(o.Tol) || math.IsInf(o.Tol, 0) || o.Tol <= 0:
		return fmt.Errorf("deriv: --tol %v: want a positive number, such as 1e-6", o.Tol)
	case o.Points < 1 || o.Points > b.Points:
		return fmt.Errorf("deriv: --points %d: want 1 to %d points", o.Points, b.Points)
	}
	for d, n := range o.Dims {
		if n < 1 {
			return fmt.Errorf("deriv: --dims %s=%d: a size is at least 1", d, n)
		}
	}
	return nil
}

// numeric is o for package numeric, within ctx's deadline and b's memory.
func (o CheckOptions) numeric(ctx context.Context, b Budget) numeric.CheckOptions {
	return numeric.CheckOptions{Points: o.Points, Tol: o.Tol, Seed: o.Seed, Dims: o.Dims, Context: ctx, MaxEntries: b.withDefaults().Entries}
}
