package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScalarProductInsideAChain: an inner product in the middle of a
// product scales it ((xᵀ + yᵀ) (yᵀ x) diag(W)); its factors must not be
// multiplied with their neighbours.
func TestScalarProductInsideAChain(t *testing.T) {
	vals := filepath.Join(t.TempDir(), "v.json")
	require.NoError(t, os.WriteFile(vals, []byte(`{"x": [1, 2], "y": [3, 4], "W": [[1, 0], [0, 1]]}`), 0o644))
	out, errOut, code := runCLI(t, "eval", "--at", vals, "x, y ∈ R^d; W ∈ R^{d×d}; f = (x^T + y^T) (y^T x) diag(W + W)")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "f = 220\n", out)
}

// TestZeroThroughLinearMaps: diag, sum and tr of zero are zero, so a
// printed answer never holds diag(0), which reads back as a scalar.
func TestZeroThroughLinearMaps(t *testing.T) {
	out, errOut, code := runCLI(t, "grad", "--wrt", "B", "--check", "u ∈ R^n; y ∈ R^d; M ∈ R^{n×n}; B ∈ R^{d×n}; f = (u^T M + y^T B) diag(M - M)")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "∂f/∂B = 0\n")
}
