package graph_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"deriv/graph"
	"deriv/internal/testtool"
)

// TestRenderDot runs Graphviz on every worksheet graph, forward,
// backward and expanded.
func TestRenderDot(t *testing.T) {
	dot := testtool.Need(t, "dot")
	for name, p := range programs(t) {
		for _, opts := range []graph.Options{{}, {Backward: true}} {
			g := build(t, p, opts)
			cmd := exec.Command(dot, "-Tsvg")
			cmd.Stdin = strings.NewReader(g.DOT())
			var out, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &stderr
			require.NoError(t, cmd.Run(), "%s: %s", name, stderr.String())
			assert.Empty(t, strings.TrimSpace(stderr.String()), "%s: dot warned", name)
			assert.Contains(t, out.String(), "<svg", name)
			if opts.Backward {
				assert.Contains(t, out.String(), "δ", name)
			}
		}
	}
}

// TestRenderTikZ compiles every worksheet graph's TikZ with pdflatex and
// fails on an error or an overfull box.
func TestRenderTikZ(t *testing.T) {
	pdflatex := testtool.Need(t, "pdflatex")
	dir := t.TempDir()
	for name, p := range programs(t) {
		g := build(t, p, graph.Options{Backward: true})
		tex := filepath.Join(dir, name+".tex")
		require.NoError(t, os.WriteFile(tex, []byte(g.TikZDocument()), 0o644))
		cmd := exec.Command(pdflatex, "-interaction=nonstopmode", "-halt-on-error", "-output-directory", dir, tex)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s: pdflatex failed:\n%s", name, tail(string(out)))
		log, err := os.ReadFile(filepath.Join(dir, name+".log"))
		require.NoError(t, err)
		assert.NotContains(t, string(log), "Overfull \\hbox", name)
	}
}

func tail(s string) string {
	lines := strings.Split(s, "\n")
	if len(lines) > 30 {
		lines = lines[len(lines)-30:]
	}
	return strings.Join(lines, "\n")
}
