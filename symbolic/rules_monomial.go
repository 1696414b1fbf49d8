package symbolic

import (
	"math"
	"sync"
)

// monomial is a product read as coef · Π bases[i]^exps[i] · mats[0] mats[1] …:
// a numeric coefficient, scalar factors with their (possibly negative)
// exponents, and the vector and matrix factors in their order. Scalars
// commute with everything, so any product of scalars, quotients by
// scalars and one chain of matrix factors has this form.
type monomial struct {
	// shape is the shape of the expression read (a scalar 1 in a sum of
	// vectors keeps its own, scalar, shape).
	shape Shape
	coef  float64
	bases []*Expr
	exps  []float64
	mats  []*Expr
	// room holds the first factors (bases, exponents, matrices) of a
	// monomial read by monomialOf, in the allocation of the monomial.
	room struct {
		bases [2]*Expr
		exps  [2]float64
		mats  [3]*Expr
	}
}

// maxMonomialFactors bounds the factors a monomial collects (the rules
// skip larger products rather than spend quadratic time on them).
const maxMonomialFactors = 64

// monomialOf reads e as a monomial; false when e has a factor the form
// cannot hold (a vector or matrix under a power or in a denominator).
func monomialOf(e *Expr) (*monomial, bool) {
	m := &monomial{}
	if !m.read(e) {
		return nil, false
	}
	return m, true
}

// read sets m to e read as a monomial (see monomialOf); false when e has
// no such form.
func (m *monomial) read(e *Expr) bool {
	*m = monomial{coef: 1, shape: e.Shape}
	m.bases, m.exps, m.mats = m.room.bases[:0], m.room.exps[:0], m.room.mats[:0]
	return m.collect(e, 1) && len(m.bases)+len(m.mats) <= maxMonomialFactors
}

// monomialPool holds monomials for a reading that ends with its rule
// (borrowMonomial, then returnMonomial): the rule that reads every
// product needs no allocation for it.
var monomialPool = sync.Pool{New: func() any { return new(monomial) }}

// borrowMonomial is monomialOf with a monomial of the pool: give it back
// with returnMonomial (nothing may keep it or its lists).
func borrowMonomial(e *Expr) (*monomial, bool) {
	m := monomialPool.Get().(*monomial)
	if !m.read(e) {
		returnMonomial(m)
		return nil, false
	}
	return m, true
}

// returnMonomial gives m back to the pool (its lists, if they outgrew
// its room, go to the collector).
func returnMonomial(m *monomial) {
	*m = monomial{}
	monomialPool.Put(m)
}

func isInteger(x float64) bool { return x == math.Trunc(x) && !math.IsInf(x, 0) }

// collect multiplies the monomial by e^k.
func (m *monomial) collect(e *Expr, k float64) bool {
	if len(m.bases)+len(m.mats) > maxMonomialFactors {
		return false
	}
	scalar := e.Shape.IsScalar()
	switch {
	case e.Op == OpNum && e.Name == "" && scalar:
		if e.Num == 0 && k < 0 {
			return false
		}
		m.coef *= math.Pow(e.Num, k)
		return true
	case e.Op == OpNeg && len(e.Args) == 1 && isInteger(k):
		if math.Mod(k, 2) != 0 {
			m.coef = -m.coef
		}
		return m.collect(e.Args[0], k)
	case e.Op == OpMul && len(e.Args) == 2 && (!scalar || e.Args[0].Shape.IsScalar() || e.Args[1].Shape.IsScalar()):
		// A product of scalars, or a matrix product (not an inner
		// product xᵀy, which is a scalar factor of its own).
		if !scalar && k != 1 {
			return false
		}
		return m.collect(e.Args[0], k) && m.collect(e.Args[1], k)
	case e.Op == OpDiv && len(e.Args) == 2 && e.Args[1].Shape.IsScalar():
		if !scalar && k != 1 {
			return false
		}
		return m.collect(e.Args[0], k) && m.collect(e.Args[1], -k)
	case e.Op == OpPow && len(e.Args) == 2 && scalar && isPlainNum(e.Args[1]):
		p := e.Args[1].Num
		if isInteger(p) && isInteger(k) && isProduct(e.Args[0]) {
			return m.collect(e.Args[0], k*p)
		}
		m.addBase(e.Args[0], k*p)
		return true
	case scalar:
		m.addBase(e, k)
		return true
	case k == 1:
		m.mats = append(m.mats, e)
		return true
	}
	return false
}

// isPlainNum reports a number literal written as digits (not π).
func isPlainNum(e *Expr) bool { return e.Op == OpNum && e.Name == "" }

// isProduct reports a scalar product, quotient or negation, whose integer
// power distributes over its factors.
func isProduct(e *Expr) bool {
	return e.Op == OpMul || e.Op == OpDiv || e.Op == OpNeg || isPlainNum(e)
}

// addBase multiplies by b^k, merging with an equal base.
func (m *monomial) addBase(b *Expr, k float64) {
	for i, x := range m.bases {
		if Equal(x, b) {
			m.exps[i] += k
			return
		}
	}
	m.bases = append(m.bases, b)
	m.exps = append(m.exps, k)
}

// rational writes x as p/q with a small denominator q, when it is one.
func rational(x float64) (p, q float64, ok bool) {
	if x == 0 {
		return 0, 1, true
	}
	for q := 1.0; q <= 64; q++ {
		p := math.Round(x * q)
		if p != 0 && math.Abs(p-x*q) <= 1e-12*math.Abs(p) {
			return p, q, true
		}
	}
	return 0, 0, false
}

// foldSoftmax absorbs sum(exp(z)) in the denominator into numerator
// factors exp(z), exp(z)ᵀ and diag(exp(z)), which become softmax(z),
// softmax(z)ᵀ and diag(softmax(z)).
func (m *monomial) foldSoftmax() {
	for i, b := range m.bases {
		if m.exps[i] >= 0 || b.Op != OpCall || b.Name != "sum" || len(b.Args) != 1 || len(b.Sub) != 0 {
			continue
		}
		ex := b.Args[0]
		if ex.Op != OpCall || ex.Name != "exp" || len(ex.Args) != 1 || !ex.Shape.IsVector() {
			continue
		}
		sm := &Expr{Op: OpCall, Name: "softmax", Args: ex.Args, Shape: ex.Shape, Pos: NoPos}
		for j, f := range m.mats {
			if m.exps[i] >= 0 {
				break
			}
			switch {
			case Equal(f, ex):
				m.mats[j] = sm
			case f.Op == OpT && len(f.Args) == 1 && Equal(f.Args[0], ex):
				m.mats[j] = raw(OpT, sm)
			case diagVector(f) != nil && Equal(diagVector(f), ex):
				m.mats[j] = &Expr{Op: OpCall, Name: "diag", Args: []*Expr{sm}, Shape: f.Shape, Pos: NoPos}
			default:
				continue
			}
			m.exps[i]++
		}
	}
}

// build writes the monomial in textbook form: a numeric coefficient, the
// scalar factors and the matrix chain over one denominator, the quotient
// taken on the last factor (x xᵀ/‖x‖³, 2 Xᵀ (X w − y)/m, n/σ). shape is
// the product's shape, for a monomial that is only a number.
func (m *monomial) build(shape Shape) *Expr {
	p, q, ok := rational(m.coef)
	if !ok {
		p, q = m.coef, 1
	}
	var num, den []*Expr
	if math.Abs(p) == 1 && q == 2 && !m.hasDenominator() {
		// ½ (A + Aᵀ), as answer keys write it, not (A + Aᵀ)/2.
		p, q = math.Copysign(0.5, p), 1
	}
	switch {
	case q != 1 && !m.hasDenominator():
		// 2/3 λ w: a fraction coefficient leads, as the
		// constructors write it.
		num = append(num, raw(OpDiv, Number(math.Abs(p)), Number(q)))
		p = math.Copysign(2, p) // the sign only
	case q != 1:
		if math.Abs(p) != 1 {
			num = append(num, Number(math.Abs(p)))
		}
		den = append(den, Number(q))
	case math.Abs(p) != 1:
		num = append(num, Number(math.Abs(p)))
	}
	for i, b := range m.bases {
		switch k := m.exps[i]; {
		case k > 0:
			num = append(num, power(b, k))
		case k < 0:
			den = append(den, power(b, -k))
		}
	}
	num = append(num, m.mats...)
	if len(num) > 1 && isInner(num[0]) {
		// An inner product heads no chain: xᵀ x xᵀ would read as a
		// product of three; x (xᵀ x) is one.
		num[0], num[1] = num[1], num[0]
	}
	var out *Expr
	switch {
	case len(num) == 0 && len(den) == 0:
		out = &Expr{Op: OpNum, Num: 1, Shape: shape, Pos: NoPos}
		if !shape.IsScalar() {
			return nil
		}
	case len(den) == 0:
		out = chainRaw(num)
	default:
		if len(num) == 0 {
			num = []*Expr{Number(1)}
		}
		last := raw(OpDiv, num[len(num)-1], chainRaw(den))
		if len(num) == 1 {
			out = last
		} else {
			out = raw(OpMul, chainRaw(num[:len(num)-1]), last)
		}
	}
	if p < 0 {
		if math.Abs(p) != 1 {
			// −2 a: the sign goes on the coefficient, as the
			// constructors write it.
			return negateHead(out)
		}
		return raw(OpNeg, out)
	}
	return out
}

// buildsItself reports, for the common monomials of a product already in
// normal form (no scalar bases, a coefficient 1, ½ or a positive integer,
// matrix factors), that build would give e back: e is the left-associated
// product of the coefficient (unless 1) and the matrix factors, the very
// nodes. It is a shortcut that saves building and comparing a copy; false
// means only "build and compare".
func (m *monomial) buildsItself(e *Expr) bool {
	if len(m.bases) > 0 || len(m.mats) == 0 || !(m.coef == 1 || m.coef == 0.5 || m.coef > 1 && isInteger(m.coef)) {
		return false
	}
	n := e
	for i := len(m.mats) - 1; i >= 0; i-- {
		if i == 0 && m.coef == 1 {
			return n == m.mats[0]
		}
		if n.Op != OpMul || len(n.Args) != 2 || len(n.Sub) != 0 || n.Name != "" || n.Label != "" || n.Args[1] != m.mats[i] {
			return false
		}
		n = n.Args[0]
	}
	return n.Op == OpNum && n.Num == m.coef && n.Name == "" && n.Label == "" && len(n.Sub) == 0 && len(n.Args) == 0
}

// isInner reports a scalar product of vectors or matrices (xᵀ y).
func isInner(e *Expr) bool {
	return e.Op == OpMul && len(e.Args) == 2 && e.Shape.IsScalar() && !e.Args[0].Shape.IsScalar()
}

// hasDenominator reports a scalar factor with a negative exponent.
func (m *monomial) hasDenominator() bool {
	for _, k := range m.exps {
		if k < 0 {
			return true
		}
	}
	return false
}

// negateHead negates the leading number of a product (built by build).
func negateHead(e *Expr) *Expr {
	if e.Op == OpNum {
		return &Expr{Op: OpNum, Num: -e.Num, Shape: e.Shape, Pos: NoPos}
	}
	if (e.Op == OpMul || e.Op == OpDiv) && len(e.Args) == 2 {
		return raw(e.Op, negateHead(e.Args[0]), e.Args[1])
	}
	return raw(OpNeg, e)
}

// power is b^k (b when k is 1).
func power(b *Expr, k float64) *Expr {
	if k == 1 {
		return b
	}
	return raw(OpPow, b, Number(k))
}

// chainRaw multiplies factors left to right without rewriting.
func chainRaw(fs []*Expr) *Expr {
	out := fs[0]
	for _, f := range fs[1:] {
		out = raw(OpMul, out, f)
	}
	return out
}
