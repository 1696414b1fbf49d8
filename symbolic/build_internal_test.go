package symbolic

import "testing"

func bv(name string, s ...Dim) *Expr {
	return &Expr{Op: OpVar, Name: name, Shape: Shape(s).Norm(), Pos: NoPos}
}

// TestSmartConstructors: each textbook rewrite of SPEC §3, one case each.
func TestSmartConstructors(t *testing.T) {
	A, B, X := bv("A", "n", "n"), bv("B", "n", "n"), bv("X", "n", "n")
	x, y, v := bv("x", "n"), bv("y", "n"), bv("v", "n")
	s, c := bv("s"), bv("c")
	two := Number(2)
	tests := []struct {
		name string
		got  *Expr
		want string
	}{
		{"fold", Add(Number(1), Mul(two, Number(3))), "7"},
		{"zero plus", Add(Zero(Shape{"n"}), x), "x"},
		{"one times", Mul(Number(1), A), "A"},
		{"zero times", Mul(Number(0), A), "0"},
		{"double transpose", T(T(A)), "A"},
		{"product transpose", T(Mul(A, B)), "Bᵀ Aᵀ"},
		{"sum of leaves transpose", T(Add(A, B)), "Aᵀ + Bᵀ"},
		{"affine transpose kept", T(Add(Mul(A, x), y)), "(A x + y)ᵀ"},
		{"scaled transpose", T(Mul(s, A)), "s Aᵀ"},
		{"scalar transpose", T(s), "s"},
		{"inverse transpose", T(Inv(X)), "X⁻ᵀ"},
		{"scalars first", Mul(A, s), "s A"},
		{"scalars collected", Mul(Mul(two, A), Mul(s, Mul(Number(3), x))), "6 s A x"},
		{"negation hoisted", Mul(T(X), Neg(v)), "−Xᵀ v"},
		{"double negation", Mul(Neg(s), Neg(x)), "s x"},
		{"left associated", Mul(A, Mul(B, x)), "A B x"},
		{"identity dropped", Mul(Eye("n"), A), "A"},
		{"inverse cancelled", Mul(Mul(A, X), Inv(X)), "A"},
		{"like terms", Add(A, A), "2 A"},
		{"like sums", Add(Add(A, B), Add(A, B)), "2 (A + B)"},
		{"like terms cancel", Sub(Add(A, B), A), "B"},
		{"common right factor", Add(Mul(A, x), Mul(B, x)), "(A + B) x"},
		{"common left factor", Add(Mul(X, Mul(x, T(y))), Mul(X, Mul(y, T(x)))), "X (x yᵀ + y xᵀ)"},
		{"reciprocal cancelled", Mul(Call("det", X), Div(Number(1), Call("det", X))), "1"},
		{"powers merged", Mul(s, Mul(c, s)), "s² c"},
		{"quotient", Mul(s, Div(Number(1), c)), "s/c"},
		{"vector over scalar", Mul(Div(Number(1), s), x), "x/s"},
		{"ones dropped", Had(Ones(Shape{"n"}), x), "x"},
		{"scaled ones", Had(Mul(c, Ones(Shape{"n"})), x), "c x"},
		{"hadamard scalar", Had(s, x), "s x"},
		{"hadamard negation", Had(Neg(x), y), "−x ⊙ y"},
		{"hadamard cancel", Had(y, HDiv(x, y)), "x"},
		{"sum of scalar", Call("sum", s), "s"},
		{"sqrt squared", Pow(Call("sqrt", s), two), "s"},
		{"broadcast number left", Sub(Add(x, Number(1)), x), "𝟙"},
		{"positive term first", Add(Neg(x), y), "y − x"},
		{"sigmoid", Div(Call("exp", s), Add(Number(1), Call("exp", s))), "σ(s)"},
		{"sigmoid elementwise", HDiv(Call("exp", x), Add(Call("exp", x), Number(1))), "σ(x)"},
		{"sum is linear", Call("sum", Neg(Mul(c, x))), "−c sum(x)"},
		{"numeric divisor folded", Mul(two, Mul(Div(s, two), x)), "s x"},
		{"fraction coefficient", Mul(two, Mul(Div(s, Number(3)), x)), "2/3 s x"},
		{"scalar fraction coefficient", Mul(two, Div(s, Number(3))), "2/3 s"},
		{"short decimal kept", Mul(Number(0.2), x), "0.2 x"},
		{"numerator number", Mul(two, Div(Number(1), c)), "2/c"},
		{"diag product", Mul(Call("diag", x), Call("diag", y)), "diag(x ⊙ y)"},
		{"diag difference", Sub(Call("diag", x), Call("diag", y)), "diag(x − y)"},
		{"diag of ones", Call("diag", Ones(Shape{"n"})), "I"},
		{"diag is linear", Call("diag", Neg(x)), "−diag(x)"},
		{"hadamard square", Had(y, Had(x, y)), "y .^ 2 ⊙ x"},
		{"hadamard common factor", Sub(Had(x, v), Had(y, v)), "(x − y) ⊙ v"},
		{"hadamard cancels to factor", Sub(Had(x, v), Had(Sub(x, Number(1)), v)), "v"},
		{"expansion that cancels", Sub(Mul(s, Sub(Number(1), c)), Mul(Sub(Number(1), s), c)), "s − c"},
		{"expansion that does not pay", Mul(s, Add(c, Number(1))), "s (c + 1)"},
		{"matrix square", Mul(X, X), "X²"},
		{"transposed matrix cube", Mul(T(X), Mul(T(X), T(X))), "(X³)ᵀ"},
		{"inverse run kept", Mul(Inv(X), Inv(X)), "X⁻¹ X⁻¹"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Print(tc.got, Text); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// TestSimplifyIdempotent: Simplify of a simplified expression changes
// nothing, and Simplify rewrites a raw tree into textbook form.
func TestSimplifyIdempotent(t *testing.T) {
	A, x := bv("A", "n", "n"), bv("x", "n")
	e := raw(OpT, raw(OpMul, raw(OpMul, A, raw(OpNeg, x)), Number(2)))
	s := Simplify(e)
	if got, want := Print(s, Text), "−2 xᵀ Aᵀ"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if s2 := Simplify(s); !sameExpr(s, s2) {
		t.Errorf("not idempotent: %s then %s", Print(s, Text), Print(s2, Text))
	}
	if !s.Shape.Equal(Shape{"1", "n"}) {
		t.Errorf("shape %v", s.Shape)
	}
}
