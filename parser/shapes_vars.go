package parser

import "deriv/symbolic"

// Shape inference works over shape variables and dimension variables, each
// kept in a union-find forest: unifying two variables links their roots, and
// a root carries what is known (the kind of shape, a dimension's value).

// shapeKind is what is known of a shape variable.
type shapeKind uint8

const (
	kindUnknown shapeKind = iota
	kindScalar
	kindVector
	kindMatrix
)

// dimVar is a dimension: unknown (val "") or a symbol or literal size.
type dimVar struct {
	parent *dimVar
	val    symbolic.Dim
	id     int
}

// shapeVar is a shape: unknown, scalar, vector(dims[0]) or
// matrix(dims[0]×dims[1]). A row vector is a matrix whose first dimension
// is the literal 1.
type shapeVar struct {
	parent *shapeVar
	kind   shapeKind
	// isFinal says final is set (here, beside kind, to keep the struct
	// small: the slabs hold many).
	isFinal bool
	dims    [2]*dimVar
	// watch lists the rules to rerun when this root gains information
	// (see vars.wake).
	watch []int
	// watchRoom holds the first rules watched (most variables have few),
	// so that watch needs no allocation of its own until it outgrows it.
	watchRoom [2]int
	// final caches resolve(t, unnamed) of a root once solving is over
	// (see solver.finalShape).
	final symbolic.Shape
}

func (d *dimVar) root() *dimVar {
	for d.parent != nil {
		if d.parent.parent != nil {
			d.parent = d.parent.parent
		}
		d = d.parent
	}
	return d
}

func (t *shapeVar) root() *shapeVar {
	for t.parent != nil {
		if t.parent.parent != nil {
			t.parent = t.parent.parent
		}
		t = t.parent
	}
	return t
}

// vars creates variables and unifies them. A rule watches the shape
// variables it reads; when an open shape becomes known, the rules watching
// it are queued (a worklist, so that propagation costs what changes).
type vars struct {
	dims   []*dimVar
	queue  []int
	queued []bool
	// dimSlab and shapeSlab hand out variables from chunks, one
	// allocation per slabSize variables rather than one each.
	dimSlab   []dimVar
	shapeSlab []shapeVar
	listSlab  []*shapeVar
}

// slabSize is the number of variables allocated at once.
const slabSize = 16

// newDim returns a zero dimension variable from the slab.
func (s *vars) newDim() *dimVar {
	if len(s.dimSlab) == 0 {
		s.dimSlab = make([]dimVar, slabSize)
	}
	d := &s.dimSlab[0]
	s.dimSlab = s.dimSlab[1:]
	return d
}

// shapeList returns a list of n shape variables (nil), cut from a chunk
// shared with other lists (each with its own capacity, so that an append
// to one never writes into the next).
func (s *vars) shapeList(n int) []*shapeVar {
	if n > slabSize {
		return make([]*shapeVar, n)
	}
	if len(s.listSlab) < n {
		s.listSlab = make([]*shapeVar, 4*slabSize)
	}
	out := s.listSlab[:n:n]
	s.listSlab = s.listSlab[n:]
	return out
}

// newShape returns a shape variable of kind k from the slab.
func (s *vars) newShape(k shapeKind, m, n *dimVar) *shapeVar {
	if len(s.shapeSlab) == 0 {
		s.shapeSlab = make([]shapeVar, slabSize)
	}
	t := &s.shapeSlab[0]
	s.shapeSlab = s.shapeSlab[1:]
	t.kind, t.dims = k, [2]*dimVar{m, n}
	return t
}

// wake queues the rules ids.
func (s *vars) wake(ids []int) {
	for _, id := range ids {
		if !s.queued[id] {
			s.queued[id] = true
			s.queue = append(s.queue, id)
		}
	}
}

// link makes b the root of the open shape a, waking a's rules when b is
// known.
func (s *vars) link(a, b *shapeVar) {
	a.parent = b
	if b.watch == nil && len(a.watch) > 0 {
		b.watch = b.watchRoom[:0]
	}
	b.watch = append(b.watch, a.watch...)
	if b.kind != kindUnknown {
		s.wake(a.watch)
	}
	a.watch = nil
}

// dim returns a new dimension variable with value v ("" for unknown).
func (s *vars) dim(v symbolic.Dim) *dimVar {
	d := s.newDim()
	d.val, d.id = v, len(s.dims)
	s.dims = append(s.dims, d)
	return d
}

func (s *vars) unknown() *shapeVar { return s.newShape(kindUnknown, nil, nil) }
func (s *vars) scalar() *shapeVar  { return s.newShape(kindScalar, nil, nil) }
func (s *vars) vector(n *dimVar) *shapeVar {
	return s.newShape(kindVector, n, nil)
}

// matrix returns the shape m×n, normalised like symbolic.Shape.Norm when
// the dimensions are known to be 1: 1×1 is a scalar, n×1 a vector.
func (s *vars) matrix(m, n *dimVar) *shapeVar {
	switch {
	case isOne(m) && isOne(n):
		return s.scalar()
	case isOne(n):
		return s.vector(m)
	}
	return s.newShape(kindMatrix, m, n)
}

// fromShape returns a shape variable holding a known shape.
func (s *vars) fromShape(sh symbolic.Shape) *shapeVar {
	sh = sh.Norm()
	switch len(sh) {
	case 0:
		return s.scalar()
	case 1:
		return s.vector(s.dim(sh[0]))
	}
	return s.matrix(s.dim(sh[0]), s.dim(sh[1]))
}

func isOne(d *dimVar) bool { return d.root().val == symbolic.One }

// unifyDim makes two dimensions equal, or reports false when they are
// different known values.
func (s *vars) unifyDim(a, b *dimVar) bool {
	a, b = a.root(), b.root()
	switch {
	case a == b:
		return true
	case a.val != "" && b.val != "":
		if a.val != b.val {
			return false
		}
		b.parent = a
		return true
	case a.val == "":
		a.parent = b
	default:
		b.parent = a
	}
	return true
}

// unify makes two shapes equal, or reports false on a conflict (different
// kinds or dimensions); a conflict leaves both sides as they were as far as
// possible.
func (s *vars) unify(a, b *shapeVar) bool {
	a, b = a.root(), b.root()
	switch {
	case a == b:
		return true
	case a.kind == kindUnknown:
		s.link(a, b)
		return true
	case b.kind == kindUnknown:
		s.link(b, a)
		return true
	case a.kind != b.kind:
		return false
	}
	n := 0
	if a.kind == kindVector {
		n = 1
	} else if a.kind == kindMatrix {
		n = 2
	}
	for i := range n {
		x, y := a.dims[i].root(), b.dims[i].root()
		if x.val != "" && y.val != "" && x.val != y.val {
			return false
		}
	}
	for i := range n {
		s.unifyDim(a.dims[i], b.dims[i])
	}
	// Both were known: linking them gains nothing beyond their dimensions.
	s.link(b, a)
	return true
}

// rows and cols view a known shape as a matrix (a scalar is 1×1, a vector
// n×1); one is the literal dimension 1.
func (s *vars) rows(t *shapeVar) *dimVar {
	t = t.root()
	if t.kind == kindScalar {
		return s.dim(symbolic.One)
	}
	return t.dims[0]
}

func (s *vars) cols(t *shapeVar) *dimVar {
	t = t.root()
	if t.kind == kindMatrix {
		return t.dims[1]
	}
	return s.dim(symbolic.One)
}

func kindOf(t *shapeVar) shapeKind { return t.root().kind }

func isRow(t *shapeVar) bool {
	t = t.root()
	return t.kind == kindMatrix && isOne(t.dims[0])
}

// resolve returns the shape as known so far; unknown dimensions are named
// by name (which may return "?" for messages).
func resolve(t *shapeVar, name func(*dimVar) symbolic.Dim) symbolic.Shape {
	t = t.root()
	dim := func(d *dimVar) symbolic.Dim {
		d = d.root()
		if d.val != "" {
			return d.val
		}
		return name(d)
	}
	switch t.kind {
	case kindVector:
		return symbolic.Shape{dim(t.dims[0])}
	case kindMatrix:
		return symbolic.Shape{dim(t.dims[0]), dim(t.dims[1])}.Norm()
	}
	return nil
}
