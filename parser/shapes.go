package parser

import (
	sym "deriv/symbolic"
)

// inferShapes assigns a Shape to every node of every definition and of the
// result, and to every variable whose shape was not declared, by
// unification (SPEC §2.3): constraints from use first, then the defaults —
// the function is a scalar (tried first, dropped when it conflicts, so that
// A*exp(x) is a vector function), uppercase Latin names are matrices,
// open names in vector positions are vectors, the rest scalars. Dimensions
// that nothing fixes get fresh single-letter names not used in the program
// (n, m, k, p, q, …).
//
// Defined names get their body's shape; a definition with parameters also
// gets Domain (its parameters' shapes) and Range, and Elementwise when it
// maps one scalar to a scalar. Every variable of Kind SymVar ends with a
// shape.
//
// The first shape conflict (children before parents, definitions in order)
// is returned as a *symbolic.Error at the operator, naming both sides'
// shapes (the caller attaches the source):
//
//	shape conflict at "+": vector(d) + matrix(d×d)
func inferShapes(p *sym.Program) error {
	if p == nil {
		return nil
	}
	if knownShapes(p) {
		if afterKnownShapes != nil {
			afterKnownShapes(p)
		}
		return nil
	}
	s, err := inferAttempt(p, true)
	if err != nil {
		s, err = inferAttempt(p, false)
	}
	if err != nil {
		return err
	}
	s.commit()
	return nil
}

// afterKnownShapes, when set (by the package's tests), is called with
// every program knownShapes answered: TestMain holds its shapes to the
// solver's.
var afterKnownShapes func(p *sym.Program)

// inferExprShapes assigns shapes to the nodes of e, an expression in p's
// context (a claim, a --wrt target), after inferShapes has run on p. The
// symbols keep their shapes; only e's own open parts (𝟙, I, vector(c)) are
// inferred, with the same defaults. A conflict is a *symbolic.Error at a
// position in e's own source (the caller attaches it).
func inferExprShapes(p *sym.Program, e *sym.Expr) error {
	if p == nil || e == nil {
		return nil
	}
	s := newSolver(p, true)
	s.gen(e, nil, true)
	s.solve(nil, false)
	s.nameDims()
	if err := s.finish(); err != nil {
		return err
	}
	return nil
}

// inferAttempt runs inference once, with or without taking the function to
// be scalar.
func inferAttempt(p *sym.Program, assumeScalar bool) (*solver, *sym.Error) {
	s := newSolver(p, false)
	for _, d := range p.Defs {
		if d != nil && d.Body != nil {
			s.defVar(d)
		}
	}
	var result *shapeVar
	if p.Result != nil && p.Result.Body != nil {
		result = s.defVar(p.Result)
	}
	for i, key := range s.keys() {
		if sy := s.keySyms[i]; sy.Kind == sym.SymVar {
			s.symVar(key, sy)
		}
	}
	s.solve(result, assumeScalar)
	s.nameDims()
	if err := s.finish(); err != nil {
		return s, err
	}
	if assumeScalar && result != nil && !p.Result.Body.Shape.IsScalar() {
		return s, errShapeResult(p.Result.Pos, p.Result.Body.Shape)
	}
	return s, nil
}

// finish writes every recorded node's shape, children first: names,
// 𝟙, I, vector(c) and calls of defined functions take the solved shape;
// every other node is recomputed from its operands by the known-shape
// rules (symbolic.ResultShapeIn), which report conflicts at the operator.
// A conflict only the solver saw (inside an instantiated definition, or a
// name used with two shapes) is reported after those.
func (s *solver) finish() *sym.Error {
	for _, n := range s.nodes {
		n.e.Shape = s.finalShape(n.t)
		if n.e.Op == sym.OpVar {
			continue
		}
		if n.e.Op == sym.OpOnes {
			// The shape now says it is a matrix.
			n.e.Name = ""
		}
		if n.e.Op == sym.OpNorm && n.e.Name == "2" && len(n.e.Args) == 1 {
			// ‖A‖ of a matrix is ‖A‖_F (see symbolic.OpNorm); the
			// arguments' shapes are already resolved.
			if a := n.e.Args[0].Shape; a.IsMatrix() && !a.IsRow() {
				n.e.Name = "F"
			}
		}
		if n.e.Op == sym.OpCall {
			// A number given to a function of a vector (Φ(0)) is that
			// number in every entry, as a printed derivative writes it.
			if sy := s.lookup(n.e.Key()); sy != nil && sy.Kind == sym.SymFunc && len(sy.Domain) == len(n.e.Args) {
				for i, a := range n.e.Args {
					if a.Op == sym.OpNum && a.Shape.IsScalar() && !sy.Domain[i].Norm().IsScalar() {
						a.Shape = sy.Domain[i].Norm()
					}
				}
			}
		}
		if n.e.Op == sym.OpHPow && len(n.e.Args) == 2 && n.e.Args[0].Shape.IsScalar() {
			// sin²(x) of a scalar is the power sin(x)², as sin^2 x is.
			n.e.Op = sym.OpPow
		}
		sh, err := sym.ResultShapeIn(n.e, s.lookup)
		if err != nil {
			if se, ok := err.(*sym.Error); ok {
				return se
			}
			return sym.Errorf(n.e.Pos, "%v", err)
		}
		n.e.Shape = sh
	}
	if len(s.fails) > 0 {
		return s.fails[0]
	}
	return nil
}

// commit writes the inferred shapes of the program's symbols: variables
// first, then definitions (whose Domain reads their parameters' shapes).
func (s *solver) commit() {
	// keys() lists every symbol once (a slice is cheaper to walk than
	// the map, and each step writes only its own symbol).
	keys, syms := s.keys(), s.keySyms
	for i, key := range keys {
		if t, ok := s.symTV.get(key); ok && syms[i].Kind == sym.SymVar && !syms[i].Declared {
			syms[i].Shape = s.finalShape(t)
		}
	}
	for _, sy := range syms {
		if sy.Kind != sym.SymDef || sy.Def == nil || sy.Def.Body == nil {
			continue
		}
		sy.Shape = sy.Def.Body.Shape
		if len(sy.Def.Params) == 0 {
			continue
		}
		sy.Domain = make([]sym.Shape, len(sy.Def.Params))
		for i, p := range sy.Def.Params {
			if ps := s.p.Symbols[p]; ps != nil {
				sy.Domain[i] = ps.Shape
			} else if t, ok := s.symTV.get(p); ok {
				sy.Domain[i] = s.finalShape(t)
			}
		}
		sy.Range = sy.Shape
		sy.Elementwise = len(sy.Domain) == 1 && sy.Domain[0].IsScalar() && sy.Range.IsScalar()
	}
}

// finalShape is resolve(t, unnamed) once solving is over (nothing is
// unified any more): computed once per root, and equal shapes are one
// slice, shared by the nodes and symbols of that shape (shapes are never
// modified in place).
func (s *solver) finalShape(t *shapeVar) sym.Shape {
	r := t.root()
	if !r.isFinal {
		r.final, r.isFinal = s.shareShape(finalDims(r)), true
	}
	return r.final
}

// finalDims is resolve(r, unnamed) of a root, without allocating: n
// dimensions (0, 1 or 2) in d, normalised as Shape.Norm does.
func finalDims(r *shapeVar) (n int, d [2]sym.Dim) {
	val := func(v *dimVar) sym.Dim {
		if v = v.root(); v.val != "" {
			return v.val
		}
		return unnamed(v)
	}
	switch r.kind {
	case kindVector:
		return 1, [2]sym.Dim{val(r.dims[0])}
	case kindMatrix:
		d = [2]sym.Dim{val(r.dims[0]), val(r.dims[1])}
		switch {
		case d[0] == sym.One && d[1] == sym.One:
			return 0, [2]sym.Dim{}
		case d[1] == sym.One:
			return 1, [2]sym.Dim{d[0]}
		}
		return 2, d
	}
	return 0, d
}

// shareShape returns the shape of n dimensions d: one made before if equal
// (the solver keeps the few it made), else a new one.
func (s *solver) shareShape(n int, d [2]sym.Dim) sym.Shape {
	if n == 0 {
		return nil
	}
	for _, sh := range s.shapes {
		if len(sh) == n && sh[0] == d[0] && (n == 1 || sh[1] == d[1]) {
			return sh
		}
	}
	sh := make(sym.Shape, n)
	copy(sh, d[:n])
	if len(s.shapes) < 16 {
		s.shapes = append(s.shapes, sh)
	}
	return sh
}
