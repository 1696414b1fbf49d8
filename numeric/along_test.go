package numeric

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"deriv/parser"
	"deriv/symbolic"
)

// TestAffineAlong: evaluating along directions of a variable (products
// linear in it cached per point and direction) agrees with evaluating at
// the moved point written out, for expressions where the variable enters
// linearly, transposed, twice (W W x), through a nonlinearity, as an
// entry and in a sum; the base value is left untouched.
func TestAffineAlong(t *testing.T) {
	src := "w_i ∈ R^d for i = 1..n\nx, b, y ∈ R^d; W, A ∈ R^{d×d}; φ: R → R\nf = 1/2 ||A φ(W x + b) - y||^2"
	p, err := parser.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	exprs := []string{
		"1/2 ||A φ(W x + b) - y||^2",
		"x^T W^T A W x + sum(W ⊙ W) + W_{2,3}",
		"W W x + A W^T x + 3 W x",
		"W φ(W x)",
		"Σ_{i=1}^{n} (w_i^T W x) w_i + (x^T W x) W x",
		"(φ'(W x + b) ⊙ (A^T (A φ(W x + b) - y))) x^T",
	}
	env, err := Sample(p, nil, SampleOptions{Seed: 3, Dims: map[symbolic.Dim]int{"d": 6, "n": 3}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	base := mat.DenseCopyOf(env.Vals["W"])
	rng := rand.New(rand.NewPCG(5, 6))
	for _, src := range exprs {
		e, err := parser.ParseExpr(p, src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		c, err := Compile(p, e)
		if err != nil {
			t.Fatal(err)
		}
		a := c.newAffine(env, "W", nil)
		for range 2 {
			v := randomUnit(rng, 36)
			for _, step := range []float64{0.1, -0.1, 0.05, -0.05, 0} {
				got, err := a.along(step, v)
				if err != nil {
					t.Fatalf("%s: %v", src, err)
				}
				moved := env.Clone()
				w := mat.DenseCopyOf(base)
				for k := range v {
					w.RawMatrix().Data[k] += step * v[k]
				}
				moved.Vals["W"] = w
				want, err := c.Eval(moved)
				if err != nil {
					t.Fatal(err)
				}
				if !mat.EqualApprox(got, want, 1e-12*math.Max(1, mat.Norm(want, math.Inf(1)))) {
					t.Errorf("%s at t = %g: along\n%v\nwant\n%v", src, step, mat.Formatted(got), mat.Formatted(want))
				}
			}
		}
		if !mat.Equal(env.Vals["W"], base) {
			t.Fatalf("%s: the base value changed", src)
		}
	}
}

// TestAffineSteady: with the direction declared steady (the products
// linear in the variable, A V B, computed once per direction instead of
// at every step), evaluations along directions give exactly what they
// give undeclared, direction after direction (the storage of v reused
// for the next direction, as the screen does), and a direction passed
// while another is declared is not mistaken for it.
func TestAffineSteady(t *testing.T) {
	src := "x, b, y ∈ R^d; W, A ∈ R^{d×d}; φ: R → R\nf = 1/2 ||A φ(W x + b) - y||^2"
	p, err := parser.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	env, err := Sample(p, nil, SampleOptions{Seed: 3, Dims: map[symbolic.Dim]int{"d": 5}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{"1/2 ||A φ(W x + b) - y||^2", "x^T W^T A W x + b^T (3 A W x + W^T b)", "(W x)^T (W x) + b^T W A x"} {
		e, err := parser.ParseExpr(p, src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		c, err := Compile(p, e)
		if err != nil {
			t.Fatal(err)
		}
		steady, plain := c.newAffine(env, "W", nil), c.newAffine(env, "W", nil)
		rng := rand.New(rand.NewPCG(7, 8))
		v, other := make([]float64, 25), randomUnit(rng, 25)
		for range 3 {
			randomUnitInto(rng, v)
			steady.steady(v)
			for _, step := range []float64{0.1, -0.1, 0.05, -0.05, 0.025} {
				got, err := steady.along(step, v)
				if err != nil {
					t.Fatal(err)
				}
				got = mat.DenseCopyOf(got)
				want, err := plain.along(step, v)
				if err != nil {
					t.Fatal(err)
				}
				if !mat.Equal(got, want) {
					t.Errorf("%s at t = %g: steady\n%v\nplain\n%v", src, step, mat.Formatted(got), mat.Formatted(want))
				}
				// Another direction in between.
				got, err = steady.along(step, other)
				if err != nil {
					t.Fatal(err)
				}
				got = mat.DenseCopyOf(got)
				if want, _ = plain.along(step, other); !mat.Equal(got, want) {
					t.Errorf("%s at t = %g along another direction: steady\n%v\nplain\n%v", src, step, mat.Formatted(got), mat.Formatted(want))
				}
			}
			steady.steady(nil)
		}
		steady.release()
		plain.release()
	}
}
