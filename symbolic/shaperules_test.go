package symbolic

import (
	"strings"
	"testing"
)

// shaped returns a variable node of the given shape.
func shaped(name string, dims ...Dim) *Expr {
	return &Expr{Op: OpVar, Name: name, Shape: Shape(dims).Norm()}
}

func node(op Op, args ...*Expr) *Expr { return &Expr{Op: op, Args: args, Pos: 7} }

func callOf(name string, args ...*Expr) *Expr {
	return &Expr{Op: OpCall, Name: name, Args: args, Pos: 7}
}

func TestResultShape(t *testing.T) {
	var (
		s   = shaped("s")
		x   = shaped("x", "n")
		y   = shaped("y", "m")
		A   = shaped("A", "m", "n")
		S   = shaped("S", "n", "n")
		two = &Expr{Op: OpNum, Num: 2}
		xT  = &Expr{Op: OpT, Args: []*Expr{x}, Shape: Shape{One, "n"}}
	)
	tests := []struct {
		name string
		e    *Expr
		want string // a shape, or "error: …" for a substring of the message
	}{
		{"neg", node(OpNeg, A), "matrix(m×n)"},
		{"add equal", node(OpAdd, x, x), "vector(n)"},
		{"literal broadcasts", node(OpSub, two, x), "vector(n)"},
		{"constant expression broadcasts", node(OpAdd, x, node(OpDiv, two, node(OpNeg, two))), "vector(n)"},
		{"scalar variable does not broadcast", node(OpAdd, s, x), `error: shape conflict at "+": scalar + vector(n)`},
		{"add conflict", node(OpAdd, A, x), `error: shape conflict at "+": matrix(m×n) + vector(n)`},
		{"scaling left", node(OpMul, s, A), "matrix(m×n)"},
		{"scaling right", node(OpMul, x, two), "vector(n)"},
		{"matrix vector", node(OpMul, A, x), "vector(m)"},
		{"inner product", node(OpMul, xT, x), "scalar"},
		{"outer product", node(OpMul, x, xT), "matrix(n×n)"},
		{"row times matrix", node(OpMul, xT, S), "row vector(1×n)"},
		{"inner dims", node(OpMul, A, y), "error: inner dimensions n and m differ"},
		{"vector vector", node(OpMul, x, x), "error: inner dimensions 1 and n differ"},
		{"div", node(OpDiv, A, s), "matrix(m×n)"},
		{"div by vector", node(OpDiv, s, x), "error: the divisor must be a scalar"},
		{"hadamard", node(OpHad, x, x), "vector(n)"},
		{"hadamard scalar", node(OpHDiv, s, A), "matrix(m×n)"},
		{"hadamard conflict", node(OpHad, x, y), `error: shape conflict at "⊙": vector(n) ⊙ vector(m)`},
		{"hpow", node(OpHPow, A, two), "matrix(m×n)"},
		{"hpow vector exponent", node(OpHPow, A, x), "error: the exponent must be a scalar"},
		{"pow scalar", node(OpPow, s, s), "scalar"},
		{"pow square", node(OpPow, S, two), "matrix(n×n)"},
		{"pow rectangular", node(OpPow, A, two), "error: the base must be a scalar or a square matrix"},
		{"pow non-integer", node(OpPow, S, &Expr{Op: OpNum, Num: 0.5}), "error: a matrix power needs an integer exponent"},
		{"pow symbolic exponent", node(OpPow, S, s), "error: a matrix power needs an integer exponent"},
		{"transpose", node(OpT, A), "matrix(n×m)"},
		{"transpose row", node(OpT, xT), "vector(n)"},
		{"inv", node(OpInv, S), "matrix(n×n)"},
		{"inv rectangular", node(OpInv, A), "error: cannot invert matrix(m×n)"},
		{"exp", callOf("exp", A), "matrix(m×n)"},
		{"exp arity", callOf("exp", A, A), "error: exp takes 1 argument, got 2"},
		{"tr", callOf("tr", S), "scalar"},
		{"det rectangular", callOf("det", A), "error: det needs a square matrix, got matrix(m×n)"},
		{"sum", callOf("sum", A), "scalar"},
		{"diag vector", callOf("diag", x), "matrix(n×n)"},
		{"diag matrix", callOf("diag", S), "vector(n)"},
		{"diag rectangular", callOf("diag", A), "error: diag needs a vector or a square matrix"},
		{"softmax", callOf("softmax", x), "vector(n)"},
		{"softmax matrix", callOf("softmax", A), "error: softmax needs a vector"},
		{"inv call", callOf("inv", S), "matrix(n×n)"},
		{"unknown function one argument", callOf("φ", A), "matrix(m×n)"},
		{"unknown function several", callOf("f", s, s), "scalar"},
		{"prime", &Expr{Op: OpPrime, Name: "φ", Args: []*Expr{x}}, "vector(n)"},
		{"jacobian", &Expr{Op: OpJac, Name: "Φ", Args: []*Expr{x}}, "matrix(n×n)"},
		{"jacobian of matrix", &Expr{Op: OpJac, Name: "Φ", Args: []*Expr{A}}, "error: needs a vector argument"},
		{"sum over i", &Expr{Op: OpSum, Name: "i", Args: []*Expr{two, s, x}}, "vector(n)"},
		{"sum bound", &Expr{Op: OpSum, Name: "i", Args: []*Expr{two, x, x}}, "error: the bounds of Σ_i must be scalars"},
		{"norm", &Expr{Op: OpNorm, Name: "2", Args: []*Expr{A}}, "scalar"},
		{"gradient", node(OpDeriv, s, A), "matrix(m×n)"},
		{"jacobian layout", node(OpDeriv, y, x), "matrix(m×n)"},
		{"three axes", node(OpDeriv, x, A), "error: needs more than two axes"},
		{"operand count", &Expr{Op: OpAdd, Args: []*Expr{x}}, "error: + needs 2 operands, got 1"},
		{"missing operand", &Expr{Op: OpCall, Name: "exp", Args: []*Expr{nil}}, "error: malformed expression"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ResultShape(tc.e)
			if want, ok := strings.CutPrefix(tc.want, "error: "); ok {
				if err == nil {
					t.Fatalf("got %s, want an error containing %q", got, want)
				}
				if !strings.Contains(err.Error(), want) {
					t.Errorf("got %q, want it to contain %q", err.Error(), want)
				}
				if e, ok := err.(*Error); !ok || e.Pos != tc.e.Pos {
					t.Errorf("error %#v is not an *Error at %d", err, tc.e.Pos)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if got.String() != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// TestResultShapeIn uses declared functions' signatures.
func TestResultShapeIn(t *testing.T) {
	syms := map[string]*Symbol{
		"Φ": {Name: "Φ", Kind: SymFunc, Domain: []Shape{{"d"}}, Range: Shape{"k"}},
		"φ": {Name: "φ", Kind: SymFunc, Elementwise: true},
		"f": {Name: "f", Kind: SymFunc, Domain: []Shape{{"n"}}},
		"x": {Name: "x", Kind: SymVar, Shape: Shape{"d"}},
	}
	lookup := func(k string) *Symbol { return syms[k] }
	x, s := shaped("x", "d"), shaped("s")
	tests := []struct {
		name string
		e    *Expr
		want string
	}{
		{"vector map", callOf("Φ", x), "vector(k)"},
		{"vector map wrong argument", callOf("Φ", s), "error: argument 1 of Φ must be vector(d), got scalar"},
		{"elementwise", callOf("φ", shaped("A", "m", "n")), "matrix(m×n)"},
		{"scalar function of scalars", callOf("f", s, s, s), "scalar"},
		{"scalar function of a vector", callOf("f", shaped("v", "n")), "scalar"},
		{"jacobian", &Expr{Op: OpJac, Name: "Φ", Args: []*Expr{x}}, "matrix(k×d)"},
		{"partial", &Expr{Op: OpPartial, Name: "f", Num: 2, Args: []*Expr{s, s}}, "scalar"},
		{"partial index", &Expr{Op: OpPartial, Name: "f", Num: 3, Args: []*Expr{s, s}}, "error: f has 2 arguments"},
		{"not a function", callOf("x", s), "error: x is not a function"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ResultShapeIn(tc.e, lookup)
			if want, ok := strings.CutPrefix(tc.want, "error: "); ok {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("got %v, %v; want an error containing %q", got, err, want)
				}
				return
			}
			if err != nil || got.String() != tc.want {
				t.Errorf("got %s, %v; want %s", got, err, tc.want)
			}
		})
	}
}

func TestIsConstant(t *testing.T) {
	two := &Expr{Op: OpNum, Num: 2}
	tests := []struct {
		e    *Expr
		want bool
	}{
		{two, true},
		{&Expr{Op: OpNeg, Args: []*Expr{two}}, true},
		{&Expr{Op: OpCall, Name: "exp", Args: []*Expr{two}}, true},
		{&Expr{Op: OpDiv, Args: []*Expr{two, shaped("x")}}, false},
		{&Expr{Op: OpCall, Name: "vector", Args: []*Expr{two}}, false},
		{&Expr{Op: OpOnes}, false},
		{nil, false},
	}
	for i, tc := range tests {
		if got := IsConstant(tc.e); got != tc.want {
			t.Errorf("%d: got %v, want %v", i, got, tc.want)
		}
	}
}

func BenchmarkResultShape(b *testing.B) {
	e := node(OpMul, shaped("A", "m", "n"), shaped("x", "n"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ResultShape(e); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEveryBuiltinHasAShapeRule: the one table of builtin shape rules
// covers every builtin (the parser and ResultShapeIn both read it).
func TestEveryBuiltinHasAShapeRule(t *testing.T) {
	for name, f := range Funcs {
		if f.Shape == 0 {
			t.Errorf("%s has no shape rule", name)
		}
	}
	if OpArity(OpSum) != 3 || OpArity(OpT) != 1 || OpArity(OpMul) != 2 || OpArity(OpCall) != 0 {
		t.Errorf("OpArity disagrees with the operators' definitions")
	}
}
