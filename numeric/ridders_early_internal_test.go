package numeric

import (
	"math"
	"testing"
)

// TestRiddersEarlyStop: the screen's table (early) stops after two steps
// only when the first two quotients agree to rounding and stand well out
// of it: along a quadratic (exact central differences) it takes two
// steps and finds the derivative to rounding; along a cubic, a fast
// oscillation, or a derivative lost in rounding it takes at least
// minLevels, as Check's table (not early) always does.
func TestRiddersEarlyStop(t *testing.T) {
	cases := []struct {
		name  string
		f     func(x float64) float64
		df    float64
		early bool // two steps expected with early
	}{
		{"quadratic", func(x float64) float64 { return 3 + 2*x + 5*x*x }, 2, true},
		{"quadratic, large constant", func(x float64) float64 { return 1e3 - 7*x + 0.25*x*x }, -7, true},
		{"cubic", func(x float64) float64 { return x + 100*x*x*x }, 1, false},
		{"fast oscillation", func(x float64) float64 { return math.Sin(300 * x) }, 300, false},
		{"derivative below rounding", func(x float64) float64 { return 1 + 1e-14*x }, 1e-14, false},
		{"zero derivative", func(x float64) float64 { return 4 + x*x }, 0, false},
	}
	for _, c := range cases {
		for _, early := range []bool{false, true} {
			calls := 0
			central := func(h float64) ([]float64, error) {
				calls++
				return []float64{(c.f(h) - c.f(-h)) / (2 * h)}, nil
			}
			w := riddersTable{early: early}
			d, _, _, err := w.run(1, fdStep, func(h float64) float64 { return noise(math.Abs(c.f(0)), h) }, central)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			switch {
			case early && c.early && calls != 2:
				t.Errorf("%s: %d steps with early, want 2", c.name, calls)
			case (!early || !c.early) && calls < minLevels:
				t.Errorf("%s (early %v): %d steps, want at least %d", c.name, early, calls, minLevels)
			}
			if c.early || c.name == "cubic" {
				if e := math.Abs(d[0]-c.df) / math.Abs(c.df); e > 1e-10 {
					t.Errorf("%s (early %v): got %.17g, want %g (rel. error %g)", c.name, early, d[0], c.df, e)
				}
			}
		}
	}
}

// TestAgreedEarly: the rule itself, entry by entry.
func TestAgreedEarly(t *testing.T) {
	const floor = 1e-12
	cases := []struct {
		d1, d0 []float64
		want   bool
	}{
		{[]float64{2, -3}, []float64{2 + 1e-13, -3}, true},
		{[]float64{2, -3}, []float64{2 + 1e-11, -3}, false}, // beyond rounding
		{[]float64{2, 1e-10}, []float64{2, 1e-10}, false},   // not out of the noise
		{[]float64{2, math.NaN()}, []float64{2, math.NaN()}, false},
	}
	for _, c := range cases {
		if got := agreedEarly(c.d1, c.d0, floor); got != c.want {
			t.Errorf("agreedEarly(%v, %v) = %v, want %v", c.d1, c.d0, got, c.want)
		}
	}
}
