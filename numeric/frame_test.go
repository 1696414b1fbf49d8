package numeric

import (
	"fmt"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"

	"deriv/parser"
	"deriv/symbolic"
)

// Tests of the evaluation plan's buffers (frame.go): a Compiled evaluated
// again and again, at other points, gives exactly what a fresh
// compilation evaluated without buffer reuse gives; values handed out are
// never overwritten later; concurrent Evals do not share buffers.

// planCase is a program and the expressions evaluated in it: f, the
// extra expressions, and deriv's own gradient for each of wrt. index
// binds free indices (∂f/∂w_i) at every point.
type planCase struct {
	name, src string
	exprs     []string
	wrt       []string
	index     map[string]int
	dims      map[symbolic.Dim]int
}

var planCases = []planCase{
	{name: "worksheet", src: "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R\nℓ = 1/2 ||W2 φ(W1 x + b) - y||^2",
		wrt: []string{"W1", "W2", "x", "b"}, dims: map[symbolic.Dim]int{"d": 7}},
	{name: "shared subexpressions", src: "x ∈ R^d; A ∈ R^{d×d}\nu = A x\nf = u^T u + u^T A u + sum(exp(u) ⊙ u)",
		exprs: []string{"(A x) (A x)^T + A x x^T A^T - (A x) (A^T x)^T", "A A^T A x + (A x) ⊙ (A x)"},
		wrt:   []string{"x", "A"}, dims: map[symbolic.Dim]int{"d": 6}},
	{name: "family sum", src: "w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d; y ∈ R\nf(W, x, y) = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2",
		wrt: []string{"w_i", "b_i", "x"}, index: map[string]int{"i": 2}, dims: map[symbolic.Dim]int{"d": 5, "n": 4}},
	{name: "sums of outer products", src: "w_i ∈ R^d for i = 1..n\nx ∈ R^d; A ∈ R^{d×d}\nf = x^T (Σ_{i=1}^{n} w_i w_i^T) x + x^T A A^T x",
		exprs: []string{"Σ_{i=1}^{n} w_i w_i^T + A x x^T", "Σ_{j=1}^{n} Σ_{k=1}^{n} (w_j^T w_k) w_j w_k^T", "A - x x^T + 2 A^T"},
		wrt:   []string{"A", "x", "w_i"}, index: map[string]int{"i": 3}, dims: map[symbolic.Dim]int{"d": 4, "n": 3}},
	{name: "shadowed index", src: "w_i ∈ R^d for i = 1..n\nx ∈ R^d\nf = Σ_{i=1}^{n} (w_i^T x)^2",
		// The inner Σ_i rebinds the free i while w_iᵀ x (outer i) is
		// held by the product.
		exprs: []string{"(w_i^T x) Σ_{i=1}^{n} (w_i w_i^T x)", "Σ_{i=1}^{n} w_i + w_i", "w_i (w_i^T x) + Σ_{i=1}^{n} (w_i^T x) w_i"},
		index: map[string]int{"i": 2}, dims: map[symbolic.Dim]int{"d": 3, "n": 4}},
	{name: "shadowed index through definitions", src: "s(t) = t^2 + sin(t)\nw_i ∈ R^d for i = 1..n\nx ∈ R^d\nf = Σ_{i=1}^{n} s(w_i^T x)",
		exprs: []string{"s(w_i^T x) Σ_{i=1}^{n} s(w_i^T x) w_i", "(w_i w_i^T) Σ_{i=1}^{n} (w_i w_i^T) x", "Σ_{i=1}^{n} (Σ_{i=1}^{n} w_i) ⊙ w_i"},
		wrt:   []string{"x"}, index: map[string]int{"i": 4}, dims: map[symbolic.Dim]int{"d": 3, "n": 5}},
	{name: "defined functions", src: "s(t) = t^2 + sin(t)\nx ∈ R^d; A ∈ R^{d×d}\nf = sum(s(A x)) + s(x^T x)",
		exprs: []string{"s(A x) + s(x)", "s'(A x) ⊙ s(A x)", "s'(x^T A x) x"},
		wrt:   []string{"x", "A"}, dims: map[symbolic.Dim]int{"d": 5}},
}

// planExprs parses the case and returns its expressions, labelled.
func planExprs(t *testing.T, pc planCase) (*symbolic.Program, []string, []*symbolic.Expr) {
	t.Helper()
	p, err := parser.Parse(pc.src)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	names, exprs := []string{"f"}, []*symbolic.Expr{p.Result.Body}
	for _, src := range pc.exprs {
		e, err := parser.ParseExpr(p, src)
		if err != nil {
			t.Fatalf("parse %q: %v", src, err)
		}
		names, exprs = append(names, src), append(exprs, e)
	}
	for _, w := range pc.wrt {
		we, err := parser.ParseTarget(p, w)
		if err != nil {
			t.Fatalf("parse %q: %v", w, err)
		}
		d, err := symbolic.Grad(p, we, symbolic.GradOptions{})
		if err != nil {
			t.Fatalf("grad %s: %v", w, err)
		}
		names, exprs = append(names, "∂f/∂"+w), append(exprs, symbolic.Expand(d))
	}
	return p, names, exprs
}

// planPoints draws n points of the case.
func planPoints(t *testing.T, p *symbolic.Program, pc planCase, n int) []*Env {
	t.Helper()
	var envs []*Env
	for k := range n {
		env, err := Sample(p, nil, SampleOptions{Seed: int64(k) + 11, Dims: pc.dims}, 0)
		if err != nil {
			t.Fatal(err)
		}
		for name, v := range pc.index {
			env.Index[name] = v
		}
		envs = append(envs, env)
	}
	return envs
}

// reference evaluates e at env in a fresh compilation with buffer reuse
// off throughout: every node allocates its value, as before the plan.
func reference(t *testing.T, p *symbolic.Program, e *symbolic.Expr, env *Env) *mat.Dense {
	t.Helper()
	c, err := Compile(p, e)
	if err != nil {
		t.Fatal(err)
	}
	s := c.newState(env, defaultBudget)
	s.noReuse = 1
	v, _, err := c.run(s, defaultBudget, nil)
	if err != nil {
		t.Fatal(err)
	}
	return mat.DenseCopyOf(v)
}

// TestCompiledReuseAcrossPoints evaluates one Compiled (and one
// Evaluator) at points 1, 2, 1, 3: every value equals the reference's,
// bit for bit, and the values Eval returned earlier are unchanged after
// the later evaluations.
func TestCompiledReuseAcrossPoints(t *testing.T) {
	for _, pc := range planCases {
		t.Run(pc.name, func(t *testing.T) {
			p, names, exprs := planExprs(t, pc)
			envs := planPoints(t, p, pc, 3)
			order := []int{0, 1, 0, 2}
			for i, e := range exprs {
				want := make([]*mat.Dense, len(envs))
				for k, env := range envs {
					want[k] = reference(t, p, e, env)
				}
				c, err := Compile(p, e)
				if err != nil {
					t.Fatal(err)
				}
				ev := c.NewEvaluator()
				var kept []*mat.Dense
				var keptAt []int
				for _, k := range order {
					got, err := c.Eval(envs[k])
					if err != nil {
						t.Fatalf("%s at point %d: %v", names[i], k, err)
					}
					if !mat.Equal(got, want[k]) {
						t.Errorf("%s at point %d: Eval\n%v\nwant\n%v", names[i], k, mat.Formatted(got), mat.Formatted(want[k]))
					}
					kept, keptAt = append(kept, got), append(keptAt, k)
					borrowed, err := ev.Eval(envs[k])
					if err != nil {
						t.Fatalf("%s at point %d (Evaluator): %v", names[i], k, err)
					}
					if !mat.Equal(borrowed, want[k]) {
						t.Errorf("%s at point %d: Evaluator\n%v\nwant\n%v", names[i], k, mat.Formatted(borrowed), mat.Formatted(want[k]))
					}
				}
				for j, v := range kept {
					if !mat.Equal(v, want[keptAt[j]]) {
						t.Errorf("%s: the value of evaluation %d changed after later evaluations", names[i], j)
					}
				}
			}
		})
	}
}

// TestEvalEachReuse: the members of ∂f/∂w_i evaluated in turn in one
// state (evalEach, as the Hessian and family checks do) equal separate
// reference evaluations with the index bound.
func TestEvalEachReuse(t *testing.T) {
	pc := planCases[3]
	p, names, exprs := planExprs(t, pc)
	env := planPoints(t, p, pc, 1)[0]
	for i, e := range exprs {
		c, err := Compile(p, e)
		if err != nil {
			t.Fatal(err)
		}
		members := []int{1, 3, 2, 3}
		rows, err := c.evalEach(env, "i", members, nil)
		if err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
		for k, m := range members {
			at := env.Clone()
			at.Index["i"] = m
			want := flatten([]*mat.Dense{reference(t, p, e, at)})
			if fmt.Sprint(rows[k]) != fmt.Sprint(want) {
				t.Errorf("%s member %d: %v, want %v", names[i], m, rows[k], want)
			}
		}
	}
}

// TestCompiledConcurrent evaluates one Compiled from several goroutines
// at different points (run with -race): each gets its own frame, and
// every value equals the reference.
func TestCompiledConcurrent(t *testing.T) {
	for _, pc := range []planCase{planCases[0], planCases[3]} {
		p, names, exprs := planExprs(t, pc)
		envs := planPoints(t, p, pc, 3)
		for i, e := range exprs {
			want := make([]*mat.Dense, len(envs))
			for k, env := range envs {
				want[k] = reference(t, p, e, env)
			}
			c, err := Compile(p, e)
			if err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			errs := make(chan string, 64)
			for g := range 6 {
				wg.Go(func() {
					for r := range 20 {
						k := (g + r) % len(envs)
						got, err := c.Eval(envs[k])
						if err != nil {
							errs <- err.Error()
							return
						}
						if !mat.Equal(got, want[k]) {
							errs <- fmt.Sprintf("%s: goroutine %d, point %d: wrong value", names[i], g, k)
							return
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for msg := range errs {
				t.Error(msg)
			}
		}
	}
}

// TestEvaluatorNoAllocation: once warm, an Evaluator of the worksheet's
// ∂ℓ/∂W1 allocates no buffer: the bytes allocated per evaluation are far
// below one d×d matrix (counting work, not time).
func TestEvaluatorNoAllocation(t *testing.T) {
	pc := planCase{src: planCases[0].src, wrt: []string{"W1"}, dims: map[symbolic.Dim]int{"d": 200}}
	p, _, exprs := planExprs(t, pc)
	env := planPoints(t, p, pc, 1)[0]
	c, err := Compile(p, exprs[1])
	if err != nil {
		t.Fatal(err)
	}
	ev := c.NewEvaluator()
	if _, err := ev.Eval(env); err != nil {
		t.Fatal(err)
	}
	res := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ev.Eval(env); err != nil {
				b.Fatal(err)
			}
		}
	})
	if per := res.AllocedBytesPerOp(); per > 200*200*8/10 {
		t.Errorf("%d bytes allocated per evaluation; a 200×200 result is %d", per, 200*200*8)
	}
}
