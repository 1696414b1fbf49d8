package graph_test

import (
	"context"
	"os"
	"testing"

	"deriv/engine"
	"deriv/graph"
)

// BenchmarkBuild measures drawing the worksheet's 2(e) graph, forward
// only and with the reverse pass (one small differentiation per edge).
func BenchmarkBuild(b *testing.B) {
	src, err := os.ReadFile("../testdata/graphs/2e-two-layers.deriv")
	if err != nil {
		b.Fatal(err)
	}
	p, err := engine.LoadFunction(context.Background(), string(src), engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, backward := range []bool{false, true} {
		name := "forward"
		if backward {
			name = "backward"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := graph.Build(p, graph.Options{Backward: backward}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
