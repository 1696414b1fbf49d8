package numeric

import (
	"math"
	"math/rand/v2"
	"strings"
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

// naiveProduct multiplies vals left to right with gonum's Mul (a 1×1 value
// scales), the reference for the plan's products.
func naiveProduct(vals []*mat.Dense, ts []bool) *mat.Dense {
	view := func(i int) mat.Matrix {
		if ts[i] {
			return vals[i].T()
		}
		return vals[i]
	}
	acc := mat.DenseCopyOf(view(0))
	for i := 1; i < len(vals); i++ {
		var r mat.Dense
		switch {
		case isScalar(acc):
			r.Scale(acc.At(0, 0), view(i))
		case isScalar(vals[i]):
			r.Scale(vals[i].At(0, 0), acc)
		default:
			r.Mul(acc, view(i))
		}
		acc = &r
	}
	return acc
}

// TestChainProduct: the plan's product (cheapest order, partial products
// in buffers, the last one into the destination) gives the left-to-right
// value, with scalars, transposed factors and chains that do not chain;
// with β = 0 the destination's previous content (NaN) is never read, and
// with β = 1 the product is added to it.
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
		"outer":         {{4, 1, false}, {3, 1, true}},
		"matvec":        {{4, 3, true}, {4, 1, false}},
		"scaled T":      {{1, 1, false}, {3, 2, true}},
		"all scalars":   {{1, 1, false}, {1, 1, false}, {1, 1, false}},
		"matmat":        {{3, 4, false}, {4, 2, false}},
	}
	for name, fs := range cases {
		vals := make([]*mat.Dense, len(fs))
		ts := make([]bool, len(fs))
		p := &prodPlan{tmp: make([]int, len(fs)-1)}
		for i, x := range fs {
			vals[i], ts[i] = randDense(rng, x.r, x.c), x.t
			p.fs = append(p.fs, factor{t: x.t})
		}
		for i := range p.tmp {
			p.tmp[i] = i
		}
		s := &state{bufs: make([]*mat.Dense, len(p.tmp))}
		want := naiveProduct(vals, ts)
		r, c, err := p.dims(vals)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if wr, wc := want.Dims(); r != wr || c != wc {
			t.Fatalf("%s: dims %d×%d, want %d×%d", name, r, c, wr, wc)
		}
		got := mat.NewDense(r, c, nil)
		fill(got, math.NaN())
		p.into(s, vals, got, 1, 0)
		if !mat.EqualApprox(got, want, 1e-12) {
			t.Errorf("%s: got\n%v\nwant\n%v", name, mat.Formatted(got), mat.Formatted(want))
		}
		// Twice more, accumulating: got = 2·got − 0.5·product.
		p.into(s, vals, got, -0.5, 2)
		var want2 mat.Dense
		want2.Scale(1.5, want)
		if !mat.EqualApprox(got, &want2, 1e-12) {
			t.Errorf("%s, accumulated: got\n%v\nwant\n%v", name, mat.Formatted(got), mat.Formatted(&want2))
		}
	}
}

// TestChainDimsError: factors whose sizes do not agree are an error
// naming both sizes, not a panic.
func TestChainDimsError(t *testing.T) {
	p := &prodPlan{fs: []factor{{}, {}}, tmp: []int{0}}
	_, _, err := p.dims([]*mat.Dense{mat.NewDense(2, 3, nil), mat.NewDense(2, 3, nil)})
	if err == nil || !strings.Contains(err.Error(), "cannot multiply 2×3 by 2×3") {
		t.Errorf("err = %v", err)
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
