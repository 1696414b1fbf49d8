package numeric

import (
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
