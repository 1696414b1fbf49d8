package symbolic

import (
	"strings"
	"unicode/utf8"
)

// PrintShape writes a shape as the space of a declaration: ℝ, ℝ^d,
// ℝ^{d⁽¹⁾}, ℝ^{m×n} (Text); R, R^d, R^{d0}, R^(m x n) (ASCII);
// \mathbb{R}, \mathbb{R}^{d}, \mathbb{R}^{m \times n} (LaTeX). Dimension
// symbols are keys in the text spelling (see Dim); labelled ones are
// respelled for the style (d⁽¹⁾ is d^(1) in ASCII, d^{(1)} in LaTeX).
func PrintShape(s Shape, st Style) string {
	p := printer{st: st}
	reals := p.pick("ℝ", "R", `\mathbb{R}`)
	s = s.Norm()
	switch len(s) {
	case 0:
		return reals
	case 1:
		d := p.dim(s[0])
		if st != LaTeX && utf8.RuneCountInString(d) == 1 {
			return reals + "^" + d
		}
		return reals + "^{" + d + "}"
	}
	m, n := p.dim(s[0]), p.dim(s[1])
	switch st {
	case ASCII:
		return reals + "^(" + m + " x " + n + ")"
	case LaTeX:
		return reals + "^{" + m + ` \times ` + n + "}"
	}
	return reals + "^{" + m + "×" + n + "}"
}

// dim spells a dimension (or any symbol key) in the printer's style.
func (p *printer) dim(d Dim) string {
	if p.st == Text {
		return string(d)
	}
	base, label := SplitKey(string(d))
	q := printer{st: p.st}
	q.str(q.name(base))
	q.label(label)
	return string(q.buf)
}

// SplitKey splits a symbol key in the text spelling (see VarKey) into its
// base name and layer label: "W⁽¹⁾" → "W", "1"; "x^(l-1)" → "x", "l-1";
// "x" → "x", "". It is the inverse of VarKey.
func SplitKey(key string) (base, label string) {
	if i := strings.Index(key, "^("); i > 0 && strings.HasSuffix(key, ")") {
		return key[:i], key[i+2 : len(key)-1]
	}
	i := strings.Index(key, "⁽")
	if i <= 0 || !strings.HasSuffix(key, "⁾") {
		return key, ""
	}
	var b strings.Builder
	for _, r := range key[i+len("⁽") : len(key)-len("⁾")] {
		plain, ok := unsuper[r]
		if !ok {
			return key, ""
		}
		b.WriteRune(plain)
	}
	return key[:i], b.String()
}

// unsuper maps superscript characters back to plain ones.
var unsuper = func() map[rune]rune {
	m := make(map[rune]rune, len(superDigits))
	for plain, sup := range superDigits {
		m[sup] = plain
	}
	return m
}()
