package assignment

import (
	"errors"
	"strings"

	"deriv/symbolic"
)

// splitRun reads an "unknown name N" error where N is several known names
// written together (Ax, W1x, BA) and returns src with N spaced out.
func splitRun(scope *symbolic.Program, src string, err error) (string, bool) {
	var se *symbolic.Error
	if !errors.As(err, &se) || !strings.HasPrefix(se.Msg, "unknown name ") || se.Pos < 0 || int(se.Pos) >= len(src) {
		return "", false
	}
	name := strings.Trim(strings.TrimPrefix(se.Msg, "unknown name "), `"`)
	if i := strings.IndexAny(name, " ,;"); i >= 0 {
		name = name[:i]
	}
	if name == "" || !strings.HasPrefix(src[se.Pos:], name) || len(name) > 24 {
		return "", false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "", false
		}
	}
	parts, ok := segment(scope, name)
	if !ok || len(parts) < 2 {
		return "", false
	}
	return src[:se.Pos] + strings.Join(parts, " ") + src[int(se.Pos)+len(name):], true
}

// segment splits s into names known to scope, longest first.
func segment(scope *symbolic.Program, s string) ([]string, bool) {
	if s == "" {
		return nil, true
	}
	for n := len(s); n >= 1; n-- {
		head := s[:n]
		if sym, ok := scope.Symbols[head]; !ok || sym.Kind == symbolic.SymFunc || sym.Kind == symbolic.SymIndex {
			continue
		}
		if rest, ok := segment(scope, s[n:]); ok {
			return append([]string{head}, rest...), true
		}
	}
	return nil, false
}

// dotProduct reads a shape conflict at an explicit dot between two
// vectors of one length (w·x, w \cdot x) as their inner product wᵀx, and
// returns src with the dot made a transpose.
func dotProduct(src string, err error) (string, bool) {
	var se *symbolic.Error
	if !errors.As(err, &se) || se.Pos < 0 || int(se.Pos) >= len(src) {
		return "", false
	}
	const prefix = `shape conflict at "·": vector(`
	if !strings.HasPrefix(se.Msg, prefix) {
		return "", false
	}
	rest := se.Msg[len(prefix):]
	n, after, ok := strings.Cut(rest, ") · vector(")
	if !ok || !strings.HasPrefix(after, n+")") {
		return "", false
	}
	at := int(se.Pos)
	switch {
	case strings.HasPrefix(src[at:], "·"):
		return src[:at] + "^T" + src[at+len("·"):], true
	case strings.HasPrefix(src[at:], `\cdot`):
		return src[:at] + "^T   " + src[at+len(`\cdot`):], true
	}
	return "", false
}

// elementwisePower reads a power of a vector or of a non-square matrix
// (tanh(z)^2, tanh(z)²), which has no matrix meaning, as the elementwise
// power (tanh(z) .^ 2), as students mean it.
func elementwisePower(src string, err error) (string, bool) {
	var se *symbolic.Error
	if !errors.As(err, &se) || se.Pos < 0 || int(se.Pos) >= len(src) {
		return "", false
	}
	if !strings.HasPrefix(se.Msg, `shape conflict at "^"`) || !strings.Contains(se.Msg, "the base must be a scalar or a square matrix") {
		return "", false
	}
	at := int(se.Pos)
	switch {
	case strings.HasPrefix(src[at:], "^"):
		return src[:at] + ".^" + src[at+1:], true
	case strings.HasPrefix(src[at:], "²"):
		return src[:at] + ".^2" + src[at+len("²"):], true
	case strings.HasPrefix(src[at:], "³"):
		return src[:at] + ".^3" + src[at+len("³"):], true
	case strings.HasPrefix(src[at:], "**"):
		return src[:at] + ".^" + src[at+2:], true
	}
	return "", false
}
