package symbolic

import (
	"sync"
	"unsafe"
)

// exprTable maps nodes (by pointer) to values of type V: the side table
// of one pass over a DAG (a memo, a visited set). It is an open-addressing
// hash table on the pointer's bits, with linear probing, that grows at
// half full: a lookup costs a multiplication and a probe or two, where a
// Go map hashes the pointer with a function call first, and emptying it
// for the next pass (reset) keeps its room. Its zero value is an empty
// table; it has no iteration (so no iteration order to depend on) and no
// deletion. Nodes do not move (Go's collector does not move heap
// objects), so a pointer's bits are a stable hash.
type exprTable[V any] struct {
	keys []*Expr
	vals []V
	n    int
}

// minExprTable is the room a table starts with.
const minExprTable = 16

// roomFor is the room (a power of two) that holds n entries at most half
// full.
func roomFor(n int) int {
	size := minExprTable
	for size < 2*n {
		size *= 2
	}
	return size
}

// slot is where key k is, or the empty slot where it would go.
func (t *exprTable[V]) slot(k *Expr) int {
	mask := len(t.keys) - 1
	// Fibonacci hashing: the high bits of the product are well mixed.
	i := int((uint64(uintptr(unsafe.Pointer(k))) * 0x9E3779B97F4A7C15) >> 32)
	for {
		i &= mask
		if c := t.keys[i]; c == k || c == nil {
			return i
		}
		i++
	}
}

// get returns the value for k and whether k is in the table.
func (t *exprTable[V]) get(k *Expr) (V, bool) {
	if t.n == 0 {
		var zero V
		return zero, false
	}
	i := t.slot(k)
	if t.keys[i] == nil {
		var zero V
		return zero, false
	}
	return t.vals[i], true
}

// has reports whether k is in the table.
func (t *exprTable[V]) has(k *Expr) bool {
	_, ok := t.get(k)
	return ok
}

// set maps k (not nil) to v.
func (t *exprTable[V]) set(k *Expr, v V) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	i := t.slot(k)
	if t.keys[i] == nil {
		t.keys[i] = k
		t.n++
	}
	t.vals[i] = v
}

// grow doubles the room (or makes the first), placing the entries again.
func (t *exprTable[V]) grow() { t.resize(max(2*len(t.keys), minExprTable)) }

// reserve makes room for n entries (a hint: the table grows as needed
// anyway).
func (t *exprTable[V]) reserve(n int) {
	if size := roomFor(n); size > len(t.keys) {
		t.resize(size)
	}
}

// resize places the entries in a room of size slots (a power of two
// more than twice the entries).
func (t *exprTable[V]) resize(size int) {
	keys, vals := t.keys, t.vals
	t.keys, t.vals = make([]*Expr, size), make([]V, size)
	for i, k := range keys {
		if k != nil {
			j := t.slot(k)
			t.keys[j], t.vals[j] = k, vals[i]
		}
	}
}

// size is the number of entries.
func (t *exprTable[V]) size() int { return t.n }

// reset empties the table, keeping its room.
func (t *exprTable[V]) reset() {
	if t.n == 0 {
		return
	}
	clear(t.keys)
	clear(t.vals)
	t.n = 0
}

// hashIndex maps structural hashes to nodes (never nil): the first node
// of each hash in a hash-consing table. It is exprTable's scheme keyed by
// a uint64 (an empty slot is one whose node is nil).
type hashIndex struct {
	keys []uint64
	vals []*Expr
	n    int
}

// slot is where hash h is, or the empty slot where it would go.
func (t *hashIndex) slot(h uint64) int {
	mask := len(t.keys) - 1
	i := int((h * 0x9E3779B97F4A7C15) >> 32)
	for {
		i &= mask
		if t.vals[i] == nil || t.keys[i] == h {
			return i
		}
		i++
	}
}

// get returns the node for h and whether there is one.
func (t *hashIndex) get(h uint64) (*Expr, bool) {
	if t.n == 0 {
		return nil, false
	}
	v := t.vals[t.slot(h)]
	return v, v != nil
}

// set maps h to e (not nil).
func (t *hashIndex) set(h uint64, e *Expr) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	i := t.slot(h)
	if t.vals[i] == nil {
		t.n++
	}
	t.keys[i], t.vals[i] = h, e
}

// grow doubles the room (or makes the first), placing the entries again.
func (t *hashIndex) grow() { t.resize(max(2*len(t.keys), minExprTable)) }

// reserve makes room for n entries (a hint, as exprTable.reserve).
func (t *hashIndex) reserve(n int) {
	if size := roomFor(n); size > len(t.keys) {
		t.resize(size)
	}
}

// resize places the entries in a room of size slots.
func (t *hashIndex) resize(size int) {
	keys, vals := t.keys, t.vals
	t.keys, t.vals = make([]uint64, size), make([]*Expr, size)
	for i, v := range vals {
		if v != nil {
			j := t.slot(keys[i])
			t.keys[j], t.vals[j] = keys[i], v
		}
	}
}

// size is the number of entries.
func (t *hashIndex) size() int { return t.n }

// reset empties the index, keeping its room.
func (t *hashIndex) reset() {
	if t.n == 0 {
		return
	}
	clear(t.vals)
	t.n = 0
}

// tablePool keeps emptied exprTables for the passes that need one for a
// while (a walk's visited set, a rewrite's memo), so that a derivation
// of a small function allocates none. Tables that grew large are left to
// the garbage collector.
type tablePool[V any] struct{ p sync.Pool }

// maxPooledRoom is the largest room (slots) of a table kept in a pool.
const maxPooledRoom = 4096

// get returns an empty table.
func (p *tablePool[V]) get() *exprTable[V] {
	if t, ok := p.p.Get().(*exprTable[V]); ok {
		return t
	}
	return &exprTable[V]{}
}

// put empties t and keeps it for a later get; t must not be used
// afterwards.
func (p *tablePool[V]) put(t *exprTable[V]) {
	if len(t.keys) > maxPooledRoom {
		return
	}
	t.reset()
	p.p.Put(t)
}

// The pools of the tables of walks, topo, reverse and whereList.
var (
	seenPool tablePool[struct{}]
	listPool tablePool[[]*Expr]
	posPool  tablePool[int32]
)
