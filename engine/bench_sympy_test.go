package engine_test

import (
	"encoding/json"
	"os"
	"testing"

	"deriv/engine"
)

// sympyCase is one entry of testdata/bench/sympy_cases.json: a derivative
// SymPy's matrix calculus gets right, in deriv's language and in SymPy's
// (docs/bench/sympy_time.py times the latter).
type sympyCase struct {
	ID      string `json:"id"`
	Program string `json:"program"`
	Wrt     string `json:"wrt"`
	Sympy   string `json:"sympy"`
}

func sympyCases(tb testing.TB) []sympyCase {
	data, err := os.ReadFile("../testdata/bench/sympy_cases.json")
	if err != nil {
		tb.Fatal(err)
	}
	var cs []sympyCase
	if err := json.Unmarshal(data, &cs); err != nil {
		tb.Fatal(err)
	}
	return cs
}

// TestSympyCasesVerified derives every case of the SymPy comparison and
// requires the numeric verification to pass: the benchmark below times
// answers that are right.
func TestSympyCasesVerified(t *testing.T) {
	for _, c := range sympyCases(t) {
		t.Run(c.ID, func(t *testing.T) {
			p, err := engine.LoadFunction(t.Context(), c.Program, engine.Options{})
			if err != nil {
				t.Fatal(err)
			}
			ts, err := engine.Targets(p, "--wrt", c.Wrt)
			if err != nil {
				t.Fatal(err)
			}
			ds, err := engine.Derive(t.Context(), p, engine.DeriveRequest{Kind: engine.Grad, Wrt: ts, Verify: engine.VerifyReport})
			if err != nil {
				t.Fatal(err)
			}
			if r := ds[0].Report; r == nil || r.Verdict != engine.Correct {
				t.Fatalf("%s: verification %+v", ds[0].Full(), r)
			}
		})
	}
}

// BenchmarkSympyCases is one whole derivation in process (parse, derive,
// simplify, print) per case of the SymPy comparison, without and with
// the verification that runs before a result is shown. The µs/derivation
// metric is the figure to set beside docs/bench/sympy_time.py's median.
func BenchmarkSympyCases(b *testing.B) {
	var cs [][2]string
	for _, c := range sympyCases(b) {
		cs = append(cs, [2]string{c.Program, c.Wrt})
	}
	benchDerivations(b, cs)
}

// BenchmarkSympyCase is BenchmarkSympyCases/derive one case at a time
// (sub-benchmarks by id): the simplest cases show the fixed cost of a
// derivation, the largest what grows with the expression.
func BenchmarkSympyCase(b *testing.B) {
	for _, c := range sympyCases(b) {
		b.Run(c.ID, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				derivation(b, c.Program, c.Wrt, engine.VerifyOff)
			}
		})
	}
}
