package symbolic

import (
	"math"
	"slices"
)

// Mul returns the product a b: a matrix product when both sides are vectors
// or matrices, scaling when one side is a scalar. The result is written as
// one left-associated chain: the numeric coefficient first, then the other
// scalar factors in their order, then the matrix factors in their order
// (so (J ᵀ (W2ᵀ r)) xᵀ is J ᵀ W2ᵀ r xᵀ), with negation hoisted in front,
// identity factors and 1 dropped, 0 absorbing, and a scalar times its
// reciprocal cancelled. An inner product xᵀy stays one scalar factor.
func Mul(a, b *Expr) *Expr {
	fs, sign := mulFactors(make([]*Expr, 0, 4), a, 1)
	fs, sign = mulFactors(fs, b, sign)
	return mulList(fs, sign, builtShape(OpMul, []*Expr{a, b}))
}

// scalarProduct returns the product of the scalars xs, built at once (one
// merge of all their factors) rather than by a fold of Mul.
func scalarProduct(xs []*Expr) *Expr {
	var fs []*Expr
	sign := 1.0
	for _, x := range xs {
		fs, sign = mulFactors(fs, x, sign)
	}
	return mulList(fs, sign, nil)
}

// scalarLen counts the factors of a product of scalars (as scalarLeaves
// lists them), up to limit+1.
func scalarLen(e *Expr, limit int) int {
	switch {
	case e.Op == OpNeg:
		return scalarLen(e.Args[0], limit)
	case e.Op == OpMul && e.Args[0].Shape.IsScalar() && e.Args[1].Shape.IsScalar() && !sameExpr(e.Args[0], e.Args[1]):
		n := scalarLen(e.Args[0], limit)
		if n > limit {
			return n
		}
		return n + scalarLen(e.Args[1], limit-n)
	}
	return 1
}

// scalarLeaves lists the factors of a product of scalars, descending
// through scalar products and negation, up to limit of them (ok false when
// there are more); neg counts the negations passed.
func scalarLeaves(e *Expr, limit int) (leaves []*Expr, neg int, ok bool) {
	var walk func(e *Expr) bool
	walk = func(e *Expr) bool {
		switch {
		case e.Op == OpNeg:
			neg++
			return walk(e.Args[0])
		case e.Op == OpMul && e.Args[0].Shape.IsScalar() && e.Args[1].Shape.IsScalar() && !sameExpr(e.Args[0], e.Args[1]):
			// (z z is one leaf: mulFactors squares it.)
			return walk(e.Args[0]) && walk(e.Args[1])
		}
		if len(leaves) >= limit {
			return false
		}
		leaves = append(leaves, e)
		return true
	}
	ok = walk(e)
	return leaves, neg, ok
}

// mulList is Mul of the factors fs (with their sign) into a result of
// the given shape.
func mulList(fs []*Expr, sign float64, shape Shape) *Expr {
	coef, den := sign, 1.0
	// scalars and mats share one buffer (on the stack for up to 8
	// factors), each with room for its factors of fs.
	ns := 0
	for _, f := range fs {
		if f.Shape.IsScalar() {
			ns++
		}
	}
	var room [8]*Expr // on the stack, for the short products of most calls
	buf := room[:]
	if len(fs) > len(room) {
		buf = make([]*Expr, len(fs))
	}
	scalars, mats := buf[:0:ns], buf[ns:ns:len(fs)]
	for _, f := range fs {
		if f.Shape.IsScalar() {
			if v, ok := numValue(f); ok {
				coef *= v
				continue
			}
			if q, ok := numValue(divisor(f)); ok && q != 0 {
				// (p/q) folds q into the coefficient: 2 (λ/2) w is λ w.
				den *= q
				if v, ok := numValue(f.Args[0]); ok {
					coef *= v
					continue
				}
				f = f.Args[0]
			}
			scalars = append(scalars, f)
			continue
		}
		if v, ok := numValue(f); ok && v == 0 {
			return Zero(shape)
		}
		mats = append(mats, f)
	}
	if coef == 0 {
		return Zero(shape)
	}
	scalars = mergePowers(cancelReciprocals(scalars))
	mats = mergeMatPowers(dropIdentities(mergeDiags(cancelInverses(mats))))
	var outRoom [8]*Expr
	out := outRoom[:0]
	if n := 1 + len(scalars) + len(mats); n > len(outRoom) {
		out = make([]*Expr, 0, n)
	}
	if lead := coefficient(abs(coef), den); lead != nil {
		out = append(out, lead)
	} else if len(scalars) == 0 && len(mats) == 0 {
		out = append(out, Number(1))
	}
	out = append(out, scalars...)
	out = append(out, mats...)
	if len(mats) == 0 {
		if q := leadQuotient(out); q != nil {
			if coef < 0 {
				return Neg(q)
			}
			return q
		}
	}
	e := chain(out)
	if len(out) == 2 && out[0].Op == OpDiv && isNumber(out[0].Args[0], 1) && out[1].Op != OpMul {
		// (1/s) v reads v/s.
		e = raw(OpDiv, out[1], out[0].Args[1])
	}
	if coef < 0 {
		return Neg(e)
	}
	return e
}

// divisor returns q when f is a scalar quotient p/q, else nil.
func divisor(f *Expr) *Expr {
	if f.Op == OpDiv && f.Shape.IsScalar() {
		return f.Args[1]
	}
	return nil
}

// coefficient writes the leading factor c/den of a product: nil when it
// is 1, a number when it is an integer, ½ or a short decimal, else the fraction p/q with
// the least q ≤ maxDenominator (2/3 rather than 0.666…), else a number.
func coefficient(c, den float64) *Expr {
	v := c / den
	if v == 1 {
		return nil
	}
	if v == math.Trunc(v) || v == 0.5 || v*1000 == math.Trunc(v*1000) {
		return Number(v)
	}
	for q := 2.0; q <= maxDenominator; q++ {
		if p := math.Round(v * q); math.Abs(v*q-p) <= 1e-9*math.Abs(p) {
			return raw(OpDiv, Number(p), Number(q))
		}
	}
	return Number(v)
}

// maxDenominator bounds the denominators that coefficient writes as a
// fraction.
const maxDenominator = 12

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// mulFactors appends the factors of e to fs and folds its negations into
// sign. A product is flattened when it is a matrix product or a product of
// scalars; an inner product (a scalar made of non-scalar factors) is one
// factor.
func mulFactors(fs []*Expr, e *Expr, sign float64) ([]*Expr, float64) {
	return mulFactorsIn(fs, e, sign, false)
}

// maxFlatFactors bounds the factors of a product of scalars flattened as a
// tree; past it, the product is flattened as the DAG it is (sharedFactors).
const maxFlatFactors = 256

// mulFactorsIn is mulFactors; inScalar says e is under a product of
// scalars whose length has been checked.
func mulFactorsIn(fs []*Expr, e *Expr, sign float64, inScalar bool) ([]*Expr, float64) {
	switch e.Op {
	case OpNeg:
		return mulFactorsIn(fs, e.Args[0], -sign, inScalar)
	case OpMul:
		a, b := e.Args[0], e.Args[1]
		scalars := a.Shape.IsScalar() && b.Shape.IsScalar()
		if scalars && !inScalar && scalarLen(e, maxFlatFactors) > maxFlatFactors {
			return sharedFactors(fs, e, sign)
		}
		if scalars && (a == b || sameExpr(a, b)) {
			// A shared operand (z z): its factors squared, not flattened
			// twice (z₃₀ = z₂₉ z₂₉ would have 2³⁰ factors).
			sq, _ := mulFactorsIn(nil, a, 1, false)
			for _, f := range sq {
				fs = append(fs, squared(f))
			}
			return fs, sign
		}
		if !e.Shape.IsScalar() || scalars {
			fs, sign = mulFactorsIn(fs, a, sign, scalars)
			return mulFactorsIn(fs, b, sign, scalars)
		}
	case OpDiv:
		if !e.Shape.IsScalar() && !isNumber(e.Args[0], 1) {
			// A/s is the product of A and 1/s.
			fs, sign = mulFactors(fs, e.Args[0], sign)
			if _, ok := numValue(e.Args[1]); ok {
				// Kept as a fraction, for Mul to fold into its coefficient.
				return append(fs, raw(OpDiv, Number(1), e.Args[1])), sign
			}
			return append(fs, reciprocal(e.Args[1])), sign
		}
	case OpNum:
		if e.Num < 0 {
			return append(fs, &Expr{Op: OpNum, Num: -e.Num, Shape: e.Shape, Pos: NoPos}), -sign
		}
	}
	return append(fs, e), sign
}

// reciprocal is Div(1, s), called through a variable: a direct call would
// put mulFactorsIn in one recursive cycle with Mul and Div, where escape
// analysis, merging the flows of all the cycle's calls, moves the factor
// buffer of every Mul to the heap.
var reciprocal func(s *Expr) *Expr

// powOf is Pow and diagHad diag(u ⊙ v), called through variables for the
// same reason: mergePowers and mergeDiags then leave the cycle, and the
// factor lists of mulList stay on its stack.
var (
	powOf   func(b, k *Expr) *Expr
	diagHad func(u, v *Expr) *Expr
)

func init() {
	reciprocal = func(s *Expr) *Expr { return Div(Number(1), s) }
	powOf = Pow
	diagHad = func(u, v *Expr) *Expr { return Call("diag", Had(u, v)) }
}

// sharedFactors appends the factors of the product of scalars root when
// its tree is too long to flatten (a DAG whose factors are shared, as
// z_k = z_{k−1} z_{k−2}, has exponentially many): each distinct factor
// once, raised to the number of paths from root that reach it (computed
// parents first, as reverse mode accumulates adjoints), with the signs of
// negations and negative numbers folded into sign. Linear in the distinct
// nodes of the product.
func sharedFactors(fs []*Expr, root *Expr, sign float64) ([]*Expr, float64) {
	isProd := func(e *Expr) bool {
		return e.Op == OpNeg || e.Op == OpMul && e.Args[0].Shape.IsScalar() && e.Args[1].Shape.IsScalar()
	}
	var post, leaves []*Expr
	seen := map[*Expr]bool{}
	var visit func(e *Expr)
	visit = func(e *Expr) {
		if seen[e] {
			return
		}
		seen[e] = true
		Stats.visit(1)
		if !isProd(e) {
			leaves = append(leaves, e)
			return
		}
		for _, a := range e.Args {
			visit(a)
		}
		post = append(post, e)
	}
	visit(root)
	odd := func(m float64) bool { return math.Mod(m, 2) == 1 }
	mult := map[*Expr]float64{root: 1}
	for i := len(post) - 1; i >= 0; i-- {
		n := post[i]
		m := mult[n]
		if n.Op == OpNeg && odd(m) {
			sign = -sign
		}
		for _, a := range n.Args {
			mult[a] += m
		}
	}
	for _, l := range leaves {
		m := mult[l]
		switch v, ok := numValue(l); {
		case ok:
			if v < 0 {
				v = -v
				if odd(m) {
					sign = -sign
				}
			}
			fs = append(fs, Pow(Number(v), Number(m)))
		case m == 1:
			fs = append(fs, l)
		case l.Op == OpPow && isNumeric2(l.Args[1]):
			k, _ := numValue(l.Args[1])
			fs = append(fs, Pow(l.Args[0], Number(k*m)))
		default:
			fs = append(fs, Pow(l, Number(m)))
		}
	}
	return fs, sign
}

// isNumeric2 reports whether e is a literal.
func isNumeric2(e *Expr) bool {
	_, ok := numValue(e)
	return ok
}

// squared is f² for a scalar factor f: (x^k)² is x^(2k).
func squared(f *Expr) *Expr {
	if f.Op == OpPow {
		if k, ok := numValue(f.Args[1]); ok {
			return Pow(f.Args[0], Number(2*k))
		}
	}
	return Pow(f, Number(2))
}

// chain multiplies factors left to right without rewriting (1 for none).
func chain(fs []*Expr) *Expr {
	if len(fs) == 0 {
		return Number(1)
	}
	e := fs[0]
	for _, f := range fs[1:] {
		e = raw(OpMul, e, f)
	}
	return e
}

// cancelReciprocals removes pairs s and 1/s from a list of scalar factors.
func cancelReciprocals(fs []*Expr) []*Expr {
	if len(fs) > maxPairwise {
		return cancelReciprocalsLong(fs)
	}
	for i := 0; i < len(fs); i++ {
		f := fs[i]
		if f.Op != OpDiv || !isNumber(f.Args[0], 1) {
			continue
		}
		for j := range fs {
			if j != i && sameExpr(fs[j], f.Args[1]) {
				lo, hi := min(i, j), max(i, j)
				out := append([]*Expr{}, fs[:lo]...)
				out = append(out, fs[lo+1:hi]...)
				out = append(out, fs[hi+1:]...)
				return cancelReciprocals(out)
			}
		}
	}
	return fs
}

// cancelReciprocalsLong is cancelReciprocals for long lists, through a
// hash index: each reciprocal 1/s cancels one factor s (the earliest left).
func cancelReciprocalsLong(fs []*Expr) []*Expr {
	at := map[uint64][]int{}
	for j, f := range fs {
		at[Hash(f)] = append(at[Hash(f)], j)
	}
	gone := make([]bool, len(fs))
	n := 0
	for i, f := range fs {
		if gone[i] || f.Op != OpDiv || !isNumber(f.Args[0], 1) {
			continue
		}
		for _, j := range at[Hash(f.Args[1])] {
			if j != i && !gone[j] && sameExpr(fs[j], f.Args[1]) {
				gone[i], gone[j] = true, true
				n += 2
				break
			}
		}
	}
	if n == 0 {
		return fs
	}
	out := make([]*Expr, 0, len(fs)-n)
	for i, f := range fs {
		if !gone[i] {
			out = append(out, f)
		}
	}
	return out
}

// dropIdentities removes identity matrices next to another matrix factor.
func dropIdentities(fs []*Expr) []*Expr {
	if len(fs) < 2 || !slices.ContainsFunc(fs, func(f *Expr) bool { return f.Op == OpEye || isNumber(f, 1) }) {
		return fs // nothing to drop: no copy
	}
	var out []*Expr
	for _, f := range fs {
		if f.Op != OpEye {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return fs[:1]
	}
	return slices.DeleteFunc(out, func(f *Expr) bool { return isNumber(f, 1) })
}

// mergePowers collects repeated scalar factors into powers: x x is x²,
// x² x is x³.
func mergePowers(fs []*Expr) []*Expr {
	base := func(f *Expr) (*Expr, float64) {
		if f.Op == OpPow {
			if k, ok := numValue(f.Args[1]); ok {
				return f.Args[0], k
			}
		}
		return f, 1
	}
	var out []*Expr
	var exps []float64
	// Bases by hash, so that a long product costs one lookup per factor.
	var idx map[uint64][]int
	if len(fs) > maxPairwise {
		idx = map[uint64][]int{}
	}
	for _, f := range fs {
		b, k := base(f)
		merged := false
		cands := idx[Hash(b)]
		if idx == nil {
			cands = nil
			for i := range out {
				cands = append(cands, i)
			}
		}
		for _, i := range cands {
			if ob, _ := base(out[i]); sameExpr(ob, b) {
				exps[i] += k
				out[i] = powOf(b, Number(exps[i]))
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, f)
			exps = append(exps, k)
			if idx != nil {
				idx[Hash(b)] = append(idx[Hash(b)], len(out)-1)
			}
		}
	}
	return slices.DeleteFunc(out, func(f *Expr) bool { return isNumber(f, 1) })
}

// cancelInverses removes adjacent pairs X X⁻¹, X⁻¹ X, Xᵀ X⁻ᵀ and X⁻ᵀ Xᵀ
// from a list of matrix factors, leaving I when nothing else is left.
func cancelInverses(fs []*Expr) []*Expr {
	inverse := func(a, b *Expr) bool {
		if b.Op == OpInv && sameExpr(b.Args[0], a) {
			return true
		}
		return a.Op == OpT && b.Op == OpT && b.Args[0].Op == OpInv && sameExpr(b.Args[0].Args[0], a.Args[0])
	}
	for i := 0; i+1 < len(fs); i++ {
		a, b := fs[i], fs[i+1]
		if inverse(a, b) || inverse(b, a) {
			out := append(append([]*Expr{}, fs[:i]...), fs[i+2:]...)
			if len(out) == 0 {
				return []*Expr{Eye(a.Shape.Rows())}
			}
			return cancelInverses(out)
		}
	}
	return fs
}

// leadQuotient is quotient, with a numeric fraction in front kept there:
// 2/3 λ/s rather than 2 λ/(3 s).
func leadQuotient(fs []*Expr) *Expr {
	if len(fs) > 1 && fs[0].Op == OpDiv && isNumeric(fs[0]) {
		if q := quotient(fs[1:]); q != nil {
			return raw(OpMul, fs[0], q)
		}
		return chain(fs)
	}
	return quotient(fs)
}

// isNumeric reports whether e is a fraction of two literals.
func isNumeric(e *Expr) bool {
	_, p := numValue(e.Args[0])
	_, q := numValue(e.Args[1])
	return p && q
}

// quotient writes a product of scalars with reciprocal factors as one
// fraction: a (1/b) c is (a c)/b. It returns nil when there is no
// reciprocal.
func quotient(fs []*Expr) *Expr {
	var num, den []*Expr
	c := 1.0
	addNum := func(f *Expr) {
		for _, g := range flatScalars(f) {
			switch v, ok := numValue(g); {
			case ok:
				c *= v
			case g.Op == OpDiv && isNumeric(g):
				p, _ := numValue(g.Args[0])
				q, _ := numValue(g.Args[1])
				c *= p / q
			default:
				num = append(num, g)
			}
		}
	}
	for _, f := range fs {
		if f.Op == OpDiv && f.Shape.IsScalar() && !isNumeric(f) {
			addNum(f.Args[0])
			den = append(den, f.Args[1])
			continue
		}
		addNum(f)
	}
	if len(den) == 0 || len(fs) < 2 {
		return nil
	}
	lead := coefficient(c, 1)
	n := Number(1)
	switch {
	case len(num) > 0:
		n = chain(num)
	case lead != nil && lead.Op == OpNum:
		// 2/m rather than 2 (1/m).
		n, lead = lead, nil
	}
	d := mergePowers(den)
	if len(d) > 0 {
		n = raw(OpDiv, n, chain(d))
	}
	if lead != nil {
		// 2 a/b rather than (2 a)/b.
		return raw(OpMul, lead, n)
	}
	return n
}

// flatScalars returns the factors of a product of scalars (e itself when
// it is not one).
func flatScalars(e *Expr) []*Expr {
	if e.Op == OpMul && e.Args[0].Shape.IsScalar() && e.Args[1].Shape.IsScalar() {
		return append(flatScalars(e.Args[0]), flatScalars(e.Args[1])...)
	}
	return []*Expr{e}
}
