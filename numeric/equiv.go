package numeric

import (
	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// Equivalent decides whether a and b are equal for all values of p's
// variables by comparing them at opts.Points random points (see Sample):
// "equivalent" when the relative error ‖b − a‖/‖a‖ is at most opts.Tol at
// every point, else "different" with the worst point as counterexample and,
// when one fits, a diagnosis (b is aᵀ, −a, or a constant multiple of a; or
// the two have different shapes). Errors: either expression cannot be
// compiled, or no point where a is defined was found.
func Equivalent(p *symbolic.Program, a, b *symbolic.Expr, opts CheckOptions) (*Report, error) {
	opts = opts.withDefaults()
	if p == nil {
		p = &symbolic.Program{}
	}
	// Constants whose sizes nothing fixes take the other side's.
	fixed := symbolic.ProgramDims(p)
	b = symbolic.FitDims(b, a.Shape, fixed)
	a = symbolic.FitDims(a, b.Shape, fixed)
	ac, err := Compile(p, a)
	if err != nil {
		return nil, err
	}
	bc, err := Compile(p, b)
	if err != nil {
		return nil, err
	}
	rep := &Report{Verdict: "equivalent", Points: opts.Points, Method: "values"}
	sopts := opts.sampleOptions()
	bud := newBudget(opts.Context, opts)
	var obs []observation
	worst := -1.0
	var skip skipped
	for k := range opts.Points {
		if err := bud.alive(); err != nil {
			return nil, err
		}
		env, err := Sample(p, []*symbolic.Expr{a, b}, sopts, k)
		if err != nil {
			if env, err = Sample(p, []*symbolic.Expr{a}, sopts, k); skip.undefined(err) {
				continue
			} else if err != nil {
				return nil, err
			}
		}
		values := pointValues(p, env, "", 0)
		av, _, err := ac.eval(env, bud)
		if err != nil {
			return nil, err
		}
		bv, _, err := bc.eval(env, bud)
		if IsLimit(err) {
			return nil, err
		}
		if err != nil {
			msg := err.Error()
			if se, ok := err.(*symbolic.Error); ok {
				msg = se.Msg
			}
			rep.Verdict, rep.MaxRelError = "different", 1
			rep.Diagnosis = "the second expression is undefined where the first is defined: " + msg
			rep.Counterexample = &Counterexample{Values: values, Expected: ValueJSON(av, a.Shape)}
			return rep, nil
		}
		ar, acol := av.Dims()
		br, bcol := bv.Dims()
		if ar != br || acol != bcol {
			rep.Verdict, rep.MaxRelError = "different", 1
			rep.Diagnosis = shapeDiagnosis(b.Shape, a.Shape, br, bcol, ar, acol)
			rep.Diagnosis = "the second expression" + rep.Diagnosis[len("the claim"):]
			rep.Counterexample = &Counterexample{Values: values, Expected: ValueJSON(av, a.Shape), Claimed: ValueJSON(bv, b.Shape)}
			return rep, nil
		}
		o := observation{expected: flatten([]*mat.Dense{av}), claimed: flatten([]*mat.Dense{bv})}
		if br == bcol && br > 1 {
			o.claimedT = transposeFlat(bv)
		}
		if e := o.errorOf(opts.Tol); worse(e, worst) {
			worst = e
			rep.Counterexample = &Counterexample{Values: values, Expected: ValueJSON(av, a.Shape), Claimed: ValueJSON(bv, b.Shape)}
		}
		obs = append(obs, o)
	}
	if err := skip.report(rep); err != nil {
		return nil, err
	}
	rep.conclude(worst, obs, opts.Tol, "different")
	return rep, nil
}
