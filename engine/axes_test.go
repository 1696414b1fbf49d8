package engine_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"deriv/engine"
	"deriv/symbolic"
)

// TestIndexNotation: results with more than two axes are written in index
// notation (SPEC §3), and verified like any other result.
func TestIndexNotation(t *testing.T) {
	for _, tc := range []struct {
		prog, wrt string
		kind      engine.Kind
		head      string
		text      string
		latex     string
		axes      []symbolic.Dim
	}{
		{"x ∈ R^n; W ∈ R^{m×n}; f = W x", "W", engine.Jacobian, "∂f_i/∂W_{jk}", "δ_{ij} x_k", `\delta_{ij} x_{k}`, []symbolic.Dim{"m", "m", "n"}},
		{"x ∈ R^n; W ∈ R^{m×n}; f = σ(W x)", "W", engine.Jacobian, "∂f_i/∂W_{jk}", "δ_{ij} σ(z_i) (1 − σ(z_i)) x_k", `\delta_{ij} \sigma(z_{i}) (1 - \sigma(z_{i})) x_{k}`, []symbolic.Dim{"m", "m", "n"}},
		{"x ∈ R^n; f = x x^T", "x", engine.Jacobian, "∂f_{ij}/∂x_k", "δ_{ik} x_j + δ_{jk} x_i", "", []symbolic.Dim{"n", "n", "n"}},
		{"X ∈ R^{n×n}; f = inv(X)", "X", engine.Jacobian, "∂f_{ij}/∂X_{kl}", "−(X⁻¹)_{ik} (X⁻¹)_{lj}", "", []symbolic.Dim{"n", "n", "n", "n"}},
		{"A ∈ R^{m×n}; f = A ⊙ A", "A", engine.Jacobian, "∂f_{ij}/∂A_{kl}", "2 δ_{ik} δ_{jl} A_{ij}", "", nil},
		{"X ∈ R^{n×n}; f = tr(X^T X)", "X", engine.Hessian, "∂²f/∂X_{ij}∂X_{kl}", "2 δ_{ik} δ_{jl}", "", nil},
		{"X ∈ R^{n×n}; f = logdet(X)", "X", engine.Hessian, "∂²f/∂X_{ij}∂X_{kl}", "−(X⁻¹)_{jk} (X⁻¹)_{li}", "", nil},
	} {
		p := load(t, tc.prog)
		w := expr(t, p, tc.wrt)
		ds, err := engine.Derive(context.Background(), p, engine.DeriveRequest{Kind: tc.kind, Wrt: []*symbolic.Expr{w}, Verify: engine.VerifyReport, Check: engine.CheckOptions{Points: 3}})
		require.NoError(t, err, tc.prog)
		d := ds[0]
		require.NotNil(t, d.Index, tc.prog)
		assert.Equal(t, tc.head, d.Head(symbolic.Text), tc.prog)
		assert.Equal(t, tc.text, d.Body(symbolic.Text), tc.prog)
		if tc.latex != "" {
			assert.Equal(t, tc.latex, d.Body(symbolic.LaTeX), tc.prog)
		}
		if tc.axes != nil {
			assert.Equal(t, tc.axes, d.Index.Axes, tc.prog)
		}
		require.NotNil(t, d.Report, tc.prog)
		assert.Equal(t, engine.Correct, d.Report.Verdict, tc.prog)
	}
}

// TestIndexValue: an index-notation result evaluates to the nested array
// of its entries.
func TestIndexValue(t *testing.T) {
	p := load(t, "x ∈ R^n; W ∈ R^{m×n}; f = W x")
	w := expr(t, p, "W")
	ds, err := engine.Derive(context.Background(), p, engine.DeriveRequest{Kind: engine.Jacobian, Wrt: []*symbolic.Expr{w}, Verify: engine.VerifyOff})
	require.NoError(t, err)
	at, err := engine.ReadValues(p, []byte(`{"x": [1, 2], "W": [[1, 2], [3, 4], [5, 6]]}`), "v.json")
	require.NoError(t, err)
	v, err := ds[0].ValueAt(p, at)
	require.NoError(t, err)
	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `[[[1,2],[0,0],[0,0]],[[0,0],[1,2],[0,0]],[[0,0],[0,0],[1,2]]]`, string(b))
}
