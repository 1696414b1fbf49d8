package symbolic

import (
	"strconv"
	"unsafe"
)

// Style selects one of the three spellings of the language (SPEC §2): the
// printers write each of them, and the parser reads each of them back.
type Style uint8

const (
	// Text is the Unicode spelling: xᵀ, W⁽¹⁾, σ(z), ‖v‖², Σ_{i=1}^{n}.
	Text Style = iota
	// ASCII is the spelling matrixcalculus.org reads: x', W^(1), sigma(z),
	// norm2(v)^2, sum_{i=1}^{n}.
	ASCII
	// LaTeX is maths-mode LaTeX for pdflatex (amsmath, amssymb) and KaTeX:
	// x^\top, W^{(1)}, \sigma(z), \frac{1}{2}, \sum_{i=1}^{n}.
	LaTeX
)

// String names the style ("text", "ascii", "latex").
func (s Style) String() string {
	switch s {
	case Text:
		return "text"
	case ASCII:
		return "ascii"
	case LaTeX:
		return "latex"
	}
	return "Style(" + strconv.Itoa(int(s)) + ")"
}

// Print writes e in style s with the fewest parentheses that keep the tree:
// parenthesisation follows OpTable and PrecOf, products are
// left-associative (Mul(Mul(a,b),c) is "a b c", Mul(a,Mul(b,c)) is
// "a (b c)"), and the spellings are those of docs/architecture.md. Parsing
// the result in the same program gives an expression Equal to e, with two
// exceptions the AST cannot tell apart once printed: a negative OpNum reads
// back as a negation of a positive number, and a power with exponent -1
// reads back as an inverse; and in LaTeX the number ½ prints as
// \frac{1}{2}, which reads back as the quotient 1/2. Print never panics: a nil expression prints as
// "?" and an unknown op as "?op". Shapes are not read except to spell an
// all-ones matrix in ASCII ("matrix(1)").
func Print(e *Expr, s Style) string {
	p := printer{st: s, buf: make([]byte, 0, 64)}
	p.expr(e, PrecNone)
	// The buffer is the string's (nothing writes to it afterwards): no
	// copy.
	return unsafe.String(unsafe.SliceData(p.buf), len(p.buf))
}

// String prints the expression in the Text style.
func (e *Expr) String() string { return Print(e, Text) }

// printer accumulates the output of one Print call.
type printer struct {
	st  Style
	buf []byte
	// inBars is set while printing the inside of |…| or ‖…‖ outside any
	// parentheses: a bar construct there is parenthesised, ‖x (‖y‖)‖,
	// since ‖x ‖y‖‖ does not say which bar closes which.
	inBars bool
	// inFrac is set while printing a LaTeX \frac's numerator or
	// denominator: a quotient there is written inline, a/b, so that no
	// \frac is nested in another.
	inFrac bool
}

// grouped runs f with inBars cleared, for text inside brackets.
func (p *printer) grouped(f func()) {
	saved := p.inBars
	p.inBars = false
	f()
	p.inBars = saved
}

// barred prints the inside of a bar construct.
func (p *printer) barred(e *Expr) {
	saved := p.inBars
	p.inBars = true
	p.expr(e, PrecNone)
	p.inBars = saved
}

func (p *printer) str(s string) { p.buf = append(p.buf, s...) }

// pick returns the spelling for the printer's style.
func (p *printer) pick(text, ascii, latex string) string {
	switch p.st {
	case ASCII:
		return ascii
	case LaTeX:
		return latex
	}
	return text
}

// expr prints e, in parentheses when it binds more loosely than min.
func (p *printer) expr(e *Expr, min Prec) {
	if e != nil && p.prec(e) < min {
		p.paren(e)
		return
	}
	p.node(e)
}

// hasBars reports whether e prints as |…| or ‖…‖ in the printer's style.
func (p *printer) hasBars(e *Expr) bool {
	return p.st != ASCII && (e.Op == OpNorm || e.Op == OpCall && e.Name == "abs" && len(e.Args) == 1 && len(e.Sub) == 0)
}

// prec is PrecOf adjusted for the spellings of the printer's style: in
// LaTeX a fraction is a group of its own; in ASCII an inverse is a call.
func (p *printer) prec(e *Expr) Prec {
	switch e.Op {
	case OpDiv, OpDeriv:
		if p.st == LaTeX && !(e.Op == OpDiv && p.inFrac) {
			return PrecPow
		}
		return PrecDiv
	case OpHPow:
		if p.st == LaTeX {
			return PrecPow
		}
	case OpInv:
		if p.st == ASCII {
			return PrecAtom
		}
	case OpNum:
		if e.Name == "π" {
			return PrecAtom
		}
		if p.st == LaTeX && e.Num == 0.5 {
			if p.inFrac {
				return PrecDiv // 1/2
			}
			return PrecPow // \frac{1}{2}, a group like any \frac
		}
	case OpMul:
		if negativeHead(e) {
			return PrecSum
		}
	}
	return PrecOf(e)
}

// node prints e without surrounding parentheses.
func (p *printer) node(e *Expr) {
	if e == nil {
		p.str("?")
		return
	}
	if p.inBars && p.hasBars(e) {
		p.paren(e) // clears inBars, so this does not recur
		return
	}
	switch e.Op {
	case OpNum:
		p.num(e)
	case OpVar:
		p.variable(e)
	case OpNeg:
		p.str(opInfo(OpNeg).pick(p.st))
		p.expr(nthArg(e, 0), PrecElem)
	case OpAdd, OpSub, OpHad, OpHDiv:
		p.binary(e)
	case OpMul:
		p.mul(e)
	case OpDiv:
		p.div(e)
	case OpHPow:
		p.hpow(e)
	case OpPow:
		p.pow(e)
	case OpT, OpInv:
		p.postfix(e)
	case OpCall:
		p.call(e)
	case OpPrime, OpPartial, OpJac:
		p.derivCall(e)
	case OpSum:
		p.sum(e)
	case OpNorm:
		p.norm(e)
	case OpOnes:
		p.ones(e)
	case OpEye:
		p.str(p.pick("I", "eye", "I"))
	case OpDeriv:
		p.deriv(e)
	default:
		p.str("?op" + strconv.Itoa(int(e.Op)))
	}
}

// pick returns the operator's spelling in style s.
func (o OpInfo) pick(s Style) string {
	switch s {
	case ASCII:
		return o.ASCII
	case LaTeX:
		return o.LaTeX
	}
	return o.Text
}

// nthArg returns e.Args[i], or nil when e has fewer arguments (printed "?").
func nthArg(e *Expr, i int) *Expr {
	if i < len(e.Args) {
		return e.Args[i]
	}
	return nil
}
