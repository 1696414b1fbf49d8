package parser

import (
	"slices"
	"strconv"

	"deriv/grammar"
	"deriv/symbolic"
)

// sum parses Σ_{i=1}^{n} body (also ∑, \sum, sum_, with the bounds in
// either order or missing). The body is a product term. Missing bounds
// come from the index's declaration or from a family the body indexes
// with it.
func (l *lowerer) sum(c *cursor, p symbolic.Pos) (*symbolic.Expr, error) {
	var index string
	var lo, hi *symbolic.Expr
	for range 2 {
		it := c.peek()
		switch {
		case isPunct(it, "_") || it != nil && it.Sub != "":
			var items []*grammar.Item
			if it.Sub != "" {
				c.next()
				items = []*grammar.Item{{Pos: it.Pos, Ident: plain(it.Sub, unSub)}}
			} else {
				arg := c.peekAt(1)
				if arg == nil {
					return nil, errUnexpectedEnd(c.end, "the sum's index")
				}
				c.i += 2
				items = []*grammar.Item{arg}
				if arg.Group != nil {
					items, _ = groupItems(arg.Group)
				}
			}
			if len(items) == 0 || (items[0].Ident == "" && items[0].Cmd == "") {
				return nil, errExpected(itemPos(it), "the sum's index", itemText(it))
			}
			name, ok := canonName(itemText(items[0]))
			if !ok {
				return nil, errUnexpected(itemPos(items[0]), itemText(items[0]))
			}
			index = name
			if len(items) > 1 {
				if !isPunct(items[1], "=") || len(items) != 3 {
					return nil, errExpected(itemPos(items[1]), "= and a lower bound", itemText(items[1]))
				}
				b, err := l.boundOne(items[2])
				if err != nil {
					return nil, err
				}
				lo = b
			}
		case isPunct(it, "^"):
			arg := c.peekAt(1)
			if arg == nil {
				return nil, errUnexpectedEnd(c.end, "the sum's upper bound")
			}
			c.i += 2
			items := []*grammar.Item{arg}
			if arg.Group != nil {
				items, _ = groupItems(arg.Group)
			}
			b, err := l.boundItems(items, itemPos(arg))
			if err != nil {
				return nil, err
			}
			hi = b
		}
	}
	if index == "" {
		return nil, errExpected(c.here(), "the sum's index, as in Σ_{i=1}^{n}", itemText(c.peek()))
	}
	shadows := l.isBound(index)
	l.bound = append(l.bound, index)
	body, err := l.expr(c, symbolic.PrecElem)
	l.bound = l.bound[:len(l.bound)-1]
	if err != nil {
		return nil, err
	}
	if shadows {
		// Σ_i b_i Σ_i b_i x²: the inner i shadows the outer one. Give it
		// a name of its own, so that differentiation, simplification and
		// evaluation, which see one flat namespace, keep them apart.
		fresh := l.freshIndex(body)
		body = renameIndex(body, index, fresh)
		index = fresh
	}
	if lo == nil {
		lo = num(1, symbolic.NoPos)
	}
	if hi == nil {
		count := l.rangeOf(index, body)
		if count == "" {
			return nil, errSumRange(p, index)
		}
		hi = dimExpr(count)
	}
	if !l.readOnly && l.symbol(index) == nil {
		l.addSymbol(index, &symbolic.Symbol{Name: index, Kind: symbolic.SymIndex, Count: exprDim(hi), Pos: p})
	}
	return &symbolic.Expr{Op: symbolic.OpSum, Name: index, Args: []*symbolic.Expr{lo, hi, body}, Pos: p}, nil
}

// boundOne lowers a single-token sum bound: a number or a dimension name.
func (l *lowerer) boundOne(it *grammar.Item) (*symbolic.Expr, error) {
	return l.boundItems([]*grammar.Item{it}, itemPos(it))
}

// boundItems lowers a sum bound: a whole number, or a dimension name with
// an optional label (n, d^{(1)}). Dimension names are not variables.
func (l *lowerer) boundItems(items []*grammar.Item, at symbolic.Pos) (*symbolic.Expr, error) {
	if len(items) == 0 {
		return nil, errExpected(at, "a bound", "")
	}
	first := items[0]
	if len(items) == 1 {
		if v, ok := parseUint(first.Number); ok {
			return num(v, itemPos(first)), nil
		}
	}
	if first.Ident == "" && first.Cmd == "" {
		return nil, errExpected(itemPos(first), "a number or a dimension name", itemText(first))
	}
	name, ok := canonName(itemText(first))
	if !ok {
		return nil, errUnexpected(itemPos(first), itemText(first))
	}
	c := newCursor(items[1:], at)
	np, err := l.nameSuffix(c, itemText(first), name, itemPos(first))
	if err != nil {
		return nil, err
	}
	if c.peek() != nil {
		return nil, errUnexpected(c.here(), itemText(c.peek()))
	}
	return &symbolic.Expr{Op: symbolic.OpVar, Name: symbolic.VarKey(np.base, np.label), Pos: np.pos}, nil
}

// rangeOf finds the range end of index: its declaration, the count of a
// family that body subscripts with it, or the length of a declared vector
// or matrix whose entries it indexes (\sum_j x_j^2 with x ∈ R^d runs to d).
func (l *lowerer) rangeOf(index string, body *symbolic.Expr) symbolic.Dim {
	if s := l.symbol(index); s != nil && s.Kind == symbolic.SymIndex {
		return s.Count
	}
	var found symbolic.Dim
	var walk func(e *symbolic.Expr)
	walk = func(e *symbolic.Expr) {
		if found != "" {
			return
		}
		if len(e.Sub) == 1 && e.Sub[0].Op == symbolic.OpVar && e.Sub[0].Name == index {
			if s := l.symbol(e.Key()); s != nil && s.Count != "" {
				found = s.Count
				return
			}
		}
		if s := l.symbol(e.Key()); s != nil && s.Kind == symbolic.SymVar && s.Count == "" && s.Declared && len(e.Sub) == len(s.Shape) {
			for k, sub := range e.Sub {
				if sub.Op == symbolic.OpVar && sub.Name == index && len(sub.Sub) == 0 {
					found = s.Shape[k]
					return
				}
			}
		}
		for _, a := range e.Args {
			walk(a)
		}
	}
	walk(body)
	return found
}

// dimExpr writes a dimension as a sum bound.
func dimExpr(d symbolic.Dim) *symbolic.Expr {
	if v, ok := parseUint(string(d)); ok {
		return num(v, symbolic.NoPos)
	}
	return &symbolic.Expr{Op: symbolic.OpVar, Name: string(d), Pos: symbolic.NoPos}
}

// exprDim reads a sum bound back as a dimension.
func exprDim(e *symbolic.Expr) symbolic.Dim {
	if e.Op == symbolic.OpNum {
		return symbolic.Dim(formatUint(e.Num))
	}
	return symbolic.Dim(e.Name)
}

func formatUint(v float64) string {
	if v < 0 || v != float64(int64(v)) {
		return ""
	}
	digits := []byte{}
	n := int64(v)
	for {
		digits = append(digits, byte('0'+n%10))
		n /= 10
		if n == 0 {
			break
		}
	}
	slices.Reverse(digits)
	return string(digits)
}

// nameAt parses a plain name (with subscripts and label) at the cursor and
// resolves it to a variable.
func (l *lowerer) nameAt(c *cursor) (*symbolic.Expr, error) {
	it := c.next()
	if it == nil {
		return nil, errUnexpectedEnd(c.end, "a name")
	}
	if it.Ident == "" && it.Cmd == "" {
		return nil, errExpected(itemPos(it), "a name", itemText(it))
	}
	raw, ones, err := l.wordText(c, it)
	if err != nil {
		return nil, err
	}
	if ones {
		return nil, errExpected(itemPos(it), "a name", "𝟙")
	}
	name, ok := canonName(raw)
	if !ok {
		return nil, errExpected(itemPos(it), "a name", raw)
	}
	np, err := l.nameSuffix(c, raw, name, itemPos(it))
	if err != nil {
		return nil, err
	}
	return l.resolveVar(&np)
}

// nameIn parses items that must be exactly one name.
func (l *lowerer) nameIn(items []*grammar.Item, end symbolic.Pos) (*symbolic.Expr, error) {
	c := newCursor(items, end)
	v, err := l.nameAt(c)
	if err != nil {
		return nil, err
	}
	if c.peek() != nil {
		return nil, errUnexpected(c.here(), itemText(c.peek()))
	}
	return v, nil
}

func deriv(f, x *symbolic.Expr, p symbolic.Pos) *symbolic.Expr {
	return &symbolic.Expr{Op: symbolic.OpDeriv, Args: []*symbolic.Expr{f, x}, Pos: p}
}

// freshIndex picks an index name not used in scope: not a name of the
// program, not bound by an enclosing sum, not a dimension or count, and
// not mentioned in body.
func (l *lowerer) freshIndex(body *symbolic.Expr) string {
	used := symbolic.ProgramDims(l.prog)
	mentioned := map[string]bool{}
	mentions(body, mentioned)
	free := func(n string) bool {
		return l.symbol(n) == nil && !l.isBound(n) && !used[symbolic.Dim(n)] && !mentioned[n]
	}
	for _, n := range []string{"j", "k", "l", "m", "p", "q", "r", "s", "u", "v"} {
		if free(n) {
			return n
		}
	}
	for k := 1; ; k++ {
		if n := "i" + strconv.Itoa(k); free(n) {
			return n
		}
	}
}

// mentions adds every name e mentions (variables, subscripts, bound
// indices) to out.
func mentions(e *symbolic.Expr, out map[string]bool) {
	if e == nil {
		return
	}
	if e.Op == symbolic.OpVar || e.Op == symbolic.OpSum {
		out[e.Name] = true
	}
	for _, a := range e.Args {
		mentions(a, out)
	}
	for _, a := range e.Sub {
		mentions(a, out)
	}
}

// renameIndex returns body with the index from renamed to to, wherever it
// is used: as a subscript, as a value, or in a bound. Sums inside body
// that bind from themselves were renamed when they were read.
func renameIndex(e *symbolic.Expr, from, to string) *symbolic.Expr {
	if e == nil {
		return nil
	}
	out := *e
	if e.Op == symbolic.OpVar && e.Name == from && e.Label == "" && len(e.Sub) == 0 {
		out.Name = to
		return &out
	}
	if len(e.Args) > 0 {
		out.Args = make([]*symbolic.Expr, len(e.Args))
		for i, a := range e.Args {
			out.Args[i] = renameIndex(a, from, to)
		}
	}
	if len(e.Sub) > 0 {
		out.Sub = make([]*symbolic.Expr, len(e.Sub))
		for i, a := range e.Sub {
			out.Sub[i] = renameIndex(a, from, to)
		}
	}
	return &out
}
