package key

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrNoPdflatex is returned by PDF when pdflatex is not installed.
var ErrNoPdflatex = errors.New("deriv: --pdf needs pdflatex, which is not installed (apt-get install texlive-latex-base texlive-latex-extra texlive-pictures)")

// PDF compiles a LaTeX document with pdflatex (in a temporary folder) and
// writes the PDF to out. A LaTeX error is returned with the end of the
// log.
func PDF(doc, out string) error {
	pdflatex, err := exec.LookPath("pdflatex")
	if err != nil {
		return ErrNoPdflatex
	}
	dir, err := os.MkdirTemp("", "deriv-key-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	tex := filepath.Join(dir, "key.tex")
	if err := os.WriteFile(tex, []byte(doc), 0o644); err != nil {
		return err
	}
	cmd := exec.Command(pdflatex, "-interaction=nonstopmode", "-halt-on-error", "-output-directory", dir, tex)
	cmd.Dir = dir
	if log, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("deriv: pdflatex failed: %v\n%s", err, lastLines(string(log), 20))
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "key.pdf"))
	if err != nil {
		return err
	}
	return os.WriteFile(out, pdf, 0o644)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
