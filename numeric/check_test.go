package numeric

import (
	"strings"
	"testing"

	"deriv/symbolic"
)

// worksheet builds ℓ = ½‖W2 φ(W1 x + b) − y‖² with φ: R → R abstract, and
// its gradient in W1, (φ'(z) ⊙ (W2ᵀ r)) xᵀ with z = W1 x + b and
// r = W2 φ(z) − y, written out.
func worksheet() (p *symbolic.Program, l, w1, grad *symbolic.Expr) {
	p = program(map[string]dims{"x": vec("d"), "b": vec("d"), "y": vec("d"), "W1": matr("d", "d"), "W2": matr("d", "d")})
	p.Symbols["φ"] = &symbolic.Symbol{Name: "φ", Kind: symbolic.SymFunc, Domain: []symbolic.Shape{nil}, Elementwise: true}
	p.Order = append(p.Order, "φ")
	x, b, y := vr("x", vec("d")), vr("b", vec("d")), vr("y", vec("d"))
	W1, W2 := vr("W1", matr("d", "d")), vr("W2", matr("d", "d"))
	z := op(symbolic.OpAdd, vec("d"), mul(vec("d"), W1, x), b)
	phi := &symbolic.Expr{Op: symbolic.OpCall, Name: "φ", Args: []*symbolic.Expr{z}, Shape: vec("d")}
	r := op(symbolic.OpSub, vec("d"), mul(vec("d"), W2, phi), y)
	norm := &symbolic.Expr{Op: symbolic.OpNorm, Name: "2", Args: []*symbolic.Expr{r}}
	l = mul(nil, num(0.5), op(symbolic.OpPow, nil, norm, num(2)))
	dphi := &symbolic.Expr{Op: symbolic.OpPrime, Name: "φ", Args: []*symbolic.Expr{z}, Shape: vec("d")}
	grad = mul(matr("d", "d"), op(symbolic.OpHad, vec("d"), dphi, mul(vec("d"), tr(W2), r)), tr(x))
	return p, l, W1, grad
}

func TestCheckCorrect(t *testing.T) {
	// ∂(aᵀ X b)/∂X = a bᵀ; ∂(xᵀ B x)/∂x = (B + Bᵀ) x.
	p := program(map[string]dims{"a": vec("m"), "b": vec("n"), "X": matr("m", "n"), "x": vec("n"), "B": matr("n", "n")})
	a, b, X := vr("a", vec("m")), vr("b", vec("n")), vr("X", matr("m", "n"))
	x, B := vr("x", vec("n")), vr("B", matr("n", "n"))
	wp, l, w1, wgrad := worksheet()
	cases := []struct {
		name          string
		p             *symbolic.Program
		f, wrt, claim *symbolic.Expr
	}{
		{"aᵀXb", p, mul(nil, mul(matr("1", "n"), tr(a), X), b), X, mul(matr("m", "n"), a, tr(b))},
		{"xᵀBx", p, mul(nil, mul(matr("1", "n"), tr(x), B), x), x, mul(vec("n"), op(symbolic.OpAdd, matr("n", "n"), B, tr(B)), x)},
		{"worksheet ∂ℓ/∂W1", wp, l, w1, wgrad},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := Check(c.p, c.f, c.wrt, c.claim, CheckOptions{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Verdict != "correct" || rep.MaxRelError > 1e-8 {
				t.Errorf("verdict %s, max rel error %g, diagnosis %q", rep.Verdict, rep.MaxRelError, rep.Diagnosis)
			}
		})
	}
}

func TestCheckDiagnosis(t *testing.T) {
	p := program(map[string]dims{"a": vec("m"), "b": vec("n"), "X": matr("m", "n"), "c": vec("n"), "Y": matr("n", "n")})
	a, b, X := vr("a", vec("m")), vr("b", vec("n")), vr("X", matr("m", "n"))
	c, Y := vr("c", vec("n")), vr("Y", matr("n", "n"))
	f := mul(nil, mul(matr("1", "n"), tr(a), X), b)
	fsq := mul(nil, mul(matr("1", "n"), tr(c), Y), b) // ∂/∂Y = c bᵀ
	cases := []struct {
		name          string
		f, wrt, claim *symbolic.Expr
		want          string
	}{
		{"shape transposed", f, X, mul(matr("n", "m"), b, tr(a)), "the claim has shape matrix(n×m) but the derivative has shape matrix(m×n) (transposed)"},
		{"value transposed", fsq, Y, mul(matr("n", "n"), b, tr(c)), "the claim is the transpose of the derivative"},
		{"sign", f, X, op(symbolic.OpNeg, matr("m", "n"), mul(matr("m", "n"), a, tr(b))), "wrong sign"},
		{"factor 2", f, X, mul(matr("m", "n"), num(2), mul(matr("m", "n"), a, tr(b))), "off by a constant factor: the claim is 2 times the derivative"},
		{"factor ½", f, X, mul(matr("m", "n"), num(0.5), mul(matr("m", "n"), a, tr(b))), "the claim is 0.5 times"},
		{"no pattern", f, X, call("exp", matr("m", "n"), mul(matr("m", "n"), a, tr(b))), ""},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			rep, err := Check(p, cs.f, cs.wrt, cs.claim, CheckOptions{Seed: 3})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Verdict != "incorrect" {
				t.Fatalf("verdict %s", rep.Verdict)
			}
			if cs.want == "" && rep.Diagnosis != "" || !strings.Contains(rep.Diagnosis, cs.want) {
				t.Errorf("diagnosis %q, want %q", rep.Diagnosis, cs.want)
			}
			if rep.Counterexample == nil || rep.Counterexample.Values == nil {
				t.Errorf("no counterexample")
			}
		})
	}
}

func TestCheckDirectional(t *testing.T) {
	// ∂ℓ/∂W1 at d = 40: 1600 entries, checked along random directions.
	p, l, w1, grad := worksheet()
	opts := CheckOptions{Seed: 2, Points: 2, Dims: map[symbolic.Dim]int{"d": 40}}
	rep, err := Check(p, l, w1, grad, opts)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != "correct" || rep.Method != "random directions" {
		t.Errorf("verdict %s by %s, error %g", rep.Verdict, rep.Method, rep.MaxRelError)
	}
	wrong := tr(grad)
	rep, err = Check(p, l, w1, wrong, opts)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != "incorrect" || rep.Diagnosis != "the claim is the transpose of the derivative" {
		t.Errorf("verdict %s, diagnosis %q", rep.Verdict, rep.Diagnosis)
	}
}

func TestEquivalent(t *testing.T) {
	p := program(map[string]dims{"A": matr("m", "n"), "B": matr("k", "m"), "v": vec("m"), "M": matr("m", "n")})
	A, B, v, M := vr("A", matr("m", "n")), vr("B", matr("k", "m")), vr("v", vec("m")), vr("M", matr("m", "n"))
	ones := &symbolic.Expr{Op: symbolic.OpOnes, Shape: vec("n")}
	cases := []struct {
		name string
		a, b *symbolic.Expr
		want string
	}{
		{"(BA)ᵀ ≡ AᵀBᵀ", tr(mul(matr("k", "n"), B, A)), mul(matr("n", "k"), tr(A), tr(B)), "equivalent"},
		{"diag(v) M ≡ (v 𝟙ᵀ) ⊙ M", mul(matr("m", "n"), call("diag", matr("m", "m"), v), M),
			op(symbolic.OpHad, matr("m", "n"), mul(matr("m", "n"), v, tr(ones)), M), "equivalent"},
		{"(BA)ᵀ ≢ BA", tr(mul(matr("k", "n"), B, A)), mul(matr("k", "n"), B, A), "different"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := Equivalent(p, c.a, c.b, CheckOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Verdict != c.want {
				t.Errorf("verdict %s (error %g, %q)", rep.Verdict, rep.MaxRelError, rep.Diagnosis)
			}
		})
	}
}
