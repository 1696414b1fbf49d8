package symbolic_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"deriv/numeric"
	"deriv/symbolic"
	"deriv/symbolic/symtest"
	"pgregory.net/rapid"
)

// drawTarget picks a variable of p to differentiate with respect to (a
// family member w_i too when families is set).
func drawTarget(t *rapid.T, p *symbolic.Program, families bool) *symbolic.Expr {
	var names []string
	for _, k := range p.Order {
		if s := p.Symbols[k]; s.Kind == symbolic.SymVar || (families && s.Kind == symbolic.SymFamily) {
			names = append(names, k)
		}
	}
	k := rapid.SampledFrom(names).Draw(t, "wrt")
	s := p.Symbols[k]
	v := &symbolic.Expr{Op: symbolic.OpVar, Name: s.Name, Shape: s.Shape, Pos: symbolic.NoPos}
	if k == "W⁽¹⁾" {
		v.Name, v.Label = "W", "1"
	}
	if s.Kind == symbolic.SymFamily {
		v.Sub = []*symbolic.Expr{{Op: symbolic.OpVar, Name: s.Index, Pos: symbolic.NoPos}}
	}
	return v
}

func withResult(p *symbolic.Program, body *symbolic.Expr) {
	d := &symbolic.Def{Name: "result", Body: body, Pos: symbolic.NoPos}
	p.Defs = []*symbolic.Def{d}
	p.Result = d
	p.Symbols["result"] = &symbolic.Symbol{Name: "result", Kind: symbolic.SymDef, Shape: body.Shape, Def: d, Pos: symbolic.NoPos}
}

// TestGradNeverPanics: on any well-typed scalar expression (derivative
// notation included), Grad, Hessian and Jacobian return a result of the
// documented shape or a *symbolic.Error, and never panic.
func TestGradNeverPanics(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := symtest.Program(t)
		body := symtest.Expr(t, p, nil, 4, symtest.ExprOpts{Derivs: true})
		withResult(p, body)
		wrt := drawTarget(t, p, true)
		d, err := symbolic.Grad(p, wrt, symbolic.GradOptions{})
		if err != nil {
			if _, ok := err.(*symbolic.Error); !ok {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		if !d.Shape.Equal(wrt.Shape) {
			t.Fatalf("gradient shape %v, want %v", d.Shape, wrt.Shape)
		}
		checkShapes(t, p, d)
		if e := symbolic.Expand(d); e == nil || !e.Shape.Equal(wrt.Shape) {
			t.Fatalf("expanded %v has shape %v, want %v", e, e.Shape, wrt.Shape)
		}
		if _, err := symbolic.Hessian(p, wrt, symbolic.GradOptions{}); err != nil {
			if _, ok := err.(*symbolic.Error); !ok {
				t.Fatalf("hessian error %T: %v", err, err)
			}
		}
	})
}

// TestGradMatchesFiniteDifferences: gradients of random smooth scalar
// expressions agree with finite differences.
func TestGradMatchesFiniteDifferences(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := symtest.Program(t)
		body := symtest.Expr(t, p, nil, 3, symtest.ExprOpts{Smooth: true, NoDomainFuncs: true, NoAbstract: true})
		withResult(p, body)
		// Family members are left out: ∂b_1/∂b_i is the Kronecker δ_i1,
		// which the notation cannot write (Grad refuses it).
		wrt := drawTarget(t, p, false)
		d, err := symbolic.Grad(p, wrt, symbolic.GradOptions{})
		if err != nil {
			t.Fatalf("grad of %s: %v", symbolic.Print(body, symbolic.Text), err)
		}
		if huge(p, body) {
			t.Skip("f is too large for finite differences")
		}
		full := symbolic.Expand(d)
		rep, err := numeric.Check(p, body, wrt, full, numeric.CheckOptions{Points: 2, Seed: 7})
		if err != nil {
			t.Skip(err)
		}
		if rep.Verdict != "correct" {
			t.Fatalf("∂/∂%s %s = %s: %s, rel. error %g", symbolic.Print(wrt, symbolic.Text), symbolic.Print(body, symbolic.Text),
				symbolic.Print(full, symbolic.Text), rep.Verdict, rep.MaxRelError)
		}
	})
}

// TestHessianMatchesFiniteDifferences: Hessians of random smooth scalar
// expressions (vector or scalar targets) are the Jacobians of their
// gradients, by finite differences of the gradient (first differences:
// second differences of f carry rounding errors of about 1e-3).
func TestHessianMatchesFiniteDifferences(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := symtest.Program(t)
		body := symtest.Expr(t, p, nil, 3, symtest.ExprOpts{Smooth: true, NoDomainFuncs: true, NoAbstract: true})
		withResult(p, body)
		wrt := drawTarget(t, p, false)
		if wrt.Shape.IsMatrix() {
			t.Skip("matrix target")
		}
		d, err := symbolic.Hessian(p, wrt, symbolic.GradOptions{})
		if err != nil {
			if _, ok := err.(*symbolic.Error); !ok {
				t.Fatalf("error %T: %v", err, err)
			}
			t.Skip(err)
		}
		g, err := symbolic.Grad(p, wrt, symbolic.GradOptions{})
		if err != nil {
			t.Fatal(err)
		}
		grad, full := symbolic.Expand(g), symbolic.Expand(d)
		if huge(p, body) || huge(p, grad) {
			t.Skip("too large for finite differences")
		}
		// Tol 1e-4: where tanh or σ saturates the gradient's entries are
		// tiny and its differences keep errors of a few 1e-6 (tanh(2 uᵀ
		// u) failed by 3e-6 at the default 1e-6); a wrong Hessian is off
		// by far more.
		rep, err := numeric.Check(p, grad, wrt, full, numeric.CheckOptions{Points: 2, Seed: 9, Tol: 1e-4})
		if err != nil {
			t.Skip(err)
		}
		if rep.Verdict != "correct" && rep.Counterexample != nil && math.Max(maxAbs(rep.Counterexample.Expected), maxAbs(rep.Counterexample.Claimed)) < 1e-9 {
			// tanh(4 xᵀ y) saturated: 1 − tanh² ≈ 1e-12 is what is left
			// of a cancellation, and its differences are rounding.
			t.Skip("the Hessian's entries are below 1e-9 at the point: differences cannot judge them")
		}
		if rep.Verdict != "correct" {
			t.Fatalf("∂²/∂%s² %s = %s: %s, rel. error %g", symbolic.Print(wrt, symbolic.Text), symbolic.Print(body, symbolic.Text),
				symbolic.Print(full, symbolic.Text), rep.Verdict, rep.MaxRelError)
		}
	})
}

// huge reports whether f exceeds 1e6 in size at the first sample point,
// where finite differences lose the digits the comparison needs
// (a + exp(Σ_i 10)).
func huge(p *symbolic.Program, f *symbolic.Expr) bool {
	c, err := numeric.Compile(p, f)
	if err != nil {
		return false
	}
	env, err := numeric.Sample(p, []*symbolic.Expr{f}, numeric.SampleOptions{Seed: 7}, 0)
	if err != nil {
		return false
	}
	v, err := c.Eval(env)
	if err != nil {
		return false
	}
	return mat.Norm(v, math.Inf(1)) > 1e6
}

// maxAbs is the largest magnitude in a value of a report (a number, a
// vector or a matrix as numeric.ValueJSON writes them).
func maxAbs(v any) float64 {
	m := 0.0
	switch v := v.(type) {
	case float64:
		m = math.Abs(v)
	case []float64:
		for _, x := range v {
			m = math.Max(m, math.Abs(x))
		}
	case [][]float64:
		for _, r := range v {
			m = math.Max(m, maxAbs(r))
		}
	}
	return m
}
