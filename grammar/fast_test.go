package grammar

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// sameParse parses src with fastParse and with participle and fails when
// they disagree: fastParse must accept exactly what participle accepts
// and build the same Program, positions included.
func sameParse(t *testing.T, src string) (accepted bool) {
	t.Helper()
	toks, err := Tokenize(src)
	if err != nil {
		t.Fatalf("Tokenize(%q): %v", src, err)
	}
	want, perr := parseParticiple(append(toks[:0:0], toks...))
	got, ok := fastParse(toks)
	switch {
	case ok && perr != nil:
		t.Fatalf("fastParse accepts what participle rejects (%v):\n%q", perr, src)
	case !ok && perr == nil:
		t.Fatalf("fastParse rejects what participle accepts:\n%q", src)
	case ok && !reflect.DeepEqual(got, want):
		t.Fatalf("fastParse and participle build different programs for\n%q", src)
	}
	return ok
}

// repoInputs is every text the repository keeps as input: each testdata file
// whole and line by line, its YAML and JSON strings, and every string of
// every fuzz corpus entry.
func repoInputs(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] && len(s) < 1<<14 {
			seen[s] = true
			out = append(out, s)
		}
	}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); strings.HasPrefix(name, ".") && name != ".." || name == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.Contains(filepath.ToSlash(path), "/testdata/") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil || len(data) > 1<<20 {
			return err
		}
		text := string(data)
		add(text)
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimSpace(line)
			add(line)
			// A fuzz corpus line: string("…").
			if q, ok := strings.CutPrefix(line, "string("); ok {
				if s, err := strconv.Unquote(strings.TrimSuffix(q, ")")); err == nil {
					add(s)
				}
			}
			// A YAML or JSON value: key: "…" or key: …
			if _, v, ok := strings.Cut(line, ": "); ok {
				v = strings.TrimSuffix(strings.TrimSpace(v), ",")
				if s, err := strconv.Unquote(v); err == nil {
					add(s)
				} else {
					add(strings.Trim(v, `'|>`))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFastMatchesParticiple runs both parsers over every input the
// repository keeps, and over the statement forms of the grammar's doc
// comments.
func TestFastMatchesParticiple(t *testing.T) {
	inputs := append(repoInputs(t), fastCases...)
	accepted := 0
	for _, src := range inputs {
		if sameParse(t, src) {
			accepted++
		}
	}
	t.Logf("%d inputs, %d accepted", len(inputs), accepted)
	if accepted < len(inputs)/4 {
		t.Fatalf("only %d of %d inputs parse: the corpus is not the repository's", accepted, len(inputs))
	}
}

// fastCases are statements that reach every rule and alternative of the
// grammar, and near misses of each.
var fastCases = []string{
	"", ";", "\n\n", ";x", "x;", "x;;y\n\nz", "x ∈ R^d", "x in R", `x \in \mathbb{R}^{d}`, `x \in \mathbb R^n`,
	`x \in \mathbf{R}^{m \times n}`, `x \in \mathbf R`, "x ∈ ℝ^{m×n}", "x : R^(m x n)", "x ∈ R^(m, n)", "x ∈ R^{m*n}",
	"x ∈ R^{d^{(1)}}", "x ∈ R^{d_1}", "x ∈ R^3", "x ∈ R^", "x ∈ R^{}", "x ∈ R^{m×}", "x ∈ R^(m", "x ∈",
	"φ: R → R", "Φ: R^d -> R^d", `f: \R^n \to \R`, `g: \Reals \rightarrow \Reals`, `h: R \longrightarrow R ⟶ R`, "f: R →",
	"w_i ∈ R^d, b_i ∈ R for i = 1..n", "w_i ∈ R^d for i ∈ {1, …, n}", `w_i ∈ R^d, \text{for} i = 1, \dots, n`,
	`w_i ∈ R^d \mbox{for} i \in \{1, \ldots, n\}`, `w_i ∈ R^d, \textrm{ for } i in 1, \cdots, n`, "w_i ∈ R^d i = 1..n",
	"w_i ∈ R^d, for i =", "w_i ∈ R^d, \\text{fo} i = 1..n", "i ∈ {1, …, n}", `i ∈ \{1..n\}`, "i ∈ {1, n}", "i ∈ {1..n",
	"w_1, w_2, …, w_n ∈ R^d", "w_1, ..., w_n ∈ R", `w_1, \dots, w_n, \ldots ∈ R`, "x, y, ∈ R", "x,, y ∈ R", ", x ∈ R",
	"W^{(1)} ∈ R^{d×d}", "W^(1) ∈ R", "W⁽¹⁾ ∈ R", "x_j^{(l-1)} ∈ R", "x_j^{(l−1+k)} ∈ R", "W^{(l)}_{ij} ∈ R", "x^{()} ∈ R",
	"x^{(1} ∈ R", "x_{i,j} ∈ R", "x_{ij} ∈ R", "x_{i j 1} ∈ R", "x_{,i} ∈ R", "x_{} ∈ R", "x_ ∈ R", "x₁ ∈ R", "xᵢ⁽²⁾ ∈ R",
	`\mathbf{x} ∈ R^n`, `\boldsymbol{\theta} ∈ R^n`, `\bm x ∈ R`, `\vec{v} ∈ R^3`, `\mathrm{W}_1 ∈ R`, `\operatorname{f}: R → R`,
	`\mathbf{x ∈ R`, `\mathbf{} ∈ R`, `\sigma: R → R`, `\mathit{ab}_{\mathbf{c}} ∈ R`,
	"z = W1 x + b", "f(W, x) = z^T z", "f() = 1", "f(x,) = x", "f(x = 1", "g(x) := x", "g ≔ 2 x", "σ(z) = 1/(1 + exp(-z))",
	"ℓ = ½‖W2 φ(W1 x + b) − y‖²", "f = (x", "f = x)", "f = ", "= x", "f = [x; y]", "f = {x}", `f = \{x\}`,
	"x^T A x", "(x", "x)", ")", "x\n)", "a + (b\n c)", `\frac{1}{2} \left\| x \right\|^2`, "x ∈ R^d\nf = x^T x\nf",
	"for i = 1..n", "x ∈ R^d, y", "x ∈ R^d + 1", "x ∈ R^d; f = sum_{i=1}^{n} x_i", "x ∈ $", "$", "x ∈ R^{d×d} → R",
	"W_1^{(2)}_3 ∈ R", "x ∈ {1..n} → R", "x ∈ R^1e3", "x ∈ R^{1.5}", "x ∈ R^{-d}",
}

// FuzzFastParse holds fastParse to participle on arbitrary input.
func FuzzFastParse(f *testing.F) {
	for _, s := range fastCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<12 {
			return
		}
		sameParse(t, src)
	})
}

// BenchmarkParse compares parsing the worksheet's loss with fastParse and
// with participle (its parser already built).
func BenchmarkParse(b *testing.B) {
	src := "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R\nℓ = ½‖W2 φ(W1 x + b) − y‖²"
	toks, err := Tokenize(src)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := fastParse(toks); !ok {
				b.Fatal("rejected")
			}
		}
	})
	b.Run("participle", func(b *testing.B) {
		Parser()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := parseParticiple(toks); err != nil {
				b.Fatal(err)
			}
		}
	})
}
