package symbolic_test

import (
	"encoding/json"
	"os"
	"testing"

	"deriv/parser"
	"deriv/symbolic"
)

// sympyPrepared is one case of testdata/bench/sympy_cases.json, parsed.
type sympyPrepared struct {
	id string
	p  *symbolic.Program
	w  *symbolic.Expr
}

// sympyCases parses the cases of the SymPy comparison
// (testdata/bench/sympy_cases.json at the module's root).
func sympyCases(tb testing.TB) []sympyPrepared {
	data, err := os.ReadFile("../testdata/bench/sympy_cases.json")
	if err != nil {
		tb.Fatal(err)
	}
	var cs []struct{ ID, Program, Wrt string }
	if err := json.Unmarshal(data, &cs); err != nil {
		tb.Fatal(err)
	}
	var out []sympyPrepared
	for _, c := range cs {
		p, err := parser.Parse(c.Program)
		if err != nil {
			tb.Fatal(err)
		}
		w, err := parser.ParseExpr(p, c.Wrt)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, sympyPrepared{c.ID, p, w})
	}
	return out
}

// gradAndPrint is the symbolic part of one derivation of the CLI with
// --no-verify: Grad, Expand (the engine's Full) and the printed result
// and where list.
func gradAndPrint(tb testing.TB, c sympyPrepared) {
	d, err := symbolic.Grad(c.p, c.w, symbolic.GradOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	_ = symbolic.Expand(d)
	_ = symbolic.Print(d.Expr, symbolic.Text)
	for _, w := range d.Where {
		_ = symbolic.Print(w.Var(), symbolic.Text)
		_ = symbolic.Print(w.Expr, symbolic.Text)
	}
}

// BenchmarkSympyGrad is the symbolic part (Grad, Expand, printing) of
// every derivation of the SymPy comparison, parsing outside the loop:
// "all" runs the 21 cases per iteration, the others one case each.
func BenchmarkSympyGrad(b *testing.B) {
	cs := sympyCases(b)
	b.Run("all", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range cs {
				gradAndPrint(b, c)
			}
		}
	})
	for _, c := range cs {
		b.Run(c.id, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				gradAndPrint(b, c)
			}
		})
	}
}
