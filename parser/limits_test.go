package parser

import (
	"errors"
	"strings"
	"testing"

	"deriv/symbolic"
)

// TestLimits checks that oversized and deeply nested inputs fail with a
// message naming the bound, without deep recursion.
func TestLimits(t *testing.T) {
	const n = 5000
	tests := []struct {
		name string
		src  string
		opts []Option
		want string
	}{
		{"size", "f = " + strings.Repeat("x + ", 262144) + "x", nil, "input is 1048581 bytes; the limit is 65536"},
		{"size option", "f = x + y", []Option{WithLimits(5, 0)}, "input is 9 bytes; the limit is 5"},
		{"parens", "f = " + strings.Repeat("(", n) + "x" + strings.Repeat(")", n), nil, "more than 1000 levels; the limit is 1000"},
		{"braces", "f = " + strings.Repeat("{", n) + "x" + strings.Repeat("}", n), nil, "the limit is 1000"},
		{"unclosed parens", "f = " + strings.Repeat("(", n), nil, "the limit is 1000"},
		{"negations", "f = " + strings.Repeat("-", n) + "x", nil, "the limit is 1000"},
		{"powers", "f = x" + strings.Repeat("^x", n), nil, "the limit is 1000"},
		{"norms", "f = " + strings.Repeat("‖", n) + "x", nil, "the limit is 1000"},
		{"abs", "f = " + strings.Repeat("|", n) + "x", nil, "the limit is 1000"},
		{"sums", "x ∈ R^d\nf = " + strings.Repeat("Σ_{i=1}^{n} ", n) + "x", nil, "the limit is 1000"},
		{"fracs", "f = " + strings.Repeat(`\frac{1}{`, n) + "x" + strings.Repeat("}", n), nil, "the limit is 1000"},
		{"depth option", "f = ((x))", []Option{WithLimits(0, 1)}, "more than 1 levels; the limit is 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.src, tt.opts...)
			var se *symbolic.Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *symbolic.Error", err)
			}
			if !strings.Contains(se.Msg, tt.want) {
				t.Errorf("got %q, want it to contain %q", se.Msg, tt.want)
			}
		})
	}
}

// TestWithinLimits checks that nesting just under the limit parses.
func TestWithinLimits(t *testing.T) {
	src := "x ∈ R\nf = " + strings.Repeat("(", 200) + "x" + strings.Repeat(")", 200) + strings.Repeat(" + x", 5000)
	if _, err := Parse(src); err != nil {
		t.Fatal(err)
	}
}
