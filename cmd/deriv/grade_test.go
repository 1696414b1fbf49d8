package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	gradeAssignment = "../../examples/gradescope/assignment.yaml"
	gradeData       = "testdata/grade/"
)

// gradeLine is one JSON Lines result, every field of SPEC §7.3.
type gradeLine struct {
	Student   string  `json:"student"`
	Question  string  `json:"question"`
	Verdict   string  `json:"verdict"`
	Score     float64 `json:"score"`
	MaxScore  float64 `json:"max_score"`
	Diagnosis []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"diagnosis"`
	Feedback string `json:"feedback"`
	Error    *struct {
		Line    int    `json:"line"`
		Col     int    `json:"col"`
		Message string `json:"message"`
	} `json:"error"`
	MaxRelError *float64 `json:"max_rel_error"`
}

func parseLines(t *testing.T, out string) []gradeLine {
	t.Helper()
	var rs []gradeLine
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var r gradeLine
		require.NoError(t, json.Unmarshal(sc.Bytes(), &r), sc.Text())
		rs = append(rs, r)
	}
	return rs
}

// TestGradeJSONLines: one result per answer read, in input order, with
// the verdicts and codes of SPEC §7.3; exit 0 whatever the verdicts.
func TestGradeJSONLines(t *testing.T) {
	out, errOut, code := runCLI(t, "grade", gradeAssignment, gradeData+"subs.jsonl", "-j", "3")
	require.Equal(t, 0, code, errOut)
	rs := parseLines(t, out)
	want := []struct{ student, question, verdict, code string }{
		{"ada", "2e-W1", "correct", ""},
		{"ada", "2e-W2", "correct", ""},
		{"ada", "tr-AXB", "incorrect", "transpose"},
		{"bo", "2e-W1", "incorrect", "transposed-factor"},
		{"bo", "2e-W2", "ungradable", ""},
		{"bo", "tr-AXB", "correct", ""},
		{"cy", "2e-W1", "incorrect", "transpose"},
		{"cy", "nope", "ungradable", ""},
		{"cy", "2e-W1", "incorrect", "hadamard"},
	}
	require.Len(t, rs, len(want))
	for i, w := range want {
		r := rs[i]
		assert.Equal(t, w.student, r.Student, "result %d", i)
		assert.Equal(t, w.question, r.Question, "result %d", i)
		assert.Equal(t, w.verdict, r.Verdict, "result %d", i)
		if w.code != "" {
			require.NotEmpty(t, r.Diagnosis, "result %d", i)
			assert.Equal(t, w.code, r.Diagnosis[0].Code, "result %d", i)
			assert.NotEmpty(t, r.Diagnosis[0].Message)
		}
		if w.verdict == "ungradable" {
			require.NotNil(t, r.Error, "result %d", i)
			assert.Zero(t, r.Score)
		}
	}
	assert.Equal(t, 4.0, rs[0].Score)
	assert.Equal(t, 4.0, rs[0].MaxScore)
	assert.Equal(t, 2.0, rs[6].Score, "transpose earns the credit of 0.5")
	assert.Equal(t, "Which way does the error travel back through W⁽²⁾?", rs[3].Feedback)
	assert.Equal(t, 1, rs[4].Error.Line)
	assert.Equal(t, 4, rs[4].Error.Col)
	assert.Equal(t, "no question nope", rs[7].Error.Message)
}

// TestGradeFormatsAgree: the long CSV, the wide CSV and a folder give the
// same results as JSON Lines for the same answers (an empty wide cell is
// no answer).
func TestGradeFormatsAgree(t *testing.T) {
	key := func(rs []gradeLine) []string {
		var out []string
		for _, r := range rs {
			codes := []string{}
			for _, d := range r.Diagnosis {
				codes = append(codes, d.Code)
			}
			out = append(out, strings.Join([]string{r.Student, r.Question, r.Verdict, strings.Join(codes, ",")}, "|"))
		}
		return out
	}
	jsonl, _, code := runCLI(t, "grade", gradeAssignment, gradeData+"subs.jsonl")
	require.Equal(t, 0, code)
	long, errOut, code := runCLI(t, "grade", gradeAssignment, gradeData+"subs-long.csv")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, key(parseLines(t, jsonl)), key(parseLines(t, long)))

	wide, errOut, code := runCLI(t, "grade", gradeAssignment, gradeData+"subs-wide.csv")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, key(parseLines(t, jsonl))[:7], key(parseLines(t, wide)), "the wide CSV has no Email question and cy's empty cells are no answers")

	folder, errOut, code := runCLI(t, "grade", gradeAssignment, gradeData+"folder")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, key(parseLines(t, jsonl))[:6], key(parseLines(t, folder)))
}

// TestGradeStdin reads JSON Lines from standard input; a line that is not
// JSON still gets a result.
func TestGradeStdin(t *testing.T) {
	in := `{"student": "s", "question": "tr-AXB", "answer": "Aᵀ Bᵀ"}` + "\nnot json\n" + `{"student": "t", "question": "tr-AXB", "answer": "(B A)^T"}` + "\n"
	var out, errb strings.Builder
	code := run([]string{"grade", gradeAssignment, "-"}, strings.NewReader(in), &out, &errb)
	require.Equal(t, 0, code, errb.String())
	rs := parseLines(t, out.String())
	require.Len(t, rs, 3)
	assert.Equal(t, []string{"correct", "ungradable", "correct"}, []string{rs[0].Verdict, rs[1].Verdict, rs[2].Verdict})
}

// TestGradeGradebook: --format csv writes a row per student, a column per
// question and a total; unanswered questions score 0.
func TestGradeGradebook(t *testing.T) {
	out, errOut, code := runCLI(t, "grade", "--format", "csv", gradeAssignment, gradeData+"subs.jsonl")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "student,2e-W1,2e-W2,tr-AXB,total\nada,4,2,0,6\nbo,0,0,1,1\ncy,0,0,0,0\n", out)
}

// TestGradeReport writes the class report in Markdown and HTML.
func TestGradeReport(t *testing.T) {
	dir := t.TempDir()
	md, html := filepath.Join(dir, "r.md"), filepath.Join(dir, "r.html")
	for _, path := range []string{md, html} {
		_, errOut, code := runCLI(t, "grade", "--report", path, gradeAssignment, gradeData+"subs.jsonl")
		require.Equal(t, 0, code, errOut)
	}
	m, err := os.ReadFile(md)
	require.NoError(t, err)
	s := string(m)
	for _, want := range []string{"# DIS4", "## 2e-W1", "| correct | incorrect | ungradable |", "| 1 | 3 | 0 |",
		"### Mistakes", "transposed-factor", "### Most common wrong answers", "### Ungradable answers", "## nope"} {
		assert.Contains(t, s, want)
	}
	h, err := os.ReadFile(html)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(h), "<!DOCTYPE html>"))
	assert.Contains(t, string(h), "<h2>2e-W1")
	assert.NotContains(t, string(h), "<script")
	golden(t, "grade/report.md", s)
	golden(t, "grade/report.html", string(h))
}

// TestGradeErrors: a bad assignment or an unreadable submissions file is
// exit 2, with the assignment's error positioned FILE:LINE:COL.
func TestGradeErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("questions:\n  - id: q\n    program: |\n      x ∈ R^d\n      f = x' + \n    ask: grad --wrt x\n"), 0o644))
	_, errOut, code := runCLI(t, "grade", bad, gradeData+"subs.jsonl")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, bad+":5:")

	wrong := filepath.Join(dir, "wrong.yaml")
	require.NoError(t, os.WriteFile(wrong, []byte("questions:\n  - id: q\n    program: f = x'x\n    ask: grad --wrt x\n    answer: x\n"), 0o644))
	_, errOut, code = runCLI(t, "grade", wrong, gradeData+"subs.jsonl")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, wrong+":5:13: question q: answer: the instructor's answer")

	_, errOut, code = runCLI(t, "grade", gradeAssignment, filepath.Join(dir, "missing.jsonl"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "missing.jsonl")

	_, _, code = runCLI(t, "grade", filepath.Join(dir, "missing.yaml"), gradeData+"subs.jsonl")
	assert.Equal(t, 2, code)
}

// TestGradePlatforms grades one submission for Gradescope and for
// PrairieLearn against fake trees under --root, and compares the results
// with golden files (go test -update rewrites them) and with the fields
// the platforms' documentation requires.
func TestGradePlatforms(t *testing.T) {
	gs := t.TempDir()
	writeFile(t, filepath.Join(gs, "autograder/submission/answers.yaml"), "2e-W1: \"(φ'(z) ⊙ (W2 r)) xᵀ\"\n2e-W2: r φ(z)ᵀ\ntr-AXB: \"A B\"\nextra: x\n")
	_, errOut, code := runCLI(t, "grade", gradeAssignment, "--gradescope", "--root", gs)
	require.Equal(t, 0, code, errOut)
	got := readFile(t, filepath.Join(gs, "autograder/results/results.json"))
	golden(t, "grade-gradescope", got)
	checkGradescope(t, got)

	pl := t.TempDir()
	writeFile(t, filepath.Join(pl, "grade/data/data.json"), `{"params": {}, "submitted_answers": {"2e-W1": "(φ'(z) ⊙ (W2ᵀ r)) xᵀ", "2e-W2": "r φ(z", "tr-AXB": "B A"}}`)
	_, errOut, code = runCLI(t, "grade", gradeAssignment, "--prairielearn", "--root", pl)
	require.Equal(t, 0, code, errOut)
	got = readFile(t, filepath.Join(pl, "grade/results/results.json"))
	golden(t, "grade-prairielearn", got)
	checkPrairieLearn(t, got, false)

	// Every part gradable: gradable true, score in 0–1.
	writeFile(t, filepath.Join(pl, "grade/data/data.json"), `{"submitted_answers": {"2e-W1": "(φ'(z) ⊙ (W2ᵀ r)) xᵀ", "tr-AXB": "B A"}}`)
	_, errOut, code = runCLI(t, "grade", gradeAssignment, "--prairielearn", "--root", pl)
	require.Equal(t, 0, code, errOut)
	checkPrairieLearn(t, readFile(t, filepath.Join(pl, "grade/results/results.json")), true)

	// --format gradescope is --gradescope.
	_, errOut, code = runCLI(t, "grade", gradeAssignment, "--format", "gradescope", "--root", gs)
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, readFile(t, "testdata/grade-gradescope.golden"), readFile(t, filepath.Join(gs, "autograder/results/results.json")))

	// No answers file: exit 2, and results.json says why.
	empty := t.TempDir()
	_, _, code = runCLI(t, "grade", gradeAssignment, "--gradescope", "--root", empty)
	assert.Equal(t, 2, code)
	assert.Contains(t, readFile(t, filepath.Join(empty, "autograder/results/results.json")), "could not be read")
}

// checkGradescope checks the fields of Gradescope's results.json
// specification: tests[] with name, score, max_score, status
// (passed/failed), output and output_format; the top-level score is their
// sum.
func checkGradescope(t *testing.T, data string) {
	t.Helper()
	var res map[string]any
	require.NoError(t, json.Unmarshal([]byte(data), &res))
	tests, ok := res["tests"].([]any)
	require.True(t, ok, "tests[]")
	sum := 0.0
	for _, x := range tests {
		tc := x.(map[string]any)
		for _, f := range []string{"name", "score", "max_score", "status", "output", "output_format"} {
			assert.Contains(t, tc, f)
		}
		assert.Contains(t, []any{"passed", "failed"}, tc["status"])
		assert.Equal(t, "md", tc["output_format"])
		assert.LessOrEqual(t, tc["score"].(float64), tc["max_score"].(float64))
		sum += tc["score"].(float64)
	}
	assert.Equal(t, sum, res["score"])
}

// checkPrairieLearn checks the fields of PrairieLearn's external grader
// results: gradable, score in 0–1, message, tests[] with name, points,
// max_points; format_errors when not gradable.
func checkPrairieLearn(t *testing.T, data string, gradable bool) {
	t.Helper()
	var res map[string]any
	require.NoError(t, json.Unmarshal([]byte(data), &res))
	assert.Equal(t, gradable, res["gradable"])
	score, ok := res["score"].(float64)
	require.True(t, ok)
	assert.GreaterOrEqual(t, score, 0.0)
	assert.LessOrEqual(t, score, 1.0)
	assert.IsType(t, "", res["message"])
	tests, ok := res["tests"].([]any)
	require.True(t, ok)
	for _, x := range tests {
		tc := x.(map[string]any)
		for _, f := range []string{"name", "points", "max_points", "message"} {
			assert.Contains(t, tc, f)
		}
	}
	if !gradable {
		fe, ok := res["format_errors"].(map[string]any)
		require.True(t, ok, "format_errors")
		assert.NotEmpty(t, fe)
	} else {
		assert.Greater(t, score, 0.0)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(data), 0o644))
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// derivBinary builds deriv once for the tests that run the example
// scripts.
func derivBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "deriv-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "deriv")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = err
			binPath = string(out)
		}
	})
	require.NoError(t, binErr, binPath)
	return binPath
}

// TestExampleGradescope runs examples/gradescope as Gradescope would:
// setup.sh installs the binary, run_autograder grades a submission in a
// fake /autograder tree.
func TestExampleGradescope(t *testing.T) {
	bin := derivBinary(t)
	root := t.TempDir()
	src := filepath.Join(root, "autograder/source")
	writeFile(t, filepath.Join(src, "assignment.yaml"), readFile(t, "../../examples/gradescope/assignment.yaml"))
	writeFile(t, filepath.Join(root, "autograder/submission/answers.yaml"), readFile(t, "../../examples/gradescope/answers.yaml"))
	require.NoError(t, os.Link(bin, filepath.Join(src, "deriv-linux-amd64")))
	binDir := filepath.Join(root, "bin")
	require.NoError(t, os.MkdirAll(binDir, 0o755))

	setup := exec.Command("bash", "../../examples/gradescope/setup.sh")
	setup.Env = append(os.Environ(), "SRC="+src, "BIN="+binDir)
	out, err := setup.CombinedOutput()
	require.NoError(t, err, string(out))

	runA := exec.Command("bash", "../../examples/gradescope/run_autograder")
	runA.Env = append(os.Environ(), "ROOT="+root, "DERIV="+filepath.Join(binDir, "deriv"))
	out, err = runA.CombinedOutput()
	require.NoError(t, err, string(out))
	res := readFile(t, filepath.Join(root, "autograder/results/results.json"))
	checkGradescope(t, res)
	assert.Contains(t, res, `"score": 5`)
}

// TestExamplePrairieLearn runs examples/prairielearn/grade.sh against a
// fake /grade tree.
func TestExamplePrairieLearn(t *testing.T) {
	bin := derivBinary(t)
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "grade/tests/assignment.yaml"), readFile(t, "../../examples/prairielearn/assignment.yaml"))
	writeFile(t, filepath.Join(root, "grade/data/data.json"), `{"submitted_answers": {"2e-W1": "(φ'(z) ⊙ (W2ᵀ r)) xᵀ", "2e-W2": "r φ(z)ᵀ", "tr-AXB": "Aᵀ Bᵀ"}}`)
	cmd := exec.Command("bash", "../../examples/prairielearn/grade.sh")
	cmd.Env = append(os.Environ(), "ROOT="+root, "DERIV="+bin)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	res := readFile(t, filepath.Join(root, "grade/results/results.json"))
	checkPrairieLearn(t, res, true)
	assert.Contains(t, res, `"score": 1`)
}
