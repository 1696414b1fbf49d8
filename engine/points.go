package engine

import (
	"context"
	"math"

	"gonum.org/v1/gonum/mat"

	"deriv/numeric"
	"deriv/symbolic"
)

// Points is a fixed set of random points of one program at which
// expressions are evaluated and compared: a grader draws a question's
// points once and evaluates the reference, its mutants and every answer at
// the same points. It is read-only after SamplePoints and safe for
// concurrent use.
type Points struct {
	// Envs are the points; with a free index (∂f/∂w_i) every drawn point
	// appears once per bound member i = 1, 2, ….
	Envs []*numeric.Env
	// Member is the bound member of each Env (0 without a free index).
	Member []int
}

// maxMembers bounds the members of a family bound per point.
const maxMembers = 3

// SamplePoints draws opts.Points points (default 8) of p, seeded by
// opts.Seed, at which every expression of exprs is defined (SPEC §4: each
// dimension its own size from 2 to 6). index, when not empty, is a free
// index ranging over 1..count (the i of ∂f/∂w_i): each point is repeated
// with index bound to 1, 2, 3 (at most). Errors: an expression cannot be
// compiled, or no point where all are defined was found.
func SamplePoints(p *symbolic.Program, exprs []*symbolic.Expr, index string, count symbolic.Dim, opts CheckOptions) (pts *Points, err error) {
	defer recoverInternal(&err)
	n := opts.Points
	if n <= 0 {
		n = 8
	}
	pts = &Points{}
	sopts := numeric.SampleOptions{Seed: opts.Seed, Dims: opts.Dims}
	if sopts.Seed == 0 {
		sopts.Seed = 1
	}
	for k := range n {
		env, err := numeric.Sample(p, exprs, sopts, k)
		if err != nil {
			return nil, inProgram(err, p)
		}
		if index == "" {
			pts.Envs = append(pts.Envs, env)
			pts.Member = append(pts.Member, 0)
			continue
		}
		m, ok := env.DimSize(count)
		if !ok || m < 1 {
			m = 1
		}
		for i := 1; i <= min(m, maxMembers); i++ {
			e := env.Clone()
			e.Index[index] = i
			pts.Envs = append(pts.Envs, e)
			pts.Member = append(pts.Member, i)
		}
	}
	return pts, nil
}

// Values compiles e in p's scope and evaluates it at every point: one
// matrix per point (1×1 for a scalar, n×1 for a vector). ctx is checked
// between points and inside each evaluation; a context that ended gives a
// *LimitError naming the time budget b, and so does an array over b's
// memory. Errors: e cannot be compiled or is undefined at a point
// (*symbolic.Error), an internal failure (*InternalError).
func (pts *Points) Values(ctx context.Context, p *symbolic.Program, e *symbolic.Expr, b Budget) (out []*mat.Dense, err error) {
	defer recoverInternal(&err)
	c, err := numeric.Compile(p, e)
	if err != nil {
		return nil, err
	}
	return pts.Eval(ctx, c, b)
}

// Eval is Values for an expression compiled already.
func (pts *Points) Eval(ctx context.Context, c *numeric.Compiled, b Budget) (out []*mat.Dense, err error) {
	defer recoverInternal(&err)
	out = make([]*mat.Dense, len(pts.Envs))
	if ctx == nil {
		ctx = context.Background()
	}
	opts := numeric.CheckOptions{MaxEntries: b.withDefaults().Entries}
	for i, env := range pts.Envs {
		if err := timeLimit(ctx, b, "evaluating"); err != nil {
			return nil, err
		}
		// The deadline is checked inside the evaluation too, so a
		// hostile answer cannot outlast its budget.
		if out[i], err = c.EvalContext(ctx, env, opts); err != nil {
			return nil, asLimit(err, ctx, b, "evaluating")
		}
	}
	return out, nil
}

// RelError compares two values point by point: the largest relative error
// ‖b − a‖/max(‖a‖, tiny) over the points, 0 when every entry agrees to
// 1e-10 absolutely. same is false when a point's shapes differ (then err
// is 1).
func RelError(a, b []*mat.Dense) (err float64, same bool) {
	if len(a) != len(b) {
		return 1, false
	}
	for i := range a {
		ar, ac := a[i].Dims()
		br, bc := b[i].Dims()
		if ar != br || ac != bc {
			return 1, false
		}
		var num, den, maxAbs float64
		for r := range ar {
			for c := range ac {
				x, y := a[i].At(r, c), b[i].At(r, c)
				d := y - x
				num += d * d
				den += x * x
				if d < 0 {
					d = -d
				}
				if d > maxAbs {
					maxAbs = d
				}
			}
		}
		if maxAbs <= 1e-10 {
			continue
		}
		e := 1.0
		if den > 0 {
			e = sqrt(num / den)
		}
		if e > err {
			err = e
		}
	}
	return err, true
}

func sqrt(x float64) float64 { return math.Sqrt(x) }
