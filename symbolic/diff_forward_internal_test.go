package symbolic

import "testing"

func TestHessianJacobian(t *testing.T) {
	tests := []struct {
		name    string
		build   func(t *tprog) *Expr
		hessian bool
		want    string
		shape   Shape
	}{
		{"xAx", func(t *tprog) *Expr {
			x, A := t.v("x", "n"), t.v("A", "n", "n")
			t.def("f", raw(OpMul, raw(OpMul, raw(OpT, x), A), x))
			return x
		}, true, "A + Aᵀ", Shape{"n", "n"}},
		{"least-squares", func(t *tprog) *Expr {
			A, x, b := t.v("A", "m", "n"), t.v("x", "n"), t.v("b", "m")
			t.def("f", raw(OpMul, Number(0.5), tsq(&Expr{Op: OpNorm, Name: "2", Args: []*Expr{raw(OpSub, raw(OpMul, A, x), b)}})))
			return x
		}, true, "Aᵀ A", Shape{"n", "n"}},
		{"jacobian-affine", func(t *tprog) *Expr {
			A, x, b := t.v("A", "m", "n"), t.v("x", "n"), t.v("b", "m")
			t.def("f", raw(OpAdd, raw(OpMul, A, x), b))
			return x
		}, false, "A", Shape{"m", "n"}},
		{"jacobian-tanh", func(t *tprog) *Expr {
			A, x := t.v("A", "m", "n"), t.v("x", "n")
			t.def("f", tcall("tanh", raw(OpMul, A, x)))
			return x
		}, false, "diag(1 − tanh²(A x)) A", Shape{"m", "n"}},
		{"scalar-hessian", func(t *tprog) *Expr {
			x := t.v("x")
			t.def("f", tcall("exp", tsq(x)))
			return x
		}, true, "4 x² exp(x²) + 2 exp(x²)", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tp := newTProg()
			wrt := tc.build(tp)
			f := Jacobian
			if tc.hessian {
				f = Hessian
			}
			d, err := f(tp.p, wrt, GradOptions{Inline: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := Print(d.Expr, Text); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
			if !d.Shape.Equal(tc.shape) {
				t.Errorf("shape %v, want %v", d.Shape, tc.shape)
			}
		})
	}
}
