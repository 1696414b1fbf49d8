package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"deriv/internal/testtool"
)

const dis4 = "../../testdata/dis4.yaml"

func TestKeyCLI(t *testing.T) {
	out, errOut, code := runCLI(t, "key", dis4)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, `\documentclass[11pt]{article}`)
	assert.Contains(t, out, "Verified at 8 random points")

	out, _, code = runCLI(t, "key", "--exam", dis4)
	require.Equal(t, 0, code)
	assert.Contains(t, out, `\documentclass[11pt,answers]{exam}`)
	assert.Contains(t, out, `\question[3]`)
	assert.Contains(t, out, `\begin{solution}`)

	out, _, code = runCLI(t, "key", "--md", "--steps", dis4)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "$$\n")
	assert.Contains(t, out, "```mermaid")
	assert.Contains(t, out, `\delta_{z} &= \frac{\partial \ell}{\partial z}`)

	file := filepath.Join(t.TempDir(), "key.tex")
	_, _, code = runCLI(t, "key", "-o", file, dis4)
	require.Equal(t, 0, code)
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Contains(t, string(b), `\end{document}`)
}

func TestKeyCLIErrors(t *testing.T) {
	_, errOut, code := runCLI(t, "key", "/nonexistent/a.yaml")
	assert.Equal(t, 2, code)
	assert.NotEmpty(t, errOut)

	bad := filepath.Join(t.TempDir(), "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("title: x\nquestions:\n  - id: q\n    program: \"f = x +\"\n    ask: grad --wrt x\n"), 0o644))
	_, errOut, code = runCLI(t, "key", bad)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "bad.yaml:4:")

	_, errOut, code = runCLI(t, "key", "--md", "--exam", dis4)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--md")

	// Without pdflatex, --pdf says what is missing.
	t.Setenv("PATH", t.TempDir())
	_, errOut, code = runCLI(t, "key", "--pdf", "-o", filepath.Join(t.TempDir(), "k.pdf"), dis4)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "pdflatex")
}

func TestKeyPDF(t *testing.T) {
	testtool.Need(t, "pdflatex")
	file := filepath.Join(t.TempDir(), "dis4.pdf")
	out, errOut, code := runCLI(t, "key", "--exam", "--pdf", "-o", file, dis4)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "wrote")
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, "%PDF", string(b[:4]))
}
