package parser

import (
	"unicode"

	"deriv/grammar"
	"deriv/symbolic"
)

// partial parses, after ∂ (or \partial, partial): ∂_k f(a, b) (the partial
// derivative of f in its k-th argument; k a number, or an index held in
// Sub) or ∂f/∂w_i (a derivative written as a value).
func (l *lowerer) partial(c *cursor, p symbolic.Pos) (*symbolic.Expr, error) {
	if !isPunct(c.peek(), "_") {
		f, err := l.nameAt(c)
		if err != nil {
			return nil, err
		}
		if !isPunct(c.peek(), "/") {
			return nil, errExpected(c.here(), "/ as in ∂f/∂x", itemText(c.peek()))
		}
		c.next()
		if d := c.next(); !(isPunct(d, partialTok...) || isCmd(d, `\partial`)) {
			if d == nil {
				return nil, errUnexpectedEnd(c.end, "∂ as in ∂f/∂x")
			}
			return nil, errExpected(itemPos(d), "∂ as in ∂f/∂x", itemText(d))
		}
		x, err := l.nameAt(c)
		if err != nil {
			return nil, err
		}
		return deriv(f, x, p), nil
	}
	arg := c.peekAt(1)
	if arg == nil {
		return nil, errUnexpectedEnd(c.end, "the argument number of ∂_k")
	}
	c.i += 2
	items := []*grammar.Item{arg}
	if arg.Group != nil {
		items, _ = groupItems(arg.Group)
	}
	e := &symbolic.Expr{Op: symbolic.OpPartial, Pos: p}
	switch {
	case len(items) == 1 && items[0].Number != "":
		k, ok := parseUint(items[0].Number)
		if !ok || k < 1 {
			return nil, errExpected(itemPos(items[0]), "an argument number 1, 2, …", items[0].Number)
		}
		e.Num = k
	case len(items) == 1 && items[0].Ident != "":
		e.Sub = []*symbolic.Expr{{Op: symbolic.OpVar, Name: items[0].Ident, Pos: itemPos(items[0])}}
	default:
		return nil, errExpected(itemPos(arg), "an argument number", itemText(arg))
	}
	fn := c.next()
	if fn == nil || (fn.Ident == "" && fn.Cmd == "") {
		if fn == nil {
			return nil, errUnexpectedEnd(c.end, "a function name after ∂_k")
		}
		return nil, errExpected(itemPos(fn), "a function name after ∂_k", itemText(fn))
	}
	name, ok := canonName(fn.Ident + fn.Cmd)
	if !ok {
		return nil, errUnexpected(itemPos(fn), fn.Cmd)
	}
	e.Name = name
	g := c.next()
	if !isGroup(g, "(") {
		return nil, errExpected(c.here(), "the arguments of "+name, itemText(g))
	}
	args, err := l.args(g.Group)
	if err != nil {
		return nil, err
	}
	e.Args = args
	return e, nil
}

// nabla parses ∇_x f (also \nabla_{x} f): the derivative of f in x.
func (l *lowerer) nabla(c *cursor, p symbolic.Pos) (*symbolic.Expr, error) {
	if !isPunct(c.peek(), "_") || c.peekAt(1) == nil {
		return nil, errExpected(c.here(), "a subscript as in ∇_x f", itemText(c.peek()))
	}
	arg := c.peekAt(1)
	c.i += 2
	var x *symbolic.Expr
	var err error
	if arg.Group != nil {
		items, end := groupItems(arg.Group)
		x, err = l.nameIn(items, end)
	} else {
		x, err = l.nameIn([]*grammar.Item{arg}, itemPos(arg))
	}
	if err != nil {
		return nil, err
	}
	f, err := l.derivOperand(c, "∇_x")
	if err != nil {
		return nil, err
	}
	return deriv(f, x, p), nil
}

// frac parses \frac{a}{b} (a quotient) or \frac{\partial f}{\partial x},
// \frac{df}{dx}, \frac{\mathrm{d} f}{\mathrm{d} x} (a derivative).
func (l *lowerer) frac(c *cursor, p symbolic.Pos) (*symbolic.Expr, error) {
	var parts [2][]*grammar.Item
	var ends [2]symbolic.Pos
	for i := range parts {
		it := c.fracArg()
		if it == nil {
			return nil, errUnexpectedEnd(c.end, "{…}{…} after \\frac")
		}
		if it.Group != nil {
			parts[i], ends[i] = groupItems(it.Group)
		} else {
			parts[i], ends[i] = []*grammar.Item{it}, itemPos(it)+symbolic.Pos(len(itemText(it)))
		}
		if len(parts[i]) == 0 {
			return nil, errExpected(ends[i], "a numerator and a denominator", "{}")
		}
	}
	if num, ok := l.diffRest(parts[0]); ok {
		if den, ok := l.diffRest(parts[1]); ok && len(den) > 0 {
			x, err := l.nameIn(den, ends[1])
			if err != nil {
				return nil, err
			}
			var f *symbolic.Expr
			if len(num) == 0 {
				f, err = l.derivOperand(c, `\frac{d}{dx}`)
			} else {
				f, err = l.nameIn(num, ends[0])
			}
			if err != nil {
				return nil, err
			}
			return deriv(f, x, p), nil
		}
	}
	return l.quotient(parts, ends, p)
}

// quotient lowers a \frac's numerator and denominator to a division.
func (l *lowerer) quotient(parts [2][]*grammar.Item, ends [2]symbolic.Pos, p symbolic.Pos) (*symbolic.Expr, error) {
	a, err := l.items(parts[0], ends[0])
	if err != nil {
		return nil, err
	}
	b, err := l.items(parts[1], ends[1])
	if err != nil {
		return nil, err
	}
	return &symbolic.Expr{Op: symbolic.OpDiv, Args: []*symbolic.Expr{a, b}, Pos: p}, nil
}

// diffRest recognises a differential mark at the start of items (∂, d,
// \mathrm{d}, or a word such as "df" that is not a name of the program)
// and returns what follows it.
func (l *lowerer) diffRest(items []*grammar.Item) ([]*grammar.Item, bool) {
	first := items[0]
	switch {
	case (isPunct(first, partialTok...) || isCmd(first, `\partial`)) && len(items) > 1 && (isPunct(items[1], "_") || items[1].Sub != ""):
		// ∂_1 f(a, b) is a partial derivative of f, not a differential:
		// \frac{∂_1 f(a, a) + a}{∂_1 f(a, a)} is a quotient.
		return nil, false
	case isPunct(first, partialTok...) || isCmd(first, `\partial`) || isIdent(first, "d"):
		return items[1:], true
	case isCmd(first, `\mathrm`, `\text`, `\operatorname`) && len(items) > 1:
		if isIdent(items[1], "d") {
			return items[2:], true
		}
		if isGroup(items[1], "{") {
			inner, _ := groupItems(items[1].Group)
			if len(inner) == 1 && isIdent(inner[0], "d") {
				return items[2:], true
			}
		}
	case first.Ident != "" && len(first.Ident) > 1 && first.Ident[0] == 'd' && l.symbol(first.Ident) == nil:
		rest := &grammar.Item{Pos: first.Pos, Ident: first.Ident[1:]}
		rest.Pos.Offset++
		return append([]*grammar.Item{rest}, items[1:]...), true
	}
	return nil, false
}

// dfdx parses df/dx (a derivative written as a value) starting at the word
// "df"; it declines (ok = false) when the words are not names of the
// program (df/dx is then a quotient).
func (l *lowerer) dfdx(c *cursor, it *grammar.Item) (*symbolic.Expr, bool, error) {
	fName, _ := canonName(it.Ident[1:])
	den := c.peekAt(1)
	xName, _ := canonName(den.Ident[1:])
	if l.symbol(fName) == nil || l.symbol(den.Ident) != nil || xName == "" {
		return nil, false, nil
	}
	p := itemPos(it)
	f := &symbolic.Expr{Op: symbolic.OpVar, Name: fName, Pos: p + 1}
	c.i += 2
	np, err := l.nameSuffix(c, xName, xName, itemPos(den)+1)
	if err != nil {
		return nil, true, err
	}
	x, err := l.resolveVar(&np)
	if err != nil {
		return nil, true, err
	}
	return deriv(f, x, p), true, nil
}

// jacobian parses J_Φ(z), J_{\Phi}(z), J_Phi(z): the Jacobian of a
// function of the program. It declines when the subscript is not a
// function followed by an argument.
func (l *lowerer) jacobian(c *cursor, p symbolic.Pos) (*symbolic.Expr, bool, error) {
	arg := c.peekAt(1)
	if arg == nil {
		return nil, false, nil
	}
	inner := arg
	if arg.Group != nil {
		items, _ := groupItems(arg.Group)
		if len(items) != 1 {
			return nil, false, nil
		}
		inner = items[0]
	}
	if inner.Ident == "" && inner.Cmd == "" {
		return nil, false, nil
	}
	name, ok := canonName(itemText(inner))
	s := l.symbol(name)
	if !ok || !isGroup(c.peekAt(2), "(") || s == nil || !(s.Kind == symbolic.SymFunc || s.Kind == symbolic.SymDef) {
		return nil, false, nil
	}
	c.i += 2
	args, err := l.args(c.next().Group)
	if err != nil {
		return nil, true, err
	}
	if len(args) != 1 {
		return nil, true, errArgCount(p, "J_"+name, 1, len(args))
	}
	return &symbolic.Expr{Op: symbolic.OpJac, Name: name, Args: args, Pos: p}, true, nil
}

// fracArg reads one argument of \frac. As in TeX, an argument without
// braces is one character: \frac12 is 1/2 and \frac123 is (1/2)·3, \frac ab
// is a/b. A token that cannot be split so (2.5, x2y) is taken whole.
func (c *cursor) fracArg() *grammar.Item {
	it := c.peek()
	if it == nil || (it.Ident == "" && !isDigits(it.Number)) {
		return c.next()
	}
	runes := []rune(it.Ident + it.Number)
	if len(runes) == 1 {
		return c.next()
	}
	first, rest := string(runes[0]), string(runes[1:])
	head := &grammar.Item{Pos: it.Pos}
	tail := &grammar.Item{Pos: it.Pos}
	tail.Pos.Offset += len(first)
	tail.Pos.Column++
	switch {
	case it.Number != "":
		head.Number, tail.Number = first, rest
	case isDigits(rest):
		head.Ident, tail.Number = first, rest
	case unicode.IsLetter(runes[1]):
		head.Ident, tail.Ident = first, rest
	default:
		return c.next()
	}
	c.replace(tail)
	return head
}
