package symbolic

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// paren prints e in parentheses whatever its binding power.
func (p *printer) paren(e *Expr) {
	p.bracket(func() { p.grouped(func() { p.node(e) }) })
}

// bracket writes what f prints in parentheses: plain ( ) except around
// tall LaTeX (a \frac, a \sum), which gets \left( … \right) so that the
// parentheses grow with it. σ(z) sets as \sigma(z), not \sigma\left(z\right).
func (p *printer) bracket(f func()) {
	mark := len(p.buf)
	p.str("(")
	f()
	if p.st != LaTeX || !tall(p.buf[mark+1:]) {
		p.str(")")
		return
	}
	p.buf = slices.Insert(p.buf, mark, []byte(`\left`)...)
	p.str(`\right)`)
}

// tall reports whether LaTeX text sets taller than a line: it holds a
// fraction or a big operator.
func tall(b []byte) bool {
	s := string(b)
	return strings.Contains(s, `\frac`) || strings.Contains(s, `\sum`)
}

// binary prints the left-associative operators + − ⊙ ⊘: the right operand
// is parenthesised when it binds no tighter than the operator.
func (p *printer) binary(e *Expr) {
	op := opInfo(e.Op)
	if isHadamard(e) {
		// Products and quotients inside ⊙ are parenthesised although
		// they bind more tightly, so that φ'(z) ⊙ (W r) reads the same
		// under either precedence; so is a Σ on the left, whose body
		// would swallow the right operand.
		l, r := nthArg(e, 0), nthArg(e, 1)
		if l != nil && (l.Op == OpMul && !p.scaledLeaf(l) || l.Op == OpDiv || l.Op == OpSum) {
			p.paren(l)
		} else {
			p.expr(l, op.Prec)
		}
		p.str(op.pick(p.st))
		if r != nil && (r.Op == OpMul || r.Op == OpDiv) {
			p.paren(r)
		} else {
			p.expr(r, op.Prec+1)
		}
		return
	}
	p.expr(nthArg(e, 0), op.Prec)
	p.str(op.pick(p.st))
	p.expr(nthArg(e, 1), op.Prec+1)
}

// mul prints a product. A Σ on the left is parenthesised (its body would
// swallow the next factor), and so is an elementwise product or quotient
// on either side. A negative number heading the product prints bare: −2 a.
// A left-nested chain a b c … is printed in one loop, so long chains cost
// linear time.
func (p *printer) mul(e *Expr) {
	var rights []*Expr
	head := e
	for head != nil && head.Op == OpMul {
		rights = append(rights, nthArg(head, 1))
		head = nthArg(head, 0)
	}
	switch {
	case head == nil:
		p.node(head)
	case head.Op == OpSum || isHadamard(head):
		p.paren(head)
	case negativeHead(head):
		p.node(head)
	default:
		p.expr(head, PrecProd)
	}
	for i := len(rights) - 1; i >= 0; i-- {
		r := rights[i]
		mark := len(p.buf)
		if r != nil && isHadamard(r) {
			p.paren(r)
		} else {
			p.expr(r, PrecProd+1)
		}
		sep := opInfo(OpMul).pick(p.st)
		if p.st != ASCII && startsNumeric(p.buf[mark:]) {
			sep = p.pick("·", "*", ` \cdot `)
		}
		p.buf = slices.Insert(p.buf, mark, []byte(sep)...)
	}
}

// scaledLeaf reports a positive number times a name or a call (3 x,
// 2 σ(z); in LaTeX also \frac{1}{2} x, which is how ½ x reads back): on
// the left of ⊙ it needs no parentheses, as 3 x ⊙ y has one value under
// either precedence.
func (p *printer) scaledLeaf(e *Expr) bool {
	if e.Op != OpMul || len(e.Args) != 2 {
		return false
	}
	c, x := e.Args[0], e.Args[1]
	return (positiveNumber(c) || p.st == LaTeX && positiveQuotient(c)) &&
		(x.Op == OpVar || x.Op == OpCall || x.Op == OpPrime)
}

// positiveQuotient reports whether e is a quotient of positive numbers or
// of such quotients: \frac{1}{2}, and \frac{1}{1/2}, which is how 1/½
// reads back.
func positiveQuotient(e *Expr) bool {
	if e.Op != OpDiv || len(e.Args) != 2 {
		return false
	}
	for _, a := range e.Args {
		if !positiveNumber(a) && !positiveQuotient(a) {
			return false
		}
	}
	return true
}

// positiveNumber reports whether e is a positive literal number.
func positiveNumber(e *Expr) bool { return e.Op == OpNum && e.Name == "" && e.Num > 0 }

// isHadamard reports whether e is a ⊙ b or a ⊘ b, which a product
// parenthesises for the reader although ⊙ binds tighter: (a ⊙ b) c.
func isHadamard(e *Expr) bool { return e.Op == OpHad || e.Op == OpHDiv }

// negativeHead reports whether e is a negative number or a product whose
// first factor is one (−2 a b): such a product prints with a leading sign,
// binds like a negation, and its head needs no parentheses.
func negativeHead(e *Expr) bool {
	for e != nil && e.Op == OpMul {
		e = nthArg(e, 0)
	}
	return e != nil && e.Op == OpNum && e.Num < 0 && e.Name != "π"
}

// startsNumeric reports whether printed text begins with a digit, a
// decimal point or ½.
func startsNumeric(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return r == '.' || r == '½' || (r >= '0' && r <= '9')
}

// div prints a quotient: a/b, or \frac{a}{b} in LaTeX, where a quotient
// inside a \frac's numerator or denominator is written inline
// (\frac{a/b}{c}) so that fractions never nest.
func (p *printer) div(e *Expr) {
	if p.st == LaTeX && !p.inFrac {
		p.inFrac = true
		p.str(`\frac{`)
		p.expr(nthArg(e, 0), PrecNone)
		p.str("}{")
		p.expr(nthArg(e, 1), PrecNone)
		p.str("}")
		p.inFrac = false
		return
	}
	p.expr(nthArg(e, 0), PrecDiv)
	p.str("/")
	p.expr(nthArg(e, 1), PrecDiv+1)
}

// hpow prints the elementwise power: a .^ 2, a.^2, a^{\circ 2}; an
// elementwise function squared or cubed is tanh²(z) in Text and
// \tanh^{2}(z) in LaTeX.
func (p *printer) hpow(e *Expr) {
	if f, sup := funcPower(e); p.st == LaTeX && f != nil {
		// \tanh^{2}(z), as textbooks set it (the parser reads it back).
		p.funcName(f)
		p.str("^{" + map[string]string{"²": "2", "³": "3"}[sup] + "}")
		p.args(f.Args)
		return
	}
	if p.st == LaTeX {
		p.supBase(nthArg(e, 0))
		p.str(`^{\circ `)
		p.expr(nthArg(e, 1), PrecNone)
		p.str("}")
		return
	}
	if f, sup := funcPower(e); p.st == Text && f != nil {
		p.funcName(f)
		p.str(sup)
		p.args(f.Args)
		return
	}
	p.expr(nthArg(e, 0), PrecPow+1)
	p.str(opInfo(OpHPow).pick(p.st))
	p.expr(nthArg(e, 1), PrecPow+1)
}

// powerNamed are the functions whose powers textbooks write on the name:
// sin²(x), tanh²(z), σ²(z), log²(x) (not exp²(x) or relu²(x)).
var powerNamed = map[string]bool{
	"sin": true, "cos": true, "tan": true, "sinh": true, "cosh": true, "tanh": true, "σ": true, "log": true,
}

// funcPower recognises an elementwise function raised to the power 2 or 3
// entry by entry, which Text writes as textbooks do, tanh²(z) (the parser
// reads it back): it returns the call and the superscript.
func funcPower(e *Expr) (*Expr, string) {
	f, k := nthArg(e, 0), nthArg(e, 1)
	if f == nil || k == nil || f.Op != OpCall || len(f.Args) != 1 || len(f.Sub) != 0 || f.Label != "" || k.Op != OpNum || k.Name != "" {
		return nil, ""
	}
	if !powerNamed[f.Name] {
		return nil, ""
	}
	switch k.Num {
	case 2:
		return f, "²"
	case 3:
		return f, "³"
	}
	return nil, ""
}

// pow prints a power: a², a³, a^4, a^k, a^(k+1) in Text; a^2, a^(k+1) in
// ASCII; a^{2} in LaTeX. A compound base is parenthesised: (a + b)².
func (p *printer) pow(e *Expr) {
	base, exp := nthArg(e, 0), nthArg(e, 1)
	if p.st == LaTeX {
		p.supBase(base)
		p.str("^{")
		p.expr(exp, PrecNone)
		p.str("}")
		return
	}
	if p.st == Text && exp != nil && exp.Op == OpNum && exp.Name == "" && (exp.Num == 2 || exp.Num == 3) {
		p.textSupBase(base)
		if exp.Num == 2 {
			p.str("²")
		} else {
			p.str("³")
		}
		return
	}
	p.expr(base, PrecPostfix)
	p.str("^")
	if simpleExponent(exp) {
		if exp.Op == OpNum && exp.Name == "" {
			p.str(numText(exp.Num))
		} else {
			p.node(exp)
		}
		return
	}
	p.paren(exp)
}

// simpleExponent reports whether an exponent can follow ^ without
// parentheses: a non-negative number, π, or a plain name.
func simpleExponent(e *Expr) bool {
	switch {
	case e == nil:
		return false
	case e.Op == OpNum:
		return e.Name == "π" || e.Num >= 0
	case e.Op == OpVar:
		return e.Label == "" && len(e.Sub) == 0
	case e.Op == OpEye:
		// In parentheses, ^(I) would read as a layer label.
		return true
	}
	return false
}

// postfix prints a transpose or an inverse: xᵀ, X⁻¹, X⁻ᵀ (Text); x',
// inv(X), inv(X)' (ASCII); x^\top, X^{-1}, X^{-\top} (LaTeX).
func (p *printer) postfix(e *Expr) {
	x := nthArg(e, 0)
	invT := e.Op == OpT && x != nil && x.Op == OpInv
	switch p.st {
	case ASCII:
		if e.Op == OpInv {
			p.str("inv(")
			p.expr(x, PrecNone)
			p.str(")")
			return
		}
		p.expr(x, PrecPostfix)
		p.str("'")
	case LaTeX:
		switch {
		case invT:
			p.supBase(nthArg(x, 0))
			p.str(`^{-\top}`)
		case e.Op == OpInv:
			p.supBase(x)
			p.str("^{-1}")
		default:
			p.supBase(x)
			p.str(`^\top`)
		}
	default:
		switch {
		case invT:
			p.textSupBase(nthArg(x, 0))
			p.str("⁻ᵀ")
		case e.Op == OpInv:
			p.textSupBase(x)
			p.str("⁻¹")
		default:
			p.textSupBase(x)
			p.str("ᵀ")
		}
	}
}

// textSupBase prints the operand of a Unicode superscript (ᵀ, ⁻¹, ²):
// parenthesised when compound, and when it is itself a transpose or an
// inverse, since superscripts in a row read as one token ((xᵀ)ᵀ, not xᵀᵀ).
func (p *printer) textSupBase(e *Expr) {
	if e != nil && (e.Op == OpT || e.Op == OpInv) {
		p.paren(e)
		return
	}
	p.expr(e, PrecPostfix)
}

// supBase prints the base of a LaTeX superscript: parenthesised when
// compound, braced when it ends in a superscript of its own ({x^\top}^\top,
// {W^{(1)}}^\top), so that the output never has a double superscript.
func (p *printer) supBase(e *Expr) {
	switch {
	case e == nil:
		p.node(e)
	case p.prec(e) < PrecPostfix:
		p.paren(e)
	case endsWithSup(e):
		p.str("{")
		p.node(e)
		p.str("}")
	default:
		p.node(e)
	}
}

// endsWithSup reports whether the LaTeX spelling of e ends in a
// superscript.
func endsWithSup(e *Expr) bool {
	switch e.Op {
	case OpT, OpInv, OpPow, OpHPow:
		return true
	case OpVar:
		return e.Label != ""
	}
	return false
}

// shortestNum is the shortest decimal that reads back as v.
func shortestNum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
