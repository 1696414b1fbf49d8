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

// TestWrtFreeIndex: --wrt names a family member with any index letter
// (w_j for a family declared with i); only a claim must bind its indices.
func TestWrtFreeIndex(t *testing.T) {
	prog := "w_i ∈ R^d, b_i ∈ R for i = 1..n; x ∈ R^d; y ∈ R; f = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2"
	out, errOut, code := runCLI(t, "grad", "--wrt", "w_j", "--check", prog)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "∂f/∂w_j = ")
	assert.Contains(t, out, "✓ verified")
	_, errOut, code = runCLI(t, "check", "--wrt", "w_i", "--claim", "w_j", prog)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "not bound")
}
