package numeric

import (
	"slices"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Evaluation along a direction. A directional check evaluates f at
// W + t V for several steps t along each direction V of a variable W. A
// product in which W enters once, linearly, A (W + t V) B, is
// A W B + t · A V B: the plan computes A W B once per point (while A and B
// keep their values) and A V B at each step, instead of writing W + t V (a
// memmove and an axpy of W's size) and multiplying by it: for (W1 + t V) x
// one pass over V instead of five over W1 and V. Anything else that reads
// W (‖W‖, W ⊙ W, an entry W_ij, W W x) gets W + t V, computed when asked.

// direction is what the nodes of an evaluation along a direction see: the
// variable's key, its value at the point (base), the direction V (same
// shape, the caller's storage) and the step t.
type direction struct {
	key  string
	base *mat.Dense
	v    *mat.Dense
	t    float64
	// gen numbers v's content: equal numbers, equal directions (see
	// affine.steady); 0 never names one.
	gen uint64
	// cur is base + t v once a node of this evaluation has asked for it
	// (nil before): every reference to the variable reads it (values
	// are never written by their readers, as the variable's own value
	// is not).
	cur *mat.Dense
}

// linCache holds a linear product's parts: pw = A W B, valid while the
// other factors hold the values saved in others (and the state serves
// the same affine: stale is set when a state is taken for a new one),
// and the buffer of pv = A V B.
type linCache struct {
	pw, pv *mat.Dense
	others [][]float64
	stale  bool
	// pvGen is the direction pv was computed for (direction.gen), 0 for
	// none.
	pvGen uint64
}

// affine evaluates one Compiled at env with the variable key replaced by
// base + t v, for many steps t and directions v, in one state whose
// linear products are cached. env.Vals[key] (the base) must not change
// while the affine is in use. Not safe for concurrent use.
type affine struct {
	c   *Compiled
	s   *state
	dir direction
	// vm is the direction's matrix header, pointed at each call's v.
	vm mat.Dense
	// fixed is the direction declared steady (nil: none) and fixedGen
	// its number; gen is the last direction number given out.
	fixed    []float64
	fixedGen uint64
	gen      uint64
}

// steady declares that the calls of along that follow, until the next
// call of steady, pass v (the same slice, its content unchanged) or
// another direction: with v, the products linear in the variable, A V B,
// are computed once for all the steps t (the differences along one
// direction take six or more), not at every step. steady(nil) ends the
// declaration.
func (a *affine) steady(v []float64) {
	a.gen++
	a.fixed, a.fixedGen = v, a.gen
}

// newAffine prepares evaluations of c along directions of the variable
// key at env, in a frame of c's (from its free list: the buffers of an
// earlier point are reused; release gives it back).
func (c *Compiled) newAffine(env *Env, key string, b *budget) *affine {
	if b == nil {
		b = defaultBudget
	}
	a := &affine{c: c, s: c.acquire(env, b)}
	if len(a.s.lin) != c.nlin {
		a.s.lin = make([]linCache, c.nlin)
	}
	for i := range a.s.lin {
		a.s.lin[i].stale = true
	}
	a.dir = direction{key: key, base: env.Vals[key]}
	a.s.dir = &a.dir
	return a
}

// release returns the affine's frame to c's free list; the affine must
// not be used after.
func (a *affine) release() {
	if a.s == nil {
		return
	}
	a.s.dir = nil
	a.c.release(a.s)
	a.s = nil
}

// along evaluates c at base + t v (v flattened row by row, base's size;
// read during the call only). The value is borrowed until the next call.
func (a *affine) along(t float64, v []float64) (*mat.Dense, error) {
	r, cols := a.dir.base.Dims()
	a.vm.SetRawMatrix(blas64.General{Rows: r, Cols: cols, Stride: cols, Data: v[:r*cols]})
	a.dir.v = &a.vm
	a.dir.t = t
	a.dir.cur = nil
	if len(v) > 0 && len(a.fixed) == len(v) && &a.fixed[0] == &v[0] {
		a.dir.gen = a.fixedGen
	} else {
		// Not the steady direction: a number of its own.
		a.gen++
		a.dir.gen = a.gen
	}
	env, b := a.s.env, a.s.b
	a.s.reset(env, b)
	v2, _, err := a.c.run(a.s, b, nil)
	return v2, err
}

// linearFactor returns the index of the factor of p that is the variable
// being moved along a direction, when there is exactly one (else −1).
func (p *prodPlan) linearFactor(s *state) int {
	if s.dir == nil {
		return -1
	}
	at := -1
	for i, f := range p.fs {
		if f.key == s.dir.key {
			if at >= 0 {
				return -1 // W W x: not linear
			}
			at = i
		}
	}
	return at
}

// linearInto sets dst = α (P(W) + t P(V)) + β dst, for the product P
// linear in factor li (whose value in vals is the base W).
func (p *prodPlan) linearInto(s *state, li int, vals []*mat.Dense, dst *mat.Dense, alpha, beta float64) {
	lc := &s.lin[p.lin]
	same := lc.pw != nil && !lc.stale && len(lc.others) == len(vals)
	for i, v := range vals {
		if i != li && same {
			same = slices.Equal(lc.others[i], contiguous(v))
		}
	}
	r, c := dst.Dims()
	if !same {
		// A new point (or other factors): save them and compute A W B
		// again, in the storage of the previous ones.
		if len(lc.others) != len(vals) {
			lc.others = make([][]float64, len(vals))
		}
		for i, v := range vals {
			if i != li {
				lc.others[i] = append(lc.others[i][:0], contiguous(v)...)
			}
		}
		lc.pw, lc.pv, lc.stale, lc.pvGen = sized(lc.pw, r, c), sized(lc.pv, r, c), false, 0
		p.into(s, vals, lc.pw, 1, 0)
	}
	if lc.pvGen == 0 || lc.pvGen != s.dir.gen {
		// A new direction (or other factors): A V B again. For the same
		// direction and factors it is the same product, the same value.
		sc := s.plan(p)
		sc.moved = append(sc.moved[:0], vals...)
		sc.moved[li] = s.dir.v
		p.into(s, sc.moved, lc.pv, 1, 0)
		lc.pvGen = s.dir.gen
	}
	scaleInto(dst, alpha, lc.pw, false, beta)
	scaleInto(dst, alpha*s.dir.t, lc.pv, false, 1)
}

// sized returns m when it is r×c, else a new r×c matrix (its content is
// arbitrary: the caller overwrites it).
func sized(m *mat.Dense, r, c int) *mat.Dense {
	if m != nil {
		if mr, mc := m.Dims(); mr == r && mc == c {
			return m
		}
	}
	return mat.NewDense(r, c, nil)
}

// contiguous returns v's entries row by row (its storage when the rows
// are contiguous, else a copy).
func contiguous(v *mat.Dense) []float64 {
	raw := v.RawMatrix()
	if raw.Stride == raw.Cols || raw.Rows == 1 {
		return raw.Data[:(raw.Rows-1)*raw.Stride+raw.Cols]
	}
	return flatten([]*mat.Dense{v})
}

// moved returns base + t v for the variable being moved: computed in
// buffer id by the first reference of an evaluation, shared by the others.
func (s *state) moved(id int) *mat.Dense {
	d := s.dir
	if d.cur != nil {
		return d.cur
	}
	r, c := d.base.Dims()
	out := s.buf(id, r, c)
	scaleInto(out, 1, d.base, false, 0)
	scaleInto(out, d.t, d.v, false, 1)
	d.cur = out
	return out
}
