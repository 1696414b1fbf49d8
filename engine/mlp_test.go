package engine_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"deriv/engine"
	"deriv/numeric"
)

// mlpSource is the L-layer σ network of issue 11: x, y ∈ R^d, W_k ∈
// R^{d×d}, z_k = σ(W_k z_{k−1}), f = ½‖z_L − y‖².
func mlpSource(layers int) string {
	var b strings.Builder
	b.WriteString("x ∈ R^d; y ∈ R^d; z0 = x; ")
	for i := 1; i <= layers; i++ {
		fmt.Fprintf(&b, "W%d ∈ R^{d×d}; z%d = σ(W%d z%d); ", i, i, i, i-1)
	}
	fmt.Fprintf(&b, "f = 1/2 ‖z%d − y‖^2", layers)
	return b.String()
}

// TestVerifiedMLPLinearWork derives ∂f/∂W1 of the L-layer network under
// the silent verification, for L = 1, 2, 4, …, 128, and counts the
// numeric work (numeric.ReadWork; no time): the number of evaluations
// stays bounded whatever L (the screen costs a few evaluations per
// point, more only where the derivative vanishes below the rounding noise
// of the differences, as it does through 20 layers of σ), and the nodes
// evaluated per evaluation, and the nodes compiled, at most double when L
// doubles (with a margin of 25%). The work's log-log slope over the whole
// range, the exponent issue 11 bounds, is at most 1.1.
func TestVerifiedMLPLinearWork(t *testing.T) {
	ctx := context.Background()
	var xs, ys []float64
	var prev numeric.Work
	var prevL int
	for layers := 1; layers <= 128; layers *= 2 {
		p, err := engine.LoadFunction(ctx, mlpSource(layers), engine.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ts, err := engine.Targets(p, "--wrt", "W1")
		if err != nil {
			t.Fatal(err)
		}
		numeric.ResetWork()
		ds, err := engine.Derive(ctx, p, engine.DeriveRequest{Kind: engine.Grad, Wrt: ts, Verify: engine.VerifySilently})
		if err != nil {
			t.Fatal(err)
		}
		w := numeric.ReadWork()
		if ds[0].Failed() || ds[0].Report == nil {
			t.Fatalf("L=%d: the verification failed: %+v (unchecked: %v)", layers, ds[0].Report, ds[0].Unchecked)
		}
		if w.Evals > 100 {
			t.Errorf("L=%d: %d evaluations; the screen should take about 50 (80 where the derivative vanishes)", layers, w.Evals)
		}
		if prevL > 0 {
			per, prevPer := float64(w.NodeEvals)/float64(w.Evals), float64(prev.NodeEvals)/float64(prev.Evals)
			if per > 2.5*prevPer {
				t.Errorf("L %d → %d: node evaluations per evaluation grew %.2f× (%.0f → %.0f)", prevL, layers, per/prevPer, prevPer, per)
			}
			if c, pc := w.CompileVisits+w.GraphVisits, prev.CompileVisits+prev.GraphVisits; float64(c) > 2.5*float64(pc) {
				t.Errorf("L %d → %d: compile work grew %.2f× (%d → %d)", prevL, layers, float64(c)/float64(pc), pc, c)
			}
		}
		xs = append(xs, math.Log(float64(layers)))
		ys = append(ys, math.Log(float64(w.NodeEvals+w.CompileVisits+w.GraphVisits)))
		t.Logf("L=%3d: %3d evaluations, %6d node evaluations, %5d nodes compiled", layers, w.Evals, w.NodeEvals, w.CompileVisits)
		prev, prevL = w, layers
	}
	if s := slope(xs, ys); s > 1.1 {
		t.Errorf("the verification's work grows as L^%.2f over L = 1…128; want at most L^1.1", s)
	}
}

// slope is the least-squares slope of ys against xs.
func slope(xs, ys []float64) float64 {
	var mx, my float64
	for i := range xs {
		mx += xs[i] / float64(len(xs))
		my += ys[i] / float64(len(xs))
	}
	var num, den float64
	for i := range xs {
		num += (xs[i] - mx) * (ys[i] - my)
		den += (xs[i] - mx) * (xs[i] - mx)
	}
	return num / den
}

// BenchmarkVerifiedMLP: ∂f/∂W1 of the L-layer network in process,
// derived and verified as deriv grad does by default (see mlpSource).
func BenchmarkVerifiedMLP(b *testing.B) {
	for _, layers := range []int{1, 8, 32, 128} {
		src := mlpSource(layers)
		for _, mode := range []struct {
			name string
			v    engine.Verify
		}{{"derive", engine.VerifyOff}, {"verified", engine.VerifySilently}} {
			b.Run(fmt.Sprintf("L=%d/%s", layers, mode.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					derivation(b, src, "W1", mode.v)
				}
			})
		}
	}
}
