package parser_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"deriv/parser"
	"deriv/symbolic"
	"deriv/symbolic/symtest"
	"pgregory.net/rapid"
)

var styles = []symbolic.Style{symbolic.Text, symbolic.ASCII, symbolic.LaTeX}

// TestRoundTripSource: the generators' declarations parse, and the parser
// declares every generated name with the generated shape.
func TestRoundTripSource(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gen := symtest.Program(t)
		prog, err := parser.Parse(gen.Src)
		if err != nil {
			t.Fatalf("declarations do not parse:\n%s\n%v", gen.Src, err)
		}
		for _, k := range gen.Order {
			want, got := gen.Symbols[k], prog.Symbols[k]
			if got == nil {
				t.Fatalf("%s not declared by\n%s", k, gen.Src)
			}
			if got.Kind != want.Kind || !got.Shape.Equal(want.Shape) || got.Index != want.Index || got.Count != want.Count ||
				got.Elementwise != want.Elementwise || !got.Range.Equal(want.Range) || len(got.Domain) != len(want.Domain) {
				t.Fatalf("%s: parsed %+v, generated %+v", k, *got, *want)
			}
			for i := range got.Domain {
				if !got.Domain[i].Equal(want.Domain[i]) {
					t.Fatalf("%s: parsed domain %v, generated %v", k, got.Domain, want.Domain)
				}
			}
		}
	})
}

// TestRoundTrip is the printers' key property: for a random program and a
// random well-typed expression e in it, parser.ParseExpr(Print(e, style))
// is Equal to e, in each style.
func TestRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gen := symtest.Program(t)
		prog, err := parser.Parse(gen.Src)
		if err != nil {
			t.Fatalf("declarations do not parse:\n%s\n%v", gen.Src, err)
		}
		e := symtest.Expr(t, gen, symtest.Shape(t, gen), 4, symtest.ExprOpts{Derivs: true})
		for _, st := range styles {
			src := symbolic.Print(e, st)
			got, err := parser.ParseExpr(prog, src)
			if err != nil {
				t.Fatalf("%s: %s does not parse: %v\nprogram:\n%s", st, src, err, gen.Src)
			}
			if !sameBack(st, got, e) {
				t.Fatalf("%s: %s parses to %s\nwant %s\nprogram:\n%s", st, src, symbolic.Print(got, symbolic.Text), e, gen.Src)
			}
		}
	})
}

// knownForms are expressions from the acceptance examples
// (testdata/seed.yaml, testdata/identities.yaml) in their programs: each is
// parsed, printed in each style, parsed again (it must be Equal) and printed
// again (it must print the same: printing is idempotent).
var knownForms = []struct{ program, expr string }{
	{"C ∈ R^{n×d}", "1/½ C ⊘ C"}, // LaTeX: \frac{1}{1/2} C, which reads back as 1/(1/2) C
	{"f: R^n → R\ng_i: R → R for i = 1..n\nw ∈ R", "∂_1 f(g_1(w), g_2(w), g_3(w)) g_1'(w) + ∂_2 f(g_1(w), g_2(w), g_3(w)) g_2'(w)"},
	{"w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d; y ∈ R", "-2 (y - Σ_{j=1}^{n} σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i)) x"},
	{"w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d; y ∈ R", "(y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2"},
	{"w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d; y, η ∈ R\nf = Σ_{i=1}^{n} σ(w_i^T x + b_i)", "w_i - η ∂f/∂w_i"},
	{"x, b, y, z, r ∈ R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}\nΦ: R^d → R^d", "W^{(1)T} J_Φ(z)^T W^{(2)T} r"},
	{"x, b, y, z, r ∈ R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}\nΦ: R^d → R^d", "J_Φ(z)^T W^{(2)T} r x^T"},
	{"x, b, y ∈ R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}\nΦ: R^d → R^d", "1/2 ‖W^{(2)} Φ(W^{(1)} x + b) - y‖_2^2"},
	{"x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R", "(φ'(W1 x + b) ⊙ (W2^T (W2 φ(W1 x + b) - y))) x^T"},
	{"x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R", "½ ||W2 φ(W1 x + b) - y||^2"},
	{"x0 ∈ R^{d0}; W1 ∈ R^{d0×d1}; W2 ∈ R^{d1×d2}; g: R → R; S1 ∈ R^{d1}; δ ∈ R^{d2}", "g'(S1) ⊙ (W2 δ)"},
	{"x ∈ R^n; B ∈ R^{n×n}", "(B + B^T) x"},
	{"a, b ∈ R^n; X ∈ R^{n×n}", "-X^{-T} a b^T X^{-T}"},
	{"X ∈ R^{n×n}", "det(X) X^{-T}"},
	{"X ∈ R^{n×n}", "log(det(X)) + logdet(X) + tr(inv(X)) + tr(X^{-1})"},
	{"A ∈ R^{m×n}; x ∈ R^n; b ∈ R^m", "2 A^T (A x - b)"},
	{"A ∈ R^{m×n}; x ∈ R^n; b ∈ R^m", "‖A x - b‖^2 + ‖A‖_F + norm1(x)"},
	{"a ∈ R^m; b ∈ R^n; X ∈ R^{m×n}", "(a b^T) ⊙ cos(X)"},
	{"X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m", "-X^T (y ⊙ σ(-y ⊙ (X w)))"},
	{"X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m", "sum(log(1 + exp(-y ⊙ (X w))))"},
	{"z ∈ R^n", "exp(z) / sum(exp(z)) - softmax(z) + logsumexp(z) 𝟙"},
	{"A ∈ R^{p×m}; X ∈ R^{m×n}; B ∈ R^{n×q}; C ∈ R^{p×q}", "tr((A X B + C)(A X B + C)^T)"},
	{"x ∈ R^n; a ∈ R", "sqrt(a) + |a| + abs(a)^3 + π a^2 + exp(-a/2)"},
	{"x ∈ R^n; A ∈ R^{n×n}", "diag(x) A + diag(A) x^T + I - A^2"},
	{"W^{(l)} ∈ R^{d×d}; x^{(l-1)} ∈ R^d", "W^{(l)} x^{(l-1)}"},
	{"x^{(j+q)}, y^{(2)} ∈ R^n; W^{(1)} ∈ R^{n×n}", "x^{(j+q)T} y^{(2)} + y^{(2)T} W^{(1)T} x^{(j+q)} + tr(W^{(1)T} W^{(1)})^2"},
	{"w_i ∈ R^d for i = 1..n; x ∈ R^d", "w_1^T x + w_{2}^T x + Σ_{i=1}^{n} w_i^T w_i"},
	{"a, b ∈ R", "abs(abs(a) + b) + abs(a)*abs(b) + abs(a + abs(b)) + abs(abs(a))"},
	{"x, y ∈ R^n", "norm2(x*norm2(y)) + norm2(x)*norm2(y) + norm1(norm2(x)*y)"},
	// Issue 7's spellings: bare calls, powers of calls, implicit products,
	// ones of every shape, norms of matrices, shadowed indices, A^{-2}.
	{"x, y ∈ R", "sin x + sin²(x) + sin^2 x + \\sin^2 x + cos(x)^2 + σ x + exp x y + sin 2x"},
	{"x ∈ R^n; A ∈ R^{n×n}", "xᵀAx + sum(tanh x ⊙ x)"},
	{"x ∈ R^n; W ∈ R^{m×n}", "matrix(2) x + vector(3) + 𝟙 𝟙ᵀ W x + (𝟙ᵀ x) 𝟙"},
	{"A ∈ R^{m×n}; x ∈ R^n", "‖A‖ + norm2(A) + norm1(A) + ‖A‖_1 + ‖x‖"},
	{"b_i ∈ R for i = 1..n; x ∈ R", "Σ_{i=1}^{n} b_i Σ_{i=1}^{n} b_i x^2"},
	{"A ∈ R^{n×n}", "tr(A^{-2}) + tr(A^{-3})"},
	{"x, μ ∈ R; f = e + μ", "e + e^{x} + µ + ｘ"},
	{"x, y ∈ R^n; a ∈ R", "norm2(x*abs(a)^2) + abs(norm2(x)'*norm1(y)^2) + abs(a*abs(a)')"},
	{"x, y ∈ R^n; a ∈ R", "a^(-2) + (x'*y)^2 + x'*x*a - -a - (-a)*(-a)"},
	{"x ∈ R^n; a ∈ R; f = a x'*x", "a ∂f/∂x + (df/da) x + (∂f/∂a)^2 x - (∂f/∂x)'*x/(df/da) x"},
	{"X, A ∈ R^{n×n}", "inv(inv(X)) + inv(X')' + X'' + (A*X)^3 + inv(A)^2"},
}

func TestRoundTripKnownForms(t *testing.T) {
	for _, tc := range knownForms {
		t.Run(tc.expr, func(t *testing.T) {
			prog, err := parser.Parse(tc.program)
			if err != nil {
				t.Fatalf("program: %v", err)
			}
			e, err := parser.ParseExpr(prog, tc.expr)
			if err != nil {
				t.Fatalf("expression: %v", err)
			}
			for _, st := range styles {
				src := symbolic.Print(e, st)
				got, err := parser.ParseExpr(prog, src)
				if err != nil {
					t.Errorf("%s: %s does not parse: %v", st, src, err)
					continue
				}
				if !sameBack(st, got, e) {
					t.Errorf("%s: %s parses to %s, want %s", st, src, got, e)
				}
				if again := symbolic.Print(got, st); again != src {
					t.Errorf("%s: printing is not idempotent: %s, then %s", st, src, again)
				}
			}
		})
	}
}

// samePrograms reports how b differs from a: every symbol of a with the
// same kind, shape, domain and range in b, and the definitions Equal.
func samePrograms(a, b *symbolic.Program, st symbolic.Style) string {
	for _, k := range a.Order {
		x, y := a.Symbols[k], b.Symbols[k]
		switch {
		case y == nil:
			return "lost " + k
		case x.Kind != y.Kind || !x.Shape.Equal(y.Shape) || !x.Range.Equal(y.Range) || len(x.Domain) != len(y.Domain):
			return fmt.Sprintf("%s: kind %d shape %s, then kind %d shape %s", k, x.Kind, x.Shape, y.Kind, y.Shape)
		case x.Index != y.Index || x.Count != y.Count:
			return fmt.Sprintf("%s: index %s..%s, then %s..%s", k, x.Index, x.Count, y.Index, y.Count)
		}
	}
	if len(a.Defs) != len(b.Defs) {
		return fmt.Sprintf("%d definitions, then %d", len(a.Defs), len(b.Defs))
	}
	for i, d := range a.Defs {
		e := b.Defs[i]
		if d.Name != e.Name || !slices.Equal(d.Params, e.Params) || !sameBack(st, e.Body, d.Body) {
			return fmt.Sprintf("definition %s(%v) = %s, then %s(%v) = %s", d.Name, d.Params, d.Body, e.Name, e.Params, e.Body)
		}
	}
	return ""
}

// checkProgramRoundTrip prints prog in each style, parses it back, and
// checks the result is the same program and prints the same.
func checkProgramRoundTrip(t interface{ Fatalf(string, ...any) }, prog *symbolic.Program) {
	for _, st := range styles {
		src := symbolic.PrintProgram(prog, st)
		back, err := parser.Parse(src)
		if err != nil {
			t.Fatalf("%s: canonical program does not parse: %v\n%s", st, err, src)
		}
		if diff := samePrograms(prog, back, st); diff != "" {
			t.Fatalf("%s: %s\n%s", st, diff, src)
		}
		if again := symbolic.PrintProgram(back, st); again != src {
			t.Fatalf("%s: PrintProgram is not idempotent:\n%s\nthen\n%s", st, src, again)
		}
	}
}

// TestRoundTripProgram: PrintProgram of a random program with two
// definitions parses back to the same program, in each style.
func TestRoundTripProgram(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gen := symtest.Program(t)
		z := symtest.Expr(t, gen, symtest.Shape(t, gen), 3)
		f := symtest.Expr(t, gen, nil, 3)
		src := gen.Src + "h = " + symbolic.Print(z, symbolic.Text) + "\nℓ = " + symbolic.Print(f, symbolic.Text) + " + sum(h)\n"
		if z.Shape.IsScalar() {
			src = strings.Replace(src, "sum(h)", "h", 1)
		}
		prog, err := parser.Parse(src)
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		checkProgramRoundTrip(t, prog)
	})
}

// TestRoundTripPrograms: the acceptance examples' programs print in
// canonical form and parse back to the same program.
func TestRoundTripPrograms(t *testing.T) {
	programs := []string{
		"f: R^n → R\ng_i: R → R for i = 1..n\nF(w) = f(g_1(w), g_2(w), g_3(w))",
		"w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d; y ∈ R\nf(W, x, y) = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2",
		"w_i \\in \\mathbb{R}^d, b_i \\in \\mathbb{R}, i = 1, \\dots, n\nf = \\left(y - \\sum_{i=1}^{n} \\sigma(w_i^\\top x + b_i)\\right)^2",
		"x, b, y ∈ R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}\nΦ: R^d → R^d\nℓ(x) = 1/2 ‖W^{(2)} Φ(W^{(1)} x + b) - y‖_2^2",
		"x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R\nℓ = 1/2 ||W2 φ(W1 x + b) - y||^2",
		"x0 ∈ R^{d0}; W1 ∈ R^{d0×d1}; W2 ∈ R^{d1×d2}; g: R → R; L: R^{d2} → R\nS1 = W1^T x0; x1 = g(S1); S2 = W2^T x1; ℓ = L(g(S2))",
		"a, b ∈ R^n; X ∈ R^{n×n}; f = a^T X^{-1} b",
		"X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; L = sum(log(1 + exp(-y ⊙ (X w))))",
		"s(t) = 1/(1 + exp(-t))\nx ∈ R\nf = s(x)^2 + φ(x); φ: R → R",
		"x'*A*x",
	}
	for _, src := range programs {
		t.Run(src, func(t *testing.T) {
			prog, err := parser.Parse(src)
			if err != nil {
				t.Fatalf("%v", err)
			}
			checkProgramRoundTrip(t, prog)
		})
	}
}

// FuzzRoundTrip: any expression that parses prints, in each style, to text
// that parses back to an Equal expression. Seeds are knownForms.
func FuzzRoundTrip(f *testing.F) {
	for _, k := range knownForms {
		f.Add(k.program, k.expr)
	}
	f.Fuzz(func(t *testing.T, program, expr string) {
		prog, err := parser.Parse(program)
		if err != nil {
			return
		}
		e, err := parser.ParseExpr(prog, expr)
		if err != nil {
			return
		}
		for _, st := range styles {
			src := symbolic.Print(e, st)
			got, err := parser.ParseExpr(prog, src)
			if err != nil {
				t.Fatalf("%s: %q prints as %q, which does not parse: %v", st, expr, src, err)
			}
			if !sameBack(st, got, e) {
				t.Fatalf("%s: %q prints as %q, which parses to %s, want %s", st, expr, src, got, e)
			}
		}
	})
}

// sameBack reports whether got, parsed from e printed in style st, is e.
// The one spelling the AST cannot tell apart: LaTeX writes the number ½ as
// \frac{1}{2}, which reads back as the quotient 1/2 (symbolic.Print).
func sameBack(st symbolic.Style, got, e *symbolic.Expr) bool {
	return symbolic.Equal(got, e) || st == symbolic.LaTeX && symbolic.Equal(got, halves(e))
}

// halves replaces every number ½ in e with the quotient 1/2.
func halves(e *symbolic.Expr) *symbolic.Expr {
	if e == nil {
		return nil
	}
	if e.Op == symbolic.OpNum && e.Num == 0.5 && e.Name == "" {
		one, two := &symbolic.Expr{Op: symbolic.OpNum, Num: 1, Pos: e.Pos}, &symbolic.Expr{Op: symbolic.OpNum, Num: 2, Pos: e.Pos}
		return &symbolic.Expr{Op: symbolic.OpDiv, Args: []*symbolic.Expr{one, two}, Shape: e.Shape, Pos: e.Pos}
	}
	cp := *e
	cp.Args = make([]*symbolic.Expr, len(e.Args))
	for i, a := range e.Args {
		cp.Args[i] = halves(a)
	}
	return &cp
}
