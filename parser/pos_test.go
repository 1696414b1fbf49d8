package parser

import (
	"testing"

	"deriv/symbolic"
)

// TestPositions checks that nodes carry the byte offset where they start,
// and binary nodes the offset of their operator (where shape conflicts are
// reported).
func TestPositions(t *testing.T) {
	const src = "a, b ∈ R; x ∈ R^d\nf = a + b·exp(x)ᵀ x"
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	body := p.Result.Body
	at := func(e *symbolic.Expr) string { return src[e.Pos:] }
	add := body
	mul := add.Args[1]
	tests := []struct {
		name string
		e    *symbolic.Expr
		want string
	}{
		{"add at its operator", add, "+ b·exp(x)ᵀ x"},
		{"a", add.Args[0], "a + b·exp(x)ᵀ x"},
		{"juxtaposition at its right operand", mul, "x"},
		{"product at its operator", mul.Args[0], "·exp(x)ᵀ x"},
		{"transpose at its superscript", mul.Args[0].Args[1], "ᵀ x"},
		{"call at its name", mul.Args[0].Args[1].Args[0], "exp(x)ᵀ x"},
	}
	for _, tt := range tests {
		if got := at(tt.e); got != tt.want {
			t.Errorf("%s: node at %q, want %q", tt.name, got, tt.want)
		}
	}
}
