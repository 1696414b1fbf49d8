package numeric_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"deriv/numeric"
	"deriv/parser"
	"deriv/symbolic"
)

// TestUndefinedPointsSkipped: exp(10³(3 − a)) overflows unless a > 2.3,
// which most draws miss. The points where no draw is finite are left out
// and the verdict rests on the others (Points says how many): the right
// derivative is correct, a wrong one incorrect, in Check, CheckHessian
// and Equivalent alike. A function undefined at every point is still an
// error.
func TestUndefinedPointsSkipped(t *testing.T) {
	p, err := parser.Parse("a ∈ R; f = exp(10^3 (3 - a))")
	require.NoError(t, err)
	parse := func(s string) *symbolic.Expr {
		e, err := parser.ParseExpr(p, s)
		require.NoError(t, err, s)
		return e
	}
	f, a := p.Result.Body, parse("a")
	opts := numeric.CheckOptions{Points: 8, Seed: 1}

	rep, err := numeric.Check(p, f, a, parse("-1000 exp(1000 (3 - a))"), opts)
	require.NoError(t, err)
	assert.Equal(t, "correct", string(rep.Verdict))
	assert.True(t, rep.Points > 0 && rep.Points < 8, "points %d", rep.Points)

	rep, err = numeric.Check(p, f, a, parse("1000 exp(1000 (3 - a))"), opts)
	require.NoError(t, err)
	assert.Equal(t, "incorrect", string(rep.Verdict))

	rep, err = numeric.CheckHessian(p, f, a, parse("10^6 exp(1000 (3 - a))"), opts)
	require.NoError(t, err)
	assert.Equal(t, "correct", string(rep.Verdict))

	rep, err = numeric.Equivalent(p, f, parse("exp(3000 - 1000 a)"), opts)
	require.NoError(t, err)
	assert.Equal(t, "equivalent", string(rep.Verdict))
	rep, err = numeric.Equivalent(p, f, parse("exp(3001 - 1000 a)"), opts)
	require.NoError(t, err)
	assert.Equal(t, "different", string(rep.Verdict))

	q, err := parser.Parse("x ∈ R; f = log(-x^2 - 1)")
	require.NoError(t, err)
	x, err := parser.ParseExpr(q, "x")
	require.NoError(t, err)
	claim, err := parser.ParseExpr(q, "2 x/(x^2 + 1)")
	require.NoError(t, err)
	_, err = numeric.Check(q, q.Result.Body, x, claim, opts)
	assert.True(t, errors.Is(err, numeric.ErrNoPoint), "%v", err)
}
