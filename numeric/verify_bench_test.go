package numeric_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"deriv/numeric"
	"deriv/symbolic"
)

// verifyCases are small textbook programs of the SymPy comparison
// (testdata/bench/sympy_cases.json), whose derivations the verification
// used to cost 2–4× of.
var verifyCases = []struct{ name, program, wrt string }{
	{"linear", "x, b ∈ R^n; f = b^T x", "x"},
	{"quadratic", "x ∈ R^n; A ∈ R^{n×n}; f = x^T A x", "x"},
	{"trace-XtAX", "A, X ∈ R^{n×n}; f = tr(X^T A X)", "X"},
	{"least-squares-W", "W ∈ R^{n×n}; x, y ∈ R^n; f = (W x - y)^T (W x - y)", "W"},
	{"logistic", "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; L = sum(log(1 + exp(-y ⊙ (X w))))", "w"},
}

// BenchmarkVerify is numeric.Verify of deriv's own gradient (symbolic.Grad,
// expanded) for a few small programs: the cost of the verification that
// runs before every derivative is shown, without the derivation's.
func BenchmarkVerify(b *testing.B) {
	for _, c := range verifyCases {
		b.Run(c.name, func(b *testing.B) {
			pr := parseProblemB(b, c.program)
			wrt, claim := pr.exprB(b, c.wrt), pr.deriveB(b, c.wrt)
			b.ReportAllocs()
			for b.Loop() {
				rep, err := numeric.Verify(pr.p, pr.f, wrt, claim, numeric.CheckOptions{Seed: 1})
				if err != nil || rep.Verdict != "correct" || rep.Method != "random directions" {
					b.Fatalf("verify: %+v, %v", rep, err)
				}
			}
		})
	}
}

// BenchmarkVerifySympyCases is numeric.Verify of deriv's own gradient for
// every case of testdata/bench/sympy_cases.json in turn, per case.
func BenchmarkVerifySympyCases(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "bench", "sympy_cases.json"))
	if err != nil {
		b.Fatal(err)
	}
	var cs []struct{ ID, Program, Wrt string }
	if err := json.Unmarshal(data, &cs); err != nil {
		b.Fatal(err)
	}
	prs := make([]problem, len(cs))
	for i, c := range cs {
		prs[i] = parseProblemB(b, c.Program)
	}
	wrts, claims := make([]*symbolic.Expr, len(cs)), make([]*symbolic.Expr, len(cs))
	for i, c := range cs {
		wrts[i], claims[i] = prs[i].exprB(b, c.Wrt), prs[i].deriveB(b, c.Wrt)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range cs {
			rep, err := numeric.Verify(prs[i].p, prs[i].f, wrts[i], claims[i], numeric.CheckOptions{Seed: 1})
			if err != nil || rep.Verdict != "correct" {
				b.Fatalf("%s: verify: %+v, %v", cs[i].ID, rep, err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cs))/1e3, "µs/verification")
}
