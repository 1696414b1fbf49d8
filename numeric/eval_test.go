package numeric

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

func evalFixture() (*symbolic.Program, *Env) {
	p := program(map[string]dims{"a": vec("n"), "b": vec("n"), "A": matr("n", "n"), "X": matr("m", "n"), "s": nil})
	env := NewEnv()
	env.Dims["n"], env.Dims["m"] = 3, 2
	env.Vals["a"] = dense(3, 1, 0.5, -1, 2)
	env.Vals["b"] = dense(3, 1, 1.5, 0.25, -0.75)
	env.Vals["A"] = dense(3, 3, 2, 0.1, 0.3, -0.2, 1.5, 0.4, 0.1, 0.2, 1.8)
	env.Vals["X"] = dense(2, 3, 1, 2, 3, 4, 5, 6)
	env.Vals["s"] = dense(1, 1, 0.7)
	return p, env
}

func apply1(v *mat.Dense, f func(float64) float64) *mat.Dense {
	var r mat.Dense
	r.Apply(func(_, _ int, x float64) float64 { return f(x) }, v)
	return &r
}

func TestEvalConstructs(t *testing.T) {
	p, env := evalFixture()
	a, b, A, X, s := vr("a", vec("n")), vr("b", vec("n")), vr("A", matr("n", "n")), vr("X", matr("m", "n")), vr("s", nil)
	va, vb, vA, vX := env.Vals["a"], env.Vals["b"], env.Vals["A"], env.Vals["X"]
	hand := func(f func(r *mat.Dense)) *mat.Dense { var r mat.Dense; f(&r); return &r }
	var invA mat.Dense
	_ = invA.Inverse(vA)
	cases := []struct {
		name string
		e    *symbolic.Expr
		want *mat.Dense
	}{
		{"num", num(2.5), dense(1, 1, 2.5)},
		{"var", a, va},
		{"neg", op(symbolic.OpNeg, vec("n"), a), hand(func(r *mat.Dense) { r.Scale(-1, va) })},
		{"add", op(symbolic.OpAdd, vec("n"), a, b), hand(func(r *mat.Dense) { r.Add(va, vb) })},
		{"sub literal broadcast", op(symbolic.OpSub, vec("n"), num(1), a), apply1(va, func(x float64) float64 { return 1 - x })},
		{"matvec", mul(vec("n"), A, a), hand(func(r *mat.Dense) { r.Mul(vA, va) })},
		{"inner", mul(nil, tr(a), b), dense(1, 1, mat.Dot(va.ColView(0), vb.ColView(0)))},
		{"outer", mul(matr("n", "n"), a, tr(b)), hand(func(r *mat.Dense) { r.Mul(va, vb.T()) })},
		{"AtX", mul(matr("n", "m"), A, tr(X)), hand(func(r *mat.Dense) { r.Mul(vA, vX.T()) })},
		{"scale", mul(vec("n"), s, a), hand(func(r *mat.Dense) { r.Scale(0.7, va) })},
		{"div", op(symbolic.OpDiv, vec("n"), a, s), hand(func(r *mat.Dense) { r.Scale(1/0.7, va) })},
		{"had", op(symbolic.OpHad, vec("n"), a, b), hand(func(r *mat.Dense) { r.MulElem(va, vb) })},
		{"hdiv", op(symbolic.OpHDiv, vec("n"), a, b), hand(func(r *mat.Dense) { r.DivElem(va, vb) })},
		{"hpow", op(symbolic.OpHPow, vec("n"), a, num(2)), hand(func(r *mat.Dense) { r.MulElem(va, va) })},
		{"pow scalar", op(symbolic.OpPow, nil, s, num(3)), dense(1, 1, 0.7*0.7*0.7)},
		{"pow matrix", op(symbolic.OpPow, matr("n", "n"), A, num(2)), hand(func(r *mat.Dense) { r.Mul(vA, vA) })},
		{"pow matrix -1", op(symbolic.OpPow, matr("n", "n"), A, num(-1)), &invA},
		{"T", tr(X), hand(func(r *mat.Dense) { r.CloneFrom(vX.T()) })},
		{"inv", op(symbolic.OpInv, matr("n", "n"), A), &invA},
		{"exp", call("exp", vec("n"), a), apply1(va, math.Exp)},
		{"σ", call("σ", vec("n"), a), apply1(va, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) })},
		{"relu", call("relu", vec("n"), a), apply1(va, func(x float64) float64 { return math.Max(0, x) })},
		{"softplus", call("softplus", vec("n"), a), apply1(va, func(x float64) float64 { return math.Log(1 + math.Exp(x)) })},
		{"tanh", call("tanh", vec("n"), a), apply1(va, math.Tanh)},
		{"arctan", call("arctan", vec("n"), a), apply1(va, math.Atan)},
		{"sum", call("sum", nil, X), dense(1, 1, 21)},
		{"tr", call("tr", nil, A), dense(1, 1, 5.3)},
		{"det", call("det", nil, A), dense(1, 1, mat.Det(vA))},
		{"logdet", call("logdet", nil, A), dense(1, 1, math.Log(mat.Det(vA)))},
		{"logsumexp", call("logsumexp", nil, a), dense(1, 1, math.Log(math.Exp(0.5)+math.Exp(-1)+math.Exp(2)))},
		{"softmax", call("softmax", vec("n"), a), func() *mat.Dense {
			z := math.Exp(0.5) + math.Exp(-1) + math.Exp(2)
			return dense(3, 1, math.Exp(0.5)/z, math.Exp(-1)/z, math.Exp(2)/z)
		}()},
		{"diag vec", call("diag", matr("n", "n"), a), dense(3, 3, 0.5, 0, 0, 0, -1, 0, 0, 0, 2)},
		{"diag mat", call("diag", vec("n"), A), dense(3, 1, 2, 1.5, 1.8)},
		{"vector(c)", call("vector", vec("n"), num(2)), dense(3, 1, 2, 2, 2)},
		{"norm2", &symbolic.Expr{Op: symbolic.OpNorm, Name: "2", Args: []*symbolic.Expr{a}}, dense(1, 1, math.Sqrt(0.25+1+4))},
		{"norm1", &symbolic.Expr{Op: symbolic.OpNorm, Name: "1", Args: []*symbolic.Expr{a}}, dense(1, 1, 3.5)},
		{"normF", &symbolic.Expr{Op: symbolic.OpNorm, Name: "F", Args: []*symbolic.Expr{X}}, dense(1, 1, math.Sqrt(91))},
		{"ones", &symbolic.Expr{Op: symbolic.OpOnes, Shape: vec("n")}, dense(3, 1, 1, 1, 1)},
		{"eye", &symbolic.Expr{Op: symbolic.OpEye, Shape: matr("m", "m")}, dense(2, 2, 1, 0, 0, 1)},
		{"entry", &symbolic.Expr{Op: symbolic.OpVar, Name: "X", Sub: []*symbolic.Expr{num(2), num(3)}}, dense(1, 1, 6)},
		{"σ'", &symbolic.Expr{Op: symbolic.OpPrime, Name: "σ", Args: []*symbolic.Expr{a}}, apply1(va, func(x float64) float64 {
			s := 1 / (1 + math.Exp(-x))
			return s * (1 - s)
		})},
		{"sum over index", &symbolic.Expr{Op: symbolic.OpSum, Name: "k", Args: []*symbolic.Expr{num(1), vr("n", nil),
			&symbolic.Expr{Op: symbolic.OpVar, Name: "a", Sub: []*symbolic.Expr{vr("k", nil)}}}}, dense(1, 1, 1.5)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			comp, err := Compile(p, c.e)
			if err != nil {
				t.Fatal(err)
			}
			got, err := comp.Eval(env)
			if err != nil {
				t.Fatal(err)
			}
			if !mat.EqualApprox(got, c.want, 1e-12) {
				t.Errorf("got %v, want %v", mat.Formatted(got), mat.Formatted(c.want))
			}
		})
	}
}

func TestEvalErrors(t *testing.T) {
	p, env := evalFixture()
	a, X := vr("a", vec("n")), vr("X", matr("m", "n"))
	sing := dense(2, 2, 1, 2, 2, 4)
	env.Vals["S"] = sing
	p.Symbols["S"] = &symbolic.Symbol{Name: "S", Kind: symbolic.SymVar, Shape: matr("m", "m")}
	cases := []struct {
		name string
		e    *symbolic.Expr
		want string
	}{
		{"log negative", call("log", vec("n"), a), "log of a non-positive number"},
		{"sqrt negative", call("sqrt", vec("n"), a), "square root of a negative number"},
		{"singular", op(symbolic.OpInv, matr("m", "m"), vr("S", matr("m", "m"))), "singular"},
		{"div zero", op(symbolic.OpDiv, nil, num(1), num(0)), "division by zero"},
		{"bad product", mul(nil, X, X), "cannot multiply 2×3 by 2×3"},
		{"unknown", vr("q", nil), "no value for q"},
		{"deriv", &symbolic.Expr{Op: symbolic.OpDeriv, Args: []*symbolic.Expr{a, a}}, "cannot be evaluated"},
		{"logdet negative", call("logdet", nil, op(symbolic.OpNeg, matr("n", "n"), vr("A", matr("n", "n")))), "not positive"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			comp, err := Compile(p, c.e)
			if err == nil {
				_, err = comp.Eval(env)
			}
			var se *symbolic.Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *symbolic.Error", err)
			}
			if !contains(se.Msg, c.want) {
				t.Errorf("message %q does not contain %q", se.Msg, c.want)
			}
		})
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
