package numeric

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// compileAbstract compiles an application of a declared function (φ(z),
// Φ(z), f(u₁, …, uₙ), g_i(w)) to the stand-in Env.Funcs holds for it.
func (c *compiler) compileAbstract(e *symbolic.Expr, sym *symbolic.Symbol) (node, error) {
	id := c.newBuf()
	return c.abstractNode(e, sym, func(s *state, f *Instance, member int, args []*mat.Dense) (*mat.Dense, error) {
		switch f.Kind {
		case ScalarMap:
			if len(args) != 1 {
				return nil, symbolic.Errorf(e.Pos, "%s takes one argument, not %d", e.Key(), len(args))
			}
			return mapInto(s, id, args[0], f, member, false), nil
		case ScalarField:
			return s.scalarBuf(id, f.field(member, flatten(args), nil)), nil
		}
		z := flatten(args)
		m, ok := rangeSize(s.env, sym, len(z))
		if !ok {
			return nil, symbolic.Errorf(e.Pos, "the size of %s's result is unknown", e.Key())
		}
		y, _ := f.vectorMap(member, z, m, false)
		return y, nil
	})
}

// compileDerivCall compiles φ'(z) (elementwise derivative of a builtin,
// a declared or a defined scalar function), ∂_k f(u₁, …) and J_Φ(z).
func (c *compiler) compileDerivCall(e *symbolic.Expr) (node, error) {
	key := e.Key()
	sym := c.p.Symbols[key]
	if sym != nil && sym.Kind == symbolic.SymFunc {
		if e.Op == symbolic.OpPartial && len(e.Sub) == 1 && sym.Index == "" {
			return c.compileIndexedPartial(e, sym)
		}
		id := c.newBuf()
		return c.abstractNode(e, sym, func(s *state, f *Instance, member int, args []*mat.Dense) (*mat.Dense, error) {
			return abstractDeriv(e, s, id, sym, f, member, args)
		})
	}
	if sym != nil && sym.Kind == symbolic.SymDef && sym.Def != nil && len(sym.Def.Params) == 1 && e.Op == symbolic.OpPrime {
		return c.compileDefPrime(e, sym.Def)
	}
	if sf, ok := scalarFuncs[e.Name]; ok && sym == nil {
		switch e.Op {
		case symbolic.OpPrime:
			// The derivative's own domain is the function's.
			return c.compileElementwise(e, sf.df, scalarFunc{ok: sf.ok, msg: sf.msg, kink: sf.kink})
		case symbolic.OpJac:
			n, err := c.compileElementwise(e, sf.df, scalarFunc{ok: sf.ok, msg: sf.msg, kink: sf.kink})
			if err != nil {
				return nil, err
			}
			return func(s *state) (*mat.Dense, error) {
				v, err := n(s)
				if err != nil {
					return nil, err
				}
				return diag(v, e.Pos)
			}, nil
		}
	}
	if e.Name == "softmax" && e.Op == symbolic.OpJac {
		as, err := c.args(e, 1)
		if err != nil {
			return nil, err
		}
		return func(s *state) (*mat.Dense, error) {
			v, err := as[0](s)
			if err != nil {
				return nil, err
			}
			p := softmax(v)
			n := p.RawMatrix().Rows * p.RawMatrix().Cols
			flat := mat.NewVecDense(n, append([]float64(nil), p.RawMatrix().Data...))
			j := mat.NewDense(n, n, nil)
			j.Outer(-1, flat, flat)
			for i := range n {
				j.Set(i, i, j.At(i, i)+flat.AtVec(i))
			}
			return j, nil
		}, nil
	}
	return nil, symbolic.Errorf(e.Pos, "cannot evaluate the derivative of %s", key)
}

// compileIndexedPartial compiles ∂_k f(u₁, …) whose argument number is
// an index (the parser keeps it in Sub[0], as in Σ_i ∂_i f(…) g_i'(w)):
// k is evaluated at run time, and must lie in 1..(number of arguments).
func (c *compiler) compileIndexedPartial(e *symbolic.Expr, sym *symbolic.Symbol) (node, error) {
	kn, err := c.compile(e.Sub[0])
	if err != nil {
		return nil, err
	}
	plain := *e
	plain.Sub = nil
	id := c.newBuf()
	return c.abstractNode(&plain, sym, func(s *state, f *Instance, member int, args []*mat.Dense) (*mat.Dense, error) {
		k, err := indexValue(s, kn, e.Sub[0])
		if err != nil {
			return nil, err
		}
		at := plain
		at.Num = float64(k)
		return abstractDeriv(&at, s, id, sym, f, member, args)
	})
}

// abstractNode compiles the arguments and member subscript of an abstract
// function's application, and calls do with the stand-in at run time.
func (c *compiler) abstractNode(e *symbolic.Expr, sym *symbolic.Symbol,
	do func(s *state, f *Instance, member int, args []*mat.Dense) (*mat.Dense, error)) (node, error) {
	as, err := c.args(e, -1)
	if err != nil {
		return nil, err
	}
	var sub node
	if len(e.Sub) > 1 {
		return nil, symbolic.Errorf(e.Pos, "a member of the function family %s takes one index", e.Key())
	}
	if len(e.Sub) == 1 {
		if sub, err = c.compile(e.Sub[0]); err != nil {
			return nil, err
		}
	}
	key := e.Key()
	return func(s *state) (*mat.Dense, error) {
		f := s.env.Funcs[key]
		if f == nil {
			return nil, symbolic.Errorf(e.Pos, "the function %s has no concrete stand-in to evaluate", key)
		}
		member := 0
		if sub != nil {
			m, err := indexValue(s, sub, e.Sub[0])
			if err != nil {
				return nil, err
			}
			member = m
		}
		args := make([]*mat.Dense, len(as))
		for i, a := range as {
			v, err := a(s)
			if err != nil {
				return nil, err
			}
			args[i] = v
		}
		return do(s, f, member, args)
	}, nil
}

// abstractDeriv evaluates φ'(z), ∂_k f(u…) or J_Φ(z) for a stand-in.
func abstractDeriv(e *symbolic.Expr, s *state, id int, sym *symbolic.Symbol, f *Instance, member int, args []*mat.Dense) (*mat.Dense, error) {
	switch f.Kind {
	case ScalarMap:
		if len(args) != 1 {
			return nil, symbolic.Errorf(e.Pos, "%s takes one argument, not %d", e.Key(), len(args))
		}
		d := mapInto(s, id, args[0], f, member, true)
		if e.Op == symbolic.OpJac {
			return diag(d, e.Pos)
		}
		return d, nil
	case ScalarField:
		u := flatten(args)
		g := make([]float64, len(u))
		f.field(member, u, g)
		switch e.Op {
		case symbolic.OpJac:
			return mat.NewDense(1, len(g), g), nil
		case symbolic.OpPartial:
			return partialBlock(e, args, g)
		}
		if len(u) == 1 {
			return scalar(g[0]), nil
		}
		return nil, symbolic.Errorf(e.Pos, "%s' needs a function of one variable; use ∂_k", e.Key())
	}
	if e.Op != symbolic.OpJac {
		return nil, symbolic.Errorf(e.Pos, "the derivative of the vector map %s is its Jacobian J_%s", e.Key(), e.Key())
	}
	z := flatten(args)
	m, ok := rangeSize(s.env, sym, len(z))
	if !ok {
		return nil, symbolic.Errorf(e.Pos, "the size of %s's result is unknown", e.Key())
	}
	_, j := f.vectorMap(member, z, m, true)
	return j, nil
}

// partialBlock picks ∂_k f from the gradient g over the flattened
// arguments: the k-th argument's block (shaped like it), or with a single
// vector argument its k-th entry.
func partialBlock(e *symbolic.Expr, args []*mat.Dense, g []float64) (*mat.Dense, error) {
	k := int(e.Num)
	if len(args) == 1 {
		if k < 1 || k > len(g) {
			return nil, symbolic.Errorf(e.Pos, "∂_%d: the argument has %d entries", k, len(g))
		}
		return scalar(g[k-1]), nil
	}
	if k < 1 || k > len(args) {
		return nil, symbolic.Errorf(e.Pos, "∂_%d: the function has %d arguments", k, len(args))
	}
	off := 0
	for _, a := range args[:k-1] {
		r, c := a.Dims()
		off += r * c
	}
	r, c := args[k-1].Dims()
	return mat.NewDense(r, c, append([]float64(nil), g[off:off+r*c]...)), nil
}

// compileDefPrime compiles σ'(z) for a defined scalar function σ(t) = …:
// the derivative is taken numerically, entry by entry, by central
// differences with Richardson extrapolation.
func (c *compiler) compileDefPrime(e *symbolic.Expr, def *symbolic.Def) (node, error) {
	as, err := c.args(e, 1)
	if err != nil {
		return nil, err
	}
	slot := c.slots
	bind := c.slotBinding(slot)
	c.slots++
	saved, savedID := c.scope, c.scopeID
	c.scope, c.scopeID = []map[string]int{{def.Params[0]: slot}}, c.newScope()
	c.defStack[def.Name] = true
	c.push()
	body, err := c.compile(def.Body)
	deps := c.pop()
	delete(c.defStack, def.Name)
	c.scope, c.scopeID = saved, savedID
	if err != nil {
		return nil, err
	}
	c.addDeps(without(deps, bind))
	return func(s *state) (*mat.Dense, error) {
		v, err := as[0](s)
		if err != nil {
			return nil, err
		}
		at := func(t float64) (float64, error) {
			s.slots[slot] = scalar(t)
			s.bump(bind)
			y, err := body(s)
			if err != nil {
				return 0, err
			}
			if !isScalar(y) {
				return 0, symbolic.Errorf(e.Pos, "%s' needs a scalar function", def.Name)
			}
			return y.At(0, 0), nil
		}
		r, cols := v.Dims()
		out := mat.NewDense(r, cols, nil)
		for i := range r {
			for j := range cols {
				d, err := richardson(v.At(i, j), at)
				if err != nil {
					return nil, err
				}
				out.Set(i, j, d)
			}
		}
		return out, nil
	}, nil
}

// richardson returns the derivative of f at t by central differences
// with steps h, h/2, h/4, … (h = 1e-2·max(1, |t|)) combined by adaptive
// Richardson extrapolation (ridders).
func richardson(t float64, f func(float64) (float64, error)) (float64, error) {
	f0, _ := f(t)
	d, err := ridders(1, 1e-2*math.Max(1, math.Abs(t)), math.Abs(f0), func(h float64) ([]float64, error) {
		a, err := f(t + h)
		if err != nil {
			return nil, err
		}
		b, err := f(t - h)
		if err != nil {
			return nil, err
		}
		return []float64{(a - b) / (2 * h)}, nil
	})
	if err != nil {
		return 0, err
	}
	return d[0], nil
}

// rangeSize is the length of the result of the vector map sym, from its
// declared range, else n (the argument's length).
func rangeSize(env *Env, sym *symbolic.Symbol, n int) (int, bool) {
	if sym.Range.IsScalar() {
		return n, true
	}
	r, c, ok := env.ShapeSize(sym.Range)
	return r * c, ok
}

// flattenInto writes the entries of v, row by row, to y.
func flattenInto(y []float64, v *mat.Dense) {
	r, c := v.Dims()
	raw := v.RawMatrix()
	if raw.Stride == c {
		copy(y, raw.Data[:r*c])
		return
	}
	for i := range r {
		copy(y[i*c:], raw.Data[i*raw.Stride:i*raw.Stride+c])
	}
}

// flatten concatenates the entries of the arguments, row by row.
func flatten(args []*mat.Dense) []float64 {
	var out []float64
	for _, a := range args {
		r, c := a.Dims()
		for i := range r {
			out = append(out, a.RawRowView(i)[:c]...)
		}
	}
	return out
}

// mapInto applies the scalar stand-in f (member) entry by entry to v, its
// value or (deriv) its derivative, into buffer id of s.
func mapInto(s *state, id int, v *mat.Dense, f *Instance, member int, deriv bool) *mat.Dense {
	raw := v.RawMatrix()
	out := s.buf(id, raw.Rows, raw.Cols)
	o := out.RawMatrix()
	for i := range raw.Rows {
		src := raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
		dst := o.Data[i*o.Stride : i*o.Stride+o.Cols]
		for j, t := range src {
			val, d := f.scalar(member, t)
			if deriv {
				val = d
			}
			dst[j] = val
		}
	}
	return out
}
