package numeric

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// CheckHessian decides whether claim (n×n) is the Hessian of the scalar f
// with respect to wrt (a vector of length n, or a scalar), comparing it at
// opts.Points random points with second differences
// (f(x+hu+hv) − f(x+hu−hv) − f(x−hu+hv) + f(x−hu−hv))/4h² at h, h/2, h/4
// with Richardson extrapolation: entry by entry (u, v unit vectors) for
// n ≤ 20, else along three random pairs of unit directions. Verdicts,
// diagnoses and errors are those of Check.
func CheckHessian(p *symbolic.Program, f, wrt, claim *symbolic.Expr, opts CheckOptions) (*Report, error) {
	opts = opts.withDefaults()
	claim = fitClaim(p, f, wrt, claim, true)
	p, t, fc, cc, err := prepareCheck(p, f, wrt, claim)
	if err != nil {
		return nil, err
	}
	rep := &Report{Verdict: "correct", Points: opts.Points, Method: "finite differences"}
	sopts := opts.sampleOptions()
	pts := newPoints(p, f, claim, t, fc, cc)
	b := newBudget(opts.Context, opts)
	var obs []observation
	worst := -1.0
	var skip skipped
	for k := range opts.Points {
		if err := b.alive(); err != nil {
			return nil, err
		}
		env, err := pts.point(sopts, k)
		if skip.undefined(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, m := range t.members(env) {
			penv, pert, err := t.bind(env, fc, m, b)
			if err != nil {
				return nil, withSource(err, p)
			}
			if pert.m != 1 {
				return nil, withSource(symbolic.Errorf(f.Pos, "the Hessian needs a scalar function"), p)
			}
			n := len(pert.x0)
			values := pointValues(p, penv, t.index, m)
			cv, _, err := cc.eval(penv, b)
			if IsLimit(err) {
				return nil, err
			}
			if err != nil {
				rep.Verdict, rep.MaxRelError, rep.Diagnosis = "incorrect", 1, "the claim is undefined at this point: "+err.Error()
				rep.Counterexample = &Counterexample{Values: values}
				return rep, nil
			}
			if r, c := cv.Dims(); r != n || c != n {
				want := symbolic.Matrix(t.shape.Rows(), t.shape.Rows())
				rep.Verdict, rep.MaxRelError = "incorrect", 1
				rep.Diagnosis = shapeDiagnosis(claim.Shape, want, r, c, n, n)
				rep.Counterexample = &Counterexample{Values: values, Claimed: ValueJSON(cv, claim.Shape)}
				return rep, nil
			}
			var us, vs [][]float64
			if n <= 20 {
				for i := range n {
					for j := range n {
						us, vs = append(us, unit(n, i)), append(vs, unit(n, j))
					}
				}
			} else {
				rep.Method = "random directions"
				rng := rand.New(rand.NewPCG(uint64(k)+7, uint64(m)))
				for range directions {
					us, vs = append(us, randomUnit(rng, n)), append(vs, randomUnit(rng, n))
				}
			}
			var o observation
			for q := range us {
				d, trunc, round, err := secondFD(pert, us[q], vs[q])
				if err != nil {
					return nil, withSource(err, p)
				}
				o.expected = append(o.expected, d)
				o.slack = append(o.slack, trunc)
				o.round = append(o.round, round)
				o.claimed = append(o.claimed, bilinear(cv, us[q], vs[q]))
				o.claimedT = append(o.claimedT, bilinear(cv, vs[q], us[q]))
			}
			o.fscale = pert.scale()
			if e := o.errorOf(opts.Tol); worse(e, worst) {
				worst = e
				rep.Counterexample = &Counterexample{Values: values, Expected: o.expected, Claimed: o.claimed}
				if n <= 20 {
					rep.Counterexample.Expected = ValueJSON(mat.NewDense(n, n, o.expected), symbolic.Matrix(t.shape.Rows(), t.shape.Rows()))
					rep.Counterexample.Claimed = ValueJSON(cv, claim.Shape)
				}
			}
			obs = append(obs, o)
		}
	}
	if err := skip.report(rep); err != nil {
		return nil, err
	}
	rep.MaxRelError = worst
	if worst > opts.Tol {
		rep.Verdict = "incorrect"
		rep.Diagnosis = diagnose(obs, opts.Tol)
		return rep, nil
	}
	rep.Counterexample = nil
	return rep, nil
}

// secondFD is uᵀ H v by mixed central second differences
// (f(x+hu+hv) − f(x+hu−hv) − f(x−hu+hv) + f(x−hu−hv))/4h² at h, h/2, h/4,
// … with adaptive Richardson extrapolation (ridders), h = fdStep·max(1,
// max|x|), with the estimate's truncation error and rounding noise
// (riddersErr), which a check forgives: for large n the second
// difference of an f of size n resolves uᵀ H v (of size 1/√n for random
// unit directions) only to about ε·n/h².
func secondFD(p perturbation, u, v []float64) (d, trunc, round float64, err error) {
	scale := 1.0
	for _, x := range p.x0 {
		scale = math.Max(scale, math.Abs(x))
	}
	x := make([]float64, len(p.x0))
	y := make([]float64, 1)
	at := func(a, b float64) (float64, error) {
		for j := range x {
			x[j] = p.x0[j] + a*u[j] + b*v[j]
		}
		err := p.eval(y, x)
		return y[0], err
	}
	// A second difference's rounding error grows as 1/h², not 1/h: a
	// floor of ε·|f|/h would let the table halve the step into noise (at
	// |x| ≈ 10 on xᵀ A x, n = 1000, it returned 2207 for 0.78).
	// The rounding of f itself, a sum over n entries at large n, grows
	// about as √n (softplus and exp sums at n = 1000, |x| ≈ 10, were off
	// by 5e-6 where ε·|f|/h² allowed 1e-5 of 4e-4).
	h0 := fdStep * scale
	fscale := p.scale() * math.Sqrt(float64(max(1, len(p.x0))))
	ds, truncs, rounds, err := riddersNoise(1, h0, func(h float64) float64 { return noise(fscale/h, h) }, func(h float64) ([]float64, error) {
		var s float64
		for _, c := range [4][3]float64{{1, 1, 1}, {1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}} {
			f, err := at(c[0]*h, c[1]*h)
			if err != nil {
				return nil, err
			}
			s += c[2] * f
		}
		return []float64{s / (4 * h * h)}, nil
	})
	if err != nil {
		return 0, 0, 0, err
	}
	return ds[0], truncs[0], rounds[0], nil
}

func unit(n, i int) []float64 {
	v := make([]float64, n)
	v[i] = 1
	return v
}

// bilinear returns uᵀ M v.
func bilinear(m *mat.Dense, u, v []float64) float64 {
	return mat.Inner(mat.NewVecDense(len(u), u), m, mat.NewVecDense(len(v), v))
}

// EvalTarget evaluates the compiled derivative c with respect to wrt at
// the point at and returns it in JSON form (ValueJSON). For a family
// member w_i with a free index i the derivative is evaluated for every
// member, i = 1..count, and returned stacked as the count×d array of SPEC
// §6 (an array of length count for a family of scalars).
func EvalTarget(c *Compiled, at *Env, p *symbolic.Program, wrt *symbolic.Expr) (any, error) {
	t, err := resolveTarget(p, wrt)
	if err != nil {
		return nil, withSource(err, p)
	}
	if t.index == "" {
		v, err := c.Eval(at)
		if err != nil {
			return nil, err
		}
		return ValueJSON(v, c.expr.Shape), nil
	}
	n, ok := at.DimSize(t.sym.Count)
	if !ok {
		return nil, withSource(symbolic.Errorf(wrt.Pos, "the size of the family %s is unknown", t.key), p)
	}
	members := make([]int, n)
	for i := range members {
		members[i] = i + 1
	}
	rows, err := c.evalEach(at, t.index, members, nil)
	if err != nil {
		return nil, err
	}
	if t.shape.IsScalar() {
		col := make([]float64, n)
		for i, r := range rows {
			col[i] = r[0]
		}
		return col, nil
	}
	return rows, nil
}
