package symbolic_test

import (
	"testing"

	"pgregory.net/rapid"

	"deriv/numeric"
	"deriv/parser"
	"deriv/symbolic"
	"deriv/symbolic/symtest"
)

// rulesProgram declares the names the rule tables use.
const rulesProgram = "x, μ, u, v, z ∈ R^n; A, B, Λ ∈ R^{n×n}; X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; s, σ, λ ∈ R; f = xᵀ x"

// ruleCases: for each presentation rule, inputs (parsed, then simplified
// by the smart constructors when simplify is set, as derivatives are) and
// the Text the rule alone rewrites them to.
var ruleCases = []struct {
	rule     string
	in       string
	simplify bool
	want     string
}{
	{"double-negation", "−(−x)", false, "x"},
	{"function-of-constant", "log(u − u + 2)", true, "log(2) 𝟙"},
	{"function-of-constant", "relu'(u − u + 3)", true, "relu'(3) 𝟙"},
	{"double-negation", "−(−(−x))", false, "−x"},
	{"ones-row", "(u 𝟙ᵀ)ᵀ", true, "𝟙 uᵀ"},
	{"ones-row", "u 𝟙ᵀ", true, "u 𝟙ᵀ"},
	{"ones-diag", "𝟙ᵀ diag(v)", false, "vᵀ"},
	{"ones-diag", "u 𝟙ᵀ diag(v)", false, "u vᵀ"},
	{"ones-diag", "diag(v) 𝟙", false, "v"},
	{"ones-diag", "A diag(v) 𝟙", false, "A v"},
	{"ones-diag", "𝟙ᵀ A", false, "𝟙ᵀ A"},
	{"symmetric-transpose", "((Aᵀ A)⁻¹)ᵀ", false, "(Aᵀ A)⁻¹"},
	{"symmetric-transpose", "(A + Aᵀ)ᵀ", false, "A + Aᵀ"},
	{"symmetric-transpose", "(2 A Aᵀ + I)ᵀ", false, "2 A Aᵀ + I"},
	{"symmetric-transpose", "(A B)ᵀ", false, "(A B)ᵀ"},
	{"symmetric-transpose", "(Aᵀ B A)ᵀ", false, "(Aᵀ B A)ᵀ"},
	{"symmetric-transpose", "(Aᵀ (B + Bᵀ) A)ᵀ", false, "Aᵀ (B + Bᵀ) A"},
	{"symmetric-transpose", "(A + B)ᵀ", false, "(A + B)ᵀ"},
	{"push-transpose", "(xᵀ Aᵀ/s − s xᵀ)ᵀ", false, "A x/s − s x"},
	{"push-transpose", "(xᵀ − μᵀ)ᵀ", false, "x − μ"},
	{"push-transpose", "(A − B)ᵀ", false, "(A − B)ᵀ"},
	{"collect-terms", "x/s + A x − x/s + A x/s + x/s", false, "A x + A x/s + x/s"},
	{"collect-terms", "A x/s − 2 x + Aᵀ x/s + x", false, "A x/s + Aᵀ x/s − x"},
	{"pull-transpose", "xᵀ − μᵀ", false, "(x − μ)ᵀ"},
	{"pull-transpose", "Aᵀ + Bᵀ", false, "(A + B)ᵀ"},
	{"pull-transpose", "A⁻ᵀ − Bᵀ", false, "A⁻ᵀ − Bᵀ"},
	{"pull-transpose", "½ (x − μ) (xᵀ − μᵀ)", false, "½ (x − μ) (x − μ)ᵀ"},
	{"scalar-quotient", "(1/‖x‖ x xᵀ)/‖x‖^2", false, "x xᵀ/‖x‖³"},
	{"scalar-quotient", "4 (‖x − μ‖^2 σ)/(2 σ^2)^2", false, "‖x − μ‖²/σ³"},
	{"scalar-quotient", "2/(2 λ) Xᵀ (X w − y)", false, "Xᵀ (X w − y)/λ"},
	{"scalar-quotient", "−2/(2 σ^2) (x − μ)", false, "−(x − μ)/σ²"},
	{"scalar-quotient", "1/2 A", false, "½ A"},
	{"scalar-quotient", "2/3 λ w", false, "2/3 λ w"},
	{"scalar-quotient", "exp(z)/sum(exp(z))", false, "softmax(z)"},
	{"scalar-quotient", "(exp(z) exp(z)ᵀ)/sum(exp(z))^2", false, "softmax(z) softmax(z)ᵀ"},
	{"scalar-quotient", "diag(exp(z))/sum(exp(z))", false, "diag(softmax(z))"},
	{"scalar-quotient", "2 (xᵀ u) u", false, "2 (xᵀ u) u"},
	{"scalar-quotient", "A x", false, "A x"},
	{"scalar-quotient", "2.5e-10 (A x)", false, "2.5e-10 A x"},
	{"square-leaf", "x .^ 2", false, "x ⊙ x"},
	{"square-leaf", "x .^ 3", false, "x ⊙ x ⊙ x"},
	{"square-leaf", "(x + u) .^ 3", false, "(x + u) .^ 3"},
	{"square-leaf", "exp(x) .^ 2", false, "exp(x) ⊙ exp(x)"},
	{"square-leaf", "(x + μ) .^ 2", false, "(x + μ) ⊙ (x + μ)"},
	{"square-leaf", "tanh(x) .^ 2", false, "tanh²(x)"},
	{"scale-hadamard", "3 (x ⊙ u)", false, "3 x ⊙ u"},
	{"scale-hadamard", "3 ((x + u) ⊙ u)", false, "3 ((x + u) ⊙ u)"},
	{"scale-hadamard", "−3 (x ⊙ u)", false, "−3 x ⊙ u"},
	{"scale-hadamard", "2 (tanh(x) ⊙ u ⊙ v)", false, "2 tanh(x) ⊙ u ⊙ v"},
	{"common-hadamard", "(1 − tanh(x)) ⊙ (1 − tanh(x)) ⊙ tanh(x) − tanh(x) .^ 2 ⊙ (1 − tanh(x))", false, "(1 − tanh(x)) ⊙ tanh(x) ⊙ (1 − tanh(x) − tanh(x))"},
	{"common-hadamard", "x ⊙ u + u ⊙ v", false, "u ⊙ (x + v)"},
	{"common-hadamard", "x ⊙ u + v ⊙ z", false, "x ⊙ u + v ⊙ z"},
	{"collect-terms", "1 − tanh(x) − tanh(x)", false, "1 − 2 tanh(x)"},
	{"collect-terms", "Σ_{j=1}^{n} s x + Σ_{l=1}^{n} s x", false, "2 (Σ_{j=1}^{n} s x)"},
	{"collect-terms", "6 x xᵀ + 3 ‖x‖^2 I − 3 x xᵀ", false, "3 x xᵀ + 3 ‖x‖² I"},
	{"collect-terms", "A − 2 B + A + 2 B", false, "2 A"},
	{"collect-terms", "A − A", false, "0"},
	{"collect-terms", "A + B", false, "A + B"},
	{"common-factor", "−½ Aᵀ x − ½ A x", false, "−½ (Aᵀ + A) x"},
	{"common-factor", "Aᵀ x + A x", false, "(Aᵀ + A) x"},
	{"common-factor", "x uᵀ A + x uᵀ B", false, "x (uᵀ (A + B))"},
	{"cancel-hadamard", "tanh(z) ⊙ (1 − tanh(z)) ⊙ ((u − 𝟙) ⊘ (𝟙 − tanh(z)))", false, "tanh(z) ⊙ (u − 𝟙)"},
	{"cancel-hadamard", "x ⊙ (u ⊘ x)", false, "u"},
	{"cancel-hadamard", "x ⊘ x", false, "𝟙"},
	{"cancel-hadamard", "x ⊙ (u ⊘ v)", false, "x ⊙ (u ⊘ v)"},
	{"common-factor", "½ A + ½ Aᵀ", false, "½ (A + Aᵀ)"},
	{"common-factor", "2 A + 2 Aᵀ", false, "2 A + 2 Aᵀ"},
	{"common-factor", "Aᵀ/s + A/s", false, "(Aᵀ + A)/s"},
	{"common-factor", "σ x − σ μ", false, "σ (x − μ)"},
	{"common-factor", "σ^2 s + σ s", false, "σ² s + σ s"},
	{"common-factor", "I/‖x‖ − x xᵀ/‖x‖^3", false, "I/‖x‖ − x xᵀ/‖x‖³"},
	{"common-factor", "A + B", false, "A + B"},
}

// ruleByName finds a presentation or cancel rule.
func ruleByName(t *testing.T, name string) symbolic.Rule {
	t.Helper()
	for _, r := range append(append(symbolic.RuleSet{}, symbolic.Presentation...), symbolic.Cancel...) {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no presentation rule %s", name)
	return symbolic.Rule{}
}

// TestPresentationRules: each rule alone rewrites its inputs as the table
// says, and the rewrite keeps the value (numeric.Equivalent at random
// points).
func TestPresentationRules(t *testing.T) {
	p, err := parser.Parse(rulesProgram)
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]bool{}
	for _, c := range ruleCases {
		tested[c.rule] = true
		t.Run(c.rule+"/"+c.in, func(t *testing.T) {
			in, err := parser.ParseExpr(p, c.in)
			if err != nil {
				t.Fatal(err)
			}
			if c.simplify {
				in = symbolic.Simplify(in)
			}
			out := symbolic.RuleSet{ruleByName(t, c.rule)}.Rewrite(in)
			if got := symbolic.Print(out, symbolic.Text); got != c.want {
				t.Errorf("%s: got %s, want %s", c.in, got, c.want)
			}
			if !out.Shape.Equal(in.Shape) {
				t.Errorf("%s: shape %s, then %s", c.in, in.Shape, out.Shape)
			}
			rep, err := numeric.Equivalent(p, in, out, numeric.CheckOptions{Points: 3, Seed: 5})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Verdict != "equivalent" {
				t.Errorf("%s → %s changes the value: %s", c.in, symbolic.Print(out, symbolic.Text), rep.Diagnosis)
			}
		})
	}
	for _, r := range append(append(symbolic.RuleSet{}, symbolic.Presentation...), symbolic.Cancel...) {
		if r.Doc == "" {
			t.Errorf("rule %s has no doc", r.Name)
		}
		if !tested[r.Name] {
			t.Errorf("rule %s has no table case", r.Name)
		}
	}
}

// TestPresentPreservesValue: the whole presentation set keeps the value
// of random expressions (and of their simplified forms) and their shape,
// and running it twice changes nothing more.
func TestPresentPreservesValue(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := symtest.Program(t)
		e := symtest.Expr(t, p, symtest.Shape(t, p), 4, symtest.ExprOpts{NoDomainFuncs: true, Smooth: true})
		if rapid.Bool().Draw(t, "simplify") {
			e = symbolic.Simplify(e)
		}
		out := symbolic.Present(e)
		if !out.Shape.Equal(e.Shape) {
			t.Fatalf("%s: shape %s, then %s (%s)", e, e.Shape, out.Shape, out)
		}
		if again := symbolic.Present(out); !symbolic.Equal(again, out) {
			t.Fatalf("not at a fixed point: %s → %s → %s", e, out, again)
		}
		rep, err := numeric.Equivalent(p, e, out, numeric.CheckOptions{Points: 2, Seed: 11})
		if err != nil {
			if _, err0 := numeric.Equivalent(p, e, e, numeric.CheckOptions{Points: 2, Seed: 11}); err0 != nil {
				t.Skipf("the input itself cannot be evaluated: %v", err0) // rapid discards the draw
			}
			t.Fatalf("%s → %s cannot be evaluated: %v", e, out, err)
		}
		if rep.Verdict != "equivalent" {
			t.Fatalf("%s → %s changes the value: %s (max rel. error %g)", e, out, rep.Diagnosis, rep.MaxRelError)
		}
	})
}

// TestPresentFoldsZeros: a rule that cancels an operand to zero leaves
// no 2·0 behind (rapid found ∂/∂u of (2uᵀ − uᵀ/½) u printed as 2·0, which
// reads back as a scalar).
func TestPresentFoldsZeros(t *testing.T) {
	for _, in := range []string{"2 (2 u − u/½)", "(2 u − u/½) ⊙ v", "A (2 u − u/½)", "x + 3 (2 u − u/½)", "(2 u − u/½)ᵀ v", "−(2 u − u/½)",
		"−(u/½ − (u + u) + 1)", "u/½ − (u + u) − 3"} { // a vector 0 beside a broadcast number: 𝟙, −3 𝟙
		p, err := parser.Parse(rulesProgram)
		if err != nil {
			t.Fatal(err)
		}
		e, err := parser.ParseExpr(p, in)
		if err != nil {
			t.Fatal(err)
		}
		out := symbolic.Present(symbolic.Simplify(e))
		if zeroOperand(out) {
			t.Errorf("Present(%s) = %s: an operand is zero", in, symbolic.Print(out, symbolic.Text))
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		p := symtest.Program(t)
		e := symtest.Expr(t, p, symtest.Shape(t, p), 4, symtest.ExprOpts{NoDomainFuncs: true, Smooth: true})
		if out := symbolic.Present(symbolic.Simplify(e)); zeroOperand(out) {
			t.Fatalf("Present(%s) = %s: an operand is zero", e, out)
		}
	})
}

// zeroOperand reports whether a product, elementwise product or sum in e
// has a literal zero operand.
func zeroOperand(e *symbolic.Expr) bool {
	found := false
	symbolic.Walk(e, func(n *symbolic.Expr) bool {
		switch n.Op {
		case symbolic.OpMul, symbolic.OpHad, symbolic.OpAdd, symbolic.OpSub:
			for _, a := range n.Args {
				if a.Op == symbolic.OpNum && a.Num == 0 {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// TestPresentCollectsBeside: terms that cancel beside a broadcast number
// leave that number times 𝟙 (1 − 2 u + 2 u was left as it is: the sum
// of the numbers is a scalar, the sum a vector).
func TestPresentCollectsBeside(t *testing.T) {
	p, err := parser.Parse(rulesProgram)
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"1 − (u/½ − (u + u))":     "𝟙",
		"3 − (u/½ − (u + u)) + 2": "5 𝟙",
		"v − (u/½ − (u + u))":     "v",
	} {
		e, err := parser.ParseExpr(p, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := symbolic.Print(symbolic.Present(symbolic.Simplify(e)), symbolic.Text); got != want {
			t.Errorf("Present(%s) = %s, want %s", in, got, want)
		}
	}
}
