package grade

import (
	"fmt"
	"strings"

	"deriv/assignment"
)

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
