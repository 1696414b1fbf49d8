package grade

import (
	"fmt"

	"deriv/symbolic"
)

// mutant is a classic wrong answer built from the reference derivation:
// the mistake's code, a sentence naming the sub-expression, and the wrong
// answer itself.
type mutant struct {
	code, msg string
	expr      *symbolic.Expr
}

// mutationContext is what the generators may draw on besides the
// reference itself.
type mutationContext struct {
	// index is the free index of ∂f/∂w_i ("" if none), count its range.
	index string
	count symbolic.Dim
	// dims are the program's dimension symbols (for sums over the wrong
	// range).
	dims []symbolic.Dim
	// locals are local derivatives (φ'(u), J_Φ(u), σ(u)(1 − σ(u)))
	// found in any derivative of the program: candidates for an extra
	// chain-rule factor.
	locals []*symbolic.Expr
	// args are the arguments functions are applied to in the program
	// (z, x, W1 x + b): candidates for "φ' at the wrong argument".
	args []*symbolic.Expr
	// mats are the program's matrices and their transposes: candidates
	// for an extra factor in a product; vecs its vectors, for an extra
	// factor of an elementwise product.
	mats, vecs []*symbolic.Expr
	// step is set for a step's update v − η ∂f/∂v.
	step bool
	// isFunc reports whether a name is a declared scalar function.
	isFunc func(name string) bool
}

// mutants builds the classic wrong answers of base.
func mutants(base *symbolic.Expr, mc mutationContext) []mutant {
	var out []mutant
	addM := func(code, msg string, e *symbolic.Expr) {
		if e != nil {
			out = append(out, mutant{code: code, msg: msg, expr: e})
		}
	}
	at := func(n, repl *symbolic.Expr) *symbolic.Expr { return replace(base, n, repl) }

	// The whole answer transposed, negated.
	if !base.Shape.IsScalar() {
		addM("transpose", "the answer is the transpose of the derivative", tr(base))
	}

	seen := map[*symbolic.Expr]bool{}
	var visit func(n *symbolic.Expr, depth int)
	visit = func(n *symbolic.Expr, depth int) {
		if n == nil || seen[n] || depth > 60 {
			return
		}
		seen[n] = true
		switch n.Op {
		case symbolic.OpVar, symbolic.OpJac, symbolic.OpCall:
			// A factor that should (not) be transposed.
			if !n.Shape.IsScalar() && n.Shape.IsMatrix() {
				addM("transposed-factor", fmt.Sprintf("%s should be %s", text(tr(n)), text(n)), at(n, tr(n)))
			}
		case symbolic.OpT:
			if len(n.Args) == 1 && !n.Args[0].Shape.IsScalar() {
				addM("transposed-factor", fmt.Sprintf("%s should be %s", text(n.Args[0]), text(n)), at(n, n.Args[0]))
			}
		}
		switch n.Op {
		case symbolic.OpMul:
			mulMutants(n, at, addM, mc)
		case symbolic.OpHad:
			hadMutants(n, at, addM, mc)
		case symbolic.OpSub:
			a, b := n.Args[0], n.Args[1]
			if n == base && mc.step {
				addM("sign", "the update goes up the gradient: it should subtract η times the gradient", at(n, add(a, b)))
				break
			}
			addM("sign", fmt.Sprintf("a sign is wrong in %s: it should be %s", text(add(a, b)), text(n)), at(n, add(a, b)))
			addM("sign", fmt.Sprintf("%s should be %s", text(sub(b, a)), text(n)), at(n, sub(b, a)))
			symmetricMutants(n, at, addM)
		case symbolic.OpAdd:
			a, b := n.Args[0], n.Args[1]
			addM("sign", fmt.Sprintf("a sign is wrong in %s: it should be %s", text(sub(a, b)), text(n)), at(n, sub(a, b)))
			symmetricMutants(n, at, addM)
		case symbolic.OpNeg:
			addM("sign", fmt.Sprintf("the sign of %s is wrong", text(n.Args[0])), at(n, n.Args[0]))
		case symbolic.OpPrime:
			primeMutants(n, at, addM, mc)
		case symbolic.OpPow, symbolic.OpHPow:
			// tanh' = 1 − tanh²: the square dropped, or taken of the argument.
			if len(n.Args) == 2 && n.Args[1].Op == symbolic.OpNum && n.Args[1].Num == 2 {
				b := n.Args[0]
				addM("wrong-derivative", fmt.Sprintf("%s should be %s", text(b), text(n)), at(n, b))
				if b.Op == symbolic.OpCall && len(b.Args) == 1 && !b.Shape.IsMatrix() {
					u := b.Args[0]
					sq := &symbolic.Expr{Op: n.Op, Args: []*symbolic.Expr{u, n.Args[1]}, Shape: u.Shape, Pos: symbolic.NoPos}
					addM("wrong-derivative", fmt.Sprintf("%s should be %s", text(sq), text(n)), at(n, sq))
				}
			}
		case symbolic.OpCall:
			// relu' is step: relu(u) or 1 where step(u) is needed.
			if n.Name == "step" && len(n.Args) == 1 {
				w := callLike(n, symbolic.OpCall, n.Args[0])
				w.Name = "relu"
				addM("wrong-derivative", fmt.Sprintf("%s is used where its derivative %s is needed", text(w), text(n)), at(n, w))
			}
			// φ' where φ is needed.
			if len(n.Args) == 1 && mc.isFunc != nil && mc.isFunc(n.Name) {
				w := callLike(n, symbolic.OpPrime, n.Args[0])
				addM("wrong-derivative", fmt.Sprintf("%s should be %s", text(w), text(n)), at(n, w))
			}
		case symbolic.OpJac:
			if len(n.Args) == 1 {
				f := callLike(n, symbolic.OpCall, n.Args[0])
				d := &symbolic.Expr{Op: symbolic.OpCall, Name: "diag", Args: []*symbolic.Expr{f}, Shape: symbolic.Matrix(f.Shape.Rows(), f.Shape.Rows()), Pos: symbolic.NoPos}
				addM("wrong-derivative", fmt.Sprintf("%s is used where its derivative %s is needed", text(f), text(n)), at(n, d))
				for _, v := range mc.args {
					if !symbolic.Equal(v, n.Args[0]) && v.Shape.Equal(n.Args[0].Shape) {
						w := callLike(n, symbolic.OpJac, v)
						addM("wrong-derivative", fmt.Sprintf("%s should be %s: the derivative is taken at the wrong argument", text(w), text(n)), at(n, w))
					}
				}
			}
		case symbolic.OpSum:
			sumMutants(n, base, at, addM, mc)
		}
		for _, a := range n.Args {
			visit(a, depth+1)
		}
	}
	visit(base, 0)

	// The derivative summed over the family it is taken for member by member.
	if mc.index != "" {
		s := &symbolic.Expr{Op: symbolic.OpSum, Name: mc.index, Args: []*symbolic.Expr{num(1), {Op: symbolic.OpVar, Name: string(mc.count), Pos: symbolic.NoPos}, base}, Shape: base.Shape, Pos: symbolic.NoPos}
		addM("sum", fmt.Sprintf("the derivative for one member must not sum over %s", mc.index), s)
	}
	return out
}

// mulMutants: factors reversed, dropped, added; a product where ⊙ is
// needed.
func mulMutants(n *symbolic.Expr, at func(n, repl *symbolic.Expr) *symbolic.Expr, addM func(code, msg string, e *symbolic.Expr), mc mutationContext) {
	a, b := n.Args[0], n.Args[1]
	if !a.Shape.IsScalar() && !b.Shape.IsScalar() {
		addM("order", fmt.Sprintf("the factors of %s are in the wrong order", text(n)), at(n, mul(b, a)))
		if a.Shape.Equal(b.Shape) {
			addM("hadamard", fmt.Sprintf("%s should be a matrix product, not %s", text(n), text(had(a, b))), at(n, had(a, b)))
		}
	}
	fs := factors(n, symbolic.OpMul)
	if len(fs) > 2 {
		rev := make([]*symbolic.Expr, len(fs))
		for i, f := range fs {
			rev[len(fs)-1-i] = f
		}
		addM("order", fmt.Sprintf("the factors of %s are in the wrong order", text(n)), at(n, product(symbolic.OpMul, rev)))
	}
	dropMutants(n, fs, symbolic.OpMul, at, addM)
	extraMutants(n, fs, symbolic.OpMul, at, addM, mc)
	sigmaMutants(n, fs, symbolic.OpMul, at, addM, mc)
}

// hadMutants: ⊙ where a matrix product (or an inner product) was
// written, factors dropped or added.
func hadMutants(n *symbolic.Expr, at func(n, repl *symbolic.Expr) *symbolic.Expr, addM func(code, msg string, e *symbolic.Expr), mc mutationContext) {
	a, b := n.Args[0], n.Args[1]
	if !a.Shape.IsScalar() && !b.Shape.IsScalar() {
		wrong := mul(a, b)
		if a.Shape.IsVector() {
			wrong = mul(tr(a), b)
		}
		addM("hadamard", fmt.Sprintf("%s needs ⊙ (elementwise), not a matrix product", text(n)), at(n, wrong))
		d := &symbolic.Expr{Op: symbolic.OpCall, Name: "diag", Args: []*symbolic.Expr{a}, Shape: symbolic.Matrix(a.Shape.Rows(), a.Shape.Rows()), Pos: symbolic.NoPos}
		if a.Shape.IsVector() && b.Shape.IsVector() {
			addM("hadamard", fmt.Sprintf("%s needs ⊙ (elementwise), not a matrix product", text(n)), at(n, mul(mul(tr(b), d), b)))
		}
	}
	fs := factors(n, symbolic.OpHad)
	dropMutants(n, fs, symbolic.OpHad, at, addM)
	extraMutants(n, fs, symbolic.OpHad, at, addM, mc)
	sigmaMutants(n, fs, symbolic.OpHad, at, addM, mc)
}

// dropMutants drops one factor, or two adjacent ones, of a chain.
func dropMutants(n *symbolic.Expr, fs []*symbolic.Expr, op symbolic.Op, at func(n, repl *symbolic.Expr) *symbolic.Expr, addM func(code, msg string, e *symbolic.Expr)) {
	if len(fs) < 2 {
		return
	}
	for width := 1; width <= 2 && width < len(fs); width++ {
		for i := 0; i+width <= len(fs); i++ {
			dropped := product(op, fs[i:i+width])
			if isConst(dropped) {
				continue // a constant factor: the factor diagnosis says it
			}
			rest := append(append([]*symbolic.Expr{}, fs[:i]...), fs[i+width:]...)
			addM("missing-factor", fmt.Sprintf("%s is missing", text(dropped)), at(n, product(op, rest)))
		}
	}
}

// extraMutants inserts a local derivative, or repeats a factor.
func extraMutants(n *symbolic.Expr, fs []*symbolic.Expr, op symbolic.Op, at func(n, repl *symbolic.Expr) *symbolic.Expr, addM func(code, msg string, e *symbolic.Expr), mc mutationContext) {
	cands := append([]*symbolic.Expr{}, mc.locals...)
	if op == symbolic.OpHad {
		cands = append(cands, mc.vecs...)
	}
	if op == symbolic.OpMul {
		cands = append(cands, mc.mats...)
		// An elementwise factor on one vector factor: (φ'(z) ⊙ r) φ(z)ᵀ.
		for i, f := range fs {
			if f.Shape.IsScalar() {
				continue
			}
			for _, c := range mc.locals {
				if c.Shape.Equal(f.Shape) || c.Shape.IsScalar() {
					repl := append(append(append([]*symbolic.Expr{}, fs[:i]...), had(c, f)), fs[i+1:]...)
					addM("extra-factor", fmt.Sprintf("%s should not be there", text(c)), at(n, product(op, repl)))
				}
			}
		}
	}
	for _, f := range fs {
		if !isConst(f) && (f.Shape.IsScalar() || op == symbolic.OpHad) {
			cands = append(cands, f)
		}
	}
	for _, c := range cands {
		for i := 0; i <= len(fs); i++ {
			ins := append(append(append([]*symbolic.Expr{}, fs[:i]...), c), fs[i:]...)
			addM("extra-factor", fmt.Sprintf("%s should not be there", text(c)), at(n, product(op, ins)))
			if c.Shape.IsScalar() {
				break // a scalar commutes: one position is enough
			}
		}
		if op == symbolic.OpMul && !c.Shape.IsScalar() {
			// An elementwise factor on the whole product.
			addM("extra-factor", fmt.Sprintf("%s should not be there", text(c)), at(n, had(c, n)))
		}
	}
}

// sigmaMutants: σ(u) (1 − σ(u)), the logistic's derivative, written
// wrongly.
func sigmaMutants(n *symbolic.Expr, fs []*symbolic.Expr, op symbolic.Op, at func(n, repl *symbolic.Expr) *symbolic.Expr, addM func(code, msg string, e *symbolic.Expr), mc mutationContext) {
	for i := 0; i+1 < len(fs); i++ {
		u, ok := sigmaPair(fs[i], fs[i+1])
		if !ok {
			continue
		}
		good := product(op, fs[i:i+2])
		sig := fs[i]
		if sig.Op != symbolic.OpCall {
			sig = fs[i+1]
		}
		one := num(1)
		wrongs := []*symbolic.Expr{
			callLike(sig, symbolic.OpCall, sub(one, u)),                                     // σ(1 − u)
			product(op, []*symbolic.Expr{u, sub(one, u)}),                                   // u (1 − u)
			product(op, []*symbolic.Expr{sig, sub(one, u)}),                                 // σ(u) (1 − u)
			product(op, []*symbolic.Expr{sig, callLike(sig, symbolic.OpCall, sub(one, u))}), // σ(u) σ(1 − u)
			sig,                                     // σ(u)
			product(op, []*symbolic.Expr{sig, sig}), // σ(u)²
			sub(one, sig),                           // 1 − σ(u)
		}
		for _, v := range mc.args {
			if !symbolic.Equal(v, u) && v.Shape.Equal(u.Shape) {
				s := callLike(sig, symbolic.OpCall, v)
				wrongs = append(wrongs, product(op, []*symbolic.Expr{s, sub(one, s)}))
			}
		}
		for _, w := range wrongs {
			rest := append(append(append([]*symbolic.Expr{}, fs[:i]...), w), fs[i+2:]...)
			addM("wrong-derivative", fmt.Sprintf("σ'(%s) is %s, not %s", text(u), text(good), text(w)), at(n, product(op, rest)))
		}
	}
}

// sigmaPair recognises σ(u) next to 1 − σ(u) (either order).
func sigmaPair(a, b *symbolic.Expr) (*symbolic.Expr, bool) {
	isSig := func(e *symbolic.Expr) bool { return e.Op == symbolic.OpCall && e.Name == "σ" && len(e.Args) == 1 }
	oneMinus := func(e, s *symbolic.Expr) bool {
		return e.Op == symbolic.OpSub && len(e.Args) == 2 && e.Args[0].Op == symbolic.OpNum && e.Args[0].Num == 1 && symbolic.Equal(e.Args[1], s)
	}
	switch {
	case isSig(a) && oneMinus(b, a):
		return a.Args[0], true
	case isSig(b) && oneMinus(a, b):
		return b.Args[0], true
	}
	return nil, false
}

// primeMutants: φ where φ' is needed, φ' at the wrong argument.
func primeMutants(n *symbolic.Expr, at func(n, repl *symbolic.Expr) *symbolic.Expr, addM func(code, msg string, e *symbolic.Expr), mc mutationContext) {
	if len(n.Args) != 1 {
		return
	}
	f := callLike(n, symbolic.OpCall, n.Args[0])
	addM("wrong-derivative", fmt.Sprintf("%s is used where its derivative %s is needed", text(f), text(n)), at(n, f))
	for _, v := range mc.args {
		if !symbolic.Equal(v, n.Args[0]) && v.Shape.Equal(n.Args[0].Shape) {
			w := callLike(n, symbolic.OpPrime, v)
			addM("wrong-derivative", fmt.Sprintf("%s should be %s: the derivative is taken at the wrong argument", text(w), text(n)), at(n, w))
		}
	}
}

// symmetricMutants: 2 X u for (X + Xᵀ) u, 2 X for X + Xᵀ.
func symmetricMutants(n *symbolic.Expr, at func(n, repl *symbolic.Expr) *symbolic.Expr, addM func(code, msg string, e *symbolic.Expr)) {
	if n.Op != symbolic.OpAdd || len(n.Args) != 2 {
		return
	}
	a, b := n.Args[0], n.Args[1]
	two := num(2)
	if symbolic.Equal(tr(a), b) || symbolic.Equal(a, tr(b)) {
		for _, x := range []*symbolic.Expr{a, b} {
			addM("symmetric", fmt.Sprintf("%s is right only for a symmetric matrix: the derivative is %s", text(mul(two, x)), text(n)), at(n, mul(two, x)))
		}
	}
	if a.Op == symbolic.OpMul && b.Op == symbolic.OpMul && len(a.Args) == 2 && len(b.Args) == 2 && symbolic.Equal(a.Args[1], b.Args[1]) &&
		(symbolic.Equal(tr(a.Args[0]), b.Args[0]) || symbolic.Equal(a.Args[0], tr(b.Args[0]))) {
		for _, x := range []*symbolic.Expr{a, b} {
			addM("symmetric", fmt.Sprintf("%s is right only for a symmetric matrix: the derivative is %s", text(mul(two, x)), text(n)), at(n, mul(two, x)))
		}
	}
}

// sumMutants: a sum dropped, taken over the wrong range or index.
func sumMutants(n, base *symbolic.Expr, at func(n, repl *symbolic.Expr) *symbolic.Expr, addM func(code, msg string, e *symbolic.Expr), mc mutationContext) {
	if len(n.Args) != 3 {
		return
	}
	j, body := n.Name, n.Args[2]
	jv := &symbolic.Expr{Op: symbolic.OpVar, Name: j, Pos: symbolic.NoPos}
	if mc.index != "" && mc.index != j {
		iv := &symbolic.Expr{Op: symbolic.OpVar, Name: mc.index, Pos: symbolic.NoPos}
		only := substIndex(body, j, iv)
		addM("sum", fmt.Sprintf("the sum %s is missing: only the %s-th term is there", text(n), mc.index), at(n, only))
		cnt := node(symbolic.OpMul, only.Shape, &symbolic.Expr{Op: symbolic.OpVar, Name: string(mc.count), Pos: symbolic.NoPos}, only)
		addM("sum", fmt.Sprintf("the sum %s runs over the wrong index (%s instead of %s)", text(n), mc.index, j), at(n, cnt))
	}
	first := substIndex(body, j, n.Args[0])
	addM("sum", fmt.Sprintf("the sum %s is missing", text(n)), at(n, first))
	for _, d := range mc.dims {
		if n.Args[1].Op == symbolic.OpVar && n.Args[1].Name == string(d) {
			continue
		}
		hi := &symbolic.Expr{Op: symbolic.OpVar, Name: string(d), Pos: symbolic.NoPos}
		s := &symbolic.Expr{Op: symbolic.OpSum, Name: j, Args: []*symbolic.Expr{n.Args[0], hi, body}, Shape: n.Shape, Pos: symbolic.NoPos}
		addM("sum", fmt.Sprintf("the sum %s runs over the wrong range (to %s)", text(n), d), at(n, s))
	}
	_ = jv
}

func isConst(e *symbolic.Expr) bool {
	switch e.Op {
	case symbolic.OpNum:
		return true
	case symbolic.OpNeg:
		return isConst(e.Args[0])
	case symbolic.OpDiv, symbolic.OpMul:
		return isConst(e.Args[0]) && isConst(e.Args[1])
	}
	return false
}
