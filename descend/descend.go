// Package descend runs gradient descent numerically with a program's
// closed-form gradients and reports which weights stay equal to each other
// (SPEC §7.6; the symmetric initialisation of the worksheet's section 1).
package descend

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"

	"deriv/engine"
	"deriv/graph"
	"deriv/numeric"
	"deriv/symbolic"
)

// Options configure Run.
type Options struct {
	// Steps is the number of updates (default 5).
	Steps int
	// Rate is the step size η (default 0.1).
	Rate float64
	// Init sets every entry of the named weights to a constant (keys are
	// names in any spelling: W1, W^{(1)}).
	Init map[string]float64
	// Start is the starting point (--at); nil draws one from Seed.
	Start *numeric.Env
	// Seed draws the starting point's other values and the sizes.
	Seed int64
	// Dims fixes sizes of dimension symbols.
	Dims map[symbolic.Dim]int
}

// Iterate is the point after Step updates.
type Iterate struct {
	Step int
	// Loss is the function's value there.
	Loss float64
	// Values holds each parameter's value (by its key), JSON-ready.
	Values map[string]any
}

// Finding is what stayed equal in one parameter over all the iterates.
type Finding struct {
	// Name is the parameter as printed (W1, w_i).
	Name string
	// Kind: "entries" (every entry equal), "rows" (all rows equal: each
	// column constant), "columns" (all columns equal), "members" (all
	// members of a family equal), or "none".
	Kind string
	// Stayed is set when the equality held at every iterate; else
	// BrokenAt is the first step where it failed (the entries became
	// distinct).
	Stayed   bool
	BrokenAt int
	// Message says it in a sentence.
	Message string
}

// Result is a run of gradient descent.
type Result struct {
	Of     string
	Rate   float64
	Params []*symbolic.Expr
	// Gradients are the closed forms used, in Params' order (text).
	Gradients []string
	Sizes     map[symbolic.Dim]int
	Iterates  []Iterate
	Findings  []Finding
	// Symmetric is set when some parameter kept equal rows, columns or
	// members while the data differ: hidden units that cannot become
	// different.
	Symmetric bool
}

// Run performs opts.Steps steps of w ← w − η ∂f/∂w for every parameter
// in params (variables or family members w_i) of p's scalar function.
func Run(ctx context.Context, p *symbolic.Program, params []*symbolic.Expr, opts Options) (*Result, error) {
	if opts.Steps == 0 {
		opts.Steps = 5
	}
	if opts.Steps < 0 || opts.Steps > 10000 {
		return nil, fmt.Errorf("deriv: --steps %d: want 1 to 10000 steps", opts.Steps)
	}
	if opts.Rate == 0 {
		opts.Rate = 0.1
	}
	if math.IsNaN(opts.Rate) || math.IsInf(opts.Rate, 0) || opts.Rate < 0 {
		return nil, fmt.Errorf("deriv: --rate %v: want a positive step size", opts.Rate)
	}
	ds, err := engine.Derive(ctx, p, engine.DeriveRequest{Kind: engine.Grad, Wrt: params, Verify: engine.VerifySilently, Check: engine.CheckOptions{Dims: opts.Dims}})
	if err != nil {
		return nil, err
	}
	res := &Result{Of: engine.OfName(p), Rate: opts.Rate, Params: params}
	grads := make([]*numeric.Compiled, len(ds))
	for i, d := range ds {
		if d.Failed() {
			return nil, fmt.Errorf("deriv: ∂%s/∂%s failed its numeric check; this is a bug in deriv", d.Of, symbolic.Print(d.Wrt, symbolic.Text))
		}
		line := d.Head(symbolic.Text) + " = " + d.Body(symbolic.Text)
		var where []string
		for _, w := range d.WhereLines(symbolic.Text) {
			where = append(where, w.Name+" = "+w.Expr)
		}
		if len(where) > 0 {
			line += "  where " + strings.Join(where, ", ")
		}
		res.Gradients = append(res.Gradients, line)
		if grads[i], err = numeric.Compile(p, d.Full()); err != nil {
			return nil, err
		}
	}
	loss, err := numeric.Compile(p, p.Result.Body)
	if err != nil {
		return nil, err
	}
	env := opts.Start
	if env == nil {
		if env, err = numeric.Sample(p, []*symbolic.Expr{p.Result.Body}, numeric.SampleOptions{Seed: opts.Seed, Dims: opts.Dims}, 0); err != nil {
			return nil, err
		}
	}
	env = env.Clone()
	if err := applyInit(p, env, opts.Init); err != nil {
		return nil, err
	}
	res.Sizes = env.Dims
	keys := make([]string, len(params))
	for i, w := range params {
		keys[i] = w.Key()
		if env.Vals[keys[i]] == nil {
			return nil, fmt.Errorf("deriv: %s has no value", symbolic.Print(w, symbolic.Text))
		}
	}
	if err := checkWork(env, keys, opts.Steps); err != nil {
		return nil, err
	}
	var history [][]*mat.Dense
	record := func(step int) error {
		v, err := loss.Eval(env)
		if err != nil {
			return err
		}
		it := Iterate{Step: step, Loss: v.At(0, 0), Values: map[string]any{}}
		snap := make([]*mat.Dense, len(params))
		for i, w := range params {
			m := env.Vals[keys[i]]
			snap[i] = mat.DenseCopyOf(m)
			it.Values[symbolic.Print(baseOf(w), symbolic.Text)] = valueJSON(p, w, m)
		}
		res.Iterates = append(res.Iterates, it)
		history = append(history, snap)
		return nil
	}
	if err := record(0); err != nil {
		return nil, err
	}
	for step := 1; step <= opts.Steps; step++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		next := make([]*mat.Dense, len(params))
		for i, w := range params {
			g, err := gradient(p, grads[i], env, w)
			if err != nil {
				return nil, err
			}
			cur := env.Vals[keys[i]]
			var upd mat.Dense
			upd.Scale(-opts.Rate, g)
			upd.Add(cur, &upd)
			next[i] = &upd
		}
		for i := range params {
			env.Vals[keys[i]] = next[i]
		}
		if err := record(step); err != nil {
			return nil, err
		}
	}
	res.Findings, res.Symmetric = findings(p, params, history)
	return res, nil
}

// baseOf is the family's name for a member (w for w_i), else w.
func baseOf(w *symbolic.Expr) *symbolic.Expr {
	if len(w.Sub) == 0 {
		return w
	}
	cp := *w
	cp.Sub = nil
	return &cp
}

// gradient evaluates ∂f/∂w at env with w's value layout: the stacked
// count×d array for a family member w_i.
func gradient(p *symbolic.Program, c *numeric.Compiled, env *numeric.Env, w *symbolic.Expr) (*mat.Dense, error) {
	sym := p.Symbols[w.Key()]
	if sym == nil || sym.Kind != symbolic.SymFamily || len(w.Sub) != 1 || w.Sub[0].Op != symbolic.OpVar {
		return c.Eval(env)
	}
	cur := env.Vals[w.Key()]
	r, cols := cur.Dims()
	out := mat.NewDense(r, cols, nil)
	e := env.Clone()
	for i := 1; i <= r; i++ {
		e.Index[w.Sub[0].Name] = i
		v, err := c.Eval(e)
		if err != nil {
			return nil, err
		}
		vr, vc := v.Dims()
		k := 0
		for a := range vr {
			for b := range vc {
				out.Set(i-1, k, v.At(a, b))
				k++
			}
		}
	}
	return out, nil
}

// applyInit sets every entry of each named weight to its constant.
func applyInit(p *symbolic.Program, env *numeric.Env, init map[string]float64) error {
	names := make([]string, 0, len(init))
	for k := range init {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, name := range names {
		key := InitKey(p, name)
		sym := p.Symbols[key]
		if sym == nil || (sym.Kind != symbolic.SymVar && sym.Kind != symbolic.SymFamily) {
			return fmt.Errorf("deriv: --init %s: the program has no variable %s", name, name)
		}
		v := env.Vals[key]
		if v == nil {
			return fmt.Errorf("deriv: --init %s: %s has no value (is it used?)", name, name)
		}
		r, c := v.Dims()
		m := mat.NewDense(r, c, nil)
		for i := range r {
			for j := range c {
				m.Set(i, j, init[name])
			}
		}
		env.Vals[key] = m
	}
	return nil
}

// valueJSON writes a value as SPEC §6 does: a family as count×d rows.
func valueJSON(p *symbolic.Program, w *symbolic.Expr, m *mat.Dense) any {
	sym := p.Symbols[w.Key()]
	if sym != nil && sym.Kind == symbolic.SymFamily {
		r, c := m.Dims()
		if c == 1 {
			out := make([]float64, r)
			for i := range r {
				out[i] = m.At(i, 0)
			}
			return out
		}
		return numeric.ValueJSON(m, symbolic.Matrix("n", "d"))
	}
	return numeric.ValueJSON(m, sym.Shape)
}

// Params lists the parameters of p's function, for when none are named:
// the variables and families it uses whose names are a weight's or a
// bias's (graph.IsParam: W1, w, b_i, θ), in declaration order.
func Params(p *symbolic.Program) []*symbolic.Expr {
	used := p.Uses(p.Result.Body)
	var out []*symbolic.Expr
	for _, key := range p.Order {
		s := p.Symbols[key]
		if s == nil || !used[key] || (s.Kind != symbolic.SymVar && s.Kind != symbolic.SymFamily) {
			continue
		}
		base, label := symbolic.SplitKey(key)
		v := &symbolic.Expr{Op: symbolic.OpVar, Name: base, Label: label, Shape: s.Shape, Pos: symbolic.NoPos}
		if !graph.IsParam(v) {
			continue
		}
		if s.Kind == symbolic.SymFamily {
			v.Sub = []*symbolic.Expr{{Op: symbolic.OpVar, Name: s.Index, Pos: symbolic.NoPos}}
		}
		out = append(out, v)
	}
	return out
}

// InitKey is the symbol key of a name given to --init in any spelling:
// W1, W^{(1)}, w (a family) or a member w_i.
func InitKey(p *symbolic.Program, name string) string {
	key := numeric.NormalizeKey(name)
	if p.Symbols[key] != nil {
		return key
	}
	if e, err := engine.ParseExpr(p, name); err == nil && e.Op == symbolic.OpVar {
		return e.Key()
	}
	return key
}

// MaxEntrySteps bounds a descent's work and memory: the entries of all the
// values times the steps (each step evaluates the gradients over them and
// keeps a copy of the parameters).
const MaxEntrySteps = 20_000_000

// checkWork refuses, before any step, a descent over more than
// MaxEntrySteps entry-steps (--dims d=2000 with 10000 steps would run for
// minutes and keep gigabytes of iterates).
func checkWork(env *numeric.Env, keys []string, steps int) error {
	entries := 0
	for _, v := range env.Vals {
		r, c := v.Dims()
		entries += r * c
	}
	if work := float64(entries) * float64(steps+1); work > MaxEntrySteps {
		return fmt.Errorf("deriv: descend: %d steps over %d entries is %.3g entry-steps; the limit is %.0e: use fewer --steps or smaller --dims", steps, entries, work, float64(MaxEntrySteps))
	}
	return nil
}
