package symbolic

import "sync"

// hashCons interns expressions: structurally equal nodes (sameExpr, and
// the same shape) become one pointer. It is local to one computation (a
// Simplify call), so it needs no lock and is dropped with it.
//
// Positions: structural equality ignores Pos, so an interned node keeps
// the position of the first node of its kind that was interned (a
// parser-built node keeps its own position; nodes the package synthesises
// have NoPos). Error messages use positions of the program's nodes, which
// are never replaced by synthesised ones of a different structure.
type hashCons struct {
	// table holds the first node of each hash, more the others (hash
	// collisions between different nodes, and equal structures of
	// different shapes).
	table hashIndex
	more  map[uint64][]*Expr
	// canon maps every node seen to its canonical node, and says of a
	// canonical node whether a rebuild gives it back (see simplifier).
	canon exprTable[canonical]
	// mayCancel says that some node of the table is one the Cancel rules
	// may rewrite: an elementwise quotient, a node with a zero operand
	// (foldZero) or with subscripts that have operands. When it is false,
	// Cancel gives back any expression made of the table's nodes.
	mayCancel bool
	// nodes counts the canonical nodes (those of table and more), and
	// subs says whether one of them has subscripts (which intern does
	// not intern): without, an expression made of the table's nodes has
	// at most nodes distinct nodes (see gradCtx.simplify).
	nodes int
	subs  bool
	// memo is the memo of the simplifier's Rewriter rw, kept here with
	// it to be reused with the table (see simplifier); stable and track
	// are the state of its passes.
	memo          exprTable[*Expr]
	rw            *Rewriter
	stable, track bool
}

// canonical is an entry of hashCons.canon.
type canonical struct {
	c     *Expr
	fixed bool
}

// isFixed reports whether e was marked with setFixed.
func (t *hashCons) isFixed(e *Expr) bool {
	c, _ := t.canon.get(e)
	return c.fixed
}

// setFixed marks the canonical node c.
func (t *hashCons) setFixed(c *Expr) { t.canon.set(c, canonical{c: c, fixed: true}) }

// newHashCons makes a table for about hint distinct nodes (0 if unknown:
// the tables grow as needed), with the memo of the simplifier's Rewriter
// (see simplifier). Tables given back by release are reused first, with
// their room.
func newHashCons(hint int) *hashCons {
	t, ok := hashConsPool.Get().(*hashCons)
	if !ok {
		t = &hashCons{}
	}
	if hint > minExprTable {
		// canon holds the nodes given and the canonical ones.
		t.table.reserve(hint)
		t.canon.reserve(2 * hint)
		t.memo.reserve(hint)
	}
	return t
}

// hashConsPool holds emptied tables (see release).
var hashConsPool sync.Pool

// release empties t and gives it back for the next newHashCons (a large
// table is left to the garbage collector): t must not be used
// afterwards, and no Rewriter may use its memo. The nodes stay valid.
func (t *hashCons) release() {
	if t.canon.size() > 2*maxPooledNodes || t.memo.size() > 2*maxPooledNodes {
		return
	}
	t.table.reset()
	t.canon.reset()
	t.memo.reset()
	if t.rw != nil {
		t.rw.b, t.rw.err = nil, nil
	}
	*t = hashCons{table: t.table, canon: t.canon, memo: t.memo, rw: t.rw}
	hashConsPool.Put(t)
}

// intern returns the canonical node equal to e, adding e when it is new.
// The operands are interned first (nodes seen before at once), so the
// comparison with a candidate compares operand pointers only.
func (t *hashCons) intern(e *Expr) *Expr {
	if c, ok := t.canon.get(e); ok {
		return c.c
	}
	if len(e.Args) > 0 {
		var args []*Expr // allocated at the first operand that changes
		for i, a := range e.Args {
			c := t.intern(a)
			if c != a && args == nil {
				args = make([]*Expr, len(e.Args))
				copy(args, e.Args[:i])
			}
			if args != nil {
				args[i] = c
			}
		}
		if args != nil {
			e = withChildren(e, e.Sub, args)
		}
	}
	c := t.lookup(e)
	t.canon.set(e, canonical{c: c}) // e is new here: not yet marked fixed
	return c
}

// lookup finds the node of the table equal to e, or adds e.
func (t *hashCons) lookup(e *Expr) *Expr {
	h := Hash(e)
	same := func(c *Expr) bool { return c == e || sameExpr(c, e) && c.Shape.Equal(e.Shape) }
	first, ok := t.table.get(h)
	if !ok {
		t.added(e)
		t.table.set(h, e)
		return e
	}
	if same(first) {
		return first
	}
	for _, c := range t.more[h] {
		if same(c) {
			return c
		}
	}
	if t.more == nil {
		t.more = map[uint64][]*Expr{}
	}
	t.added(e)
	t.more[h] = append(t.more[h], e)
	return e
}

// added notes a node new to the table.
func (t *hashCons) added(e *Expr) {
	t.nodes++
	if len(e.Sub) > 0 {
		t.subs = true
	}
	if !t.mayCancel && (e.Op == OpHDiv || foldZero(e) != nil || !leafSubs(e)) {
		t.mayCancel = true
	}
}
