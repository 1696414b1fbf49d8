package grade

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// GradescopeTest is one test of Gradescope's results.json.
type GradescopeTest struct {
	Name         string  `json:"name"`
	Number       string  `json:"number,omitempty"`
	Score        float64 `json:"score"`
	MaxScore     float64 `json:"max_score"`
	Status       string  `json:"status"`
	Output       string  `json:"output"`
	OutputFormat string  `json:"output_format"`
}

// GradescopeResults is Gradescope's results.json.
type GradescopeResults struct {
	Score        float64          `json:"score"`
	Output       string           `json:"output,omitempty"`
	OutputFormat string           `json:"output_format,omitempty"`
	Tests        []GradescopeTest `json:"tests"`
}

// answersFile finds the submission's answers file in dir.
func answersFile(dir string) (string, error) {
	for _, name := range []string{"answers.yaml", "answers.yml", "answers.json", "answers.txt"} {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: no answers.yaml, answers.json or answers.txt in the submission", dir)
}

// gradeAll grades a student's answers against every question of the
// assignment: one result per question, in assignment order (the last
// answer to a question counts; an unanswered question has no result), and
// the results for ids that are no question.
func (g *Grader) gradeAll(ctx context.Context, student string, answers []Answer) (map[string]*Result, []Result) {
	byQ := map[string]*Result{}
	var unknown []Result
	for _, a := range answers {
		r := g.Grade(ctx, Submission{Student: student, Question: a.Question, Answer: a.Text})
		if g.A.Question(a.Question) == nil {
			unknown = append(unknown, r)
			continue
		}
		byQ[a.Question] = &r
	}
	return byQ, unknown
}

// Gradescope grades one submission inside Gradescope's autograder: it
// reads root/autograder/submission/answers.{yaml,json,txt} and writes
// root/autograder/results/results.json (one test per question, output in
// Markdown). Errors: the answers cannot be read (results.json then says
// so, with score 0) or the results cannot be written.
func (g *Grader) Gradescope(ctx context.Context, root string) (*GradescopeResults, error) {
	out := &GradescopeResults{Tests: []GradescopeTest{}}
	resDir := filepath.Join(root, "autograder", "results")
	path, err := answersFile(filepath.Join(root, "autograder", "submission"))
	var answers []Answer
	if err == nil {
		answers, err = ReadAnswers(path)
	}
	if err != nil {
		out.Output = "Your submission could not be read: " + err.Error() + "\n\nSubmit a file `answers.yaml` (question id: answer), `answers.json` or `answers.txt` (`id: answer` lines)."
		out.OutputFormat = "md"
		if werr := writeJSON(filepath.Join(resDir, "results.json"), out); werr != nil {
			return nil, werr
		}
		return out, err
	}
	byQ, unknown := g.gradeAll(ctx, "submission", answers)
	for i, q := range g.A.Questions {
		t := GradescopeTest{Name: testName(q.ID, q.Title), Number: fmt.Sprint(i + 1), MaxScore: q.Points, OutputFormat: "md", Status: "failed"}
		if r := byQ[q.ID]; r != nil {
			t.Score = r.Score
			t.Output = markdown(r)
			if r.Verdict == Correct {
				t.Status = "passed"
			}
		} else {
			t.Output = "No answer."
		}
		out.Score += t.Score
		out.Tests = append(out.Tests, t)
	}
	var notes []string
	for _, r := range unknown {
		notes = append(notes, fmt.Sprintf("- `%s`: there is no question %s in this assignment", r.Question, r.Question))
	}
	if len(notes) > 0 {
		out.Output, out.OutputFormat = "Some answers were not graded:\n\n"+strings.Join(notes, "\n"), "md"
	}
	return out, writeJSON(filepath.Join(resDir, "results.json"), out)
}

func testName(id, title string) string {
	if title == "" {
		return id
	}
	return id + ": " + title
}

// markdown is a result as Markdown for a platform.
func markdown(r *Result) string {
	var b strings.Builder
	switch r.Verdict {
	case Correct:
		b.WriteString("**Correct.**")
	case Incorrect:
		b.WriteString("**Incorrect.**")
		if len(r.Diagnosis) > 0 {
			b.WriteString("\n")
			for _, d := range r.Diagnosis {
				fmt.Fprintf(&b, "\n- %s", mdEscape(d.Message))
			}
		}
	default:
		b.WriteString("**Could not be graded** (this attempt should not count): ")
		if r.Error != nil {
			if r.Error.Line > 0 {
				fmt.Fprintf(&b, "line %d, column %d: ", r.Error.Line, r.Error.Col)
			}
			b.WriteString(mdEscape(r.Error.Message))
		}
	}
	if r.Feedback != "" {
		b.WriteString("\n\n" + mdEscape(r.Feedback))
	}
	if r.Answer != "" {
		b.WriteString("\n\nYour answer:\n\n```\n" + strings.ReplaceAll(r.Answer, "```", "` ` `") + "\n```")
	}
	return b.String()
}

// mdEscape keeps text from being read as Markdown markup.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`)
	return r.Replace(s)
}

// PrairieLearnTest is one test of PrairieLearn's external grader results.
type PrairieLearnTest struct {
	Name      string  `json:"name"`
	Points    float64 `json:"points"`
	MaxPoints float64 `json:"max_points"`
	Message   string  `json:"message"`
	Output    string  `json:"output,omitempty"`
}

// PrairieLearnResults is PrairieLearn's results.json.
type PrairieLearnResults struct {
	Gradable     bool               `json:"gradable"`
	Score        float64            `json:"score"`
	Message      string             `json:"message"`
	Tests        []PrairieLearnTest `json:"tests"`
	FormatErrors map[string]string  `json:"format_errors,omitempty"`
}

// PrairieLearn grades one submission as PrairieLearn's external grader:
// it reads root/grade/data/data.json's submitted_answers and writes
// root/grade/results/results.json. Any ungradable part makes the
// submission gradable: false, with format_errors naming the parts.
func (g *Grader) PrairieLearn(ctx context.Context, root string) (*PrairieLearnResults, error) {
	out := &PrairieLearnResults{Tests: []PrairieLearnTest{}}
	resPath := filepath.Join(root, "grade", "results", "results.json")
	answers, err := readPLAnswers(filepath.Join(root, "grade", "data", "data.json"))
	if err != nil {
		out.Message = "The submission could not be read: " + err.Error()
		if werr := writeJSON(resPath, out); werr != nil {
			return nil, werr
		}
		return out, err
	}
	byQ, unknown := g.gradeAll(ctx, "submission", answers)
	out.Gradable = true
	total, max := 0.0, 0.0
	for _, q := range g.A.Questions {
		t := PrairieLearnTest{Name: testName(q.ID, q.Title), MaxPoints: q.Points}
		max += q.Points
		if r := byQ[q.ID]; r != nil {
			t.Points = r.Score
			t.Message = plainMessage(r)
			if r.Verdict == Ungradable {
				out.Gradable = false
				if out.FormatErrors == nil {
					out.FormatErrors = map[string]string{}
				}
				out.FormatErrors[q.ID] = t.Message
			}
		} else {
			t.Message = "No answer."
		}
		total += t.Points
		out.Tests = append(out.Tests, t)
	}
	for _, r := range unknown {
		if out.FormatErrors == nil {
			out.FormatErrors = map[string]string{}
		}
		out.FormatErrors[r.Question] = fmt.Sprintf("there is no question %s", r.Question)
		out.Gradable = false
	}
	if max > 0 {
		out.Score = total / max
	}
	switch {
	case !out.Gradable:
		names := make([]string, 0, len(out.FormatErrors))
		for _, q := range g.A.Questions {
			if _, ok := out.FormatErrors[q.ID]; ok {
				names = append(names, q.ID)
			}
		}
		for _, r := range unknown {
			names = append(names, r.Question)
		}
		out.Message = "Some parts could not be graded (" + strings.Join(names, ", ") + "); this submission is not counted. Fix them and submit again."
		out.Score = 0
	default:
		out.Message = fmt.Sprintf("Score: %s of %s.", formatScore(total), formatScore(max))
	}
	return out, writeJSON(resPath, out)
}

// plainMessage is a result in one or two sentences.
func plainMessage(r *Result) string {
	var parts []string
	switch r.Verdict {
	case Correct:
		parts = append(parts, "Correct.")
	case Incorrect:
		parts = append(parts, "Incorrect.")
		for _, d := range r.Diagnosis {
			parts = append(parts, d.Message+".")
		}
	default:
		msg := "Could not be graded"
		if r.Error != nil {
			if r.Error.Line > 0 {
				msg += fmt.Sprintf(" (line %d, column %d)", r.Error.Line, r.Error.Col)
			}
			msg += ": " + r.Error.Message
		}
		parts = append(parts, msg)
	}
	if r.Feedback != "" {
		parts = append(parts, r.Feedback)
	}
	return strings.Join(parts, " ")
}

// readPLAnswers reads data.json's submitted_answers in order.
func readPLAnswers(path string) ([]Answer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("%s: not a JSON object: %v", path, err)
	}
	raw, ok := top["submitted_answers"]
	if !ok {
		return nil, fmt.Errorf("%s: no submitted_answers", path)
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	kvs, err := orderedObject(dec)
	if err != nil {
		return nil, fmt.Errorf("%s: submitted_answers: %v", path, err)
	}
	out := make([]Answer, len(kvs))
	for i, x := range kvs {
		out[i] = Answer{Question: x.k, Text: x.v}
	}
	return out, nil
}

func writeJSON(path string, v any) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return errors.Join(fmt.Errorf("cannot write %s", path), err)
	}
	return nil
}
