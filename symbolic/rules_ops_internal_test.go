package symbolic

import "testing"

// TestRuleOps holds every rule with an OpSet to it: on nodes of every
// other operation — over leaves and compound operands of every shape,
// the nodes the rules look into — Apply does not match, so RuleSet may
// skip it there.
func TestRuleOps(t *testing.T) {
	if OpDeriv >= 64 {
		t.Fatalf("%d operations: an OpSet holds 64", OpDeriv+1)
	}
	vec, mat, row := Vector("n"), Matrix("n", "n"), Matrix("1", "n")
	shapes := []Shape{nil, vec, mat, row}
	x := &Expr{Op: OpVar, Name: "x", Shape: vec, Pos: NoPos}
	y := &Expr{Op: OpVar, Name: "y", Shape: vec, Pos: NoPos}
	A := &Expr{Op: OpVar, Name: "A", Shape: mat, Pos: NoPos}
	s := &Expr{Op: OpVar, Name: "s", Pos: NoPos}
	xt := raw(OpT, x)
	pool := []*Expr{
		x, y, A, s, xt, Number(2), Number(0.5), Zero(vec), Ones(vec), Ones(row), Eye("n"),
		raw(OpMul, A, x), raw(OpMul, Number(2), x), raw(OpMul, s, x), raw(OpDiv, x, s),
		raw(OpAdd, x, y), raw(OpSub, xt, raw(OpT, y)), raw(OpNeg, x), raw(OpNeg, Number(2)),
		raw(OpHad, x, y), raw(OpHDiv, x, y), raw(OpHPow, x, Number(2)),
		Call("exp", x), Call("sum", Call("exp", x)), Call("diag", x), raw(OpInv, A),
	}
	rules := append(append(append(RuleSet{}, Presentation...), Cancel...), Named...)
	check := func(e *Expr) {
		for _, r := range rules {
			if r.Ops == 0 || r.Ops.Has(e.Op) {
				continue
			}
			if out, ok := r.Apply(e); ok {
				t.Errorf("%s rewrites %s (op %d, not in its set) to %s", r.Name, Print(e, Text), e.Op, Print(out, Text))
			}
		}
	}
	for op := OpInvalid + 1; op <= OpDeriv; op++ {
		for _, sh := range shapes {
			check(&Expr{Op: op, Name: "f", Shape: sh, Pos: NoPos})
			for _, a := range pool {
				check(&Expr{Op: op, Name: "sum", Args: []*Expr{a}, Shape: sh, Pos: NoPos})
				for _, b := range pool {
					check(&Expr{Op: op, Name: "2", Args: []*Expr{a, b}, Shape: sh, Pos: NoPos})
				}
			}
		}
	}
	// Every rule of the package's sets says where it applies.
	for _, r := range rules {
		if r.Ops == 0 {
			t.Errorf("rule %s has no OpSet", r.Name)
		}
	}
}

// TestPlainMatrixProduct holds scalar-quotient's shortcut to the rule:
// on every product of two operands of the pool (of every shape) that
// plainMatrixProduct passes, reading the monomial leaves it too.
func TestPlainMatrixProduct(t *testing.T) {
	vec, mat, row := Vector("n"), Matrix("n", "n"), Matrix("1", "n")
	x := &Expr{Op: OpVar, Name: "x", Shape: vec, Pos: NoPos}
	A := &Expr{Op: OpVar, Name: "A", Shape: mat, Pos: NoPos}
	s := &Expr{Op: OpVar, Name: "s", Pos: NoPos}
	xt := raw(OpT, x)
	pool := []*Expr{
		x, A, s, xt, Number(2), Zero(vec), Ones(vec), Ones(row), Eye("n"), raw(OpInv, A),
		raw(OpMul, A, x), raw(OpMul, Number(2), x), raw(OpDiv, x, s), raw(OpNeg, x),
		raw(OpAdd, x, x), raw(OpHad, x, x), raw(OpPow, A, Number(2)), Call("exp", x), Call("diag", x),
		Call("softmax", x), raw(OpDiv, Call("exp", x), Call("sum", Call("exp", x))),
	}
	plain := 0
	for _, a := range pool {
		for _, b := range pool {
			for _, sh := range []Shape{nil, vec, mat, row} {
				e := &Expr{Op: OpMul, Args: []*Expr{a, b}, Shape: sh, Pos: NoPos}
				if !plainMatrixProduct(e) {
					continue
				}
				plain++
				if out, ok := scalarQuotient(e); ok {
					t.Errorf("scalar-quotient rewrites %s to %s, which plainMatrixProduct skips", Print(e, Text), Print(out, Text))
				}
			}
		}
	}
	if plain == 0 {
		t.Fatal("no product of the pool is plain")
	}
}
