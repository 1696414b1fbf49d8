package descend_test

import (
	"testing"

	"pgregory.net/rapid"

	"deriv/descend"
	"deriv/symbolic"
)

// TestSymmetryProperty: for any constant start and any sizes, the
// hidden units of the network stay interchangeable (worksheet 1e), while
// the weights move.
func TestSymmetryProperty(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		a := rapid.Float64Range(-1, 1).Draw(rt, "a")
		dims := map[symbolic.Dim]int{
			"d0": rapid.IntRange(2, 5).Draw(rt, "d0"),
			"d1": rapid.IntRange(2, 5).Draw(rt, "d1"),
			"d2": rapid.IntRange(2, 4).Draw(rt, "d2"),
		}
		seed := rapid.Int64Range(1, 1000).Draw(rt, "seed")
		r := run(t, network, descend.Options{Steps: 3, Rate: 0.3, Seed: seed, Init: map[string]float64{"W1": a, "W2": a}, Dims: dims})
		if !r.Symmetric {
			rt.Fatalf("not symmetric: %+v", r.Findings)
		}
		f := byName(r)
		if !f["W1"].Stayed || !f["W2"].Stayed {
			rt.Fatalf("an equality broke: %+v", r.Findings)
		}
	})
}
