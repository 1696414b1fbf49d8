package numeric

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// compileCall compiles a function application: a defined function (its
// body inlined with the parameters bound to the arguments), a declared
// abstract function (its stand-in from Env.Funcs) or a builtin.
func (c *compiler) compileCall(e *symbolic.Expr) (node, error) {
	key := e.Key()
	if sym := c.p.Symbols[key]; sym != nil {
		switch {
		case sym.Kind == symbolic.SymDef && sym.Def != nil && len(sym.Def.Params) > 0:
			return c.compileDefCall(e, sym.Def)
		case sym.Kind == symbolic.SymFunc:
			return c.compileAbstract(e, sym)
		}
	}
	if f, ok := scalarFuncs[e.Name]; ok {
		return c.compileElementwise(e, f.f, f)
	}
	switch e.Name {
	case "sum", "tr", "det", "logdet", "logsumexp", "diag", "softmax", "inv":
		as, err := c.args(e, 1)
		if err != nil {
			return nil, err
		}
		return structural(e, as[0], c.newBuf()), nil
	case "vector", "matrix":
		as, err := c.args(e, 1)
		if err != nil {
			return nil, err
		}
		shape := e.Shape
		pos := e.Pos
		a := as[0]
		id := c.newBuf()
		return func(s *state) (*mat.Dense, error) {
			v, err := a(s)
			if err != nil {
				return nil, err
			}
			if !isScalar(v) {
				return nil, symbolic.Errorf(pos, "%s(c) takes a scalar", e.Name)
			}
			r, cols, ok := s.env.ShapeSize(shape)
			if !ok {
				return nil, symbolic.Errorf(pos, "the size of %s is unknown", shape)
			}
			m := s.buf(id, r, cols)
			fill(m, v.At(0, 0))
			return m, nil
		}, nil
	}
	return nil, symbolic.Errorf(e.Pos, "unknown function %s", key)
}

// compileElementwise compiles an elementwise function f (with domain
// check and kink flag from info) applied to e's single argument.
func (c *compiler) compileElementwise(e *symbolic.Expr, f func(float64) float64, info scalarFunc) (node, error) {
	as, err := c.args(e, 1)
	if err != nil {
		return nil, err
	}
	a, pos, id := as[0], e.Pos, c.newBuf()
	return func(s *state) (*mat.Dense, error) {
		v, err := a(s)
		if err != nil {
			return nil, err
		}
		r, cols := v.Dims()
		return applyScalar(s, s.buf(id, r, cols), v, f, info, pos)
	}, nil
}

// applyScalar applies f entry by entry into out (v's size), checking
// info's domain and flagging kinks.
func applyScalar(s *state, out, v *mat.Dense, f func(float64) float64, info scalarFunc, pos symbolic.Pos) (*mat.Dense, error) {
	r, cols := v.Dims()
	for i := range r {
		src := v.RawRowView(i)[:cols]
		dst := out.RawRowView(i)[:cols]
		for j, t := range src {
			if info.ok != nil && !info.ok(t) {
				return nil, symbolic.Errorf(pos, "%s (%g)", info.msg, t)
			}
			if info.kink && math.Abs(t) < kinkTol {
				s.kink = true
			}
			dst[j] = f(t)
		}
	}
	return out, nil
}

// structural returns the node of a reduction or structural builtin.
func structural(e *symbolic.Expr, a node, id int) node {
	name, pos := e.Name, e.Pos
	return func(s *state) (*mat.Dense, error) {
		v, err := a(s)
		if err != nil {
			return nil, err
		}
		r, c := v.Dims()
		square := func() error {
			if r != c {
				return symbolic.Errorf(pos, "%s needs a square matrix, not %d×%d", name, r, c)
			}
			return nil
		}
		switch name {
		case "sum":
			return s.scalarBuf(id, mat.Sum(v)), nil
		case "tr":
			if err := square(); err != nil {
				return nil, err
			}
			return s.scalarBuf(id, mat.Trace(v)), nil
		case "det":
			if err := square(); err != nil {
				return nil, err
			}
			return s.scalarBuf(id, mat.Det(v)), nil
		case "logdet":
			if err := square(); err != nil {
				return nil, err
			}
			ld, sign := mat.LogDet(v)
			if sign <= 0 || math.IsInf(ld, 0) {
				return nil, symbolic.Errorf(pos, "logdet of a matrix whose determinant is not positive")
			}
			return s.scalarBuf(id, ld), nil
		case "logsumexp":
			return s.scalarBuf(id, logsumexp(v)), nil
		case "softmax":
			return softmax(v), nil
		case "inv":
			return inverse(v, pos)
		default: // diag
			return diag(v, pos)
		}
	}
}

func logsumexp(v *mat.Dense) float64 {
	m := mat.Max(v)
	var s float64
	r, c := v.Dims()
	for i := range r {
		for _, t := range v.RawRowView(i)[:c] {
			s += math.Exp(t - m)
		}
	}
	return m + math.Log(s)
}

// softmax returns exp(v)/sum(exp(v)) over all entries, computed stably.
func softmax(v *mat.Dense) *mat.Dense {
	m := mat.Max(v)
	var out mat.Dense
	out.Apply(func(_, _ int, t float64) float64 { return math.Exp(t - m) }, v)
	out.Scale(1/mat.Sum(&out), &out)
	return &out
}

// diag maps a vector to the diagonal matrix and a square matrix to the
// vector of its diagonal.
func diag(v *mat.Dense, pos symbolic.Pos) (*mat.Dense, error) {
	r, c := v.Dims()
	switch {
	case c == 1 || r == 1:
		n := max(r, c)
		out := mat.NewDense(n, n, nil)
		for i := range n {
			if c == 1 {
				out.Set(i, i, v.At(i, 0))
			} else {
				out.Set(i, i, v.At(0, i))
			}
		}
		return out, nil
	case r == c:
		out := mat.NewDense(r, 1, nil)
		for i := range r {
			out.Set(i, 0, v.At(i, i))
		}
		return out, nil
	}
	return nil, symbolic.Errorf(pos, "diag needs a vector or a square matrix, not %d×%d", r, c)
}

func fill(m *mat.Dense, v float64) {
	r, c := m.Dims()
	for i := range r {
		row := m.RawRowView(i)[:c]
		for j := range row {
			row[j] = v
		}
	}
}

// compileDefCall inlines the body of a defined function f(p₁, …) = body:
// the arguments are evaluated into slots that the parameters read.
func (c *compiler) compileDefCall(e *symbolic.Expr, def *symbolic.Def) (node, error) {
	if len(e.Args) != len(def.Params) {
		return nil, symbolic.Errorf(e.Pos, "%s takes %d arguments, not %d", def.Name, len(def.Params), len(e.Args))
	}
	if c.defStack[def.Name] {
		return nil, symbolic.Errorf(e.Pos, "the definition of %s refers to itself", def.Name)
	}
	as, err := c.args(e, len(def.Params))
	if err != nil {
		return nil, err
	}
	slots := make([]int, len(as))
	binds := make([]int, len(as))
	scope := map[string]int{}
	for i, p := range def.Params {
		slots[i] = c.slots
		binds[i] = c.slotBinding(c.slots)
		scope[p] = c.slots
		c.slots++
	}
	c.defStack[def.Name] = true
	saved, savedID := c.scope, c.scopeID
	c.scope, c.scopeID = []map[string]int{scope}, c.newScope()
	c.push()
	src := def.Body
	if symbolic.AppliesEntrywise(def, e.Args, func(k string) *symbolic.Symbol { return c.p.Symbols[k] }) {
		// A scalar function applied to a vector or matrix: entry by entry.
		src = symbolic.EntrywiseBody(def.Body, def.Params, symbolic.WideShape(e.Args))
	}
	body, err := c.compile(src)
	deps := c.pop()
	c.scope, c.scopeID = saved, savedID
	delete(c.defStack, def.Name)
	if err != nil {
		return nil, err
	}
	c.addDeps(without(deps, binds...))
	return func(s *state) (*mat.Dense, error) {
		for i, a := range as {
			v, err := a(s)
			if err != nil {
				return nil, err
			}
			s.slots[slots[i]] = v
			s.bump(binds[i])
		}
		return body(s)
	}, nil
}

// mapScalarDef evaluates body (a scalar function of the slot) at each entry

// compileNorm compiles ‖v‖ (Euclidean for vectors, Frobenius for
// matrices, as gonum's mat.Norm(·, 2)), ‖v‖₁ (the sum of the absolute
// values of all entries, for vectors and matrices alike: entrywise, not
// the induced norm) and ‖A‖_F. See symbolic.OpNorm.
func (c *compiler) compileNorm(e *symbolic.Expr) (node, error) {
	as, err := c.args(e, 1)
	if err != nil {
		return nil, err
	}
	a, kind, pos, id := as[0], e.Name, e.Pos, c.newBuf()
	if kind == "" {
		kind = "2"
	}
	if kind != "1" && kind != "2" && kind != "F" {
		return nil, symbolic.Errorf(pos, "unknown norm %q", kind)
	}
	return func(s *state) (*mat.Dense, error) {
		v, err := a(s)
		if err != nil {
			return nil, err
		}
		r, c := v.Dims()
		if kind == "1" {
			// Entrywise for matrices too (matrixcalculus.org's norm1),
			// the norm whose derivative is sign(A).
			var t float64
			for i := range r {
				for _, x := range v.RawRowView(i)[:c] {
					t += math.Abs(x)
				}
			}
			return s.scalarBuf(id, t), nil
		}
		// gonum's 2-norm of a matrix is the Frobenius norm.
		return s.scalarBuf(id, mat.Norm(v, 2)), nil
	}, nil
}

// compileConstShape compiles 𝟙 and I, whose sizes come from e.Shape.
func (c *compiler) compileConstShape(e *symbolic.Expr) (node, error) {
	shape, pos, eye, id := e.Shape, e.Pos, e.Op == symbolic.OpEye, c.newBuf()
	return func(s *state) (*mat.Dense, error) {
		r, cols, ok := s.env.ShapeSize(shape)
		if !ok {
			return nil, symbolic.Errorf(pos, "the size of %s is unknown", shape)
		}
		m := s.buf(id, r, cols)
		if eye {
			if r != cols {
				return nil, symbolic.Errorf(pos, "the identity must be square, not %d×%d", r, cols)
			}
			fill(m, 0)
			for i := range r {
				m.Set(i, i, 1)
			}
		} else {
			fill(m, 1)
		}
		return m, nil
	}, nil
}

// compileFilled compiles a number with a non-scalar Shape, such as the
// zero gradient symbolic.Zero(s) of a function that does not depend on
// the variable: a matrix of e.Shape's size with every entry e.Num.
func (c *compiler) compileFilled(e *symbolic.Expr) (node, error) {
	shape, pos, v, id := e.Shape, e.Pos, e.Num, c.newBuf()
	return func(s *state) (*mat.Dense, error) {
		r, cols, ok := s.env.ShapeSize(shape)
		if !ok {
			return nil, symbolic.Errorf(pos, "the size of %s is unknown", shape)
		}
		m := s.buf(id, r, cols)
		fill(m, v)
		return m, nil
	}, nil
}

// compileSum compiles Σ_{i=lo}^{hi} body, binding the index in turn to
// lo, …, hi. An empty range sums to the zero of the body's shape (the
// scalar 0 when that shape's size is unknown).
func (c *compiler) compileSum(e *symbolic.Expr) (node, error) {
	if len(e.Args) != 3 {
		return nil, symbolic.Errorf(e.Pos, "wrong number of operands (%d)", len(e.Args))
	}
	name, pos, bodyShape := e.Name, e.Pos, e.Args[2].Shape
	bind := c.indexBinding(name)
	// The sum's value does not depend on its own index. A body that is a
	// product used nowhere else is accumulated in place (terms.go).
	c.push()
	body, err := c.term(e.Args[2])
	deps := c.pop()
	id := c.newBuf()
	if err != nil {
		return nil, err
	}
	deps = without(deps, bind)
	c.addDeps(deps)
	lo, err := c.compile(e.Args[0])
	if err != nil {
		return nil, err
	}
	hi, err := c.compile(e.Args[1])
	if err != nil {
		return nil, err
	}
	return func(s *state) (*mat.Dense, error) {
		a, err := indexValue(s, lo, e.Args[0])
		if err != nil {
			return nil, err
		}
		b, err := indexValue(s, hi, e.Args[1])
		if err != nil {
			return nil, err
		}
		// The sum runs again for each term of the sums around it only
		// if it depends on one of their indices.
		dependent := false
		for _, d := range deps {
			dependent = dependent || s.active[d] > 0
		}
		nest, err := s.iterate(b-a+1, dependent)
		if err != nil {
			return nil, err
		}
		old, had := s.index[name]
		if had {
			// The sum rebinds an index bound outside: a value computed
			// with the outer binding may still be held by a consumer.
			// The cached nodes that depend on it are recomputed inside
			// without overwriting a buffer (compiler.wrap).
			s.shadowed[bind]++
			s.shadows++
			defer func() { s.shadowed[bind]--; s.shadows-- }()
		}
		outer := s.nest
		s.nest = nest
		s.active[bind]++
		defer func() {
			s.active[bind]--
			s.nest = outer
			if had {
				s.index[name] = old
			} else {
				delete(s.index, name)
			}
			s.bump(bind)
		}()
		var acc *mat.Dense
		for k := a; k <= b; k++ {
			s.index[name] = k
			s.bump(bind)
			v, err := body.eval(s)
			if err != nil {
				return nil, err
			}
			if acc == nil {
				acc = s.buf(id, v.r, v.c)
				body.into(s, v, acc, 1, 0)
				continue
			}
			if ar, ac := acc.Dims(); ar != v.r || ac != v.c {
				return nil, symbolic.Errorf(pos, "the terms of the sum change shape (%d×%d, then %d×%d)", ar, ac, v.r, v.c)
			}
			body.into(s, v, acc, 1, 1)
		}
		if acc == nil {
			// An empty range (Σ_{i=3}^{1}) is the zero of the body's
			// shape, when its size is known.
			if r, cols, ok := s.env.ShapeSize(bodyShape); ok && !bodyShape.IsScalar() {
				m := s.buf(id, r, cols)
				fill(m, 0)
				return m, nil
			}
			return s.scalarBuf(id, 0), nil
		}
		return acc, nil
	}, nil
}
