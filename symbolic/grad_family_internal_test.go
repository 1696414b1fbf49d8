package symbolic

import (
	"strings"
	"testing"
)

func (t *tprog) family(name string, s ...Dim) {
	t.p.Symbols[name] = &Symbol{Name: name, Kind: SymFamily, Shape: Shape(s).Norm(), Index: "i", Count: "n", Declared: true}
	t.p.Symbols["i"] = &Symbol{Name: "i", Kind: SymIndex, Count: "n"}
}

func (t *tprog) member(name, idx string) *Expr {
	return &Expr{Op: OpVar, Name: name, Sub: []*Expr{{Op: OpVar, Name: idx, Pos: NoPos}}, Shape: t.p.Symbols[name].Shape, Pos: NoPos}
}

func (t *tprog) fn(name string, elementwise bool, rng Shape, dom ...Shape) {
	t.p.Symbols[name] = &Symbol{Name: name, Kind: SymFunc, Elementwise: elementwise, Range: rng, Domain: dom}
}

func tapply(name string, shape Shape, args ...*Expr) *Expr {
	return &Expr{Op: OpCall, Name: name, Args: args, Shape: shape, Pos: NoPos}
}

// build2c defines f = (y − Σ_{i=1}^{n} σ(w_iᵀ x + b_i))².
func build2c(t *tprog) {
	t.family("w", "d")
	t.family("b")
	x, y := t.v("x", "d"), t.v("y")
	body := raw(OpAdd, raw(OpMul, raw(OpT, t.member("w", "i")), x), t.member("b", "i"))
	sum := &Expr{Op: OpSum, Name: "i", Args: []*Expr{Number(1), {Op: OpVar, Name: "n", Pos: NoPos}, tcall("σ", body)}, Pos: NoPos}
	t.def("f", tsq(raw(OpSub, y, sum)))
}

func TestGradFamilies(t *testing.T) {
	tests := []struct {
		name   string
		build  func(t *tprog) *Expr
		inline bool
		want   string
	}{
		{"2c-dw", func(t *tprog) *Expr { build2c(t); return t.member("w", "i") }, true,
			"−2 (y − Σ_{j=1}^{n} σ(w_jᵀ x + b_j)) σ(w_iᵀ x + b_i) (1 − σ(w_iᵀ x + b_i)) x"},
		{"2c-db", func(t *tprog) *Expr { build2c(t); return t.member("b", "i") }, true,
			"−2 (y − Σ_{j=1}^{n} σ(w_jᵀ x + b_j)) σ(w_iᵀ x + b_i) (1 − σ(w_iᵀ x + b_i))"},
		{"2c-dx", func(t *tprog) *Expr { build2c(t); return t.v("x", "d") }, true,
			"−2 (y − Σ_{i=1}^{n} σ(w_iᵀ x + b_i)) (Σ_{i=1}^{n} σ(w_iᵀ x + b_i) (1 − σ(w_iᵀ x + b_i)) w_i)"},
		{"2a", func(t *tprog) *Expr {
			t.fn("f", false, nil, nil, nil, nil)
			t.p.Symbols["g"] = &Symbol{Name: "g", Kind: SymFunc, Elementwise: true, Index: "i", Count: "n", Domain: []Shape{nil}}
			w := t.v("w")
			g := func(k float64) *Expr {
				return &Expr{Op: OpCall, Name: "g", Sub: []*Expr{{Op: OpNum, Num: k, Pos: NoPos}}, Args: []*Expr{w}, Pos: NoPos}
			}
			t.def("F", tapply("f", nil, g(1), g(2), g(3)))
			return w
		}, true, "∂_1 f(g₁(w), g₂(w), g₃(w)) g₁'(w) + ∂_2 f(g₁(w), g₂(w), g₃(w)) g₂'(w) + ∂_3 f(g₁(w), g₂(w), g₃(w)) g₃'(w)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tp := newTProg()
			wrt := tc.build(tp)
			d, err := Grad(tp.p, wrt, GradOptions{Inline: tc.inline})
			if err != nil {
				t.Fatal(err)
			}
			if got := Print(d.Expr, Text); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// build2e defines ℓ = ½‖W2 Φ(W1 x + b) − y‖².
func build2e(t *tprog) {
	x, b, y := t.v("x", "d"), t.v("b", "d"), t.v("y", "d")
	W1, W2 := t.v("W1", "d", "d"), t.v("W2", "d", "d")
	t.fn("Φ", false, Shape{"d"}, Shape{"d"})
	z := raw(OpAdd, raw(OpMul, W1, x), b)
	r := raw(OpSub, raw(OpMul, W2, tapply("Φ", Shape{"d"}, z)), y)
	t.def("ℓ", raw(OpMul, Number(0.5), tsq(&Expr{Op: OpNorm, Name: "2", Args: []*Expr{r}})))
}

func TestGradWhere(t *testing.T) {
	tests := []struct {
		name  string
		build func(t *tprog) *Expr
		want  string
	}{
		{"2e-W1", func(t *tprog) *Expr { build2e(t); return t.v("W1", "d", "d") },
			"J_Φ(z)ᵀ W2ᵀ r xᵀ where z = W1 x + b; r = W2 Φ(z) − y"},
		{"2e-x", func(t *tprog) *Expr { build2e(t); return t.v("x", "d") },
			"W1ᵀ J_Φ(z)ᵀ W2ᵀ r where z = W1 x + b; r = W2 Φ(z) − y"},
		{"2e-W2", func(t *tprog) *Expr { build2e(t); return t.v("W2", "d", "d") },
			"r Φ(z)ᵀ where z = W1 x + b; r = W2 Φ(z) − y"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tp := newTProg()
			wrt := tc.build(tp)
			d, err := Grad(tp.p, wrt, GradOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := Print(d.Expr, Text)
			var ws []string
			for _, b := range d.Where {
				ws = append(ws, b.Name+" = "+Print(b.Expr, Text))
			}
			if len(ws) > 0 {
				got += " where " + strings.Join(ws, "; ")
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestGradThrough(t *testing.T) {
	tp := newTProg()
	x0, W1, W2 := tp.v("x0", "d0"), tp.v("W1", "d0", "d1"), tp.v("W2", "d1", "d2")
	tp.fn("g", true, nil, nil)
	tp.fn("L", false, nil, Shape{"d2"})
	S1 := tp.def("S1", raw(OpMul, raw(OpT, W1), x0))
	x1 := tp.def("x1", tapply("g", Shape{"d1"}, S1))
	S2 := tp.def("S2", raw(OpMul, raw(OpT, W2), x1))
	tp.def("ℓ", tapply("L", nil, tapply("g", Shape{"d2"}, S2)))
	d, err := Grad(tp.p, &Expr{Op: OpVar, Name: "S1", Pos: NoPos}, GradOptions{Through: []string{"S2"}})
	if err != nil {
		t.Fatal(err)
	}
	got := Print(d.Expr, Text)
	for _, b := range d.Where {
		got += "; " + b.Name + " = " + Print(b.Expr, Text)
	}
	want := "g'(S1) ⊙ (W2 δ2); S1 = W1ᵀ x0; δ2 = ∂ℓ/∂S2"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if !d.Shape.Equal(Shape{"d1"}) {
		t.Errorf("shape %v", d.Shape)
	}
	e := Print(Expand(d), Text)
	if want := "g'(W1ᵀ x0) ⊙ (W2 (g'(W2ᵀ g(W1ᵀ x0)) ⊙ J_L(g(W2ᵀ g(W1ᵀ x0)))ᵀ))"; e != want {
		t.Errorf("expanded %s\nwant     %s", e, want)
	}
}
