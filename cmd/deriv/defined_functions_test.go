package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDefinedScalarFunctionsApplyEntrywise: a function defined on scalars
// (σ(t) = 1/(1 + exp(−t))) applied to a vector or matrix works entry by
// entry, in differentiation, verification and evaluation alike.
func TestDefinedScalarFunctionsApplyEntrywise(t *testing.T) {
	for _, tc := range []struct{ prog, wrt string }{
		{"x ∈ R^d; W ∈ R^{d×d}\ns(t) = 1/(1 + exp(−t))\nf = sum(s(W x))", "x,W"},
		{"x ∈ R^d; W ∈ R^{d×d}\nσ(t) = 1/(1 + exp(−t))\nf = sum(σ(W x))", "x,W"},
		{"x ∈ R^d; W ∈ R^{d×d}\ng(t) = t^2 + 3 t\nf = sum(g(W x))", "x,W"},
		{"x ∈ R^d; W ∈ R^{d×d}\ns(t) = 1/(1 + exp(−t))\nh(u) = s(u) (1 − s(u))\nf = sum(h(W x) ⊙ x)", "x,W"},
		{"X ∈ R^{m×n}\nq(t) = t^3/3\nf = sum(q(X))", "X"},
	} {
		out, errOut, code := runCLI(t, "grad", "--wrt", tc.wrt, "--check", tc.prog)
		assert.Equal(t, 0, code, "%s\n%s\n%s", tc.prog, out, errOut)
		assert.Equal(t, len(strings.Split(tc.wrt, ",")), strings.Count(out, "✓ verified"), tc.prog)
	}
	vals := filepath.Join(t.TempDir(), "v.json")
	require.NoError(t, os.WriteFile(vals, []byte(`{"x": [1, 2], "W": [[1, 0], [0, 1]]}`), 0o644))
	out, errOut, code := runCLI(t, "eval", "--at", vals, "x ∈ R^d; W ∈ R^{d×d}\ns(t) = 1/(1 + exp(−t))\nf = sum(s(W x))")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "f = 1.6118556566078872\n", out)
}
