package numeric

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFillNormalSameDraws: the switch-free fill of a large normal value
// draws exactly what drawValue's general loop draws (same seed, same
// values), for even and odd sizes.
func TestFillNormalSameDraws(t *testing.T) {
	table := normalTable()
	for _, n := range []int{100001, 100002} {
		got := make([]float64, n)
		fillNormal(rand.New(rand.NewPCG(7, 8)), got, table)
		rng := rand.New(rand.NewPCG(7, 8))
		var bits uint64
		for k := range n {
			if k%2 == 0 {
				bits = rng.Uint64()
			} else {
				bits <<= 32
			}
			if want := fastNormal(bits, table); got[k] != want {
				t.Fatalf("n=%d: entry %d is %g, want %g", n, k, got[k], want)
			}
		}
	}
}

// TestDrawValueLarge: a large value, drawn on two goroutines, is the same
// for the same seed, and each kind keeps its range in both halves.
func TestDrawValueLarge(t *testing.T) {
	const r, c = 400, 301 // 120,400 entries: the parallel path, odd halves
	for _, tc := range []struct {
		kind valueKind
		wide int
		ok   func(k int, v float64) bool
	}{
		{normal, 0, func(_ int, v float64) bool { return math.Abs(v) < 6 }},
		{normal, 1, func(k int, v float64) bool { return math.Abs(v) >= 5 && math.Abs(v) <= 10 && (v > 0) == ((k+1)%2 == 1) }},
		{positive, 0, func(_ int, v float64) bool { return v >= 0.5 }},
		{positive, 2, func(_ int, v float64) bool { return v >= 5 && v <= 10 }},
		{bounded, 0, func(_ int, v float64) bool { return v > -0.9 && v < 0.9 }},
	} {
		a := drawValue(rand.New(rand.NewPCG(1, 2)), r, c, tc.kind, tc.wide).RawMatrix().Data
		b := drawValue(rand.New(rand.NewPCG(1, 2)), r, c, tc.kind, tc.wide).RawMatrix().Data
		for k := range a {
			if math.Float64bits(a[k]) != math.Float64bits(b[k]) {
				t.Fatalf("kind %v wide %d: entry %d differs between two draws with one seed", tc.kind, tc.wide, k)
			}
			if !tc.ok(k, a[k]) {
				t.Fatalf("kind %v wide %d: entry %d = %g is out of its range", tc.kind, tc.wide, k, a[k])
			}
		}
		if a[0] == a[len(a)/2] && a[1] == a[len(a)/2+1] {
			t.Fatalf("kind %v: the two halves repeat each other", tc.kind)
		}
	}
}
