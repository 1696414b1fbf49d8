package symbolic

import (
	"strconv"
	"sync"
)

// sameExpr reports whether a and b are structurally equal (Pos ignored; the
// shapes of 𝟙, I and zeros count). Like Equal it is linear in the distinct
// nodes compared: pointer-equal nodes match at once, differing cached
// hashes reject at once, and shared pairs are compared once.
func sameExpr(a, b *Expr) bool {
	if a == b {
		return true
	}
	var memo pairMemo
	return sameIn(a, b, &memo)
}

func sameIn(a, b *Expr, memo *pairMemo) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || Hash(a) != Hash(b) {
		return false
	}
	if a.Op != b.Op || a.Name != b.Name || a.Label != b.Label || a.Num != b.Num ||
		len(a.Args) != len(b.Args) || len(a.Sub) != len(b.Sub) {
		return false
	}
	if (a.Op == OpOnes || a.Op == OpEye || a.Op == OpNum) && !a.Shape.Equal(b.Shape) {
		return false
	}
	return pairsEqual(a, b, memo, true)
}

// internKey identifies a node by its fields and the identities of its
// (already interned) operands.
type internKey struct {
	op    Op
	name  string
	label string
	num   float64
	sub   string
	shape string
	args  [3]*Expr
}

// interner hash-conses expressions: structurally equal nodes become one
// pointer, so a shared subexpression is one node of a DAG. The memo keeps
// the work linear in the size of the DAG given to it.
type interner struct {
	// fast holds the commonest nodes (no subscripts, at most three
	// operands) by their structural hash, checked field by field on a
	// hit; table holds the rest, and any node whose hash another holds.
	fast  hashIndex
	table map[internKey]*Expr
	memo  exprTable[*Expr]
	ids   map[*Expr]int
}

// hasSubs reports whether a canonical node may have subscripts: false
// when none has (they are kept in table, never in fast).
func (in *interner) hasSubs() bool { return len(in.table) > 0 }

// size is the number of canonical nodes.
func (in *interner) size() int { return in.fast.size() + len(in.table) }

// sameNode reports whether the canonical node c is e with operands args
// (canonical, so compared by identity).
func sameNode(c, e *Expr, args []*Expr) bool {
	if c.Op != e.Op || c.Name != e.Name || c.Label != e.Label || c.Num != e.Num ||
		len(c.Args) != len(args) || len(c.Sub) != 0 {
		return false
	}
	for i, a := range args {
		if c.Args[i] != a {
			return false
		}
	}
	return !(e.Op == OpOnes || e.Op == OpEye || e.Op == OpNum) || c.Shape.Equal(e.Shape)
}

// newInterner sizes its maps for a small function (a few dozen nodes): a
// derivation interns that many at least, and growing from empty would
// allocate at each doubling. The maps come from a pool (release gives
// them back), so that a derivation of a small function makes none. ids
// is made at first use.
func newInterner() *interner {
	return internerPool.Get().(*interner)
}

// internerPool holds emptied interners; maxPooledNodes bounds the size of
// the ones kept (a cleared map keeps its room).
var internerPool = sync.Pool{New: func() any {
	return &interner{table: map[internKey]*Expr{}}
}}

const maxPooledNodes = 256

// release empties in and gives it back to the pool: in must not be used
// afterwards (nodes it made stay valid).
func (in *interner) release() {
	if in.size() > maxPooledNodes || in.memo.size() > 2*maxPooledNodes {
		return
	}
	in.fast.reset()
	clear(in.table)
	in.memo.reset()
	in.ids = nil
	internerPool.Put(in)
}

// find returns the canonical node equal to e, a node of no subscripts
// whose operands are canonical, or nil when there is none (e is not
// added, nor kept: it may live on the caller's stack).
func (in *interner) find(e *Expr) *Expr {
	if len(e.Args) > 3 || len(e.Sub) > 0 {
		return nil
	}
	if c, ok := in.fast.get(hashOf(e)); ok && sameNode(c, e, e.Args) {
		return c
	}
	return nil
}

// intern returns the canonical node equal to e.
func (in *interner) intern(e *Expr) *Expr {
	if c, ok := in.memo.get(e); ok {
		return c
	}
	args := e.Args // copied at the first operand that changes
	changed := false
	for i, a := range e.Args {
		c := in.intern(a)
		if c != a && !changed {
			args = make([]*Expr, len(e.Args))
			copy(args, e.Args[:i])
			changed = true
		}
		if changed {
			args[i] = c
		}
	}
	if len(args) <= 3 && len(e.Sub) == 0 {
		h := Hash(e) // e's operands are structurally the canonical args
		c, ok := in.fast.get(h)
		if ok && sameNode(c, e, args) {
			in.memo.set(e, c)
			return c
		}
		if !ok {
			c := in.adopt(e, args, changed)
			in.fast.set(h, c)
			return c
		}
		// Another node has this hash: e goes to the table.
	}
	k := internKey{op: e.Op, name: e.Name, label: e.Label, num: e.Num}
	if len(args) > 3 {
		// Calls with many arguments: fold the tail into the name.
		for _, a := range args[3:] {
			k.name += "\x00" + strconv.Itoa(in.id(a))
		}
	}
	copy(k.args[:], args)
	for _, s := range e.Sub {
		k.sub += "\x00" + subKey(s)
	}
	if e.Op == OpOnes || e.Op == OpEye || e.Op == OpNum {
		k.shape = shapeKey(e.Shape)
	}
	if c, ok := in.table[k]; ok {
		in.memo.set(e, c)
		return c
	}
	c := in.adopt(e, args, changed)
	in.table[k] = c
	return c
}

// adopt makes e (with its operands replaced by args, when they changed)
// a canonical node and records it in the memo, for e and for the copy.
func (in *interner) adopt(e *Expr, args []*Expr, changed bool) *Expr {
	c := e
	if changed {
		cp := *e
		cp.Args = args
		c = &cp
	}
	in.memo.set(e, c)
	if c != e {
		in.memo.set(c, c)
	}
	return c
}

// id numbers canonical nodes, for keys of calls with more than three
// arguments.
func (in *interner) id(e *Expr) int {
	if n, ok := in.ids[e]; ok {
		return n
	}
	if in.ids == nil {
		in.ids = map[*Expr]int{}
	}
	in.ids[e] = len(in.ids) + 1
	return in.ids[e]
}

// subKey spells a subscript (an index name or a number).
func subKey(s *Expr) string {
	if s.Op == OpNum {
		return strconv.FormatFloat(s.Num, 'g', -1, 64)
	}
	k := s.Key()
	for _, t := range s.Sub {
		k += "_" + subKey(t)
	}
	return k
}

func shapeKey(s Shape) string {
	out := ""
	for _, d := range s.Norm() {
		out += string(d) + "×"
	}
	return out
}
