package parser

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	sym "deriv/symbolic"
)

// TestMain makes every Parse of the package's tests that takes
// knownShapes' quick path run the solver too, and panic (an internal
// error, failing the test) if the two disagree on any node's or symbol's
// shape or on whether the program is well shaped. Not when benchmarks
// are asked for: they time the quick path alone.
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.bench"); f == nil || f.Value.String() == "" {
		afterKnownShapes = solverAgrees
	}
	os.Exit(m.Run())
}

// solverAgrees runs inferShapes' solver on p, which knownShapes has just
// answered, and panics unless it gives the same shapes.
func solverAgrees(p *sym.Program) {
	type saved struct {
		e  *sym.Expr
		sh sym.Shape
	}
	var nodes []saved
	var walk func(e *sym.Expr)
	walk = func(e *sym.Expr) {
		if e == nil {
			return
		}
		for _, a := range e.Args {
			walk(a)
		}
		nodes = append(nodes, saved{e, e.Shape})
	}
	for _, d := range p.Defs {
		walk(d.Body)
	}
	if p.Result != nil {
		walk(p.Result.Body)
	}
	syms := map[string]sym.Shape{}
	for k, s := range p.Symbols {
		syms[k] = s.Shape
	}
	s, err := inferAttempt(p, true)
	if err != nil {
		s, err = inferAttempt(p, false)
	}
	if err != nil {
		panic(fmt.Sprintf("knownShapes accepted %q, the solver says: %v", p.Src, err))
	}
	s.commit()
	same := func(a, b sym.Shape) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	for _, n := range nodes {
		if !same(n.sh, n.e.Shape) {
			panic(fmt.Sprintf("%q: knownShapes gave %s the shape %v, the solver %v", p.Src, sym.Print(n.e, sym.Text), n.sh, n.e.Shape))
		}
	}
	for k, sh := range syms {
		if !same(sh, p.Symbols[k].Shape) {
			panic(fmt.Sprintf("%q: knownShapes gave %s the shape %v, the solver %v", p.Src, k, sh, p.Symbols[k].Shape))
		}
	}
}

// TestKnownShapesMatchSolver runs knownShapes on the SymPy comparison's
// programs and the repository's, parsed, and the solver after it: they
// must agree on every program knownShapes answers, and it must answer the
// SymPy programs (all declared, the case it is for). (TestMain checks
// every other program the tests parse.)
func TestKnownShapesMatchSolver(t *testing.T) {
	data, err := os.ReadFile("../testdata/bench/sympy_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cs []struct {
		Program string `json:"program"`
	}
	if err := json.Unmarshal(data, &cs); err != nil {
		t.Fatal(err)
	}
	var srcs []string
	for _, c := range cs {
		srcs = append(srcs, c.Program)
	}
	files, _ := filepath.Glob("../testdata/programs/*.txt")
	if len(files) < 10 {
		t.Fatalf("only %d programs", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(src))
	}
	answered := 0
	for i, src := range srcs {
		p, err := Parse(src)
		if err != nil {
			if i < len(cs) {
				t.Fatalf("%q: %v", src, err)
			}
			continue // errors are other tests' business
		}
		if !knownShapes(p) {
			if i < len(cs) {
				t.Errorf("%q: knownShapes did not answer", src)
			}
			continue
		}
		answered++
		solverAgrees(p)
	}
	t.Logf("knownShapes answered %d of %d programs", answered, len(srcs))
}
