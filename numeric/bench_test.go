package numeric

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// benchPoint is the worksheet's point at d = 1000.
func benchPoint(b *testing.B, d int) (*symbolic.Program, *symbolic.Expr, *symbolic.Expr, *symbolic.Expr, *Env) {
	p, l, w1, grad := worksheet()
	env, err := Sample(p, nil, SampleOptions{Seed: 1, Dims: map[symbolic.Dim]int{"d": d}}, 0)
	if err != nil {
		b.Fatal(err)
	}
	return p, l, w1, grad, env
}

// BenchmarkGradW1Compiled evaluates (φ'(z) ⊙ (W2ᵀ r)) xᵀ at d = 1000
// through Compile/Eval.
func BenchmarkGradW1Compiled(b *testing.B) {
	p, _, _, grad, env := benchPoint(b, 1000)
	c, err := Compile(p, grad)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Eval(env); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGradW1Evaluator is BenchmarkGradW1Compiled through an
// Evaluator: the result is borrowed (valid until the next Eval), so no
// buffer is allocated once the first evaluation has made them.
func BenchmarkGradW1Evaluator(b *testing.B) {
	p, _, _, grad, env := benchPoint(b, 1000)
	c, err := Compile(p, grad)
	if err != nil {
		b.Fatal(err)
	}
	ev := c.NewEvaluator()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ev.Eval(env); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGradW1Hand is the same formula written by hand with gonum.
func BenchmarkGradW1Hand(b *testing.B) {
	_, _, _, _, env := benchPoint(b, 1000)
	x, bb, y, W1, W2 := env.Vals["x"], env.Vals["b"], env.Vals["y"], env.Vals["W1"], env.Vals["W2"]
	phi := env.Funcs["φ"]
	b.ReportAllocs()
	for b.Loop() {
		var z, fz, dz, r, g, h, out mat.Dense
		z.Mul(W1, x)
		z.Add(&z, bb)
		fz.Apply(func(_, _ int, t float64) float64 { v, _ := phi.scalar(0, t); return v }, &z)
		dz.Apply(func(_, _ int, t float64) float64 { _, d := phi.scalar(0, t); return d }, &z)
		r.Mul(W2, &fz)
		r.Sub(&r, y)
		g.Mul(W2.T(), &r)
		h.MulElem(&dz, &g)
		out.Mul(&h, x.T())
	}
}

// BenchmarkGradW1HandBLAS is the same formula written by hand the fastest
// way gonum allows: Dgemv for the matrix–vector products, Dger for the
// outer product, buffers allocated once outside the loop.
func BenchmarkGradW1HandBLAS(b *testing.B) {
	const d = 1000
	_, _, _, _, env := benchPoint(b, d)
	x, bb, y, W1, W2 := env.Vals["x"], env.Vals["b"], env.Vals["y"], env.Vals["W1"], env.Vals["W2"]
	phi := env.Funcs["φ"]
	vec := func(m *mat.Dense) blas64.Vector { return blas64.Vector{N: d, Inc: 1, Data: m.RawMatrix().Data} }
	z, fz, dz, r, g := make([]float64, d), make([]float64, d), make([]float64, d), make([]float64, d), make([]float64, d)
	out := mat.NewDense(d, d, nil)
	v := func(s []float64) blas64.Vector { return blas64.Vector{N: d, Inc: 1, Data: s} }
	b.ReportAllocs()
	for b.Loop() {
		copy(z, bb.RawMatrix().Data)
		blas64.Gemv(blas.NoTrans, 1, W1.RawMatrix(), vec(x), 1, v(z))
		for i, t := range z {
			fz[i], dz[i] = phi.scalar(0, t)
		}
		copy(r, y.RawMatrix().Data)
		blas64.Gemv(blas.NoTrans, 1, W2.RawMatrix(), v(fz), -1, v(r))
		blas64.Gemv(blas.Trans, 1, W2.RawMatrix(), v(r), 0, v(g))
		for i := range g {
			g[i] *= dz[i]
		}
		o := out.RawMatrix()
		for i := range o.Data {
			o.Data[i] = 0
		}
		blas64.Ger(1, v(g), vec(x), o)
	}
}

// BenchmarkDirectionalCheck is the cost of one random-direction check
// (six evaluations of f = Σ sin(x_k), plus drawing the direction) as the
// variable grows from 10 to 10⁶ entries.
func BenchmarkDirectionalCheck(b *testing.B) {
	for _, n := range []int{10, 1000, 100000, 1000000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			x0 := make([]float64, n)
			rng := rand.New(rand.NewPCG(1, 2))
			for i := range x0 {
				x0[i] = rng.NormFloat64()
			}
			pert := perturbation{x0: x0, m: 1, eval: func(y, x []float64) error {
				var s float64
				for _, v := range x {
					s += math.Sin(v)
				}
				y[0] = s
				return nil
			}}
			pert.along = func(y []float64, t float64, v []float64) error {
				var s float64
				for i, x := range x0 {
					s += math.Sin(x + t*v[i])
				}
				y[0] = s
				return nil
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := directionalFD(pert, randomUnit(rng, n)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
