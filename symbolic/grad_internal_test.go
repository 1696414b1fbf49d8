package symbolic

import "testing"

// Hand-built programs, so the differentiation core is tested without the
// parser.

type tprog struct{ p *Program }

func newTProg() *tprog { return &tprog{p: &Program{Symbols: map[string]*Symbol{}}} }

func (t *tprog) v(name string, s ...Dim) *Expr {
	sh := Shape(s).Norm()
	if _, ok := t.p.Symbols[name]; !ok {
		t.p.Symbols[name] = &Symbol{Name: name, Kind: SymVar, Shape: sh, Declared: true}
		t.p.Order = append(t.p.Order, name)
	}
	return &Expr{Op: OpVar, Name: name, Shape: sh, Pos: NoPos}
}

func (t *tprog) def(name string, body *Expr) *Expr {
	d := &Def{Name: name, Body: body, Pos: NoPos}
	t.p.Defs = append(t.p.Defs, d)
	t.p.Symbols[name] = &Symbol{Name: name, Kind: SymDef, Shape: body.Shape, Def: d}
	t.p.Result = d
	return &Expr{Op: OpVar, Name: name, Shape: body.Shape, Pos: NoPos}
}

func tcall(name string, a *Expr) *Expr { return Call(name, a) }

func tsq(e *Expr) *Expr { return raw(OpPow, e, Number(2)) }

func TestGradInternal(t *testing.T) {
	tests := []struct {
		name  string
		build func(t *tprog) *Expr // defines f, returns wrt
		want  string
	}{
		{"c69", func(t *tprog) *Expr {
			a, x := t.v("a", "n"), t.v("x", "n")
			t.def("f", raw(OpMul, raw(OpT, a), x))
			return x
		}, "a"},
		{"c70", func(t *tprog) *Expr {
			a, b, X := t.v("a", "m"), t.v("b", "n"), t.v("X", "m", "n")
			t.def("f", raw(OpMul, raw(OpMul, raw(OpT, a), X), b))
			return X
		}, "a bᵀ"},
		{"c81", func(t *tprog) *Expr {
			x, B := t.v("x", "n"), t.v("B", "n", "n")
			t.def("f", raw(OpMul, raw(OpMul, raw(OpT, x), B), x))
			return x
		}, "(B + Bᵀ) x"},
		{"c100", func(t *tprog) *Expr {
			X, A := t.v("X", "m", "n"), t.v("A", "n", "m")
			t.def("f", tcall("tr", raw(OpMul, X, A)))
			return X
		}, "Aᵀ"},
		{"c115", func(t *tprog) *Expr {
			X := t.v("X", "m", "n")
			t.def("f", tcall("tr", raw(OpMul, raw(OpT, X), X)))
			return X
		}, "2 X"},
		{"c61", func(t *tprog) *Expr {
			a, b, X := t.v("a", "n"), t.v("b", "n"), t.v("X", "n", "n")
			t.def("f", raw(OpMul, raw(OpMul, raw(OpT, a), raw(OpInv, X)), b))
			return X
		}, "−X⁻ᵀ a bᵀ X⁻ᵀ"},
		{"det", func(t *tprog) *Expr {
			X := t.v("X", "n", "n")
			t.def("f", tcall("det", X))
			return X
		}, "det(X) X⁻ᵀ"},
		{"logdet", func(t *tprog) *Expr {
			X := t.v("X", "n", "n")
			t.def("f", tcall("log", tcall("det", X)))
			return X
		}, "X⁻ᵀ"},
		{"norm2sq", func(t *tprog) *Expr {
			A, x, b := t.v("A", "m", "n"), t.v("x", "n"), t.v("b", "m")
			t.def("f", tsq(&Expr{Op: OpNorm, Name: "2", Args: []*Expr{raw(OpSub, raw(OpMul, A, x), b)}}))
			return x
		}, "2 Aᵀ (A x − b)"},
		{"logistic", func(t *tprog) *Expr {
			X, w, y := t.v("X", "m", "n"), t.v("w", "n"), t.v("y", "m")
			m := raw(OpNeg, raw(OpHad, y, raw(OpMul, X, w)))
			t.def("L", tcall("sum", tcall("log", raw(OpAdd, Number(1), tcall("exp", m)))))
			return w
		}, "−Xᵀ (y ⊙ σ(−y ⊙ (X w)))"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tp := newTProg()
			wrt := tc.build(tp)
			d, err := Grad(tp.p, wrt, GradOptions{Inline: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := Print(d.Expr, Text); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}
