package parser

import (
	"strconv"

	sym "deriv/symbolic"
)

// scope binds names inside an expression: a defined function's parameters
// at one call (to the arguments' shapes) and the indices of enclosing sums
// (scalars).
type scope struct {
	parent *scope
	names  map[string]*shapeVar
	// index and upto: the index a sum binds and its upper bound, when that
	// is a size (Σ_{i=1}^{n} x_i makes x a vector of n).
	index string
	upto  sym.Dim
}

func (sc *scope) lookup(key string) *shapeVar {
	for ; sc != nil; sc = sc.parent {
		if t, ok := sc.names[key]; ok {
			return t
		}
	}
	return nil
}

// rangeOf is the size an index ranges over: the upper bound of the sum
// that binds it, else the Count of its declaration ("" when unknown).
func (s *solver) rangeOf(sub *sym.Expr, sc *scope) sym.Dim {
	if sub == nil || sub.Op != sym.OpVar || len(sub.Sub) > 0 {
		return ""
	}
	key := sub.Key()
	for ; sc != nil; sc = sc.parent {
		if sc.index == key {
			return sc.upto
		}
		if _, ok := sc.names[key]; ok {
			return ""
		}
	}
	if sy := s.p.Symbols[key]; sy != nil && sy.Kind == sym.SymIndex {
		return sy.Count
	}
	return ""
}

// sizeOf is the size an upper bound names: a dimension symbol or an
// integer ("" otherwise).
func (s *solver) sizeOf(e *sym.Expr) sym.Dim {
	switch {
	case e == nil:
	case e.Op == sym.OpVar && len(e.Sub) == 0 && s.p.Symbols[e.Key()] == nil && s.isDimName(e.Key()):
		return sym.Dim(e.Key())
	case e.Op == sym.OpNum && e.Num >= 1 && e.Num == float64(int64(e.Num)) && e.Name == "":
		return sym.Dim(strconv.FormatInt(int64(e.Num), 10))
	}
	return ""
}

// gen returns the shape variable of e, adding the constraints of e and its
// operands. rec records the nodes (so that their shapes are written back);
// a defined function's body instantiated at a call is not recorded.
func (s *solver) gen(e *sym.Expr, sc *scope, rec bool) *shapeVar {
	if e == nil {
		return s.scalar()
	}
	s.depth++
	defer func() { s.depth-- }()
	if s.depth > maxShapeDepth {
		s.fail(e, errShapeDepth(e))
		return s.unknown()
	}
	t := s.genNode(e, sc, rec)
	if rec {
		s.nodes = append(s.nodes, nodeVar{e, t})
	}
	return t
}

func (s *solver) genArgs(e *sym.Expr, sc *scope, rec bool) []*shapeVar {
	out := s.shapeList(len(e.Args))
	for i, a := range e.Args {
		out[i] = s.gen(a, sc, rec)
	}
	return out
}

func (s *solver) genNode(e *sym.Expr, sc *scope, rec bool) *shapeVar {
	switch e.Op {
	case sym.OpNum:
		return s.scalar()
	case sym.OpVar:
		return s.genVar(e, sc, rec)
	case sym.OpCall:
		return s.genCall(e, sc, rec)
	case sym.OpSum:
		return s.genSum(e, sc, rec)
	}
	args := s.genArgs(e, sc, rec)
	if n := sym.OpArity(e.Op); n > 0 && len(args) != n {
		s.fail(e, sym.Errorf(e.Pos, "malformed expression: %d operands", len(args)))
		return s.unknown()
	}
	switch e.Op {
	case sym.OpNeg:
		return args[0]
	case sym.OpAdd, sym.OpSub:
		return s.genAdd(e, args[0], args[1])
	case sym.OpMul:
		return s.genMul(e, args[0], args[1])
	case sym.OpDiv, sym.OpHPow:
		s.must(e, s.unify(args[1], s.scalar()), nil, args...)
		return args[0]
	case sym.OpHad, sym.OpHDiv:
		return s.genHad(e, args[0], args[1])
	case sym.OpPow:
		return s.genPow(e, args[0], args[1])
	case sym.OpT:
		return s.genT(args[0])
	case sym.OpInv:
		s.square(e, args[0])
		return args[0]
	case sym.OpPrime:
		if len(args) != 1 {
			s.fail(e, errShapeArity(e, 1, len(args)))
			return s.unknown()
		}
		return args[0]
	case sym.OpPartial:
		return s.genPartial(e, args)
	case sym.OpJac:
		return s.genJac(e, args)
	case sym.OpNorm:
		s.vecDefault(args[0], vecVector)
		return s.scalar()
	case sym.OpOnes:
		if e.Name == onesMatrixMark {
			// matrix(c), 𝟙 𝟙ᵀ: a matrix whatever its use.
			return s.matrix(s.dim(""), s.dim(""))
		}
		t := s.unknown()
		s.vecDefault(t, vecVector)
		return t
	case sym.OpEye:
		t := s.unknown()
		s.square(e, t)
		s.vecDefault(t, vecSquare)
		return t
	case sym.OpDeriv:
		return s.genDeriv(args[0], args[1])
	}
	s.fail(e, sym.Errorf(e.Pos, "no shape rule for this expression"))
	return s.unknown()
}

// genSum: Σ_{i=a}^{b} body has scalar bounds and the body's shape; i is a
// scalar inside the body.
func (s *solver) genSum(e *sym.Expr, sc *scope, rec bool) *shapeVar {
	if len(e.Args) != 3 {
		s.fail(e, sym.Errorf(e.Pos, "malformed sum: %d operands", len(e.Args)))
		return s.unknown()
	}
	for _, b := range e.Args[:2] {
		bt := s.gen(b, sc, rec)
		s.must(e, s.unify(bt, s.scalar()), nil, bt, s.scalar(), s.unknown())
	}
	inner := &scope{parent: sc, names: map[string]*shapeVar{e.Name: s.scalar()}, index: e.Name}
	if from := e.Args[0]; from != nil && from.Op == sym.OpNum && from.Num == 1 {
		inner.upto = s.sizeOf(e.Args[1])
	}
	return s.gen(e.Args[2], inner, rec)
}

// genVar: a name, a family member or an entry of a vector or matrix.
func (s *solver) genVar(e *sym.Expr, sc *scope, rec bool) *shapeVar {
	for _, sub := range e.Sub {
		if rec && sub != nil {
			s.nodes = append(s.nodes, nodeVar{sub, s.scalar()})
		}
	}
	key := e.Key()
	t := sc.lookup(key)
	var sy *sym.Symbol
	if t == nil {
		sy = s.p.Symbols[key]
		if sy == nil {
			if s.isDimName(key) && len(e.Sub) == 0 {
				return s.scalar() // a size used as a number: Σ_{i=1}^{n}
			}
			s.fail(e, errShapeUnknownName(e))
			return s.unknown()
		}
		switch sy.Kind {
		case sym.SymIndex:
			return s.scalar()
		case sym.SymFunc:
			return s.fromShape(sy.Range)
		case sym.SymFamily:
			if len(e.Sub) > 0 {
				return s.symVar(key, sy)
			}
			return s.wholeFamily(e, sy)
		}
		t = s.symVar(key, sy)
	}
	// The ranges of the subscripts give the sizes where they fit; an
	// entry only needs the right kind of shape.
	size := func(i int, ranged bool) *dimVar {
		if ranged {
			return s.dim(s.rangeOf(e.Sub[i], sc))
		}
		return s.dim("")
	}
	switch len(e.Sub) {
	case 0:
		return t
	case 1:
		if !s.unify(t, s.vector(size(0, true))) && !s.unify(t, s.vector(size(0, false))) {
			s.fail(e, errShapeEntry(e, resolve(t, unnamed)))
		}
	case 2:
		if !s.unify(t, s.matrix(size(0, true), size(1, true))) && !s.unify(t, s.matrix(size(0, false), size(1, false))) {
			s.fail(e, errShapeEntry(e, resolve(t, unnamed)))
		}
	default:
		s.fail(e, errShapeSubs(e))
	}
	return s.scalar()
}

// wholeFamily is the shape of a family named without a member: its members
// stacked as rows (n×d for vector members, a vector of n for scalar ones),
// as in the JSON values of SPEC §6.
func (s *solver) wholeFamily(e *sym.Expr, sy *sym.Symbol) *shapeVar {
	m := sy.Shape.Norm()
	switch {
	case m.IsScalar():
		return s.vector(s.dim(sy.Count))
	case m.IsVector():
		return s.matrix(s.dim(sy.Count), s.dim(m[0]))
	}
	s.fail(e, errShapeFamily(e))
	return s.unknown()
}

// symVar is the shape variable of a variable, family member or defined
// name.
func (s *solver) symVar(key string, sy *sym.Symbol) *shapeVar {
	if t, ok := s.symTV.get(key); ok {
		return t
	}
	var t *shapeVar
	switch {
	case sy.Kind == sym.SymDef && !s.fixed && sy.Def != nil:
		t = s.defVar(sy.Def)
	case s.fixed || sy.Declared || sy.Kind != sym.SymVar:
		t = s.fromShape(sy.Shape)
	default:
		t = s.unknown()
	}
	s.symTV.set(key, t)
	return t
}

// defVar is the shape variable of a definition's body, generated once.
// Parameters without a symbol of their own are open shapes of the body.
func (s *solver) defVar(d *sym.Def) *shapeVar {
	if t, ok := s.defTV.get(d); ok {
		return t
	}
	t := s.unknown()
	s.defTV.set(d, t)
	var sc *scope
	for _, p := range d.Params {
		if _, ok := s.p.Symbols[p]; !ok {
			if sc == nil {
				sc = &scope{names: map[string]*shapeVar{}}
			}
			sc.names[p] = s.paramVar(p)
		}
	}
	s.unify(t, s.gen(d.Body, sc, true)) // t is open: this cannot fail
	return t
}

// paramVar is the shape variable of a parameter: its symbol's, or its own
// when the parameter has no symbol.
func (s *solver) paramVar(key string) *shapeVar {
	if sy := s.p.Symbols[key]; sy != nil {
		return s.symVar(key, sy)
	}
	t, ok := s.symTV.get(key)
	if !ok {
		t = s.unknown()
		s.symTV.set(key, t)
	}
	return t
}

// isDimName reports whether key names a dimension of some declared shape
// or range (n in w_i ∈ R^d for i = 1..n).
func (s *solver) isDimName(key string) bool {
	if s.dimNames == nil {
		s.dimNames = map[sym.Dim]bool{}
		for _, sy := range s.p.Symbols {
			s.dimNames[sy.Count] = true
			for _, d := range sy.Shape {
				s.dimNames[d] = true
			}
			for _, d := range sy.Range {
				s.dimNames[d] = true
			}
			for _, dom := range sy.Domain {
				for _, d := range dom {
					s.dimNames[d] = true
				}
			}
		}
	}
	return s.dimNames[sym.Dim(key)]
}
