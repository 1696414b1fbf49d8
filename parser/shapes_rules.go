package parser

import (
	sym "deriv/symbolic"
)

// The constraints of the operators. Each rule derives only what is forced;
// the "is a vector here" readings of SPEC §2.3 are vecRules, applied as
// defaults once propagation is stuck.

// vecRule adds a default: when t is still open, it becomes mk().
func (s *solver) vecRule(t *shapeVar, mk func() *shapeVar) {
	s.vecRules = append(s.vecRules, vecRule{kind: vecMake, t: t, mk: mk})
}

// vecDefault adds a default: when t is still open, it becomes a vector
// (kind vecVector), a square matrix (vecSquare) or a matrix (vecMatrix)
// of open dimensions.
func (s *solver) vecDefault(t *shapeVar, kind vecKind) {
	s.vecRules = append(s.vecRules, vecRule{kind: kind, t: t})
}

// vecRule is a default of SPEC §2.3, applied once propagation is stuck:
// an open t becomes mk() or the shape kind names; for vecMul, the
// default of the product e = a b with result r (mulDefault); for vecFunc,
// f reports whether it acted.
type vecRule struct {
	kind    vecKind
	t       *shapeVar
	mk      func() *shapeVar
	f       func() bool
	e       *sym.Expr
	a, b, r *shapeVar
}

type vecKind uint8

const (
	vecMake vecKind = iota
	vecVector
	vecSquare
	vecMatrix
	vecMul
	vecFunc // f()
)

// apply applies the default v, reporting whether it acted.
func (s *solver) apply(v *vecRule) bool {
	switch v.kind {
	case vecMul:
		return s.mulDefault(v.e, v.a, v.b, v.r)
	case vecFunc:
		return v.f()
	}
	if kindOf(v.t) != kindUnknown {
		return false
	}
	var sh *shapeVar
	switch v.kind {
	case vecVector:
		sh = s.vector(s.dim(""))
	case vecSquare:
		d := s.dim("")
		sh = s.matrix(d, d)
	case vecMatrix:
		sh = s.matrix(s.dim(""), s.dim(""))
	default:
		sh = v.mk()
	}
	s.unify(v.t, sh)
	return true
}

// square requires t, once known to be a matrix, to be square.
func (s *solver) square(e *sym.Expr, t *shapeVar) {
	s.addRule(propRule{kind: ruleSquare, e: e, a: t}, []*shapeVar{t})
}

// squareRule: t, if a matrix, is square.
func (s *solver) squareRule(e *sym.Expr, t *shapeVar) {
	r := t.root()
	if r.kind == kindMatrix && !s.unifyDim(r.dims[0], r.dims[1]) {
		s.conflict(e, nil, t)
	}
}

// genAdd: a + b. Equal shapes, unless one side is built from numeric
// literals only: then it broadcasts and the sum has the other side's shape.
func (s *solver) genAdd(e *sym.Expr, a, b *shapeVar) *shapeVar {
	ca, cb := s.isConstant(e.Args[0]), s.isConstant(e.Args[1])
	switch {
	case ca && !cb:
		return b
	case cb && !ca:
		return a
	}
	if !s.unify(a, b) {
		s.conflict(e, nil, a, b)
	}
	return a
}

// literalOne stands for a constant operand in isConstant (only read).
var literalOne = &sym.Expr{Op: sym.OpNum, Num: 1}

// isConstant is symbolic.IsConstant with a memo, so that a long chain of
// sums costs linear rather than quadratic time.
func (s *solver) isConstant(e *sym.Expr) bool {
	switch {
	case e == nil:
		return false
	case e.Op == sym.OpNum:
		return true
	case len(e.Args) == 0:
		return false
	}
	// Only nodes with operands are memoised (a leaf is answered at once).
	if c, ok := s.constMemo[e]; ok {
		return c
	}
	// The node itself must be of a constant-preserving kind: test it with
	// its arguments replaced by a literal, then the arguments.
	shallow := *e
	var room [4]*sym.Expr
	if len(e.Args) <= len(room) {
		shallow.Args = room[:len(e.Args)]
	} else {
		shallow.Args = make([]*sym.Expr, len(e.Args))
	}
	for i := range shallow.Args {
		shallow.Args[i] = literalOne
	}
	c := sym.IsConstant(&shallow)
	for _, a := range e.Args {
		c = c && s.isConstant(a)
	}
	if s.constMemo == nil {
		s.constMemo = map[*sym.Expr]bool{}
	}
	s.constMemo[e] = c
	return c
}

// genMul: a b. Scaling when a side is a scalar, else a matrix product. An
// open factor right of a matrix (A x) defaults to a vector.
func (s *solver) genMul(e *sym.Expr, a, b *shapeVar) *shapeVar {
	r := s.unknown()
	s.addRule(propRule{kind: ruleMul, e: e, a: a, b: b, r: r}, []*shapeVar{a, b, r})
	s.vecRules = append(s.vecRules, vecRule{kind: vecMul, e: e, a: a, b: b, r: r})
	return r
}

// mulDefault: an open factor b right of a matrix a (A x) becomes a vector.
func (s *solver) mulDefault(e *sym.Expr, a, b, r *shapeVar) bool {
	if kindOf(b) != kindUnknown || kindOf(a) != kindMatrix {
		return false
	}
	if rr := r.root(); rr.kind == kindMatrix && !isOne(rr.dims[0]) {
		// A c = C: c is a scalar or a matrix, not a vector.
		return false
	}
	if !s.unify(b, s.vector(s.cols(a))) {
		s.conflict(e, r, a, b)
	}
	return true
}

func (s *solver) mulRule(e *sym.Expr, a, b, r *shapeVar) {
	ka, kb, kr := kindOf(a), kindOf(b), kindOf(r)
	ok := true
	switch {
	case ka == kindScalar:
		ok = s.unify(r, b)
	case kb == kindScalar:
		ok = s.unify(r, a)
	case ka != kindUnknown && kb != kindUnknown:
		ac, br := s.cols(a), s.rows(b)
		if isOne(ac) != isOne(br) || !s.unifyDim(ac, br) {
			s.conflict(e, r, a, b)
			return
		}
		ok = s.unify(r, s.matrix(s.rows(a), s.cols(b)))
	case ka != kindUnknown && kr != kindUnknown:
		ok = s.mulRight(a, b, r)
	case kb != kindUnknown && kr != kindUnknown:
		ok = s.mulLeft(a, b, r)
	}
	if !ok {
		s.conflict(e, r, a, b)
	}
}

// mulRight finds the open right factor b of a b = r where that is forced.
func (s *solver) mulRight(a, b, r *shapeVar) bool {
	ar, rr := a.root(), r.root()
	switch {
	case isRow(ar):
		if rr.kind == kindScalar { // xᵀ b is a scalar: an inner product
			return s.unify(b, s.vector(ar.dims[1]))
		}
	case ar.kind == kindVector:
		switch {
		case rr.kind == kindVector: // x b is a vector: b scales
			return s.unify(b, s.scalar())
		case rr.kind == kindMatrix && !isOne(rr.dims[0]): // outer product
			return s.unifyDim(ar.dims[0], rr.dims[0]) && s.unify(b, s.matrix(s.dim(sym.One), rr.dims[1]))
		}
	case ar.kind == kindMatrix:
		if rr.kind == kindVector { // A b is a vector: b is one
			return s.unifyDim(ar.dims[0], rr.dims[0]) && s.unify(b, s.vector(ar.dims[1]))
		}
	}
	return true
}

// mulLeft finds the open left factor a of a b = r where that is forced.
// It never makes a an open row vector: rows come from transposes, and an
// open name left of a vector is a scalar by default (SPEC §2.3).
func (s *solver) mulLeft(a, b, r *shapeVar) bool {
	br, rr := b.root(), r.root()
	if isRow(br) && rr.kind == kindMatrix {
		if isRow(rr) { // a yᵀ is a row: a is a scalar
			return s.unify(a, s.scalar())
		}
		// an outer product a yᵀ
		return s.unifyDim(br.dims[1], rr.dims[1]) && s.unify(a, s.vector(rr.dims[0]))
	}
	return true
}

// genHad: a ⊙ b and a ⊘ b. Equal shapes, or a scalar side; an open side
// next to a vector or matrix defaults to its shape.
func (s *solver) genHad(e *sym.Expr, a, b *shapeVar) *shapeVar {
	r := s.unknown()
	s.rule([]*shapeVar{a, b, r}, func() {
		ka, kb := kindOf(a), kindOf(b)
		ok := true
		switch {
		case ka == kindScalar:
			ok = s.unify(r, b)
		case kb == kindScalar:
			ok = s.unify(r, a)
		case ka != kindUnknown && kb != kindUnknown:
			ok = s.unify(a, b) && s.unify(r, a)
		case kindOf(r) == kindScalar:
			ok = s.unify(a, s.scalar()) && s.unify(b, s.scalar())
		}
		if !ok {
			s.conflict(e, r, a, b)
		}
	})
	s.vecRules = append(s.vecRules, vecRule{kind: vecFunc, f: func() bool {
		like := r
		if kindOf(like) == kindUnknown || kindOf(like) == kindScalar {
			like = a
			if kindOf(a) == kindUnknown || kindOf(a) == kindScalar {
				like = b
			}
		}
		if k := kindOf(like); k == kindUnknown || k == kindScalar {
			return false
		}
		acted := false
		for _, t := range []*shapeVar{a, b} {
			if kindOf(t) == kindUnknown {
				s.unify(t, like)
				acted = true
			}
		}
		return acted
	}})
	return r
}

// genPow: a^b. A scalar exponent; a scalar base, or a square matrix.
func (s *solver) genPow(e *sym.Expr, a, b *shapeVar) *shapeVar {
	if !s.unify(b, s.scalar()) {
		s.conflict(e, nil, a, b)
	}
	r := s.unknown()
	s.rule([]*shapeVar{a, r}, func() {
		ok := true
		switch ar := a.root(); {
		case ar.kind == kindScalar:
			ok = s.unify(r, a)
		case ar.kind == kindMatrix:
			ok = s.unifyDim(ar.dims[0], ar.dims[1]) && s.unify(r, a)
		case ar.kind == kindVector:
			ok = false
		case kindOf(r) != kindUnknown:
			ok = s.unify(a, r)
		}
		if !ok {
			s.conflict(e, r, a, b)
		}
	})
	return r
}

// genT: aᵀ.
func (s *solver) genT(a *shapeVar) *shapeVar {
	r := s.unknown()
	s.addRule(propRule{kind: ruleT, a: a, r: r}, []*shapeVar{a, r})
	s.vecDefault(a, vecVector)
	return r
}

// tRule: r = aᵀ, from whichever side is known.
func (s *solver) tRule(a, r *shapeVar) {
	switch {
	case kindOf(a) != kindUnknown:
		s.unify(r, s.transposed(a))
	case kindOf(r) != kindUnknown:
		s.unify(a, s.transposed(r))
	}
}

// transposed is the shape of tᵀ for a known t.
func (s *solver) transposed(t *shapeVar) *shapeVar {
	t = t.root()
	switch t.kind {
	case kindVector:
		return s.matrix(s.dim(sym.One), t.dims[0])
	case kindMatrix:
		return s.matrix(t.dims[1], t.dims[0])
	}
	return s.scalar()
}

// genDeriv: ∂f/∂w has w's shape for a scalar f, len f × len w for a
// vector f (SPEC §3).
func (s *solver) genDeriv(f, w *shapeVar) *shapeVar {
	r := s.unknown()
	s.rule([]*shapeVar{f, w}, func() {
		fr, wr := f.root(), w.root()
		switch {
		case fr.kind == kindScalar:
			s.unify(r, w)
		case fr.kind == kindVector && wr.kind == kindScalar:
			s.unify(r, f)
		case fr.kind == kindVector && wr.kind == kindVector:
			s.unify(r, s.matrix(fr.dims[0], wr.dims[0]))
		}
	})
	return r
}
