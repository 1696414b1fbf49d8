package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkGradJSONAt is `deriv grad --wrt W1 --json --at VALUES` on the
// worksheet's ℓ at d = 1000 (two 10⁶-entry matrices read, a 10⁶-entry
// gradient written), with and without the default verification.
func BenchmarkGradJSONAt(b *testing.B) {
	const d = 1000
	rng := rand.New(rand.NewPCG(1, 2))
	vec := func() []float64 {
		v := make([]float64, d)
		for i := range v {
			v[i] = rng.NormFloat64()
		}
		return v
	}
	mat := func() [][]float64 {
		m := make([][]float64, d)
		for i := range m {
			m[i] = vec()
		}
		return m
	}
	data, err := json.Marshal(map[string]any{"x": vec(), "b": vec(), "y": vec(), "W1": mat(), "W2": mat()})
	if err != nil {
		b.Fatal(err)
	}
	at := filepath.Join(b.TempDir(), "at.json")
	if err := os.WriteFile(at, data, 0o644); err != nil {
		b.Fatal(err)
	}
	prog := "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}\nℓ = ½‖W2 tanh(W1 x + b) − y‖²"
	for _, tc := range []struct {
		name  string
		flags []string
	}{{"verified", nil}, {"no-verify", []string{"--no-verify"}}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			args := append([]string{"grad", "--wrt", "W1", "--json", "--at", at}, tc.flags...)
			args = append(args, prog)
			for b.Loop() {
				var out, errb bytes.Buffer
				if code := run(args, strings.NewReader(""), &out, &errb); code != 0 {
					b.Fatalf("exit %d: %s", code, errb.String())
				}
				b.SetBytes(int64(len(data) + out.Len()))
			}
		})
	}
}
