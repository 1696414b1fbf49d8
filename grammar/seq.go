package grammar

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Parse implements participle.Parseable: it reads tokens up to a statement
// separator, the end of input or an unmatched closing bracket, nesting
// groups with an explicit stack (no recursion, so nesting depth costs no
// stack). It returns participle.NextMatch when there is no token to read.
func (s *Seq) Parse(lex *lexer.PeekingLexer) error { return s.parse(lex) }

// seqSource is what Seq's parser reads from: participle's peeking lexer,
// or fastParse's cursor.
type seqSource interface {
	Peek() *lexer.Token
	Next() *lexer.Token
}

// parse is Parse over either token source. The items of the sequences
// still open wait on one scratch stack; a sequence that closes gets an
// exact copy, carved from a shared block (a few allocations per
// statement instead of one per growth of every sequence).
func (s *Seq) parse(lex seqSource) error {
	type frame struct {
		group *Group
		seq   *Seq
		start int // where seq's items begin on the scratch stack
	}
	var fbuf [8]frame
	stack := fbuf[:0]
	var sbuf [32]*Item
	scratch := sbuf[:0]
	// Items come from slabs, a few allocations instead of one per token.
	var slab []Item
	newItem := func(pos lexer.Position) *Item {
		if len(slab) == cap(slab) {
			slab = make([]Item, 0, min(max(2*cap(slab), 8), 64))
		}
		slab = append(slab, Item{Pos: pos})
		return &slab[len(slab)-1]
	}
	var block []*Item
	carve := func(items []*Item) []*Item {
		if len(items) == 0 {
			return nil
		}
		if cap(block)-len(block) < len(items) {
			block = make([]*Item, 0, max(32, len(items)))
		}
		at := len(block)
		block = append(block, items...)
		return block[at:len(block):len(block)]
	}
	cur, curStart := s, 0
	for {
		t := lex.Peek()
		if t.EOF() || (len(stack) == 0 && (t.Type == TokSemi || t.Type == TokNewline || t.Type == TokClose)) {
			break
		}
		if len(scratch) == curStart {
			cur.Pos = t.Pos
		}
		lex.Next()
		switch t.Type {
		case TokOpen:
			g := &Group{Pos: t.Pos, Open: t.Value}
			it := newItem(t.Pos)
			it.Group = g
			scratch = append(scratch, it)
			stack = append(stack, frame{g, cur, curStart})
			cur, curStart = &Seq{Pos: t.Pos}, len(scratch)
			continue
		case TokClose:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			top.group.EndPos, top.group.Close = t.Pos, t.Value
			cur.Items = carve(scratch[curStart:])
			scratch = scratch[:curStart]
			if len(cur.Items) > 0 {
				top.group.Body = cur
			}
			cur, curStart = top.seq, top.start
			cur.EndPos = endOf(t)
			continue
		case TokNewline:
			// Inside brackets a line break is a blank.
			continue
		case TokSemi:
			return participle.Errorf(t.Pos, "unexpected %q inside brackets", t.Value)
		}
		it := newItem(t.Pos)
		switch t.Type {
		case TokIdent:
			it.Ident = t.Value
		case tokNumber:
			it.Number = t.Value
		case TokCmd:
			it.Cmd = t.Value
		case tokSuper:
			it.Super = t.Value
		case tokSub:
			it.Sub = t.Value
		default:
			it.Punct = t.Value
		}
		scratch = append(scratch, it)
		cur.EndPos = endOf(t)
	}
	if len(stack) > 0 {
		open := stack[len(stack)-1].group
		return participle.Errorf(open.Pos, "%s opened here is never closed", open.Open)
	}
	s.Items = carve(scratch)
	if len(s.Items) == 0 {
		return participle.NextMatch
	}
	return nil
}

// endOf is the position just past a token.
func endOf(t *lexer.Token) lexer.Position {
	p := t.Pos
	p.Offset += len(t.Value)
	p.Column += len([]rune(t.Value))
	return p
}
