package engine_test

import (
	"context"
	"os"
	"testing"

	"github.com/goccy/go-yaml"

	"deriv/engine"
	"deriv/symbolic"
)

// identity is one entry of testdata/identities.yaml.
type identity struct {
	ID      string `yaml:"id"`
	Program string `yaml:"program"`
	Wrt     string `yaml:"wrt"`
}

func identities(b *testing.B) []identity {
	data, err := os.ReadFile("../testdata/identities.yaml")
	if err != nil {
		b.Fatal(err)
	}
	var ids []identity
	if err := yaml.Unmarshal(data, &ids); err != nil {
		b.Fatal(err)
	}
	return ids
}

// derivation is one whole derivation in process, as a user's request
// runs it: parse the program, derive, print in the text spelling.
func derivation(b *testing.B, src, wrt string, verify engine.Verify) {
	ctx := context.Background()
	p, err := engine.LoadFunction(ctx, src, engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ts, err := engine.Targets(p, "--wrt", wrt)
	if err != nil {
		b.Fatal(err)
	}
	ds, err := engine.Derive(ctx, p, engine.DeriveRequest{Kind: engine.Grad, Wrt: ts, Verify: verify})
	if err != nil {
		b.Fatal(err)
	}
	_ = ds[0].Body(symbolic.Text)
	for _, w := range ds[0].WhereLines(symbolic.Text) {
		_ = w.Expr
	}
}

// BenchmarkDerivation: parse + derive + simplify + print, per identity of
// testdata/identities.yaml (the Matrix Cookbook and ML losses), without
// and with the numeric verification that runs before a result is shown.
func BenchmarkDerivation(b *testing.B) {
	var cs [][2]string
	for _, id := range identities(b) {
		cs = append(cs, [2]string{id.Program, id.Wrt})
	}
	benchDerivations(b, cs)
}

// benchDerivations runs sub-benchmarks "derive" and "verified": one whole
// derivation per (program, wrt) pair per iteration, reported as
// µs/derivation.
func benchDerivations(b *testing.B, cases [][2]string) {
	for _, mode := range []struct {
		name string
		v    engine.Verify
	}{{"derive", engine.VerifyOff}, {"verified", engine.VerifySilently}} {
		b.Run(mode.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, c := range cases {
					derivation(b, c[0], c[1], mode.v)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cases))/1e3, "µs/derivation")
		})
	}
}

// BenchmarkWorksheetLoss is the README's first command in process:
// ∂ℓ/∂W1 of ℓ = ½‖W2 φ(W1 x + b) − y‖², verified.
func BenchmarkWorksheetLoss(b *testing.B) {
	src := "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R\nℓ = ½‖W2 φ(W1 x + b) − y‖²"
	for _, mode := range []struct {
		name string
		v    engine.Verify
	}{{"derive", engine.VerifyOff}, {"verified", engine.VerifySilently}} {
		b.Run(mode.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				derivation(b, src, "W1", mode.v)
			}
		})
	}
}
