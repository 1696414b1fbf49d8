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
