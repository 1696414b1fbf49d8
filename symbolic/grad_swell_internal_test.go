package symbolic

import (
	"fmt"
	"testing"
)

// nested builds f = sum(u_N) with u_0 = x and u_k = σ(u_{k−1}) ⊙ u_{k−1}
// written as one expression: the tree doubles with each level, the DAG
// grows by a constant.
func nested(t *tprog, n int) *Expr {
	x := t.v("x", "d")
	u := x
	for range n {
		u = raw(OpHad, tcall("σ", u), u)
	}
	t.def("f", tcall("sum", u))
	return x
}

// printedSize counts the nodes of the derivative as printed: the
// expression and every where-entry, each as a tree.
func printedSize(d *Derivative) int {
	var size func(e *Expr) int
	size = func(e *Expr) int {
		n := 1
		for _, a := range e.Args {
			n += size(a)
		}
		return n
	}
	total := size(d.Expr)
	for _, b := range d.Where {
		total += size(b.Expr)
	}
	return total
}

// TestNoExpressionSwell: on ever deeper nested functions, the gradient
// written with its where list grows linearly with the depth.
func TestNoExpressionSwell(t *testing.T) {
	var sizes []int
	depths := []int{4, 8, 16, 32}
	for _, n := range depths {
		tp := newTProg()
		x := nested(tp, n)
		d, err := Grad(tp.p, x, GradOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, printedSize(d))
	}
	for i := 1; i < len(sizes); i++ {
		// Doubling the depth at most (a little over) doubles the size.
		if sizes[i] > 2*sizes[i-1]+8 {
			t.Errorf("size %d at depth %d after %d at depth %d: not linear (sizes %v)", sizes[i], depths[i], sizes[i-1], depths[i-1], sizes)
		}
	}
	t.Logf("printed sizes %v at depths %v", sizes, depths)
	if per := sizes[len(sizes)-1] / depths[len(depths)-1]; per > 40 {
		t.Errorf("%d nodes per level", per)
	}
}

func BenchmarkGradNested(b *testing.B) {
	for _, n := range []int{8, 64} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			tp := newTProg()
			x := nested(tp, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Grad(tp.p, x, GradOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
