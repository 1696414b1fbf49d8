package symbolic

import "slices"

// maxSimplifyPasses guards the fixed-point iteration of Simplify against
// rewrites that would oscillate; in practice it stops after two or three
// passes, as soon as a pass changes nothing.
const maxSimplifyPasses = 8

// Simplify rewrites e into textbook form by rebuilding it bottom-up
// through the smart constructors (constants folded, 0 and 1 dropped,
// scalar factors first, negation hoisted, matrix products left-associated,
// transposes on the leaves, like terms collected), repeated until nothing
// changes. e is not modified.
//
// Each pass is one Rewrite (each distinct node rebuilt once) whose results
// are hash-consed through a table local to the call: structurally equal
// results (same hash, same structure, same shape) become one node, so an
// unchanged pass returns the very same pointer and the fixed point is
// detected by pointer comparison. The cost is linear in the number of
// distinct nodes per pass.
func Simplify(e *Expr) *Expr {
	r, _ := simplifyIn(e, nil, 0)
	return r
}

// simplifyIn is Simplify under a budget (nil for none); hint is the
// expected number of distinct nodes (0 if unknown), for the size of the
// tables.
func simplifyIn(e *Expr, b *budget, hint int) (*Expr, error) {
	s, _, err := simplifyCancel(e, b, hint)
	return s, err
}

// simplifyCancel is simplifyIn, and says whether the Cancel rules may
// change the result (false: Cancel.Rewrite gives it back).
func simplifyCancel(e *Expr, b *budget, hint int) (_ *Expr, mayCancel bool, _ error) {
	s, t, err := simplifyTable(e, b, hint)
	if err != nil || t == nil {
		return s, false, err
	}
	defer t.release()
	return s, t.mayCancel, nil
}

// simplifyTable is simplifyIn, and returns the table whose nodes the
// result is made of (nil for a nil e or an error), for the caller to
// release.
func simplifyTable(e *Expr, b *budget, hint int) (*Expr, *hashCons, error) {
	if e == nil {
		return nil, nil, nil
	}
	t := newHashCons(hint)
	r := simplifier(t, b, true) // one Rewriter, its memo emptied for each pass
	for range maxSimplifyPasses {
		r.memo.reset()
		t.stable = true
		n := r.Rewrite(e)
		if r.err != nil {
			t.release()
			return nil, nil, r.err
		}
		if n == e || t.stable {
			// A stable pass built only nodes the next would keep: it
			// would give n back (see simplifier).
			return n, t, nil
		}
		e = n
	}
	// Every node of the result went through the table (the simplifier
	// interns what it returns).
	return e, t, nil
}

// simplifyAll simplifies every root of es, sharing the work on their
// common subexpressions: each pass is one Rewrite over all roots.
func simplifyAll(es []*Expr, b *budget) ([]*Expr, error) {
	if len(es) == 0 {
		return nil, nil
	}
	t := newHashCons(0)
	defer t.release()
	cur := slices.Clone(es)
	r := simplifier(t, b, false) // one Rewriter, its memo emptied for each pass
	for range maxSimplifyPasses {
		r.memo.reset()
		changed := false
		for i, e := range cur {
			n := r.Rewrite(e)
			if r.err != nil {
				return nil, r.err
			}
			changed = changed || n != e
			cur[i] = n
		}
		if !changed {
			break
		}
	}
	return cur, nil
}

// simplifier is the Rewriter of one simplification pass, interning its
// results in t; its memo is t.memo. It is made once per table (Post and
// Pre are t's methods) and kept with it in the pool.
//
// When track is set, a pass clears t.stable as soon as it builds a node
// the next pass might change: one that is not fixed, whose operands are
// not this pass's results, or that the next pass's Pre would take up (a
// long sum or product), or when Pre fires. A pass that leaves it set
// returned a tree of fixed nodes over its own results, which the next
// pass keeps node by node (the fast path of Post), so that pass is not
// needed.
func simplifier(t *hashCons, b *budget, track bool) *Rewriter {
	if t.rw == nil {
		t.rw = &Rewriter{memo: &t.memo, Post: t.post, Pre: t.pre}
	}
	t.rw.b, t.rw.err = b, nil
	t.track = track
	return t.rw
}

// unstable notes that the current pass built a node the next may change.
func (t *hashCons) unstable() {
	if t.track {
		t.stable = false
	}
}

// post is the simplifier's Post.
//
// Fixed (t.setFixed) are the results o of a rebuild that have e's fields and
// operands as they were given: rebuilding o from its own operands is
// that same rebuild (rebuild reads only the node's fields and its
// operands), so it gives o again, and the next pass keeps o without
// rebuilding it when its operands are unchanged.
func (t *hashCons) post(e *Expr, _, args []*Expr) *Expr {
	if t.isFixed(e) && sameSlice(args, e.Args) {
		return e
	}
	o := t.intern(rebuild(e, args))
	if o.Op == e.Op && o.Name == e.Name && o.Label == e.Label && o.Num == e.Num &&
		sameSlice(o.Sub, e.Sub) && sameSlice(o.Args, args) && o.Shape.Equal(e.Shape) {
		t.setFixed(o)
	}
	if t.track && t.stable && (!t.isFixed(o) || !sameSlice(o.Args, args) || preMayTake(o)) {
		t.unstable()
	}
	return o
}

// pre is the simplifier's Pre.
func (t *hashCons) pre(e *Expr) *Expr {
	r := t.rw
	// A long sum is collected at once from its rewritten summands,
	// not rebuilt prefix by prefix (which would flatten each prefix
	// again: quadratic in its length).
	if e.Op == OpMul && e.Shape.IsScalar() {
		if p := longProduct(r, e); p != nil {
			t.unstable()
			return t.intern(p)
		}
		return nil
	}
	if e.Op != OpAdd && e.Op != OpSub {
		return nil
	}
	if sumLen(e, maxFold) <= maxFold {
		return nil
	}
	leaves, signs, ok := sumLeaves(e, maxFlatten)
	if !ok {
		return nil
	}
	var ts termSet
	for i, l := range leaves {
		ts.add(r.Rewrite(l), signs[i])
	}
	t.unstable()
	return t.intern(expanded(ts.ts, e.Shape))
}

// preMayTake reports whether the simplifier's Pre might rewrite e (a long
// sum, or a long product of scalars): its conditions before the work.
func preMayTake(e *Expr) bool {
	switch {
	case e.Op == OpMul && e.Shape.IsScalar() && len(e.Args) == 2:
		return e.Args[0].Shape.IsScalar() && e.Args[1].Shape.IsScalar() && scalarLen(e, maxFold) > maxFold
	case e.Op == OpAdd || e.Op == OpSub:
		return sumLen(e, maxFold) > maxFold
	}
	return false
}

// longProduct rebuilds a long product of scalars at once from its
// rewritten factors (nil for a short one, rebuilt as usual).
func longProduct(r *Rewriter, e *Expr) *Expr {
	if e.Args[0].Shape.IsScalar() != e.Args[1].Shape.IsScalar() || !e.Args[0].Shape.IsScalar() {
		return nil
	}
	if scalarLen(e, maxFold) <= maxFold {
		return nil
	}
	leaves, neg, ok := scalarLeaves(e, maxFlatten)
	if !ok {
		return nil
	}
	xs := make([]*Expr, len(leaves))
	for i, l := range leaves {
		xs[i] = r.Rewrite(l)
	}
	p := scalarProduct(xs)
	if neg%2 == 1 {
		return Neg(p)
	}
	return p
}

// rebuild makes the node e with new operands through its smart
// constructor.
func rebuild(e *Expr, args []*Expr) *Expr {
	switch e.Op {
	case OpAdd:
		return Add(args[0], args[1])
	case OpSub:
		return Sub(args[0], args[1])
	case OpNeg:
		return Neg(args[0])
	case OpMul:
		return Mul(args[0], args[1])
	case OpDiv:
		return Div(args[0], args[1])
	case OpHad:
		return Had(args[0], args[1])
	case OpHDiv:
		return HDiv(args[0], args[1])
	case OpHPow:
		return HPow(args[0], args[1])
	case OpPow:
		if !args[0].Shape.IsMatrix() {
			return Pow(args[0], args[1])
		}
	case OpT:
		if args[0].Op != OpInv {
			return T(args[0])
		}
	case OpInv:
		return Inv(args[0])
	case OpSum:
		return SumOver(e.Name, args[0], args[1], args[2])
	case OpCall:
		if len(args) == 1 && e.Sub == nil {
			if _, ok := Funcs[e.Name]; ok {
				return Call(e.Name, args[0])
			}
		}
	}
	if len(args) == 0 {
		return e
	}
	changed := false
	for i := range args {
		changed = changed || args[i] != e.Args[i]
	}
	if !changed {
		return e
	}
	cp := *e
	cp.Args = args
	return &cp
}
