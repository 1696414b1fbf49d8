package numeric

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// maxDepth bounds the nesting of expressions and definitions the compiler
// follows, so that a cyclic or absurdly deep program is an error, not a
// stack overflow.
const maxDepth = 20000

// kinkTol is the distance from a kink (relu, abs, sign, step at 0) within
// which a point is flagged, so that Sample can redraw it.
const kinkTol = 1e-3

// node evaluates one compiled subexpression.
type node func(s *state) (*mat.Dense, error)

// state is the per-evaluation scratch of a Compiled: the environment, the
// values of bound indices, the slots of function parameters, the cached
// values of shared nodes and the budget.
type state struct {
	env   *Env
	index map[string]int
	slots []*mat.Dense
	// cache holds the value of each shared node, computed at epoch
	// cacheAt; it stays valid while none of the bindings the node
	// depends on changed since (changed[b] ≤ cacheAt).
	cache   []*mat.Dense
	cacheAt []uint64
	changed []uint64
	epoch   uint64
	// kink is set when an argument of relu, abs, sign or step came within
	// kinkTol of 0.
	kink bool
	// evals counts the nodes evaluated; the budget is consulted every
	// tickEvery of them.
	evals int64
	iters int64
	// nest is the number of terms the running sums go through together
	// (0: none), for the projection of iterate.
	nest int64
	// active counts, by binding, the running sums binding it.
	active []int
	b      *budget
	// bufs holds the nodes' value buffers, by buffer number (see
	// frame.go); noReuse > 0 turns their reuse off.
	bufs    []*mat.Dense
	noReuse int
	// shadowed counts, by binding, the running sums that rebind an
	// index already bound; shadows is their total.
	shadowed []int
	shadows  int
	// finite is a value known to be finite without a test of its
	// entries (a product's buffer: an outer product of finite vectors).
	finite *mat.Dense
	// dir is the direction of an evaluation along one (along.go), nil
	// otherwise; lin the caches of its linear products, by plan.
	dir *direction
	lin []linCache
	// plans holds the product plans' scratch, by plan (chain.go).
	plans []planScratch
}

// tickEvery is how many node evaluations pass between two looks at the
// context's deadline.
const tickEvery = 256

// tick counts one node evaluation and, every tickEvery of them, checks
// the deadline.
func (s *state) tick() error {
	s.evals++
	if s.evals%tickEvery == 0 {
		return s.b.alive()
	}
	return nil
}

// bump records that binding b (an index or a parameter slot) changed.
func (s *state) bump(b int) {
	s.epoch++
	s.changed[b] = s.epoch
}

// anyShadowed reports whether one of deps is an index rebound by a
// running sum.
func (s *state) anyShadowed(deps []int) bool {
	for _, d := range deps {
		if s.shadowed[d] > 0 {
			return true
		}
	}
	return false
}

// fresh reports whether the cached value in slot is still valid.
func (s *state) fresh(slot int, deps []int) bool {
	at := s.cacheAt[slot]
	for _, d := range deps {
		if s.changed[d] > at {
			return false
		}
	}
	return true
}

// Compiled is an expression compiled into a graph of gonum operations,
// one node per distinct subexpression, each writing its value into a
// buffer of its own that later evaluations reuse (see frame.go). It is
// immutable after Compile and safe for concurrent use by several
// goroutines: each Eval takes a frame (scratch state and buffers) of its
// own from the free list.
type Compiled struct {
	root node
	// nbufs is the number of value buffers of a frame; nlin the number
	// of product plans (see along.go).
	nbufs    int
	nlin     int
	frames   frames
	expr     *symbolic.Expr
	prog     *symbolic.Program
	slots    int
	caches   int
	bindings int
	// indexBind numbers the bindings of index names.
	indexBind map[string]int
	// nodes is the number of distinct nodes compiled (definitions
	// count once more: their value is cached apart).
	nodes int
}

// compiled is a compiled node with the bindings (indices, parameter
// slots) its value depends on, sorted.
type compiledNode struct {
	n    node
	deps []int
}

// memoKey identifies a compiled node: the structural id of its
// expression and the scope (0 outside inlined function bodies, where a
// name may be a parameter).
type memoKey struct{ id, scope int }

// compiler holds what Compile needs while walking one expression.
type compiler struct {
	p *symbolic.Program
	g *graph
	// memo holds every node compiled, by structural id and scope.
	memo map[memoKey]compiledNode
	// defs caches the compiled, parameterless definitions by key.
	defs map[string]compiledNode
	// scope binds the parameters of the defined function being inlined
	// to slots; scopeID numbers that inlining (0: none).
	scope   []map[string]int
	scopeID int
	scopes  int
	slots   int
	caches  int
	bufs    int
	lins    int
	// fused counts the products compiled as terms of a sum (terms.go),
	// outside memo.
	fused int
	depth int
	// bindings numbers the names whose values change during an Eval:
	// "i:" + index name, "s:" + parameter slot.
	bindings map[string]int
	// frames collects the bindings each node being compiled depends on.
	frames [][]int
	// defStack detects definitions that refer to themselves.
	defStack map[string]bool
}

// Compile compiles e, an expression in the context of p (whose symbols
// resolve its names), into a graph of closures over gonum operations: each
// distinct subexpression (equal structure, shape and names; shared by
// pointer or not) is compiled once, and one used more than once is
// evaluated once per Eval (again only when an index or parameter it
// depends on changed). The cost is linear in the number of distinct
// nodes. It fails with a *symbolic.Error when e contains something that
// cannot be evaluated (∂f/∂w written as a value, an unknown function, a
// definition that refers to itself).
func Compile(p *symbolic.Program, e *symbolic.Expr) (*Compiled, error) {
	if p == nil {
		p = &symbolic.Program{}
	}
	if e == nil {
		return nil, symbolic.Errorf(symbolic.NoPos, "nothing to evaluate")
	}
	c := &compiler{p: p, g: newGraph(), defs: map[string]compiledNode{},
		defStack: map[string]bool{}, bindings: map[string]int{}, frames: make([][]int, 0, 16)}
	c.g.id(e)
	// Every distinct node of e is compiled once (more for definitions'
	// bodies and function scopes).
	c.memo = make(map[memoKey]compiledNode, len(c.g.uses))
	c.push()
	root, err := c.compile(e)
	c.pop()
	work.graph.Add(int64(c.g.visits))
	if err != nil {
		return nil, withSource(err, p)
	}
	indexBind := map[string]int{}
	for k, b := range c.bindings {
		if name, ok := strings.CutPrefix(k, "i:"); ok {
			indexBind[name] = b
		}
	}
	return &Compiled{root: root, expr: e, prog: p, slots: c.slots, caches: c.caches, indexBind: indexBind,
		bindings: len(c.bindings), nodes: len(c.memo) + len(c.defs) + c.fused, nbufs: c.bufs, nlin: c.lins}, nil
}

// Expr returns the expression c was compiled from.
func (c *Compiled) Expr() *symbolic.Expr { return c.expr }

// Nodes returns the number of distinct nodes c was compiled into.
func (c *Compiled) Nodes() int { return c.nodes }

// Eval evaluates the expression at env: 1×1 for a scalar, n×1 for a
// vector. The result is the caller's (a buffer detached from the
// evaluation's frame, never written again), or a value of env or a
// constant of the program, which the caller must not modify. (An
// Evaluator lends its result instead, and allocates nothing.) Undefined
// values — log of a non-positive number, a singular inverse, a division
// by zero, a missing value, an overflow — are reported as a
// *symbolic.Error, never as NaN or a panic.
func (c *Compiled) Eval(env *Env) (*mat.Dense, error) {
	v, _, err := c.eval(env, nil)
	return v, err
}

// EvalContext is Eval within a budget: ctx's deadline (nil: none) and
// opts' MaxEntries (see CheckOptions). Over a limit it returns a
// *LimitError.
func (c *Compiled) EvalContext(ctx context.Context, env *Env, opts CheckOptions) (*mat.Dense, error) {
	b := newBudget(ctx, opts)
	v, _, err := c.eval(env, b)
	return v, err
}

// evalStats are what an evaluation did.
type evalStats struct {
	nodes int64
}

// eval is Eval that also reports whether a kink was approached.
func (c *Compiled) eval(env *Env, b *budget) (*mat.Dense, bool, error) {
	return c.evalStats(env, b, nil)
}

// evalStats is eval that also fills st (when not nil).
func (c *Compiled) evalStats(env *Env, b *budget, st *evalStats) (*mat.Dense, bool, error) {
	if env == nil {
		env = NewEnv()
	}
	if b == nil {
		b = defaultBudget
	}
	if err := b.alive(); err != nil {
		return nil, false, err
	}
	s := c.acquire(env, b)
	v, kink, err := c.run(s, b, st)
	if err == nil {
		s.detach(v)
	}
	c.release(s)
	return v, kink, err
}

// look evaluates c at env for a caller that reads the value and keeps
// nothing of it: read (when not nil) is called with the value, which
// stays one of c's buffers (not detached, so the next evaluation does not
// allocate it anew). It reports, as evalStats, whether a kink was
// approached.
func (c *Compiled) look(env *Env, b *budget, st *evalStats, read func(v *mat.Dense)) (bool, error) {
	if b == nil {
		b = defaultBudget
	}
	if err := b.alive(); err != nil {
		return false, err
	}
	s := c.acquire(env, b)
	v, kink, err := c.run(s, b, st)
	if err == nil && read != nil {
		read(v)
	}
	c.release(s)
	return kink, err
}

// borrow is eval without the copy of the value: the value stays one of
// the Compiled's buffers until done is called (the buffers are not lent
// to another evaluation before then), for a caller that reads it and
// keeps nothing of it. done must be called, error or not.
func (c *Compiled) borrow(env *Env, b *budget) (v *mat.Dense, done func(), err error) {
	if b == nil {
		b = defaultBudget
	}
	if err := b.alive(); err != nil {
		return nil, func() {}, err
	}
	s := c.acquire(env, b)
	v, _, err = c.run(s, b, nil)
	return v, func() { c.release(s) }, err
}

// run evaluates the root in s, a state prepared for the evaluation; the
// value returned may be one of s's buffers.
func (c *Compiled) run(s *state, b *budget, st *evalStats) (*mat.Dense, bool, error) {
	if err := b.alive(); err != nil {
		return nil, false, err
	}
	v, err := c.root(s)
	work.nodes.Add(s.evals)
	if st != nil {
		st.nodes = s.evals
	}
	work.evals.Add(1)
	b.spent.Add(s.evals)
	if err != nil {
		return nil, s.kink, withSource(err, c.prog)
	}
	if v != s.finite && !allFinite(v) {
		return nil, s.kink, withSource(symbolic.Errorf(c.expr.Pos, "the value is not finite (overflow or undefined)"), c.prog)
	}
	return v, s.kink, nil
}

func (c *Compiled) newState(env *Env, b *budget) *state {
	s := &state{env: env, index: make(map[string]int, len(env.Index)+2), slots: make([]*mat.Dense, c.slots),
		cache: make([]*mat.Dense, c.caches), cacheAt: make([]uint64, c.caches), changed: make([]uint64, c.bindings),
		active: make([]int, c.bindings), b: b, bufs: make([]*mat.Dense, c.nbufs), shadowed: make([]int, c.bindings),
		plans: make([]planScratch, c.nlin)}
	for k, v := range env.Index {
		s.index[k] = v
	}
	return s
}

// evalEach evaluates c at env with the index name bound to each of values
// in turn, in one state: the nodes that do not depend on the index (Σ_j
// σ(w_jᵀ x + b_j) in ∂f/∂w_i) are computed once, not once per value.
// The results are flattened row by row.
func (c *Compiled) evalEach(env *Env, name string, values []int, b *budget) ([][]float64, error) {
	if env == nil {
		env = NewEnv()
	}
	if b == nil {
		b = defaultBudget
	}
	s := c.acquire(env, b)
	defer c.release(s)
	bind, bound := c.indexBind[name]
	out := make([][]float64, 0, len(values))
	for _, i := range values {
		if err := b.alive(); err != nil {
			return nil, err
		}
		s.index[name] = i
		if bound {
			s.bump(bind)
		}
		v, err := c.root(s)
		if err != nil {
			return nil, withSource(err, c.prog)
		}
		if v != s.finite && !allFinite(v) {
			return nil, withSource(symbolic.Errorf(c.expr.Pos, "the value is not finite (overflow or undefined)"), c.prog)
		}
		out = append(out, flatten([]*mat.Dense{v}))
	}
	work.nodes.Add(s.evals)
	work.evals.Add(int64(len(values)))
	return out, nil
}

// withSource attaches the program's source to a *symbolic.Error.
func withSource(err error, p *symbolic.Program) error {
	if se, ok := err.(*symbolic.Error); ok && p != nil {
		return se.WithSource(p.Src, p.File)
	}
	return err
}

// compile compiles e once per scope: a node equal to one compiled before
// returns the same compiled node.
func (c *compiler) compile(e *symbolic.Expr) (node, error) {
	if e == nil {
		return nil, symbolic.Errorf(symbolic.NoPos, "missing operand")
	}
	id := c.g.id(e)
	key := memoKey{id, c.scopeID}
	if m, ok := c.memo[key]; ok {
		c.addDeps(m.deps)
		return m.n, nil
	}
	c.push()
	inner, err := c.compileNode(e)
	deps := c.pop()
	if err != nil {
		return nil, err
	}
	work.compile.Add(1)
	// A sum is cached too: it is costly, and when an index outside it
	// changes (the members of ∂f/∂w_i evaluated in turn) it is computed
	// again only if it depends on that index.
	n := c.wrap(inner, c.g.shared(id) || e.Op == symbolic.OpSum, deps)
	c.memo[key] = compiledNode{n, deps}
	c.addDeps(deps)
	return n, nil
}

// wrap counts a node's evaluations and, for a shared node, caches its
// value in a slot of the state, valid until a binding in deps changes.
func (c *compiler) wrap(inner node, shared bool, deps []int) node {
	if !shared {
		return func(s *state) (*mat.Dense, error) {
			if err := s.tick(); err != nil {
				return nil, err
			}
			return inner(s)
		}
	}
	slot := c.caches
	c.caches++
	return func(s *state) (*mat.Dense, error) {
		if v := s.cache[slot]; v != nil && s.fresh(slot, deps) {
			return v, nil
		}
		if err := s.tick(); err != nil {
			return nil, err
		}
		// The value held for an outer binding of a rebound index must
		// not be overwritten (frame.go): recompute without reuse.
		shadow := s.shadows > 0 && s.anyShadowed(deps)
		if shadow {
			s.noReuse++
		}
		v, err := inner(s)
		if shadow {
			s.noReuse--
		}
		if err == nil {
			s.cache[slot], s.cacheAt[slot] = v, s.epoch
		}
		return v, err
	}
}

// binding returns the number of the binding named key ("i:" + index,
// "s:" + slot).
func (c *compiler) binding(key string) int {
	if b, ok := c.bindings[key]; ok {
		return b
	}
	b := len(c.bindings)
	c.bindings[key] = b
	return b
}

func (c *compiler) indexBinding(name string) int { return c.binding("i:" + name) }
func (c *compiler) slotBinding(slot int) int     { return c.binding("s:" + strconv.Itoa(slot)) }

// push opens a frame collecting the bindings a node depends on; pop
// closes it and returns them.
func (c *compiler) push() { c.frames = append(c.frames, nil) }

func (c *compiler) pop() []int {
	f := c.frames[len(c.frames)-1]
	c.frames = c.frames[:len(c.frames)-1]
	return f
}

// addDeps adds bindings to the innermost frame.
func (c *compiler) addDeps(deps []int) {
	if len(c.frames) == 0 {
		return
	}
	top := &c.frames[len(c.frames)-1]
	for _, d := range deps {
		if i, found := slices.BinarySearch(*top, d); !found {
			*top = slices.Insert(*top, i, d)
		}
	}
}

// without returns deps minus the bindings in drop.
func without(deps []int, drop ...int) []int {
	out := make([]int, 0, len(deps))
	for _, d := range deps {
		if !slices.Contains(drop, d) {
			out = append(out, d)
		}
	}
	return out
}

// newScope starts the numbering of a new inlined function body.
func (c *compiler) newScope() int {
	c.scopes++
	return c.scopes
}

func (c *compiler) compileNode(e *symbolic.Expr) (node, error) {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > maxDepth {
		return nil, symbolic.Errorf(e.Pos, "expression too deeply nested to evaluate")
	}
	switch e.Op {
	case symbolic.OpNum:
		if !e.Shape.IsScalar() {
			return c.compileFilled(e)
		}
		v := mat.NewDense(1, 1, []float64{e.Num})
		return func(*state) (*mat.Dense, error) { return v, nil }, nil
	case symbolic.OpVar:
		return c.compileVar(e)
	case symbolic.OpNeg, symbolic.OpAdd, symbolic.OpSub, symbolic.OpMul, symbolic.OpDiv,
		symbolic.OpHad, symbolic.OpHDiv, symbolic.OpHPow, symbolic.OpPow, symbolic.OpT, symbolic.OpInv:
		return c.compileOp(e)
	case symbolic.OpCall:
		return c.compileCall(e)
	case symbolic.OpPrime, symbolic.OpPartial, symbolic.OpJac:
		return c.compileDerivCall(e)
	case symbolic.OpSum:
		return c.compileSum(e)
	case symbolic.OpNorm:
		return c.compileNorm(e)
	case symbolic.OpOnes, symbolic.OpEye:
		return c.compileConstShape(e)
	case symbolic.OpDeriv:
		return nil, symbolic.Errorf(e.Pos, "a derivative written as ∂f/∂w cannot be evaluated; give its formula instead")
	}
	return nil, symbolic.Errorf(e.Pos, "cannot evaluate this expression (operator %d)", e.Op)
}

// args compiles the arguments of e, checking that there are n of them (n <
// 0: any number, at least one).
func (c *compiler) args(e *symbolic.Expr, n int) ([]node, error) {
	if (n >= 0 && len(e.Args) != n) || (n < 0 && len(e.Args) == 0) {
		return nil, symbolic.Errorf(e.Pos, "wrong number of operands (%d)", len(e.Args))
	}
	out := make([]node, len(e.Args))
	for i, a := range e.Args {
		n, err := c.compile(a)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

// allFinite reports whether no entry of m is NaN or ±Inf: the dot
// product of the entries with zeros (BLAS Ddot) is 0 exactly when every
// entry is finite, and NaN otherwise (Inf·0 and NaN·0 are NaN). That is
// several times faster than testing each entry.
func allFinite(m *mat.Dense) bool {
	raw := m.RawMatrix()
	if raw.Stride == raw.Cols {
		return finiteSlice(raw.Data[:raw.Rows*raw.Cols])
	}
	for i := range raw.Rows {
		if !finiteSlice(raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]) {
			return false
		}
	}
	return true
}

// zeroChunk is the run of zeros finiteSlice multiplies by.
var zeroChunk [4096]float64

// finiteSlice reports whether every entry of v is finite.
func finiteSlice(v []float64) bool {
	z := blas64.Vector{Inc: 1, Data: zeroChunk[:]}
	for len(v) > 0 {
		n := min(len(v), len(zeroChunk))
		z.N = n
		if blas64.Dot(blas64.Vector{N: n, Inc: 1, Data: v[:n]}, z) != 0 {
			return false
		}
		v = v[n:]
	}
	return true
}

// newBuf numbers a new value buffer of the frames.
func (c *compiler) newBuf() int {
	c.bufs++
	return c.bufs - 1
}

func scalar(v float64) *mat.Dense { return mat.NewDense(1, 1, []float64{v}) }

func isScalar(m *mat.Dense) bool {
	r, c := m.Dims()
	return r == 1 && c == 1
}
