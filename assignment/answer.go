package assignment

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"deriv/engine"
	"deriv/parser"
	"deriv/symbolic"
)

// Answer is an answer text parsed in a question's scope (SPEC §7.2).
type Answer struct {
	// Expr is the answer's value: the last line's right side.
	Expr *symbolic.Expr
	// Scope is the question's scope plus the answer's own definitions
	// (δ = …); Expr is evaluated in it.
	Scope *symbolic.Program
	// Part is the index of the --wrt variable the answer is about (its
	// left side names it; 0 by default).
	Part int
	// Parts holds the answer to each part of a question with several
	// --wrt variables (∂ℓ/∂x = …, then ∂ℓ/∂W = …; or one update per line),
	// by part index; Parts[Part] is Expr.
	Parts map[int]*symbolic.Expr
}

// AnswerError is an answer that cannot be graded: Line and Col (1-based,
// characters) point into the answer text.
type AnswerError struct {
	Line, Col int
	Msg       string
	// Shape is set when the answer parses but has a shape conflict inside
	// it (a matrix product where ⊙ is needed): a mathematical mistake,
	// not a typo. Op is the operator at the conflict ("·", "+", "⊙").
	Shape bool
	Op    string
}

func (e *AnswerError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return itoa(e.Line) + ":" + itoa(e.Col) + ": " + e.Msg
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// Limits bound one answer: its size in bytes and the nesting depth of
// brackets and of the parsed expression.
type Limits struct {
	Bytes, Depth int
}

// DefaultLimits are SPEC §7.3's answer budgets: 4 KiB, 200 levels.
var DefaultLimits = Limits{Bytes: 4 << 10, Depth: 200}

// ErrLimit marks an AnswerError caused by a budget (size or depth).
var ErrLimit = errors.New("over budget")

// ParseAnswer reads an answer in the question's scope: an expression, an
// equation whose left side names the derivative (∂ℓ/∂W1 = …), or lines
// of definitions ending in the answer (δ = …; ∂ℓ/∂W1 = δ xᵀ). For step the
// iterate markers (_t, ^{(t)}, _{t+1}) are read as the plain names. Errors
// are *AnswerError.
func (r *Reference) ParseAnswer(text string, lim Limits) (*Answer, error) {
	if lim.Bytes <= 0 {
		lim.Bytes = DefaultLimits.Bytes
	}
	if lim.Depth <= 0 {
		lim.Depth = DefaultLimits.Depth
	}
	if len(text) > lim.Bytes {
		return nil, &AnswerError{Msg: "the answer is longer than the size budget of " + itoa(lim.Bytes) + " bytes", Shape: false, Op: "size"}
	}
	if !utf8.ValidString(text) {
		return nil, &AnswerError{Msg: "the answer is not valid UTF-8"}
	}
	if d, off := bracketDepth(text); d > lim.Depth {
		l, c := lineCol(text, off)
		return nil, &AnswerError{Line: l, Col: c, Msg: "the answer nests deeper than the depth budget of " + itoa(lim.Depth) + " levels", Op: "depth"}
	}
	text = normalizeAnswer(text, r.stepMarkers())
	text = whereFirst(text)
	lines := splitLines(text)
	if len(lines) == 0 {
		return nil, &AnswerError{Msg: "the answer is empty"}
	}
	scope := r.Scope
	cloned := false
	ans := &Answer{Parts: map[int]*symbolic.Expr{}}
	nextPart := func() int {
		for i := range len(r.Values) {
			if _, ok := ans.Parts[i]; !ok {
				return i
			}
		}
		return 0
	}
	multi := len(r.Values) > 1
	for n, ln := range lines {
		last := n == len(lines)-1
		lhs, rhs, rhsOff := splitEquation(text, ln)
		if strings.TrimSpace(text[rhsOff:rhsOff+len(rhs)]) == "" {
			return nil, errAtOffset(text, rhsOff, "nothing after =")
		}
		e, err := parseSpan(scope, text, rhsOff, rhs)
		if err != nil {
			return nil, err
		}
		if depth(e, 0) > lim.Depth {
			return nil, &AnswerError{Msg: "the answer nests deeper than the depth budget of " + itoa(lim.Depth) + " levels", Op: "depth"}
		}
		if lhs == "" {
			if !last && !multi {
				return nil, errAtOffset(text, ln.start, "each line but the last should define a name, as in δ = …")
			}
			ans.Part = nextPart()
			ans.Expr, ans.Parts[ans.Part] = e, e
			continue
		}
		part, isDeriv, err := r.lhsPart(scope, lhs)
		if err != nil {
			return nil, errAtOffset(text, ln.start, err.Error())
		}
		if isDeriv || last {
			// The answer (or, before the last line, one part of it).
			if !isDeriv && multi {
				part = nextPart()
			}
			ans.Expr, ans.Part, ans.Parts[part] = e, part, e
			continue
		}
		// A definition: δ = …, later lines may use δ.
		key, kerr := NameKey(strings.TrimSpace(lhs))
		if kerr != nil {
			if isDeriv {
				continue
			}
			return nil, errAtOffset(text, ln.start, "the left side of = should be a name (δ = …) or the derivative (∂ℓ/∂W = …)")
		}
		if !cloned {
			s := *scope
			s.Symbols = maps.Clone(scope.Symbols)
			s.Order = slices.Clone(scope.Order)
			s.Defs = slices.Clone(scope.Defs)
			scope, cloned = &s, true
		}
		if old := scope.Symbols[key]; old != nil && old.Kind != symbolic.SymDef {
			return nil, errAtOffset(text, ln.start, key+" is a name of the program; define a new name")
		}
		def := &symbolic.Def{Name: key, Body: e, Pos: symbolic.NoPos}
		scope.Symbols[key] = &symbolic.Symbol{Name: key, Kind: symbolic.SymDef, Shape: e.Shape, Declared: true, Def: def, Pos: symbolic.NoPos}
		scope.Order = append(scope.Order, key)
		scope.Defs = append(scope.Defs, def)
	}
	ans.Scope = scope
	return ans, nil
}

// lhsPart reads an equation's left side: a derivative with respect to one
// of the question's variables (its part), the variable itself (a step's
// update line), or anything else (a definition; part 0). A derivative with
// respect to something else is an error.
func (r *Reference) lhsPart(scope *symbolic.Program, lhs string) (part int, isDeriv bool, err error) {
	looksDeriv := strings.ContainsAny(lhs, "∂∇") || strings.Contains(lhs, `\partial`) || strings.Contains(lhs, `\nabla`) ||
		strings.Contains(lhs, "/d") || strings.Contains(lhs, `{d`) || strings.Contains(lhs, "grad")
	e, perr := parser.ParseExpr(scope, lhs)
	if perr != nil && looksDeriv && strings.Contains(perr.Error(), "not bound") {
		// ∂f/∂w_k for ∂f/∂w_i: a derivative with respect to nothing the
		// question has.
		return 0, true, perr
	}
	if perr != nil {
		return 0, looksDeriv, nil
	}
	var w *symbolic.Expr
	switch {
	case e.Op == symbolic.OpDeriv && len(e.Args) == 2:
		w = e.Args[1]
	case e.Op == symbolic.OpVar:
		w = e
	default:
		return 0, looksDeriv, nil
	}
	if a, ok := r.Aliases[w.Key()]; ok && len(w.Sub) == 0 {
		w = a
	}
	for i, t := range r.Wrt {
		if symbolic.Equal(w, t) {
			return i, true, nil
		}
	}
	if e.Op == symbolic.OpDeriv && len(r.Wrt) > 0 {
		name := symbolic.Print(r.Wrt[0], symbolic.Text)
		return 0, true, errors.New("the left side should be the derivative with respect to " + name + ", as in ∂f/∂" + name + " = …")
	}
	return 0, false, nil
}

// parseSpan parses text[off:off+len(s)] as one expression in scope; an
// error is positioned in text.
func parseSpan(scope *symbolic.Program, text string, off int, s string) (*symbolic.Expr, error) {
	lineStart := strings.LastIndexByte(text[:off], '\n') + 1
	pad := strings.Repeat(" ", off-lineStart)
	src := pad + s
	e, err := parser.ParseExpr(scope, src)
	// Ax for A x, W1x for W1 x: a run of known names written together;
	// w·x for wᵀx: a dot between two vectors is their inner product.
	for try := 0; err != nil && try < 8; try++ {
		fixed, ok := splitRun(scope, src, err)
		if !ok {
			fixed, ok = dotProduct(src, err)
		}
		if !ok {
			fixed, ok = elementwisePower(src, err)
		}
		if !ok {
			break
		}
		e2, err2 := parser.ParseExpr(scope, fixed)
		if err2 == nil {
			return e2, nil
		}
		src, err = fixed, err2
	}
	if err == nil {
		return e, nil
	}
	var se *symbolic.Error
	if errors.As(err, &se) {
		pos := int(se.Pos)
		if pos < 0 {
			pos = off
		} else {
			pos = lineStart + pos
		}
		if pos > len(text) {
			pos = len(text)
		}
		ae := errAtOffset(text, pos, se.Msg)
		if strings.HasPrefix(se.Msg, "shape conflict") {
			ae.Shape = true
			if i := strings.Index(se.Msg, "at \""); i >= 0 {
				rest := se.Msg[i+4:]
				if j := strings.IndexByte(rest, '"'); j >= 0 {
					ae.Op = rest[:j]
				}
			}
		}
		return nil, ae
	}
	return nil, &AnswerError{Msg: err.Error()}
}

func errAtOffset(text string, off int, msg string) *AnswerError {
	l, c := lineCol(text, off)
	return &AnswerError{Line: l, Col: c, Msg: msg}
}

// lineCol is the 1-based line and character column of byte offset off.
func lineCol(text string, off int) (int, int) {
	if off > len(text) {
		off = len(text)
	}
	if off < 0 {
		off = 0
	}
	before := text[:off]
	line := strings.Count(before, "\n") + 1
	start := strings.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCountInString(before[start:]) + 1
}

// span is one line of an answer: text[start:end].
type span struct{ start, end int }

// splitLines splits at newlines and top-level semicolons, dropping blank
// lines.
func splitLines(text string) []span {
	var out []span
	depth, start := 0, 0
	add := func(end int) {
		if strings.TrimSpace(text[start:end]) != "" {
			out = append(out, span{start, end})
		}
	}
	for i, r := range text {
		switch r {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '\n':
			add(i)
			start, depth = i+1, 0
		case ';':
			if depth <= 0 {
				add(i)
				start = i + 1
			}
		}
	}
	add(len(text))
	return out
}

// splitEquation splits a line at its top-level "=": the left side of the
// first, and the right side after the last (∂ℓ/∂b = δ = … reads δ's value).
func splitEquation(text string, ln span) (lhs, rhs string, rhsOff int) {
	s := text[ln.start:ln.end]
	at := engine.EqualsAt(s)
	if len(at) == 0 {
		return "", s, ln.start
	}
	first, last := at[0], at[len(at)-1]
	return s[:first], s[last+1:], ln.start + last + 1
}

// bracketDepth is the deepest nesting of brackets in text and where it is
// first reached.
func bracketDepth(text string) (int, int) {
	d, best, at := 0, 0, 0
	for i, r := range text {
		switch r {
		case '(', '[', '{', '‖':
			if r == '‖' {
				continue
			}
			d++
			if d > best {
				best, at = d, i
			}
		case ')', ']', '}':
			d--
		}
	}
	return best, at
}

// depth is the nesting depth of e (capped early).
func depth(e *symbolic.Expr, d int) int {
	if e == nil || d > 10000 {
		return d
	}
	best := d + 1
	for _, a := range e.Args {
		if x := depth(a, d+1); x > best {
			best = x
		}
	}
	return best
}
