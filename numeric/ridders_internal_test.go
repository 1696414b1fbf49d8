package numeric

import (
	"math"
	"testing"
)

// TestRidders checks the adaptive central differences on functions that
// defeat a fixed step: fast oscillations, steep growth, a pole nearby,
// a large additive constant (rounding) and an exact zero (tol < 0).
func TestRidders(t *testing.T) {
	k := 2 * math.Exp(5)
	cases := []struct {
		name  string
		f, df func(x float64) float64
		x0    float64
		tol   float64
	}{
		{"sin(k(c+x²)), k≈297", func(x float64) float64 { return math.Sin(k * (0.5413 + x*x)) },
			func(x float64) float64 { return math.Cos(k*(0.5413+x*x)) * 2 * k * x }, -2.8432905240082125, 1e-8},
		{"sin(22026 x)", func(x float64) float64 { return math.Sin(math.Exp(10) * x) },
			func(x float64) float64 { return math.Exp(10) * math.Cos(math.Exp(10)*x) }, 0.477, 1e-8},
		{"exp((x/0.25)⁴)", func(x float64) float64 { return math.Exp(math.Pow(x/0.25, 4)) },
			func(x float64) float64 { return 4 * math.Exp(math.Pow(x/0.25, 4)) * math.Pow(x/0.25, 3) / 0.25 }, 0.477, 1e-8},
		{"1/x near the pole", func(x float64) float64 { return 1 / x },
			func(x float64) float64 { return -1 / (x * x) }, 0.03, 1e-8},
		{"(20)⁴ + x/3", func(x float64) float64 { return math.Pow(20.4, 4) + x/3 },
			func(float64) float64 { return 1.0 / 3 }, 0.3, 1e-7},
		{"zero beside a large term", func(x float64) float64 { return math.Pow(25+x-x, 2) },
			func(float64) float64 { return 0 }, 0.3, -1},
		{"log x, step leaves the domain", func(x float64) float64 { return math.Log(x) },
			func(x float64) float64 { return 1 / x }, 0.004, 1e-8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := math.Max(1, math.Abs(c.x0))
			d, err := ridders(1, fdStep, math.Abs(c.f(c.x0)), func(h float64) ([]float64, error) {
				a, b := c.f(c.x0+s*h), c.f(c.x0-s*h)
				if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
					return nil, errString("undefined")
				}
				return []float64{(a - b) / (2 * h * s)}, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			want := c.df(c.x0)
			if c.tol < 0 {
				// An exact zero: the estimate must be within absZero.
				if math.Abs(d[0]) > absZero {
					t.Errorf("got %g, want 0", d[0])
				}
				return
			}
			if e := math.Abs(d[0]-want) / math.Abs(want); e > c.tol {
				t.Errorf("got %.15g, want %.15g (rel. error %g)", d[0], want, e)
			}
		})
	}
}
