package main

import (
	"strings"
	"testing"
)

// bugCase is one reported bug: the command, its exit code, and text that
// must (want) or must not (avoid) appear in stdout+stderr.
type bugCase struct {
	name  string
	args  []string
	code  int
	want  []string
	avoid []string
}

// noCrash is text that no output may contain.
var noCrash = []string{"panic", "goroutine", "internal error", "this is a bug in deriv"}

func runBugCases(t *testing.T, cases []bugCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errs, code := runCLI(t, c.args...)
			all := out + errs
			if code != c.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, out, errs)
			}
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("output lacks %q\nstdout: %s\nstderr: %s", w, out, errs)
				}
			}
			for _, a := range append(append([]string(nil), c.avoid...), noCrash...) {
				if strings.Contains(all, a) {
					t.Errorf("output contains %q\nstdout: %s\nstderr: %s", a, out, errs)
				}
			}
		})
	}
}

const famProg = "w_i ∈ R^d for i = 1..n; x ∈ R^d; "

// TestBugFamilyOutOfRange: a family member outside 1..n, reached by a sum
// or named by --wrt, is a positioned error, not a numeric panic.
func TestBugFamilyOutOfRange(t *testing.T) {
	runBugCases(t, []bugCase{
		{"sum-from-0", []string{"check", "--wrt", "x", "--claim", "Σ_{i=0}^{n} w_i", famProg + "f = Σ_{i=0}^{n} w_i^T x"}, 2,
			[]string{"w_0 is outside the family w_i, i = 1..n", "<input>:1:"}, nil},
		{"eval-sum-from-0", []string{"grad", "--wrt", "x", famProg + "f = Σ_{i=0}^{n} w_i^T x"}, 2,
			[]string{"w_0 is outside the family w_i, i = 1..n"}, nil},
		{"member-past-dims", []string{"check", "--dims", "n=2", "--wrt", "x", "--claim", "w_3", famProg + "f = w_3^T x"}, 2,
			[]string{"w_3 is outside the family w_i, i = 1..n", "<input>:1:38"}, nil},
		{"wrt-member-past-dims", []string{"check", "--dims", "n=3", "--wrt", "w_5", "--claim", "x", famProg + "f = Σ_{i=1}^{n} w_i^T x"}, 2,
			[]string{"w_5 is outside the family w_i, i = 1..n"}, nil},
		{"claim-w0", []string{"check", "--wrt", "x", "--claim", "Σ_{i=1}^{n} w_0^T x", famProg + "f = Σ_{i=1}^{n} w_i^T x"}, 2,
			[]string{"w_0 is not a member of the family w_i, i = 1..n", "--claim:1:"}, nil},
	})
}

const progFamDef = "w_i ∈ R^d, b_i ∈ R for i = 1..n; x ∈ R^d; y ∈ R; z_i = w_i^T x + b_i; a_i = φ(z_i); f = (y − Σ_{i=1}^{n} a_i)^2"

// TestBugFamilyDefinitionTarget: ∂f/∂z_i for a definition z_i made once
// per member. deriv used to answer with the whole Σ (a wrong answer) and
// ignored --through z_i; then it refused. It now answers as for a family
// member (z a family variable, the sum collapsed on the Kronecker delta),
// checked the same way, in grad and check; --through z_i still refuses,
// at the definition.
func TestBugFamilyDefinitionTarget(t *testing.T) {
	refuse := []string{"z_i is defined once for each i", "<input>:1:50"}
	wrong := []string{"Σ_{i=1}^{n} φ'"}
	right := "−2 (y − Σ_{j=1}^{n} φ(z_j)) φ'(z_i)"
	runBugCases(t, []bugCase{
		{"grad-wrt", []string{"grad", "--wrt", "z_i", progFamDef}, 0, []string{"∂f/∂z_i = " + right}, wrong},
		{"grad-wrt-check", []string{"grad", "--check", "--wrt", "z_i", progFamDef}, 0, []string{right, "✓ verified"}, wrong},
		{"grad-wrt-a", []string{"grad", "--check", "--wrt", "a_i", progFamDef}, 0, []string{"∂f/∂a_i = −2 (y − Σ_{j=1}^{n} a_j)", "✓ verified"}, nil},
		{"through", []string{"grad", "--wrt", "w_i", "--through", "z_i", progFamDef}, 2, refuse, nil},
		{"check-wrt-right", []string{"check", "--wrt", "z_i", "--claim", "-2 (y - Σ_{j=1}^{n} φ(z_j)) φ'(z_i)", progFamDef}, 0, []string{"correct"}, nil},
		{"check-wrt-sum", []string{"check", "--wrt", "z_i", "--claim", "-2 (y - Σ_{j=1}^{n} φ(z_j)) Σ_{j=1}^{n} φ'(z_j)", progFamDef}, 1, []string{"incorrect"}, nil},
		{"wrt-w-still-works", []string{"grad", "--check", "--wrt", "w_i", progFamDef}, 0,
			[]string{"φ'(w_iᵀ x + b_i) x"}, nil},
		{"plain-through-still-works", []string{"grad", "--wrt", "x", "--through", "z", "x ∈ R^d; W ∈ R^{d×d}; z = W x; f = sum(z)"}, 0,
			[]string{"Wᵀ δ_z"}, nil},
	})
}

// TestBugWrtItself: ∂ℓ/∂ℓ = 1 (the identity for a vector) passes its own
// check; it used to warn that it failed it.
func TestBugWrtItself(t *testing.T) {
	prog := "x ∈ R^d; ℓ = x^T x"
	runBugCases(t, []bugCase{
		{"grad", []string{"grad", "--wrt", "ℓ", prog}, 0, []string{"∂ℓ/∂ℓ = 1"}, []string{"warning", "failed"}},
		{"grad-check", []string{"grad", "--check", "--wrt", "ℓ", prog}, 0, []string{"∂ℓ/∂ℓ = 1", "✓ verified"}, nil},
		{"check-right", []string{"check", "--wrt", "ℓ", "--claim", "1", prog}, 0, []string{"correct"}, nil},
		{"check-wrong", []string{"check", "--wrt", "ℓ", "--claim", "2", prog}, 1, []string{"incorrect"}, nil},
		{"jacobian", []string{"jacobian", "--check", "--wrt", "z", "x ∈ R^d; W ∈ R^{d×d}; z = W x"}, 0, []string{"∂z/∂z = I", "✓ verified"}, nil},
		{"hessian", []string{"hessian", "--check", "--wrt", "ℓ", prog}, 0, []string{"= 0", "✓ verified"}, nil},
	})
}

// TestBugParserSpellings: W^{(2)ᵀ} (SPEC §7.1's own spelling), tanh^2(z)
// of a vector (entry by entry, as tanh²(z)), and Ax in a claim.
func TestBugParserSpellings(t *testing.T) {
	w2 := "x ∈ R^d; W^{(2)} ∈ R^{d×d}; f = sum(W^{(2)ᵀ} x)"
	runBugCases(t, []bugCase{
		{"label-unicode-T", []string{"grad", "--check", "--wrt", "W^{(2)}", w2}, 0, []string{"x 𝟙ᵀ", "✓ verified"}, nil},
		{"label-unicode-T-claim", []string{"check", "--wrt", "W^{(2)}", "--claim", "x 𝟙^T", w2}, 0, []string{"correct"}, nil},
		{"label-unicode-inv", []string{"parse", "W^{(2)} ∈ R^{d×d}; x ∈ R^d; f = sum(W^{(2)⁻ᵀ} x) + sum(W^{(2)⁻¹} x)"}, 0, []string{"W⁽²⁾⁻ᵀ x", "W⁽²⁾⁻¹ x"}, nil},
		{"tanh-caret-2-vector", []string{"grad", "--check", "--wrt", "z", "z ∈ R^d; f = sum(tanh^2(z))"}, 0, []string{"✓ verified"}, nil},
		{"tanh-caret-brace-3", []string{"grad", "--check", "--wrt", "z", "z ∈ R^d; f = sum(tanh^{3}(z))"}, 0, []string{"✓ verified"}, nil},
		{"tanh-caret-claim", []string{"check", "--wrt", "z", "--claim", "2 tanh(z) ⊙ (1 - tanh^2(z))", "z ∈ R^d; f = sum(tanh^2(z))"}, 0, []string{"correct"}, nil},
		{"Ax-in-claim", []string{"check", "--wrt", "x", "--claim", "Ax + A^Tx", "A ∈ R^{n×n}; x ∈ R^n; f = x^T A x"}, 0, []string{"correct"}, nil},
	})
}

const progLabelled = "x ∈ R^d; W^{(1)} ∈ R^{d×d}; W^{(2)} ∈ R^{d×d}; S^{(1)} = W^{(1)} x; S^{(2)} = W^{(2)} tanh(S^{(1)}); f = sum(S^{(2)})"

// TestBugThroughLabelled: --through S^{(2)} names the definition S⁽²⁾ in
// every spelling; its δ is δ⁽²⁾; where lists write labelled names in
// LaTeX and ASCII as such (S^{(1)}, S^(1)), not as Unicode.
func TestBugThroughLabelled(t *testing.T) {
	wrt := []string{"grad", "--check", "--wrt", "W^{(1)}"}
	with := func(extra ...string) []string {
		return append(append(append([]string(nil), wrt...), extra...), progLabelled)
	}
	runBugCases(t, []bugCase{
		{"latex-braces", with("--through", "S^{(2)}"), 0, []string{"δ⁽²⁾ = ∂f/∂S⁽²⁾", "✓ verified"}, []string{"not a definition"}},
		{"parens", with("--through", "S^(2),S^(1)"), 0, []string{"∂f/∂W⁽¹⁾ = δ⁽¹⁾ xᵀ", "✓ verified"}, nil},
		{"unicode", with("--through", "S⁽²⁾"), 0, []string{"δ⁽²⁾", "✓ verified"}, nil},
		{"latex-out", with("--through", "S^{(2)}", "--latex"), 0, []string{`\tanh^{2}(S^{(1)})`, `\partial S^{(2)}`}, []string{"S⁽"}},
		{"ascii-out", with("--through", "S^{(2)}", "--ascii"), 0, []string{"where S^(1) = W^(1)*x", "df/dS^(2)"}, []string{"S⁽"}},
		{"unknown", with("--through", "S^{(3)}"), 2, []string{"--through:1:1: unknown name S⁽³⁾"}, nil},
	})
}

// TestBugStepIterates: in worksheet 2(d)'s step on w_i and b_i, every
// updated variable is written as its iterate, inside the sum too.
func TestBugStepIterates(t *testing.T) {
	prog := "w_i ∈ R^d, b_i ∈ R for i = 1..n; x ∈ R^d; y ∈ R; f = (y − Σ_{i=1}^{n} σ(w_i^T x + b_i))^2"
	out, errs, code := runCLI(t, "step", "--wrt", "w_i,b_i", "--rate", "η", prog)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 update lines, got %q", out)
	}
	for _, l := range lines {
		for _, w := range []string{"w_j⁽ᵗ⁾ᵀ x + b_j⁽ᵗ⁾", "w_i⁽ᵗ⁾ᵀ x + b_i⁽ᵗ⁾"} {
			if !strings.Contains(l, w) {
				t.Errorf("%q lacks %q", l, w)
			}
		}
	}
}

// TestBugNumericRobustness: issue 7's cases, as the CLI answers them.
func TestBugNumericRobustness(t *testing.T) {
	runBugCases(t, []bugCase{
		{"exp-1000x", []string{"check", "--wrt", "x", "--claim", "1000 exp(1000 x)", "x ∈ R; f = exp(1000 x)"}, 0, []string{"correct"}, []string{"incorrect"}},
		{"relu-beyond-4", []string{"check", "--wrt", "x", "--claim", "2x + relu(x - 4)", "x ∈ R; f = x^2"}, 1, []string{"incorrect"}, nil},
	})
}
