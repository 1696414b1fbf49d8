package symbolic

import "math"

// Equal reports whether a and b are the same expression: the same ops,
// names, labels, subscripts and arguments, numbers equal by value (a number
// written as π equals the value π; NaN equals NaN, −0 equals 0). Positions
// and shapes are ignored. A norm with an empty Name is the Euclidean norm
// "2". Two nil expressions are equal.
func Equal(a, b *Expr) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
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
	for i := range a.Sub {
		if !Equal(a.Sub[i], b.Sub[i]) {
			return false
		}
	}
	for i := range a.Args {
		if !Equal(a.Args[i], b.Args[i]) {
			return false
		}
	}
	return true
}

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
// deterministic (64-bit FNV-1a over a canonical encoding), so it may order
// terms reproducibly. Hash(nil) is 0.
func Hash(e *Expr) uint64 {
	if e == nil {
		return 0
	}
	h := fnvHash(fnvOffset)
	h.expr(e)
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

func (h *fnvHash) uint(v uint64) {
	for i := 0; i < 8; i++ {
		h.byte(byte(v >> (8 * i)))
	}
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

func (h *fnvHash) expr(e *Expr) {
	if e == nil {
		h.byte(0xff)
		return
	}
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
		h.expr(s)
	}
	h.uint(uint64(len(e.Args)))
	for _, a := range e.Args {
		h.expr(a)
	}
}
