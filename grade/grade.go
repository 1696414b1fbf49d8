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
	if cost := evalCost(a.Scope, a.Expr, map[string]float64{}, 0); cost > maxCost {
		return ungradable(1, 1, fmt.Sprintf("the answer is over the time budget of %s (it would take about %.3g operations per point)", g.opts.Time, cost))
	}
	c, err := numeric.Compile(a.Scope, a.Expr)
	if err != nil {
		return ungradable(0, 0, "the answer cannot be evaluated: "+message(err))
	}
	vals, err := pq.ref.Points.Eval(ctx, c, engine.Budget{Time: g.opts.Time})
	if err != nil {
		var le *engine.LimitError
		if errors.As(err, &le) {
			return ungradable(1, 1, fmt.Sprintf("the answer is over the time budget of %s", g.opts.Time))
		}
		var ie *engine.InternalError
		if errors.As(err, &ie) {
			return ungradable(0, 0, "internal error: "+fmt.Sprint(ie.Value))
		}
		one := 1.0
		code := "other"
		if m := message(err); strings.Contains(m, "out of range") || strings.HasPrefix(m, "no value for") || strings.Contains(m, "has no value here") {
			code = "sum" // Σ_{j=1}^{d} over a family of n, or j used outside its sum
		}
		return &outcome{verdict: Incorrect, rel: &one, diagnosis: []Diagnosis{{Code: code, Message: "the answer is undefined where the derivative is defined: " + message(err)}}}
	}
	if ctx.Err() != nil {
		return ungradable(1, 1, fmt.Sprintf("the answer is over the time budget of %s", g.opts.Time))
	}
	pt := pq.parts[min(a.Part, len(pq.parts)-1)]
	rel, same := engine.RelError(pt.want, vals)
	o := &outcome{rel: &rel}
	if same && rel <= pq.tol {
		o.verdict = Correct
		return o
	}
	o.verdict, o.sig = Incorrect, signature(vals)
	o.diagnosis = pq.diagnose(pt, a.Expr, vals)
	return o
}

// shapeConflict grades an answer with a shape conflict inside it:
// incorrect. At a product the operands' shapes say which mistake it
// likely is: a factor that fits once transposed (transposed-factor), or a
// vector multiplied where ⊙ is needed (hadamard).
func shapeConflict(ae *assignment.AnswerError) *outcome {
	one := 1.0
	code := "shape"
	msg := fmt.Sprintf("%d:%d: %s", ae.Line, ae.Col, ae.Msg)
	switch ae.Op {
	case "⊙", "∘", ".*":
		code = "hadamard"
		msg += ": ⊙ where a matrix product is needed?"
	case "·", "*", "":
		l, r, ok := conflictShapes(ae.Msg)
		codes := productConflict(l, r, ok)
		ds := make([]Diagnosis, len(codes))
		for i, c := range codes {
			ds[i] = Diagnosis{Code: c, Message: msg + ": " + conflictHint[c]}
		}
		return &outcome{verdict: Incorrect, rel: &one, diagnosis: ds}
	}
	return &outcome{verdict: Incorrect, rel: &one, diagnosis: []Diagnosis{{Code: code, Message: msg}}}
}

var conflictHint = map[string]string{
	"hadamard":          "a matrix product where ⊙ (elementwise) is needed?",
	"transposed-factor": "a factor should be transposed?",
	"order":             "the factors are in the wrong order?",
}

// productConflict names the likely mistakes behind a product of shapes l
// · r (rows, cols) that do not fit.
func productConflict(l, r [2]string, ok bool) []string {
	if !ok {
		return []string{"hadamard"}
	}
	lr, lc, rr, rc := l[0], l[1], r[0], r[1]
	var out []string
	switch {
	case lc == "1" && rc == "1":
		// u v, two columns: u ⊙ v or u vᵀ was meant.
		if lr == rr {
			out = append(out, "hadamard")
		}
		out = append(out, "transposed-factor")
	case lc == "1" && lr == rr:
		// u M: u ⊙ (M …) was meant (φ'(z) W2ᵀ r), or uᵀ M, or M u.
		out = append(out, "hadamard", "transposed-factor")
		if rc == lr {
			out = append(out, "order")
		}
	default:
		if lr == rr || lc == rc || lc == "1" && lr == rr || lr == "1" && lc == rc {
			out = append(out, "transposed-factor")
		}
		if rc == lr {
			out = append(out, "order")
		}
		if len(out) == 0 {
			out = append(out, "hadamard")
		}
	}
	return out
}

// conflictShapes reads the operand shapes of a product's conflict message
// (`shape conflict at "·": matrix(a×b) · vector(c) (…)`) as rows, cols.
func conflictShapes(msg string) (l, r [2]string, ok bool) {
	i := strings.Index(msg, "\": ")
	if i < 0 {
		return l, r, false
	}
	rest := msg[i+3:]
	if j := strings.Index(rest, " ("); j >= 0 {
		rest = rest[:j]
	}
	a, b, found := strings.Cut(rest, " · ")
	if !found {
		return l, r, false
	}
	l, ok1 := shapeText(a)
	r, ok2 := shapeText(b)
	return l, r, ok1 && ok2
}

// shapeText reads symbolic.Shape.String's forms as rows, cols.
func shapeText(s string) ([2]string, bool) {
	s = strings.TrimSpace(s)
	inner := func(prefix string) (string, bool) {
		if strings.HasPrefix(s, prefix+"(") && strings.HasSuffix(s, ")") {
			return s[len(prefix)+1 : len(s)-1], true
		}
		return "", false
	}
	if s == "scalar" {
		return [2]string{"1", "1"}, true
	}
	if v, ok := inner("vector"); ok {
		return [2]string{v, "1"}, true
	}
	if v, ok := inner("row vector"); ok {
		_, c, _ := strings.Cut(v, "×")
		return [2]string{"1", c}, true
	}
	if v, ok := inner("matrix"); ok {
		a, b, found := strings.Cut(v, "×")
		return [2]string{a, b}, found
	}
	return [2]string{}, false
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

// maxCost bounds the estimated operations of one evaluation of an answer.
const maxCost = 5e6

// evalCost estimates the number of node evaluations of e at one point:
// sums multiply their body's cost by their range (a dimension counts 6,
// the largest size of a point).
func evalCost(p *symbolic.Program, e *symbolic.Expr, defs map[string]float64, depth int) float64 {
	if e == nil || depth > 1000 {
		return 1
	}
	cost := 1.0
	switch e.Op {
	case symbolic.OpSum:
		if len(e.Args) == 3 {
			r := rangeEstimate(e.Args[1]) - rangeEstimate(e.Args[0]) + 1
			if r < 1 {
				r = 1
			}
			return cost + r*evalCost(p, e.Args[2], defs, depth+1)
		}
	case symbolic.OpVar:
		key := e.Key()
		if c, ok := defs[key]; ok {
			return cost + c
		}
		if sym := p.Symbols[key]; sym != nil && sym.Kind == symbolic.SymDef && sym.Def != nil {
			defs[key] = 1 // guards a cycle
			c := evalCost(p, sym.Def.Body, defs, depth+1)
			defs[key] = c
			cost += c
		}
	}
	for _, a := range e.Args {
		cost += evalCost(p, a, defs, depth+1)
		if cost > 1e15 {
			return cost
		}
	}
	return cost
}

func rangeEstimate(e *symbolic.Expr) float64 {
	switch e.Op {
	case symbolic.OpNum:
		return e.Num
	case symbolic.OpVar:
		return 6
	case symbolic.OpAdd:
		return rangeEstimate(e.Args[0]) + rangeEstimate(e.Args[1])
	case symbolic.OpMul:
		return rangeEstimate(e.Args[0]) * rangeEstimate(e.Args[1])
	case symbolic.OpPow:
		b, x := rangeEstimate(e.Args[0]), rangeEstimate(e.Args[1])
		if x > 30 {
			return 1e15
		}
		r := 1.0
		for range int(x) {
			r *= b
		}
		return r
	}
	return 1e6
}

// diagnose names the likely mistakes of a wrong answer with values vals.
func (pq *question) diagnose(pt *part, answer *symbolic.Expr, vals []*mat.Dense) []Diagnosis {
	var out []Diagnosis
	has := map[string]bool{}
	addD := func(code, msg string) {
		if !has[code] {
			has[code] = true
			out = append(out, Diagnosis{Code: code, Message: msg})
		}
	}
	tol := pq.tol
	match := func(want []*mat.Dense) bool {
		rel, same := engine.RelError(want, vals)
		return same && rel <= tol
	}
	for _, w := range pq.wrong {
		if w.vals != nil && match(w.vals) {
			addD("named-wrong", w.msg)
		}
	}
	_, sameShape := engine.RelError(pt.want, vals)
	if match(transposed(pt.want)) {
		addD("transpose", "the answer is the transpose of the derivative")
	}
	if sameShape {
		if k, ok := scalarMultiple(pt.want, vals, tol); ok {
			if k < 0 && approx(k, -1) {
				addD("sign", "the sign is wrong: the answer is −1 times the derivative")
			} else if k != 0 {
				addD("factor", "off by a constant factor: the answer is "+niceNumber(k)+" times the derivative")
				if k < 0 {
					addD("sign", "the sign is wrong")
				}
			}
		}
	}
	for _, m := range pt.mutants {
		if match(m.vals) {
			addD(m.code, m.msg)
		}
	}
	if pt.prev != nil && len(out) == 0 {
		// A step: compare the updates (answer − previous iterate).
		if dS, dR := minus(vals, pt.prev), minus(pt.want, pt.prev); dS != nil && dR != nil {
			if k, ok := scalarMultiple(dR, dS, tol); ok {
				switch {
				case approx(k, -1):
					addD("sign", "the update goes up the gradient: it should subtract η times the gradient")
				case approx(k, 0):
					addD("other", "the answer does not change the variable: the gradient term is missing")
				default:
					addD("factor", "the update is "+niceNumber(k)+" times the right one: check the constant factor of the gradient")
				}
			} else if rel, same := engine.RelError(transposed(dR), dS); same && rel <= tol {
				addD("transpose", "the gradient in the update is transposed")
			} else if rel, same := engine.RelError(minus(pt.want, pt.prev), vals); same && rel <= tol {
				addD("other", "the answer is only the update: the previous iterate is missing")
			} else if rel, same := engine.RelError(minus(pt.prev, pt.want), vals); same && rel <= tol {
				addD("other", "the answer is only the update: the previous iterate is missing")
			}
		}
	}
	if len(out) == 0 {
		// A mistake and a sign or a constant factor on top.
		for _, m := range pt.mutants {
			if k, ok := scalarMultiple(m.vals, vals, tol); ok && !approx(k, 1) && simpleFactor(k) {
				addD(m.code, m.msg)
				if approx(k, -1) {
					addD("sign", "and the sign is wrong")
				} else {
					addD("factor", "and the answer is off by a factor of "+niceNumber(k))
				}
			}
		}
	}
	if !sameShape && !has["transpose"] {
		ans := "a scalar"
		if answer != nil && !answer.Shape.IsScalar() {
			ans = "of shape " + answer.Shape.String()
		}
		want := "a scalar"
		if !pt.shape.IsScalar() {
			want = "of shape " + pt.shape.String()
		}
		if answer == nil || !answer.Shape.Equal(pt.shape) {
			addD("shape", fmt.Sprintf("the answer is %s, but the derivative is %s", ans, want))
		} else {
			addD("shape", fmt.Sprintf("the answer has the wrong shape; the derivative is %s", want))
		}
	}
	if len(out) == 0 {
		rel, _ := engine.RelError(pt.want, vals)
		addD("other", fmt.Sprintf("the answer differs from the derivative (relative error %.3g)", rel))
	}
	return out
}

func approx(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d < 1e-6
}

// niceNumber writes k as an integer, a simple fraction or a decimal.
func niceNumber(k float64) string {
	if r := roundTo(k, 1e4); abs(k-r) < 1e-7*max(1, abs(k)) {
		return fmt.Sprintf("%g", r)
	}
	for den := 2.0; den <= 12; den++ {
		if n := roundTo(k*den, 1); abs(k*den-n) < 1e-6 {
			return fmt.Sprintf("%g/%g", n, den)
		}
	}
	return fmt.Sprintf("%.6g", k)
}

func roundTo(x, scale float64) float64 {
	v := x * scale
	if v < 0 {
		return -float64(int64(-v+0.5)) / scale
	}
	return float64(int64(v+0.5)) / scale
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
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
