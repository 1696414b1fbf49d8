package parser

import (
	"strings"
	"testing"
)

func BenchmarkScratchSums(b *testing.B) {
	src := "x ∈ R^d\nf = " + strings.Repeat("Σ_{i=1}^{n} ", 5000) + "x"
	for b.Loop() {
		Parse(src)
	}
}
