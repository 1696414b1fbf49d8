package assignment

import (
	"os"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// exampleAssignment extracts the `assignment:` part of a grading file.
func exampleAssignment(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Assignment any `yaml:"assignment"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out, err := yaml.Marshal(doc.Assignment)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParseExample(t *testing.T) {
	a, err := Parse(exampleAssignment(t, "../testdata/grading/example.yaml"), "example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Questions) != 2 || a.Seed != 4 {
		t.Fatalf("got %d questions, seed %d", len(a.Questions), a.Seed)
	}
	q := a.Question("2e-W1")
	if q == nil || q.Points != 4 || q.Request.Command != "grad" || q.Request.Wrt[0] != "W^{(1)}" {
		t.Fatalf("question 2e-W1: %+v", q)
	}
	ref, err := q.Reference(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, ans := range []string{
		"(φ'(z) ⊙ (W2ᵀ r)) xᵀ",
		"δ = φ'(z) ⊙ (W2ᵀ r)\n∂ℓ/∂W1 = δ xᵀ",
		`\frac{\partial \ell}{\partial W^{(1)}} = \left(\phi'(W_1 x+b) \odot W_2^\top (W_2\phi(W_1x+b)-y)\right) x^\top`,
	} {
		a, err := ref.ParseAnswer(ans, DefaultLimits)
		if err != nil {
			t.Errorf("%q: %v", ans, err)
			continue
		}
		got, err := ref.Points.Values(t.Context(), a.Scope, a.Expr, engineNoLimit)
		if err != nil {
			t.Errorf("%q: %v", ans, err)
			continue
		}
		if rel, same := relError(ref.Want[0], got); !same || rel > 1e-6 {
			t.Errorf("%q: rel error %g, same shape %v", ans, rel, same)
		}
	}
}

func TestParseErrors(t *testing.T) {
	base := "title: t\nquestions:\n  - id: q\n    program: |\n      x ∈ R^d\n      f = x'x\n    ask: grad --wrt x\n"
	cases := []struct {
		name, src, want string
	}{
		{"syntax", "title: [\n", "a.yaml:1:"},
		{"unknown key", base + "    pionts: 3\n", "a.yaml:8:5:"},
		{"unknown top key", "titel: x\n" + base[9:], "a.yaml:1:1:"},
		{"program", strings.Replace(base, "f = x'x", "f = x' + ", 1), "a.yaml:6:"},
		{"ask", strings.Replace(base, "grad --wrt x", "grad --wrt q", 1), "a.yaml:7:10:"},
		{"bad ask", strings.Replace(base, "grad --wrt x", "gradient --wrt x", 1), "a.yaml:7:10: ask: unknown command"},
		{"wrong answer", base + "    answer: \"x\"\n", "a.yaml:8:13: question q: answer: the instructor's answer is not the derivative"},
		{"wrong shape", base + "    answer: \"x'x\"\n", "a.yaml:8:13: question q: answer: the instructor's answer has the wrong shape"},
		{"bad answer", base + "    answer: \"2 * (x\"\n", "a.yaml:8:"},
		{"tolerance", "tolerance: abc\n" + base, "a.yaml:1:12: tolerance"},
		{"dup id", base + base[len("title: t\nquestions:\n"):], "a.yaml:8:9: the id q is used twice"},
		{"credit code", base + "    credit: {transpse: 0.5}\n", "unknown diagnosis \"transpse\""},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.src), "a.yaml")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}

func TestTolerance(t *testing.T) {
	for _, src := range []string{"tolerance: 1e-4\n", "tolerance: \"1e-4\"\n", "tolerance: 0.0001\n"} {
		a, err := Parse([]byte(src+"questions:\n  - id: q\n    program: f = x'x\n    ask: grad --wrt x\n"), "a.yaml")
		if err != nil || a.Tolerance != 1e-4 {
			t.Errorf("%q: %v %v", src, a, err)
		}
	}
}

func TestParseAsk(t *testing.T) {
	r, err := ParseAsk("step --wrt w_i,b_i --rate η --let 'Φ = id' --of=ℓ")
	if err != nil || r.Command != "step" || len(r.Wrt) != 2 || r.Rate != "η" || r.Let[0] != "Φ = id" || r.Of != "ℓ" {
		t.Fatalf("%+v %v", r, err)
	}
	for _, bad := range []string{"", "grad", "grad --wrt", "grad --wtr x", "grad --wrt x --rate 2", "grad x"} {
		if _, err := ParseAsk(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestDIS4(t *testing.T) {
	a, err := Load("../testdata/dis4.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1c", "2a", "2b", "2c-w", "2c-b", "2d-w", "2d-b", "2e-x", "2e-W1", "2e-W2", "2e-b", "2f-W1", "2f-W2"}
	if len(a.Questions) != len(want) {
		t.Fatalf("%d questions", len(a.Questions))
	}
	for i, q := range a.Questions {
		if q.ID != want[i] {
			t.Errorf("question %d: %s, want %s", i, q.ID, want[i])
		}
	}
	for _, id := range []string{"2a", "2b", "2e-x"} {
		if !a.Question(id).Graph {
			t.Errorf("%s: graph not set", id)
		}
	}
}
