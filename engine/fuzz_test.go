package engine_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"deriv/engine"
	"deriv/symbolic"
)

// fuzzBudget keeps one fuzz input short: small texts, shallow nesting, a
// second of work.
var fuzzBudget = engine.Budget{Time: 2 * time.Second, Bytes: 2 << 10, Depth: 64, Nodes: 200_000, Entries: 1_000_000, Points: 4}

// addProgramSeeds adds every testdata program as a seed, with each of its
// variables as --wrt.
func addProgramSeeds(f *testing.F) {
	files, _ := filepath.Glob("../testdata/programs/*.txt")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		p, err := engine.Load(context.Background(), string(data), engine.Options{})
		if err != nil {
			continue
		}
		for _, k := range p.Order {
			if s := p.Symbols[k]; s.Kind == symbolic.SymVar || s.Kind == symbolic.SymFamily {
				f.Add(string(data), k)
			}
		}
	}
	f.Add("x ∈ R; f = exp(1000 x)", "x")
	f.Add("x ∈ R^n; f = log(sum(exp(x)))", "x")
	f.Add("A ∈ R^{n×n}; f = logdet(A) + tr(A^{-1})", "A")
}

// noInternal fails on an error that is a bug in deriv.
func noInternal(t *testing.T, err error, what string) {
	t.Helper()
	var ie *engine.InternalError
	if errors.As(err, &ie) {
		t.Fatalf("%s: %v\n%s", what, ie, ie.Stack)
	}
}

// FuzzDerive loads a program, derives its function with respect to a
// variable and verifies the result: any program that loads must either be
// refused with an error or give a derivative that passes its numeric
// check. Run: go test ./engine -fuzz FuzzDerive -fuzztime 10m
func FuzzDerive(f *testing.F) {
	addProgramSeeds(f)
	f.Fuzz(func(t *testing.T, src, wrt string) {
		ctx := context.Background()
		p, err := engine.LoadFunction(ctx, src, engine.Options{Budget: fuzzBudget})
		noInternal(t, err, "load")
		if err != nil {
			return
		}
		targets, err := engine.Targets(p, "--wrt", wrt)
		noInternal(t, err, "targets")
		if err != nil {
			return
		}
		ds, err := engine.Derive(ctx, p, engine.DeriveRequest{Kind: engine.Grad, Wrt: targets, Check: engine.CheckOptions{Points: 2}, Budget: fuzzBudget})
		noInternal(t, err, "derive")
		for _, d := range ds {
			if d.Failed() {
				t.Errorf("∂/∂%s = %s fails its check (max relative error %g)\n%s", wrt, d.Body(symbolic.Text), d.Report.MaxRelError, src)
			}
		}
	})
}

// checkPrograms are the programs FuzzCheck judges claims against.
var checkPrograms = []struct{ src, wrt string }{
	{"x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R\nℓ = ½‖W2 φ(W1 x + b) − y‖²", "W1"},
	{"w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d; y ∈ R\nf = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2", "w_i"},
	{"A ∈ R^{m×n}; X ∈ R^{n×p}; B ∈ R^{p×m}; f = tr(A X B)", "X"},
	{"x ∈ R^n; A ∈ R^{n×n}; f = x^T A x", "x"},
}

// FuzzCheck judges arbitrary claims: never a panic, and a claim that does
// not parse is an error, not a verdict.
func FuzzCheck(f *testing.F) {
	for i, c := range []string{"(φ'(z) ⊙ (W2ᵀ r)) xᵀ", "-2 (y - Σ_j σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i)) x", "A^T B^T", "(A + A^T) x", "Σ_{i=1}^{n} Σ_{j=1}^{n} Σ_{k=1}^{n} x", "∂f/∂x = 2 A x"} {
		f.Add(uint8(i), c)
	}
	f.Fuzz(func(t *testing.T, which uint8, claimSrc string) {
		c := checkPrograms[int(which)%len(checkPrograms)]
		ctx := context.Background()
		p, err := engine.LoadFunction(ctx, c.src, engine.Options{Budget: fuzzBudget})
		if err != nil {
			t.Fatal(err)
		}
		wrt, err := engine.Targets(p, "--wrt", c.wrt)
		if err != nil {
			t.Fatal(err)
		}
		if len(claimSrc) > fuzzBudget.Bytes {
			return
		}
		claim, err := engine.ParseClaim(p, claimSrc, wrt[0])
		noInternal(t, err, "claim")
		if err != nil {
			return
		}
		rep, err := engine.Check(ctx, p, wrt[0], claim, engine.CheckOptions{Points: 2}, fuzzBudget)
		noInternal(t, err, "check")
		if err == nil && rep.Verdict != engine.Correct && rep.Verdict != engine.Incorrect {
			t.Fatalf("check verdict %v", rep.Verdict)
		}
	})
}

// FuzzEval evaluates programs at points read from arbitrary JSON: a bad
// values file is an error, never a panic.
func FuzzEval(f *testing.F) {
	f.Add("x, b ∈ R^2; W ∈ R^{2×2}; f = ‖W x + b‖^2", `{"x": [1, 2], "W": [[1, 0], [0, 1]], "b": [0.5, -0.5]}`)
	f.Add("w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d\nf = Σ_{i=1}^{n} σ(w_i^T x + b_i)", `{"w": [[1, 2], [3, 4], [5, 6]], "b": [1, 2, 3], "x": [1, -1]}`)
	f.Add("x ∈ R; f = log(x)", `{"x": null}`)
	f.Fuzz(func(t *testing.T, src, values string) {
		ctx := context.Background()
		p, err := engine.LoadFunction(ctx, src, engine.Options{Budget: fuzzBudget})
		noInternal(t, err, "load")
		if err != nil {
			return
		}
		at, err := engine.ReadValues(p, []byte(values), "values.json")
		noInternal(t, err, "values")
		if err != nil {
			return
		}
		_, err = engine.Eval(ctx, p, nil, at, fuzzBudget)
		noInternal(t, err, "eval")
	})
}
