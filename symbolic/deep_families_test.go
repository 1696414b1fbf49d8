package symbolic_test

import (
	"fmt"
	"strings"
	"testing"

	"deriv/parser"
	"deriv/symbolic"
)

// deepFamily is a program family of growing size n whose derivative must
// cost work linear in n (issue 7, issue 11).
type deepFamily struct {
	name  string
	wrt   string
	sizes []int // small, for the growth test: each size doubles the last
	bench []int // sizes of the benchmark
	build func(n int) string
}

var deepFamilies = []deepFamily{
	{"SigmaHad", "x", []int{16, 32, 64}, []int{12, 64}, func(n int) string {
		var b strings.Builder
		b.WriteString("x ∈ R^d; u0 = x")
		for k := 1; k <= n; k++ {
			fmt.Fprintf(&b, "; u%d = σ(u%d) ⊙ u%d", k, k-1, k-1)
		}
		fmt.Fprintf(&b, "; f = sum(u%d)", n)
		return b.String()
	}},
	{"Softmax", "x", []int{10, 20, 40}, []int{20}, func(n int) string {
		return "x ∈ R^d; f = sum(" + strings.Repeat("softmax(", n) + "x" + strings.Repeat(")", n) + ")"
	}},
	{"Sin", "x", []int{75, 150, 300}, []int{10, 100, 300, 500, 900}, func(n int) string {
		return "x ∈ R; f = " + strings.Repeat("sin(", n) + "x" + strings.Repeat(")", n)
	}},
	{"SigmaChain", "x", []int{50, 100, 200}, []int{200}, func(n int) string {
		var b strings.Builder
		b.WriteString("x ∈ R^d; z0 = x")
		for k := 1; k <= n; k++ {
			fmt.Fprintf(&b, "; z%d = σ(z%d)", k, k-1)
		}
		fmt.Fprintf(&b, "; f = sum(z%d)", n)
		return b.String()
	}},
	{"Square", "x", []int{8, 16, 32}, []int{18, 30}, func(n int) string {
		var b strings.Builder
		b.WriteString("x ∈ R; z0 = x")
		for k := 1; k <= n; k++ {
			fmt.Fprintf(&b, "; z%d = z%d * z%d", k, k-1, k-1)
		}
		return b.String()
	}},
	{"QuadForms", "x", []int{250, 500, 1000}, []int{10, 100, 200, 1000}, func(n int) string {
		var b strings.Builder
		b.WriteString("x ∈ R^d")
		for k := 1; k <= n; k++ {
			fmt.Fprintf(&b, "; A%d ∈ R^{d×d}", k)
		}
		b.WriteString("; f = ")
		for k := 1; k <= n; k++ {
			if k > 1 {
				b.WriteString(" + ")
			}
			fmt.Fprintf(&b, "x^T A%d x", k)
		}
		return b.String()
	}},
	{"MLP", "W1", []int{32, 64, 128}, []int{1, 8, 32, 128}, func(n int) string {
		var b strings.Builder
		b.WriteString("x ∈ R^d; y ∈ R^d; z0 = x")
		for k := 1; k <= n; k++ {
			fmt.Fprintf(&b, "; W%d ∈ R^{d×d}; z%d = σ(W%d z%d)", k, k, k, k-1)
		}
		fmt.Fprintf(&b, "; f = 1/2 ‖z%d − y‖^2", n)
		return b.String()
	}},
}

func parseFamily(tb testing.TB, f deepFamily, n int) (*symbolic.Program, *symbolic.Expr) {
	tb.Helper()
	p, err := parser.Parse(f.build(n))
	if err != nil {
		tb.Fatalf("%s/%d: %v", f.name, n, err)
	}
	w, err := parser.ParseExpr(p, f.wrt)
	if err != nil {
		tb.Fatal(err)
	}
	return p, w
}

func BenchmarkDeep(b *testing.B) {
	for _, f := range deepFamilies {
		for _, n := range f.bench {
			b.Run(fmt.Sprintf("%s/%d", f.name, n), func(b *testing.B) {
				p, w := parseFamily(b, f, n)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := symbolic.Grad(p, w, symbolic.GradOptions{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestDeepFamiliesLinearWork derives each family at sizes n, 2n, 4n,
// expands the where list back in (as verification does) and counts the
// node visits of the symbolic passes (Walk, Rewrite, differentiation,
// equality): doubling the size may at most (a little over) double the
// work. Counting visits, not time, keeps the test exact on a
// loaded machine.
func TestDeepFamiliesLinearWork(t *testing.T) {
	for _, f := range deepFamilies {
		t.Run(f.name, func(t *testing.T) {
			var visits []int64
			for _, n := range f.sizes {
				p, w := parseFamily(t, f, n)
				symbolic.Stats.Reset()
				d, err := symbolic.Grad(p, w, symbolic.GradOptions{})
				if err != nil {
					t.Fatalf("%s/%d: %v", f.name, n, err)
				}
				if symbolic.Expand(d) == nil {
					t.Fatalf("%s/%d: no derivative", f.name, n)
				}
				visits = append(visits, symbolic.Stats.Visits())
			}
			t.Logf("sizes %v: visits %v", f.sizes, visits)
			for i, v := range visits {
				if v < int64(f.sizes[i]) {
					t.Fatalf("%d visits at size %d: the counter does not count", v, f.sizes[i])
				}
			}
			for i := 1; i < len(visits); i++ {
				if float64(visits[i]) > 2.2*float64(visits[i-1]) {
					t.Errorf("visits %d at size %d after %d at size %d: more than linear growth (all: %v)",
						visits[i], f.sizes[i], visits[i-1], f.sizes[i-1], visits)
				}
			}
		})
	}
}

// TestSquareChainDerivative: z₃₀ = z₂₉ z₂₉ with z₀ = x is x^(2³⁰); its
// derivative is written in one term, not 2³⁰ factors, and reads back.
func TestSquareChainDerivative(t *testing.T) {
	var f deepFamily
	for _, g := range deepFamilies {
		if g.name == "Square" {
			f = g
		}
	}
	p, w := parseFamily(t, f, 30)
	d, err := symbolic.Grad(p, w, symbolic.GradOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := symbolic.Print(d.Expr, symbolic.Text)
	if want := "1073741824 x^1073741823"; got != want {
		t.Errorf("∂z30/∂x = %s, want %s", got, want)
	}
	claim, err := parser.ParseExpr(p, got)
	if err != nil {
		t.Fatalf("%s does not read back: %v", got, err)
	}
	if !symbolic.Equal(claim, d.Expr) {
		t.Errorf("%s reads back as %s", got, symbolic.Print(claim, symbolic.Text))
	}
}

// fibonacci is z_k = z_{k−1} z_{k−2} with z₀ = z₁ = x: x^fib(k+1), a
// product DAG whose tree has fib(k+1) leaves.
func fibonacci(n int) string {
	var b strings.Builder
	b.WriteString("x ∈ R; z0 = x; z1 = x")
	for k := 2; k <= n; k++ {
		fmt.Fprintf(&b, "; z%d = z%d * z%d", k, k-1, k-2)
	}
	return b.String()
}

// TestFibonacciProduct: a product DAG with exponentially many paths to its
// leaves derives to one power (each distinct factor raised to its number
// of paths). The work is quadratic in the depth, not linear: each step of
// reverse mode flattens the product below it again (the flattened form is
// not cached in the nodes); the test bounds it by 4 n².
func TestFibonacciProduct(t *testing.T) {
	f := deepFamily{name: "Fibonacci", wrt: "x", build: fibonacci}
	for _, c := range []struct {
		n    int
		want string
	}{
		{5, "8 x^7"},
		{20, "10946 x^10945"},
		{40, "165580141 x^165580140"},
	} {
		p, w := parseFamily(t, f, c.n)
		symbolic.Stats.Reset()
		d, err := symbolic.Grad(p, w, symbolic.GradOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := symbolic.Print(d.Expr, symbolic.Text); got != c.want {
			t.Errorf("n = %d: ∂f/∂x = %s, want %s", c.n, got, c.want)
		}
		if v := symbolic.Stats.Visits(); v > int64(4*c.n*c.n) {
			t.Errorf("n = %d: %d visits", c.n, v)
		}
	}
}

func BenchmarkDeepFibonacci(b *testing.B) {
	for _, n := range []int{20, 40} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			p, w := parseFamily(b, deepFamily{name: "Fibonacci", wrt: "x", build: fibonacci}, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := symbolic.Grad(p, w, symbolic.GradOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
