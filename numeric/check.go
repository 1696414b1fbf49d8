package numeric

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// directions is the number of random directions per point in a
// random-direction check.
const directions = 3

// Check decides whether claim is the derivative of f with respect to wrt
// in p, by comparing it with finite differences of f at opts.Points random
// points (see Sample). f is a scalar (the claim is then the gradient, of
// wrt's shape) or a vector of length m (the claim is the m×n Jacobian, wrt
// a vector of length n or a scalar). wrt is a variable, a definition (an
// intermediate: its value is substituted and perturbed), a family member
// w_1, or w_i with a free index i (then every member, up to four of them,
// is checked with i bound), or an entry W_{ij}.
//
// For variables of at most 1000 entries the derivative is computed entry
// by entry (central differences with Richardson extrapolation); above,
// the claim is compared along three random unit directions per point. The
// verdict is "correct" when the relative error is at most opts.Tol at every
// point, else "incorrect" with a counterexample (the worst point) and,
// when one fits, a diagnosis. A claim of the wrong shape is incorrect.
// Errors (*symbolic.Error): wrt is not a variable, f or claim cannot be
// compiled, or no point where f is defined was found.
func Check(p *symbolic.Program, f, wrt, claim *symbolic.Expr, opts CheckOptions) (*Report, error) {
	opts = opts.withDefaults()
	claim = fitClaim(p, f, wrt, claim, false)
	p, t, fc, cc, err := prepareCheck(p, f, wrt, claim)
	if err != nil {
		return nil, err
	}
	pts := newPoints(p, f, claim, t, fc, cc)
	rep := &Report{Verdict: "correct", Points: opts.Points, Method: "finite differences"}
	var obs []observation
	worst := -1.0
	b := newBudget(opts.Context, opts)
	sopts := opts.sampleOptions()
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
		members := t.members(env)
		first := t.rotating(env, k)
		if len(members) > 1 {
			// Bind one member first: when an evaluation is costly (a
			// family of 1000 members summed in f), this point checks
			// only that member, a different one at each point.
			_, pert, err := t.bind(env, fc, first, b)
			if err != nil {
				return nil, withSource(err, p)
			}
			if expensive(pert) {
				members = []int{first}
			}
		}
		for _, m := range members {
			at := func(env *Env) (perturbation, observation, *Counterexample, string, error) {
				penv, pert, err := t.bind(env, fc, m, b)
				if err != nil {
					return pert, observation{}, nil, "", err
				}
				o, cex, fail, err := comparePoint(p, t, penv, pert, cc, claim, f.Shape, k, m, b)
				return pert, o, cex, fail, err
			}
			pert, o, cex, fail, err := at(env)
			// Where the differences cannot resolve the derivative (it is
			// below their rounding noise, as where σ saturates), the
			// point is drawn again with values 10 and 100 times smaller.
			for retry := 1; retry <= 2 && err == nil && fail == "" && !o.resolved(); retry++ {
				s := sopts
				s.shrink = math.Pow(0.1, float64(retry))
				env2, err2 := pts.point(s, k)
				if err2 != nil {
					break
				}
				pert2, o2, cex2, fail2, err2 := at(env2)
				if err2 != nil || fail2 != "" {
					break
				}
				pert, o, cex = pert2, o2, cex2
			}
			if err != nil {
				return nil, withSource(err, p)
			}
			if fail != "" {
				// Wrong shape or undefined claim: no numeric comparison.
				rep.Verdict, rep.MaxRelError, rep.Diagnosis, rep.Counterexample = "incorrect", 1, fail, cex
				return rep, nil
			}
			if len(pert.x0)*pert.m > DirectionalThreshold || expensive(pert) {
				rep.Method = "random directions"
			}
			o.fscale = pert.scale()
			e := o.errorOf(opts.Tol)
			if worse(e, worst) {
				worst = e
				rep.Counterexample = cex
			}
			obs = append(obs, o)
		}
	}
	if err := skip.report(rep); err != nil {
		return nil, err
	}
	rep.conclude(worst, obs, opts.Tol, "incorrect")
	return rep, nil
}

// comparePoint computes the derivative and the claim at one point (and
// family member m). It returns the observation and a counterexample, or a
// failure message when the claim has the wrong shape or is undefined.
func comparePoint(p *symbolic.Program, t *target, env *Env, pert perturbation, cc *Compiled, claim *symbolic.Expr, fShape symbolic.Shape, k, m int, b *budget) (observation, *Counterexample, string, error) {
	n := len(pert.x0)
	if n*pert.m <= DirectionalThreshold {
		if err := b.checkEntries("the Jacobian", float64(n)*float64(pert.m)); err != nil {
			return observation{}, nil, "", err
		}
	}
	// The derivative's size: the target's for a scalar function, m×n
	// (Jacobian) for a vector one.
	er, ec := n, 1
	if base := env.Vals[t.key]; m == 0 && t.entry == nil {
		er, ec = base.Dims()
	}
	wantShape := t.shape
	if pert.m > 1 {
		if ec != 1 {
			return observation{}, nil, "", symbolic.Errorf(symbolic.NoPos, "the derivative of a vector with respect to the matrix %s has three axes; deriv checks gradients and Jacobians", t.key)
		}
		er, ec = pert.m, n
		wantShape = symbolic.Matrix(fShape.Rows(), t.shape.Rows())
	}
	values := pointValues(p, env, t.index, m)
	// The claim's value is read (ValueJSON, flatten and applyDir copy
	// what they keep), never kept: it stays in cc's buffers.
	cv, done, err := cc.borrow(env, b)
	defer done()
	if IsLimit(err) {
		return observation{}, nil, "", err
	}
	if err != nil {
		cex := &Counterexample{Values: values}
		if se, ok := err.(*symbolic.Error); ok {
			return observation{}, cex, "the claim is undefined at this point: " + se.Msg, nil
		}
		return observation{}, cex, "the claim is undefined at this point: " + err.Error(), nil
	}
	cr, ccol := cv.Dims()
	if cr != er || ccol != ec {
		cex := &Counterexample{Values: values, Claimed: ValueJSON(cv, claim.Shape)}
		if n*pert.m <= DirectionalThreshold {
			// Show the derivative too, so the shapes can be compared.
			if jac, _, err := jacobianFD(pert); err == nil {
				cex.Expected = ValueJSON(mat.NewDense(er, ec, jac.RawMatrix().Data), wantShape)
			}
		}
		return observation{}, cex, shapeDiagnosis(claim.Shape, wantShape, cr, ccol, er, ec), nil
	}
	if n*pert.m <= DirectionalThreshold && !expensive(pert) {
		claimed := flatten([]*mat.Dense{cv})
		var claimedT []float64
		if cr == ccol && cr > 1 {
			claimedT = transposeFlat(cv)
		}
		jac, errs, err := jacobianFD(pert)
		if err != nil {
			return observation{}, nil, "", err
		}
		exp := mat.NewDense(er, ec, jac.RawMatrix().Data)
		o := observation{expected: flatten([]*mat.Dense{exp}), claimed: claimed, claimedT: claimedT, slack: errs.trunc, round: errs.round}
		return o, &Counterexample{Values: values, Expected: ValueJSON(exp, wantShape), Claimed: ValueJSON(cv, wantShape)}, "", nil
	}
	// Random directions: compare J v with claim · v (for a scalar f,
	// ⟨claim, v⟩).
	rng := rand.New(rand.NewPCG(uint64(k)+1, uint64(m)+0x5eed))
	var o observation
	for range directionsFor(pert) {
		v := randomUnit(rng, n)
		d, errs, err := directionalFD(pert, v)
		if err != nil {
			return observation{}, nil, "", err
		}
		o.expected = append(o.expected, d...)
		o.slack = append(o.slack, errs.trunc...)
		o.round = append(o.round, errs.round...)
		o.claimed = append(o.claimed, applyDir(cv, false, v, pert.m)...)
		if cr == ccol && cr > 1 {
			o.claimedT = append(o.claimedT, applyDir(cv, true, v, pert.m)...)
		}
	}
	return o, &Counterexample{Values: values, Expected: o.expected, Claimed: o.claimed}, "", nil
}

// expensive reports whether an entry-by-entry difference would cost too
// much: about 2·6 evaluations per entry, each computing p.cost nodes.
// Such a variable is checked along random directions, whatever its size.
func expensive(p perturbation) bool {
	return float64(len(p.x0))*float64(p.cost) > 2e5
}

// directionsFor is the number of random directions per point: three, or
// one when an evaluation is costly (a large variable, a long sum), so that
// the check costs O(1) evaluations per point; the points provide more
// directions.
func directionsFor(p perturbation) int {
	if len(p.x0) >= 100000 || p.cost >= 5000 {
		return 1
	}
	return directions
}

// applyDir returns the claim (an r×c matrix) applied to the direction v:
// ⟨claim, v⟩ for a gradient (fm = 1, v flattened like the claim, or like
// its transpose when t is set), the product J v for an fm×n Jacobian
// (Jᵀ v when t is set).
func applyDir(claim *mat.Dense, t bool, v []float64, fm int) []float64 {
	return appendDir(nil, claim, t, v, fm)
}

// appendDir appends applyDir's entries to dst.
func appendDir(dst []float64, claim *mat.Dense, t bool, v []float64, fm int) []float64 {
	r, c := claim.Dims()
	raw := claim.RawMatrix()
	if fm == 1 {
		var s float64
		for i := range r {
			row := raw.Data[i*raw.Stride : i*raw.Stride+c]
			if !t {
				s += blas64.Dot(blas64.Vector{N: c, Inc: 1, Data: row}, blas64.Vector{N: c, Inc: 1, Data: v[i*c:]})
				continue
			}
			// claimᵀ flattened: entry (j, i) of the transpose is at j·r + i.
			for j, x := range row {
				s += x * v[j*r+i]
			}
		}
		return append(dst, s)
	}
	at := len(dst)
	for range r {
		dst = append(dst, 0)
	}
	out := dst[at:]
	for i := range r {
		for j := range c {
			if t {
				out[i] += claim.At(j, i) * v[j]
			} else {
				out[i] += claim.At(i, j) * v[j]
			}
		}
	}
	return dst
}

// prepareCheck resolves the target and compiles f and the claim, for Check
// and CheckHessian.
func prepareCheck(p *symbolic.Program, f, wrt, claim *symbolic.Expr) (*symbolic.Program, *target, *Compiled, *Compiled, error) {
	if p == nil {
		p = &symbolic.Program{}
	}
	t, err := resolveTarget(p, wrt)
	if err != nil {
		return nil, nil, nil, nil, withSource(err, p)
	}
	if t.sym.Kind == symbolic.SymDef && t.sym.Def != nil && t.sym.Def.Body == f && t.entry == nil {
		// ∂f/∂f: f is compiled as a reference to itself, so that the
		// perturbed value of the target is what f evaluates to.
		f = &symbolic.Expr{Op: symbolic.OpVar, Name: wrt.Name, Label: wrt.Label, Shape: f.Shape, Pos: f.Pos}
	}
	fc, err := Compile(p, f)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	cc, err := Compile(p, claim)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	return p, t, fc, cc, nil
}

// points draws the points of a check: the k-th point where f and the
// claim are defined, or, failing that, where f is (the claim's
// undefinedness is then the verdict). The expressions are compiled and
// analysed once, for every point; f alone only when a point needs it.
type points struct {
	t    *target
	p    *symbolic.Program
	fc   *Compiled
	both *sampler
	// fOnly is made on first use, from fc.
	fOnly *sampler
	// bothErr is why f and the claim together cannot be sampled (the
	// claim does not compile); fErr why f alone cannot.
	bothErr, fErr error
}

// newPoints prepares the points of a check of claim (compiled: cc)
// against f, whose compiled form fc is reused when it is f's own (not
// the reference prepareCheck makes for ∂f/∂f).
func newPoints(p *symbolic.Program, f, claim *symbolic.Expr, t *target, fc, cc *Compiled) *points {
	pts := &points{t: t, p: p}
	if fc == nil || fc.expr != f {
		if fc, pts.fErr = Compile(p, f); pts.fErr != nil {
			return pts
		}
	}
	pts.fc = fc
	if cc == nil || cc.expr != claim {
		if cc, pts.bothErr = Compile(p, claim); pts.bothErr != nil {
			return pts
		}
	}
	pts.both = newSampler(p, []*Compiled{fc, cc})
	return pts
}

// point draws the k-th point (Sample's, for f and the claim, else f).
func (pts *points) point(sopts SampleOptions, k int) (*Env, error) {
	if pts.t.index != "" {
		// The claim is checked with the free index bound: test it
		// defined at member 1.
		sopts.index = map[string]int{pts.t.index: 1}
	}
	sopts.firstAtScale = true
	if pts.fErr != nil {
		return nil, pts.fErr
	}
	if pts.both != nil {
		if env, err := pts.both.sample(sopts, k); err == nil {
			return env, nil
		}
	}
	if pts.fOnly == nil {
		pts.fOnly = newSampler(pts.p, []*Compiled{pts.fc})
	}
	return pts.fOnly.sample(sopts, k)
}

// known returns f's value (i = 0) or the claim's (i = 1) at env, with
// the nodes its evaluation computed, when env is the last point drawn
// and the sampler evaluated it there (the value is the sampler's, valid
// until the next point is drawn).
func (pts *points) known(env *Env, i int) (*mat.Dense, int64, bool) {
	if v, n, ok := pts.both.keptValue(env, i); ok {
		return v, n, true
	}
	if i == 0 {
		return pts.fOnly.keptValue(env, 0)
	}
	return nil, 0, false
}

// fitClaim gives the constants of a claim whose sizes nothing in the
// claim fixes (I, 𝟙, vector(c), matrix(c): inference gave them fresh
// dimensions) the dimensions of the expected derivative: the target's
// shape for a scalar f, m×n for a vector f, n×n for a Hessian. A claim
// that cannot fit is returned unchanged (its shape is then the verdict).
// A claim of 0 is the zero of the expected shape.
func fitClaim(p *symbolic.Program, f, wrt, claim *symbolic.Expr, hessian bool) *symbolic.Expr {
	if p == nil || f == nil || claim == nil {
		return claim
	}
	t, err := resolveTarget(p, wrt)
	if err != nil {
		return claim
	}
	want := t.shape
	switch {
	case hessian:
		want = symbolic.Matrix(t.shape.Rows(), t.shape.Rows())
	case !f.Shape.IsScalar():
		want = symbolic.Matrix(f.Shape.Rows(), t.shape.Rows())
	}
	if claim.Op == symbolic.OpNum && claim.Num == 0 && !want.Norm().IsScalar() {
		// "0" is the zero vector or matrix the printers write as 0.
		zero := *claim
		zero.Shape = nil
		return &symbolic.Expr{Op: symbolic.OpMul, Args: []*symbolic.Expr{&zero, {Op: symbolic.OpOnes, Shape: want.Norm(), Pos: claim.Pos}}, Shape: want.Norm(), Pos: claim.Pos}
	}
	return symbolic.FitDims(claim, want, symbolic.ProgramDims(p))
}
