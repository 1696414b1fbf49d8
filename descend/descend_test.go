package descend_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"deriv/descend"
	"deriv/engine"
	"deriv/symbolic"
)

// The worksheet's 1-hidden-layer network (section 1): S1 = W1ᵀ x0, so
// column j of W1 holds the weights into hidden unit j.
const network = `x0 ∈ R^{d0}; y ∈ R^{d2}; W1 ∈ R^{d0×d1}; W2 ∈ R^{d1×d2}
S1 = W1ᵀ x0; x1 = σ(S1); S2 = W2ᵀ x1; x2 = σ(S2)
ℓ = ½‖x2 − y‖²`

func run(t *testing.T, src string, opts descend.Options) *descend.Result {
	t.Helper()
	p, err := engine.LoadFunction(context.Background(), src, engine.Options{})
	require.NoError(t, err)
	var names []string
	for _, v := range descend.Params(p) {
		names = append(names, symbolic.Print(v, symbolic.Text))
	}
	require.NotEmpty(t, names)
	params, err := engine.Targets(p, "--wrt", join(names))
	require.NoError(t, err)
	r, err := descend.Run(context.Background(), p, params, opts)
	require.NoError(t, err)
	return r
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out
}

func byName(r *descend.Result) map[string]descend.Finding {
	out := map[string]descend.Finding{}
	for _, f := range r.Findings {
		out[f.Name] = f
	}
	return out
}

// TestConstantInitIsSymmetric: worksheet 1(b)–(e). With every weight
// equal to a, the hidden units stay interchangeable: each row of W1 stays
// constant (all columns equal) and each column of W2 stays constant (all
// rows equal), at every step, while the loss goes down.
func TestConstantInitIsSymmetric(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		r := run(t, network, descend.Options{Steps: 6, Rate: 0.5, Seed: seed, Init: map[string]float64{"W1": 0.3, "W2": 0.3},
			Dims: map[symbolic.Dim]int{"d0": 3, "d1": 4, "d2": 2}})
		require.Len(t, r.Iterates, 7)
		assert.True(t, r.Symmetric)
		f := byName(r)
		assert.Equal(t, "columns", f["W1"].Kind)
		assert.True(t, f["W1"].Stayed)
		assert.Equal(t, "rows", f["W2"].Kind)
		assert.True(t, f["W2"].Stayed)
		assert.Contains(t, f["W1"].Message, "hidden units are symmetric")
		assert.Less(t, r.Iterates[6].Loss, r.Iterates[0].Loss)
		// The weights did move: it is not symmetric because nothing changed.
		assert.NotEqual(t, r.Iterates[0].Values["W1"], r.Iterates[6].Values["W1"])
	}
}

// TestRandomInitBreaksSymmetry: with random weights, nothing is equal.
func TestRandomInitBreaksSymmetry(t *testing.T) {
	r := run(t, network, descend.Options{Steps: 3, Seed: 7, Dims: map[symbolic.Dim]int{"d0": 3, "d1": 4, "d2": 2}})
	assert.False(t, r.Symmetric)
	for _, f := range r.Findings {
		assert.Equal(t, "none", f.Kind, f.Message)
		assert.False(t, f.Stayed)
	}
}

// TestLogisticRegressionFromZero: worksheet 1(f). From w = 0 the entries
// of w become distinct at the first step (each sees its own feature), for
// one sample and for a sum over samples.
func TestLogisticRegressionFromZero(t *testing.T) {
	for _, src := range []string{
		`w, x ∈ R^d; y ∈ R; f = log(1 + exp(−y wᵀx))`,
		`X ∈ R^{n×d}; y ∈ R^n; w ∈ R^d; f = sum(log(1 + exp(−y ⊙ (X w))))`,
	} {
		r := run(t, src, descend.Options{Steps: 4, Init: map[string]float64{"w": 0}, Dims: map[symbolic.Dim]int{"d": 4}})
		assert.False(t, r.Symmetric, src)
		f := byName(r)["w"]
		assert.Equal(t, "entries", f.Kind, src)
		assert.False(t, f.Stayed, src)
		assert.Equal(t, 1, f.BrokenAt, src)
		assert.Less(t, r.Iterates[4].Loss, r.Iterates[0].Loss, src)
	}
}

// TestFamilyMembersStayEqual: the units of worksheet 2(b) with w_i = a,
// b_i = c for every i stay equal.
func TestFamilyMembersStayEqual(t *testing.T) {
	src := `w_i ∈ R^d, b_i ∈ R for i = 1..n; x ∈ R^d; y ∈ R
f = (y − Σ_{i=1}^{n} σ(w_iᵀ x + b_i))^2`
	r := run(t, src, descend.Options{Steps: 3, Init: map[string]float64{"w": 0.2, "b": 0.1}, Dims: map[symbolic.Dim]int{"n": 3, "d": 2}})
	assert.True(t, r.Symmetric)
	for _, f := range r.Findings {
		assert.Equal(t, "members", f.Kind, f.Name)
		assert.True(t, f.Stayed, f.Name)
	}
	r = run(t, src, descend.Options{Steps: 3, Seed: 4, Dims: map[symbolic.Dim]int{"n": 3, "d": 2}})
	assert.False(t, r.Symmetric)
	// Members may be named as such.
	r = run(t, src, descend.Options{Steps: 2, Init: map[string]float64{"w_i": 0.2, "b_i": 0.1}, Dims: map[symbolic.Dim]int{"n": 3, "d": 2}})
	assert.True(t, r.Symmetric)
}

// TestStepIsGradientStep: one step moves w by −η ∇f, with ∇f = −y σ(−y wᵀx) x
// for logistic regression: at w = 0, w₁ = η y x / 2.
func TestStepIsGradientStep(t *testing.T) {
	src := `w, x ∈ R^d; y ∈ R; f = log(1 + exp(−y wᵀx))`
	p, err := engine.LoadFunction(context.Background(), src, engine.Options{})
	require.NoError(t, err)
	env, err := engine.ReadValues(p, []byte(`{"w": [0, 0], "x": [1, -2], "y": 1}`), "v.json")
	require.NoError(t, err)
	params, err := engine.Targets(p, "--wrt", "w")
	require.NoError(t, err)
	r, err := descend.Run(context.Background(), p, params, descend.Options{Steps: 1, Rate: 0.5, Start: env})
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0.25, -0.5}, r.Iterates[1].Values["w"], 1e-12)
}

func TestRunErrors(t *testing.T) {
	p, err := engine.LoadFunction(context.Background(), network, engine.Options{})
	require.NoError(t, err)
	params, err := engine.Targets(p, "--wrt", "W1")
	require.NoError(t, err)
	_, err = descend.Run(context.Background(), p, params, descend.Options{Init: map[string]float64{"V": 1}})
	assert.ErrorContains(t, err, "no variable V")
	_, err = descend.Run(context.Background(), p, params, descend.Options{Rate: -1})
	assert.ErrorContains(t, err, "--rate")
}
