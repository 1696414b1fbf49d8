package numeric_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"deriv/numeric"
	"deriv/parser"
	"deriv/symbolic"
)

// Helpers shared by the end-to-end tests of this package: they run the
// real parser on program text, so that a claim is checked exactly as
// `deriv check` checks it.

// readYAML decodes testdata/<name> (the repository's testdata folder) into
// out.
func readYAML(t *testing.T, name string, out any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, out); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// problem is a parsed program with its function to differentiate.
type problem struct {
	p *symbolic.Program
	f *symbolic.Expr
}

// parseProblem parses src and takes its result definition's body as f.
func parseProblem(t *testing.T, src string) problem {
	t.Helper()
	p, err := parser.Parse(src)
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	if p.Result == nil || p.Result.Body == nil {
		t.Fatalf("parse %q: no function to differentiate", src)
	}
	return problem{p: p, f: p.Result.Body}
}

// expr parses src in the problem's context.
func (pr problem) expr(t *testing.T, src string) *symbolic.Expr {
	t.Helper()
	e, err := parser.ParseExpr(pr.p, src)
	if err != nil {
		t.Fatalf("parse expression %q: %v", src, err)
	}
	return e
}

// check runs numeric.Check of the claim (program text) for ∂f/∂wrt.
func (pr problem) check(t *testing.T, wrt, claim string, opts numeric.CheckOptions) *numeric.Report {
	t.Helper()
	rep, err := numeric.Check(pr.p, pr.f, pr.expr(t, wrt), pr.expr(t, claim), opts)
	if err != nil {
		t.Fatalf("check ∂/∂%s of %q: %v", wrt, claim, err)
	}
	return rep
}

// wantCorrect fails unless rep is a correct verdict.
func wantCorrect(t *testing.T, what string, rep *numeric.Report) {
	t.Helper()
	if rep.Verdict != "correct" {
		t.Errorf("%s: verdict %s (max rel error %g, diagnosis %q), want correct", what, rep.Verdict, rep.MaxRelError, rep.Diagnosis)
	}
}

// wantIncorrect fails unless rep is incorrect with a diagnosis containing
// every one of diag.
func wantIncorrect(t *testing.T, what string, rep *numeric.Report, diag ...string) {
	t.Helper()
	if rep.Verdict != "incorrect" {
		t.Errorf("%s: verdict %s, want incorrect", what, rep.Verdict)
		return
	}
	if rep.Counterexample == nil {
		t.Errorf("%s: incorrect without a counterexample", what)
	}
	for _, d := range diag {
		if !strings.Contains(rep.Diagnosis, d) {
			t.Errorf("%s: diagnosis %q, want it to contain %q", what, rep.Diagnosis, d)
		}
	}
}

// positioned fails unless err is a *symbolic.Error with a position.
func positioned(t *testing.T, what string, err error) *symbolic.Error {
	t.Helper()
	var se *symbolic.Error
	if !errors.As(err, &se) {
		t.Fatalf("%s: error %v (%T), want *symbolic.Error", what, err, err)
	}
	if line, col := se.LineCol(); line == 0 || col == 0 {
		t.Errorf("%s: error %q has no position", what, se.Msg)
	}
	return se
}

// derive returns deriv's own ∂f/∂wrt (symbolic.Grad, where-names
// expanded) for the problem.
func (pr problem) derive(t *testing.T, wrt string) *symbolic.Expr {
	t.Helper()
	d, err := symbolic.Grad(pr.p, pr.expr(t, wrt), symbolic.GradOptions{})
	if err != nil {
		t.Fatalf("grad ∂/∂%s: %v", wrt, err)
	}
	return symbolic.Expand(d)
}

// checkExpr runs numeric.Check of an already built claim.
func (pr problem) checkExpr(t *testing.T, wrt string, claim *symbolic.Expr, opts numeric.CheckOptions) *numeric.Report {
	t.Helper()
	rep, err := numeric.Check(pr.p, pr.f, pr.expr(t, wrt), claim, opts)
	if err != nil {
		t.Fatalf("check ∂/∂%s of %s: %v", wrt, symbolic.Print(claim, symbolic.Text), err)
	}
	return rep
}

func containsStr(s, sub string) bool { return strings.Contains(s, sub) }

// Benchmark variants of the helpers.

func parseProblemB(b *testing.B, src string) problem {
	b.Helper()
	p, err := parser.Parse(src)
	if err != nil {
		b.Fatalf("parse %q: %v", src, err)
	}
	return problem{p: p, f: p.Result.Body}
}

func (pr problem) exprB(b *testing.B, src string) *symbolic.Expr {
	b.Helper()
	e, err := parser.ParseExpr(pr.p, src)
	if err != nil {
		b.Fatalf("parse expression %q: %v", src, err)
	}
	return e
}

func (pr problem) deriveB(b *testing.B, wrt string) *symbolic.Expr {
	b.Helper()
	d, err := symbolic.Grad(pr.p, pr.exprB(b, wrt), symbolic.GradOptions{})
	if err != nil {
		b.Fatalf("grad ∂/∂%s: %v", wrt, err)
	}
	return symbolic.Expand(d)
}
