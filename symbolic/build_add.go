package symbolic

import (
	"math"
	"slices"
)

// Add returns a + b, with like terms collected (P + P is 2 P), zeros
// dropped and negated terms written as differences.
func Add(a, b *Expr) *Expr {
	if d := diagSum(a, b, 1); d != nil {
		return d
	}
	if ca, ta := splitCoef(a); ta != nil {
		if cb, tb := splitCoef(b); tb != nil && likeTerms(ta, tb) {
			// P + P is 2 P, also when P is itself a sum.
			return sumOf([]term{{c: ca + cb, t: ta}}, resultShape2(a, b))
		}
	}
	var room [4]term // one allocation for the terms of a short sum
	ts := termSet{ts: room[:0]}
	ts.add(a, 1)
	ts.add(b, 1)
	return expanded(ts.ts, resultShape2(a, b))
}

// expanded builds the sum of ts, expanded where that is shorter.
func expanded(ts []term, s Shape) *Expr {
	cp := append([]term{}, ts...)
	r := sumOf(ts, s)
	if e := expandSum(cp, s, r); e != nil {
		return e
	}
	return r
}

// Sub returns a − b, simplified as Add.
func Sub(a, b *Expr) *Expr {
	if d := diagSum(a, b, -1); d != nil {
		return d
	}
	var room [4]term
	ts := termSet{ts: room[:0]}
	ts.add(a, 1)
	ts.add(b, -1)
	return expanded(ts.ts, resultShape2(a, b))
}

// sumAll returns the sum of xs (at least one): for a few terms the
// left fold of Add, for more one collection of all their terms at once, so
// that the work is linear in the number of terms (a fold would flatten the
// growing sum again at every step).
func sumAll(xs []*Expr) *Expr {
	if len(xs) <= maxFold {
		out := xs[0]
		for _, x := range xs[1:] {
			out = Add(out, x)
		}
		return out
	}
	var ts termSet
	var s Shape
	for _, x := range xs {
		ts.add(x, 1)
		if !x.Shape.IsScalar() {
			s = x.Shape
		}
	}
	return expanded(ts.ts, s)
}

// sumLen counts the summands of the sum e (as sumLeaves lists them), up
// to limit+1.
func sumLen(e *Expr, limit int) int {
	switch e.Op {
	case OpAdd, OpSub:
		n := sumLen(e.Args[0], limit)
		if n > limit {
			return n
		}
		return n + sumLen(e.Args[1], limit-n)
	case OpNeg:
		return sumLen(e.Args[0], limit)
	}
	return 1
}

// sumLeaves lists the summands of the sum e with their signs, descending
// through +, − and negation, up to limit of them; ok is false when there
// are more.
func sumLeaves(e *Expr, limit int) (leaves []*Expr, signs []float64, ok bool) {
	var walk func(e *Expr, sign float64) bool
	walk = func(e *Expr, sign float64) bool {
		switch e.Op {
		case OpAdd, OpSub:
			sb := sign
			if e.Op == OpSub {
				sb = -sign
			}
			return walk(e.Args[0], sign) && walk(e.Args[1], sb)
		case OpNeg:
			return walk(e.Args[0], -sign)
		}
		if len(leaves) >= limit {
			return false
		}
		leaves = append(leaves, e)
		signs = append(signs, sign)
		return true
	}
	ok = walk(e, 1)
	return leaves, signs, ok
}

// resultShape2 is the shape of a ± b.
func resultShape2(a, b *Expr) Shape {
	if a.Shape.IsScalar() {
		return b.Shape
	}
	return a.Shape
}

// term is one signed summand c·t of a sum.
type term struct {
	c float64
	t *Expr // nil for a pure number
}

// addTerms appends the summands of e, each times sign, merging like terms.
func addTerms(ts []term, e *Expr, sign float64) []term {
	s := termSet{ts: ts}
	for i, x := range ts {
		s.index(i, x)
	}
	s.add(e, sign)
	return s.ts
}

// mergeTerm adds x to ts, merged into a like term if there is one.
func mergeTerm(ts []term, x term) []term {
	s := termSet{ts: ts}
	for i, x := range ts {
		s.index(i, x)
	}
	s.merge(x)
	return s.ts
}

// termSet collects the terms of a sum, merging like terms through an index
// keyed by likeKey: adding a term costs a hash lookup, not a comparison
// with every term collected so far.
type termSet struct {
	ts  []term
	idx map[uint64][]int
	num int // 1 + the index of the pure number term, 0 for none
	// flat counts the nodes flattened, to stop flattening a sum whose
	// shared operands would repeat exponentially often.
	flat int
}

// maxFlatten bounds the nodes a termSet flattens; beyond it, sums are
// kept whole as terms.
const maxFlatten = 1 << 14

// add adds the summands of e, each times sign.
func (s *termSet) add(e *Expr, sign float64) {
	s.flat++
	if s.flat <= maxFlatten {
		switch e.Op {
		case OpAdd, OpSub:
			a, b := e.Args[0], e.Args[1]
			sb := sign
			if e.Op == OpSub {
				sb = -sign
			}
			if a == b || sameExpr(a, b) {
				// A shared operand (z + z): once, with the coefficient
				// doubled (or cancelled), not flattened twice.
				s.add(a, sign+sb)
				return
			}
			s.add(a, sign)
			s.add(b, sb)
			return
		case OpNeg:
			s.add(e.Args[0], -sign)
			return
		case OpNum:
			s.merge(term{c: sign * e.Num})
			return
		}
	}
	c, t := splitCoef(e)
	s.merge(term{c: sign * c, t: t})
}

// merge adds x, merged into a like term if there is one.
func (s *termSet) merge(x term) {
	if x.t == nil {
		if s.num > 0 {
			s.ts[s.num-1].c += x.c
			return
		}
		s.ts = append(s.ts, x)
		s.num = len(s.ts)
		return
	}
	if s.idx == nil && len(s.ts) <= maxPairwise {
		// A short list: compared term by term, no index.
		for i := range s.ts {
			if s.ts[i].t != nil && likeTerms(s.ts[i].t, x.t) {
				s.ts[i].c += x.c
				return
			}
		}
		s.ts = append(s.ts, x)
		return
	}
	if s.idx == nil {
		s.idx = map[uint64][]int{}
		for i, y := range s.ts {
			if y.t != nil {
				k := likeKey(y.t)
				s.idx[k] = append(s.idx[k], i)
			}
		}
	}
	k := likeKey(x.t)
	for _, i := range s.idx[k] {
		if likeTerms(s.ts[i].t, x.t) {
			s.ts[i].c += x.c
			return
		}
	}
	s.ts = append(s.ts, x)
	s.idx[k] = append(s.idx[k], len(s.ts)-1)
}

// index records the term x at position i.
func (s *termSet) index(i int, x term) {
	if x.t == nil {
		if s.num == 0 {
			s.num = i + 1
		}
		return
	}
	if s.idx == nil {
		return // built on demand by merge
	}
	k := likeKey(x.t)
	s.idx[k] = append(s.idx[k], i)
}

// likeKey is a hash of a term consistent with likeTerms: like terms have
// equal keys. Scalar products and short elementwise chains hash their
// factors in any order.
func likeKey(t *Expr) uint64 {
	switch {
	case t.Op == OpHad && hadLen(t, maxHadFactors) <= maxHadFactors:
		k := uint64(0x4861)
		var buf [8]*Expr
		for _, f := range hadFactors(buf[:0], t) {
			k += mix(Hash(f))
		}
		return k
	case t.Op == OpMul && t.Shape.IsScalar():
		var buf [8]*Expr
		fs, sign := mulFactors(buf[:0], t, 1)
		k := uint64(0x4d75)
		if sign < 0 {
			k = 0x2d4d75
		}
		for _, f := range fs {
			k += mix(Hash(f))
		}
		return k
	}
	return Hash(t)
}

// mix scrambles a hash (the splitmix64 finaliser), so that sums of mixed
// hashes make a good order-independent key.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// splitCoef writes a product as c·t with c its numeric coefficient.
func splitCoef(e *Expr) (float64, *Expr) {
	if e.Op != OpMul {
		return 1, e
	}
	var buf [8]*Expr
	fs, sign := mulFactors(buf[:0], e, 1)
	c := sign
	var rest []*Expr
	for _, f := range fs {
		if v, ok := numValue(f); ok && f.Shape.IsScalar() {
			c *= v
			continue
		}
		if q, ok := numValue(divisor(f)); ok && q != 0 {
			if p, ok := numValue(f.Args[0]); ok {
				c *= p / q
				continue
			}
		}
		rest = append(rest, f)
	}
	if c == 1 {
		return 1, e
	}
	if len(rest) == 0 {
		return c, nil
	}
	return c, chain(rest)
}

// sumOf rebuilds a sum from its terms, positive terms first where that
// avoids a leading minus.
func sumOf(ts []term, s Shape) *Expr {
	// A matrix before its transpose: A + Aᵀ, B X + Bᵀ X.
	if len(ts) > maxFold {
		ts = groupCommon(ts, true)
		ts = groupCommon(ts, false)
		transposesAfter(ts)
	} else {
		for i := range ts {
			for j := i + 1; j < len(ts); j++ {
				if ts[i].t != nil && ts[j].t != nil && transposedFirst(ts[i].t, ts[j].t) {
					ts[i], ts[j] = ts[j], ts[i]
				}
			}
		}
	}
	if len(ts) > 1 && ts[0].c < 0 {
		// −y + s … reads better as s … − y.
		for i, x := range ts {
			if x.c > 0 {
				ts = append([]term{x}, append(append([]term{}, ts[:i]...), ts[i+1:]...)...)
				break
			}
		}
	}
	var out *Expr
	for _, x := range ts {
		if x.c == 0 {
			continue
		}
		var v *Expr
		if x.t == nil {
			v = Number(math.Abs(x.c))
		} else {
			v = scale(math.Abs(x.c), x.t)
		}
		switch {
		case out == nil && x.c < 0:
			out = Neg(v)
		case out == nil:
			out = v
		case x.c < 0:
			out = &Expr{Op: OpSub, Args: []*Expr{out, v}, Shape: s, Pos: NoPos}
		default:
			out = &Expr{Op: OpAdd, Args: []*Expr{out, v}, Shape: s, Pos: NoPos}
		}
	}
	if out == nil {
		return Zero(s)
	}
	if !s.IsScalar() && out.Shape.IsScalar() {
		// Only broadcast numbers are left: c 𝟙.
		return Mul(out, Ones(s))
	}
	return factorCommon(out)
}

// scale returns c·t for c > 0 (t itself when c is 1).
func scale(c float64, t *Expr) *Expr {
	if c == 1 {
		return t
	}
	return Mul(Number(c), t)
}

// factorCommon rewrites A x + B x as (A + B) x, and X a + X b as
// X (a + b), for matrix products with a common outer factor.
func factorCommon(e *Expr) *Expr {
	if e.Op != OpAdd && e.Op != OpSub {
		return e
	}
	a, b := e.Args[0], e.Args[1]
	if h := factorHad(e.Op, a, b); h != nil {
		return h
	}
	if a.Op != OpMul || b.Op != OpMul || a.Shape.IsScalar() {
		return e
	}
	var bufA, bufB [8]*Expr
	fa, sa := mulFactors(bufA[:0], a, 1)
	fb, sb := mulFactors(bufB[:0], b, 1)
	if sa != 1 || sb != 1 || len(fa) < 2 || len(fb) < 2 {
		return e
	}
	la, lb := fa[len(fa)-1], fb[len(fb)-1]
	if f0 := fa[0]; sameExpr(f0, fb[0]) && !f0.Shape.IsScalar() && !sameExpr(la, lb) {
		// X b cᵀ + X c bᵀ is X (b cᵀ + c bᵀ).
		ta, tb := chain(fa[1:]), chain(fb[1:])
		if !ta.Shape.IsScalar() && ta.Shape.Equal(tb.Shape) {
			return raw(OpMul, f0, &Expr{Op: e.Op, Args: []*Expr{ta, tb}, Shape: ta.Shape, Pos: NoPos})
		}
		return e
	}
	if !sameExpr(la, lb) || la.Shape.IsScalar() {
		return e
	}
	ha, hb := chain(fa[:len(fa)-1]), chain(fb[:len(fb)-1])
	if !ha.Shape.Equal(hb.Shape) {
		return e
	}
	// The heads are matrices ((A + B) x) or scalars ((s + t) x).
	inner := &Expr{Op: e.Op, Args: []*Expr{ha, hb}, Shape: ha.Shape, Pos: NoPos}
	return raw(OpMul, inner, la)
}

// likeTerms reports whether two terms are equal up to the order of their
// scalar factors (3 cos(x) x² and 3 x² cos(x)) or of their elementwise
// factors.
func likeTerms(a, b *Expr) bool {
	if sameExpr(a, b) {
		return true
	}
	if a.Op == OpHad && b.Op == OpHad {
		// Elementwise products commute: σ ⊙ y and y ⊙ σ (for chains short
		// enough to compare factor by factor).
		n := hadLen(a, maxHadFactors)
		if n > maxHadFactors || hadLen(b, maxHadFactors) != n {
			return false
		}
		var bufA, bufB [8]*Expr
		return sameFactors(hadFactors(bufA[:0], a), hadFactors(bufB[:0], b))
	}
	if a.Op != OpMul || b.Op != OpMul || !a.Shape.IsScalar() || !b.Shape.IsScalar() {
		return false
	}
	var bufA, bufB [8]*Expr
	fa, sa := mulFactors(bufA[:0], a, 1)
	fb, sb := mulFactors(bufB[:0], b, 1)
	if sa != sb {
		return false
	}
	return sameFactors(fa, fb)
}

// sameFactors reports whether two lists hold the same factors in any
// order.
func sameFactors(fa, fb []*Expr) bool {
	if len(fa) != len(fb) {
		return false
	}
	if len(fa) > maxPairwise {
		// Multisets of factors, by hash.
		at := map[uint64][]*Expr{}
		for _, g := range fb {
			at[Hash(g)] = append(at[Hash(g)], g)
		}
		for _, f := range fa {
			gs := at[Hash(f)]
			k := slices.IndexFunc(gs, func(g *Expr) bool { return sameExpr(f, g) })
			if k < 0 {
				return false
			}
			at[Hash(f)] = slices.Delete(gs, k, k+1)
		}
		return true
	}
	used := make([]bool, len(fb))
	for _, f := range fa {
		found := false
		for j, g := range fb {
			if !used[j] && sameExpr(f, g) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// groupCommon is factorCommon for long sums, through a hash index: the
// terms c_k M_k r that end (right) or begin (!right) with one matrix or
// vector factor r become one term (Σ c_k M_k) r, at the place of the first.
func groupCommon(ts []term, right bool) []term {
	type split struct {
		common, rest *Expr
	}
	parts := make([]split, len(ts))
	groups := map[uint64][]int{}
	var order []uint64
	for i, x := range ts {
		if x.t == nil || x.t.Op != OpMul || x.t.Shape.IsScalar() {
			continue
		}
		fs, sign := mulFactors(nil, x.t, 1)
		if sign != 1 || len(fs) < 2 {
			continue
		}
		var p split
		if right {
			p = split{fs[len(fs)-1], chain(fs[:len(fs)-1])}
		} else {
			p = split{fs[0], chain(fs[1:])}
		}
		if p.common.Shape.IsScalar() || !right && p.rest.Shape.IsScalar() {
			continue
		}
		parts[i] = p
		k := Hash(p.common)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	gone := make([]bool, len(ts))
	changed := false
	for _, k := range order {
		g := groups[k]
		first := g[0]
		var inner []term
		var members []int
		for _, i := range g {
			if sameExpr(parts[i].common, parts[first].common) && parts[i].rest.Shape.Equal(parts[first].rest.Shape) {
				inner = append(inner, term{c: ts[i].c, t: parts[i].rest})
				members = append(members, i)
			}
		}
		if len(members) < 2 {
			continue
		}
		sum := sumOf(inner, parts[first].rest.Shape)
		var t *Expr
		if right {
			t = raw(OpMul, sum, parts[first].common)
		} else {
			t = raw(OpMul, parts[first].common, sum)
		}
		ts[first] = term{c: 1, t: t}
		for _, i := range members[1:] {
			gone[i] = true
		}
		changed = true
	}
	if !changed {
		return ts
	}
	out := ts[:0:0]
	for i, x := range ts {
		if !gone[i] {
			out = append(out, x)
		}
	}
	return out
}

// maxPairwise is the longest list of terms or factors that is compared
// pair by pair; longer lists go through hash indexes (with the same
// result).
const maxPairwise = 8

// maxFold is the longest sum or product that is built by a fold of the
// binary constructors (each step flattening the growing result again:
// quadratic in the length, but it is the form the rewrites were tuned
// on); longer ones are collected at once (sumAll, scalarProduct), with
// common factors taken out by hash (groupCommon): linear.
const maxFold = 16

// transposesAfter is the reordering of sumOf for long sums, through a hash
// index instead of comparing every pair: a term Aᵀ R (or Aᵀ) that comes
// before its partner A R (or A) changes places with it.
func transposesAfter(ts []term) {
	head := func(e *Expr) (*Expr, *Expr) {
		if e.Op == OpMul && len(e.Args) == 2 {
			return e.Args[0], e.Args[1]
		}
		return e, nil
	}
	key := func(h, r *Expr) uint64 { return mix(Hash(h)) ^ Hash(r) }
	plain := map[uint64][]int{}
	for j, x := range ts {
		if x.t == nil {
			continue
		}
		if h, r := head(x.t); h.Op != OpT {
			plain[key(h, r)] = append(plain[key(h, r)], j)
		}
	}
	for i, x := range ts {
		if x.t == nil {
			continue
		}
		h, r := head(x.t)
		if h.Op != OpT || len(h.Args) != 1 {
			continue
		}
		for _, j := range plain[key(h.Args[0], r)] {
			if j > i && ts[j].t != nil && transposedFirst(ts[i].t, ts[j].t) {
				ts[i], ts[j] = ts[j], ts[i]
				break
			}
		}
	}
}

// transposedFirst reports whether a is b with a transposed leading factor
// (Aᵀ against A, Bᵀ X against B X), so that b should be written first.
func transposedFirst(a, b *Expr) bool {
	head := func(e *Expr) (*Expr, *Expr) {
		if e.Op == OpMul && len(e.Args) == 2 {
			return e.Args[0], e.Args[1]
		}
		return e, nil
	}
	ha, ra := head(a)
	hb, rb := head(b)
	if (ra == nil) != (rb == nil) || ra != nil && !sameExpr(ra, rb) {
		return false
	}
	return ha.Op == OpT && len(ha.Args) == 1 && hb.Op != OpT && sameExpr(ha.Args[0], hb)
}
