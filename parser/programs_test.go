package parser

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deriv/symbolic"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata/parse")

var kindNames = map[symbolic.SymKind]string{
	symbolic.SymVar: "var", symbolic.SymFamily: "family", symbolic.SymIndex: "index",
	symbolic.SymFunc: "func", symbolic.SymDef: "def",
}

// describe writes a parsed program's symbols and definitions, one a line,
// for the golden files.
func describe(p *symbolic.Program) string {
	var b strings.Builder
	for _, k := range p.Order {
		s := p.Symbols[k]
		fmt.Fprintf(&b, "symbol %s: %s %s", k, kindNames[s.Kind], s.Shape)
		if s.Index != "" || s.Count != "" {
			fmt.Fprintf(&b, " index=%s count=%s", s.Index, s.Count)
		}
		if s.Kind == symbolic.SymFunc {
			fmt.Fprintf(&b, " domain=%v range=%s elementwise=%v", s.Domain, s.Range, s.Elementwise)
		}
		if !s.Declared {
			b.WriteString(" (inferred)")
		}
		b.WriteString("\n")
	}
	for _, d := range p.Defs {
		fmt.Fprintf(&b, "def %s(%s) = %s\n", d.Name, strings.Join(d.Params, ", "), dump(d.Body))
	}
	if p.Result != nil {
		fmt.Fprintf(&b, "result %q = %s\n", p.Result.Name, dump(p.Result.Body))
	}
	return b.String()
}

// TestPrograms parses every example program under ../testdata/programs
// and compares a description of it with its golden file under
// ../testdata/parse (go test -update rewrites them).
func TestPrograms(t *testing.T) {
	files, err := filepath.Glob("../testdata/programs/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example programs: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Parse(string(src), WithFile(filepath.Base(f)))
			if err != nil {
				t.Fatalf("%v", err)
			}
			got := describe(p)
			golden := filepath.Join("../testdata/parse", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from its golden file:\n got:\n%s\nwant:\n%s", name, got, want)
			}
		})
	}
}
