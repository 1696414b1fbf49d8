package grade

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/goccy/go-yaml"

	"deriv/assignment"
)

// classFile is a synthetic class: an assignment (inline, or a file under
// testdata/), answers, and the result each must get.
type classFile struct {
	Assignment     any           `yaml:"assignment"`
	AssignmentFile string        `yaml:"assignment_file"`
	Answers        []classAnswer `yaml:"answers"`
}

type classAnswer struct {
	Student  string `yaml:"student"`
	Question string `yaml:"question"`
	Answer   string `yaml:"answer"`
	Expect   struct {
		Verdict   string   `yaml:"verdict"`
		Diagnosis []string `yaml:"diagnosis"`
		Score     *float64 `yaml:"score"`
		Error     bool     `yaml:"error"`
	} `yaml:"expect"`
}

// loadClass reads a class file and its assignment.
func loadClass(t testing.TB, path string) (*assignment.Assignment, []classAnswer) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cf classFile
	if err := yaml.Unmarshal(data, &cf); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var a *assignment.Assignment
	if cf.AssignmentFile != "" {
		a, err = assignment.Load(filepath.Join(filepath.Dir(path), cf.AssignmentFile))
	} else {
		var raw []byte
		if raw, err = yaml.Marshal(cf.Assignment); err == nil {
			a, err = assignment.Parse(raw, path)
		}
	}
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return a, cf.Answers
}

// TestClasses grades every synthetic class in testdata/grading and checks
// each answer's verdict, score and diagnosis codes.
func TestClasses(t *testing.T) {
	files, _ := filepath.Glob("../testdata/grading/*.yaml")
	if len(files) == 0 {
		t.Fatal("no classes")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			a, answers := loadClass(t, f)
			g, err := New(t.Context(), a, Options{})
			if err != nil {
				t.Fatal(err)
			}
			named, want := 0, 0
			for i, ans := range answers {
				r := g.Grade(t.Context(), Submission{Student: ans.Student, Question: ans.Question, Answer: ans.Answer})
				where := fmt.Sprintf("answer %d (%s, %s: %q)", i+1, ans.Student, ans.Question, ans.Answer)
				if r.Verdict != ans.Expect.Verdict {
					t.Errorf("%s: verdict %s, want %s (%v %v)", where, r.Verdict, ans.Expect.Verdict, r.Diagnosis, r.Error)
					continue
				}
				if ans.Expect.Score != nil && r.Score != *ans.Expect.Score {
					t.Errorf("%s: score %g, want %g (%v)", where, r.Score, *ans.Expect.Score, r.Diagnosis)
				}
				if ans.Expect.Error && r.Error == nil {
					t.Errorf("%s: no error", where)
				}
				codes := r.Codes()
				for _, c := range ans.Expect.Diagnosis {
					want++
					if slices.Contains(codes, c) {
						named++
					} else {
						t.Errorf("%s: diagnosis %v, want %s among them", where, r.Diagnosis, c)
					}
				}
			}
			t.Logf("%d answers; %d of %d expected diagnoses named", len(answers), named, want)
		})
	}
}
