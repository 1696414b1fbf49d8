package assignment

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAnswerSpellings: every form of SPEC §7.2 reads as the reference's
// value, and the repairs (names run together, w·x, tanh(z)²) apply.
func TestAnswerSpellings(t *testing.T) {
	a, err := Load("../testdata/grading/cookbook.yaml")
	require.NoError(t, err)
	cases := map[string][]string{
		"2e-W1": {
			"(φ'(z) ⊙ (W2ᵀ r)) xᵀ",
			"(φ'(z) ⊙ (W^{(2)ᵀ} r)) xᵀ",
			"δ = φ'(z) ⊙ (W2ᵀ r)\n∂ℓ/∂W1 = δ xᵀ",
			"δ = φ'(z) ⊙ (W2ᵀ r); ∂ℓ/∂W1 = δ xᵀ",
			"(φ'(z) ⊙ (W2ᵀ r)) xᵀ where z = W1 x + b, r = W2 φ(z) − y",
			"∂ℓ/∂W1 = δ xᵀ \\text{where} δ = φ'(z) ⊙ (W2ᵀ r)",
			`$\frac{\partial \ell}{\partial W^{(1)}} = \left(\phi^\prime(z) \odot W_2^\top r\right) x^\top$.`,
			`\displaystyle (\phi'(z) \odot (W_2^T r)) \, x^T \qquad`,
			"dℓ/dW1 = (φ'(W1x + b) ⊙ (W2ᵀ (W2 φ(W1x + b) − y))) xᵀ",
		},
		"2c-w": {
			"-2 (y - Σ_{j=1}^{n} σ(w_j·x + b_j)) σ(w_i \\cdot x + b_i) (1 - σ(z)) x",
		},
		"2f-W1": {
			"W^{(1)}_{t+1} = W^{(1)}_t - η W^{(2)T}_t (W^{(2)}_t (W^{(1)}_t x + b) - y) x^T",
			"W1 ← W1 - η W2ᵀ (W2 (W1 x + b) - y) xᵀ",
			"W_t^{(1)} := W_t^{(1)} - η W_t^{(2)T} (W_t^{(2)} (W_t^{(1)} x + b) - y) x^T",
		},
		"2d-w": {
			"w_i^{(t+1)} = w_i^{(t)} + 2η (y - Σ_{j=1}^{n} σ(w_j^{(t)T} x + b_j^{(t)})) σ(z) (1 - σ(z)) x",
		},
		"tanh-W": {"((1 − tanh(z)²) ⊙ (tanh(z) − y)) xᵀ", "((1 − tanh(W x)^2) ⊙ (tanh(W x) − y)) xᵀ"},
		"lsq":    {"2Aᵀ(Ax - b)"},
	}
	for id, answers := range cases {
		ref, err := a.Question(id).Reference(t.Context())
		require.NoError(t, err, id)
		for _, text := range answers {
			ans, err := ref.ParseAnswer(text, DefaultLimits)
			if !assert.NoError(t, err, "%s: %q", id, text) {
				continue
			}
			got, err := ref.Points.Values(t.Context(), ans.Scope, ans.Expr, engineNoLimit)
			require.NoError(t, err, text)
			rel, same := relError(ref.Want[ans.Part], got)
			assert.True(t, same && rel <= 1e-6, "%s: %q: relative error %g", id, text, rel)
		}
	}
}

// TestAnswerParts: a question with several --wrt variables reads one part
// per line, by left side or in order.
func TestAnswerParts(t *testing.T) {
	a, err := Load("../testdata/grading/cookbook.yaml")
	require.NoError(t, err)
	ref, err := a.Question("2d").Reference(t.Context())
	require.NoError(t, err)
	ans, err := ref.ParseAnswer("b_i^{(t+1)} = b_i\nw_i^{(t+1)} = w_i", DefaultLimits)
	require.NoError(t, err)
	assert.Len(t, ans.Parts, 2)
	assert.Equal(t, "w", ans.Parts[0].Name)
	assert.Equal(t, "b", ans.Parts[1].Name)
	ans, err = ref.ParseAnswer("w_i\nb_i", DefaultLimits)
	require.NoError(t, err)
	assert.Equal(t, "w", ans.Parts[0].Name)
	assert.Equal(t, "b", ans.Parts[1].Name)
}

// TestAnswerErrors: positioned errors, budgets and shape conflicts.
func TestAnswerErrors(t *testing.T) {
	a, err := Load("../testdata/grading/cookbook.yaml")
	require.NoError(t, err)
	ref, err := a.Question("2e-W1").Reference(t.Context())
	require.NoError(t, err)
	cases := []struct {
		text      string
		line, col int
		shape     bool
		msg       string
	}{
		{"(φ'(z) ⊙ (W2ᵀ r) xᵀ", 1, 1, false, "never closed"},
		{"δ = φ'(z)\n∂ℓ/∂W1 = δ q", 2, 12, false, "unknown name"},
		{"φ'(z) W2ᵀ r xᵀ", 1, 9, true, "shape conflict"},
		{"∂ℓ/∂x = x", 1, 1, false, "left side should be the derivative with respect to W⁽¹⁾"},
		{"x\ny", 1, 1, false, "each line but the last should define a name"},
		{string(make([]byte, 5000)), 0, 0, false, "size budget"},
	}
	for _, c := range cases {
		_, err := ref.ParseAnswer(c.text, DefaultLimits)
		var ae *AnswerError
		if !assert.ErrorAs(t, err, &ae, c.text) {
			continue
		}
		assert.Contains(t, ae.Msg, c.msg, c.text)
		assert.Equal(t, c.shape, ae.Shape, c.text)
		if c.line > 0 {
			assert.Equal(t, [2]int{c.line, c.col}, [2]int{ae.Line, ae.Col}, c.text)
		}
	}
}
