package numeric_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"deriv/numeric"
	"deriv/symbolic"
)

// Deep programs whose derivatives are DAGs (issue 7): compiling and
// evaluating them must cost work linear in the number of distinct nodes.
// The tests count work (numeric.ReadWork), never time.

// deepProgram is a family of programs growing with a size k.
type deepProgram struct {
	name   string
	wrt    string
	small  int
	source func(k int) string
}

var deepPrograms = []deepProgram{
	{"σ⊙ chain", "x", 32, func(k int) string {
		var b strings.Builder
		b.WriteString("x ∈ R^d; u0 = x")
		for i := 1; i <= k; i++ {
			fmt.Fprintf(&b, "; u%d = σ(u%d) ⊙ u%d", i, i-1, i-1)
		}
		fmt.Fprintf(&b, "; f = sum(u%d)", k)
		return b.String()
	}},
	{"nested softmax", "x", 10, func(k int) string {
		return "x, a ∈ R^d; f = a^T " + strings.Repeat("softmax(", k) + "x" + strings.Repeat(")", k)
	}},
	{"nested sin", "x", 150, func(k int) string {
		return "x ∈ R; f = " + strings.Repeat("sin(", k) + "x" + strings.Repeat(")", k)
	}},
	{"σ definitions", "x", 100, func(k int) string {
		var b strings.Builder
		b.WriteString("x ∈ R^d; s0 = x")
		for i := 1; i <= k; i++ {
			fmt.Fprintf(&b, "; s%d = σ(s%d)", i, i-1)
		}
		fmt.Fprintf(&b, "; f = sum(s%d)", k)
		return b.String()
	}},
	{"squaring chain", "x", 15, func(k int) string {
		var b strings.Builder
		b.WriteString("x ∈ R; z0 = x")
		for i := 1; i <= k; i++ {
			fmt.Fprintf(&b, "; z%d = z%d * z%d", i, i-1, i-1)
		}
		return b.String()
	}},
}

// evalWork compiles the expression and evaluates it once at env,
// returning the compiled form and the work of the compilation and of the
// evaluation.
func evalWork(t *testing.T, p *symbolic.Program, e *symbolic.Expr, env *numeric.Env) (*numeric.Compiled, numeric.Work, numeric.Work) {
	t.Helper()
	numeric.ResetWork()
	c, err := numeric.Compile(p, e)
	if err != nil {
		t.Fatal(err)
	}
	comp := numeric.ReadWork()
	numeric.ResetWork()
	if _, err := c.Eval(env); err != nil {
		// An overflow (the squaring chain) is an error, after the work.
		var se *symbolic.Error
		if !errorsAs(err, &se) {
			t.Fatal(err)
		}
	}
	return c, comp, numeric.ReadWork()
}

// TestDeepProgramsLinearWork derives each deep program at size k and 2k
// (symbolic.Grad + Expand, as deriv grad does) and counts the work of
// compiling and evaluating f and ∂f/∂x: each distinct node is compiled
// once and evaluated at most once per Eval, and doubling the size at most
// doubles the work (with a margin of 25%).
func TestDeepProgramsLinearWork(t *testing.T) {
	for _, dp := range deepPrograms {
		t.Run(dp.name, func(t *testing.T) {
			var prev [2]int64
			for _, k := range []int{dp.small, 2 * dp.small} {
				pr := parseProblem(t, dp.source(k))
				grad := pr.derive(t, dp.wrt)
				env, err := numeric.Sample(pr.p, nil, numeric.SampleOptions{Seed: 1}, 0)
				if err != nil {
					t.Fatal(err)
				}
				var total [2]int64
				for i, e := range []*symbolic.Expr{pr.f, grad} {
					c, comp, ev := evalWork(t, pr.p, e, env)
					if comp.CompileVisits != int64(c.Nodes()) {
						t.Errorf("k=%d expr %d: %d compile visits for %d distinct nodes", k, i, comp.CompileVisits, c.Nodes())
					}
					if ev.NodeEvals > int64(c.Nodes()) {
						t.Errorf("k=%d expr %d: %d node evaluations for %d distinct nodes", k, i, ev.NodeEvals, c.Nodes())
					}
					total[0] += comp.CompileVisits + comp.GraphVisits
					total[1] += ev.NodeEvals
				}
				if prev[0] > 0 {
					for j, what := range []string{"compile", "eval"} {
						if ratio := float64(total[j]) / float64(prev[j]); ratio > 2.5 {
							t.Errorf("%s work grew %.2f× (%d → %d) when the size doubled to %d", what, ratio, prev[j], total[j], k)
						}
					}
				}
				prev = total
			}
		})
	}
}

// TestCheckWorkLinear runs the whole Check of deriv's own derivative of
// the σ⊙ chain at depth 16 and 32: the work per evaluation of f or of
// the claim stays linear in the depth.
func TestCheckWorkLinear(t *testing.T) {
	var prev float64
	for _, k := range []int{16, 32} {
		pr := parseProblem(t, deepPrograms[0].source(k))
		grad := pr.derive(t, "x")
		numeric.ResetWork()
		rep := pr.checkExpr(t, "x", grad, numeric.CheckOptions{Points: 2, Seed: 1})
		wantCorrect(t, fmt.Sprintf("depth %d", k), rep)
		w := numeric.ReadWork()
		perEval := float64(w.NodeEvals) / float64(w.Evals)
		if prev > 0 && perEval/prev > 2.5 {
			t.Errorf("node evaluations per Eval grew %.2f× (%.0f → %.0f) from depth %d to %d", perEval/prev, prev, perEval, k/2, k)
		}
		prev = perEval
	}
}

// TestCopiedTreeCompiledOnce builds e_k = e_{k−1} + e'_{k−1}, where e' is
// a separate copy (no pointer shared): 2^16 leaves, 17 distinct nodes.
// Structural interning compiles and evaluates each distinct node once.
func TestCopiedTreeCompiledOnce(t *testing.T) {
	const depth = 16
	var build func(k int) *symbolic.Expr
	build = func(k int) *symbolic.Expr {
		if k == 0 {
			return &symbolic.Expr{Op: symbolic.OpCall, Name: "sin", Args: []*symbolic.Expr{{Op: symbolic.OpVar, Name: "x"}}}
		}
		return &symbolic.Expr{Op: symbolic.OpAdd, Args: []*symbolic.Expr{build(k - 1), build(k - 1)}}
	}
	e := build(depth)
	pr := parseProblem(t, "x ∈ R; f = x")
	env := numeric.NewEnv()
	env.Vals["x"] = mat.NewDense(1, 1, []float64{0.5})
	c, comp, ev := evalWork(t, pr.p, e, env)
	if c.Nodes() != depth+2 || comp.CompileVisits != depth+2 {
		t.Errorf("%d distinct nodes, %d compile visits; want %d", c.Nodes(), comp.CompileVisits, depth+2)
	}
	if ev.NodeEvals > depth+2 {
		t.Errorf("%d node evaluations, want at most %d", ev.NodeEvals, depth+2)
	}
	v, err := c.Eval(env)
	if err != nil {
		t.Fatal(err)
	}
	if want := math.Ldexp(math.Sin(0.5), depth); math.Abs(v.At(0, 0)-want) > 1e-9*want {
		t.Errorf("value %g, want %g", v.At(0, 0), want)
	}
}

// TestSharedNodesUnderIndices checks that caching shared nodes respects
// the bindings they depend on: a sum's index, a re-bound index, a
// function's parameters, a free index.
func TestSharedNodesUnderIndices(t *testing.T) {
	cases := []struct {
		src  string
		vals map[string][]float64
		idx  map[string]int
		want float64
	}{
		// (w_iᵀx)² shared by both terms, different for each i.
		{"w_i ∈ R^2 for i = 1..n; x ∈ R^2; f = Σ_{i=1}^{n} ((w_i^T x)^2 + σ(w_i^T x))",
			map[string][]float64{"w": {1, 0, 0, 2, 1, 1}, "x": {1, 1}}, nil,
			1 + 4 + 4 + sig(1) + sig(2) + sig(2)},
		// A nested sum re-binding i: Σ_i b_i (Σ_i b_i x²) = 3·27.
		{"b_i ∈ R for i = 1..n; x ∈ R; f = Σ_{i=1}^{n} b_i Σ_{i=1}^{n} b_i x^2",
			map[string][]float64{"b": {1, 2}, "x": {3}}, nil, 81},
		// A free index.
		{"w_i ∈ R^2 for i = 1..n; x ∈ R^2; f = (w_i^T x)^2 + w_i^T x",
			map[string][]float64{"w": {1, 0, 0, 2}, "x": {1, 1}}, map[string]int{"i": 2}, 6},
		// A defined function applied twice, to different arguments.
		{"x ∈ R; h(t) = t^2 + t; f = h(x) + h(h(x)) + h(2 x)",
			map[string][]float64{"x": {1}}, nil, 2 + 6 + 6},
		// A definition that depends on the sum's index.
		{"w_i ∈ R for i = 1..n; x ∈ R; f = Σ_{i=1}^{n} ((x w_i)^2 + x w_i)",
			map[string][]float64{"w": {1, 2, 3}, "x": {2}}, nil, 4 + 16 + 36 + 2 + 4 + 6},
	}
	for _, tc := range cases {
		pr := parseProblem(t, tc.src)
		env := numeric.NewEnv()
		for k, v := range tc.vals {
			rows := len(v)
			if k == "w" && strings.Contains(tc.src, "R^2") {
				rows = len(v) / 2
				env.Vals[k] = mat.NewDense(rows, 2, v)
				env.Dims["n"] = rows
				continue
			}
			if k != "x" {
				env.Dims["n"] = rows
			}
			env.Vals[k] = mat.NewDense(rows, 1, v)
		}
		env.Dims["d"] = 2
		for k, v := range tc.idx {
			env.Index[k] = v
		}
		c, err := numeric.Compile(pr.p, pr.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		v, err := c.Eval(env)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		if got := v.At(0, 0); math.Abs(got-tc.want) > 1e-12*math.Max(1, math.Abs(tc.want)) {
			t.Errorf("%s = %g, want %g", tc.src, got, tc.want)
		}
	}
}

func sig(t float64) float64 { return 1 / (1 + math.Exp(-t)) }

func errorsAs(err error, target any) bool { return errors.As(err, target) }

// TestEvalTargetFamilyLinear: evaluating ∂f/∂w_i of the worksheet's 2c
// for every member (deriv grad --at) computes Σ_j σ(w_jᵀ x + b_j), which
// does not depend on i, once: the work grows linearly in n, not as n².
// The values agree with member-by-member evaluation.
func TestEvalTargetFamilyLinear(t *testing.T) {
	pr := parseProblem(t, worksheet2c)
	grad := pr.derive(t, "w_i")
	c, err := numeric.Compile(pr.p, grad)
	if err != nil {
		t.Fatal(err)
	}
	var prev int64
	for _, n := range []int{100, 200} {
		env, err := numeric.Sample(pr.p, nil, numeric.SampleOptions{Seed: 1, Dims: map[symbolic.Dim]int{"n": n, "d": 3}}, 0)
		if err != nil {
			t.Fatal(err)
		}
		numeric.ResetWork()
		got, err := numeric.EvalTarget(c, env, pr.p, pr.expr(t, "w_i"))
		if err != nil {
			t.Fatal(err)
		}
		w := numeric.ReadWork().NodeEvals
		if prev > 0 && float64(w)/float64(prev) > 2.5 {
			t.Errorf("work grew %.2f× (%d → %d) from n = %d to %d", float64(w)/float64(prev), prev, w, n/2, n)
		}
		prev = w
		rows := got.([][]float64)
		for _, i := range []int{1, n / 2, n} {
			one := env.Clone()
			one.Index["i"] = i
			v, err := c.Eval(one)
			if err != nil {
				t.Fatal(err)
			}
			for j := range 3 {
				if rows[i-1][j] != v.At(j, 0) {
					t.Errorf("n=%d member %d entry %d: %g, member by member %g", n, i, j, rows[i-1][j], v.At(j, 0))
				}
			}
		}
	}
}
