package parser

import (
	"strings"
	"unicode"

	"deriv/grammar"
	"deriv/symbolic"
)

// This file is the precedence climbing over an expression's flat item
// sequence. Binding powers come from symbolic.OpTable, the table the
// printers read too.

// seq lowers a whole expression sequence; every item must be used.
func (l *lowerer) seq(s *grammar.Seq) (*symbolic.Expr, error) {
	return l.items(s.Items, posOf(s.EndPos))
}

// items lowers a complete item sequence ending at end. Bars still open
// outside the sequence do not close inside it.
func (l *lowerer) items(items []*grammar.Item, end symbolic.Pos) (*symbolic.Expr, error) {
	saved := l.closers
	l.closers = nil
	defer func() { l.closers = saved }()
	c := newCursor(items, end)
	if c.peek() == nil {
		return nil, errUnexpectedEnd(end, "an expression")
	}
	e, err := l.expr(c, symbolic.PrecSum)
	if err != nil {
		return nil, err
	}
	if it := c.peek(); it != nil {
		return nil, errUnexpected(itemPos(it), itemText(it))
	}
	return e, nil
}

// group lowers a bracketed group's body as one expression.
func (l *lowerer) group(g *grammar.Group) (*symbolic.Expr, error) {
	items, end := groupItems(g)
	if len(items) == 0 {
		return nil, errUnexpected(end, closer(g.Open))
	}
	return l.items(items, end)
}

// infixOps maps binary operator spellings (tokens and commands) to ops.
var infixOps = map[string]symbolic.Op{}

func init() {
	for _, op := range []symbolic.Op{symbolic.OpAdd, symbolic.OpSub, symbolic.OpMul, symbolic.OpDiv,
		symbolic.OpHad, symbolic.OpHDiv, symbolic.OpHPow, symbolic.OpPow} {
		for _, s := range symbolic.OpTable[op].Spellings {
			infixOps[s] = op
		}
	}
	infixOps["–"] = symbolic.OpSub
	infixOps["⋅"] = symbolic.OpMul
	infixOps["×"] = symbolic.OpMul
}

// expr parses operands joined by operators that bind at least as tightly as
// min.
func (l *lowerer) expr(c *cursor, min symbolic.Prec) (*symbolic.Expr, error) {
	if err := l.enter(c.here()); err != nil {
		return nil, err
	}
	defer l.leave()
	left, err := l.prefix(c, min)
	if err != nil {
		return nil, err
	}
	for {
		it := c.peek()
		if it == nil || l.closesBar(c, it) {
			return left, nil
		}
		if ok, err := l.postfix(c, &left); err != nil {
			return nil, err
		} else if ok {
			continue
		}
		var op symbolic.Op
		isOp := false
		if it.Punct != "" || it.Cmd != "" {
			// (Only a token or a command is an operator.)
			op, isOp = infixOps[itemText(it)]
		}
		if isOp {
			info := symbolic.OpTable[op]
			if info.Prec < min {
				return left, nil
			}
			c.next()
			next := info.Prec + 1
			if info.RightAssoc {
				next = info.Prec
			}
			right, err := l.expr(c, next)
			if err != nil {
				return nil, err
			}
			if op == symbolic.OpMul {
				left = foldOnes(left, right, itemPos(it))
				continue
			}
			left = symbolic.Node(op, itemPos(it), left, right)
			continue
		}
		if !l.startsOperand(it) || symbolic.PrecProd < min {
			return left, nil
		}
		// Juxtaposition: a product with no operator token.
		right, err := l.expr(c, symbolic.PrecProd+1)
		if err != nil {
			return nil, err
		}
		left = foldOnes(left, right, right.Pos)
	}
}

// startsOperand reports whether it can begin an operand (for
// juxtaposition).
func (l *lowerer) startsOperand(it *grammar.Item) bool {
	switch {
	case it.Group != nil:
		return it.Group.Open != `\{`
	case it.Ident != "":
		return it.Ident != "in" && it.Ident != "for"
	case it.Number != "":
		return true
	case it.Cmd != "":
		_, isOp := infixOps[it.Cmd]
		return !isOp && !isCmd(it, `\top`, `\intercal`, `\in`, `\to`, `\rightarrow`, `\rVert`, `\rvert`, `\dots`, `\ldots`, `\cdots`, `\prime`, `\}`)
	case it.Punct != "":
		return isPunct(it, "∂", "∇", "∑", "½", "𝟙") || barKind(it) != ""
	}
	return false
}

// closesBar reports whether it closes the innermost open bar.
func (l *lowerer) closesBar(c *cursor, it *grammar.Item) bool {
	if len(l.closers) == 0 {
		return false
	}
	if isCmd(it, `\lVert`, `\lvert`) {
		return false
	}
	top := l.closers[len(l.closers)-1]
	if top == "|" && isPunct(it, "||") {
		// |x - |x||: "||" right after an operand inside |…| closes it
		// (and the outer bar); with a blank before it, |2 ||x|| | is a
		// norm.
		return !c.spaceBefore()
	}
	return barKind(it) == top
}

// postfix applies a postfix operator (transpose, inverse, a Unicode power,
// ^{\circ k}) at the cursor to *left, reporting whether there was one.
func (l *lowerer) postfix(c *cursor, left **symbolic.Expr) (bool, error) {
	it := c.peek()
	p := itemPos(it)
	switch {
	case isPunct(it, primeTok...):
		c.next()
		*left = unary(symbolic.OpT, *left, p)
		return true, nil
	case it.Super != "":
		c.next()
		e, err := applySuper(*left, it.Super, p)
		if err != nil {
			return false, err
		}
		*left = e
		return true, nil
	case isPunct(it, "^"):
		ops, hp, n, err := l.superOps(c)
		if err != nil || n == 0 {
			return false, err
		}
		if hp != nil {
			*left = &symbolic.Expr{Op: symbolic.OpHPow, Args: []*symbolic.Expr{*left, hp}, Pos: p}
			return true, nil
		}
		for _, op := range ops {
			*left = unary(op, *left, p)
		}
		return true, nil
	}
	return false, nil
}

// superOps reads a superscript after "^" that is not a power: T, \top,
// \intercal, {T}, {\top}, {\mathsf{T}}, -1, {-1}, (-1), {-T}, {-\top};
// it returns the unary ops to apply (shared: only read) and how many items
// it used (0 when the superscript is a power). For ^{\circ k} it returns
// the exponent k instead of ops.
func (l *lowerer) superOps(c *cursor) ([]symbolic.Op, *symbolic.Expr, int, error) {
	arg := c.peekAt(1)
	if arg == nil {
		return nil, nil, 0, nil
	}
	if rest, ok := l.glued(arg); ok {
		// x^Tx, x^TAx: as in TeX, the superscript is one letter.
		c.i++
		c.replace(rest)
		return opsT, nil, 1, nil
	}
	var body []*grammar.Item
	n := 2
	if isGroup(arg, "{", "(") {
		body, _ = groupItems(arg.Group)
	} else if isPunct(arg, minusTok...) {
		body = []*grammar.Item{arg, c.peekAt(2)}
		n = 3
	} else if isCmd(arg, `\mathsf`, `\mathrm`) {
		body = []*grammar.Item{arg, c.peekAt(2)}
		n = 3
	} else {
		body = []*grammar.Item{arg}
	}
	if len(body) >= 2 && isCmd(body[0], `\circ`) && isGroup(arg, "{") {
		items, end := groupItems(arg.Group)
		k, err := l.items(items[1:], end)
		if err != nil {
			return nil, nil, 0, err
		}
		c.i += 2
		return nil, k, 2, nil
	}
	ops := transposeOps(body)
	if ops == nil {
		return nil, nil, 0, nil
	}
	c.i += n
	return ops, nil, n, nil
}

// The op lists transposeOps returns (shared, only read).
var (
	opsT    = []symbolic.Op{symbolic.OpT}
	opsInv  = []symbolic.Op{symbolic.OpInv}
	opsInvT = []symbolic.Op{symbolic.OpInv, symbolic.OpT}
)

// glued recognises a transpose glued to the next name, as in TeX's x^Tx
// (the word "Tx" is not a name of the program and continues with a
// letter), and returns the item left after the T.
func (l *lowerer) glued(arg *grammar.Item) (*grammar.Item, bool) {
	runes := []rune(arg.Ident)
	if len(runes) < 2 || runes[0] != 'T' || !unicode.IsLetter(runes[1]) {
		return nil, false
	}
	if name, _ := canonName(arg.Ident); l.symbol(name) != nil {
		return nil, false
	}
	rest := &grammar.Item{Pos: arg.Pos, Ident: string(runes[1:])}
	rest.Pos.Offset++
	rest.Pos.Column++
	return rest, true
}

// transposeOps recognises the body of a transpose or inverse superscript.
func transposeOps(body []*grammar.Item) []symbolic.Op {
	isT := func(items []*grammar.Item) bool {
		switch len(items) {
		case 1:
			return isIdent(items[0], "T") || isCmd(items[0], `\top`, `\intercal`, `\mathsf{T}`) || (items[0] != nil && items[0].Super == "ᵀ")
		case 2:
			if isCmd(items[0], `\mathsf`, `\mathrm`) && isGroup(items[1], "{") {
				inner, _ := groupItems(items[1].Group)
				return len(inner) == 1 && isIdent(inner[0], "T")
			}
		}
		return false
	}
	if len(body) == 1 && body[0] != nil && body[0].Super != "" {
		// W^{(2)ᵀ}, W^{(2)⁻¹}, W^{(2)⁻ᵀ}: Unicode superscripts in the braces.
		switch body[0].Super {
		case "⁻¹":
			return opsInv
		case "⁻ᵀ":
			return opsInvT
		}
	}
	switch {
	case isT(body):
		return opsT
	case len(body) >= 2 && isPunct(body[0], minusTok...):
		rest := body[1:]
		if len(rest) == 1 && rest[0] != nil && rest[0].Number == "1" {
			return opsInv
		}
		if isT(rest) {
			return opsInvT
		}
	}
	return nil
}

// unary builds a one-argument node.
func unary(op symbolic.Op, x *symbolic.Expr, p symbolic.Pos) *symbolic.Expr {
	return symbolic.Node(op, p, x)
}

// applySuper applies a Unicode superscript that follows an operand: ᵀ,
// ⁻¹, ⁻ᵀ, or a power such as ² or ¹⁰.
func applySuper(x *symbolic.Expr, sup string, p symbolic.Pos) (*symbolic.Expr, error) {
	s := plain(sup, unSuper)
	switch s {
	case "T":
		return unary(symbolic.OpT, x, p), nil
	case "-1":
		return unary(symbolic.OpInv, x, p), nil
	case "-T", "-1T":
		return unary(symbolic.OpT, unary(symbolic.OpInv, x, p), p), nil
	}
	if v, ok := parseUint(s); ok {
		return &symbolic.Expr{Op: symbolic.OpPow, Args: []*symbolic.Expr{x, num(v, p)}, Pos: p}, nil
	}
	if v, ok := parseUint(strings.TrimPrefix(s, "-")); ok && strings.HasPrefix(s, "-") {
		// A⁻²: a negative power, as A^{-2}.
		return &symbolic.Expr{Op: symbolic.OpPow, Args: []*symbolic.Expr{x, unary(symbolic.OpNeg, num(v, p), p)}, Pos: p}, nil
	}
	return nil, errMisplacedSuper(p, sup)
}

// parseUint parses a string of decimal digits.
func parseUint(s string) (float64, bool) {
	if s == "" || len(s) > 15 {
		return 0, false
	}
	v := 0.0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		v = v*10 + float64(r-'0')
	}
	return v, true
}

// num builds a number node.
func num(v float64, p symbolic.Pos) *symbolic.Expr {
	return &symbolic.Expr{Op: symbolic.OpNum, Num: v, Pos: p}
}
