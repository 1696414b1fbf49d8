package readability_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"deriv/engine"
	"deriv/readability"
	"deriv/symbolic"
)

// TestLaTeXCompiles sets every case's LaTeX answer (with its where list as
// an aligned block, as deriv grad --latex writes it) in one article with
// pdflatex and fails on a LaTeX error or a display wider than the page
// (an overfull box). It needs pdflatex on the PATH and says so when it is
// missing.
func TestLaTeXCompiles(t *testing.T) {
	tex, err := exec.LookPath("pdflatex")
	if err != nil {
		t.Skip("pdflatex is not installed")
	}
	var doc strings.Builder
	doc.WriteString("\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n")
	ctx := context.Background()
	var names []string
	for _, c := range loadCases(t) {
		p, err := engine.LoadFunction(ctx, c.Program, engine.Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		wrt, err := engine.Targets(p, "--wrt", c.Wrt)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		ds, err := engine.Derive(ctx, p, engine.DeriveRequest{Kind: kinds[c.Kind], Wrt: wrt, Verify: engine.VerifyOff})
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		a := readability.Print(ds[0].Derivative).LaTeX
		doc.WriteString("% " + c.Name + "\n\\[\n" + ds[0].Head(symbolic.LaTeX) + " = " + a.Body)
		if len(a.Where) > 0 {
			doc.WriteString("\n\\quad\\text{where } \\begin{aligned}")
			for i, w := range a.Where {
				if i > 0 {
					doc.WriteString(` \\`)
				}
				doc.WriteString(" " + w.Name + " &= " + w.Expr)
			}
			doc.WriteString(" \\end{aligned}")
		}
		doc.WriteString("\n\\]\n")
		names = append(names, c.Name)
	}
	doc.WriteString("\\end{document}\n")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "answers.tex"), []byte(doc.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tex, "-interaction=nonstopmode", "-halt-on-error", "answers.tex")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pdflatex failed: %v\n%s", err, tail(string(out), 2000))
	}
	log, err := os.ReadFile(filepath.Join(dir, "answers.log"))
	if err != nil {
		t.Fatal(err)
	}
	overfull := regexp.MustCompile(`Overfull \\hbox \(([0-9.]+)pt too wide\) detected at line ([0-9]+)`)
	src := strings.Split(doc.String(), "\n")
	for _, m := range overfull.FindAllStringSubmatch(string(log), -1) {
		line := m[2]
		name := caseAt(src, line)
		t.Errorf("%s overflows the page by %spt", name, m[1])
	}
	t.Logf("%d displays set with pdflatex", len(names))
}

// caseAt names the case whose display is at (1-based) line of the
// document.
func caseAt(src []string, line string) string {
	n := 0
	for _, r := range line {
		n = 10*n + int(r-'0')
	}
	for i := min(n-1, len(src)-1); i >= 0; i-- {
		if strings.HasPrefix(src[i], "% ") {
			return src[i][2:]
		}
	}
	return "line " + line
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}
