package parser

import (
	"fmt"
	"strings"
	"testing"
)

// longProgram is a program of n undeclared terms that inference must
// resolve from defaults: Σ_k a_kᵀ A_k x_k.
func longProgram(n int) string {
	terms := make([]string, n)
	for k := range terms {
		terms[k] = fmt.Sprintf("a%d' * A%d * x%d", k, k, k)
	}
	return "f = " + strings.Join(terms, " + ")
}

// TestInferShapesLong checks that a long program with every shape open is
// inferred (each term's names get their own dimensions).
func TestInferShapesLong(t *testing.T) {
	p, err := Parse(longProgram(60))
	if err != nil {
		t.Fatal(err)
	}
	if got := sbShape(p, "A59"); !strings.HasPrefix(got, "matrix(") {
		t.Errorf("A59: %s", got)
	}
	if got := sbShape(p, "x0"); !strings.HasPrefix(got, "vector(") {
		t.Errorf("x0: %s", got)
	}
}

// BenchmarkInferShapes measures inference alone on parsed programs (it
// reinfers the same program: undeclared names are open again each time).
func BenchmarkInferShapes(b *testing.B) {
	for _, n := range []int{1, 10, 100, 1000} {
		p, err := Parse(longProgram(n))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := inferShapes(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
