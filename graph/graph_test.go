package graph_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"deriv/engine"
	"deriv/graph"
	"deriv/symbolic"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/graphs/")

// programs are the worksheet's graphs: testdata/graphs/*.deriv.
func programs(t *testing.T) map[string]*symbolic.Program {
	t.Helper()
	files, err := filepath.Glob("../testdata/graphs/*.deriv")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	out := map[string]*symbolic.Program{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		p, err := engine.LoadFunction(context.Background(), string(src), engine.Options{File: f})
		require.NoError(t, err, f)
		out[strings.TrimSuffix(filepath.Base(f), ".deriv")] = p
	}
	return out
}

func build(t *testing.T, p *symbolic.Program, opts graph.Options) *graph.Graph {
	t.Helper()
	g, err := graph.Build(p, opts)
	require.NoError(t, err)
	return g
}

// TestGolden compares every format of every worksheet graph, forward and
// backward, with testdata/graphs/NAME[-backward].{dot,tex,mmd}.
func TestGolden(t *testing.T) {
	for name, p := range programs(t) {
		for _, backward := range []bool{false, true} {
			g := build(t, p, graph.Options{Backward: backward})
			base := name
			if backward {
				base += "-backward"
			}
			golden(t, base+".dot", g.DOT())
			golden(t, base+".tex", g.TikZ())
			golden(t, base+".mmd", g.Mermaid())
		}
	}
	p := programs(t)["2b-sum-of-units"]
	g := build(t, p, graph.Options{Backward: true, Expand: map[symbolic.Dim]int{"n": 3}})
	golden(t, "2b-sum-of-units-expand3.dot", g.DOT())
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("../testdata/graphs", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./graph -update")
	assert.Equal(t, string(want), got, name)
}

// labels lists the nodes' labels by kind.
func labels(g *graph.Graph) map[graph.Kind][]string {
	out := map[graph.Kind][]string{}
	for _, n := range g.Nodes {
		out[n.Kind] = append(out[n.Kind], n.Label(symbolic.Text))
	}
	return out
}

// TestNodes checks the textbook grouping of operations, the kinds of the
// leaves and the families.
func TestNodes(t *testing.T) {
	ps := programs(t)
	g := build(t, ps["2e-two-layers"], graph.Options{})
	l := labels(g)
	assert.ElementsMatch(t, []string{"z = W⁽¹⁾ x + b", "a = Φ(z)", "r = W⁽²⁾ a − y"}, l[graph.Op])
	assert.ElementsMatch(t, []string{"W⁽¹⁾", "W⁽²⁾", "b"}, l[graph.Param])
	assert.ElementsMatch(t, []string{"x", "y"}, l[graph.Input])
	assert.Equal(t, []string{"ℓ = 1/2 ‖r‖²"}, l[graph.Output])
	assert.Empty(t, g.Families)
	assert.Len(t, g.Edges, 8)

	// With Φ = id (worksheet 2f) the identity draws no node.
	src, err := os.ReadFile("../testdata/graphs/2e-two-layers.deriv")
	require.NoError(t, err)
	p, err := engine.LoadFunction(context.Background(), string(src), engine.Options{Let: []string{"Φ = id"}})
	require.NoError(t, err)
	l = labels(build(t, p, graph.Options{Backward: true}))
	assert.Equal(t, []string{"r = W⁽²⁾ (W⁽¹⁾ x + b) − y"}, l[graph.Op])

	g = build(t, ps["1a-network"], graph.Options{})
	l = labels(g)
	assert.ElementsMatch(t, []string{"S1 = W1ᵀ x0", "x1 = g(S1)", "S2 = W2ᵀ x1", "x2 = g(S2)"}, l[graph.Op])
	assert.Equal(t, []string{"ℓ = L(x2)"}, l[graph.Output])

	g = build(t, ps["2b-sum-of-units"], graph.Options{})
	require.Len(t, g.Families, 1)
	assert.Equal(t, "i", g.Families[0].Index)
	fam := map[string]string{}
	for _, n := range g.Nodes {
		fam[n.Label(symbolic.Text)] = n.Family
	}
	assert.Equal(t, map[string]string{"w_i": "i", "b_i": "i", "z_i = w_iᵀ x + b_i": "i", "a_i = φ(z_i)": "i",
		"x": "", "y": "", "s = Σ_{i=1}^{n} a_i": "", "r = y − s": "", "f = r²": ""}, fam)

	g = build(t, ps["2b-sum-of-units"], graph.Options{Expand: map[symbolic.Dim]int{"n": 3}})
	assert.Empty(t, g.Families)
	l = labels(g)
	assert.ElementsMatch(t, []string{"w₁", "w₂", "w₃", "b₁", "b₂", "b₃"}, l[graph.Param])
	assert.Contains(t, l[graph.Op], "s = a₁ + a₂ + a₃")
	assert.Contains(t, l[graph.Op], "z₂ = w₂ᵀ x + b₂")

	g = build(t, ps["2a-chain-rule"], graph.Options{})
	l = labels(g)
	assert.ElementsMatch(t, []string{"x₁ = g₁(w)", "x₂ = g₂(w)", "x₃ = g₃(w)"}, l[graph.Op])
	assert.Equal(t, []string{"F = f(x₁, x₂, x₃)"}, l[graph.Output])
}

// TestAdjointsAreGradients substitutes the δ's of every leaf's adjoint
// back to the program's names and checks the result against finite
// differences of the function (engine.Check).
func TestAdjointsAreGradients(t *testing.T) {
	for name, p := range programs(t) {
		g := build(t, p, graph.Options{Backward: true})
		for _, n := range g.Nodes {
			if n.Local != nil {
				continue
			}
			require.NotNil(t, n.Adjoint, "%s: %s has no adjoint", name, n.Label(symbolic.Text))
			full := g.Inline(g.ResolveDeltas(n.Adjoint))
			wrt, err := engine.Targets(p, "--wrt", symbolic.Print(n.Name, symbolic.Text))
			require.NoError(t, err)
			rep, err := engine.Check(context.Background(), p, wrt[0], full, engine.CheckOptions{}, engine.Budget{})
			require.NoError(t, err, "%s: ∂/∂%s: %s", name, n.Label(symbolic.Text), symbolic.Print(full, symbolic.Text))
			assert.True(t, rep.Verdict.Positive(), "%s: ∂/∂%s: %s is not the gradient", name, n.Label(symbolic.Text), symbolic.Print(full, symbolic.Text))
		}
	}
}

// TestVectorOutput: a layer's output has no scalar loss above it: its
// adjoint is given, and the others are written through it.
func TestVectorOutput(t *testing.T) {
	p, err := engine.LoadFunction(context.Background(), "W ∈ R^{m×n}; x ∈ R^n; h = σ(W x)", engine.Options{})
	require.NoError(t, err)
	g := build(t, p, graph.Options{Backward: true})
	adj := map[string]string{}
	for _, n := range g.Nodes {
		adj[n.Label(symbolic.Text)] = n.AdjointLabel(g.Output(), symbolic.Text)
	}
	assert.Equal(t, map[string]string{
		"h = σ(z)": "δ_h (given)",
		"z = W x":  "δ_z = σ(z) ⊙ (1 − σ(z)) ⊙ δ_h",
		"W":        "δ_W = δ_z xᵀ",
		"x":        "δ_x = Wᵀ δ_z",
	}, adj)
}
