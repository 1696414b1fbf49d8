package parser

import (
	"math"
	"strings"

	"deriv/grammar"
	"deriv/symbolic"
)

// nameParts is a name as written in an expression, before resolution.
type nameParts struct {
	raw   string // as written: "sigma", `\sigma`, "W1"
	base  string // canonical: "σ", "W1"
	label string
	// subs are the subscripts' item sequences, subText their text (for
	// names such as W_1 whose subscript is part of the name).
	subs    [][]*grammar.Item
	subText []string
	// post are transposes or inverses written inside a label's
	// superscript (W^{(1)T}, W⁽¹⁾ᵀ).
	post []symbolic.Op
	pos  symbolic.Pos
}

// word parses an operand that starts with an identifier or a LaTeX
// command: a name, a constant, a call, a derivative or a special form.
func (l *lowerer) word(c *cursor, it *grammar.Item) (*symbolic.Expr, error) {
	p := itemPos(it)
	raw, ones, err := l.wordText(c, it)
	if err != nil {
		return nil, err
	}
	if ones {
		return &symbolic.Expr{Op: symbolic.OpOnes, Pos: p}, nil
	}
	canon, ok := canonName(raw)
	if !ok {
		fn, isFn := symbolic.FuncByName[raw[1:]]
		if !isFn {
			if sug := l.suggestFunc(raw); sug != "" && isGroup(c.peek(), "(", "{") {
				return nil, errUnknownFunc(p, raw, sug)
			}
			return nil, errUnexpected(p, raw)
		}
		return l.builtinCall(c, fn, raw, p)
	}
	if e, ok, err := l.special(c, it, raw, canon); ok || err != nil {
		return e, err
	}
	np, err := l.nameSuffix(c, raw, canon, p)
	if err != nil {
		return nil, err
	}
	if e, ok, err := l.funcPower(c, &np); ok || err != nil {
		return e, err
	}
	if e, ok, err := l.maybeCall(c, &np); ok || err != nil {
		return e, err
	}
	if e, ok, err := l.bareCall(c, &np); ok || err != nil {
		return e, err
	}
	if e, ok := l.splitProduct(c, it, &np); ok {
		return e, nil
	}
	if e, ok, err := l.unknownCall(c, &np); ok || err != nil {
		return e, err
	}
	if s := l.symbol(symbolic.VarKey(np.base, np.label)); s != nil && s.Kind == symbolic.SymFunc && !l.isBound(np.base) {
		// φ alone, (φ) b: a function is not a value.
		return nil, errFuncValue(np.pos, np.raw)
	}
	v, err := l.resolveVar(&np)
	if err != nil {
		return nil, err
	}
	return applyPost(v, &np), nil
}

// wordText returns the name a word spells, reading a font command's
// argument (\mathbf{x} is "x", \operatorname{tr} is "tr"). ones is set
// for \mathbf{1} and \mathbb{1}, the all-ones vector.
func (l *lowerer) wordText(c *cursor, it *grammar.Item) (text string, ones bool, err error) {
	if it.Ident != "" {
		return it.Ident, false, nil
	}
	if !isCmd(it, fontCmds...) {
		return it.Cmd, false, nil
	}
	arg := c.next()
	if arg == nil {
		return "", false, errUnexpectedEnd(c.end, "the argument of "+it.Cmd)
	}
	inner := arg
	if arg.Group != nil {
		items, _ := groupItems(arg.Group)
		if len(items) != 1 {
			return "", false, errExpected(itemPos(arg), "a single name in "+it.Cmd+"{…}", itemText(arg))
		}
		inner = items[0]
	}
	switch {
	case inner.Number == "1":
		return "", true, nil
	case inner.Ident != "" || (inner.Cmd != "" && !isCmd(inner, fontCmds...)):
		return itemText(inner), false, nil
	}
	return "", false, errExpected(itemPos(inner), "a name", itemText(inner))
}

// special handles words with a meaning of their own, unless the program
// gives the name another: sum_, partial_, J_Φ, e^{…}, π, I, eye, df/dx.
// e is Euler's number only in e^{…}, and only when the program does not
// declare or define a variable e (a bare e is a variable).
func (l *lowerer) special(c *cursor, it *grammar.Item, raw, canon string) (*symbolic.Expr, bool, error) {
	p := itemPos(it)
	next := c.peek()
	if s := l.symbol(canon); s != nil && !(raw == "e" && isPunct(next, "^") && s.Kind == symbolic.SymVar && !s.Declared) {
		// A program name keeps its meaning; but e^{…} is exp even when a
		// bare e elsewhere made e an (undeclared) variable, so that the
		// reading does not depend on which comes first.
		return nil, false, nil
	}
	switch {
	case raw == "in" || raw == "for":
		return nil, true, errUnexpected(p, raw)
	case (raw == "sum" || canon == "Σ") && (isPunct(next, "_", "^") || next != nil && next.Sub != ""):
		e, err := l.sum(c, p)
		return e, true, err
	case raw == "partial" && isPunct(next, "_"):
		e, err := l.partial(c, p)
		return e, true, err
	case raw == "J" && isPunct(next, "_"):
		return l.jacobian(c, p)
	case raw == "e" && isPunct(next, "^"):
		c.next()
		x, err := l.expr(c, symbolic.PrecPow)
		if err != nil {
			return nil, true, err
		}
		return call("exp", p, x), true, nil
	case canon == "π":
		return &symbolic.Expr{Op: symbolic.OpNum, Num: math.Pi, Name: "π", Pos: p}, true, nil
	case raw == "I" || raw == "eye":
		return &symbolic.Expr{Op: symbolic.OpEye, Pos: p}, true, nil
	case it.Ident != "" && len(raw) > 1 && raw[0] == 'd' && isPunct(next, "/") && isIdent(c.peekAt(1)) && strings.HasPrefix(c.peekAt(1).Ident, "d"):
		return l.dfdx(c, it)
	}
	return nil, false, nil
}

// nameSuffix reads the subscripts and layer label that follow a name.
func (l *lowerer) nameSuffix(c *cursor, raw, canon string, p symbolic.Pos) (nameParts, error) {
	np := nameParts{raw: raw, base: canon, pos: p}
	for {
		it := c.peek()
		switch {
		case it == nil:
			return np, nil
		case isPunct(it, "_"):
			arg := c.peekAt(1)
			if arg == nil {
				return np, errUnexpectedEnd(c.end, "a subscript")
			}
			c.i += 2
			if arg.Group != nil {
				items, _ := groupItems(arg.Group)
				if len(items) == 0 {
					return np, errUnexpected(itemPos(arg), "{}")
				}
				for _, part := range splitCommas(items) {
					np.addSub(part)
				}
			} else {
				np.addSub([]*grammar.Item{arg})
			}
		case it.Sub != "":
			c.next()
			s := plain(it.Sub, unSub)
			sub := &grammar.Item{Pos: it.Pos}
			if _, ok := parseUint(s); ok {
				sub.Number = s
			} else if strings.Trim(s, "ijklmnt") == "" {
				sub.Ident = s
			} else {
				// ₍, ₊ and ₋ make no index by themselves: write w_{i+1}.
				return np, errUnexpected(itemPos(it), it.Sub)
			}
			np.addSub([]*grammar.Item{sub})
		case it.Super != "" && strings.HasPrefix(plain(it.Super, unSuper), "("):
			if np.label != "" {
				return np, errMisplacedSuper(itemPos(it), it.Super)
			}
			s := plain(it.Super, unSuper)
			end := strings.Index(s, ")")
			if end < 0 {
				return np, errMisplacedSuper(itemPos(it), it.Super)
			}
			np.label = s[1:end]
			switch s[end+1:] {
			case "":
			case "T":
				np.post = []symbolic.Op{symbolic.OpT}
			case "-1":
				np.post = []symbolic.Op{symbolic.OpInv}
			case "-T":
				np.post = []symbolic.Op{symbolic.OpInv, symbolic.OpT}
			default:
				// W⁽¹⁾²: the label, then a superscript of its own (a
				// power) that the operator loop reads.
				runes := []rune(it.Super)
				rest := &grammar.Item{Pos: it.Pos, Super: string(runes[end+1:])}
				rest.Pos.Offset += len(string(runes[:end+1]))
				rest.Pos.Column += end + 1
				c.replace(rest)
				return np, nil
			}
			c.next()
			return np, nil
		case isPunct(it, "^") && np.label == "":
			label, post, ok := l.labelAfter(c.peekAt(1))
			if !ok {
				return np, nil
			}
			np.label, np.post = label, post
			c.i += 2
		default:
			return np, nil
		}
	}
}

// addSub records one subscript. A multi-letter subscript (W_{ij}) is one
// subscript per letter.
func (np *nameParts) addSub(part []*grammar.Item) {
	var text strings.Builder
	for _, it := range part {
		text.WriteString(itemText(it))
	}
	if len(part) == 1 && part[0].Ident != "" && len(part[0].Ident) > 1 && isWordy(part[0].Ident) {
		if _, greek := symbolic.Greek[part[0].Ident]; !greek {
			for i, r := range part[0].Ident {
				one := &grammar.Item{Pos: part[0].Pos, Ident: string(r)}
				one.Pos.Offset += i
				np.subs = append(np.subs, []*grammar.Item{one})
			}
			np.subText = append(np.subText, text.String())
			return
		}
	}
	np.subs = append(np.subs, part)
	np.subText = append(np.subText, text.String())
}

// labelAfter recognises a layer label after "^": (1), {(1)}, {(l-1)},
// {(1)T}. A parenthesised superscript is a label when it holds only
// numbers, + and -, and names that are not variables of the program (so
// a^(k+1) is a power when k is a variable).
func (l *lowerer) labelAfter(arg *grammar.Item) (string, []symbolic.Op, bool) {
	var paren *grammar.Group
	var rest []*grammar.Item
	switch {
	case isGroup(arg, "("):
		paren = arg.Group
	case isGroup(arg, "{"):
		items, _ := groupItems(arg.Group)
		if len(items) == 0 || !isGroup(items[0], "(") {
			return "", nil, false
		}
		paren, rest = items[0].Group, items[1:]
	default:
		return "", nil, false
	}
	items, _ := groupItems(paren)
	if len(items) == 0 {
		return "", nil, false
	}
	if items[0].Number == "" && items[0].Ident == "" {
		return "", nil, false
	}
	var b strings.Builder
	for _, it := range items {
		switch {
		case it.Number != "":
			b.WriteString(it.Number)
		case isPunct(it, "+"):
			b.WriteString("+")
		case isPunct(it, minusTok...):
			b.WriteString("-")
		case it.Ident != "":
			if s := l.symbol(it.Ident); s != nil && (s.Kind == symbolic.SymVar || s.Kind == symbolic.SymDef) {
				return "", nil, false
			}
			b.WriteString(it.Ident)
		default:
			return "", nil, false
		}
	}
	var post []symbolic.Op
	if len(rest) > 0 {
		if post = transposeOps(rest); post == nil {
			return "", nil, false
		}
	}
	return b.String(), post, true
}

// applyPost applies the transposes or inverses written in a label.
func applyPost(e *symbolic.Expr, np *nameParts) *symbolic.Expr {
	for _, op := range np.post {
		e = unary(op, e, np.pos)
	}
	return e
}

// funcPower parses the textbook power of an elementwise function,
// tanh²(z) or sin³(x): the call raised to the power entry by entry
// (tanh(z) .^ 2), so that it reads the same for a scalar, a vector or a
// matrix argument. It applies to builtin elementwise functions the program
// does not redefine, written with a Unicode ² or ³ right before the
// argument's parenthesis.
func (l *lowerer) funcPower(c *cursor, np *nameParts) (*symbolic.Expr, bool, error) {
	sup := c.peek()
	// tanh^2(z), tanh^{2}(z): the same power written with a caret.
	var caret *grammar.Item
	if isPunct(sup, "^") {
		if caret = powerDigits(c.peekAt(1)); caret == nil || !isGroup(c.peekAt(2), "(") {
			return nil, false, nil
		}
	} else if sup == nil || (sup.Super != "²" && sup.Super != "³") || !isGroup(c.peekAt(1), "(") {
		return nil, false, nil
	}
	if len(np.subs) > 0 || np.label != "" || l.symbol(np.base) != nil {
		return nil, false, nil
	}
	fn, ok := builtinName(np.raw, np.base)
	if !ok || symbolic.Funcs[fn].Kind != symbolic.Elementwise || fn == "abs" {
		return nil, false, nil
	}
	c.next()
	k := 2.0
	if caret != nil {
		c.next()
		k, _ = parseUint(caret.Number)
		sup = caret
	}
	e, ok, err := l.maybeCall(c, np)
	if !ok || err != nil {
		return nil, true, err
	}
	if sup.Super == "³" {
		k = 3
	}
	return &symbolic.Expr{Op: symbolic.OpHPow, Args: []*symbolic.Expr{e, num(k, itemPos(sup))}, Pos: np.pos}, true, nil
}
