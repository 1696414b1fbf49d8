package symbolic

import "sync"

// Rule is a named rewrite of one node. Apply returns the replacement and
// true when the rule matches e; it must preserve e's value and shape, and
// must not return an expression Equal to e with true (the engine stops
// when nothing applies).
type Rule struct {
	// Name is a short kebab-case name (pull-transpose).
	Name string
	// Doc says in one line what the rule rewrites, as input → output.
	Doc   string
	Apply func(e *Expr) (*Expr, bool)
	// Ops, if not empty, are the only operations of the nodes Apply may
	// rewrite: RuleSet does not call it on others (TestRuleOps holds
	// the rules to their sets).
	Ops OpSet
}

// OpSet is a set of operations (OpsOf).
type OpSet uint64

// OpsOf returns the set of ops.
func OpsOf(ops ...Op) OpSet {
	var s OpSet
	for _, op := range ops {
		s |= opBit(op)
	}
	return s
}

// Has reports whether op is in s.
func (s OpSet) Has(op Op) bool { return s&opBit(op) != 0 }

// opBit is the set of op alone (ops are fewer than 64: the mask spares
// the shift its bounds check).
func opBit(op Op) OpSet { return 1 << (op & 63) }

// RuleSet is an ordered list of rules: at each node the first rule that
// applies wins, and the node is tried again.
type RuleSet []Rule

// maxRounds bounds the passes of Rewrite over the whole expression, and
// maxLocal the rewrites at one node per pass: a rule set that cycles stops
// there instead of running forever.
const (
	maxRounds = 8
	maxLocal  = 16
)

// Rewrite applies the rules post-order (arguments before the node) over
// the expression DAG, each distinct node once per pass, and repeats passes
// until one changes nothing (a fixed point) or maxRounds passes ran.
// Shared subexpressions stay shared. A nil e returns nil.
func (rs RuleSet) Rewrite(e *Expr) *Expr {
	if e == nil {
		return nil
	}
	// One Rewriter for all the passes, its memo emptied for each.
	r := ruleRewriterPool.Get().(*ruleRewriter)
	defer r.release()
	r.rs, r.ops = rs, rs.ops()
	for range maxRounds {
		r.applied = false
		r.rw.memo.reset()
		next := r.rw.Rewrite(e)
		if !r.applied {
			return next
		}
		e = next
	}
	return e
}

// ruleRewriter is the Rewriter of RuleSet.Rewrite, kept in a pool with
// its memo; applied says whether a rule applied in the current pass.
type ruleRewriter struct {
	rw   Rewriter
	memo exprTable[*Expr]
	rs   RuleSet
	// ops are the operations some rule of rs may rewrite (rs.ops).
	ops     OpSet
	applied bool
}

var ruleRewriterPool = sync.Pool{New: func() any {
	r := &ruleRewriter{}
	r.rw = Rewriter{memo: &r.memo, Post: r.post}
	return r
}}

// release empties r and gives it back to the pool (one whose memo grew
// large is left to the collector).
func (r *ruleRewriter) release() {
	if len(r.memo.keys) > maxPooledRoom {
		return
	}
	r.memo.reset()
	r.rs = nil
	ruleRewriterPool.Put(r)
}

// post rewrites a node whose operands are rewritten: zero operands folded
// (foldZero), then the first rule that applies, again, up to maxLocal
// times.
func (r *ruleRewriter) post(e *Expr, subs, args []*Expr) *Expr {
	n := withChildren(e, subs, args)
	if z := foldZero(n); z != nil {
		r.applied = true
		n = z
	}
	for range maxLocal {
		if !r.ops.Has(n.Op) {
			break // no rule rewrites this operation (a leaf, mostly)
		}
		next, ok := r.rs.applyOnce(n)
		if !ok {
			break
		}
		r.applied = true
		n = next
	}
	return n
}

// foldZero is what the builders would make of a node one of whose
// operands a rule turned into zero (2 (2 u − u/½) with the difference
// cancelled is 0, not 2·0): a product, elementwise product, quotient,
// transpose or negation of zero is zero, and a zero term drops out of a
// sum. It returns nil when e has no zero operand.
func foldZero(e *Expr) *Expr {
	if len(e.Args) == 0 || len(e.Sub) > 0 {
		return nil
	}
	a := e.Args[0]
	var b *Expr
	if len(e.Args) > 1 {
		b = e.Args[1]
	}
	switch e.Op {
	case OpMul, OpHad:
		if isZero(a) || b != nil && isZero(b) {
			return Zero(e.Shape)
		}
	case OpDiv, OpHDiv, OpT, OpNeg:
		if isZero(a) {
			return Zero(e.Shape)
		}
	case OpAdd:
		switch {
		case isZero(a) && b != nil:
			return broadcast(b, e.Shape)
		case b != nil && isZero(b):
			return broadcast(a, e.Shape)
		}
	case OpSub:
		switch {
		case b != nil && isZero(b):
			return broadcast(a, e.Shape)
		case isZero(a) && b != nil:
			if t := broadcast(b, e.Shape); t != nil {
				return Neg(t)
			}
		}
	}
	return nil
}

// broadcast returns x as a value of shape s: x itself when it has that
// shape, c 𝟙 for a scalar c added to a vector or matrix (0 + 1 with a
// vector 0 is 𝟙), nil otherwise.
func broadcast(x *Expr, s Shape) *Expr {
	switch {
	case x.Shape.Equal(s):
		return x
	case x.Shape.IsScalar() && !s.IsScalar():
		return Mul(x, Ones(s))
	}
	return nil
}

// ops is the union of the rules' OpSets: every operation when a rule
// has none.
func (rs RuleSet) ops() OpSet {
	var s OpSet
	for i := range rs {
		if rs[i].Ops == 0 {
			return ^OpSet(0)
		}
		s |= rs[i].Ops
	}
	return s
}

// applyOnce applies the first rule that matches e.
func (rs RuleSet) applyOnce(e *Expr) (*Expr, bool) {
	bit := opBit(e.Op)
	for i := range rs {
		r := &rs[i] // not a copy of the rule: most are skipped
		if r.Ops != 0 && r.Ops&bit == 0 {
			continue
		}
		if out, ok := r.Apply(e); ok && out != nil && !Equal(out, e) {
			return out, true
		}
	}
	return e, false
}

// Present rewrites a simplified derivative into the form a textbook
// prints (issue 8): the Cancel rules (and, when they cancelled something,
// Simplify again), then the Presentation rules, each run to a fixed point.
func Present(e *Expr) *Expr {
	if c := Cancel.Rewrite(e); !Equal(c, e) {
		e = Simplify(c)
	}
	return Presentation.Rewrite(e)
}
