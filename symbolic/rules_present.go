package symbolic

// Presentation is the rule set that turns a simplified derivative into the
// form an answer key prints (issue 8's table): powers and quotients of one
// scalar combined (x xᵀ/‖x‖³), numeric constants cancelled (1/σ³, not
// 4/(2σ²)²), common factors pulled out of sums (½ (A + Aᵀ)), transposes
// pulled out of differences ((x − μ)ᵀ, not xᵀ − μᵀ), 𝟙 written 𝟙ᵀ where it
// is a row, and softmax folded. Every rule preserves value and shape; the
// constructors' canonical forms are not re-applied (nodes are built raw).
var Presentation = RuleSet{
	{Name: "double-negation", Doc: "−(−a) → a", Apply: ruleDoubleNeg, Ops: OpsOf(OpNeg)},
	{Name: "function-of-constant", Doc: "φ'(0) of the zero vector → φ'(0) 𝟙 (a scalar function of a constant vector is a constant vector; the bare form reads back as a scalar)", Apply: ruleFunctionOfConstant, Ops: OpsOf(OpCall, OpPrime)},
	{Name: "ones-row", Doc: "𝟙 of row shape → 𝟙ᵀ (𝟙 is a column)", Apply: ruleOnesRow, Ops: OpsOf(OpOnes)},
	{Name: "ones-diag", Doc: "𝟙ᵀ diag(v) → vᵀ, diag(v) 𝟙 → v", Apply: ruleOnesDiag, Ops: OpsOf(OpMul)},
	{Name: "symmetric-transpose", Doc: "sᵀ → s for a matrix symmetric by construction: (Xᵀ X)⁻ᵀ → (Xᵀ X)⁻¹", Apply: ruleSymmetricTranspose, Ops: OpsOf(OpT)},
	{Name: "push-transpose", Doc: "(aᵀ ± bᵀ C)ᵀ of rows → a ± Cᵀ b, columns that meet like terms", Apply: rulePushTranspose, Ops: OpsOf(OpT)},
	{Name: "pull-transpose", Doc: "aᵀ ± bᵀ → (a ± b)ᵀ", Apply: rulePullTranspose, Ops: OpsOf(OpAdd, OpSub)},
	{Name: "scalar-quotient", Doc: "scalar factors and quotients of a product in one normal form: (1/‖x‖ x xᵀ)/‖x‖² → x xᵀ/‖x‖³, 2/(2 m) a → a/m, exp(z)/sum(exp(z)) → softmax(z)", Apply: ruleScalarQuotient, Ops: OpsOf(OpMul, OpDiv)},
	{Name: "square-leaf", Doc: "y .^ 2 → y ⊙ y, (1 − s) .^ 2 → (1 − s) ⊙ (1 − s) (.^ is not Unicode notation; tanh(z) .^ 2 prints tanh²(z))", Apply: ruleSquareLeaf, Ops: OpsOf(OpHPow)},
	{Name: "scale-hadamard", Doc: "c (a ⊙ b) → c a ⊙ b for a positive number c and a name or call a", Apply: ruleScaleHadamard, Ops: OpsOf(OpMul)},
	{Name: "collect-terms", Doc: "terms that differ only in a number add up: 6 a + 3 b − 3 a → 3 a + 3 b", Apply: ruleCollectTerms, Ops: OpsOf(OpAdd, OpSub)},
	{Name: "common-hadamard", Doc: "a ⊙ b ± a ⊙ c → a ⊙ (b ± c)", Apply: ruleCommonHadamard, Ops: OpsOf(OpAdd, OpSub)},
	{Name: "common-factor", Doc: "c a ± c b → c (a ± b) for a common number, scalar factor or denominator c", Apply: ruleCommonFactor, Ops: OpsOf(OpAdd, OpSub)},
}

// Named is the presentation rule set for expressions after the where list
// has named their subexpressions: the rules that leaves enable.
var Named = RuleSet{
	{Name: "square-leaf", Doc: "y .^ 2 → y ⊙ y for a variable y (.^ is not Unicode notation)", Apply: ruleSquareLeaf, Ops: OpsOf(OpHPow)},
}

// namedMayApply reports whether a rule of Named may rewrite e: they
// rewrite elementwise powers only. The where list skips the Named pass
// when no node may be rewritten (TestNamedMayApply keeps the two in step).
func namedMayApply(e *Expr) bool { return e.Op == OpHPow }

// ruleDoubleNeg: −(−a) is a; −c is the number −c.
func ruleDoubleNeg(e *Expr) (*Expr, bool) {
	if e.Op != OpNeg || len(e.Args) != 1 {
		return nil, false
	}
	switch a := e.Args[0]; {
	case a.Op == OpNeg && len(a.Args) == 1:
		return a.Args[0], true
	case a.Op == OpNum && a.Name == "":
		return &Expr{Op: OpNum, Num: -a.Num, Shape: a.Shape, Pos: NoPos}, true
	}
	return nil, false
}

// ruleOnesRow: an all-ones row is the transpose of the all-ones column,
// and is printed so (𝟙ᵀ), since 𝟙 reads as a column.
func ruleOnesRow(e *Expr) (*Expr, bool) {
	if e.Op != OpOnes || !e.Shape.IsRow() {
		return nil, false
	}
	return raw(OpT, Ones(e.Shape.T())), true
}

// isOnesRow reports 𝟙ᵀ, or an all-ones node of row shape.
func isOnesRow(e *Expr) bool {
	return e.Op == OpOnes && e.Shape.IsRow() || e.Op == OpT && len(e.Args) == 1 && e.Args[0].Op == OpOnes && e.Args[0].Shape.IsVector()
}

// diagVector returns v for diag(v) of a vector v.
func diagVector(e *Expr) *Expr {
	if e.Op == OpCall && e.Name == "diag" && len(e.Args) == 1 && len(e.Sub) == 0 && e.Args[0].Shape.IsVector() {
		return e.Args[0]
	}
	return nil
}

// ruleOnesDiag: 𝟙ᵀ diag(v) is vᵀ and diag(v) 𝟙 is v, also at the end of
// a product chain (u 𝟙ᵀ diag(v) → u vᵀ).
func ruleOnesDiag(e *Expr) (*Expr, bool) {
	if e.Op != OpMul || len(e.Args) != 2 {
		return nil, false
	}
	l, r := e.Args[0], e.Args[1]
	if v := diagVector(r); v != nil {
		switch {
		case isOnesRow(l):
			return raw(OpT, v), true
		case l.Op == OpMul && len(l.Args) == 2 && isOnesRow(l.Args[1]):
			return raw(OpMul, l.Args[0], raw(OpT, v)), true
		}
	}
	if r.Op == OpOnes && r.Shape.IsVector() {
		switch {
		case diagVector(l) != nil:
			return diagVector(l), true
		case l.Op == OpMul && len(l.Args) == 2 && diagVector(l.Args[1]) != nil:
			return raw(OpMul, l.Args[0], diagVector(l.Args[1])), true
		}
	}
	return nil, false
}

// rulePullTranspose: a sum or difference of transposes is the transpose
// of the sum or difference (not for inverses: A⁻ᵀ − B⁻ᵀ stays).
func rulePullTranspose(e *Expr) (*Expr, bool) {
	if (e.Op != OpAdd && e.Op != OpSub) || len(e.Args) != 2 {
		return nil, false
	}
	a, b := e.Args[0], e.Args[1]
	plainT := func(x *Expr) bool { return x.Op == OpT && len(x.Args) == 1 && x.Args[0].Op != OpInv }
	if !plainT(a) || !plainT(b) {
		return nil, false
	}
	return raw(OpT, raw(e.Op, a.Args[0], b.Args[0])), true
}

// ruleSquareLeaf writes an elementwise square as a Hadamard product,
// y ⊙ y (and the cube of a name y ⊙ y ⊙ y), which is textbook notation
// (.^ is not); a function squared keeps its power, printed tanh²(z).
func ruleSquareLeaf(e *Expr) (*Expr, bool) {
	if e.Op != OpHPow || len(e.Args) != 2 || e.Args[1].Name != "" {
		return nil, false
	}
	y := e.Args[0]
	if y.Shape.IsScalar() {
		return nil, false
	}
	if f, _ := funcPower(e); f != nil {
		return nil, false
	}
	switch {
	case isNumber(e.Args[1], 2):
		return raw(OpHad, y, y), true
	case isNumber(e.Args[1], 3) && y.Op == OpVar:
		return raw(OpHad, raw(OpHad, y, y), y), true
	}
	return nil, false
}

// ruleScaleHadamard moves a positive number into the first factor of an
// elementwise product, which then prints without parentheses: 3 x ⊙ x.
func ruleScaleHadamard(e *Expr) (*Expr, bool) {
	if e.Op != OpMul || len(e.Args) != 2 {
		return nil, false
	}
	c, h := e.Args[0], e.Args[1]
	if c.Op != OpNum || c.Name != "" || c.Num <= 0 || !c.Shape.IsScalar() || h.Op != OpHad || len(h.Args) != 2 {
		return nil, false
	}
	out, ok := scaleFirst(c, h)
	return out, ok
}

// scaleFirst multiplies the first factor of an elementwise product chain
// by c, when that factor is a name or a call of the product's shape.
func scaleFirst(c, h *Expr) (*Expr, bool) {
	a := h.Args[0]
	if a.Op == OpHad && len(a.Args) == 2 {
		inner, ok := scaleFirst(c, a)
		if !ok {
			return nil, false
		}
		return raw(OpHad, inner, h.Args[1]), true
	}
	if a.Op != OpVar && a.Op != OpCall && a.Op != OpPrime || !a.Shape.Equal(h.Shape) {
		return nil, false
	}
	return raw(OpHad, raw(OpMul, c, a), h.Args[1]), true
}

// isSymmetric reports an expression that is symmetric whatever its
// variables' values: I, diag(v), Aᵀ A, A Aᵀ, A + Aᵀ, and sums, scalings,
// inverses and transposes of symmetric matrices.
func isSymmetric(e *Expr) bool {
	if !e.Shape.IsMatrix() || e.Shape.Rows() != e.Shape.Cols() {
		return false
	}
	two := len(e.Args) == 2
	switch {
	case e.Op == OpEye:
		return true
	case e.Op == OpCall && e.Name == "diag" && len(e.Args) == 1 && e.Args[0].Shape.IsVector():
		return true
	case (e.Op == OpMul || e.Op == OpDiv) && two:
		// c Aᵀ S A: the matrix factors read the same transposed and
		// reversed (a palindrome), the middle one symmetric.
		m, ok := monomialOf(e)
		if !ok || len(m.mats) == 0 {
			return false
		}
		n := len(m.mats)
		for i := 0; i < n/2; i++ {
			if !Equal(m.mats[i], transposeOf(m.mats[n-1-i])) {
				return false
			}
		}
		return n%2 == 0 || isSymmetric(m.mats[n/2])
	case (e.Op == OpAdd || e.Op == OpSub) && two:
		a, b := e.Args[0], e.Args[1]
		return isSymmetric(a) && isSymmetric(b) || e.Op == OpAdd && (b.Op == OpT && Equal(b.Args[0], a) || a.Op == OpT && Equal(a.Args[0], b))
	case (e.Op == OpInv || e.Op == OpT || e.Op == OpNeg) && len(e.Args) == 1:
		return isSymmetric(e.Args[0])
	}
	return false
}

// transposeOf is aᵀ without rewriting: a for a = bᵀ… b.
func transposeOf(a *Expr) *Expr {
	if a.Op == OpT && len(a.Args) == 1 {
		return a.Args[0]
	}
	return raw(OpT, a)
}

// ruleSymmetricTranspose drops the transpose of a symmetric matrix:
// (Xᵀ X)⁻ᵀ → (Xᵀ X)⁻¹.
func ruleSymmetricTranspose(e *Expr) (*Expr, bool) {
	if e.Op != OpT || len(e.Args) != 1 || !isSymmetric(e.Args[0]) {
		return nil, false
	}
	return e.Args[0], true
}

// ruleFunctionOfConstant rewrites an elementwise builtin or a derivative
// φ' of a constant vector or matrix (0, c 𝟙) as the scalar
// value times 𝟙: φ'(0) of a vector is φ'(0) 𝟙.
func ruleFunctionOfConstant(e *Expr) (*Expr, bool) {
	if (e.Op != OpCall && e.Op != OpPrime) || len(e.Args) != 1 || e.Shape.IsScalar() {
		return nil, false
	}
	a := e.Args[0]
	v, ok := constantVector(a)
	if !ok {
		return nil, false
	}
	if e.Op == OpCall {
		// A builtin that works entry by entry; a declared function may be
		// a vector map (Φ(0) is no constant vector).
		if f, ok := Funcs[e.Name]; !ok || f.Kind != Elementwise {
			return nil, false
		}
	}
	c := *e
	c.Args = []*Expr{Number(v)}
	c.Shape = nil
	return Mul(&c, Ones(e.Shape)), true
}

// constantVector recognises a vector or matrix with one number in every
// entry: 0, 𝟙, c 𝟙, −𝟙.
func constantVector(a *Expr) (float64, bool) {
	if a.Shape.IsScalar() {
		return 0, false
	}
	switch a.Op {
	case OpNum:
		return a.Num, true
	case OpOnes:
		return 1, true
	case OpNeg:
		v, ok := constantVector(a.Args[0])
		return -v, ok
	case OpMul:
		if len(a.Args) == 2 && a.Args[0].Op == OpNum && a.Args[0].Shape.IsScalar() {
			if v, ok := constantVector(a.Args[1]); ok {
				return a.Args[0].Num * v, true
			}
		}
	}
	return 0, false
}
