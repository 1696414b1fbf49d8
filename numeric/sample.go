package numeric

import (
	"context"
	"errors"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// SampleOptions configures Sample.
type SampleOptions struct {
	// Seed makes the points reproducible: the same seed, program and
	// expressions give the same points.
	Seed int64
	// Dims fixes the sizes of some dimension symbols (--dims d=1000);
	// the others get distinct random sizes from 2 to 6.
	Dims map[symbolic.Dim]int
	// Context and MaxEntries bound the time and memory as in
	// CheckOptions.
	Context    context.Context
	MaxEntries int
	// index binds free indices while the expressions are evaluated to
	// test a point (not in the point returned).
	index map[string]int
	// firstAtScale tests a point of more than 10⁵ entries with the first
	// expression only (f; the claim, evaluated right after anyway, is
	// judged undefined there if it is).
	firstAtScale bool
	// shrink (0: 1) scales the unconstrained N(0, 1) entries down, to
	// draw again a point where finite differences could not resolve the
	// derivative.
	shrink float64
}

func (o SampleOptions) budget() *budget {
	return newBudget(o.Context, CheckOptions{MaxEntries: o.MaxEntries})
}

// maxRedraws bounds the attempts Sample makes to find a point where every
// expression is defined and away from kinks.
const maxRedraws = 40

// Sample returns the k-th random point (k = 0, 1, …) for the program p:
// sizes for every dimension symbol (distinct, 2 to 6, unless opts.Dims
// fixes them), a value for every variable and family (entries ~ N(0, 1);
// |N(0, 1)| + 0.5 for variables under log, sqrt or a fractional power;
// uniform in (−0.9, 0.9) under arcsin and arccos; I + 0.3 N/√n, which is
// well conditioned with a positive determinant, for square matrices under
// inv, det or logdet) and a smooth stand-in for every abstract function.
// A point where one of exprs is undefined, or within 1e-3 of a kink of
// relu, abs, sign or step, is redrawn; after 40 attempts Sample fails with
// the last evaluation error. exprs may be empty. Before any value is
// drawn, the sizes are checked against opts.MaxEntries (the variables
// together, and every intermediate value of exprs): over it, or past the
// context's deadline, Sample fails with a *LimitError.
func Sample(p *symbolic.Program, exprs []*symbolic.Expr, opts SampleOptions, k int) (*Env, error) {
	if p == nil {
		p = &symbolic.Program{}
	}
	compiled := make([]*Compiled, len(exprs))
	for i, e := range exprs {
		c, err := Compile(p, e)
		if err != nil {
			return nil, err
		}
		compiled[i] = c
	}
	return newSampler(p, compiled).sample(opts, k)
}

// sampler draws the points of Sample for expressions compiled once: a
// check draws several points for the same expressions, and compiling
// them and analysing the program again for each would cost as much as
// the evaluations.
type sampler struct {
	p        *symbolic.Program
	exprs    []*symbolic.Expr
	compiled []*Compiled
	hints    hints
	dims     []symbolic.Dim
	// order is symbolOrder(p); sizes the shapes the budget checks at
	// each draw (sizedValues).
	order []string
	sizes []sizedValue
	// kept holds, for the last point sample returned (keptAt), the
	// values of the expressions there, as tested (see keptValue).
	kept   []keptValue
	keptAt *Env
	// pcg and rng draw the points (one point at a time: a sampler is
	// not safe for concurrent use).
	pcg rand.PCG
	rng *rand.Rand
}

// keptValue is an expression's value at the last point drawn (a copy,
// in storage reused from point to point) and the nodes its evaluation
// computed; ok is false when the expression was not evaluated there.
type keptValue struct {
	v     *mat.Dense
	nodes int64
	ok    bool
}

// keptValue returns the value of expression i at env, as sample
// evaluated it, when env is the last point sample returned, tested
// without a bound index (opts.index empty), and i was evaluated there.
// The value is the sampler's, valid until the next sample.
func (s *sampler) keptValue(env *Env, i int) (*mat.Dense, int64, bool) {
	if s == nil || env == nil || s.keptAt != env || i >= len(s.kept) || !s.kept[i].ok {
		return nil, 0, false
	}
	return s.kept[i].v, s.kept[i].nodes, true
}

// newSampler analyses the compiled expressions (of p, not nil) once.
func newSampler(p *symbolic.Program, compiled []*Compiled) *sampler {
	exprs := make([]*symbolic.Expr, len(compiled))
	for i, c := range compiled {
		exprs[i] = c.expr
	}
	return &sampler{p: p, exprs: exprs, compiled: compiled, hints: analyse(p, exprs), dims: collectDims(p, exprs),
		order: symbolOrder(p), sizes: sizedValues(p, exprs)}
}

// sample is Sample for the sampler's expressions.
func (s *sampler) sample(opts SampleOptions, k int) (*Env, error) {
	compiled, hints, dims := s.compiled, s.hints, s.dims
	b := opts.budget()
	var lastErr error
	for attempt := range maxRedraws {
		// A generator of the sampler's, seeded as a new one would be.
		s.pcg.Seed(uint64(opts.Seed), uint64(k)<<20|uint64(attempt))
		if s.rng == nil {
			s.rng = rand.New(&s.pcg)
		}
		rng := s.rng
		wide := 0
		if k%4 == 3 && attempt < maxRedraws/2 {
			// Points 3 and 7 (of 8) are drawn at larger magnitude,
			// |x| in [5, 10], with the signs alternating between them,
			// so that a mistake hidden beyond |x| ≈ 4 (relu(x − 4)) is
			// found; where f is undefined or overflows there, the
			// point falls back to N(0, 1) after 20 attempts.
			wide = 1 + (k/4)%2
		}
		env, err := s.draw(dims, hints, opts, rng, b, wide)
		if err != nil {
			return nil, err
		}
		ok := true
		test := env
		if len(opts.index) > 0 {
			test = env.Clone()
			maps.Copy(test.Index, opts.index)
		}
		tested := compiled
		if opts.firstAtScale && len(compiled) > 1 && entries(env) > 100000 {
			tested = compiled[:1]
		}
		if len(s.kept) != len(compiled) {
			s.kept = make([]keptValue, len(compiled))
		}
		s.keptAt = nil
		for i := range s.kept {
			s.kept[i].ok = false
		}
		for i, c := range tested {
			var st evalStats
			kink, err := c.look(test, b, &st, func(v *mat.Dense) {
				r, cols := v.Dims()
				kv := &s.kept[i]
				kv.v = sized(kv.v, r, cols)
				kv.v.Copy(v)
				kv.nodes, kv.ok = st.nodes, len(opts.index) == 0
			})
			if IsLimit(err) {
				return nil, err
			}
			if err != nil {
				lastErr, ok = err, false
				break
			}
			if kink {
				lastErr, ok = symbolic.Errorf(c.expr.Pos, "every point drawn lies near a kink (relu, abs, sign or step at 0)"), false
				break
			}
		}
		if ok {
			s.keptAt = env
			return env, nil
		}
	}
	var se *symbolic.Error
	if errors.As(lastErr, &se) && se.Err == nil {
		switch {
		case domainError(se.Msg):
			se.Err = ErrNoPoint
		case strings.Contains(se.Msg, "not finite"):
			se.Err = ErrNoFinitePoint
		}
	}
	return nil, lastErr
}

// domainError reports whether an evaluation error is about the values
// drawn (log of a negative number, division by zero, overflow), not about
// what the expression leaves unbound (an index or a name with no value),
// which no draw changes.
func domainError(msg string) bool {
	return !strings.Contains(msg, "has no value") && !strings.HasPrefix(msg, "no value for") &&
		!strings.Contains(msg, "is unknown") && !strings.Contains(msg, "kink") &&
		// A constant that overflows (exp(exp(10))) makes the value
		// infinite everywhere, but its derivative may still be right.
		!strings.Contains(msg, "not finite")
}

// ErrNoPoint is wrapped by Sample's error when no point of its 40 draws
// had every expression defined (log(−x² − 1), x/0): the expression is
// undefined wherever deriv looks, which no derivative can be checked
// against.
var ErrNoPoint = errors.New("no point where the expressions are defined")

// ErrNoFinitePoint is wrapped by Sample's error when every draw made an
// expression overflow (exp(10³(3 − a)) for a below 2.3). Unlike
// ErrNoPoint it is not the program's fault: a constant that overflows
// everywhere may still have a right derivative.
var ErrNoFinitePoint = errors.New("no point where the expressions are finite")

// shrunk scales an unconstrained value by s (0: unchanged).
func shrunk(v *mat.Dense, kind valueKind, s float64) *mat.Dense {
	if s > 0 && s != 1 && kind == normal {
		v.Scale(s, v)
	}
	return v
}

// entries is the number of entries of env's values.
func entries(env *Env) int {
	n := 0
	for _, v := range env.Vals {
		r, c := v.Dims()
		n += r * c
	}
	return n
}

// draw draws one point.
func (s *sampler) draw(dims []symbolic.Dim, h hints, opts SampleOptions, rng *rand.Rand, b *budget, wide int) (*Env, error) {
	p := s.p
	env := &Env{Dims: make(map[symbolic.Dim]int, len(dims)), Vals: make(map[string]*mat.Dense, len(s.order)),
		Index: map[string]int{}, Funcs: map[string]*Instance{}}
	sizes := rng.Perm(max(5, len(dims)))
	next := 0
	for _, d := range dims {
		if n, ok := opts.Dims[d]; ok {
			env.Dims[d] = n
			continue
		}
		env.Dims[d] = sizes[next] + 2
		next++
	}
	if err := b.estimateSizes(p, s.order, env, s.sizes); err != nil {
		return nil, err
	}
	for _, key := range s.order {
		sym := p.Symbols[key]
		switch sym.Kind {
		case symbolic.SymVar:
			r, c, ok := env.ShapeSize(sym.Shape)
			if !ok {
				return nil, symbolic.Errorf(sym.Pos, "the size of %s (%s) is unknown", key, sym.Shape)
			}
			env.Vals[key] = shrunk(drawValue(rng, r, c, h[key], wide), h[key], opts.shrink)
		case symbolic.SymFamily:
			if sym.Shape.IsMatrix() {
				return nil, symbolic.Errorf(sym.Pos, "cannot evaluate %s: families of matrices are not supported", key)
			}
			n, ok1 := env.DimSize(sym.Count)
			d, ok2 := env.DimSize(sym.Shape.Rows())
			if !ok1 || !ok2 {
				return nil, symbolic.Errorf(sym.Pos, "the size of the family %s is unknown", key)
			}
			kind := h[key]
			if kind == wellConditioned {
				kind = normal
			}
			env.Vals[key] = shrunk(drawValue(rng, n, d, kind, wide), kind, opts.shrink)
		case symbolic.SymFunc:
			env.Funcs[key] = NewInstance(sym, uint64(opts.Seed))
		}
	}
	return env, nil
}

// symbolOrder lists p's symbol keys in a deterministic order: p.Order,
// then any others sorted.
func symbolOrder(p *symbolic.Program) []string {
	out := make([]string, 0, len(p.Symbols))
	// A set only for long programs: a short list is searched faster.
	var seen map[string]bool
	if len(p.Order) > 32 {
		seen = make(map[string]bool, len(p.Order))
	}
	listed := func(k string) bool {
		if seen != nil {
			return seen[k]
		}
		return slices.Contains(out, k)
	}
	for _, k := range p.Order {
		if _, ok := p.Symbols[k]; ok && !listed(k) {
			if seen != nil {
				seen[k] = true
			}
			out = append(out, k)
		}
	}
	if len(out) == len(p.Symbols) {
		return out
	}
	var rest []string
	for k := range p.Symbols {
		if !listed(k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// drawValue draws an r×c value of the given kind. wide (1 or 2) draws
// the unconstrained and positive entries at larger magnitude instead:
// uniform in [5, 10], signs alternating entry by entry and starting with
// + (wide = 1) or − (wide = 2), positive entries always positive.
func drawValue(rng *rand.Rand, r, c int, kind valueKind, wide int) *mat.Dense {
	if kind == wellConditioned && r != c {
		// Only square matrices can be conditioned; fall back to N(0, 1).
		kind = normal
	}
	m := mat.NewDense(r, c, nil)
	data := m.RawMatrix().Data
	// Large values (above 10⁵ entries: --dims d=1000) draw their normal
	// entries from a quantile table, three times as fast, and draw the
	// second half of their entries on another core, from a generator
	// seeded by this one (so the values are as reproducible as before).
	if r*c > 100000 {
		table := normalTable()
		half := r * c / 2
		rng2 := rand.New(rand.NewPCG(rng.Uint64(), rng.Uint64()))
		var wg sync.WaitGroup
		wg.Go(func() { fillValues(rng2, data, half, r*c, c, kind, wide, table) })
		fillValues(rng, data, 0, half, c, kind, wide, table)
		wg.Wait()
		return m
	}
	fillValues(rng, data, 0, r*c, c, kind, wide, nil)
	return m
}

// fillValues draws entries lo ≤ k < hi of an r×c value (by rows, c
// columns) of the given kind; with a table, normal entries come from
// fastNormal, two per random number.
func fillValues(rng *rand.Rand, data []float64, lo, hi, c int, kind valueKind, wide int, table []float64) {
	switch {
	case table != nil && kind == normal && wide == 0:
		fillNormal(rng, data[lo:hi], table)
		return
	case wide > 0 && (kind == normal || kind == positive):
		for k := lo; k < hi; k++ {
			v := 5 + 5*rng.Float64()
			if kind == normal && (k+wide)%2 == 0 {
				v = -v
			}
			data[k] = v
		}
		return
	}
	var bits uint64
	for k := lo; k < hi; k++ {
		i, j := k/c, k%c
		var v float64
		switch {
		case kind == positive:
			v = math.Abs(rng.NormFloat64()) + 0.5
		case kind == bounded:
			v = 1.8*rng.Float64() - 0.9
		case kind == wellConditioned:
			v = 0.3 * rng.NormFloat64() / math.Sqrt(float64(len(data)/c))
			if i == j {
				v++
			}
		case table != nil:
			if (k-lo)%2 == 0 {
				bits = rng.Uint64()
			} else {
				bits <<= 32
			}
			v = fastNormal(bits, table)
		default:
			v = rng.NormFloat64()
		}
		data[k] = v
	}
}

// fillNormal fills data with fastNormal draws, entry k from the top 32
// bits of a random number for even k and from its low 32 bits for odd k,
// as drawValue's loop does.
func fillNormal(rng *rand.Rand, data []float64, table []float64) {
	k := 0
	for ; k+1 < len(data); k += 2 {
		u := rng.Uint64()
		data[k] = fastNormal(u, table)
		data[k+1] = fastNormal(u<<32, table)
	}
	if k < len(data) {
		data[k] = fastNormal(rng.Uint64(), table)
	}
}

// normalTable holds the quantiles of N(0, 1) at (k + ½)/4096, k = 0…4096
// (the last repeated), for fastNormal.
var normalTable = sync.OnceValue(func() []float64 {
	const n = 4096
	t := make([]float64, n+1)
	for k := range n {
		t[k] = math.Sqrt2 * math.Erfinv(2*(float64(k)+0.5)/n-1)
	}
	t[n] = t[n-1]
	return t
})

// fastNormal draws from N(0, 1) approximately from the top 32 random
// bits of u: a quantile of normalTable (12 bits) interpolated at a uniform
// position (20 bits); the tails are cut at ±3.5.
func fastNormal(u uint64, t []float64) float64 {
	k := u >> 52
	frac := float64((u>>32)&(1<<20-1)) / (1 << 20)
	return t[k] + frac*(t[k+1]-t[k])
}

// DimsOf lists the dimension symbols of p and of exprs, sorted: every
// symbolic size of a symbol's shape, a family's count, and names used as
// sum bounds (what --dims may set).
func DimsOf(p *symbolic.Program, exprs ...*symbolic.Expr) []symbolic.Dim {
	return collectDims(p, exprs)
}

// collectDims lists the dimension symbols of p's symbols and of the
// shapes in exprs, and names used as sum bounds that are no symbol, sorted.
func collectDims(p *symbolic.Program, exprs []*symbolic.Expr) []symbolic.Dim {
	set := map[symbolic.Dim]bool{}
	addShape := func(s symbolic.Shape) {
		for _, d := range s {
			if !isLiteral(d) {
				set[d] = true
			}
		}
	}
	for _, sym := range p.Symbols {
		addShape(sym.Shape)
		addShape(sym.Range)
		for _, d := range sym.Domain {
			addShape(d)
		}
		if sym.Count != "" && !isLiteral(sym.Count) {
			set[sym.Count] = true
		}
	}
	// Each node once: the expressions are DAGs.
	seen := map[*symbolic.Expr]bool{}
	var walk func(e *symbolic.Expr, depth int)
	walk = func(e *symbolic.Expr, depth int) {
		if e == nil || depth > maxDepth || seen[e] {
			return
		}
		seen[e] = true
		addShape(e.Shape)
		if e.Op == symbolic.OpSum && len(e.Args) == 3 {
			for _, b := range e.Args[:2] {
				if b != nil && b.Op == symbolic.OpVar && p.Symbols[b.Key()] == nil {
					set[symbolic.Dim(b.Key())] = true
				}
			}
		}
		for _, a := range e.Args {
			walk(a, depth+1)
		}
	}
	for _, e := range exprs {
		walk(e, 0)
	}
	for _, d := range p.Defs {
		walk(d.Body, 0)
	}
	out := make([]symbolic.Dim, 0, len(set))
	for d := range set {
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}
