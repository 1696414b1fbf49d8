package grammar

import (
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Parse implements participle.Parseable: it reads tokens up to a statement
// separator, the end of input or an unmatched closing bracket, nesting
// groups with an explicit stack (no recursion, so nesting depth costs no
// stack). It returns participle.NextMatch when there is no token to read.
func (s *Seq) Parse(lex *lexer.PeekingLexer) error { return s.parse(lex, &seqArena{}) }

// seqSource is what Seq's parser reads from: participle's peeking lexer,
// or fastParse's cursor.
type seqSource interface {
	Peek() *lexer.Token
	Next() *lexer.Token
}

// seqArena is where Seq's parser takes its nodes from: fastParse keeps
// one for all the sequences of a parse (see fast.seq); participle's path
// starts an empty one per sequence.
type seqArena struct {
	items  slab[Item]
	ptrs   ptrSlab[Item]
	groups slab[Group]
	seqs   slab[Seq]
}

// item returns a fresh item at pos.
func (a *seqArena) item(pos lexer.Position) *Item { return a.items.new(Item{Pos: pos}) }

// carve returns an exact copy of items (nil for none), cut from a shared
// block.
func (a *seqArena) carve(items []*Item) []*Item { return a.ptrs.carve(items) }

// parse is Parse over either token source, taking nodes from a. The
// items of the sequences still open wait on one scratch stack; a
// sequence that closes gets an exact copy, carved from a shared block (a
// few allocations per statement instead of one per growth of every
// sequence).
func (s *Seq) parse(lex seqSource, a *seqArena) error {
	type frame struct {
		group *Group
		seq   *Seq
		start int          // where seq's items begin on the scratch stack
		last  *lexer.Token // seq's last token so far
	}
	var fbuf [8]frame
	stack := fbuf[:0]
	var sbuf [32]*Item
	scratch := sbuf[:0]
	cur, curStart := s, 0
	// last is cur's last token so far: its end is cur's EndPos, worked
	// out when cur closes.
	var last *lexer.Token
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
			g := a.groups.new(Group{Pos: t.Pos, Open: t.Value})
			it := a.item(t.Pos)
			it.Group = g
			scratch = append(scratch, it)
			stack = append(stack, frame{g, cur, curStart, last})
			cur, curStart, last = a.seqs.new(Seq{Pos: t.Pos}), len(scratch), nil
			continue
		case TokClose:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			top.group.EndPos, top.group.Close = t.Pos, t.Value
			cur.Items = a.carve(scratch[curStart:])
			scratch = scratch[:curStart]
			if last != nil {
				cur.EndPos = endOf(last)
			}
			if len(cur.Items) > 0 {
				top.group.Body = cur
			}
			cur, curStart, last = top.seq, top.start, t
			continue
		case TokNewline:
			// Inside brackets a line break is a blank.
			continue
		case TokSemi:
			return participle.Errorf(t.Pos, "unexpected %q inside brackets", t.Value)
		}
		it := a.item(t.Pos)
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
		last = t
	}
	if len(stack) > 0 {
		open := stack[len(stack)-1].group
		return participle.Errorf(open.Pos, "%s opened here is never closed", open.Open)
	}
	s.Items = a.carve(scratch)
	if last != nil {
		s.EndPos = endOf(last)
	}
	if len(s.Items) == 0 {
		return participle.NextMatch
	}
	return nil
}

// endOf is the position just past a token.
func endOf(t *lexer.Token) lexer.Position {
	p := t.Pos
	p.Offset += len(t.Value)
	p.Column += utf8.RuneCountInString(t.Value)
	return p
}
