package parser

import (
	"slices"

	"deriv/grammar"
	"deriv/symbolic"
)

// cursor walks the flat item sequence of one expression or group body.
type cursor struct {
	items []*grammar.Item
	i     int
	// end is the offset just past the sequence, for "unexpected end".
	end symbolic.Pos
}

func newCursor(items []*grammar.Item, end symbolic.Pos) *cursor {
	return &cursor{items: items, end: end}
}

func (c *cursor) peek() *grammar.Item { return c.peekAt(0) }

func (c *cursor) peekAt(k int) *grammar.Item {
	if c.i+k < len(c.items) {
		return c.items[c.i+k]
	}
	return nil
}

func (c *cursor) next() *grammar.Item {
	it := c.peek()
	if it != nil {
		c.i++
	}
	return it
}

// replace puts it in place of the next item (the items are copied
// first: the grammar's sequence is not changed, so it can be lowered
// again).
func (c *cursor) replace(it *grammar.Item) {
	c.items = slices.Clone(c.items)
	c.items[c.i] = it
}

// insert puts it before the next item (the items are copied first).
func (c *cursor) insert(it *grammar.Item) {
	c.items = slices.Insert(slices.Clone(c.items), c.i, it)
}

// splitBar replaces the next item, "||", by two "|" items.
func (c *cursor) splitBar() {
	it := c.peek()
	first := &grammar.Item{Pos: it.Pos, Punct: "|"}
	second := &grammar.Item{Pos: it.Pos, Punct: "|"}
	second.Pos.Offset++
	second.Pos.Column++
	c.items = slices.Insert(slices.Clone(c.items), c.i+1, second)
	c.items[c.i] = first
}

// spaceBefore reports whether blanks (or dropped commands such as \,)
// stand between the previous item and the next one.
func (c *cursor) spaceBefore() bool {
	if c.i == 0 || c.i >= len(c.items) {
		return true
	}
	prev := c.items[c.i-1]
	end := prev.Pos.Offset + len(itemText(prev))
	if prev.Group != nil {
		end = prev.Group.EndPos.Offset + len(prev.Group.Close)
	}
	return c.items[c.i].Pos.Offset != end
}

// here is the position of the next item, or the end.
func (c *cursor) here() symbolic.Pos {
	if it := c.peek(); it != nil {
		return itemPos(it)
	}
	return c.end
}

func itemPos(it *grammar.Item) symbolic.Pos { return posOf(it.Pos) }

// itemText is an item's token text ("(" for a group).
func itemText(it *grammar.Item) string {
	switch {
	case it == nil:
		return ""
	case it.Group != nil:
		return it.Group.Open
	case it.Ident != "":
		return it.Ident
	case it.Number != "":
		return it.Number
	case it.Cmd != "":
		return it.Cmd
	case it.Super != "":
		return it.Super
	case it.Sub != "":
		return it.Sub
	}
	return it.Punct
}

// isPunct reports whether it is one of the punctuation tokens vals.
func isPunct(it *grammar.Item, vals ...string) bool {
	return it != nil && it.Punct != "" && slices.Contains(vals, it.Punct)
}

// isCmd reports whether it is one of the LaTeX commands vals.
func isCmd(it *grammar.Item, vals ...string) bool {
	return it != nil && it.Cmd != "" && slices.Contains(vals, it.Cmd)
}

// isIdent reports whether it is the identifier (one of vals, if given).
func isIdent(it *grammar.Item, vals ...string) bool {
	return it != nil && it.Ident != "" && (len(vals) == 0 || slices.Contains(vals, it.Ident))
}

// isGroup reports whether it is a group opened by one of opens.
func isGroup(it *grammar.Item, opens ...string) bool {
	return it != nil && it.Group != nil && slices.Contains(opens, it.Group.Open)
}

// groupItems returns a group's body items and the offset of its closing
// bracket.
func groupItems(g *grammar.Group) ([]*grammar.Item, symbolic.Pos) {
	end := posOf(g.EndPos)
	if g.Body == nil {
		return nil, end
	}
	return g.Body.Items, end
}

// splitCommas splits items at top-level commas.
func splitCommas(items []*grammar.Item) [][]*grammar.Item {
	return appendCommaParts(nil, items)
}

// appendCommaParts is splitCommas appending the parts to out.
func appendCommaParts(out [][]*grammar.Item, items []*grammar.Item) [][]*grammar.Item {
	start := 0
	for i, it := range items {
		if isPunct(it, ",") {
			out = append(out, items[start:i])
			start = i + 1
		}
	}
	return append(out, items[start:])
}

// Spellings of the tokens the expression parser treats specially.
var (
	minusTok   = []string{"-", "−", "–"}
	normBars   = []string{"‖", "||"}
	normCmds   = []string{`\|`, `\Vert`, `\lVert`, `\rVert`}
	absCmds    = []string{`\vert`, `\lvert`, `\rvert`}
	partialTok = []string{"∂"}
	primeTok   = []string{"'", "′"}
	fontCmds   = []string{`\mathbf`, `\boldsymbol`, `\bm`, `\vec`, `\mathit`, `\mathbb`, `\mathrm`, `\operatorname`, `\mathsf`, `\text`, `\textrm`}
	fracCmds   = []string{`\frac`, `\dfrac`, `\tfrac`, `\cfrac`}
	sumCmds    = []string{`\sum`}
)

// barKind classifies a bar token: "‖" for a norm bar, "|" for an
// absolute-value bar, "" for anything else.
func barKind(it *grammar.Item) string {
	switch {
	case isPunct(it, normBars...) || isCmd(it, normCmds...):
		return "‖"
	case isPunct(it, "|") || isCmd(it, absCmds...):
		return "|"
	}
	return ""
}
