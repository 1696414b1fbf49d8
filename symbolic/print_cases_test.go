package symbolic

import (
	"math"
)

// Builders for hand-written ASTs in the printer's tests. They are
// prefixed "pr" so that they do not clash with other test files of the
// package.

func prVar(name string) *Expr { return &Expr{Op: OpVar, Name: name, Pos: NoPos} }

// prLab is a labelled name: prLab("W", "1") is W⁽¹⁾.
func prLab(name, label string) *Expr { return &Expr{Op: OpVar, Name: name, Label: label, Pos: NoPos} }

// prSub is a subscripted name: prSub("w", prVar("i")) is w_i.
func prSub(name string, sub ...*Expr) *Expr {
	return &Expr{Op: OpVar, Name: name, Sub: sub, Pos: NoPos}
}

func prNum(v float64) *Expr { return &Expr{Op: OpNum, Num: v, Pos: NoPos} }

var prPi = &Expr{Op: OpNum, Num: math.Pi, Name: "π", Pos: NoPos}

func prOp(op Op, args ...*Expr) *Expr { return &Expr{Op: op, Args: args, Pos: NoPos} }

func prCall(name string, args ...*Expr) *Expr {
	return &Expr{Op: OpCall, Name: name, Args: args, Pos: NoPos}
}

func prMul(a, b *Expr, more ...*Expr) *Expr {
	e := prOp(OpMul, a, b)
	for _, m := range more {
		e = prOp(OpMul, e, m)
	}
	return e
}

func prT(a *Expr) *Expr           { return prOp(OpT, a) }
func prAdd(a, b *Expr) *Expr      { return prOp(OpAdd, a, b) }
func prSubtract(a, b *Expr) *Expr { return prOp(OpSub, a, b) }
func prNeg(a *Expr) *Expr         { return prOp(OpNeg, a) }
func prPow(a, b *Expr) *Expr      { return prOp(OpPow, a, b) }

func prSum(index string, lo, hi, body *Expr) *Expr {
	return &Expr{Op: OpSum, Name: index, Args: []*Expr{lo, hi, body}, Pos: NoPos}
}

func prNorm(kind string, a *Expr) *Expr {
	return &Expr{Op: OpNorm, Name: kind, Args: []*Expr{a}, Pos: NoPos}
}

// printCase is an expression with a name for golden files and examples.
type printCase struct {
	name string
	e    *Expr
}

// printCases are the worksheet's answers (seed.yaml, identities.yaml) and
// one case for each printing rule.
func printCases() []printCase {
	i, j, n := prVar("i"), prVar("j"), prVar("n")
	x, y, z, r, w, a, b := prVar("x"), prVar("y"), prVar("z"), prVar("r"), prVar("w"), prVar("a"), prVar("b")
	A, B, X := prVar("A"), prVar("B"), prVar("X")
	W1, W2 := prLab("W", "1"), prLab("W", "2")
	wj, bj, wi, bi := prSub("w", j), prSub("b", j), prSub("w", i), prSub("b", i)
	sigma := func(e *Expr) *Expr { return prCall("σ", e) }
	preact := func(w, b *Expr) *Expr { return prAdd(prMul(prT(w), x), b) }
	sumSigma := prSum("j", prNum(1), n, sigma(preact(wj, bj)))
	invXT := prT(prOp(OpInv, X))
	return []printCase{
		{"2e-elementwise", prMul(prOp(OpHad, &Expr{Op: OpPrime, Name: "φ", Args: []*Expr{z}}, prMul(prT(prVar("W2")), r)), prT(x))},
		{"c61", prNeg(prMul(invXT, a, prT(b), invXT))},
		{"sum-family", sumSigma},
		{"2a-partial", &Expr{Op: OpPartial, Name: "f", Num: 1, Args: []*Expr{
			{Op: OpCall, Name: "g", Sub: []*Expr{prNum(1)}, Args: []*Expr{w}},
			{Op: OpCall, Name: "g", Sub: []*Expr{prNum(2)}, Args: []*Expr{w}}}}},
		{"2a-chain", prSum("i", prNum(1), prNum(3), prMul(
			&Expr{Op: OpPartial, Name: "f", Num: 3, Args: []*Expr{w}},
			&Expr{Op: OpPrime, Name: "g", Sub: []*Expr{i}, Args: []*Expr{w}}))},
		{"2e-W1", prMul(prMul(prT(&Expr{Op: OpJac, Name: "Φ", Args: []*Expr{z}}), prT(W2)), r, prT(x))},
		{"2e-loss", prMul(prNum(0.5), prPow(prNorm("2", prSubtract(prMul(W2, prCall("Φ", prAdd(prMul(W1, x), b))), y)), prNum(2)))},
		{"2c-dw", prMul(prNum(-2), prSubtract(y, sumSigma), sigma(preact(wi, bi)), prSubtract(prNum(1), sigma(preact(wi, bi))), x)},
		{"2b-f", prPow(prSubtract(y, prSum("i", prNum(1), n, prCall("φ", preact(wi, bi)))), prNum(2))},
		{"2d-update", prSubtract(&Expr{Op: OpVar, Name: "w", Label: "t", Sub: []*Expr{i}}, prMul(prVar("η"), prOp(OpDeriv, prVar("f"), wi)))},
		{"label-sub", prMul(prT(&Expr{Op: OpVar, Name: "w", Label: "2", Sub: []*Expr{i, j}}), &Expr{Op: OpVar, Name: "x", Label: "l-1", Sub: []*Expr{j}})},
		{"label-transpose", prMul(prT(W1), prT(prT(x)))},
		{"1c-backprop", prOp(OpHad, &Expr{Op: OpPrime, Name: "g", Args: []*Expr{prVar("S1")}}, prMul(prVar("W2"), prVar("δ2")))},
		{"det", prMul(prCall("det", X), invXT)},
		{"c81", prMul(prAdd(B, prT(B)), x)},
		{"norm2sq", prMul(prNum(2), prT(A), prSubtract(prMul(A, x), b))},
		{"logistic", prNeg(prMul(prT(X), prOp(OpHad, y, sigma(prOp(OpHad, prNeg(y), prMul(X, w))))))},
		{"lse", prOp(OpDiv, prCall("exp", z), prCall("sum", prCall("exp", z)))},
		{"sigma-prime", prOp(OpHad, sigma(z), prSubtract(prNum(1), sigma(z)))},
		{"right-assoc-product", prMul(a, prMul(b, prVar("c")))},
		{"div-product", prOp(OpDiv, prMul(a, b), prMul(prVar("c"), prVar("d")))},
		{"div-chain", prOp(OpDiv, prOp(OpDiv, a, b), prVar("c"))},
		{"product-of-quotient", prMul(a, prOp(OpDiv, b, prVar("c")))},
		{"numbers", prMul(prMul(prNum(2), prNum(3)), prAdd(prNum(1e-6), prMul(prNum(2.5), prPi)))},
		{"negations", prAdd(prNeg(a), prSubtract(prNeg(prNeg(b)), prNum(-3)))},
		{"sum-then-factor", prMul(prSum("i", prNum(1), n, prSub("b", i)), x)},
		{"pow-forms", prAdd(prAdd(prPow(prAdd(a, b), prNum(3)), prPow(a, prVar("k"))), prPow(a, prAdd(prVar("k"), prNum(1))))},
		{"pow-four", prPow(prT(a), prNum(4))},
		{"transpose-compound", prMul(prT(prMul(A, B)), prOp(OpInv, prT(X)))},
		{"elementwise", prOp(OpHDiv, prOp(OpHad, x, y), prOp(OpHPow, z, prNum(2)))},
		{"norms", prAdd(prAdd(prNorm("1", x), prNorm("F", A)), prPow(prNorm("2", x), prNum(2)))},
		{"calls", prAdd(prAdd(prCall("abs", a), prCall("sqrt", b)), prCall("tr", prCall("diag", prCall("softmax", x))))},
		{"reductions", prAdd(prCall("logsumexp", x), prCall("logdet", prAdd(X, &Expr{Op: OpEye})))},
		{"ones", prMul(prT(&Expr{Op: OpOnes, Shape: Shape{"n"}}), prCall("relu", x))},
		{"greek", prMul(prVar("α"), prCall("tanh", prMul(prVar("λ"), prVar("θ"))))},
	}
}
