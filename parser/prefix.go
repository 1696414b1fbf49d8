package parser

import (
	"math"
	"strconv"
	"strings"

	"deriv/grammar"
	"deriv/symbolic"
)

// prefix parses one operand: a negation, a number, a group, a name, a call,
// a norm or absolute value, a sum, a fraction or a derivative. min is the
// binding power of the context (a negation takes at least a product term).
func (l *lowerer) prefix(c *cursor, min symbolic.Prec) (*symbolic.Expr, error) {
	it := c.next()
	if it == nil {
		return nil, errUnexpectedEnd(c.end, "an expression")
	}
	p := itemPos(it)
	switch {
	case isPunct(it, minusTok...):
		x, err := l.expr(c, max(min, symbolic.PrecElem))
		if err != nil {
			return nil, err
		}
		return unary(symbolic.OpNeg, x, p), nil
	case isPunct(it, "+"):
		return l.expr(c, max(min, symbolic.PrecElem))
	case it.Number != "":
		v, err := strconv.ParseFloat(it.Number, 64)
		if err != nil || math.IsInf(v, 0) {
			return nil, errNumberRange(p, it.Number)
		}
		return num(v, p), nil
	case isPunct(it, "½"):
		return num(0.5, p), nil
	case isPunct(it, "𝟙"):
		return &symbolic.Expr{Op: symbolic.OpOnes, Pos: p}, nil
	case it.Group != nil:
		if it.Group.Open == `\{` {
			return nil, errUnexpected(p, it.Group.Open)
		}
		return l.group(it.Group)
	case barKind(it) != "":
		return l.bars(c, it)
	case isPunct(it, "∑") || isCmd(it, sumCmds...):
		return l.sum(c, p)
	case isPunct(it, partialTok...) || isCmd(it, `\partial`):
		return l.partial(c, p)
	case isPunct(it, "∇") || isCmd(it, `\nabla`):
		return l.nabla(c, p)
	case isCmd(it, fracCmds...):
		return l.frac(c, p)
	case isCmd(it, `\sqrt`):
		return l.sqrt(c, p)
	case it.Ident != "" || it.Cmd != "":
		return l.word(c, it)
	}
	return nil, errUnexpected(p, itemText(it))
}

// sqrt parses the rest of \sqrt{x} (sqrt(x)) or \sqrt[n]{x}, the n-th
// root x^(1/n).
func (l *lowerer) sqrt(c *cursor, p symbolic.Pos) (*symbolic.Expr, error) {
	var index *symbolic.Expr
	if it := c.peek(); isGroup(it, "[") {
		items, end := groupItems(it.Group)
		if len(items) == 0 {
			return nil, errRootIndex(end)
		}
		c.next()
		var err error
		if index, err = l.items(items, end); err != nil {
			return nil, err
		}
	}
	arg, err := l.cmdArg(c)
	if err != nil {
		return nil, err
	}
	if index == nil {
		return call("sqrt", p, arg), nil
	}
	inv := &symbolic.Expr{Op: symbolic.OpDiv, Args: []*symbolic.Expr{num(1, index.Pos), index}, Pos: index.Pos}
	return &symbolic.Expr{Op: symbolic.OpPow, Args: []*symbolic.Expr{arg, inv}, Pos: p}, nil
}

// cmdArg reads the argument of a LaTeX command such as \sqrt: a braced or
// parenthesised group, or else the next operand.
func (l *lowerer) cmdArg(c *cursor) (*symbolic.Expr, error) {
	it := c.peek()
	if it == nil {
		return nil, errUnexpectedEnd(c.end, "an argument")
	}
	if isGroup(it, "{", "(") {
		c.next()
		return l.group(it.Group)
	}
	return l.expr(c, symbolic.PrecPow)
}

// call builds a call of a builtin or declared function.
func call(name string, p symbolic.Pos, args ...*symbolic.Expr) *symbolic.Expr {
	return &symbolic.Expr{Op: symbolic.OpCall, Name: name, Args: args, Pos: p}
}

// bars parses ‖v‖ (with ₂, _2, _1, _F, and ^2 before or after the
// subscript) or |a| after the opening bar open.
//
// "||" is two bars when it must be: ||x| - 1| (when no closing "||"
// follows, the opening one is two absolute-value bars) and |x - |x||
// (see closesBar).
func (l *lowerer) bars(c *cursor, open *grammar.Item) (*symbolic.Expr, error) {
	start, depth := c.i, len(l.closers)
	e, err := l.barsBody(c, open)
	if err != nil && isPunct(open, "||") {
		c.i, l.closers = start-1, l.closers[:depth]
		c.splitBar()
		if e2, err2 := l.barsBody(c, c.next()); err2 == nil {
			return e2, nil
		}
	}
	return e, err
}

// barsBody parses the body and closing bar of a norm or absolute value.
func (l *lowerer) barsBody(c *cursor, open *grammar.Item) (*symbolic.Expr, error) {
	kind := barKind(open)
	p := itemPos(open)
	l.closers = append(l.closers, kind)
	body, err := l.expr(c, symbolic.PrecSum)
	l.closers = l.closers[:len(l.closers)-1]
	if err != nil {
		return nil, err
	}
	cl := c.peek()
	if kind == "|" && isPunct(cl, "||") {
		c.splitBar()
		cl = c.peek()
	}
	if cl == nil || barKind(cl) != kind {
		return nil, errUnclosed(p, itemText(open))
	}
	c.next()
	if kind == "|" {
		return call("abs", p, body), nil
	}
	norm := &symbolic.Expr{Op: symbolic.OpNorm, Name: "2", Args: []*symbolic.Expr{body}, Pos: p}
	// ‖v‖^2_2: the power written before the subscript.
	var pow *symbolic.Expr
	if isPunct(c.peek(), "^") && c.peekAt(1) != nil && (isPunct(c.peekAt(2), "_") || c.peekAt(2) != nil && c.peekAt(2).Sub != "") {
		c.next()
		e := c.next()
		pow, err = l.supArg(e)
		if err != nil {
			return nil, err
		}
	}
	if kindName, ok, err := l.normSub(c); err != nil {
		return nil, err
	} else if ok {
		norm.Name = kindName
	}
	if pow != nil {
		return &symbolic.Expr{Op: symbolic.OpPow, Args: []*symbolic.Expr{norm, pow}, Pos: norm.Pos}, nil
	}
	return norm, nil
}

// supArg lowers a single-item superscript or subscript argument: a group
// body or one token.
func (l *lowerer) supArg(it *grammar.Item) (*symbolic.Expr, error) {
	if it.Group != nil {
		return l.group(it.Group)
	}
	return l.items([]*grammar.Item{it}, itemPos(it)+symbolic.Pos(len(itemText(it))))
}

// normSub reads a norm's subscript: ₂, _2, _{2}, _1, _F.
func (l *lowerer) normSub(c *cursor) (string, bool, error) {
	it := c.peek()
	var text string
	var at symbolic.Pos
	switch {
	case it == nil:
		return "", false, nil
	case it.Sub != "":
		text, at = plain(it.Sub, unSub), itemPos(it)
		c.next()
	case isPunct(it, "_"):
		arg := c.peekAt(1)
		if arg == nil {
			return "", false, errUnexpectedEnd(c.end, "a norm's subscript")
		}
		at = itemPos(arg)
		if arg.Group != nil {
			items, _ := groupItems(arg.Group)
			for _, x := range items {
				text += itemText(x)
			}
		} else {
			text = itemText(arg)
		}
		c.i += 2
	default:
		return "", false, nil
	}
	switch text {
	case "2", "1", "F":
		return text, true, nil
	case "fro", "Fro":
		return "F", true, nil
	}
	return "", false, errNormKind(at, text)
}

// isWordy reports whether s is made of letters only.
func isWordy(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) < 0
}
