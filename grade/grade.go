// Package grade grades submitted answers against an assignment (SPEC §7.3):
// each answer is parsed in its question's scope, evaluated at the
// question's random points and compared with the reference derivative's
// values; a wrong answer is compared with the classic wrong answers
// (mutants of the reference derivation, built once per question) to name
// the mistake.
//
// One answer never stops the rest: every failure, a panic included,
// becomes that answer's ungradable result. Budgets bound each answer's
// size, nesting depth and time.
package grade

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"gonum.org/v1/gonum/mat"

	"deriv/assignment"
	"deriv/engine"
	"deriv/numeric"
	"deriv/symbolic"
)

// Options configure a Grader. Zero fields take the defaults.
type Options struct {
	// Limits bound each answer's size and depth (default 4 KiB, 200).
	Limits assignment.Limits
	// Time bounds the grading of one answer (default 2 s).
	Time time.Duration
}

// Grader grades answers to one assignment. It is safe for concurrent use.
type Grader struct {
	A    *assignment.Assignment
	opts Options
	qs   map[string]*question
	// cache holds outcomes by question and normalised answer text.
	cache sync.Map
}

// New prepares every question of a: derives it, builds its mutants and
// evaluates them at its points. Errors are the assignment's (*assignment.Error).
func New(ctx context.Context, a *assignment.Assignment, opts Options) (*Grader, error) {
	if opts.Limits.Bytes <= 0 {
		opts.Limits.Bytes = assignment.DefaultLimits.Bytes
	}
	if opts.Limits.Depth <= 0 {
		opts.Limits.Depth = assignment.DefaultLimits.Depth
	}
	if opts.Time <= 0 {
		opts.Time = 2 * time.Second
	}
	g := &Grader{A: a, opts: opts, qs: map[string]*question{}}
	for _, q := range a.Questions {
		pq, err := prepare(ctx, q)
		if err != nil {
			return nil, err
		}
		g.qs[q.ID] = pq
	}
	return g, nil
}

// Submission is one answer to grade.
type Submission struct {
	Student, Question, Answer string
}

// outcome is the student-independent part of a result, cached by answer
// text.
type outcome struct {
	verdict   string
	score     float64
	diagnosis []Diagnosis
	feedback  string
	err       *ErrorInfo
	rel       *float64
	sig       string
}

// Grade grades one answer. It always returns a result: a panic becomes an
// ungradable "internal error".
func (g *Grader) Grade(ctx context.Context, s Submission) (res Result) {
	res = Result{Student: s.Student, Question: s.Question, Answer: s.Answer, Diagnosis: []Diagnosis{}}
	pq := g.qs[s.Question]
	if pq == nil {
		res.Verdict = Ungradable
		res.Error = &ErrorInfo{Message: fmt.Sprintf("no question %s", s.Question)}
		return res
	}
	res.MaxScore = pq.q.Points
	defer func() {
		if r := recover(); r != nil {
			res.Verdict, res.Score, res.Diagnosis, res.Feedback, res.MaxRelError = Ungradable, 0, []Diagnosis{}, "", nil
			res.Error = &ErrorInfo{Message: fmt.Sprintf("internal error: %v", r)}
			_ = debug.Stack()
		}
	}()
	key := s.Question + "\x00" + normalize(s.Answer)
	var o *outcome
	if v, ok := g.cache.Load(key); ok {
		o = v.(*outcome)
	} else {
		o = g.grade(ctx, pq, s.Answer)
		g.cache.Store(key, o)
	}
	res.Verdict, res.Score, res.Feedback, res.Error, res.MaxRelError, res.sig = o.verdict, o.score, o.feedback, o.err, o.rel, o.sig
	res.Diagnosis = append([]Diagnosis{}, o.diagnosis...)
	return res
}

// normalize collapses the spaces of each line, for the answer cache.
func normalize(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// grade grades an answer text, recovering from panics.
func (g *Grader) grade(ctx context.Context, pq *question, text string) (o *outcome) {
	defer func() {
		if r := recover(); r != nil {
			o = &outcome{verdict: Ungradable, err: &ErrorInfo{Message: fmt.Sprintf("internal error: %v", r)}}
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, g.opts.Time)
	defer cancel()
	o = g.judge(ctx, pq, text)
	o.feedback = feedback(pq.q, o)
	if o.verdict == Correct {
		o.score = pq.q.Points
	} else if o.verdict == Incorrect {
		best := 0.0
		for _, d := range o.diagnosis {
			if c, ok := pq.q.Credit[d.Code]; ok && c > best {
				best = c
			}
		}
		o.score = pq.q.Points * best
	}
	return o
}

func ungradable(line, col int, msg string) *outcome {
	return &outcome{verdict: Ungradable, err: &ErrorInfo{Line: line, Col: col, Message: msg}}
}

func (g *Grader) judge(ctx context.Context, pq *question, text string) *outcome {
	if strings.TrimSpace(text) == "" {
		return ungradable(1, 1, "the answer is empty")
	}
	a, err := pq.ref.ParseAnswer(text, g.opts.Limits)
	if err != nil {
		var ae *assignment.AnswerError
		if !errors.As(err, &ae) {
			return ungradable(0, 0, err.Error())
		}
		if ae.Shape {
			return shapeConflict(ae)
		}
		line, col := ae.Line, ae.Col
		if line == 0 {
			line, col = 1, 1 // the answer as a whole (a budget, an encoding)
		}
		return ungradable(line, col, ae.Msg)
	}
	if len(pq.parts) > 1 {
		return g.judgeParts(ctx, pq, a)
	}
	vals, o := g.evaluate(ctx, pq, a.Scope, a.Expr)
	if o != nil {
		return o
	}
	pt := pq.parts[min(a.Part, len(pq.parts)-1)]
	rel, same := engine.RelError(pt.want, vals)
	o = &outcome{rel: &rel}
	if same && rel <= pq.tol {
		o.verdict = Correct
		return o
	}
	o.verdict, o.sig = Incorrect, signature(vals)
	o.diagnosis = pq.diagnose(pt, a.Expr, vals)
	return o
}

// judgeParts grades an answer to a question with several --wrt
// variables: correct when every part is; the diagnoses of each wrong part
// are prefixed with its variable.
func (g *Grader) judgeParts(ctx context.Context, pq *question, a *assignment.Answer) *outcome {
	worst := 0.0
	out := &outcome{verdict: Correct, rel: &worst}
	var sig strings.Builder
	for i, pt := range pq.parts {
		name := symbolic.Print(pq.ref.Wrt[i], symbolic.Text)
		e, ok := a.Parts[i]
		if !ok {
			out.verdict, worst = Incorrect, 1
			out.diagnosis = append(out.diagnosis, Diagnosis{Code: "other", Message: name + ": no answer for " + name})
			continue
		}
		vals, o := g.evaluate(ctx, pq, a.Scope, e)
		if o != nil {
			if o.verdict == Ungradable {
				return o
			}
			out.verdict, worst = Incorrect, 1
			for _, d := range o.diagnosis {
				out.diagnosis = append(out.diagnosis, Diagnosis{Code: d.Code, Message: name + ": " + d.Message})
			}
			continue
		}
		rel, same := engine.RelError(pt.want, vals)
		if !same {
			rel = 1
		}
		worst = max(worst, rel)
		sig.WriteString(signature(vals))
		if same && rel <= pq.tol {
			continue
		}
		out.verdict = Incorrect
		for _, d := range pq.diagnose(pt, e, vals) {
			out.diagnosis = append(out.diagnosis, Diagnosis{Code: d.Code, Message: name + ": " + d.Message})
		}
	}
	if out.verdict == Incorrect {
		out.sig = sig.String()
	}
	return out
}

// evaluate compiles e and evaluates it at the question's points, within
// the answer's budgets. A non-nil outcome is final: ungradable (over a
// budget, cannot be evaluated) or incorrect (undefined where the
// derivative is defined).
func (g *Grader) evaluate(ctx context.Context, pq *question, scope *symbolic.Program, e *symbolic.Expr) ([]*mat.Dense, *outcome) {
	if cost := evalCost(scope, e, map[string]float64{}, 0); cost > maxCost {
		return nil, ungradable(1, 1, fmt.Sprintf("the answer is over the time budget of %s (it would take about %.3g operations per point)", g.opts.Time, cost))
	}
	c, err := numeric.Compile(scope, e)
	if err != nil {
		return nil, ungradable(0, 0, "the answer cannot be evaluated: "+message(err))
	}
	vals, err := evalWithin(ctx, pq.ref.Points, c, engine.Budget{Time: g.opts.Time})
	if err != nil {
		var le *engine.LimitError
		if errors.As(err, &le) {
			return nil, ungradable(1, 1, fmt.Sprintf("the answer is over the time budget of %s", g.opts.Time))
		}
		var ie *engine.InternalError
		if errors.As(err, &ie) {
			return nil, ungradable(0, 0, "internal error: "+fmt.Sprint(ie.Value))
		}
		one := 1.0
		code := "other"
		if m := message(err); strings.Contains(m, "out of range") || strings.Contains(m, "is outside the family") || strings.HasPrefix(m, "no value for") || strings.Contains(m, "has no value here") {
			code = "sum" // Σ_{j=1}^{d} over a family of n, or j used outside its sum
		}
		return nil, &outcome{verdict: Incorrect, rel: &one, diagnosis: []Diagnosis{{Code: code, Message: "the answer is undefined where the derivative is defined: " + message(err)}}}
	}
	if ctx.Err() != nil {
		return nil, ungradable(1, 1, fmt.Sprintf("the answer is over the time budget of %s", g.opts.Time))
	}
	return vals, nil
}

// message is an error's message without position.
func message(err error) string {
	var se *symbolic.Error
	if errors.As(err, &se) {
		return se.Msg
	}
	return err.Error()
}

// feedback joins the question's feedback for the outcome's codes.
func feedback(q *assignment.Question, o *outcome) string {
	if len(q.Feedback) == 0 {
		return ""
	}
	switch o.verdict {
	case Correct, Ungradable:
		return q.Feedback[o.verdict]
	}
	var parts []string
	seen := map[string]bool{}
	for _, d := range o.diagnosis {
		if f, ok := q.Feedback[d.Code]; ok && !seen[f] {
			seen[f] = true
			parts = append(parts, f)
		}
	}
	if len(parts) == 0 {
		return q.Feedback[Incorrect]
	}
	return strings.Join(parts, " ")
}

// signature fingerprints values to 5 significant digits, so that
// answers equal at every point (mathematically equal) share it.
func signature(vals []*mat.Dense) string {
	b := make([]byte, 0, 256)
	for _, v := range vals {
		r, c := v.Dims()
		b = strconv.AppendInt(b, int64(r), 10)
		b = append(b, 'x')
		b = strconv.AppendInt(b, int64(c), 10)
		b = append(b, ':')
		for i := range r {
			for j := range c {
				x := v.At(i, j)
				if abs(x) < 1e-9 {
					x = 0
				}
				b = strconv.AppendFloat(b, x, 'g', 5, 64)
				b = append(b, ',')
			}
		}
		b = append(b, ';')
	}
	return string(b)
}

// simpleFactor reports whether k is a factor a student would slip in: ±1,
// ±2, …, ±10 or a simple fraction of them.
func simpleFactor(k float64) bool {
	a := abs(k)
	if a < 0.05 || a > 10.5 {
		return false
	}
	for den := 1.0; den <= 4; den++ {
		if n := roundTo(a*den, 1); abs(a*den-n) < 1e-6 && n >= 1 && n <= 10 {
			return true
		}
	}
	return false
}

// evalWithin evaluates c at the points, returning when ctx ends even if an
// evaluation is still running: the time budget holds inside evaluation
// too. (Evaluation also watches ctx itself, every few hundred nodes, so an
// abandoned one stops soon after.)
func evalWithin(ctx context.Context, pts *engine.Points, c *numeric.Compiled, b engine.Budget) ([]*mat.Dense, error) {
	type result struct {
		vals []*mat.Dense
		err  error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{err: &engine.InternalError{Value: r}}
			}
		}()
		vals, err := pts.Eval(ctx, c, b)
		done <- result{vals, err}
	}()
	select {
	case r := <-done:
		return r.vals, r.err
	case <-ctx.Done():
		return nil, &engine.LimitError{Limit: "time", Msg: "the time budget ended during evaluation"}
	}
}
