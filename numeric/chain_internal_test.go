package numeric

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func randDense(rng *rand.Rand, r, c int) *mat.Dense {
	m := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			m.Set(i, j, rng.NormFloat64())
		}
	}
	return m
}

// TestChainProduct: reordering a product chain gives the left-to-right
// value, with scalars, transposed factors and chains that do not chain.
func TestChainProduct(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	type f struct {
		r, c int
		t    bool
	}
	cases := map[string][]f{
		"J^T W^T r x^T": {{5, 5, true}, {5, 5, true}, {5, 1, false}, {3, 1, true}},
		"scalar inside": {{4, 3, false}, {1, 1, false}, {3, 3, false}, {3, 2, false}},
		"inner product": {{3, 1, true}, {3, 1, false}, {4, 1, false}},
		"row times":     {{4, 1, true}, {4, 6, false}, {6, 2, false}, {2, 1, false}},
		"two scalars":   {{1, 1, false}, {2, 2, false}, {1, 1, false}},
	}
	for name, fs := range cases {
		vals := make([]*mat.Dense, len(fs))
		ts := make([]bool, len(fs))
		for i, x := range fs {
			vals[i], ts[i] = randDense(rng, x.r, x.c), x.t
		}
		want, err := leftToRight(vals, ts, 0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := chainProduct(vals, ts, 0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !mat.EqualApprox(got, want, 1e-12) {
			t.Errorf("%s: got\n%v\nwant\n%v", name, mat.Formatted(got), mat.Formatted(want))
		}
	}
}

// TestCostTable: the matrix chain d×d · d×d · d×1 is split so that the
// matrix–vector product is taken first.
func TestCostTable(t *testing.T) {
	d := 50
	views := []operandT{{mat.NewDense(d, d, nil), false}, {mat.NewDense(d, d, nil), true}, {mat.NewDense(d, 1, nil), false}}
	if split := costTable(views); split[0][2] != 0 {
		t.Errorf("split %d, want 0: A (B v)", split[0][2])
	}
}

// TestProductRoutines: product (Ddot, Dgemv either way, Dger, Dgemm) agrees
// with gonum's Mul for every shape and transposition flag.
func TestProductRoutines(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	random := func(r, c int) *mat.Dense {
		m := mat.NewDense(r, c, nil)
		for i := range r {
			for j := range c {
				m.Set(i, j, rng.NormFloat64())
			}
		}
		return m
	}
	shapes := [][3]int{{1, 5, 1}, {4, 5, 1}, {1, 5, 3}, {4, 1, 3}, {4, 5, 3}, {1, 1, 1}, {5, 5, 5}}
	for _, s := range shapes {
		m, k, n := s[0], s[1], s[2]
		for _, tx := range []bool{false, true} {
			for _, ty := range []bool{false, true} {
				x, y := random(m, k), random(k, n)
				var sx, sy mat.Matrix = x, y
				if tx {
					x = mat.DenseCopyOf(x.T())
					sx = x.T()
				}
				if ty {
					y = mat.DenseCopyOf(y.T())
					sy = y.T()
				}
				var want mat.Dense
				want.Mul(sx, sy)
				got := product(x, tx, y, ty)
				if !mat.EqualApprox(got, &want, 1e-12) {
					t.Errorf("%d×%d·%d×%d (tx %v, ty %v): got %v, want %v", m, k, k, n, tx, ty, mat.Formatted(got), mat.Formatted(&want))
				}
			}
		}
	}
}
