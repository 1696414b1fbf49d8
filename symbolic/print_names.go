package symbolic

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// num prints a number: the shortest decimal that reads back as the same
// float64 (1e-06, 2.5, 1e21), ½ for 0.5 in Text and \frac{1}{2} in LaTeX
// (1/2 inside another \frac), π/pi/\pi for a number
// written as π. A negative number prints as a negation.
func (p *printer) num(e *Expr) {
	if e.Name == "π" {
		p.str(p.pick("π", "pi", `\pi`))
		return
	}
	v := e.Num
	if v < 0 {
		p.str(opInfo(OpNeg).pick(p.st))
		v = -v
	}
	switch {
	case math.IsNaN(v):
		p.str("NaN")
	case math.IsInf(v, 0):
		p.str(p.pick("∞", "inf", `\infty`))
	case v == 0.5 && p.st == Text:
		p.str("½")
	case v == 0.5 && p.st == LaTeX && p.inFrac:
		p.str("1/2")
	case v == 0.5 && p.st == LaTeX:
		p.str(`\frac{1}{2}`)
	default:
		p.str(numText(v))
	}
}

// numText writes a finite number: whole numbers below 10¹⁵ in full
// (2000000, not 2e06, as a TA writes them), others as the shortest
// decimal that reads back as v (2e-07, 1.5e20).
func numText(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strings.Replace(shortestNum(v), "e+", "e", 1)
}

// variable prints a name with its subscripts and layer label: w_i, W_{ij},
// W⁽¹⁾, x_{j}^(l-1) (Text); w_i, W^(1), w_{i}^(2) (ASCII); w_{i},
// W^{(1)}, w_{ij}^{(2)} (LaTeX).
func (p *printer) variable(e *Expr) {
	p.str(p.name(e.Name))
	p.subs(e.Sub, e.Label != "")
	p.label(e.Label)
}

// name spells a base name: Greek letters as letters (Text), by their
// names (ASCII) or as commands (LaTeX, where ℓ is \ell).
func (p *printer) name(n string) string {
	if p.st == Text {
		return n
	}
	if g, ok := GreekName[n]; ok {
		if p.st == LaTeX {
			return `\` + g
		}
		return g
	}
	if p.st == LaTeX && n == "ℓ" {
		return `\ell`
	}
	if base, digits := splitTrailingDigits(n); base != n {
		if g, ok := GreekName[base]; ok {
			// δ2 is delta2 and \delta2, which the parser reads as one name.
			if p.st == LaTeX {
				g = `\` + g
			}
			return g + digits
		}
	}
	// Other names with Greek letters (Aσ, αβ) have no ASCII or LaTeX
	// spelling that reads back as one name: they print as written.
	return n
}

// splitTrailingDigits splits n into a leading part and its trailing ASCII
// digits.
func splitTrailingDigits(n string) (string, string) {
	i := len(n)
	for i > 0 && n[i-1] >= '0' && n[i-1] <= '9' {
		i--
	}
	return n[:i], n[i:]
}

// subs prints subscripts: _i for one single-character subscript, _{ij}
// for several single ASCII letters, _{i,j} otherwise (the parser reads
// _{0i} as one subscript 0·i). LaTeX, and Text or ASCII followed by a
// label, always use braces.
func (p *printer) subs(sub []*Expr, labelled bool) {
	if len(sub) == 0 {
		return
	}
	parts := make([]string, len(sub))
	single, letters := true, true
	for i, s := range sub {
		q := printer{st: p.st}
		q.expr(s, PrecAtom)
		parts[i] = string(q.buf)
		single = single && utf8.RuneCountInString(parts[i]) == 1
		letters = letters && len(parts[i]) == 1 && (parts[i][0] >= 'a' && parts[i][0] <= 'z' || parts[i][0] >= 'A' && parts[i][0] <= 'Z')
	}
	sep := ","
	if letters && !wordName(strings.Join(parts, "")) {
		sep = ""
	}
	if len(sub) == 1 && !labelled && p.st == Text {
		if low, ok := subscriptDigits(sub[0]); ok {
			p.str(low) // t₁, w₂
			return
		}
	}
	if len(sub) == 1 && single && (!labelled || p.st == Text) && p.st != LaTeX {
		p.str("_" + parts[0])
		return
	}
	p.str("_{" + strings.Join(parts, sep) + "}")
}

// wordName reports whether letters written together would read as one
// word with a meaning of its own (a Greek letter's name, a function's):
// the subscripts X, i joined are Xi, which reads back as Ξ.
func wordName(w string) bool {
	if _, ok := Greek[w]; ok {
		return true
	}
	_, ok := FuncByName[w]
	return ok
}

// label prints a layer label: ⁽¹⁾ (or ^(l+k) when some character has no
// superscript form) in Text, ^(1) in ASCII, ^{(1)} in LaTeX.
func (p *printer) label(l string) {
	if l == "" {
		return
	}
	switch p.st {
	case LaTeX:
		p.str("^{(" + l + ")}")
	case ASCII:
		p.str("^(" + l + ")")
	default:
		if sup, ok := Superscript("(" + l + ")"); ok {
			p.str(sup)
			return
		}
		p.str("^(" + l + ")")
	}
}

// subscriptDigits writes a small non-negative integer subscript in Unicode
// subscript digits (1 → ₁), which the lexer reads back as _1.
func subscriptDigits(e *Expr) (string, bool) {
	if e == nil || e.Op != OpNum || e.Name != "" || e.Num < 0 || e.Num > 999 || e.Num != float64(int(e.Num)) {
		return "", false
	}
	var b strings.Builder
	for _, r := range strconv.Itoa(int(e.Num)) {
		b.WriteRune('₀' + (r - '0'))
	}
	return b.String(), true
}
