package symbolic

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite symbolic/testdata/print/*.golden")

// TestPrintGolden prints every case of printCases in each style and
// compares with testdata/print/<style>.golden (one "name: output" line per
// case). `go test ./symbolic -run Golden -update` rewrites the files.
func TestPrintGolden(t *testing.T) {
	for _, st := range []Style{Text, ASCII, LaTeX} {
		t.Run(st.String(), func(t *testing.T) {
			var b strings.Builder
			for _, c := range printCases() {
				b.WriteString(c.name + ": " + Print(c.e, st) + "\n")
			}
			path := filepath.Join("testdata", "print", st.String()+".golden")
			if *updateGolden {
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			gotLines := strings.Split(b.String(), "\n")
			wantLines := strings.Split(string(want), "\n")
			for i := range max(len(gotLines), len(wantLines)) {
				var g, w string
				if i < len(gotLines) {
					g = gotLines[i]
				}
				if i < len(wantLines) {
					w = wantLines[i]
				}
				if g != w {
					t.Errorf("%s line %d:\n got  %s\n want %s", path, i+1, g, w)
				}
			}
		})
	}
}
