package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"gonum.org/v1/gonum/mat"

	"deriv/numeric"
	"deriv/symbolic"
)

// IndexForm is a derivative written in index notation, for results with
// more than two axes (SPEC §3): ∂f_i/∂W_{jk} = δ_{ij} x_k.
type IndexForm struct {
	// Head is the left-hand side, ∂f_i/∂W_{jk}, as an OpDeriv of entries.
	Head *symbolic.Expr
	// Sum is the right-hand side.
	Sum *symbolic.IndexSum
	// Axes are the result's dimensions: f's, then the variable's.
	Axes []symbolic.Dim
	// seeds maps the seed vectors' keys to f's indices.
	seeds map[string]string
}

// axes counts the axes of a shape: 0 for a scalar, 1 for a vector or a
// row, 2 for a matrix.
func axes(s symbolic.Shape) int {
	switch {
	case s.IsScalar():
		return 0
	case s.IsVector(), s.IsRow():
		return 1
	}
	return 2
}

// needsIndex reports whether the Jacobian of f with respect to wrt has
// more than two axes.
func needsIndex(f, wrt symbolic.Shape) bool { return axes(f)+axes(wrt) > 2 }

// indexJacobian derives ∂f/∂wrt for a result with three or four axes as
// the gradient G(e) = ∂(eᵀ f e′)/∂wrt for seed vectors e (and e′ for a
// matrix f), verifies G like any gradient (it is linear in the seeds, so
// agreement at random seeds is agreement at every unit vector), and writes
// its entries in index notation.
//
// For a Hessian with respect to a matrix, f is the gradient ∂f/∂wrt.
func indexJacobian(ctx context.Context, p *symbolic.Program, f, wrt *symbolic.Expr, kind Kind, req DeriveRequest, gopts symbolic.GradOptions) (*Derived, error) {
	used := func(name string) bool { _, ok := p.Symbols[name]; return ok || usesName(f, name) }
	fresh := symbolic.FreshIndices(used)
	p2 := &symbolic.Program{Src: p.Src, File: p.File, Symbols: maps.Clone(p.Symbols), Order: slices.Clone(p.Order), Defs: slices.Clone(p.Defs)}
	seeds := map[string]string{}
	var fIdx []string
	seed := func(n symbolic.Dim) *symbolic.Expr {
		i := fresh()
		fIdx = append(fIdx, i)
		v := &symbolic.Expr{Op: symbolic.OpVar, Name: "e", Label: i, Shape: symbolic.Vector(n), Pos: symbolic.NoPos}
		p2.Symbols[v.Key()] = &symbolic.Symbol{Name: v.Key(), Kind: symbolic.SymVar, Shape: v.Shape, Declared: true, Pos: symbolic.NoPos}
		p2.Order = append(p2.Order, v.Key())
		seeds[v.Key()] = i
		return v
	}
	var s *symbolic.Expr
	var fAxes []symbolic.Dim
	switch fs := f.Shape; {
	case fs.IsRow():
		e := seed(fs.Cols())
		s, fAxes = symbolic.Mul(f, e), []symbolic.Dim{fs.Cols()}
	case fs.IsVector():
		e := seed(fs.Rows())
		s, fAxes = symbolic.Mul(symbolic.T(e), f), []symbolic.Dim{fs.Rows()}
	case fs.IsMatrix():
		e, e2 := seed(fs.Rows()), seed(fs.Cols())
		s, fAxes = symbolic.Mul(symbolic.Mul(symbolic.T(e), f), e2), []symbolic.Dim{fs.Rows(), fs.Cols()}
	default:
		return nil, fmt.Errorf("deriv: index notation needs a vector- or matrix-valued function")
	}
	p2.Result = &symbolic.Def{Name: "", Body: s, Pos: symbolic.NoPos}
	p2.Defs = append(p2.Defs, p2.Result)
	gopts.Through = nil
	g, err := symbolic.Grad(p2, wrt, gopts)
	if err == nil && !gopts.Inline && whereMentions(g, seeds) {
		gopts.Inline = true
		g, err = symbolic.Grad(p2, wrt, gopts)
	}
	if err != nil {
		return nil, inProgram(asLimit(err, gopts.Context, req.Budget, "differentiating"), p)
	}
	// The variable's indices, then its entry in the head.
	ws := wrt.Shape
	var wIdx []string
	for range axes(ws) {
		wIdx = append(wIdx, fresh())
	}
	row, col := "", ""
	switch {
	case ws.IsVector():
		row = wIdx[0]
	case ws.IsRow():
		col = wIdx[0]
	case ws.IsMatrix():
		row, col = wIdx[0], wIdx[1]
	}
	sum := symbolic.Entries(g.Expr, row, col, seeds, fresh)
	of := OfName(p)
	fEntry := &symbolic.Expr{Op: symbolic.OpVar, Name: of, Pos: symbolic.NoPos}
	for _, i := range fIdx {
		fEntry.Sub = append(fEntry.Sub, &symbolic.Expr{Op: symbolic.OpVar, Name: i, Pos: symbolic.NoPos})
	}
	wEntry := &symbolic.Expr{Op: symbolic.OpVar, Name: wrt.Name, Label: wrt.Label, Pos: symbolic.NoPos}
	for _, i := range wIdx {
		wEntry.Sub = append(wEntry.Sub, &symbolic.Expr{Op: symbolic.OpVar, Name: i, Pos: symbolic.NoPos})
	}
	if kind == Hessian {
		// ∂²f/∂X_{ij}∂X_{kl}: the entries of the gradient are f's.
		fEntry = &symbolic.Expr{Op: symbolic.OpVar, Name: wrt.Name, Label: wrt.Label, Sub: fEntry.Sub, Pos: symbolic.NoPos}
	}
	d := &Derived{Derivative: g, Kind: kind, Of: of, seeded: p2}
	d.Derivative.Wrt = wrt
	d.Index = &IndexForm{
		Head:  &symbolic.Expr{Op: symbolic.OpDeriv, Args: []*symbolic.Expr{fEntry, wEntry}, Pos: symbolic.NoPos},
		Sum:   sum,
		Axes:  append(fAxes, ws.Syms()...),
		seeds: seeds,
	}
	if ws.IsScalar() {
		d.Index.Axes = fAxes
	}
	if len(ws.Syms()) != axes(ws) {
		d.Index.Axes = append(fAxes, ws...)
	}
	if req.Verify != VerifyOff {
		check := numeric.Check
		if req.Verify == VerifySilently {
			check = numeric.Verify // screened first, see verify
		}
		rep, err := check(p2, s, wrt, d.Full(), req.Check.numeric(ctx, req.Budget))
		err = asLimit(err, ctx, req.Budget, "verifying")
		var le *LimitError
		switch {
		case errors.As(err, &le):
			return nil, err
		case err != nil && req.Verify == VerifyReport:
			return nil, inProgram(err, p)
		case err != nil:
			d.Unchecked = err
		default:
			d.Report = fromNumeric(rep)
		}
	}
	return d, nil
}

// whereMentions reports whether a where list entry uses a seed.
func whereMentions(g *symbolic.Derivative, seeds map[string]string) bool {
	for _, w := range g.Where {
		for k := range seeds {
			if usesName(w.Expr, k) {
				return true
			}
		}
	}
	return false
}

// usesName reports whether e mentions the variable key.
func usesName(e *symbolic.Expr, key string) bool {
	found := false
	symbolic.Inspect(e, func(n *symbolic.Expr) bool {
		if n.Op == symbolic.OpVar && n.Key() == key {
			found = true
		}
		return !found
	})
	return found
}

// indexValue evaluates an index-notation result at the point at: the
// nested array [i][j][k] (or [i][j][k][l]) of its entries, one seeded
// gradient per unit vector.
func (d *Derived) indexValue(at *numeric.Env) (any, error) {
	c, err := numeric.Compile(d.seeded, d.Full())
	if err != nil {
		return nil, err
	}
	var seeds []*symbolic.Symbol
	for _, k := range d.seeded.Order {
		if s := d.seeded.Symbols[k]; s != nil && s.Kind == symbolic.SymVar && isSeed(d, k) {
			seeds = append(seeds, s)
		}
	}
	env := at.Clone()
	var fill func(level int) (any, error)
	fill = func(level int) (any, error) {
		if level == len(seeds) {
			v, err := c.Eval(env)
			if err != nil {
				return nil, err
			}
			return numeric.ValueJSON(v, d.Derivative.Shape), nil
		}
		s := seeds[level]
		n, ok := env.DimSize(s.Shape.Rows())
		if !ok {
			return nil, fmt.Errorf("deriv: the size %s is unknown at the given point", s.Shape.Rows())
		}
		out := make([]any, n)
		for i := range n {
			u := mat.NewDense(n, 1, nil)
			u.Set(i, 0, 1)
			env.Vals[s.Name] = u
			v, err := fill(level + 1)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	return fill(0)
}

// isSeed reports whether key is one of d's seed vectors.
func isSeed(d *Derived, key string) bool {
	_, ok := d.Index.seeds[key]
	return ok
}
