package numeric_test

import (
	"fmt"
	"testing"

	"deriv/numeric"
	"deriv/symbolic"
)

// Checks at scale (issue 11): the worksheet's ∂ℓ/∂W1 at d = 10…3000 and
// the family sum ∂f/∂w_i at n = 1000, d = 100, deriv's own derivative
// checked as `deriv grad --check` checks it.

const elementwiseW1 = `x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R
ℓ = 1/2 ||W2 φ(W1 x + b) - y||^2`

func benchCheck(b *testing.B, src, wrt string, dims map[symbolic.Dim]int) {
	pr := parseProblemB(b, src)
	grad := pr.deriveB(b, wrt)
	wrtE := pr.exprB(b, wrt)
	b.ReportAllocs()
	for b.Loop() {
		rep, err := numeric.Check(pr.p, pr.f, wrtE, grad, numeric.CheckOptions{Seed: 1, Dims: dims})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Verdict != "correct" {
			b.Fatalf("verdict %s (max rel error %g)", rep.Verdict, rep.MaxRelError)
		}
	}
}

// BenchmarkCheckW1 is `deriv grad --wrt W1 --check --dims d=N`.
func BenchmarkCheckW1(b *testing.B) {
	for _, d := range []int{10, 100, 1000, 3000} {
		b.Run(fmt.Sprintf("d=%d", d), func(b *testing.B) {
			benchCheck(b, elementwiseW1, "W1", map[symbolic.Dim]int{"d": d})
		})
	}
}

// BenchmarkCheckFamily is `deriv grad --wrt w_i --check --dims
// n=1000,d=100` on the worksheet's question 2c.
func BenchmarkCheckFamily(b *testing.B) {
	benchCheck(b, worksheet2c, "w_i", map[symbolic.Dim]int{"n": 1000, "d": 100})
}

// BenchmarkCheckW1Tanh is BenchmarkCheckW1 with a built-in activation
// (tanh) instead of an abstract φ, at d = 1000.
func BenchmarkCheckW1Tanh(b *testing.B) {
	benchCheck(b, "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}\nℓ = 1/2 ||W2 tanh(W1 x + b) - y||^2", "W1", map[symbolic.Dim]int{"d": 1000})
}
