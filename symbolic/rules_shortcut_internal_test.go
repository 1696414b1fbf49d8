package symbolic

import "testing"

// TestBuildsItself: the shortcut of scalar-quotient says "e back" only
// where build gives a copy Equal to e, and says it for the products in
// normal form it is meant for.
func TestBuildsItself(t *testing.T) {
	A, B, X := bv("A", "n", "n"), bv("B", "n", "n"), bv("X", "n", "n")
	x, s := bv("x", "n"), bv("s")
	tests := []struct {
		name string
		e    *Expr
		want bool
	}{
		{"matrix chain", raw(OpMul, raw(OpMul, A, B), x), true},
		{"integer coefficient", raw(OpMul, raw(OpMul, Number(2), A), x), true},
		{"half", raw(OpMul, Number(0.5), X), true},
		{"right associated", raw(OpMul, A, raw(OpMul, B, x)), false},
		{"negative coefficient", raw(OpMul, Number(-2), A), false},
		{"fraction", raw(OpMul, Number(1.5), A), false},
		{"scalar base", raw(OpMul, s, A), false},
		{"negated factors", raw(OpMul, Neg(A), Neg(B)), false},
		{"quotient", raw(OpDiv, A, s), false},
	}
	for _, tt := range tests {
		m, ok := monomialOf(tt.e)
		if !ok {
			t.Fatalf("%s: no monomial", tt.name)
		}
		m.foldSoftmax()
		got := m.buildsItself(tt.e)
		if got != tt.want {
			t.Errorf("%s: buildsItself(%s) = %v, want %v", tt.name, Print(tt.e, Text), got, tt.want)
		}
		if got && !Equal(m.build(tt.e.Shape), tt.e) {
			t.Errorf("%s: buildsItself(%s), but build gives %s", tt.name, Print(tt.e, Text), Print(m.build(tt.e.Shape), Text))
		}
	}
}

// TestNamedMayApply: the Named rules rewrite no node that namedMayApply
// rules out (the where list skips their pass on that promise), and it lets
// through the node they are for.
func TestNamedMayApply(t *testing.T) {
	A, y, s := bv("A", "n", "n"), bv("y", "n"), bv("s")
	others := []*Expr{
		y, s, Number(2), raw(OpHad, y, y), raw(OpMul, A, y), raw(OpAdd, y, y),
		raw(OpSub, y, y), raw(OpT, y), raw(OpNeg, y), raw(OpPow, s, Number(2)),
		raw(OpHDiv, y, y), Call("tanh", y), Call("exp", y),
	}
	for _, e := range others {
		if namedMayApply(e) {
			t.Errorf("namedMayApply(%s) = true", Print(e, Text))
		}
		for _, r := range Named {
			if out, ok := r.Apply(e); ok && out != nil && !Equal(out, e) {
				t.Errorf("%s rewrites %s, which namedMayApply rules out", r.Name, Print(e, Text))
			}
		}
	}
	sq := raw(OpHPow, y, Number(2))
	if !namedMayApply(sq) {
		t.Errorf("namedMayApply(%s) = false", Print(sq, Text))
	}
	if _, ok := Named[0].Apply(sq); !ok {
		t.Errorf("%s does not rewrite %s", Named[0].Name, Print(sq, Text))
	}
}

// TestMayCancel: when simplification says the Cancel rules may not change
// its result, Cancel gives the result back; and it says they may when an
// elementwise quotient is left.
func TestMayCancel(t *testing.T) {
	A, x, y, s := bv("A", "n", "n"), bv("x", "n"), bv("y", "n"), bv("s")
	tests := []struct {
		e    *Expr
		want bool
	}{
		{raw(OpMul, raw(OpT, A), raw(OpSub, raw(OpMul, A, x), y)), false},
		{raw(OpHad, Call("tanh", x), raw(OpSub, Ones(Shape{"n"}), y)), false},
		{raw(OpMul, s, raw(OpAdd, x, y)), false},
		{raw(OpHad, raw(OpHad, x, y), raw(OpHDiv, Call("exp", x), y)), true},
		{raw(OpHDiv, x, y), true},
	}
	for _, tt := range tests {
		got, may, err := simplifyCancel(tt.e, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		if may != tt.want {
			t.Errorf("simplifyCancel(%s): mayCancel = %v, want %v", Print(tt.e, Text), may, tt.want)
		}
		if !may && Cancel.Rewrite(got) != got {
			t.Errorf("Cancel rewrites %s, which simplifyCancel said it would not", Print(got, Text))
		}
	}
}
