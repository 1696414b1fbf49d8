package symbolic

import (
	"math"
	"sync/atomic"
	"unsafe"
)

// Equal reports whether a and b are the same expression: the same ops,
// names, labels, subscripts and arguments, numbers equal by value (a number
// written as π equals the value π; NaN equals NaN, −0 equals 0). Positions
// and shapes are ignored. A norm with an empty Name is the Euclidean norm
// "2". Two nil expressions are equal.
//
// Equal is linear in the number of distinct nodes of a and b, however much
// they share: pointer-equal nodes are equal at once, nodes whose cached
// hashes differ are unequal at once, and every other pair of nodes is
// compared once (a memo of compared pairs).
func Equal(a, b *Expr) bool {
	var memo pairMemo
	return equalIn(a, b, &memo)
}

func equalIn(a, b *Expr, memo *pairMemo) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || Hash(a) != Hash(b) {
		return false
	}
	if a.Op != b.Op || a.Label != b.Label || len(a.Sub) != len(b.Sub) || len(a.Args) != len(b.Args) {
		return false
	}
	switch a.Op {
	case OpNum:
		return sameNum(a.Num, b.Num)
	case OpNorm:
		if normKind(a) != normKind(b) {
			return false
		}
	case OpPartial:
		if a.Name != b.Name || !sameNum(a.Num, b.Num) {
			return false
		}
	default:
		if a.Name != b.Name {
			return false
		}
	}
	return pairsEqual(a, b, memo, false)
}

// pairsEqual compares the subscripts and arguments of a and b (with
// sameIn when same, else equalIn), remembering the pair's answer so that
// shared pairs are compared once.
func pairsEqual(a, b *Expr, memo *pairMemo, same bool) bool {
	eq := func(a, b *Expr) bool {
		if same {
			return sameIn(a, b, memo)
		}
		return equalIn(a, b, memo)
	}
	if len(a.Sub)+len(a.Args) == 0 {
		return true
	}
	key := [2]*Expr{a, b}
	if memo.m != nil {
		if v, ok := memo.m[key]; ok {
			return v
		}
	} else if memo.n++; memo.n > memoAfter {
		memo.m = map[[2]*Expr]bool{}
	}
	Stats.visit(1)
	r := true
	for i := range a.Sub {
		if !eq(a.Sub[i], b.Sub[i]) {
			r = false
			break
		}
	}
	for i := 0; r && i < len(a.Args); i++ {
		r = eq(a.Args[i], b.Args[i])
	}
	if memo.m != nil {
		memo.m[key] = r
	}
	return r
}

// pairMemo remembers the answers for pairs of nodes compared, once a
// comparison has looked at more than memoAfter pairs (small comparisons,
// the common case, allocate nothing).
type pairMemo struct {
	n int
	m map[[2]*Expr]bool
}

const memoAfter = 32

// sameNum compares numbers by value, with NaN equal to itself.
func sameNum(x, y float64) bool {
	return x == y || (math.IsNaN(x) && math.IsNaN(y))
}

// normKind is a norm's kind with the default spelled out.
func normKind(e *Expr) string {
	if e.Name == "" {
		return "2"
	}
	return e.Name
}

// Hash returns a structural hash of e consistent with Equal: Equal(a, b)
// implies Hash(a) == Hash(b). It ignores positions and shapes. It is
// deterministic (64-bit FNV-1a over the node's fields and its operands'
// hashes), so it may order terms reproducibly. Hash(nil) is 0.
//
// The hash is computed once per node and cached in it (atomically, so
// Hash is safe for concurrent use on shared expressions); a node must not
// be changed after it has been hashed (build a new node instead).
func Hash(e *Expr) uint64 {
	if e == nil {
		return 0
	}
	if atomic.LoadPointer(&e.hashOf) == unsafe.Pointer(e) {
		return atomic.LoadUint64(&e.hash)
	}
	h := hashOf(e)
	// The hash first, then the mark that makes it valid.
	atomic.StoreUint64(&e.hash, h)
	atomic.StorePointer(&e.hashOf, unsafe.Pointer(e))
	return h
}

// hashOf computes Hash(e) without caching it in e (e is not nil).
func hashOf(e *Expr) uint64 {
	h := fnvHash(fnvOffset)
	h.byte(byte(e.Op))
	switch e.Op {
	case OpNum:
		h.num(e.Num)
	case OpNorm:
		h.string(normKind(e))
	case OpPartial:
		h.string(e.Name)
		h.num(e.Num)
	default:
		h.string(e.Name)
	}
	h.string(e.Label)
	h.uint(uint64(len(e.Sub)))
	for _, s := range e.Sub {
		h.uint(Hash(s))
	}
	h.uint(uint64(len(e.Args)))
	for _, a := range e.Args {
		h.uint(Hash(a))
	}
	return uint64(h)
}

// fnvHash is a running 64-bit FNV-1a hash.
type fnvHash uint64

const (
	fnvOffset fnvHash = 14695981039346656037
	fnvPrime  fnvHash = 1099511628211
)

func (h *fnvHash) byte(b byte) { *h = (*h ^ fnvHash(b)) * fnvPrime }

func (h *fnvHash) string(s string) {
	for i := 0; i < len(s); i++ {
		h.byte(s[i])
	}
	h.byte(0)
}

// uint hashes the 8 bytes of v, low byte first (unrolled: operand hashes
// and lengths are most of what Hash reads).
func (h *fnvHash) uint(v uint64) {
	const p = uint64(fnvPrime)
	x := uint64(*h)
	x = (x ^ v&0xff) * p
	x = (x ^ v>>8&0xff) * p
	x = (x ^ v>>16&0xff) * p
	x = (x ^ v>>24&0xff) * p
	x = (x ^ v>>32&0xff) * p
	x = (x ^ v>>40&0xff) * p
	x = (x ^ v>>48&0xff) * p
	x = (x ^ v>>56) * p
	*h = fnvHash(x)
}

// num hashes a number by value: −0 as 0, every NaN alike.
func (h *fnvHash) num(v float64) {
	switch {
	case v == 0:
		v = 0
	case math.IsNaN(v):
		v = math.NaN()
	}
	h.uint(math.Float64bits(v))
}
