package symbolic_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"deriv/symbolic"
)

// TestGradMaxNodes: a derivative with more distinct nodes than
// GradOptions.MaxNodes fails with a *symbolic.Error naming the limit.
func TestGradMaxNodes(t *testing.T) {
	f := deepFamilies[0] // σ(u) ⊙ u, 16 deep
	p, w := parseFamily(t, f, 16)
	if _, err := symbolic.Grad(p, w, symbolic.GradOptions{}); err != nil {
		t.Fatalf("default limit: %v", err)
	}
	_, err := symbolic.Grad(p, w, symbolic.GradOptions{MaxNodes: 20})
	var se *symbolic.Error
	if !errors.As(err, &se) {
		t.Fatalf("MaxNodes 20: got %v, want a *symbolic.Error", err)
	}
	if want := "more than 20 distinct subexpressions (the limit)"; !strings.Contains(se.Msg, want) {
		t.Errorf("message %q does not name the bound (%q)", se.Msg, want)
	}
}

// TestGradContext: an expired context stops a derivation with an error
// wrapping ctx.Err().
func TestGradContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, f := range deepFamilies {
		p, w := parseFamily(t, f, f.sizes[0])
		_, err := symbolic.Grad(p, w, symbolic.GradOptions{Context: ctx})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: got %v, want an error wrapping context.Canceled", f.name, err)
			continue
		}
		if !strings.Contains(err.Error(), "time limit reached while differentiating") {
			t.Errorf("%s: message %q", f.name, err)
		}
	}
	// A live context changes nothing.
	p, w := parseFamily(t, deepFamilies[0], 8)
	if _, err := symbolic.Grad(p, w, symbolic.GradOptions{Context: context.Background()}); err != nil {
		t.Fatal(err)
	}
}

// TestInlineKeepsNamesBeyondBound: --inline of a derivative whose tree
// would exceed MaxInlineSize keeps its where list; a small one has none.
func TestInlineKeepsNamesBeyondBound(t *testing.T) {
	f := deepFamilies[0]
	p, w := parseFamily(t, f, 64)
	d, err := symbolic.Grad(p, w, symbolic.GradOptions{Inline: true})
	if err != nil {
		t.Fatal(err)
	}
	if size := symbolic.TreeSize(d.Expr, symbolic.MaxInlineSize); size > symbolic.MaxInlineSize {
		t.Errorf("inlined expression has tree size over %d", symbolic.MaxInlineSize)
	}
	if len(d.Where) == 0 {
		t.Errorf("depth 64: no where list kept, although the tree is exponential")
	}
	p, w = parseFamily(t, f, 2)
	d, err = symbolic.Grad(p, w, symbolic.GradOptions{Inline: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Where) != 0 {
		t.Errorf("depth 2: where list %v with Inline", d.Where)
	}
}

// TestEqualSharedDAG: Equal and Hash of two separately built DAGs whose
// trees are exponentially large take linear work.
func TestEqualSharedDAG(t *testing.T) {
	build := func(n int) *symbolic.Expr {
		x := &symbolic.Expr{Op: symbolic.OpVar, Name: "x", Pos: symbolic.NoPos}
		u := x
		for range n {
			u = &symbolic.Expr{Op: symbolic.OpHad, Args: []*symbolic.Expr{u, u}, Pos: symbolic.NoPos}
		}
		return u
	}
	a, b := build(60), build(60)
	symbolic.Stats.Reset()
	if !symbolic.Equal(a, b) || symbolic.Hash(a) != symbolic.Hash(b) {
		t.Fatal("equal DAGs compare unequal")
	}
	if v := symbolic.Stats.Visits(); v > 200 {
		t.Errorf("%d visits to compare two 60-deep DAGs", v)
	}
	c := build(59)
	c = &symbolic.Expr{Op: symbolic.OpHad, Args: []*symbolic.Expr{c, build(59)}, Pos: symbolic.NoPos}
	if !symbolic.Equal(a, c) {
		t.Error("equal DAGs with different sharing compare unequal")
	}
	d := build(60)
	d.Args[1] = &symbolic.Expr{Op: symbolic.OpVar, Name: "y", Pos: symbolic.NoPos}
	if symbolic.Equal(a, d) {
		t.Error("different DAGs compare equal")
	}
}

// TestGradConcurrent derives one parsed program in several goroutines at
// once (as the grader does): the cached hashes of shared nodes are safe for
// concurrent use (run with -race), and every goroutine gets the same text.
func TestGradConcurrent(t *testing.T) {
	p, w := parseFamily(t, deepFamilies[0], 12)
	want, err := symbolic.Grad(p, w, symbolic.GradOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantText := symbolic.Print(want.Expr, symbolic.Text)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			d, err := symbolic.Grad(p, w, symbolic.GradOptions{})
			if err == nil && symbolic.Print(d.Expr, symbolic.Text) != wantText {
				err = errors.New("different result: " + symbolic.Print(d.Expr, symbolic.Text))
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestStepBeyondInlineBound: a step whose update would be exponentially
// long written out fails with an error naming the bound.
func TestStepBeyondInlineBound(t *testing.T) {
	p, w := parseFamily(t, deepFamilies[0], 40)
	_, err := symbolic.Step(p, []*symbolic.Expr{w}, symbolic.Number(0.1), symbolic.GradOptions{})
	if err == nil || !strings.Contains(err.Error(), "100000") {
		t.Fatalf("got %v, want an error naming the limit 100000", err)
	}
	p, w = parseFamily(t, deepFamilies[0], 2)
	if _, err := symbolic.Step(p, []*symbolic.Expr{w}, symbolic.Number(0.1), symbolic.GradOptions{}); err != nil {
		t.Fatal(err)
	}
}
