package symtest_test

import (
	"slices"
	"testing"

	"deriv/symbolic"
	"deriv/symbolic/symtest"
	"pgregory.net/rapid"
)

// walk calls f on every node of e (arguments and subscripts).
func walk(e *symbolic.Expr, f func(*symbolic.Expr)) {
	if e == nil {
		return
	}
	f(e)
	for _, a := range e.Args {
		walk(a, f)
	}
	for _, s := range e.Sub {
		walk(s, f)
	}
}

// checkShapes recomputes the shape of the structural ops from their
// operands and reports the first node whose Shape disagrees.
func checkShapes(t *rapid.T, e *symbolic.Expr) {
	walk(e, func(n *symbolic.Expr) {
		var want symbolic.Shape
		switch n.Op {
		case symbolic.OpMul:
			a, b := n.Args[0].Shape, n.Args[1].Shape
			switch {
			case a.IsScalar():
				want = b
			case b.IsScalar():
				want = a
			default:
				if a.Cols() != b.Rows() {
					t.Fatalf("product %s: inner dimensions %s and %s differ", n, a, b)
				}
				want = symbolic.Shape{a.Rows(), b.Cols()}.Norm()
			}
		case symbolic.OpT:
			want = n.Args[0].Shape.T()
		case symbolic.OpAdd, symbolic.OpSub, symbolic.OpHad, symbolic.OpHDiv:
			a, b := n.Args[0], n.Args[1]
			switch {
			case a.Op == symbolic.OpNum:
				want = b.Shape
			case b.Op == symbolic.OpNum:
				want = a.Shape
			case !a.Shape.Equal(b.Shape):
				t.Fatalf("%s: operand shapes %s and %s differ", n, a.Shape, b.Shape)
			default:
				want = a.Shape
			}
		case symbolic.OpDiv, symbolic.OpNeg, symbolic.OpHPow:
			want = n.Args[0].Shape
			if n.Op == symbolic.OpDiv && !n.Args[1].Shape.IsScalar() {
				t.Fatalf("%s: divisor is %s", n, n.Args[1].Shape)
			}
		case symbolic.OpInv:
			a := n.Args[0].Shape
			if !a.IsMatrix() || a[0] != a[1] {
				t.Fatalf("%s: inverse of %s", n, a)
			}
			want = a
		default:
			return
		}
		if !n.Shape.Equal(want) {
			t.Fatalf("%s has shape %s, its operands make %s", n, n.Shape, want)
		}
	})
}

// TestExprShapes: every generated expression has the requested shape and
// consistent shapes on every node.
func TestExprShapes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := symtest.Program(t)
		want := symtest.Shape(t, p)
		e := symtest.Expr(t, p, want, rapid.IntRange(0, 5).Draw(t, "depth"), symtest.ExprOpts{Derivs: true})
		if !e.Shape.Equal(want) {
			t.Fatalf("%s has shape %s, want %s", e, e.Shape, want)
		}
		checkShapes(t, e)
	})
}

// TestExprOpts: the options leave out what they promise to.
func TestExprOpts(t *testing.T) {
	tests := []struct {
		name   string
		opts   symtest.ExprOpts
		banned []string
		ops    []symbolic.Op
	}{
		{"NoDomainFuncs", symtest.ExprOpts{NoDomainFuncs: true},
			[]string{"log", "sqrt", "tan", "arcsin", "arccos", "det", "logdet"}, []symbolic.Op{symbolic.OpInv, symbolic.OpHDiv}},
		{"Smooth", symtest.ExprOpts{Smooth: true}, []string{"abs", "sign", "relu", "step", "1"}, nil},
		{"NoAbstract", symtest.ExprOpts{NoAbstract: true, Derivs: true}, []string{"φ", "Φ"}, nil},
		{"no Derivs", symtest.ExprOpts{}, nil, []symbolic.Op{symbolic.OpPrime, symbolic.OpJac}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				p := symtest.Program(t)
				e := symtest.Expr(t, p, symtest.Shape(t, p), 5, tc.opts)
				walk(e, func(n *symbolic.Expr) {
					named := n.Op == symbolic.OpCall || n.Op == symbolic.OpPrime || n.Op == symbolic.OpJac || n.Op == symbolic.OpNorm
					if named && slices.Contains(tc.banned, n.Name) || slices.Contains(tc.ops, n.Op) {
						t.Fatalf("%s contains %s", e, n)
					}
					if tc.opts.NoDomainFuncs && n.Op == symbolic.OpDiv && n.Args[1].Op != symbolic.OpNum {
						t.Fatalf("%s divides by %s", e, n.Args[1])
					}
				})
			})
		})
	}
}

// exprGen draws a program and an expression of random shape in it.
var exprGen = rapid.Custom(func(t *rapid.T) *symbolic.Expr {
	p := symtest.Program(t)
	return symtest.Expr(t, p, symtest.Shape(t, p), 4, symtest.ExprOpts{Derivs: true})
})

// TestExprCoverage: over 500 fixed seeds the generator reaches every op of
// the language but OpDeriv (which needs a definition), and the functions
// listed. Seeds are fixed, so the test is deterministic.
func TestExprCoverage(t *testing.T) {
	seen := map[symbolic.Op]bool{}
	calls := map[string]bool{}
	for seed := range 500 {
		walk(exprGen.Example(seed), func(n *symbolic.Expr) {
			seen[n.Op] = true
			if n.Op == symbolic.OpCall {
				calls[n.Name] = true
			}
		})
	}
	for op := symbolic.OpNum; op <= symbolic.OpEye; op++ {
		if !seen[op] {
			t.Errorf("op %d never generated", op)
		}
	}
	for _, f := range []string{"exp", "log", "σ", "φ", "Φ", "tr", "sum", "det", "logdet", "diag", "softmax", "logsumexp", "g", "f"} {
		if !calls[f] {
			t.Errorf("function %s never generated", f)
		}
	}
}

// TestSource: the declarations are written one a line, families grouped.
func TestSource(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := symtest.Program(t)
		src := symtest.Source(p)
		if p.Src != src {
			t.Fatalf("Src not set to Source(p)")
		}
		for _, line := range []string{"x ∈ ℝ^{d}\n", "A ∈ ℝ^{d×d}\n", "φ: ℝ → ℝ\n", "Φ: ℝ^{d} → ℝ^{d}\n"} {
			if !contains(src, line) {
				t.Fatalf("source lacks %q:\n%s", line, src)
			}
		}
		if _, ok := p.Symbols["w"]; ok && !contains(src, "w_i ∈ ℝ^{d}, b_i ∈ ℝ for i = 1..n\n") {
			t.Fatalf("family not declared:\n%s", src)
		}
	})
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
