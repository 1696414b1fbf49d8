package numeric_test

import (
	"testing"

	"deriv/numeric"
	"deriv/symbolic"
)

// TestFilledNumber: a number with a non-scalar Shape (symbolic.Zero(s),
// the gradient of a function that does not depend on the variable) has
// that shape's size, every entry the number; an unknown size is an error.
func TestFilledNumber(t *testing.T) {
	env := numeric.NewEnv()
	env.Dims["d"], env.Dims["n"] = 3, 2
	cases := []struct {
		shape      symbolic.Shape
		num        float64
		rows, cols int
	}{
		{symbolic.Vector("d"), 0, 3, 1},
		{symbolic.Matrix("d", "n"), 2.5, 3, 2},
		{symbolic.Shape{symbolic.One, "n"}, -1, 1, 2},
		{nil, 4, 1, 1},
	}
	for _, c := range cases {
		e := symbolic.Zero(c.shape)
		e.Num = c.num
		comp, err := numeric.Compile(&symbolic.Program{}, e)
		if err != nil {
			t.Fatal(err)
		}
		v, err := comp.Eval(env)
		if err != nil {
			t.Fatalf("%s: %v", c.shape, err)
		}
		if r, cc := v.Dims(); r != c.rows || cc != c.cols {
			t.Fatalf("%s: %d×%d, want %d×%d", c.shape, r, cc, c.rows, c.cols)
		}
		for i := range c.rows {
			for j := range c.cols {
				if v.At(i, j) != c.num {
					t.Errorf("%s: entry (%d,%d) = %g, want %g", c.shape, i, j, v.At(i, j), c.num)
				}
			}
		}
	}
	comp, err := numeric.Compile(&symbolic.Program{}, symbolic.Zero(symbolic.Vector("m")))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := comp.Eval(env); err == nil {
		t.Error("a vector of unknown length evaluated")
	}
}

// TestZeroGradient: deriv's gradient of a function that does not depend on
// the variable is a zero of the variable's shape, and passes Check.
func TestZeroGradient(t *testing.T) {
	pr := parseProblem(t, "a, x, y ∈ R^n; W ∈ R^{m×n}; f = a^T x")
	for _, wrt := range []string{"y", "W"} {
		g := pr.derive(t, wrt)
		wantCorrect(t, "∂f/∂"+wrt+" = "+symbolic.Print(g, symbolic.Text), pr.checkExpr(t, wrt, g, numeric.CheckOptions{Seed: 1, Points: 2}))
	}
}
