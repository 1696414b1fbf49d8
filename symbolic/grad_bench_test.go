package symbolic_test

import (
	"testing"

	"deriv/parser"
	"deriv/symbolic"
)

func benchGrad(b *testing.B, program, wrt string, derive func(*symbolic.Program, *symbolic.Expr, symbolic.GradOptions) (*symbolic.Derivative, error)) {
	p, err := parser.Parse(program)
	if err != nil {
		b.Fatal(err)
	}
	w, err := parser.ParseExpr(p, wrt)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := derive(p, w, symbolic.GradOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGrad2cW(b *testing.B)  { benchGrad(b, prog2c, "w_i", symbolic.Grad) }
func BenchmarkGrad2eW1(b *testing.B) { benchGrad(b, prog2e, "W^{(1)}", symbolic.Grad) }
func BenchmarkHessianLogistic(b *testing.B) {
	benchGrad(b, "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; L = sum(log(1 + exp(-y ⊙ (X w))))", "w", symbolic.Hessian)
}

// BenchmarkGradIdentities differentiates every identity of
// identities.yaml once per iteration.
func BenchmarkGradIdentities(b *testing.B) {
	type prepared struct {
		p *symbolic.Program
		w *symbolic.Expr
	}
	var ps []prepared
	for _, c := range identityCases {
		p, err := parser.Parse(c.program)
		if err != nil {
			b.Fatal(err)
		}
		w, err := parser.ParseExpr(p, c.wrt)
		if err != nil {
			b.Fatal(err)
		}
		ps = append(ps, prepared{p, w})
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, x := range ps {
			if _, err := symbolic.Grad(x.p, x.w, symbolic.GradOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
