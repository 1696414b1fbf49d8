package symbolic

import "testing"

func TestStep(t *testing.T) {
	tp := newTProg()
	build2c(tp)
	eta := &Expr{Op: OpVar, Name: "η", Pos: NoPos}
	rules, err := Step(tp.p, []*Expr{tp.member("w", "i"), tp.member("b", "i")}, eta, GradOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"w_i⁽ᵗ⁺¹⁾ = w_i⁽ᵗ⁾ + 2 η (y − Σ_{j=1}^{n} σ(w_j⁽ᵗ⁾ᵀ x + b_j⁽ᵗ⁾)) σ(w_i⁽ᵗ⁾ᵀ x + b_i⁽ᵗ⁾) (1 − σ(w_i⁽ᵗ⁾ᵀ x + b_i⁽ᵗ⁾)) x",
		"b_i⁽ᵗ⁺¹⁾ = b_i⁽ᵗ⁾ + 2 η (y − Σ_{j=1}^{n} σ(w_j⁽ᵗ⁾ᵀ x + b_j⁽ᵗ⁾)) σ(w_i⁽ᵗ⁾ᵀ x + b_i⁽ᵗ⁾) (1 − σ(w_i⁽ᵗ⁾ᵀ x + b_i⁽ᵗ⁾))",
	}
	for i, r := range rules {
		if got := Print(r.Next, Text) + " = " + Print(r.Update, Text); got != want[i] {
			t.Errorf("got  %s\nwant %s", got, want[i])
		}
	}
}

func TestStepLabelled(t *testing.T) {
	tp := newTProg()
	x, b, y := tp.v("x", "d"), tp.v("b", "d"), tp.v("y", "d")
	W1 := &Expr{Op: OpVar, Name: "W", Label: "1", Shape: Shape{"d", "d"}, Pos: NoPos}
	W2 := &Expr{Op: OpVar, Name: "W", Label: "2", Shape: Shape{"d", "d"}, Pos: NoPos}
	tp.p.Symbols["W⁽¹⁾"] = &Symbol{Name: "W⁽¹⁾", Kind: SymVar, Shape: W1.Shape}
	tp.p.Symbols["W⁽²⁾"] = &Symbol{Name: "W⁽²⁾", Kind: SymVar, Shape: W2.Shape}
	r := raw(OpSub, raw(OpMul, W2, raw(OpAdd, raw(OpMul, W1, x), b)), y)
	tp.def("ℓ", raw(OpMul, Number(0.5), tsq(&Expr{Op: OpNorm, Name: "2", Args: []*Expr{r}})))
	rules, err := Step(tp.p, []*Expr{W1, W2}, &Expr{Op: OpVar, Name: "η", Pos: NoPos}, GradOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"W_{t+1}⁽¹⁾ = W_t⁽¹⁾ − η W_t⁽²⁾ᵀ (W_t⁽²⁾ (W_t⁽¹⁾ x + b) − y) xᵀ",
		"W_{t+1}⁽²⁾ = W_t⁽²⁾ − η (W_t⁽²⁾ (W_t⁽¹⁾ x + b) − y) (W_t⁽¹⁾ x + b)ᵀ",
	}
	for i, r := range rules {
		if got := Print(r.Next, Text) + " = " + Print(r.Update, Text); got != want[i] {
			t.Errorf("got  %s\nwant %s", got, want[i])
		}
	}
}
