package symbolic_test

import (
	"encoding/json"
	"os"
	"sync"
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

// printed is a derivative with its where list, printed (the error as
// text when the derivation fails).
func printed(c sympyPrepared) string {
	d, err := symbolic.Grad(c.p, c.w, symbolic.GradOptions{})
	if err != nil {
		return "error: " + err.Error()
	}
	s := symbolic.Print(d.Expr, symbolic.Text) + " | " + symbolic.Print(symbolic.Expand(d), symbolic.Text)
	for _, w := range d.Where {
		s += " | " + symbolic.Print(w.Var(), symbolic.Text) + " = " + symbolic.Print(w.Expr, symbolic.Text)
	}
	return s
}

// TestSympyGradConcurrent derives the SymPy cases from several goroutines
// at once (sharing the programs, and the pools of tables a derivation
// borrows): every result is the one a derivation alone gives. Run it
// with -race.
func TestSympyGradConcurrent(t *testing.T) {
	cs := sympyCases(t)
	want := make([]string, len(cs))
	for i, c := range cs {
		want[i] = printed(c)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(cs))
	for g := range 8 {
		wg.Go(func() {
			for k := range 5 {
				for i := range cs {
					c := cs[(i+g+k)%len(cs)]
					if got := printed(c); got != want[(i+g+k)%len(cs)] {
						errs <- c.id + ": " + got
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
