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

// FuzzReadSubmissions feeds arbitrary bytes to the CSV, TSV and JSONL
// readers: no panic, no endless loop, and every item emitted is either a
// submission or a bad record with its reason.
func FuzzReadSubmissions(f *testing.F) {
	for _, s := range []string{
		"student,question,answer\na,q1,x\n",
		"student,q1,q2\na,x,y\nb,\"x\n2\",\n",
		"\ufeffName,Email,SID,q1\nAda,a@x,1,x\n",
		`{"student": "a", "question": "q1", "answer": "x"}` + "\n[1]\n",
		`{"student": "b", "answers": {"q2": "y", "q1": 3}}`,
		"a\"b,c\n\"unclosed",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		check := func(it Item) error {
			if it.Bad == "" && it.Question == "" {
				t.Errorf("an item with neither a question nor a reason: %+v", it)
			}
			return nil
		}
		_ = ReadCSV(strings.NewReader(in), false, check)
		_ = ReadCSV(strings.NewReader(in), true, check)
		_ = ReadJSONL(strings.NewReader(in), check)
	})
}
