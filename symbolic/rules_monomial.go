package symbolic

import (
	"math"
	"slices"
	"strings"
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
}

// maxMonomialFactors bounds the factors a monomial collects (the rules
// skip larger products rather than spend quadratic time on them).
const maxMonomialFactors = 64

// monomialOf reads e as a monomial; false when e has a factor the form
// cannot hold (a vector or matrix under a power or in a denominator).
func monomialOf(e *Expr) (*monomial, bool) {
	m := &monomial{coef: 1, shape: e.Shape}
	if !m.collect(e, 1) || len(m.bases)+len(m.mats) > maxMonomialFactors {
		return nil, false
	}
	return m, true
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

// ruleScalarQuotient brings a product or quotient to the monomial's
// textbook form.
func ruleScalarQuotient(e *Expr) (*Expr, bool) {
	if (e.Op != OpMul && e.Op != OpDiv) || len(e.Args) != 2 {
		return nil, false
	}
	m, ok := monomialOf(e)
	if !ok {
		return nil, false
	}
	m.foldSoftmax()
	out := m.build(e.Shape)
	return out, out != nil
}

// ruleCommonFactor pulls what two terms of a sum share out of it: the
// same fractional coefficient (½ A + ½ Aᵀ → ½ (A + Aᵀ)), common scalar
// factors (σ a + σ b → σ (a + b)) and the same whole denominator
// (a/s + b/s → (a + b)/s).
func ruleCommonFactor(e *Expr) (*Expr, bool) {
	if (e.Op != OpAdd && e.Op != OpSub) || len(e.Args) != 2 {
		return nil, false
	}
	a, b := e.Args[0], e.Args[1]
	if !sameShapes(a.Shape, b.Shape) {
		return nil, false
	}
	ma, okA := monomialOf(a)
	mb, okB := monomialOf(b)
	if !okA || !okB {
		return nil, false
	}
	common := &monomial{coef: 1}
	op := e.Op
	switch {
	case ma.coef == mb.coef && !isInteger(ma.coef):
		// ½ A + ½ Aᵀ → ½ (A + Aᵀ); integers stay with their terms
		// (2 Xᵀ r + 2 λ w), as textbooks write them.
		common.coef = ma.coef
		ma.coef, mb.coef = 1, 1
	case ma.coef == -mb.coef && !isInteger(ma.coef):
		// −½ a − ½ b → −½ (a + b)
		common.coef = ma.coef
		ma.coef, mb.coef = 1, 1
		op = OpAdd + OpSub - op
	}
	sameDen := sameDenominator(ma, mb)
	for i, x := range ma.bases {
		ka := ma.exps[i]
		j := mb.find(x)
		if j < 0 {
			continue
		}
		kb := mb.exps[j]
		var k float64
		switch {
		case ka > 0 && kb > 0 && !e.Shape.IsScalar():
			// σ a + σ b → σ (a + b); sums of scalars are not
			// factored (x² a + x b stays, not x (x a + b)).
			k = math.Min(ka, kb)
		case ka < 0 && kb < 0 && sameDen:
			k = ka
		default:
			continue
		}
		common.addBase(x, k)
		ma.exps[i] -= k
		mb.exps[j] -= k
	}
	// A matrix factor that ends (or starts) both terms: A x + B x →
	// (A + B) x, x A + x B → x (A + B).
	var left, right *Expr
	na, nb := len(ma.mats), len(mb.mats)
	switch {
	case na >= 2 && nb >= 2 && Equal(ma.mats[na-1], mb.mats[nb-1]):
		right = ma.mats[na-1]
		ma.mats, mb.mats = ma.mats[:na-1], mb.mats[:nb-1]
	case na >= 2 && nb >= 2 && Equal(ma.mats[0], mb.mats[0]):
		left = ma.mats[0]
		ma.mats, mb.mats = ma.mats[1:], mb.mats[1:]
	}
	if common.coef == 1 && len(common.bases) == 0 && left == nil && right == nil {
		return nil, false
	}
	ra, rb := ma.build(chainShape(ma.mats)), mb.build(chainShape(mb.mats))
	if ra == nil || rb == nil || !ra.Shape.Equal(rb.Shape) {
		return nil, false
	}
	common.mats = []*Expr{raw(op, ra, rb)}
	if left != nil {
		common.mats = []*Expr{left, common.mats[0]}
	}
	if right != nil {
		common.mats = append(common.mats, right)
	}
	out := common.build(e.Shape)
	if out == nil || !out.Shape.Equal(e.Shape) {
		return nil, false
	}
	return out, true
}

// chainShape is the shape of the product of fs: a scalar when fs is
// empty.
func chainShape(fs []*Expr) Shape {
	if len(fs) == 0 {
		return nil
	}
	return chainRaw(fs).Shape
}

// find is the index of base b in m, or -1.
func (m *monomial) find(b *Expr) int {
	for i, x := range m.bases {
		if Equal(x, b) {
			return i
		}
	}
	return -1
}

// sameDenominator reports whether two monomials have the same
// denominator (the same bases with the same negative exponents).
func sameDenominator(a, b *monomial) bool {
	count := 0
	for i, x := range a.bases {
		if a.exps[i] >= 0 {
			continue
		}
		count++
		j := b.find(x)
		if j < 0 || b.exps[j] != a.exps[i] {
			return false
		}
	}
	for _, k := range b.exps {
		if k < 0 {
			count--
		}
	}
	return count == 0
}

// sameShapes reports equal shapes (scalars broadcast in sums, which this
// rule leaves alone).
func sameShapes(a, b Shape) bool { return a.Equal(b) }

// sameBody reports whether two monomials differ at most in their
// coefficient.
func sameBody(a, b *monomial) bool {
	if len(a.bases) != len(b.bases) || len(a.mats) != len(b.mats) {
		return false
	}
	for i, x := range a.bases {
		j := b.find(x)
		if j < 0 || b.exps[j] != a.exps[i] {
			return false
		}
	}
	for i := range a.mats {
		if !Equal(a.mats[i], b.mats[i]) {
			return false
		}
	}
	return true
}

// sumTerms flattens a sum or difference into its terms, each with the
// sign it enters with.
func sumTerms(e *Expr, sign float64, out []*monomial) ([]*monomial, bool) {
	switch {
	case (e.Op == OpAdd || e.Op == OpSub) && len(e.Args) == 2:
		out, ok := sumTerms(e.Args[0], sign, out)
		if !ok {
			return nil, false
		}
		if e.Op == OpSub {
			sign = -sign
		}
		return sumTerms(e.Args[1], sign, out)
	case e.Op == OpNeg && len(e.Args) == 1:
		return sumTerms(e.Args[0], -sign, out)
	}
	m, ok := monomialOf(e)
	if !ok {
		m = &monomial{coef: 1, mats: []*Expr{e}, shape: e.Shape}
		if e.Shape.IsScalar() {
			m = &monomial{coef: 1, bases: []*Expr{e}, exps: []float64{1}}
		}
	}
	m.coef *= sign
	return append(out, m), len(out) < maxMonomialFactors
}

// ruleCollectTerms adds up terms of a sum that differ only in their
// numeric coefficient: 6 x xᵀ + 3 ‖x‖² I − 3 x xᵀ → 3 x xᵀ + 3 ‖x‖² I.
func ruleCollectTerms(e *Expr) (*Expr, bool) {
	if (e.Op != OpAdd && e.Op != OpSub) || len(e.Args) != 2 {
		return nil, false
	}
	terms, ok := sumTerms(e, 1, nil)
	if !ok {
		return nil, false
	}
	var groups []*monomial
	for _, t := range terms {
		merged := false
		for _, g := range groups {
			if sameBody(g, t) {
				g.coef += t.coef
				merged = true
				break
			}
		}
		if !merged {
			groups = append(groups, t)
		}
	}
	if len(groups) == len(terms) {
		return nil, false
	}
	var out *Expr
	for _, g := range byDenominator(groups) {
		if g.coef == 0 {
			continue
		}
		sub := out != nil && g.coef < 0
		if sub {
			g.coef = -g.coef
		}
		t := g.build(g.shape)
		if t == nil {
			return nil, false
		}
		switch {
		case out == nil:
			out = t
		case sub:
			out = raw(OpSub, out, t)
		default:
			out = raw(OpAdd, out, t)
		}
	}
	if out == nil {
		return Zero(e.Shape), true
	}
	return out, out.Shape.Equal(e.Shape)
}

// transposed is the monomial of the transpose: matrix factors reversed,
// each transposed.
func (m *monomial) transposed() *monomial {
	t := &monomial{shape: m.shape.T(), coef: m.coef, bases: m.bases, exps: m.exps}
	for i := len(m.mats) - 1; i >= 0; i-- {
		t.mats = append(t.mats, transposeOf(m.mats[i]))
	}
	return t
}

// rulePushTranspose writes the transpose of a sum of rows as the sum of
// the columns: (xᵀ Aᵀ/s − xᵀ t)ᵀ → A x/s − x t, so that its terms can meet
// like terms outside.
func rulePushTranspose(e *Expr) (*Expr, bool) {
	if e.Op != OpT || len(e.Args) != 1 || !e.Shape.IsVector() {
		return nil, false
	}
	s := e.Args[0]
	if (s.Op != OpAdd && s.Op != OpSub) || len(s.Args) != 2 || !s.Args[0].Shape.IsRow() || !s.Args[1].Shape.IsRow() {
		return nil, false
	}
	var out [2]*Expr
	for i, a := range s.Args {
		m, ok := monomialOf(a)
		if !ok {
			return nil, false
		}
		out[i] = m.transposed().build(e.Shape)
		if out[i] == nil || !out[i].Shape.Equal(e.Shape) {
			return nil, false
		}
	}
	return raw(s.Op, out[0], out[1]), true
}

// denKey names a monomial's denominator, to group terms over one.
func (m *monomial) denKey() string {
	var parts []string
	for i, b := range m.bases {
		if m.exps[i] < 0 {
			parts = append(parts, Print(b, Text)+"^"+shortestNum(-m.exps[i]))
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, "·")
}

// byDenominator orders terms so that those over the same denominator are
// adjacent, in the order their denominators first appear.
func byDenominator(ms []*monomial) []*monomial {
	var keys []string
	groups := map[string][]*monomial{}
	for _, m := range ms {
		k := m.denKey()
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], m)
	}
	out := make([]*monomial, 0, len(ms))
	for _, k := range keys {
		out = append(out, groups[k]...)
	}
	return out
}
