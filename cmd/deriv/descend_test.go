package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const network1 = `x0 ∈ R^{d0}; y ∈ R^{d2}; W1 ∈ R^{d0×d1}; W2 ∈ R^{d1×d2}
S1 = W1ᵀ x0; x1 = σ(S1); S2 = W2ᵀ x1; x2 = σ(S2)
ℓ = ½‖x2 − y‖²`

func TestDescendCLI(t *testing.T) {
	out, errOut, code := runCLI(t, "descend", "--init", "W1=0.3,W2=0.3", "--steps", "3", "--dims", "d0=3,d1=4,d2=2", network1)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "step 3:")
	assert.Contains(t, out, "all columns of W1 stay equal")
	assert.Contains(t, out, "all rows of W2 stay equal")
	assert.Contains(t, out, "verdict: symmetric")

	out, errOut, code = runCLI(t, "descend", "--init", "w=0", "--json", "w, x ∈ R^d; y ∈ R; f = log(1 + exp(−y wᵀx))")
	require.Equal(t, 0, code, errOut)
	var doc struct {
		Symmetric bool `json:"symmetric"`
		Iterates  []struct {
			Step   int                  `json:"step"`
			Values map[string][]float64 `json:"values"`
		} `json:"iterates"`
		Equal []struct {
			Name       string `json:"name"`
			DistinctAt int    `json:"distinct_at"`
		} `json:"equal"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc), out)
	assert.False(t, doc.Symmetric)
	require.Len(t, doc.Iterates, 6)
	assert.Equal(t, []float64{0, 0, 0}, doc.Iterates[0].Values["w"][:3])
	assert.Equal(t, 1, doc.Equal[0].DistinctAt)

	at := filepath.Join(t.TempDir(), "v.json")
	require.NoError(t, os.WriteFile(at, []byte(`{"w": [1, 2], "x": [1, -2], "y": 1}`), 0o644))
	out, errOut, code = runCLI(t, "descend", "--at", at, "--steps", "1", "--rate", "0.5", "--init", "w=0", "w, x ∈ R^d; y ∈ R; f = log(1 + exp(−y wᵀx))")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "w = [0.25, -0.5]")

	// The data alone in --at; the weights from --init (the hidden width
	// from --dims).
	require.NoError(t, os.WriteFile(at, []byte(`{"x0": [1, -2, 0.5], "y": [0.2, 0.9]}`), 0o644))
	out, errOut, code = runCLI(t, "descend", "--at", at, "--init", "W1=0.3,W2=0.3", "--dims", "d1=4", "--steps", "2", network1)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "W1 = [[0.3, 0.3, 0.3, 0.3], [0.3, 0.3, 0.3, 0.3], [0.3, 0.3, 0.3, 0.3]]")
	assert.Contains(t, out, "verdict: symmetric")
}

func TestDescendCLIErrors(t *testing.T) {
	for _, args := range [][]string{
		{"descend", "--init", "W1=abc", network1},
		{"descend", "--init", "V=1", network1},
		{"descend", "--steps", "0", network1},
		{"descend", "--rate", "-1", network1},
		{"descend", "--at", "/nonexistent.json", network1},
		{"descend", "x ∈ R^d; f = xᵀx"},
	} {
		_, errOut, code := runCLI(t, args...)
		assert.Equal(t, 2, code, args)
		assert.NotEmpty(t, errOut, args)
	}
}

func TestDescendInitAll(t *testing.T) {
	for _, init := range []string{"0.3", "const=0.3"} {
		out, errOut, code := runCLI(t, "descend", "--init", init, "--steps", "2", "--dims", "d0=3,d1=4,d2=2", network1)
		require.Equal(t, 0, code, errOut)
		assert.Contains(t, out, "W2 = [[0.3, 0.3], [0.3, 0.3], [0.3, 0.3], [0.3, 0.3]]", init)
		assert.Contains(t, out, "verdict: symmetric", init)
	}
}

// TestDescendNote: with a bias left random the units differ, and the
// output says which parameter did it.
func TestDescendNote(t *testing.T) {
	prog := "x, b, y ∈ R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}; ℓ = 1/2 ‖W^{(2)} σ(W^{(1)} x + b) - y‖^2"
	out, errOut, code := runCLI(t, "descend", "--init", "W^{(1)}=0.2,W^{(2)}=0.2", "--steps", "2", prog)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "note: b started from other values")
	assert.Contains(t, out, "verdict: no symmetry")

	out, errOut, code = runCLI(t, "descend", "--init", "W^{(1)}=0.2,W^{(2)}=0.2,b=0", "--steps", "2", prog)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "all rows of W⁽¹⁾ stay equal")
	assert.Contains(t, out, "verdict: symmetric")
	assert.NotContains(t, out, "note:")
}
