package key

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"deriv/engine"
	"deriv/symbolic"
)

func parse(t *testing.T, prog, expr string) *symbolic.Expr {
	t.Helper()
	p, err := engine.Load(context.Background(), prog, engine.Options{})
	require.NoError(t, err)
	e, err := engine.ParseExpr(p, expr)
	require.NoError(t, err)
	return e
}

// TestEquationBreaks: a display too wide for the page is broken into an
// aligned block between terms, then factors; each line is within the
// width, and the pieces are the whole expression.
func TestEquationBreaks(t *testing.T) {
	prog := "w_i ∈ R^d, b_i ∈ R for i = 1..n; x ∈ R^d; y, η ∈ R"
	cases := []string{
		"w_i + 2 η (y - Σ_{j=1}^{n} σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i)) x",
		"σ(w_1^T x + b_1) + σ(w_2^T x + b_2) - σ(w_3^T x + b_3) + σ(w_4^T x + b_4) - (σ(w_5^T x) + y)",
	}
	for _, src := range cases {
		e := parse(t, prog, src)
		got := equation(`w_i^{(t+1)}`, "w_i⁽ᵗ⁺¹⁾", e)
		require.True(t, strings.HasPrefix(got, "\\begin{aligned}\nw_i^{(t+1)} &= "), got)
		lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(got, "\\begin{aligned}\n"), "\n\\end{aligned}"), " \\\\\n")
		assert.GreaterOrEqual(t, len(lines), 2, got)
		for _, l := range lines[1:] {
			assert.True(t, strings.HasPrefix(l, `&\quad `), l)
		}
		// Parentheses balance on every line: no \left( is left open.
		for _, l := range lines {
			assert.Equal(t, strings.Count(l, `\left`), strings.Count(l, `\right`), l)
		}
	}
	// The negated sum keeps its parentheses.
	got := equation("f", "f", parse(t, prog, cases[1]))
	assert.Contains(t, got, `{}- \left(\sigma`)
	// A short one stays on one line.
	assert.Equal(t, `f = x^\top x`, equation("f", "f", parse(t, "x ∈ R^d", "x^T x")))
}

func TestTitleLaTeX(t *testing.T) {
	assert.Equal(t, `$\delta ^{(1)}$ in terms of $\delta ^{(2)}$`, titleLaTeX("δ^{(1)} in terms of δ^{(2)}", nil))
	assert.Equal(t, `DIS4 --- Backpropagation`, titleLaTeX("DIS4 --- Backpropagation", nil))
	assert.Equal(t, `$d/dw\,f(g_1(w))$`, titleLaTeX("d/dw f(g_1(w))", nil))
	assert.Equal(t, `already $x$`, titleLaTeX("already $x$", nil))
}
