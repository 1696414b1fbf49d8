package assignment

import (
	"strings"
)

// stepMarkers reports whether answers may write the iterates' names.
func (r *Reference) stepMarkers() bool { return r.Rate != nil }

// normalizeAnswer drops maths delimiters ($, \[ \], \( \), &) and, for
// step questions, the iterate markers, keeping byte offsets where it can
// (replacements are padded with spaces).
func normalizeAnswer(text string, step bool) string {
	r := strings.NewReplacer("$", " ", `\[`, "  ", `\]`, "  ", "&", " ", `\,`, "  ", `\;`, "  ", `\:`, "  ", `\!`, "  ",
		`\qquad`, "      ", `\quad`, "     ", `\displaystyle`, "             ", `\textstyle`, "          ")
	text = r.Replace(text)
	text = strings.ReplaceAll(text, "\r\n", " \n")
	text = strings.ReplaceAll(text, `\\`, "\n ")
	// W^{(2)ᵀ}: the parser reads the label-and-transpose superscript only
	// with T or \top; ᵀ is one byte longer than T, so pad with a space.
	text = strings.ReplaceAll(text, ")ᵀ}", ")T} ")
	// φ^\prime(z) is φ'(z).
	text = strings.NewReplacer(`^{\prime}`, "'", `^\prime`, "'", `^{'}`, "'").Replace(text)
	// An update or definition arrow reads as "=".
	text = strings.NewReplacer("←", "=", `\leftarrow`, "=", `\gets`, "=", ":=", "=", `\coloneqq`, "=").Replace(text)
	if step {
		text = stripIterates(text)
	}
	// A full stop or comma after the answer is punctuation.
	trimmed := strings.TrimRight(text, " \t\n")
	for len(trimmed) > 0 && strings.ContainsRune(".,", rune(trimmed[len(trimmed)-1])) {
		trimmed = strings.TrimRight(trimmed[:len(trimmed)-1], " \t\n")
	}
	return trimmed
}

// whereFirst rewrites deriv's own layout, "EXPR where z = …, r = …" (or
// \text{where}), as definitions followed by the expression.
func whereFirst(text string) string {
	for _, kw := range []string{`\text{ where }`, `\text{where}`, `\mathrm{where}`, " where "} {
		i := strings.Index(text, kw)
		if i < 0 {
			continue
		}
		main, defs := text[:i], text[i+len(kw):]
		var lines []string
		depth, start := 0, 0
		for j, r := range defs {
			switch r {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				depth--
			case ',', ';', '\n':
				if depth == 0 {
					lines = append(lines, defs[start:j])
					start = j + 1
				}
			}
		}
		lines = append(lines, defs[start:])
		var kept []string
		for _, l := range lines {
			if l = strings.TrimSpace(l); l != "" {
				kept = append(kept, l)
			}
		}
		return strings.Join(append(kept, strings.TrimSpace(main)), "\n")
	}
	return text
}

// iterateMarkers are the spellings of the iterate index t (and t+1), as
// superscripts or subscripts, longest first; a marker ending in "{" opens
// a superscript that goes on (w_j^{(t)T}).
var iterateMarkers = []struct{ from, to string }{
	{"^{(t+1)}", ""}, {"^{(t)}", ""}, {"^(t+1)", ""}, {"^(t)", ""}, {"⁽ᵗ⁺¹⁾", ""}, {"⁽ᵗ⁾", ""},
	{"^{(t+1)", "^{"}, {"^{(t)", "^{"},
	{"_{t+1}", ""}, {"_{(t+1)}", ""}, {"_{(t)}", ""}, {"_{t}", ""}, {"_t", ""}, {"^{t+1}", ""}, {"^{t}", ""},
	{"ₜ₊₁", ""}, {"ₜ", ""},
}

// stripIterates removes the iterate markers of names (w_i^{(t)},
// W_t^{(1)}, W^{(1)}_{t+1}, w_j^{(t)T}) so that they read as the program's
// names. Offsets after a marker move left.
func stripIterates(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); {
		matched := false
		for _, m := range iterateMarkers {
			if !strings.HasPrefix(text[i:], m.from) {
				continue
			}
			end := i + len(m.from)
			if (m.from == "_t" || m.from == "^{t}") && end < len(text) && isWordByte(text[end]) {
				continue
			}
			b.WriteString(m.to)
			i, matched = end, true
			break
		}
		if !matched {
			b.WriteByte(text[i])
			i++
		}
	}
	return b.String()
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
