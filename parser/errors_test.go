package parser

import (
	"errors"
	"testing"

	"deriv/symbolic"
)

// TestErrors spells out whole messages, with the source line and caret.
func TestErrors(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"x ∈ R^d\nf = (x + 1", "<input>:2:5: ( opened here is never closed\n  f = (x + 1\n      ^"},
		{"f = x + )", "<input>:1:9: ) closes nothing\n  f = x + )\n          ^"},
		{"f = (x]", "<input>:1:7: ] does not match the ( before it\n  f = (x]\n        ^"},
		{"x ∈ R^d; x ∈ R^n", "<input>:1:10: x is already declared\n  x ∈ R^d; x ∈ R^n\n           ^"},
		{"z = 1; z = 2", "<input>:1:8: z is already defined\n  z = 1; z = 2\n         ^"},
		{"f = x $ y", "<input>:1:7: unexpected character \"$\"\n  f = x $ y\n        ^"},
		{"f = 3 +", "<input>:1:8: unexpected end of input: expected an expression\n  f = 3 +\n         ^"},
		{"f = ‖x", "<input>:1:5: ‖ opened here is never closed\n  f = ‖x\n      ^"},
		{"f = |x", "<input>:1:5: | opened here is never closed\n  f = |x\n      ^"},
		{"f = (x)⁽¹⁾", "<input>:1:8: misplaced superscript \"⁽¹⁾\": a layer label follows a name, as in W^{(1)}\n  f = (x)⁽¹⁾\n         ^"},
		{"f = Σ_i x_i", "<input>:1:5: the range of i is unknown: write Σ_{i=1}^{n}\n  f = Σ_i x_i\n      ^"},
		{"f = exp(x, y)", "<input>:1:5: exp takes 1 argument, found 2\n  f = exp(x, y)\n      ^"},
		{"w_i ∈ R^d for i = 0..n", "<input>:1:19: index ranges start at 1, found 0\n  w_i ∈ R^d for i = 0..n\n                    ^"},
		{"f = x, y", "<input>:1:6: unexpected \",\"\n  f = x, y\n       ^"},
		{"f = x\ng\nh = 2", "<input>:2:1: a bare expression must be the last statement\n  g\n  ^"},
		{"f(x = 2", "<input>:1:2: ( opened here is never closed\n  f(x = 2\n   ^"},
		{"f = a ∈ R", "<input>:1:7: unexpected \"∈\"\n  f = a ∈ R\n        ^"},
		{"φ: R → R → R", "<input>:1:12: bad declaration: a function maps R^… to R^…, once\n  φ: R → R → R\n             ^"},
		{"f = x^", "<input>:1:7: unexpected end of input: expected an expression\n  f = x^\n        ^"},
		{"A ∈ R^{a×b×c}", "<input>:1:7: bad declaration: 3 dimensions; deriv handles scalars, vectors and matrices\n  A ∈ R^{a×b×c}\n        ^"},
		{"x ∈ R^{0}", "<input>:1:8: bad declaration: a dimension is a positive whole number or a name, found 0\n  x ∈ R^{0}\n         ^"},
		{"f = 2 y; y = 3", "<input>:1:7: y is used before its definition\n  f = 2 y; y = 3\n        ^"},
		{"f = ‖x‖_7", "<input>:1:9: unknown norm ‖·‖_7: use 1, 2 or F\n  f = ‖x‖_7\n          ^"},
		{"f = x in y", "<input>:1:7: unexpected \"in\"\n  f = x in y\n        ^"},
		{"f = \\foo x", "<input>:1:5: unexpected \"\\\\foo\"\n  f = \\foo x\n      ^"},
		{"f = ∂f", "<input>:1:7: unexpected end of input: expected / as in ∂f/∂x\n  f = ∂f\n        ^"},
		{"f = 1e999", "<input>:1:5: number 1e999 is out of range\n  f = 1e999\n      ^"},
		{"f = ()", "<input>:1:6: unexpected \")\"\n  f = ()\n       ^"},
		{"f = exp()", "<input>:1:9: unexpected \")\"\n  f = exp()\n          ^"},
		{"x ∈ R^", "<input>:1:7: unexpected end of input: the statement is incomplete\n  x ∈ R^\n        ^"},
		{"x ∈ S", "<input>:1:3: bad declaration: expected a name list before ∈ and R, R^d, R^{m×n}, {1, …, n} or R^d → R^m after it\n  x ∈ S\n    ^"},
		{"f = sqrt(x,)", "<input>:1:12: unexpected \")\"\n  f = sqrt(x,)\n             ^"},
		{"w_i ∈ R; z_i = 2 w_i; f = Σ_{j=1}^{n} z_j + Σ_{k=1}^{m} z_k", "<input>:1:39: z_j: the program has z_i, but i is not an index with one range; declare it (i = 1..n) to make z_i a family\n  w_i ∈ R; z_i = 2 w_i; f = Σ_{j=1}^{n} z_j + Σ_{k=1}^{m} z_k\n                                        ^"},
		{"w_i ∈ R for i = 1..n; z_i = 2 w_i; f = Σ_{j=1}^{n} z_{j+1}", "<input>:1:52: z_i is a family of definitions: a member's subscript is an index or a whole number (z_j, z_2), not a computation\n  w_i ∈ R for i = 1..n; z_i = 2 w_i; f = Σ_{j=1}^{n} z_{j+1}\n                                                     ^"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		if err == nil {
			t.Errorf("Parse(%q): no error", tt.src)
			continue
		}
		var se *symbolic.Error
		if !errors.As(err, &se) || se.Src == "" {
			t.Errorf("Parse(%q): %T without source", tt.src, err)
		}
		if got := err.Error(); got != tt.want {
			t.Errorf("Parse(%q):\n%s\nwant:\n%s", tt.src, got, tt.want)
		}
	}
}
