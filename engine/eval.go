package engine

import (
	"context"

	"deriv/numeric"
	"deriv/symbolic"
)

// ReadValues reads a point from JSON (SPEC §6 "Values"): scalars as
// numbers, vectors as arrays, matrices as arrays of rows, families under
// their base name. name labels positioned errors (the file's name).
func ReadValues(p *symbolic.Program, data []byte, name string) (env *numeric.Env, err error) {
	defer recoverInternal(&err)
	env, err = numeric.ReadValues(p, data)
	if err != nil {
		return nil, relabel(err, name)
	}
	return env, nil
}

// Eval evaluates e (p's function when e is nil) at the point at. The value
// is JSON-ready: a number, an array, or an array of rows.
func Eval(ctx context.Context, p *symbolic.Program, e *symbolic.Expr, at *numeric.Env, b Budget) (v any, err error) {
	defer recoverInternal(&err)
	ctx, cancel := b.context(ctx)
	defer cancel()
	if e == nil {
		if !hasFunction(p) {
			return nil, symbolic.Errorf(symbolic.Pos(len(p.Src)), "nothing to evaluate: the program has no definition or expression").WithSource(p.Src, p.File)
		}
		e = p.Result.Body
	}
	c, err := numeric.Compile(p, e)
	if err != nil {
		return nil, inProgram(err, p)
	}
	m, err := c.EvalContext(ctx, at, numeric.CheckOptions{MaxEntries: b.withDefaults().Entries})
	if err != nil {
		return nil, inProgram(asLimit(err, ctx, b, "evaluating"), p)
	}
	if err := timeLimit(ctx, b, "evaluating"); err != nil {
		return nil, err
	}
	return numeric.ValueJSON(m, e.Shape), nil
}
