package numeric

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// InstanceKind says which family of smooth stand-ins an Instance draws from.
type InstanceKind uint8

const (
	// ScalarMap is a function R → R, applied entry by entry:
	// φ(t) = a·sin(b·t + c) + e·t, with φ'(t) = a·b·cos(b·t + c) + e.
	ScalarMap InstanceKind = iota + 1
	// VectorMap is a map R^n → R^m: Φ(z) = tanh(M z + c) with M m×n, and
	// J_Φ(z) = diag(1 − Φ(z)²) M.
	VectorMap
	// ScalarField is a function R^n → R of n scalar arguments (or one
	// vector): f(u) = Σ_k a_k sin(u_k) + ½ Σ_k c_k u_k u_{k+1}, with
	// exact partial derivatives ∂_k f.
	ScalarField
)

// Instance is a concrete, smooth stand-in for an abstract function, with
// exact derivatives. Its coefficients are a pure function of Seed, the
// member index (for a family g_i) and the position, so one Instance serves
// arguments of any size.
type Instance struct {
	Name string
	Kind InstanceKind
	Seed uint64
}

// NewInstance returns the stand-in for the declared function sym, drawn from
// seed: a ScalarMap for an elementwise function (φ: R → R), a ScalarField
// for a function whose range is a scalar, else a VectorMap.
func NewInstance(sym *symbolic.Symbol, seed uint64) *Instance {
	kind := VectorMap
	switch {
	case sym.Elementwise:
		kind = ScalarMap
	case sym.Range.IsScalar():
		kind = ScalarField
		if len(sym.Domain) == 1 && sym.Domain[0].IsScalar() {
			kind = ScalarMap
		}
	}
	return &Instance{Name: sym.Name, Kind: kind, Seed: mix(seed, hashString(sym.Name))}
}

// coef returns a deterministic pseudo-random number in [-1, 1) for the
// coefficient (tag, i, j) of member m.
func (f *Instance) coef(m int, tag uint64, i, j int) float64 {
	h := mix(mix(mix(mix(f.Seed, uint64(m)), tag), uint64(i)), uint64(j))
	return float64(h>>11)/float64(1<<53)*2 - 1
}

// scalar returns φ(t) and φ'(t) for member m.
func (f *Instance) scalar(m int, t float64) (v, d float64) {
	a := 0.6 + 0.4*f.coef(m, 1, 0, 0)
	b := 0.8 + 0.4*f.coef(m, 2, 0, 0)
	c := f.coef(m, 3, 0, 0)
	e := 0.3 * f.coef(m, 4, 0, 0)
	return a*math.Sin(b*t+c) + e*t, a*b*math.Cos(b*t+c) + e
}

// field returns f(u) and, when grad is not nil, fills grad with ∂_k f(u).
func (f *Instance) field(m int, u []float64, grad []float64) float64 {
	var s float64
	n := len(u)
	for k := range n {
		a := 0.5 + 0.5*f.coef(m, 5, k, 0)
		s += a * math.Sin(u[k])
		if grad != nil {
			grad[k] = a * math.Cos(u[k])
		}
	}
	for k := 0; k+1 < n; k++ {
		c := f.coef(m, 6, k, 0)
		s += 0.5 * c * u[k] * u[k+1]
		if grad != nil {
			grad[k] += 0.5 * c * u[k+1]
			grad[k+1] += 0.5 * c * u[k]
		}
	}
	return s
}

// vectorMap returns Φ(z) (m×1) for z of length n and, when jac is true,
// J_Φ(z) (m×n).
func (f *Instance) vectorMap(mem int, z []float64, m int, jac bool) (*mat.Dense, *mat.Dense) {
	n := len(z)
	y := mat.NewDense(m, 1, nil)
	var j *mat.Dense
	if jac {
		j = mat.NewDense(m, n, nil)
	}
	scale := 1 / math.Sqrt(float64(max(n, 1)))
	for r := range m {
		s := 0.5 * f.coef(mem, 7, r, 0)
		for c := range n {
			s += scale * f.coef(mem, 8, r, c) * z[c]
		}
		t := math.Tanh(s)
		y.Set(r, 0, t)
		if jac {
			g := 1 - t*t
			for c := range n {
				j.Set(r, c, g*scale*f.coef(mem, 8, r, c))
			}
		}
	}
	return y, j
}

// mix is splitmix64's finaliser applied to a ^ b.
func mix(a, b uint64) uint64 {
	z := a ^ (b + 0x9e3779b97f4a7c15)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}
