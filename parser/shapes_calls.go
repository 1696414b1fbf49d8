package parser

import (
	"fmt"

	sym "deriv/symbolic"
)

// genCall: builtins by their kind, declared functions by their signature,
// defined functions by their body instantiated at the arguments' shapes.
func (s *solver) genCall(e *sym.Expr, sc *scope, rec bool) *shapeVar {
	args := s.genArgs(e, sc, rec)
	key := e.Key()
	_, builtin := sym.Funcs[e.Name]
	if sy := s.p.Symbols[key]; sy != nil {
		switch {
		case sy.Kind == sym.SymFunc:
			return s.declaredCall(e, sy, args)
		case sy.Kind == sym.SymDef && sy.Def != nil && len(sy.Def.Params) > 0:
			return s.defCall(e, key, sy, args)
		case !builtin || len(e.Sub) > 0:
			s.fail(e, errShapeNotFunc(e))
			return s.unknown()
		}
	}
	if !builtin {
		s.fail(e, errShapeUnknownFunc(e))
		return s.unknown()
	}
	if len(args) != 1 {
		s.fail(e, errShapeArity(e, 1, len(args)))
		return s.unknown()
	}
	return s.builtinCall(e, args[0])
}

func (s *solver) builtinCall(e *sym.Expr, a *shapeVar) *shapeVar {
	// The rule comes from symbolic's table (FuncInfo.Shape), the one
	// ResultShapeIn reads.
	switch sym.Funcs[e.Name].Shape {
	case sym.ShapeSame:
		return a
	case sym.ShapeSquareToScalar:
		s.square(e, a)
		s.vecDefault(a, vecSquare)
		return s.scalar()
	case sym.ShapeToScalar:
		s.vecDefault(a, vecVector)
		return s.scalar()
	case sym.ShapeDiag:
		return s.genDiag(e, a)
	case sym.ShapeVectorSame:
		s.vecDefault(a, vecVector)
		return a
	case sym.ShapeSquareSame:
		s.square(e, a)
		return a
	case sym.ShapeFromUse:
		if !s.unify(a, s.scalar()) {
			s.conflict(e, nil, a)
		}
		t := s.unknown()
		if e.Name == "vector" {
			s.vecDefault(t, vecVector)
		} else {
			s.vecDefault(t, vecMatrix)
		}
		return t
	}
	s.fail(e, errShapeUnknownFunc(e))
	return s.unknown()
}

// genDiag: diag maps a vector of n to an n×n matrix and a square matrix to
// the vector of its diagonal; an open argument defaults to a vector.
func (s *solver) genDiag(e *sym.Expr, a *shapeVar) *shapeVar {
	r := s.unknown()
	s.rule([]*shapeVar{a, r}, func() {
		ar, rr := a.root(), r.root()
		ok := true
		switch {
		case ar.kind == kindScalar:
			ok = s.unify(r, a)
		case ar.kind == kindVector:
			ok = s.unify(r, s.matrix(ar.dims[0], ar.dims[0]))
		case ar.kind == kindMatrix:
			ok = s.unifyDim(ar.dims[0], ar.dims[1]) && s.unify(r, s.vector(ar.dims[0]))
		case rr.kind == kindVector:
			ok = s.unify(a, s.matrix(rr.dims[0], rr.dims[0]))
		case rr.kind == kindMatrix:
			ok = s.unifyDim(rr.dims[0], rr.dims[1]) && s.unify(a, s.vector(rr.dims[0]))
		}
		if !ok {
			s.conflict(e, r, a)
		}
	})
	s.vecDefault(a, vecVector)
	return r
}

// declaredCall: φ: R → R keeps its argument's shape; other declared
// functions take their Domain and give their Range.
func (s *solver) declaredCall(e *sym.Expr, sy *sym.Symbol, args []*shapeVar) *shapeVar {
	if sy.Elementwise {
		if len(args) != 1 {
			s.fail(e, errShapeArity(e, 1, len(args)))
			return s.unknown()
		}
		return args[0]
	}
	s.declaredArgs(e, sy, args)
	return s.fromShape(sy.Range)
}

// declaredArgs unifies the arguments with the Domain of a declared
// function. f: R^n → R takes one vector or any number of scalars.
func (s *solver) declaredArgs(e *sym.Expr, sy *sym.Symbol, args []*shapeVar) {
	want := func(i int, sh *shapeVar, shape sym.Shape) {
		if !s.unify(args[i], sh) {
			what := fmt.Sprintf("argument %d of %s", i+1, e.Key())
			s.fail(e.Args[i], errShapeUse(e.Args[i].Pos, what, shape, resolve(args[i], unnamed)))
		}
	}
	vectorDomain := len(sy.Domain) == 1 && sy.Domain[0].Norm().IsVector()
	switch {
	case vectorDomain && len(args) == 1:
		// f(x) with x a vector of n, or f(a) with one scalar a.
		a, dom := args[0], sy.Domain[0]
		s.rule([]*shapeVar{a}, func() {
			if k := kindOf(a); k != kindUnknown && k != kindScalar {
				want(0, s.fromShape(dom), dom)
			}
		})
		s.vecRule(a, func() *shapeVar { return s.fromShape(dom) })
	case len(sy.Domain) == len(args):
		for i, d := range sy.Domain {
			want(i, s.fromShape(d), d.Norm())
		}
	case vectorDomain:
		for i := range args {
			want(i, s.scalar(), nil)
		}
	default:
		s.fail(e, errShapeArity(e, len(sy.Domain), len(args)))
	}
}

// defCall: a call of a function defined with parameters. One that maps a
// scalar parameter to a scalar (σ(t) = 1/(1 + exp(−t))) applies
// elementwise; any other is instantiated at its arguments. Which it is may
// only be known once the body's own shapes are, so the decision is a rule.
func (s *solver) defCall(e *sym.Expr, key string, sy *sym.Symbol, args []*shapeVar) *shapeVar {
	d := sy.Def
	if len(d.Params) != 1 || len(args) != 1 {
		return s.instantiate(e, key, sy, args)
	}
	body := s.symVar(key, sy)
	param := s.paramVar(d.Params[0])
	if s.fixed && len(sy.Domain) == 1 {
		param = s.fromShape(sy.Domain[0]) // as inferShapes left it
	}
	r := s.unknown()
	decided := false
	s.rule([]*shapeVar{body, param}, func() {
		if decided || kindOf(body) == kindUnknown || kindOf(param) == kindUnknown {
			return
		}
		decided = true
		if kindOf(body) == kindScalar && kindOf(param) == kindScalar {
			s.unify(r, args[0])
			return
		}
		if !s.unify(r, s.instantiate(e, key, sy, args)) {
			s.conflict(e, r, args...)
		}
	})
	return r
}

// instantiate: a call of a function defined with parameters has the shape
// of its body with the parameters bound to the arguments (each call on its
// own, so σ(t) = 1/(1 + exp(−t)) applies to scalars and vectors alike). A
// declared parameter fixes its argument's shape.
func (s *solver) instantiate(e *sym.Expr, key string, sy *sym.Symbol, args []*shapeVar) *shapeVar {
	d := sy.Def
	if len(args) != len(d.Params) {
		s.fail(e, errShapeArity(e, len(d.Params), len(args)))
		return s.unknown()
	}
	s.symVar(key, sy) // the body itself, once, for its own nodes
	if s.active[d] {
		s.fail(e, errShapeRecursive(e))
		return s.unknown()
	}
	names := make(map[string]*shapeVar, len(d.Params))
	for i, p := range d.Params {
		names[p] = args[i]
		ps := s.p.Symbols[p]
		if ps == nil || ps.Kind != sym.SymVar || !(ps.Declared || s.fixed) {
			continue
		}
		if !s.unify(args[i], s.fromShape(ps.Shape)) {
			what := fmt.Sprintf("argument %d of %s", i+1, key)
			s.fail(e.Args[i], errShapeUse(e.Args[i].Pos, what, ps.Shape, resolve(args[i], unnamed)))
		}
	}
	if s.active == nil {
		s.active = map[*sym.Def]bool{}
	}
	s.active[d] = true
	t := s.gen(d.Body, &scope{names: names}, false)
	delete(s.active, d)
	return t
}

// genPartial: ∂_k f(args) has the shape of f's value (a scalar for the
// multi-argument scalar functions it is written for).
func (s *solver) genPartial(e *sym.Expr, args []*shapeVar) *shapeVar {
	key := e.Key()
	sy := s.p.Symbols[key]
	switch {
	case sy == nil:
		s.fail(e, errShapeUnknownFunc(e))
	case sy.Kind == sym.SymFunc && sy.Elementwise:
		return s.scalar()
	case sy.Kind == sym.SymFunc:
		s.declaredArgs(e, sy, args)
		return s.fromShape(sy.Range)
	case sy.Kind == sym.SymDef && sy.Def != nil && len(sy.Def.Params) > 0:
		return s.instantiate(e, key, sy, args)
	default:
		s.fail(e, errShapeNotFunc(e))
	}
	return s.scalar()
}

// genJac: J_Φ(z) is (length of Φ(z)) × (length of z); square for an
// elementwise or undeclared Φ.
func (s *solver) genJac(e *sym.Expr, args []*shapeVar) *shapeVar {
	if len(args) != 1 {
		s.fail(e, errShapeArity(e, 1, len(args)))
		return s.unknown()
	}
	a := args[0]
	var rows *dimVar
	if sy := s.p.Symbols[e.Key()]; sy != nil && sy.Kind == sym.SymFunc && !sy.Elementwise {
		if len(sy.Domain) == 1 {
			if !s.unify(a, s.fromShape(sy.Domain[0])) {
				s.conflict(e, nil, a)
			}
		}
		// The rows of J_F: symbolic's rule (1 for a scalar-valued F).
		if r, ok, _ := sym.JacobianRows(sy); ok {
			rows = s.dim(r)
		}
	}
	r := s.unknown()
	s.rule([]*shapeVar{a}, func() {
		ar := a.root()
		if ar.kind != kindVector {
			return
		}
		m := rows
		if m == nil {
			m = ar.dims[0]
		}
		s.unify(r, s.matrix(m, ar.dims[0]))
	})
	s.vecDefault(a, vecVector)
	return r
}
