package numeric_test

import (
	"regexp"
	"strings"
	"testing"

	"deriv/numeric"
)

// seedEntry is one question of testdata/seed.yaml. Program and Expect may
// say "same as ID"; Expect is a string, or a map from wrt to string with
// an optional "where" entry.
type seedEntry struct {
	ID      string `yaml:"id"`
	Program string `yaml:"program"`
	Ask     string `yaml:"ask"`
	Expect  any    `yaml:"expect"`
}

// seedQuestion is a grad question of the worksheet, resolved: one claim
// per wrt.
type seedQuestion struct {
	id, program string
	claims      map[string]string // wrt → expected gradient
	order       []string
}

// whereName matches one binding "name = expr" of a where entry.
var whereName = regexp.MustCompile(`^\s*(\S+)\s*=\s*(.+?)\s*$`)

// seedQuestions reads the "grad --wrt" questions of testdata/seed.yaml.
// The expected answers of 2e use the where-names z and r; they are
// substituted textually, each by its parenthesised right-hand side (later
// bindings first, so r's use of z is substituted too).
func seedQuestions(t *testing.T) map[string]seedQuestion {
	t.Helper()
	var entries []seedEntry
	readYAML(t, "seed.yaml", &entries)
	byID := map[string]seedEntry{}
	for _, e := range entries {
		byID[e.ID] = e
	}
	same := func(s string) string {
		if id, ok := strings.CutPrefix(strings.TrimSpace(s), "same as "); ok {
			return id
		}
		return ""
	}
	out := map[string]seedQuestion{}
	for _, e := range entries {
		wrts, ok := strings.CutPrefix(e.Ask, "grad --wrt ")
		if !ok || strings.Contains(wrts, "--") {
			continue
		}
		if id := same(e.Program); id != "" {
			e.Program = byID[id].Program
		}
		if s, ok := e.Expect.(string); ok && same(s) != "" {
			e.Expect = byID[same(s)].Expect
		}
		q := seedQuestion{id: e.ID, program: e.Program, claims: map[string]string{}, order: strings.Split(wrts, ",")}
		switch ex := e.Expect.(type) {
		case string:
			q.claims[q.order[0]] = ex
		case map[string]any:
			where, _ := ex["where"].(string)
			for _, w := range q.order {
				s, _ := ex[w].(string)
				q.claims[w] = substituteWhere(s, where)
			}
		default:
			t.Fatalf("%s: expect of type %T", e.ID, e.Expect)
		}
		out[e.ID] = q
	}
	return out
}

// substituteWhere replaces each name bound in where ("z = …; r = …") by
// its parenthesised value in s.
func substituteWhere(s, where string) string {
	binds := strings.Split(where, ";")
	for k := len(binds) - 1; k >= 0; k-- {
		m := whereName.FindStringSubmatch(binds[k])
		if m == nil {
			continue
		}
		re := regexp.MustCompile(`\b` + regexp.QuoteMeta(m[1]) + `\b`)
		s = re.ReplaceAllLiteralString(s, "("+m[2]+")")
	}
	return s
}

func TestSubstituteWhere(t *testing.T) {
	got := substituteWhere("J_Φ(z)^T W^{(2)T} r x^T", "z = W x + b; r = W2 Φ(z) - y")
	want := "J_Φ((W x + b))^T W^{(2)T} (W2 Φ((W x + b)) - y) x^T"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestSeedQuestions checks every "grad" question of the worksheet
// (testdata/seed.yaml): the expected answer and deriv's own gradient are
// correct for each wrt, and the negated and doubled answers are incorrect
// with a diagnosis naming the mistake.
func TestSeedQuestions(t *testing.T) {
	qs := seedQuestions(t)
	for _, id := range []string{"2a-chain-rule", "2c-dw", "2c-db", "2c-latex-input", "2e", "2e-elementwise"} {
		if _, ok := qs[id]; !ok {
			t.Errorf("seed.yaml has no grad question %s", id)
		}
	}
	if len(qs["2e"].claims) != 4 {
		t.Errorf("2e: %d claims, want 4 (x, W⁽¹⁾, W⁽²⁾, b)", len(qs["2e"].claims))
	}
	for id, q := range qs {
		for _, wrt := range q.order {
			claim := q.claims[wrt]
			t.Run(id+"/"+wrt, func(t *testing.T) {
				pr := parseProblem(t, q.program)
				opts := numeric.CheckOptions{Seed: 2, Points: 4}
				wantCorrect(t, claim, pr.check(t, wrt, claim, opts))
				wantCorrect(t, "symbolic.Grad", pr.checkExpr(t, wrt, pr.derive(t, wrt), opts))
				wantIncorrect(t, "negated", pr.check(t, wrt, "-("+claim+")", opts), "wrong sign")
				wantIncorrect(t, "doubled", pr.check(t, wrt, "2 ("+claim+")", opts), "2 times the derivative")
			})
		}
	}
}
