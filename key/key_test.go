package key_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"deriv/assignment"
	"deriv/key"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/keys/")

// assignments are every assignment in testdata (the worksheet's and the
// keys' own).
func assignments(t *testing.T) map[string]*assignment.Assignment {
	t.Helper()
	files, err := filepath.Glob("../testdata/*.yaml")
	require.NoError(t, err)
	more, err := filepath.Glob("../testdata/keys/*.yaml")
	require.NoError(t, err)
	out := map[string]*assignment.Assignment{}
	for _, f := range append(files, more...) {
		a, err := assignment.Load(f)
		if err != nil {
			continue // not an assignment (seed.yaml, identities.yaml)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".yaml")] = a
	}
	require.Contains(t, out, "dis4")
	return out
}

func build(t *testing.T, a *assignment.Assignment, steps bool) *key.Key {
	t.Helper()
	k, err := key.Build(context.Background(), a, key.Options{Steps: steps})
	require.NoError(t, err)
	return k
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("../testdata/keys", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./key -update")
	assert.Equal(t, string(want), got, name)
}

// TestGolden: the worksheet's keys in every format, with and without the
// derivations.
func TestGolden(t *testing.T) {
	a := assignments(t)["dis4"]
	k := build(t, a, false)
	golden(t, "dis4.tex", k.Write(key.Article))
	golden(t, "dis4-exam.tex", k.Write(key.Exam))
	golden(t, "dis4.md", k.Write(key.Markdown))
	k = build(t, a, true)
	golden(t, "dis4-steps.tex", k.Write(key.Article))
	golden(t, "dis4-steps.md", k.Write(key.Markdown))
}

// TestEveryAnswer: every question of the worksheet has its answer, the
// answers of questions with a where list have it as a display of its own,
// and each is verified.
func TestEveryAnswer(t *testing.T) {
	a := assignments(t)["dis4"]
	k := build(t, a, false)
	require.Len(t, k.Items, len(a.Questions))
	answers := 0
	for _, it := range k.Items {
		require.NotEmpty(t, it.Answers, it.Q.ID)
		for _, ans := range it.Answers {
			answers++
			assert.Equal(t, 8, ans.Points, it.Q.ID)
			assert.Equal(t, it.Q.Answer != "" && it.Q.Request.Command != "step", ans.Instructor, it.Q.ID)
		}
		assert.Equal(t, it.Q.Graph, it.Graph != nil, it.Q.ID)
	}
	for _, f := range []key.Format{key.Article, key.Exam, key.Markdown} {
		doc := k.Write(f)
		assert.Equal(t, answers, strings.Count(doc, "Verified at 8 random points"))
		// A where list is never on the answer's line: "where" stands on a
		// line of its own, followed by an aligned display.
		for _, m := range regexp.MustCompile(`(?m)^.*where.*$`).FindAllString(doc, -1) {
			assert.Equal(t, "where", strings.TrimSpace(m))
		}
		assert.Regexp(t, `where\n+(\\\[|\$\$)\n\\begin\{aligned\}\nz &= W\^\{\(1\)\} x \+ b`, doc)
	}
	// 2e-W1 uses the instructor's form, with deriv's where names z and r.
	var w1 *key.Item
	for _, it := range k.Items {
		if it.Q.ID == "2e-W1" {
			w1 = it
		}
	}
	require.NotNil(t, w1)
	require.Len(t, w1.Answers[0].Where, 2)
	assert.Equal(t, "z", w1.Answers[0].Where[0].NameText)
	assert.Equal(t, "r", w1.Answers[0].Where[1].NameText)
}

// TestOnlyAllowedLaTeX: amsmath, amssymb and TikZ only; no
// \DeclareMathOperator, \mbox or eqnarray.
func TestOnlyAllowedLaTeX(t *testing.T) {
	for name, a := range assignments(t) {
		for _, steps := range []bool{false, true} {
			k := build(t, a, steps)
			for _, f := range []key.Format{key.Article, key.Exam, key.Markdown} {
				doc := k.Write(f)
				for _, bad := range []string{`\DeclareMathOperator`, `\mbox`, `eqnarray`, `\usepackage{geometry}`} {
					assert.NotContains(t, doc, bad, name)
				}
				for _, m := range regexp.MustCompile(`\\usepackage(\[[^]]*\])?\{([^}]*)\}`).FindAllStringSubmatch(doc, -1) {
					for _, pkg := range strings.Split(m[2], ",") {
						assert.Contains(t, []string{"amsmath", "amssymb", "tikz"}, pkg, name)
					}
				}
			}
		}
	}
}

// TestSteps: --steps writes the forward definitions and the backward
// chain of the worksheet's 2(e), each backward line verified.
func TestSteps(t *testing.T) {
	k := build(t, assignments(t)["dis4"], true)
	var it *key.Item
	for _, x := range k.Items {
		if x.Q.ID == "2e-W1" {
			it = x
		}
	}
	require.NotNil(t, it)
	s := it.Answers[0].Steps
	require.NotNil(t, s)
	var fwd, bwd []string
	for _, l := range s.Forward {
		fwd = append(fwd, l.NameText)
	}
	assert.Equal(t, []string{"z", "a", "r", "ℓ"}, fwd)
	for _, l := range s.Backward {
		bwd = append(bwd, l.NameText)
		assert.Equal(t, 8, l.Checked, l.NameText)
	}
	assert.Equal(t, []string{"δ_r", "δ_a", "δ_z", "∂ℓ/∂W⁽¹⁾"}, bwd)
}

func TestMathFragments(t *testing.T) {
	md := "# T\n\ntext $a^2$ and\n\n$$\nx = 1\n$$\n\n```mermaid\nflowchart LR\n  n0[\"$x$\"]\n```\n"
	assert.Equal(t, []key.Fragment{{TeX: "x = 1", Display: true}, {TeX: "a^2"}}, key.MathFragments(md))
}
