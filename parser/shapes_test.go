package parser

import (
	"errors"
	"testing"

	sym "deriv/symbolic"
)

// TestInferShapesBuilt runs inference on hand-built programs (SPEC §2.3
// and matrixcalculus.org's conventions): the shapes of the names and of
// the function.
func TestInferShapesBuilt(t *testing.T) {
	vec := func(d sym.Dim) sym.Shape { return sym.Vector(d) }
	tests := []struct {
		name   string
		prog   *sym.Program
		want   map[string]string
		result string
	}{
		{
			name: "bias takes W1's row count",
			prog: newSBProg("").decl("W1", "d", "d").decl("x", "d").undecl("b").
				expr(sbAdd(sbMul(sbVar("W1"), sbVar("x")), sbVar("b"))).p,
			want:   map[string]string{"b": "vector(d)", "x": "vector(d)", "W1": "matrix(d×d)"},
			result: "vector(d)",
		},
		{
			name: "2c-latex-input: x and y inferred",
			prog: newSBProg("").family("w", "i", "n", "d").family("b", "i", "n").undecl("y", "x").
				def("f", sbOp(sym.OpPow, sbSub(sbVar("y"), sbSum("i", sbNum(1), sbVar("n"),
					sbCall("σ", sbAdd(sbMul(sbT(sbVar("w", sbVar("i"))), sbVar("x")), sbVar("b", sbVar("i")))))), sbNum(2))).p,
			want:   map[string]string{"x": "vector(d)", "y": "scalar", "f": "scalar"},
			result: "scalar",
		},
		{
			name:   "x'*A*x: x a vector, A square",
			prog:   newSBProg("").undecl("x", "A").expr(sbMul(sbMul(sbMul(sbNum(0.5), sbT(sbVar("x"))), sbVar("A")), sbVar("x"))).p,
			want:   map[string]string{"x": "vector(n)", "A": "matrix(n×n)"},
			result: "scalar",
		},
		{
			name:   "A*exp(x) is vector-valued",
			prog:   newSBProg("").undecl("A", "x").expr(sbMul(sbVar("A"), sbCall("exp", sbVar("x")))).p,
			want:   map[string]string{"x": "vector(n)", "A": "matrix(m×n)"},
			result: "vector(m)",
		},
		{
			name:   "(y.*v)'*x",
			prog:   newSBProg("").undecl("y", "v", "x").expr(sbMul(sbT(sbOp(sym.OpHad, sbVar("y"), sbVar("v"))), sbVar("x"))).p,
			want:   map[string]string{"y": "vector(n)", "v": "vector(n)", "x": "vector(n)"},
			result: "scalar",
		},
		{
			name: "norm1(A*x-y)",
			prog: newSBProg("").undecl("A", "x", "y").
				expr(&sym.Expr{Op: sym.OpNorm, Name: "1", Args: []*sym.Expr{sbSub(sbMul(sbVar("A"), sbVar("x")), sbVar("y"))}}).p,
			want:   map[string]string{"x": "vector(n)", "y": "vector(m)", "A": "matrix(m×n)"},
			result: "scalar",
		},
		{
			name: "sum(log(exp(-y.*(X*w)) + vector(1)))",
			prog: newSBProg("").undecl("X", "y", "w").
				expr(sbCall("sum", sbCall("log", sbAdd(sbCall("exp", sbOp(sym.OpHad, sbOp(sym.OpNeg, sbVar("y")), sbMul(sbVar("X"), sbVar("w")))), sbCall("vector", sbNum(1)))))).p,
			want:   map[string]string{"w": "vector(n)", "y": "vector(m)", "X": "matrix(m×n)"},
			result: "scalar",
		},
		{
			name: "tr(A*X'*B*X*C)",
			prog: newSBProg("").undecl("A", "X", "B", "C").
				expr(sbCall("tr", sbMul(sbMul(sbMul(sbMul(sbVar("A"), sbT(sbVar("X"))), sbVar("B")), sbVar("X")), sbVar("C")))).p,
			want:   map[string]string{"A": "matrix(m×n)", "X": "matrix(k×n)", "B": "matrix(k×k)", "C": "matrix(n×m)"},
			result: "scalar",
		},
		{
			name:   "log(det(inv(X)))",
			prog:   newSBProg("").undecl("X").expr(sbCall("log", sbCall("det", sbOp(sym.OpInv, sbVar("X"))))).p,
			want:   map[string]string{"X": "matrix(n×n)"},
			result: "scalar",
		},
		{
			name:   "y x with x a vector: y scales",
			prog:   newSBProg("").decl("x", "d").undecl("y").expr(sbMul(sbVar("y"), sbVar("x"))).p,
			want:   map[string]string{"y": "scalar"},
			result: "vector(d)",
		},
		{
			name: "2e: Φ: R^d → R^d",
			prog: newSBProg("").decl("x", "d").decl("b", "d").decl("y", "d").decl("W⁽¹⁾", "d", "d").decl("W⁽²⁾", "d", "d").
				fn("Φ", false, vec("d"), vec("d")).
				def("ℓ", sbMul(sbOp(sym.OpDiv, sbNum(1), sbNum(2)), sbOp(sym.OpPow, &sym.Expr{Op: sym.OpNorm, Name: "2", Args: []*sym.Expr{
					sbSub(sbMul(sbVar("W⁽²⁾"), sbCall("Φ", sbAdd(sbMul(sbVar("W⁽¹⁾"), sbVar("x")), sbVar("b")))), sbVar("y"))}}, sbNum(2))), "x").p,
			want:   map[string]string{"ℓ": "scalar", "x": "vector(d)"},
			result: "scalar",
		},
		{
			name: "2a: f: R^n → R of three scalars",
			prog: newSBProg("").fn("f", false, nil, vec("n")).fn("g", true, nil, nil).undecl("w").
				def("F", sbCall("f", sbCall("g", sbVar("w")), sbCall("g", sbVar("w")), sbCall("g", sbVar("w"))), "w").p,
			want:   map[string]string{"w": "scalar", "F": "scalar"},
			result: "scalar",
		},
		{
			name: "a defined σ applies to scalars and vectors",
			prog: newSBProg("").undecl("t").decl("z", "d").
				def("s", sbOp(sym.OpDiv, sbNum(1), sbAdd(sbNum(1), sbCall("exp", sbOp(sym.OpNeg, sbVar("t"))))), "t").
				undecl("y").
				def("h", sbAdd(sbOp(sym.OpHad, sbCall("s", sbVar("z")), sbVar("z")), sbMul(sbCall("s", sbVar("y")), sbVar("z")))).p,
			want:   map[string]string{"t": "scalar", "s": "scalar", "h": "vector(d)", "y": "scalar"},
			result: "vector(d)",
		},
		{
			name:   "an open name with one subscript is a vector",
			prog:   newSBProg("").undecl("v").expr(sbAdd(sbVar("v", sbNum(1)), sbNum(2))).p,
			want:   map[string]string{"v": "vector(n)"},
			result: "scalar",
		},
		{
			name:   "an open name with two subscripts is a matrix",
			prog:   newSBProg("").undecl("v").expr(sbVar("v", sbVar("i"), sbVar("j"))).p,
			want:   map[string]string{"v": "matrix(m×n)"},
			result: "scalar",
		},
		{
			name:   "𝟙 takes its context's shape",
			prog:   newSBProg("").decl("x", "d").expr(sbAdd(sbVar("x"), sbOp(sym.OpOnes))).p,
			result: "vector(d)",
		},
		{
			name: "a family used whole stacks its members",
			prog: newSBProg("").family("w", "i", "n", "d").undecl("u").
				expr(sbMul(sbVar("w"), sbVar("u"))).p,
			want:   map[string]string{"u": "vector(d)"},
			result: "vector(n)",
		},
		{
			name:   "fresh dimensions avoid names in use",
			prog:   newSBProg("").decl("z", "n").undecl("A", "x").expr(sbAdd(sbMul(sbMul(sbT(sbVar("x")), sbVar("A")), sbVar("x")), sbMul(sbT(sbVar("z")), sbVar("z")))).p,
			want:   map[string]string{"x": "vector(m)", "A": "matrix(m×m)"},
			result: "scalar",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := inferShapes(tc.prog); err != nil {
				t.Fatalf("inferShapes: %v", err)
			}
			for key, want := range tc.want {
				if got := sbShape(tc.prog, key); got != want {
					t.Errorf("%s: got %s, want %s", key, got, want)
				}
			}
			if got := tc.prog.Result.Body.Shape.String(); got != tc.result {
				t.Errorf("result: got %s, want %s", got, tc.result)
			}
			checkAllShaped(t, tc.prog)
		})
	}
}

// checkAllShaped verifies that every node's shape agrees with the
// known-shape rules applied to its operands' shapes.
func checkAllShaped(t *testing.T, p *sym.Program) {
	t.Helper()
	lookup := func(k string) *sym.Symbol { return p.Symbols[k] }
	var walk func(e *sym.Expr)
	walk = func(e *sym.Expr) {
		for _, a := range e.Args {
			walk(a)
		}
		got, err := sym.ResultShapeIn(e, lookup)
		if err != nil {
			t.Errorf("node %v: %v", e.Op, err)
		} else if !got.Equal(e.Shape) {
			t.Errorf("node %v: shape %s, rules say %s", e.Op, e.Shape, got)
		}
	}
	for _, d := range p.Defs {
		walk(d.Body)
	}
	walk(p.Result.Body)
}

// TestInferShapesConflicts checks conflicts: the message names both sides
// and the caret is at the operator.
func TestInferShapesConflicts(t *testing.T) {
	src := "ℓ = W1 x + b + W1"
	tests := []struct {
		name string
		prog *sym.Program
		want string
	}{
		{
			name: "vector plus matrix",
			prog: newSBProg(src).decl("W1", "d", "d").decl("x", "d").undecl("b").
				def("ℓ", sbAt(sbAdd(sbAt(sbAdd(sbAt(sbMul(sbVar("W1"), sbVar("x")), sbOffset(src, "x", 1)), sbVar("b")), sbOffset(src, "+", 1)), sbVar("W1")), sbOffset(src, "+", 2))).p,
			want: "<input>:1:14: shape conflict at \"+\": vector(d) + matrix(d×d)\n" +
				"  ℓ = W1 x + b + W1\n" +
				"               ^",
		},
		{
			name: "inner dimensions",
			prog: newSBProg("A x").decl("A", "m", "n").decl("x", "m").
				expr(sbAt(sbMul(sbVar("A"), sbVar("x")), 1)).p,
			want: "<input>:1:2: shape conflict at \"·\": matrix(m×n) · vector(m) (inner dimensions n and m differ)\n" +
				"  A x\n" +
				"   ^",
		},
		{
			name: "declared scalar plus vector",
			prog: newSBProg("y + A x").decl("y").decl("A", "m", "n").undecl("x").
				expr(sbAt(sbAdd(sbVar("y"), sbMul(sbVar("A"), sbVar("x"))), 2)).p,
			want: "<input>:1:3: shape conflict at \"+\": scalar + vector(m)\n" +
				"  y + A x\n" +
				"    ^",
		},
		{
			name: "divisor",
			prog: newSBProg("x / x").decl("x", "d").
				expr(sbAt(sbOp(sym.OpDiv, sbVar("x"), sbVar("x")), 2)).p,
			want: "<input>:1:3: shape conflict at \"/\": vector(d) / vector(d) (the divisor must be a scalar)\n" +
				"  x / x\n" +
				"    ^",
		},
		{
			name: "trace of a rectangular matrix",
			prog: newSBProg("tr(A)").decl("A", "m", "n").
				expr(sbAt(sbCall("tr", sbVar("A")), 0)).p,
			want: "<input>:1:1: tr needs a square matrix, got matrix(m×n)\n" +
				"  tr(A)\n" +
				"  ^",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := inferShapes(tc.prog)
			var se *sym.Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *symbolic.Error", err)
			}
			if got := se.WithSource(tc.prog.Src, "").Error(); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestInferExprShapes infers a claim in a program's context without
// changing the program's symbols.
func TestInferExprShapes(t *testing.T) {
	p := newSBProg("").decl("x", "d").decl("A", "d", "d").undecl("y").
		def("f", sbMul(sbMul(sbT(sbVar("x")), sbVar("A")), sbVar("x"))).p
	if err := inferShapes(p); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		e    *sym.Expr
		want string
	}{
		{"gradient claim", sbMul(sbAdd(sbVar("A"), sbT(sbVar("A"))), sbVar("x")), "vector(d)"},
		{"ones from context", sbAdd(sbVar("x"), sbOp(sym.OpOnes)), "vector(d)"},
		{"identity from context", sbMul(sbOp(sym.OpEye), sbVar("x")), "vector(d)"},
		{"derivative of f", sbOp(sym.OpDeriv, sbVar("f"), sbVar("x")), "vector(d)"},
		{"y stays a scalar", sbMul(sbVar("y"), sbVar("x")), "vector(d)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := inferExprShapes(p, tc.e); err != nil {
				t.Fatal(err)
			}
			if got := tc.e.Shape.String(); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	if got := sbShape(p, "x"); got != "vector(d)" {
		t.Errorf("x changed to %s", got)
	}
	// A defined function whose parameter has no symbol of its own.
	q := newSBProg("").decl("z", "d").
		def("s", sbOp(sym.OpDiv, sbNum(1), sbAdd(sbNum(1), sbCall("exp", sbOp(sym.OpNeg, sbVar("u"))))), "u").p
	if err := inferShapes(q); err != nil {
		t.Fatal(err)
	}
	if got := q.Symbols["s"]; !got.Elementwise || len(got.Domain) != 1 || !got.Domain[0].IsScalar() {
		t.Errorf("s: got %+v, want an elementwise R → R", got)
	}
	claim := sbCall("s", sbVar("z"))
	if err := inferExprShapes(q, claim); err != nil || claim.Shape.String() != "vector(d)" {
		t.Errorf("s(z): got %s, %v; want vector(d)", claim.Shape, err)
	}
	err := inferExprShapes(p, sbAt(sbAdd(sbVar("x"), sbVar("A")), 0))
	if err == nil {
		t.Fatal("x + A: no error")
	}
}
