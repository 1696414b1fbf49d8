package symbolic

import (
	"math"
	"slices"
	"strings"
)

// The rules over sums and products that read their terms as monomials
// (rules_monomial.go): scalar-quotient, common-factor, collect-terms,
// push-transpose.

// ruleScalarQuotient brings a product or quotient to the monomial's
// textbook form.
func ruleScalarQuotient(e *Expr) (*Expr, bool) {
	if (e.Op != OpMul && e.Op != OpDiv) || len(e.Args) != 2 || plainMatrixProduct(e) {
		return nil, false
	}
	return scalarQuotient(e)
}

// plainMatrixProduct reports a product A B, not a scalar, of two factors
// that are neither scalars nor products, quotients or negations: its
// monomial is the chain A B itself (no coefficient, no scalar factor),
// which builds e again, so scalar-quotient leaves it (without reading it;
// TestPlainMatrixProduct holds the two to one answer).
func plainMatrixProduct(e *Expr) bool {
	if e.Op != OpMul || len(e.Args) != 2 || e.Shape.IsScalar() || e.Name != "" || e.Label != "" || len(e.Sub) != 0 {
		return false
	}
	for _, a := range e.Args {
		if a.Shape.IsScalar() || a.Op == OpNeg || a.Op == OpMul || a.Op == OpDiv {
			return false
		}
	}
	return true
}

// scalarQuotient is ruleScalarQuotient for a product or quotient, read as
// a monomial.
func scalarQuotient(e *Expr) (*Expr, bool) {
	m, ok := borrowMonomial(e)
	if !ok {
		return nil, false
	}
	defer returnMonomial(m) // build copies the lists it uses
	m.foldSoftmax()
	if m.buildsItself(e) {
		return nil, false // the rule would give e back
	}
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
	if !a.Shape.Equal(b.Shape) {
		// A scalar broadcast in a sum of vectors (1 − s) is left alone.
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
		if sameUpToIndex(x, b) {
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
		if !sameUpToIndex(a.mats[i], b.mats[i]) {
			return false
		}
	}
	return true
}

// sameUpToIndex is Equal, and also true for two sums that differ only in
// the name of their bound index: Σ_{j=1}^{k} w_j and Σ_{l=1}^{k} w_l are
// like terms (2 Σ_j w_j).
func sameUpToIndex(a, b *Expr) bool {
	if Equal(a, b) {
		return true
	}
	if a.Op != OpSum || b.Op != OpSum || len(a.Args) != 3 || len(b.Args) != 3 || a.Name == b.Name {
		return false
	}
	if !Equal(a.Args[0], b.Args[0]) || !Equal(a.Args[1], b.Args[1]) {
		return false
	}
	captured := false
	Walk(b.Args[2], func(n *Expr) bool {
		if n.Op == OpVar && n.Name == a.Name && n.Label == "" && len(n.Sub) == 0 {
			captured = true
		}
		return !captured
	})
	if captured {
		return false
	}
	renamed := Subst(b.Args[2], func(v *Expr) *Expr {
		if v.Name == b.Name && v.Label == "" && len(v.Sub) == 0 {
			return &Expr{Op: OpVar, Name: a.Name, Shape: v.Shape, Pos: v.Pos}
		}
		return nil
	})
	return Equal(a.Args[2], renamed)
}

// sumTerms flattens a sum or difference into its terms, each with the
// sign it enters with: monomials of the pool (see borrowMonomial), to be
// given back.
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
	m, ok := borrowMonomial(e)
	if !ok {
		// e as one factor of its own.
		m = monomialPool.Get().(*monomial)
		*m = monomial{coef: 1}
		if e.Shape.IsScalar() {
			m.bases, m.exps = append(m.room.bases[:0], e), append(m.room.exps[:0], 1)
		} else {
			m.mats, m.shape = append(m.room.mats[:0], e), e.Shape
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
	var tbuf, gbuf [8]*monomial
	terms, ok := sumTerms(e, 1, tbuf[:0])
	defer func() {
		for _, t := range terms { // build copies the lists it uses
			returnMonomial(t)
		}
	}()
	if !ok {
		return nil, false
	}
	groups := gbuf[:0]
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
	if !out.Shape.Equal(e.Shape) {
		// Only broadcast numbers are left (1 − 2 u + 2 u with a vector
		// u): 𝟙.
		out = broadcast(out, e.Shape)
	}
	return out, out != nil
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
