package numeric

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"deriv/symbolic"
)

// DefaultMaxEntries is the default of CheckOptions.MaxEntries: 5×10⁷
// float64 entries (400 MB).
const DefaultMaxEntries = 50_000_000

// maxSumTerms bounds the terms the sums of one evaluation may run through
// together (nested sums multiply): 10⁷, about a second of evaluation.
const maxSumTerms = 10_000_000

// LimitError reports that an operation stopped at a limit of its budget.
type LimitError struct {
	// Limit is "time" (the context's deadline passed or it was
	// cancelled), "memory" (an array would exceed MaxEntries) or "work"
	// (the sums would run through too many terms).
	Limit string
	// Msg says what exceeded the limit, and the limit.
	Msg string
}

func (e *LimitError) Error() string { return e.Msg }

// IsLimit reports whether err is (or wraps) a *LimitError.
func IsLimit(err error) bool {
	if err == nil {
		return false
	}
	var le *LimitError
	return errors.As(err, &le)
}

// budget is what one operation (a Check, a Sample, an Eval) may spend.
type budget struct {
	ctx        context.Context
	maxEntries int64
	// spent counts the node evaluations, for the benchmarks' curiosity.
	spent atomic.Int64
}

// defaultBudget has no deadline and the default limits.
var defaultBudget = &budget{maxEntries: DefaultMaxEntries}

func newBudget(ctx context.Context, o CheckOptions) *budget {
	b := &budget{ctx: ctx, maxEntries: DefaultMaxEntries}
	if o.MaxEntries > 0 {
		b.maxEntries = int64(o.MaxEntries)
	}
	return b
}

// alive returns a time *LimitError once the context is done.
func (b *budget) alive() error {
	if b == nil || b.ctx == nil {
		return nil
	}
	if err := b.ctx.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return &LimitError{Limit: "time", Msg: "the time limit was reached before the check finished"}
		}
		return &LimitError{Limit: "time", Msg: "the check was cancelled"}
	}
	return nil
}

// iterate accounts for a sum about to run through n terms and returns the
// number of terms the sums inside it will run through for each of theirs
// (nested sums multiply): s.nest·n when the sum depends on the indices of
// the sums around it (it runs again for each of their terms), else n (it
// is cached, and runs once). The projection, and the terms run so far,
// must stay within maxSumTerms: ten nested sums over n = 6 are refused
// when the innermost starts, before its 6¹⁰ terms run.
func (s *state) iterate(n int, dependent bool) (int64, error) {
	if n <= 0 {
		return s.nest, nil
	}
	s.iters += int64(n)
	proj := float64(n)
	if dependent {
		proj *= float64(max(s.nest, 1))
	}
	if s.iters > maxSumTerms || proj > maxSumTerms {
		return 0, &LimitError{Limit: "work", Msg: fmt.Sprintf("the sums would run through more than %s terms in one evaluation (the limit)", sci(maxSumTerms))}
	}
	return int64(proj), s.b.alive()
}

// memoryError is the *LimitError for an array of entries entries named
// what.
func (b *budget) memoryError(what string, entries float64) error {
	return &LimitError{Limit: "memory", Msg: fmt.Sprintf("%s would have %s entries (%s); the limit is %s entries (%s)",
		what, sci(entries), bytesString(8*entries), sci(float64(b.maxEntries)), bytesString(8*float64(b.maxEntries)))}
}

// checkEntries fails with a memory *LimitError when n entries exceed the
// budget.
func (b *budget) checkEntries(what string, n float64) error {
	if n > float64(b.maxEntries) {
		return b.memoryError(what, n)
	}
	return nil
}

// sizedValue is a shape some value of the expressions takes, with what
// to call the value in an error: the first node of that shape met.
type sizedValue struct {
	shape symbolic.Shape
	what  string
}

// sizedValues lists the distinct shapes of the nodes of exprs and of p's
// definitions, in the order of a walk visiting each node once (Sub, then
// Args), so that a sampler walks them once, not at every point it draws:
// the first value over the budget is the first node of the first shape
// over it.
func sizedValues(p *symbolic.Program, exprs []*symbolic.Expr) []sizedValue {
	seen := map[*symbolic.Expr]bool{}
	shapes := map[shapeKey]bool{}
	var out []sizedValue
	var walk func(e *symbolic.Expr)
	walk = func(e *symbolic.Expr) {
		if e == nil || seen[e] {
			return
		}
		seen[e] = true
		if key := shapeKeyOf(e.Shape); !shapes[key] {
			shapes[key] = true
			what := "an intermediate value"
			if e.Op == symbolic.OpVar {
				what = e.Key()
			}
			out = append(out, sizedValue{e.Shape, what})
		}
		for _, a := range e.Sub {
			walk(a)
		}
		for _, a := range e.Args {
			walk(a)
		}
	}
	for _, e := range exprs {
		walk(e)
	}
	for _, d := range p.Defs {
		walk(d.Body)
	}
	return out
}

// shapeKey is a map key for a shape: its first two dimensions (every
// shape deriv makes has at most two) and, beyond, the others joined.
type shapeKey struct {
	n      int
	d0, d1 symbolic.Dim
	more   string
}

func shapeKeyOf(s symbolic.Shape) shapeKey {
	k := shapeKey{n: len(s)}
	if len(s) > 0 {
		k.d0 = s[0]
	}
	if len(s) > 1 {
		k.d1 = s[1]
	}
	if len(s) > 2 {
		var sb strings.Builder
		for _, d := range s[2:] {
			sb.WriteString(string(d))
			sb.WriteByte(0)
		}
		k.more = sb.String()
	}
	return k
}

// estimateSizes checks, before anything is allocated, that the variables
// of env's sizes (together) and every intermediate value (the shapes of
// sizedValues: of the expressions drawn for and of the definitions they
// use) fit the budget's MaxEntries; order is symbolOrder(p).
func (b *budget) estimateSizes(p *symbolic.Program, order []string, env *Env, values []sizedValue) error {
	total := 0.0
	for _, key := range order {
		sym := p.Symbols[key]
		var n float64
		switch sym.Kind {
		case symbolic.SymVar:
			n = shapeEntries(env, sym.Shape)
		case symbolic.SymFamily:
			c, _ := env.DimSize(sym.Count)
			n = float64(c) * shapeEntries(env, sym.Shape)
		default:
			continue
		}
		if err := b.checkEntries(key, n); err != nil {
			return err
		}
		total += n
	}
	if err := b.checkEntries("the variables together", total); err != nil {
		return err
	}
	for _, v := range values {
		if n := shapeEntries(env, v.shape); n > float64(b.maxEntries) {
			return b.memoryError(v.what+" ("+shapeText(env, v.shape)+")", n)
		}
	}
	return nil
}

// shapeEntries is the number of entries of a value of shape s in env
// (as a float64, so that 10⁵ × 10⁵ does not overflow); 0 when unknown.
func shapeEntries(env *Env, s symbolic.Shape) float64 {
	n := 1.0
	for _, d := range s {
		k, ok := env.DimSize(d)
		if !ok {
			return 0
		}
		n *= float64(k)
	}
	return n
}

func shapeText(env *Env, s symbolic.Shape) string {
	parts := make([]string, 0, len(s))
	for _, d := range s {
		k, _ := env.DimSize(d)
		parts = append(parts, strconv.Itoa(k))
	}
	if len(parts) == 0 {
		return "1×1"
	}
	return strings.Join(parts, "×")
}

// sci writes n as 10⁷, 5×10⁷ or 1.2×10⁸ (plain below 10⁴).
func sci(n float64) string {
	if n < 1e4 {
		return strconv.FormatFloat(n, 'f', -1, 64)
	}
	e := int(math.Floor(math.Log10(n)))
	m := n / math.Pow(10, float64(e))
	if m >= 9.95 {
		m, e = 1, e+1
	}
	exp := superscript(e)
	ms := strconv.FormatFloat(math.Round(m*10)/10, 'f', -1, 64)
	if ms == "1" {
		return "10" + exp
	}
	return ms + "×10" + exp
}

func superscript(n int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		if c == '-' {
			b.WriteString("⁻")
			continue
		}
		b.WriteString(string([]rune(digits)[c-'0']))
	}
	return b.String()
}

// bytesString writes a number of bytes in decimal units (400 MB, 80 GB).
func bytesString(n float64) string {
	units := []string{"B", "kB", "MB", "GB", "TB", "PB", "EB"}
	i := 0
	for n >= 1000 && i < len(units)-1 {
		n /= 1000
		i++
	}
	return strconv.FormatFloat(math.Round(n*10)/10, 'f', -1, 64) + " " + units[i]
}

// maxPoints bounds CheckOptions.Points.
const maxPoints = 10000

// Validate checks the options as a user gave them (call it on the flags'
// values; the zero CheckOptions is not valid, but Check and Equivalent
// still read a zero Points or Tol as the default 8 or 1e-6): Points in
// 1..10000, Tol a number with 0 < Tol < 1 (a tolerance of 1 would accept
// the claim 0 for any derivative), every Dims size at least 1 and its
// name not empty, MaxEntries not negative. The error says which option is
// wrong and what it accepts.
func (o CheckOptions) Validate() error {
	switch {
	case o.Points < 1 || o.Points > maxPoints:
		return fmt.Errorf("the number of points must be between 1 and %d, not %d", maxPoints, o.Points)
	case math.IsNaN(o.Tol) || math.IsInf(o.Tol, 0):
		return fmt.Errorf("the tolerance must be a number, not %g", o.Tol)
	case o.Tol <= 0 || o.Tol >= 1:
		return fmt.Errorf("the tolerance must lie between 0 and 1 (exclusive), not %g", o.Tol)
	case o.MaxEntries < 0:
		return fmt.Errorf("the entry limit must not be negative (%d)", o.MaxEntries)
	}
	for d, n := range o.Dims {
		if strings.TrimSpace(string(d)) == "" {
			return fmt.Errorf("a dimension size needs a name (NAME=SIZE)")
		}
		if n < 1 {
			return fmt.Errorf("the size of %s must be at least 1, not %d", d, n)
		}
	}
	return nil
}

// ValidateFor is Validate, and also checks that every name in Dims is a
// dimension of p (a size in a declaration, a family's count, or a sum's
// bound), so that a misspelt --dims name is an error, not ignored. The
// error lists the dimensions p has.
func (o CheckOptions) ValidateFor(p *symbolic.Program, exprs ...*symbolic.Expr) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if p == nil {
		p = &symbolic.Program{}
	}
	known := collectDims(p, exprs)
	names := make([]string, len(known))
	for i, d := range known {
		names[i] = string(d)
	}
	for _, d := range slices.Sorted(maps.Keys(o.Dims)) {
		if !slices.Contains(known, d) {
			if len(names) == 0 {
				return fmt.Errorf("unknown dimension %s: the program has no dimension symbols", d)
			}
			return fmt.Errorf("unknown dimension %s: the program's dimensions are %s", d, strings.Join(names, ", "))
		}
	}
	return nil
}
