package key

import (
	"strings"

	"deriv/symbolic"
)

// maxWidth is the widest line of a display, in characters of the text
// spelling (a proxy for the typeset width: about 50 fit a page's text
// width at 10–11pt, and the exam class's solution boxes).
const maxWidth = 56

// piece is a part of a broken display: LaTeX and its width proxy.
type piece struct {
	latex string
	width int
}

// width estimates the typeset width of text-spelled maths in characters:
// sub- and superscripts (w_j⁽ᵗ⁾ᵀ, Σ_{j=1}^{n}) count half, as they are set
// small (or, for a sum's limits, under and over the Σ).
func width(s string) int {
	w := 0.0
	depth := 0 // inside _{…} or ^{…}
	script := false
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '_' || r == '^':
			script = true
			continue
		case script && r == '{':
			depth++
			continue
		case depth > 0 && r == '}':
			depth--
			if depth == 0 {
				script = false
			}
			continue
		case depth > 0:
			w += 0.5
			continue
		case script:
			w += 0.5
			script = false
			continue
		case strings.ContainsRune("⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾ᵀᵗ⁺⁻ⁱⁿ₀₁₂₃₄₅₆₇₈₉", r):
			w += 0.5
			continue
		}
		w++
	}
	return int(w + 0.5)
}

// equation writes "lhs = rhs" for a display: one line when it fits, else
// an aligned block broken between the terms of a sum and, when a term is
// still too wide, between the factors of a product:
//
//	\begin{aligned}
//	lhs &= t_1 \\
//	&\quad {}+ t_2
//	\end{aligned}
func equation(lhs, lhsText string, rhs *symbolic.Expr) string {
	one := lhs + " = " + symbolic.Print(rhs, symbolic.LaTeX)
	if width(lhsText)+3+width(symbolic.Print(rhs, symbolic.Text)) <= maxWidth {
		return one
	}
	lines := pack(split(rhs), maxWidth-width(lhsText)-3, maxWidth-4)
	if len(lines) < 2 {
		return one
	}
	var b strings.Builder
	b.WriteString("\\begin{aligned}\n")
	for i, l := range lines {
		if i == 0 {
			b.WriteString(lhs + " &= " + l)
		} else {
			b.WriteString(" \\\\\n&\\quad " + l)
		}
	}
	b.WriteString("\n\\end{aligned}")
	return b.String()
}

// split breaks e into pieces: the terms of a sum (with their signs), and
// the factors of a product where a term is too wide.
func split(e *symbolic.Expr) []piece {
	var out []piece
	for i, t := range terms(e) {
		text := symbolic.Print(t.e, symbolic.Text)
		sign := ""
		switch {
		case i > 0 && t.neg:
			sign = "{}- "
		case i > 0:
			sign = "{}+ "
		case t.neg:
			sign = "-"
		}
		if width(text) <= maxWidth-8 {
			out = append(out, piece{sign + termLaTeX(t.e, i > 0 || t.neg), width(text) + 2})
			continue
		}
		fs := factors(t.e)
		for j, f := range fs {
			var l string
			if len(fs) > 1 {
				l = factorLaTeX(f, true)
			} else {
				l = termLaTeX(f, i > 0 || t.neg)
			}
			if j == 0 {
				l = sign + l
			}
			out = append(out, piece{l, width(symbolic.Print(f, symbolic.Text)) + 1})
		}
	}
	return out
}

type term struct {
	e   *symbolic.Expr
	neg bool
}

// terms flattens the left spine of a sum: a − b + c is a, −b, +c.
func terms(e *symbolic.Expr) []term {
	switch e.Op {
	case symbolic.OpAdd:
		return append(terms(e.Args[0]), term{e: e.Args[1]})
	case symbolic.OpSub:
		return append(terms(e.Args[0]), term{e: e.Args[1], neg: true})
	}
	return []term{{e: e}}
}

// factors flattens a product: (a b) c and a (b c) are a, b, c.
func factors(e *symbolic.Expr) []*symbolic.Expr {
	if e.Op == symbolic.OpMul {
		return append(factors(e.Args[0]), factors(e.Args[1])...)
	}
	return []*symbolic.Expr{e}
}

// factorLaTeX prints a term or factor on its own, in parentheses when
// its operator binds less tightly than the product (or than a sum's
// right side, for a signed term).
func factorLaTeX(e *symbolic.Expr, inContext bool) string {
	s := symbolic.Print(e, symbolic.LaTeX)
	if inContext && symbolic.PrecOf(e) < symbolic.PrecProd {
		return `\left(` + s + `\right)`
	}
	return s
}

// termLaTeX prints a term of a sum on its own, in parentheses when it is
// itself a sum or a negation written after a sign.
func termLaTeX(e *symbolic.Expr, signed bool) string {
	s := symbolic.Print(e, symbolic.LaTeX)
	if signed && symbolic.PrecOf(e) <= symbolic.PrecSum {
		return `\left(` + s + `\right)`
	}
	return s
}

// pack fills lines with pieces, first (the line after the left side)
// and rest wide.
func pack(ps []piece, first, rest int) []string {
	var lines []string
	var cur []string
	w, limit := 0, first
	for _, p := range ps {
		if len(cur) > 0 && w+p.width > limit {
			lines = append(lines, strings.Join(cur, " "))
			cur, w, limit = nil, 0, rest
		}
		cur = append(cur, p.latex)
		w += p.width
	}
	if len(cur) > 0 {
		lines = append(lines, strings.Join(cur, " "))
	}
	return lines
}
