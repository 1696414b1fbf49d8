package symbolic_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deriv/numeric"
	"deriv/parser"
	"deriv/symbolic"
)

// updating reports whether -update was given (the flag is registered by
// the package's internal tests, which share this test binary).
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// derive parses a case and differentiates it.
func derive(t *testing.T, c gradCase, inline bool) (*symbolic.Program, *symbolic.Expr, *symbolic.Derivative) {
	t.Helper()
	p, err := parser.Parse(c.program)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	wrt, err := parser.ParseExpr(p, c.wrt)
	if err != nil {
		t.Fatalf("parse wrt: %v", err)
	}
	d, err := symbolic.Grad(p, wrt, symbolic.GradOptions{Inline: inline, Through: c.through})
	if err != nil {
		t.Fatalf("grad: %v", err)
	}
	return p, wrt, d
}

// textForm is a derivative's text form with its where list: "e; where
// z = …; r = …".
func textForm(d *symbolic.Derivative) string {
	s := symbolic.Print(d.Expr, symbolic.Text)
	for i, w := range d.Where {
		sep := "; "
		if i == 0 {
			sep = "; where "
		}
		s += sep + w.Name + " = " + symbolic.Print(w.Expr, symbolic.Text)
	}
	return s
}

// render writes a derivative as the golden files hold it.
func render(d *symbolic.Derivative) string {
	var b strings.Builder
	for _, st := range []symbolic.Style{symbolic.Text, symbolic.ASCII, symbolic.LaTeX} {
		b.WriteString(st.String() + ": " + symbolic.Print(d.Expr, st) + "\n")
		for _, w := range d.Where {
			b.WriteString("  where " + w.Name + " = " + symbolic.Print(w.Expr, st) + "\n")
		}
	}
	b.WriteString("shape: " + d.Shape.String() + "\n")
	return b.String()
}

// checkNumerically verifies the expanded derivative against finite
// differences of f and against the expected form.
func checkNumerically(t *testing.T, c gradCase, p *symbolic.Program, wrt *symbolic.Expr, d *symbolic.Derivative) {
	t.Helper()
	full := symbolic.Expand(d)
	rep, err := numeric.Check(p, p.Result.Body, wrt, full, numeric.CheckOptions{Points: 3, Seed: 1})
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	if rep.Verdict != "correct" {
		t.Errorf("finite differences: %s (rel. error %g, %s) for %s", rep.Verdict, rep.MaxRelError, rep.Diagnosis, symbolic.Print(full, symbolic.Text))
	}
	if c.expect == "" {
		return
	}
	want, err := parser.ParseExpr(p, c.expect)
	if err != nil {
		t.Logf("expected form does not parse (%v); compared with finite differences only", err)
		return
	}
	rep, err = numeric.Equivalent(p, want, full, numeric.CheckOptions{Points: 3, Seed: 2})
	if err != nil {
		t.Logf("expected form does not evaluate (%v)", err)
		return
	}
	if rep.Verdict != "equivalent" {
		t.Errorf("differs from %s: %s (%s)", c.expect, rep.Verdict, rep.Diagnosis)
	}
}

// checkReadable enforces SPEC §3's textbook form: no diag(…) in a
// gradient, transposes on leaves (or on calls, inverses and sums kept
// whole), never on products.
func checkReadable(t *testing.T, d *symbolic.Derivative) {
	t.Helper()
	exprs := []*symbolic.Expr{d.Expr}
	for _, w := range d.Where {
		exprs = append(exprs, w.Expr)
	}
	for _, e := range exprs {
		if s := symbolic.Print(e, symbolic.Text); strings.Contains(s, "diag(") && !strings.Contains(s, "diag(a)") {
			t.Errorf("diag in %s", s)
		}
		walk(e, func(n *symbolic.Expr) {
			if n.Op == symbolic.OpT && (n.Args[0].Op == symbolic.OpMul || n.Args[0].Op == symbolic.OpT || n.Args[0].Op == symbolic.OpNeg) {
				t.Errorf("transpose not on a leaf: %s", symbolic.Print(n, symbolic.Text))
			}
		})
	}
}

func walk(e *symbolic.Expr, f func(*symbolic.Expr)) {
	f(e)
	for _, a := range e.Args {
		walk(a, f)
	}
}

func runGradCases(t *testing.T, cases []gradCase, golden bool) {
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			p, wrt, d := derive(t, c, false)
			if got := textForm(d); c.printed != "" && got != c.printed {
				t.Errorf("prints\n  %s\nwant\n  %s", got, c.printed)
			}
			checkReadable(t, d)
			checkShapes(t, p, d)
			checkNumerically(t, c, p, wrt, d)
			if !golden {
				return
			}
			got := render(d)
			_, _, di := derive(t, c, true)
			got += "inline: " + symbolic.Print(di.Expr, symbolic.Text) + "\n"
			path := filepath.Join("testdata", "grad", c.id+".golden")
			if updating() {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("golden %s:\ngot\n%s\nwant\n%s", path, got, want)
			}
		})
	}
}

func TestGradSeed(t *testing.T)       { runGradCases(t, seedCases, true) }
func TestGradIdentities(t *testing.T) { runGradCases(t, identityCases, true) }
func TestGradCookbook(t *testing.T)   { runGradCases(t, cookbookCases, false) }
func TestGradML(t *testing.T)         { runGradCases(t, mlCases, false) }

// checkShapes verifies that every node of the derivative is well-typed and
// carries the shape the shape rules give it.
func checkShapes(t interface {
	Helper()
	Errorf(string, ...any)
}, p *symbolic.Program, d *symbolic.Derivative) {
	t.Helper()
	lookup := func(k string) *symbolic.Symbol { return p.Symbols[k] }
	exprs := []*symbolic.Expr{d.Expr}
	for _, w := range d.Where {
		exprs = append(exprs, w.Expr)
	}
	if !d.Expr.Shape.Equal(d.Shape) {
		t.Errorf("derivative has shape %v, its expression %v", d.Shape, d.Expr.Shape)
	}
	for _, e := range exprs {
		walk(e, func(n *symbolic.Expr) {
			if n.Op == symbolic.OpNum || n.Op == symbolic.OpDeriv {
				return
			}
			s, err := symbolic.ResultShapeIn(n, lookup)
			if err != nil {
				t.Errorf("%s: %v", symbolic.Print(n, symbolic.Text), err)
				return
			}
			if !s.Equal(n.Shape) {
				t.Errorf("%s has shape %v, the rules give %v", symbolic.Print(n, symbolic.Text), n.Shape, s)
			}
		})
	}
}
