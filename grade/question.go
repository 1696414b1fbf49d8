package grade

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"

	"deriv/assignment"
	"deriv/engine"
	"deriv/numeric"
	"deriv/symbolic"
)

// question is a question prepared for grading: its reference, and its
// mutants and named wrong answers evaluated at the question's points.
// Read-only once built.
type question struct {
	q   *assignment.Question
	ref *assignment.Reference
	// parts hold, per --wrt variable, the mutants with their values.
	parts []*part
	// wrong are the named wrong answers' values (nil when one cannot be
	// evaluated).
	wrong []valued
	// shapes[i] is the reference's shape at point i, per part.
	tol float64
}

type part struct {
	// prev holds, for a step, the values of the updated variable: the
	// update is want − prev.
	prev    []*mat.Dense
	want    []*mat.Dense
	shape   symbolic.Shape
	mutants []valued
}

// valued is a mutant (or named wrong answer) with its values.
type valued struct {
	mutant
	vals []*mat.Dense
}

// prepare derives the question (through its Reference), builds its
// mutants and evaluates them at the question's points.
func prepare(ctx context.Context, q *assignment.Question) (*question, error) {
	ref, err := q.Reference(ctx)
	if err != nil {
		return nil, err
	}
	pq := &question{q: q, ref: ref, tol: ref.Tol}
	mc := mutationContextOf(ctx, ref)
	for i, v := range ref.Values {
		base := v
		if i < len(ref.Derived) {
			base = ref.Derived[i].Expr
			if ref.Rate != nil {
				base = sub(ref.Wrt[i], mul(ref.Rate, base))
			}
		}
		pt := &part{want: ref.Want[i], shape: v.Shape}
		if ref.Rate != nil && i < len(ref.Wrt) {
			if prev, err := evalSafe(ctx, ref, ref.Scope, ref.Wrt[i]); err == nil {
				pt.prev = prev
			}
		}
		seen := map[string]bool{}
		mc.step = ref.Rate != nil
		all := mutants(base, mc)
		// Mistakes inside a where name's definition (r = W2 φ(z) − y).
		if i < len(ref.Derived) {
			for _, b := range ref.Derived[i].Where {
				v := b.Var()
				if b.Value != nil || len(v.Sub) > 0 || !mentions(base, v.Key()) {
					continue
				}
				for _, m := range mutants(b.Expr, mutationContext{dims: mc.dims, args: mc.args}) {
					if m.code == "transpose" || m.code == "sum" && mc.index != "" {
						continue
					}
					m.expr = substVar(base, v.Key(), m.expr)
					all = append(all, m)
				}
			}
		}
		for _, m := range all {
			vals, err := evalSafe(ctx, ref, ref.Scope, m.expr)
			if err != nil {
				continue
			}
			if rel, same := engine.RelError(pt.want, vals); same && rel <= pq.tol {
				continue // the "mistake" gives the right answer here
			}
			key := m.code + "\x00" + valuesKey(vals)
			if seen[key] {
				continue
			}
			seen[key] = true
			pt.mutants = append(pt.mutants, valued{mutant: m, vals: vals})
		}
		pq.parts = append(pq.parts, pt)
	}
	for _, w := range q.Wrong {
		a, err := ref.ParseAnswer(w, assignment.Limits{Bytes: 1 << 20, Depth: 500})
		if err != nil {
			pq.wrong = append(pq.wrong, valued{})
			continue
		}
		vals, err := evalSafe(ctx, ref, a.Scope, a.Expr)
		if err != nil {
			pq.wrong = append(pq.wrong, valued{})
			continue
		}
		pq.wrong = append(pq.wrong, valued{mutant: mutant{code: "named-wrong", msg: "the answer is the known wrong answer " + w, expr: a.Expr}, vals: vals})
	}
	return pq, nil
}

// evalSafe evaluates e at the reference's points, turning a panic into an
// error.
func evalSafe(ctx context.Context, ref *assignment.Reference, scope *symbolic.Program, e *symbolic.Expr) (vals []*mat.Dense, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	c, err := numeric.Compile(scope, e)
	if err != nil {
		return nil, err
	}
	return ref.Points.Eval(ctx, c, engine.Budget{Time: -1})
}

// valuesKey is a coarse fingerprint of values, to drop duplicate mutants.
func valuesKey(vals []*mat.Dense) string {
	var b strings.Builder
	for _, v := range vals {
		r, c := v.Dims()
		fmt.Fprintf(&b, "%dx%d:", r, c)
		for i := range r {
			for j := range c {
				fmt.Fprintf(&b, "%.6g,", v.At(i, j))
			}
		}
		b.WriteByte(';')
	}
	return b.String()
}

// mutationContextOf gathers what the mutants draw on: the free index, the
// dimensions, the local derivatives of the program's other derivatives and
// the arguments its functions are applied to.
func mutationContextOf(ctx context.Context, ref *assignment.Reference) mutationContext {
	mc := mutationContext{index: ref.Index, count: ref.Count}
	p := ref.Program
	dimSet := map[symbolic.Dim]bool{}
	for _, sym := range p.Symbols {
		for _, d := range sym.Shape.Syms() {
			dimSet[d] = true
		}
		if sym.Count != "" && !sym.Count.IsLiteral() {
			dimSet[sym.Count] = true
		}
	}
	for d := range dimSet {
		mc.dims = append(mc.dims, d)
	}
	slices.Sort(mc.dims)

	var exprs []*symbolic.Expr
	for _, d := range ref.Derived {
		exprs = append(exprs, d.Expr)
		for _, b := range d.Where {
			exprs = append(exprs, b.Expr)
		}
	}
	exprs = append(exprs, ref.Values...)
	for _, d := range p.Defs {
		exprs = append(exprs, d.Body)
	}
	// The derivatives with respect to the program's other variables bring
	// their local derivatives (φ'(z) for ∂ℓ/∂W2's extra factor).
	if len(ref.Derived) > 0 && ref.Derived[0].Kind == engine.Grad {
		var others []*symbolic.Expr
		for _, k := range p.Order {
			sym := p.Symbols[k]
			if sym == nil || sym.Kind != symbolic.SymVar || len(others) >= 8 {
				continue
			}
			others = append(others, &symbolic.Expr{Op: symbolic.OpVar, Name: k, Shape: sym.Shape, Pos: symbolic.NoPos})
		}
		for _, w := range others {
			ds, err := engine.Derive(ctx, p, engine.DeriveRequest{Kind: engine.Grad, Wrt: []*symbolic.Expr{w}, Verify: engine.VerifyOff, Budget: engine.Budget{Time: 2e9}})
			if err == nil && len(ds) == 1 {
				exprs = append(exprs, ds[0].Expr)
			}
		}
	}
	var locals, args []*symbolic.Expr
	addUnique := func(list []*symbolic.Expr, e *symbolic.Expr) []*symbolic.Expr {
		for _, x := range list {
			if symbolic.Equal(x, e) {
				return list
			}
		}
		return append(list, e)
	}
	for _, e := range exprs {
		symbolic.Inspect(e, func(n *symbolic.Expr) bool {
			switch n.Op {
			case symbolic.OpPrime, symbolic.OpJac:
				locals = addUnique(locals, n)
				if len(n.Args) == 1 {
					args = addUnique(args, n.Args[0])
				}
			case symbolic.OpCall:
				if len(n.Args) == 1 && (n.Name == "σ" || isDeclaredFunc(p, n.Name)) {
					args = addUnique(args, n.Args[0])
				}
			case symbolic.OpMul, symbolic.OpHad:
				fs := factors(n, n.Op)
				for i := 0; i+1 < len(fs); i++ {
					if _, ok := sigmaPair(fs[i], fs[i+1]); ok {
						locals = addUnique(locals, product(n.Op, fs[i:i+2]))
					}
				}
			}
			return true
		})
	}
	// Variables of the same shape as an argument (φ'(x) for φ'(z)), and
	// the terms of an argument (φ'(W1 x) for φ'(W1 x + b)).
	var more []*symbolic.Expr
	for _, a := range args {
		if (a.Op == symbolic.OpAdd || a.Op == symbolic.OpSub) && len(a.Args) == 2 {
			more = addUnique(more, a.Args[0])
			more = addUnique(more, a.Args[1])
		}
		if a.Op == symbolic.OpVar {
			if sym := p.Symbols[a.Key()]; sym != nil && sym.Kind == symbolic.SymDef && sym.Def != nil {
				more = addUnique(more, sym.Def.Body)
			}
		}
		for _, k := range p.Order {
			sym := p.Symbols[k]
			if sym != nil && sym.Kind == symbolic.SymVar && sym.Shape.Equal(a.Shape) {
				more = addUnique(more, &symbolic.Expr{Op: symbolic.OpVar, Name: k, Shape: sym.Shape, Pos: symbolic.NoPos})
			}
		}
	}
	for _, m := range more {
		args = addUnique(args, m)
	}
	if len(locals) > 6 {
		locals = locals[:6]
	}
	if len(args) > 10 {
		args = args[:10]
	}
	mc.locals, mc.args = locals, args
	for _, k := range p.Order {
		sym := p.Symbols[k]
		if sym != nil && sym.Kind == symbolic.SymVar && sym.Shape.IsMatrix() && len(mc.mats) < 8 {
			v := &symbolic.Expr{Op: symbolic.OpVar, Name: k, Shape: sym.Shape, Pos: symbolic.NoPos}
			mc.mats = append(mc.mats, v, tr(v))
		}
		if sym != nil && sym.Kind == symbolic.SymVar && sym.Shape.IsVector() && len(mc.vecs) < 6 {
			mc.vecs = append(mc.vecs, &symbolic.Expr{Op: symbolic.OpVar, Name: k, Shape: sym.Shape, Pos: symbolic.NoPos})
		}
	}
	mc.isFunc = func(name string) bool {
		sym := p.Symbols[name]
		return sym != nil && sym.Kind == symbolic.SymFunc && sym.Elementwise
	}
	return mc
}

func isDeclaredFunc(p *symbolic.Program, name string) bool {
	sym := p.Symbols[name]
	return sym != nil && sym.Kind == symbolic.SymFunc
}

// scalarMultiple reports whether b = k a at every point for one constant
// k, and k.
func scalarMultiple(a, b []*mat.Dense, tol float64) (float64, bool) {
	if len(a) != len(b) || len(a) == 0 {
		return 0, false
	}
	k, have := 0.0, false
	for i := range a {
		ar, ac := a[i].Dims()
		br, bc := b[i].Dims()
		if ar != br || ac != bc {
			return 0, false
		}
		var ab, aa float64
		for r := range ar {
			for c := range ac {
				x, y := a[i].At(r, c), b[i].At(r, c)
				ab += x * y
				aa += x * x
			}
		}
		if aa < 1e-20 {
			continue
		}
		ki := ab / aa
		if !have {
			k, have = ki, true
		} else if math.Abs(ki-k) > 1e-6*math.Max(1, math.Abs(k)) {
			return 0, false
		}
		// b must be k a, not only correlated.
		var res, bb float64
		for r := range ar {
			for c := range ac {
				d := b[i].At(r, c) - k*a[i].At(r, c)
				res += d * d
				bb += b[i].At(r, c) * b[i].At(r, c)
			}
		}
		if res > tol*tol*math.Max(bb, 1e-300) && res > 1e-20 {
			return 0, false
		}
	}
	return k, have
}

// transposed returns the transposes of vals.
func transposed(vals []*mat.Dense) []*mat.Dense {
	out := make([]*mat.Dense, len(vals))
	for i, v := range vals {
		out[i] = mat.DenseCopyOf(v.T())
	}
	return out
}

// mentions reports whether e uses the variable key (no subscripts).
func mentions(e *symbolic.Expr, key string) bool {
	found := false
	symbolic.Inspect(e, func(n *symbolic.Expr) bool {
		if n.Op == symbolic.OpVar && len(n.Sub) == 0 && n.Key() == key {
			found = true
		}
		return !found
	})
	return found
}

// substVar replaces the variable key by repl in e.
func substVar(e *symbolic.Expr, key string, repl *symbolic.Expr) *symbolic.Expr {
	return symbolic.Subst(e, func(v *symbolic.Expr) *symbolic.Expr {
		if len(v.Sub) == 0 && v.Key() == key {
			return repl
		}
		return nil
	})
}

// minus returns a − b pointwise (nil when shapes differ).
func minus(a, b []*mat.Dense) []*mat.Dense {
	if len(a) != len(b) {
		return nil
	}
	out := make([]*mat.Dense, len(a))
	for i := range a {
		ar, ac := a[i].Dims()
		br, bc := b[i].Dims()
		if ar != br || ac != bc {
			return nil
		}
		var d mat.Dense
		d.Sub(a[i], b[i])
		out[i] = &d
	}
	return out
}
