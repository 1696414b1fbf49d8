package symbolic

import "unsafe"

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
func (t *exprTable[V]) grow() {
	keys, vals := t.keys, t.vals
	size := max(2*len(keys), minExprTable)
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
