package key_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"deriv/internal/testtool"
	"deriv/key"
)

var overfull = regexp.MustCompile(`Overfull \\hbox \(([0-9.]+)pt too wide\)[^\n]*`)

// TestCompileKeys compiles every key in testdata with pdflatex, article
// and exam, with and without the derivations, and fails on a LaTeX error
// or an overfull box (a display wider than the page).
func TestCompileKeys(t *testing.T) {
	pdflatex := testtool.Need(t, "pdflatex")
	dir := t.TempDir()
	for name, a := range assignments(t) {
		for _, steps := range []bool{false, true} {
			k := build(t, a, steps)
			for _, f := range []key.Format{key.Article, key.Exam} {
				base := name
				if f == key.Exam {
					base += "-exam"
				}
				if steps {
					base += "-steps"
				}
				tex := filepath.Join(dir, base+".tex")
				require.NoError(t, os.WriteFile(tex, []byte(k.Write(f)), 0o644))
				cmd := exec.Command(pdflatex, "-interaction=nonstopmode", "-halt-on-error", "-output-directory", dir, tex)
				cmd.Dir = dir
				out, err := cmd.CombinedOutput()
				require.NoError(t, err, "%s: pdflatex failed:\n%s", base, lastLines(string(out), 30))
				log, err := os.ReadFile(filepath.Join(dir, base+".log"))
				require.NoError(t, err)
				assert.Empty(t, overfull.FindAllString(string(log), -1), "%s: a display is wider than the page", base)
				_, err = os.Stat(filepath.Join(dir, base+".pdf"))
				assert.NoError(t, err, base)
			}
		}
	}
}

// TestKaTeX renders every maths fragment of every Markdown key with KaTeX
// (throwOnError), through .ci/katex-check.js and the katex package that
// .ci/run installs in .ci/node_modules.
func TestKaTeX(t *testing.T) {
	node := testtool.Need(t, "node")
	modules, err := filepath.Abs("../.ci/node_modules")
	require.NoError(t, err)
	if _, err := os.Stat(filepath.Join(modules, "katex")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("katex is not installed in .ci/node_modules; .ci/run installs it")
		}
		t.Skip("katex is not installed in .ci/node_modules (CI installs it)")
	}
	for name, a := range assignments(t) {
		for _, steps := range []bool{false, true} {
			frags := key.MathFragments(build(t, a, steps).Write(key.Markdown))
			require.NotEmpty(t, frags)
			in, err := json.Marshal(frags)
			require.NoError(t, err)
			cmd := exec.Command(node, "../.ci/katex-check.js")
			cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
			cmd.Stdin = bytes.NewReader(in)
			out, err := cmd.CombinedOutput()
			assert.NoError(t, err, "%s: KaTeX:\n%s", name, out)
			assert.Contains(t, string(out), "fragments render", name)
		}
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
