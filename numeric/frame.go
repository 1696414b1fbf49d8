package numeric

import (
	"context"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// The evaluation plan's buffers. Every compiled node that produces a new
// value (a product, a sum, an elementwise map, …) is given a buffer number
// at compile time; at run time it writes its value into the buffer of that
// number in the evaluation's state, allocated on first use and reused by
// later evaluations with the same sizes (the same shape binding): the
// points of a check, its finite-difference steps and directions. A state
// with its buffers is a frame; a Compiled keeps the frames not in use in a
// free list, so that concurrent Evals each get their own.
//
// Aliasing. A node's value is its buffer's content until the node runs
// again. Within one evaluation a node runs again only for a new term of a
// sum around it (the sum has consumed the previous value) or when a binding
// it depends on changed. A binding changes under a value still held by a
// consumer only when a sum rebinds an index that is already bound (Σ_i
// inside an expression that depends on the outer i), and then only for a
// node reached from outside the sum too: a cached node (shared) that
// depends on the index. Inside such a sum those nodes are recomputed with
// buffer reuse off (state.noReuse), allocating as before. Values handed to
// callers are detached from the frame (Compiled.Eval) or documented as
// borrowed until the next call (Evaluator.Eval).

// maxFreeFrames bounds the frames a Compiled keeps for reuse.
const maxFreeFrames = 8

// frames is a Compiled's free list of evaluation states.
type frames struct {
	mu   sync.Mutex
	free []*state
}

// acquire returns a state for one evaluation of c at env (a frame from the
// free list, reset, or a new one).
func (c *Compiled) acquire(env *Env, b *budget) *state {
	c.frames.mu.Lock()
	var s *state
	if n := len(c.frames.free); n > 0 {
		s = c.frames.free[n-1]
		c.frames.free = c.frames.free[:n-1]
	}
	c.frames.mu.Unlock()
	if s == nil {
		return c.newState(env, b)
	}
	s.reset(env, b)
	return s
}

// release puts s back on c's free list. The caller must hold no value of
// s's buffers any more (detach the result first).
func (c *Compiled) release(s *state) {
	s.env, s.b = nil, nil
	c.frames.mu.Lock()
	if len(c.frames.free) < maxFreeFrames {
		c.frames.free = append(c.frames.free, s)
	}
	c.frames.mu.Unlock()
}

// reset prepares a used state for a new evaluation at env: the bindings,
// caches and counters are cleared; the buffers are kept.
func (s *state) reset(env *Env, b *budget) {
	s.env, s.b = env, b
	clear(s.index)
	for k, v := range env.Index {
		s.index[k] = v
	}
	clear(s.slots)
	clear(s.cache)
	clear(s.cacheAt)
	clear(s.changed)
	clear(s.active)
	clear(s.shadowed)
	s.shadows = 0
	s.epoch, s.kink, s.evals, s.iters, s.nest, s.noReuse = 0, false, 0, 0, 0, 0
	s.finite = nil
}

// buf returns buffer id sized r×c, for a node to write its whole value
// into: its previous content is arbitrary. With reuse off (a sum
// rebinding a bound index is running) it is a new matrix.
func (s *state) buf(id, r, c int) *mat.Dense {
	if s.noReuse > 0 {
		return mat.NewDense(r, c, nil)
	}
	if m := s.bufs[id]; m != nil {
		if mr, mc := m.Dims(); mr == r && mc == c {
			return m
		}
		// A new size (another shape binding): reuse the storage when
		// it is large enough.
		if raw := m.RawMatrix(); cap(raw.Data) >= r*c {
			m = mat.NewDense(r, c, raw.Data[:r*c])
			s.bufs[id] = m
			return m
		}
	}
	m := mat.NewDense(r, c, nil)
	s.bufs[id] = m
	return m
}

// scalarBuf returns buffer id as the 1×1 matrix v.
func (s *state) scalarBuf(id int, v float64) *mat.Dense {
	m := s.buf(id, 1, 1)
	m.RawMatrix().Data[0] = v
	return m
}

// detach removes v from s's buffers when it is one of them, so that the
// caller may keep it: the next evaluation allocates that buffer anew.
func (s *state) detach(v *mat.Dense) {
	for i, m := range s.bufs {
		if m == v {
			s.bufs[i] = nil
			return
		}
	}
}

// Evaluator evaluates one Compiled again and again with the same buffers:
// the value Eval returns is borrowed, valid until the next call of Eval on
// the same Evaluator (copy it to keep it). It is the fastest way to
// evaluate at many points (no allocation once the buffers exist) but, unlike
// Compiled, not safe for concurrent use: give each goroutine its own.
type Evaluator struct {
	c *Compiled
	s *state
}

// NewEvaluator returns an Evaluator of c with its own buffers.
func (c *Compiled) NewEvaluator() *Evaluator {
	return &Evaluator{c: c}
}

// Eval is Compiled.Eval, except that the result is borrowed: it may be
// one of the Evaluator's buffers, overwritten by the next call.
func (ev *Evaluator) Eval(env *Env) (*mat.Dense, error) {
	return ev.eval(env, defaultBudget)
}

// EvalContext is Eval within a budget (see Compiled.EvalContext).
func (ev *Evaluator) EvalContext(ctx context.Context, env *Env, opts CheckOptions) (*mat.Dense, error) {
	return ev.eval(env, newBudget(ctx, opts))
}

func (ev *Evaluator) eval(env *Env, b *budget) (*mat.Dense, error) {
	if env == nil {
		env = NewEnv()
	}
	if ev.s == nil {
		ev.s = ev.c.newState(env, b)
	} else {
		ev.s.reset(env, b)
	}
	v, _, err := ev.c.run(ev.s, b, nil)
	ev.s.env, ev.s.b = nil, nil
	return v, err
}
