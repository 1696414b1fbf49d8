//go:build unix

package grade

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchClass builds n varied answers on the worksheet's questions from the
// synthetic cookbook class: each a class answer, re-spelt (spaces, ᵀ as
// ^T) and, for most, scaled by a constant so that texts differ and the
// answer cache does not hide the work.
func benchClass(b *testing.B, n int) (*Grader, []Submission) {
	a, answers := loadClass(b, "../testdata/grading/class-cookbook.yaml")
	g, err := New(b.Context(), a, Options{})
	if err != nil {
		b.Fatal(err)
	}
	var pool []classAnswer
	for _, ans := range answers {
		if ans.Expect.Verdict != Ungradable && !strings.Contains(ans.Answer, "\n") && !strings.Contains(ans.Answer, "=") &&
			!strings.Contains(ans.Answer, ";") && a.Question(ans.Question) != nil && a.Question(ans.Question).Request.Command != "step" {
			pool = append(pool, ans)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	subs := make([]Submission, n)
	for i := range subs {
		ans := pool[rng.IntN(len(pool))]
		text := ans.Answer
		if rng.IntN(2) == 0 {
			text = strings.ReplaceAll(text, "ᵀ", "^T")
		}
		if rng.IntN(3) > 0 {
			text = fmt.Sprintf("%d/%d (%s)", rng.IntN(50)+1, rng.IntN(50)+1, text)
		}
		subs[i] = Submission{Student: fmt.Sprintf("s%05d", i), Question: ans.Question, Answer: text}
	}
	return g, subs
}

// BenchmarkGradeClass grades 20,000 varied answers on one core (one op =
// the class); answers/s is the figure of docs/grading.md.
func BenchmarkGradeClass(b *testing.B) {
	const n = 20000
	g, subs := benchClass(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for range b.N {
		g.cache.Clear()
		for _, s := range subs {
			g.Grade(b.Context(), s)
		}
	}
	b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "answers/s")
	// On a shared machine wall-clock time counts other processes too; the
	// process's CPU time does not.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n*b.N)/cpu.Seconds(), "answers/cpu-s")
	}
}

// BenchmarkGradeAnswer grades one typical answer that is not cached.
func BenchmarkGradeAnswer(b *testing.B) {
	g, _ := benchClass(b, 1)
	s := Submission{Student: "s", Question: "2e-W1", Answer: "(φ'(z) ⊙ (W2ᵀ r)) xᵀ"}
	b.ReportAllocs()
	for range b.N {
		g.cache.Clear()
		g.Grade(b.Context(), s)
	}
}

// cpuTime is the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
