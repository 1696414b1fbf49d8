package grade

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"deriv/assignment"
)

func cookbook(t testing.TB, opts Options) *Grader {
	t.Helper()
	a, err := assignment.Load("../testdata/grading/cookbook.yaml")
	require.NoError(t, err)
	g, err := New(t.Context(), a, opts)
	require.NoError(t, err)
	return g
}

// TestPanicBecomesUngradable: a failure inside one answer's grading is that
// answer's ungradable "internal error"; the next answer is graded.
func TestPanicBecomesUngradable(t *testing.T) {
	g := cookbook(t, Options{})
	broken := *g.qs["quad"]
	broken.parts = nil // judging now indexes an empty slice
	g.qs["broken"] = &broken
	r := g.Grade(t.Context(), Submission{Student: "s", Question: "broken", Answer: "(A + Aᵀ) x"})
	assert.Equal(t, Ungradable, r.Verdict)
	require.NotNil(t, r.Error)
	assert.Contains(t, r.Error.Message, "internal error")
	assert.Equal(t, Correct, g.Grade(t.Context(), Submission{Student: "s", Question: "quad", Answer: "(A + Aᵀ) x"}).Verdict)
}

// TestBudgets: over the size, depth or time budget is ungradable, naming
// the budget.
func TestBudgets(t *testing.T) {
	small := cookbook(t, Options{Limits: assignment.Limits{Bytes: 64, Depth: 10}})
	g := cookbook(t, Options{})
	for _, c := range []struct{ answer, want string }{
		{strings.Repeat("x + ", 20) + "x", "size budget of 64 bytes"},
		{strings.Repeat("(", 11) + "x" + strings.Repeat(")", 11), "depth budget of 10 levels"},
	} {
		r := small.Grade(t.Context(), Submission{Question: "quad", Answer: c.answer})
		assert.Equal(t, Ungradable, r.Verdict, c.answer)
		if assert.NotNil(t, r.Error, c.answer) {
			assert.Contains(t, r.Error.Message, c.want)
		}
	}
	cases := []struct{ q, answer, want string }{
		{"quad", strings.Repeat("x + ", 2000) + "x", "size budget of 4096 bytes"},
		{"quad", strings.Repeat("(", 201) + "x" + strings.Repeat(")", 201), "depth budget of 200 levels"},
		{"2c-w", "Σ_{a=1}^{n} Σ_{c=1}^{n} Σ_{e=1}^{n} Σ_{f=1}^{n} Σ_{g=1}^{n} Σ_{h=1}^{n} Σ_{k=1}^{n} Σ_{l=1}^{n} Σ_{m=1}^{n} x", "time budget"},
		{"2c-w", "Σ_{k=1}^{10000000} x", "time budget"},
	}
	for _, c := range cases {
		r := g.Grade(t.Context(), Submission{Question: c.q, Answer: c.answer})
		assert.Equal(t, Ungradable, r.Verdict, c.answer)
		if assert.NotNil(t, r.Error, c.answer) {
			assert.Contains(t, r.Error.Message, c.want)
		}
	}
	// Time is also checked between evaluations.
	slow := cookbook(t, Options{Time: time.Nanosecond})
	r := slow.Grade(t.Context(), Submission{Question: "quad", Answer: "(A + Aᵀ) x"})
	assert.Equal(t, Ungradable, r.Verdict)
	assert.Contains(t, r.Error.Message, "time budget")
}

// TestRunInOrder: Run emits one result per item, in input order, with
// several workers, bad records included.
func TestRunInOrder(t *testing.T) {
	g := cookbook(t, Options{})
	answers := []string{"(A + Aᵀ) x", "2 A x", "(A + ", "xᵀ (A + Aᵀ)", "q"}
	const n = 400
	read := func(emit func(Item) error) error {
		for i := range n {
			it := Item{Submission: Submission{Student: fmt.Sprint(i), Question: "quad", Answer: answers[i%len(answers)]}}
			if i%37 == 0 {
				it.Bad = "line: not JSON"
			}
			if err := emit(it); err != nil {
				return err
			}
		}
		return errors.New("read failed at the end")
	}
	var got []Result
	err := g.Run(t.Context(), 4, read, func(r Result) error { got = append(got, r); return nil })
	assert.EqualError(t, err, "read failed at the end", "the reader's error comes after every result")
	require.Len(t, got, n)
	for i, r := range got {
		require.Equal(t, fmt.Sprint(i), r.Student)
		if i%37 == 0 {
			assert.Equal(t, Ungradable, r.Verdict)
		}
	}
	assert.Equal(t, []string{Incorrect, Ungradable, Incorrect, Ungradable, Correct},
		[]string{got[1].Verdict, got[2].Verdict, got[3].Verdict, got[4].Verdict, got[5].Verdict})
}

// TestCacheByText: equal texts (up to spacing) share one grading, and the
// results stay per student.
func TestCacheByText(t *testing.T) {
	g := cookbook(t, Options{})
	a := g.Grade(t.Context(), Submission{Student: "a", Question: "quad", Answer: "2 A x"})
	b := g.Grade(t.Context(), Submission{Student: "b", Question: "quad", Answer: "  2  A   x "})
	assert.Equal(t, "a", a.Student)
	assert.Equal(t, "b", b.Student)
	assert.Equal(t, a.Diagnosis, b.Diagnosis)
	n := 0
	g.cache.Range(func(_, _ any) bool { n++; return true })
	assert.Equal(t, 1, n)
}
