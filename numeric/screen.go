package numeric

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// The screen: a cheap first pass of the verification that runs before
// every derivative is shown. A wrong derivative C ≠ ∇f differs from ∇f
// along a random direction v with probability 1, so comparing ⟨C, v⟩
// with one Richardson-extrapolated difference quotient along v (a few
// evaluations of f, whatever the size of the variable) at a few points
// finds it; a correct C passes with the verdict rule of Check. Only when
// the screen fails, or cannot judge (a claim undefined or of the wrong
// shape, an error), does the full Check run, to produce the report, the
// counterexample and the diagnosis.

// screenPoints is the number of points the screen draws by default (of
// Check's 8): the first, and the two drawn at larger magnitude with
// opposite signs (3 and 7, see Sample), so that a mistake hidden beyond
// |x| ≈ 4 (relu(x − 4)) is met as Check meets it.
const screenPoints = 3

// screenDirections is the number of random directions per point (and
// family member) the screen compares.
const screenDirections = 2

// screenOrder is the order in which the screen takes Check's points.
var screenOrder = []int{0, 3, 7, 1, 2, 4, 5, 6}

// screenKs returns the indices k of the points the screen draws for a
// check of points points: ⌈3·points/8⌉ of them (3 for the default 8, at
// least 1), the points of Check (0 … points−1) taken in the order 0, 3,
// 7, 1, 2, 4, 5, 6, 8, 9, ….
func screenKs(points int) []int {
	n := min(points, max(1, (screenPoints*points+7)/8))
	var ks []int
	for _, k := range screenOrder {
		if len(ks) < n && k < points {
			ks = append(ks, k)
		}
	}
	for k := len(screenOrder); len(ks) < n; k++ {
		ks = append(ks, k)
	}
	return ks
}

// Verify decides, as Check does, whether claim is the derivative of f
// with respect to wrt, but screens it first (see screen): when the screen
// passes, the report is positive, with Points the number of points
// screened and Method "random directions"; otherwise it is Check's, for
// the same arguments, report and errors alike. It is the verification
// deriv runs before a derivative is shown; --check runs Check itself.
func Verify(p *symbolic.Program, f, wrt, claim *symbolic.Expr, opts CheckOptions) (*Report, error) {
	rep, err := screen(p, f, wrt, claim, opts, false)
	if err != nil || rep != nil {
		return rep, err
	}
	return Check(p, f, wrt, claim, opts)
}

// VerifyHessian is Verify for CheckHessian: the screen compares uᵀ C v
// with second differences along random pairs of directions u, v.
func VerifyHessian(p *symbolic.Program, f, wrt, claim *symbolic.Expr, opts CheckOptions) (*Report, error) {
	rep, err := screen(p, f, wrt, claim, opts, true)
	if err != nil || rep != nil {
		return rep, err
	}
	return CheckHessian(p, f, wrt, claim, opts)
}

// screen compares the claim with directional finite differences at the
// points of screenKs: a positive report when every comparison passes
// Check's rule (observation.errorOf within opts.Tol); nil, nil when one
// fails or the screen cannot judge (Check then decides); an error only
// for a time or memory limit, which Check would meet too.
//
// A point where the differences cannot resolve the derivative (it is
// below their rounding noise, as where σ saturates) is drawn again 10 and
// 100 times smaller, as Check does, to find a scale where they can; once
// a point has resolved it, or one such search has failed (the derivative
// vanishes at every scale, as through a deep σ network, where a search
// at every point would triple the cost), an unresolved point passes as
// it passes Check: within the rounding noise of the differences.
func screen(p *symbolic.Program, f, wrt, claim *symbolic.Expr, opts CheckOptions, hessian bool) (*Report, error) {
	opts = opts.withDefaults()
	claim = fitClaim(p, f, wrt, claim, hessian)
	p, t, fc, cc, err := prepareCheck(p, f, wrt, claim)
	if err != nil {
		return nil, nil
	}
	b := newBudget(opts.Context, opts)
	sopts := opts.sampleOptions()
	pts := newPoints(p, f, claim, t, fc, cc)
	ks := screenKs(opts.Points)
	w := new(screenWork)
	// The screen's differences may stop after two steps when they agree
	// to rounding (agreedEarly).
	w.dir.table.early = true
	// searched: a point has resolved the derivative, or a search for a
	// scale where the differences resolve it has failed.
	worst, searched := 0.0, false
	for _, k := range ks {
		if err := b.alive(); err != nil {
			return nil, err
		}
		env, err := pts.point(sopts, k)
		if err != nil {
			return nil, limitOnly(err)
		}
		members := t.members(env)
		if len(members) > 1 {
			_, pert, err := t.bind(env, fc, t.rotating(env, k), b)
			if err != nil {
				return nil, limitOnly(err)
			}
			if expensive(pert) {
				members = []int{t.rotating(env, k)}
			}
		}
		for _, m := range members {
			o, ok, err := screenAt(w, pts, t, env, fc, cc, k, m, b, hessian)
			for retry := 1; retry <= 2 && !hessian && ok && err == nil && !searched && !o.resolved(); retry++ {
				s := sopts
				s.shrink = math.Pow(0.1, float64(retry))
				env2, err2 := pts.point(s, k)
				if err2 != nil {
					if IsLimit(err2) {
						return nil, err2
					}
					break
				}
				if worth, err2 := screenProbe(t, env2, fc, cc, k, m, b); err2 != nil || !worth {
					if IsLimit(err2) {
						return nil, err2
					}
					continue
				}
				o2, ok2, err2 := screenAt(w, pts, t, env2, fc, cc, k, m, b, hessian)
				if err2 != nil || !ok2 {
					if IsLimit(err2) {
						return nil, err2
					}
					break
				}
				o = o2
			}
			if err != nil || !ok {
				return nil, limitOnly(err)
			}
			searched = searched || !hessian
			e := o.errorOf(opts.Tol)
			if !(e <= opts.Tol) {
				return nil, nil
			}
			worst = math.Max(worst, e)
		}
	}
	return &Report{Verdict: "correct", Points: len(ks), MaxRelError: worst, Method: "random directions"}, nil
}

// screenWork is the storage the screen reuses from one comparison to the
// next: the random generator (seeded again for each point and member, as
// a new one would be), the direction and the directional differences'.
type screenWork struct {
	pcg rand.PCG
	rng *rand.Rand
	v   []float64
	dir dirWork
}

// random returns w's generator, drawing from w.pcg.
func (w *screenWork) random() *rand.Rand {
	if w.rng == nil {
		w.rng = rand.New(&w.pcg)
	}
	return w.rng
}

// limitOnly keeps a *LimitError and drops any other error (Check, run
// next, reports those).
func limitOnly(err error) error {
	if IsLimit(err) {
		return err
	}
	return nil
}

// screenAt compares the claim with directional differences at env for
// family member m (0 for none): the observation, and false when the
// screen cannot judge there (the claim is undefined or of the wrong
// shape; the function is not what Check accepts).
func screenAt(w *screenWork, pts *points, t *target, env *Env, fc, cc *Compiled, k, m int, b *budget, hessian bool) (observation, bool, error) {
	// For a whole variable, f and the claim at the perturbation's base
	// are what the sampler evaluated at the point: not evaluated again.
	var fv, cv *mat.Dense
	var fn int64
	if t.plain() && m == 0 {
		fv, fn, _ = pts.known(env, 0)
		cv, _, _ = pts.known(env, 1)
	}
	penv, pert, err := t.bindKnown(env, fc, m, b, fv, fn)
	if err != nil {
		return observation{}, false, err
	}
	defer pert.close()
	n := len(pert.x0)
	// The claim's expected size, as comparePoint and CheckHessian
	// expect it.
	er, ec := n, 1
	if base := penv.Vals[t.key]; m == 0 && t.entry == nil && base != nil {
		er, ec = base.Dims()
	}
	switch {
	case hessian && pert.m != 1:
		return observation{}, false, nil
	case hessian:
		er, ec = n, n
	case pert.m > 1:
		if ec != 1 {
			return observation{}, false, nil
		}
		er, ec = pert.m, n
	}
	if cv == nil {
		// The claim's value is read, never kept: it stays in cc's
		// buffers.
		var done func()
		cv, done, err = cc.borrow(penv, b)
		defer done()
		if err != nil {
			return observation{}, false, limitOnly(err)
		}
	}
	if r, c := cv.Dims(); r != er || c != ec {
		return observation{}, false, nil
	}
	w.pcg.Seed(uint64(k)+0x5c2ee4, uint64(m)+0x5eed)
	rng := w.random()
	size := screenDirections * pert.m
	if hessian {
		size = screenDirections
	}
	// One block for the four series (each filled to exactly size).
	block := make([]float64, 4*size)
	o := observation{expected: block[0:0:size], slack: block[size : size : 2*size],
		round: block[2*size : 2*size : 3*size], claimed: block[3*size : 3*size : 4*size]}
	w.v = grow(w.v, n)
	v := w.v
	for range screenDirections {
		randomUnitInto(rng, v)
		if hessian {
			u := randomUnit(rng, n)
			d, trunc, round, err := secondFD(pert, u, v)
			if err != nil {
				return observation{}, false, limitOnly(err)
			}
			o.expected = append(o.expected, d)
			o.slack = append(o.slack, trunc)
			o.round = append(o.round, round)
			o.claimed = append(o.claimed, bilinear(cv, u, v))
			continue
		}
		d, trunc, round, err := w.dir.directional(pert, v)
		if err != nil {
			return observation{}, false, limitOnly(err)
		}
		o.expected = append(o.expected, d...)
		o.slack = append(o.slack, trunc...)
		o.round = append(o.round, round...)
		o.claimed = appendDir(o.claimed, cv, false, v, pert.m)
	}
	o.fscale = pert.scale()
	if slices.ContainsFunc(o.claimed, func(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) }) {
		return observation{}, false, nil
	}
	return o, true, nil
}

// screenProbe reports whether a point drawn smaller in search of a scale
// where the differences resolve the derivative is worth the comparison:
// whether one central difference along the screen's first direction at
// the largest step (two evaluations, not a Richardson table's six or
// more), or the claim along it, stands out of the rounding noise of such
// a difference. A claim the probe cannot evaluate is worth the
// comparison (which leaves it to Check).
func screenProbe(t *target, env *Env, fc, cc *Compiled, k, m int, b *budget) (bool, error) {
	penv, pert, err := t.bind(env, fc, m, b)
	if err != nil {
		return true, limitOnly(err)
	}
	defer pert.restore()
	defer pert.close()
	cv, _, err := cc.eval(penv, b)
	if err != nil {
		return true, limitOnly(err)
	}
	n := len(pert.x0)
	if r, c := cv.Dims(); r*c != n*pert.m {
		return true, nil
	}
	v := randomUnit(rand.New(rand.NewPCG(uint64(k)+0x5c2ee4, uint64(m)+0x5eed)), n)
	scale := 1.0
	for _, x := range pert.x0 {
		scale = math.Max(scale, math.Abs(x))
	}
	h := fdStep * scale
	yp, ym := make([]float64, pert.m), make([]float64, pert.m)
	if err := pert.along(yp, h, v); err != nil {
		return true, limitOnly(err)
	}
	if err := pert.along(ym, -h, v); err != nil {
		return true, limitOnly(err)
	}
	claimed := applyDir(cv, false, v, pert.m)
	floor := slackFactor * noise(pert.scale(), fdStep) / scale
	for i := range yp {
		d := (yp[i] - ym[i]) / (2 * h)
		if !(math.Abs(d) <= floor) || !(math.Abs(claimed[i]) <= floor) {
			return true, nil
		}
	}
	return false, nil
}
