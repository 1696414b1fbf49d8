package parser

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"deriv/symbolic"
)

func benchProgram(b *testing.B, name string) {
	src, err := os.ReadFile("../testdata/programs/" + name + ".txt")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(string(src)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse2c parses worksheet question 2c (a family inside a sum).
func BenchmarkParse2c(b *testing.B) { benchProgram(b, "2c-dw") }

// BenchmarkParse2e parses worksheet question 2e (labels, a vector map, a norm).
func BenchmarkParse2e(b *testing.B) { benchProgram(b, "2e") }

// BenchmarkParse1c parses worksheet question 1c (a chain of definitions).
func BenchmarkParse1c(b *testing.B) { benchProgram(b, "1c-backprop") }

// BenchmarkParseExpr parses a claim in 2c's context.
func BenchmarkParseExpr(b *testing.B) {
	p, err := Parse(prog2c)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseExpr(p, "-2 (y - Σ_{j=1}^{n} σ(w_j^T x + b_j)) σ(w_i^T x + b_i) (1 - σ(w_i^T x + b_i)) x"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFrontEndLarge lexes, parses and lowers (without shape
// inference) a 1 MiB program: one long sum.
func BenchmarkFrontEndLarge(b *testing.B) {
	src := "x ∈ R\nf = x" + strings.Repeat(" + x", (DefaultMaxBytes-16)/4)
	ov := newOptions(nil)
	o := &ov
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if err := lowerSource(&symbolic.Program{Src: src, Symbols: map[string]*symbolic.Symbol{}}, src, "", o, true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSympyCases parses the programs of the SymPy comparison
// (testdata/bench/sympy_cases.json), the front end of one derivation each.
func BenchmarkParseSympyCases(b *testing.B) {
	data, err := os.ReadFile("../testdata/bench/sympy_cases.json")
	if err != nil {
		b.Fatal(err)
	}
	var cs []struct {
		Program string `json:"program"`
	}
	if err := json.Unmarshal(data, &cs); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range cs {
			if _, err := Parse(c.Program); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkParseSympyCase is BenchmarkParseSympyCases one program at a
// time (sub-benchmarks by id): linear, the smallest, shows the fixed cost
// of a parse.
func BenchmarkParseSympyCase(b *testing.B) {
	data, err := os.ReadFile("../testdata/bench/sympy_cases.json")
	if err != nil {
		b.Fatal(err)
	}
	var cs []struct {
		ID      string `json:"id"`
		Program string `json:"program"`
	}
	if err := json.Unmarshal(data, &cs); err != nil {
		b.Fatal(err)
	}
	for _, c := range cs {
		b.Run(c.ID, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(c.Program); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
