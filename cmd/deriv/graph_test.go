package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"deriv/internal/testtool"
)

const graphFile = "../../testdata/graphs/2e-two-layers.deriv"

func TestGraphCLI(t *testing.T) {
	out, errOut, code := runCLI(t, "graph", "-f", graphFile)
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "digraph deriv")
	assert.Contains(t, out, "rankdir=LR")
	assert.NotContains(t, out, "δ")

	out, _, code = runCLI(t, "graph", "--backward", "-f", graphFile)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "δ_z = J_Φ(z)ᵀ δ_a")
	assert.Contains(t, out, "∂ℓ/∂W⁽¹⁾ = δ_z xᵀ")

	out, _, code = runCLI(t, "graph", "--format", "tikz", "-f", graphFile)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, `\begin{tikzpicture}`)
	assert.Contains(t, out, `W^{(1)}`)

	out, _, code = runCLI(t, "graph", "--format", "mermaid", "-f", graphFile)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "flowchart LR")

	out, _, code = runCLI(t, "graph", "--json", "--backward", "-f", graphFile)
	assert.Equal(t, 0, code)
	var doc struct {
		Nodes []struct{ Kind, Text, Adjoint string }
		Edges []struct{ From, To string }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Len(t, doc.Nodes, 9)
	assert.Len(t, doc.Edges, 8)

	out, _, code = runCLI(t, "graph", "--expand", "n=3", "-f", "../../testdata/graphs/2b-sum-of-units.deriv")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "w₃")
	assert.NotContains(t, out, "cluster_")
}

func TestGraphCLIErrors(t *testing.T) {
	_, errOut, code := runCLI(t, "graph", "--expand", "n=zero", "-f", graphFile)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--expand")

	_, errOut, code = runCLI(t, "graph", "--format", "png", "-f", graphFile)
	assert.Equal(t, 2, code)
	assert.NotEmpty(t, errOut)

	_, errOut, code = runCLI(t, "graph", "x ∈ R^d; f = xᵀ x +")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "<input>:1:")

	// Without Graphviz, --svg says what is missing.
	t.Setenv("PATH", t.TempDir())
	_, errOut, code = runCLI(t, "graph", "--svg", filepath.Join(t.TempDir(), "g.svg"), "-f", graphFile)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "Graphviz")
}

func TestGraphSVG(t *testing.T) {
	testtool.Need(t, "dot")
	file := filepath.Join(t.TempDir(), "g.svg")
	_, errOut, code := runCLI(t, "graph", "--backward", "--svg", file, "-f", graphFile)
	assert.Equal(t, 0, code, errOut)
	b, err := os.ReadFile(file)
	assert.NoError(t, err)
	assert.Contains(t, string(b), "<svg")
}
