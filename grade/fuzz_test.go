package grade

import (
	"strings"
	"testing"
	"time"

	"deriv/assignment"
)

// FuzzGradeAnswer feeds arbitrary answers to every question of the
// cookbook assignment: each must get exactly one valid result (a verdict,
// a diagnosis when incorrect, a message when ungradable, a score within
// the points), within the time budget, and no panic may escape.
func FuzzGradeAnswer(f *testing.F) {
	a, err := assignment.Load("../testdata/grading/cookbook.yaml")
	if err != nil {
		f.Fatal(err)
	}
	g, err := New(f.Context(), a, Options{})
	if err != nil {
		f.Fatal(err)
	}
	_, answers := loadClass(f, "../testdata/grading/class-cookbook.yaml")
	for _, ans := range answers {
		if len(ans.Answer) < 300 {
			f.Add(uint8(0), ans.Answer)
		}
	}
	f.Fuzz(func(t *testing.T, qi uint8, text string) {
		q := a.Questions[int(qi)%len(a.Questions)]
		start := time.Now()
		r := g.Grade(t.Context(), Submission{Student: "f", Question: q.ID, Answer: text})
		switch r.Verdict {
		case Correct, Incorrect:
			if r.Error != nil {
				t.Fatalf("%q: %s with an error", text, r.Verdict)
			}
			if r.Verdict == Incorrect && len(r.Diagnosis) == 0 {
				t.Fatalf("%q: incorrect without a diagnosis", text)
			}
		case Ungradable:
			if r.Error == nil || r.Error.Message == "" {
				t.Fatalf("%q: ungradable without a message", text)
			}
			if strings.Contains(r.Error.Message, "internal error") {
				// A bug below the grader (a panic in evaluation), caught
				// and turned into this answer's result, as it must be.
				t.Logf("%q on %s: %s", text, q.ID, r.Error.Message)
			}
		default:
			t.Fatalf("%q: verdict %q", text, r.Verdict)
		}
		if r.Score < 0 || r.Score > q.Points {
			t.Fatalf("%q: score %g of %g", text, r.Score, q.Points)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("%q: took %v", text, d)
		}
	})
}
