package grammar

import (
	"github.com/alecthomas/participle/v2/lexer"
)

// fastParse is the grammar of grammar.go's struct tags written out by hand
// as a recursive-descent parser with participle's semantics under
// UseLookahead(MaxLookahead): ordered choice, a failed alternative rewinds
// and the next is tried, an optional or repeated group that fails matches
// nothing, the first alternative that succeeds is kept, and a string field
// captures the concatenated values of the tokens it matched. A literal
// ('∈', 'in', '{') matches a token of any type with that value; a
// reference (Ident, Number) matches a token type.
//
// It builds exactly the Program participle would (TestFastMatchesParticiple
// and FuzzFastParse hold it to that) without building participle's parser
// (about 2 ms at first use) or reflecting on every token. It only answers
// for input it accepts: on anything it cannot parse it returns false and
// ParseTokens asks participle, whose errors say what went wrong where.
func fastParse(toks []lexer.Token) (*Program, bool) {
	p, prog := newFast(toks)
	p.seps()
	if st, ok := p.stmt(); ok {
		prog.Stmts = append(prog.Stmts, st)
		for {
			if !p.seps() {
				break
			}
			st, ok := p.stmt()
			if !ok {
				// The separators matched on their own (the statement is
				// optional); a failed statement consumed nothing.
				continue
			}
			prog.Stmts = append(prog.Stmts, st)
		}
	}
	if !p.peek().EOF() {
		return nil, false
	}
	if len(prog.Stmts) == 0 {
		prog.Stmts = nil // as participle leaves it
	}
	return prog, true
}

func (p *fast) peek() *lexer.Token { return &p.toks[p.i] }

// Peek and Next let Seq's parser read from the cursor (see seqSource).
func (p *fast) Peek() *lexer.Token { return p.peek() }

func (p *fast) Next() *lexer.Token {
	t := &p.toks[p.i]
	if !t.EOF() {
		p.i++
	}
	return t
}

// lit consumes the next token if its value is one of vals.
func (p *fast) lit(vals ...string) (string, bool) {
	t := p.peek()
	if t.Type == lexer.EOF || t.Type == TokSemi || t.Type == TokNewline {
		// No literal of the grammar is a separator.
		return "", false
	}
	for _, v := range vals {
		if t.Value == v {
			p.i++
			return v, true
		}
	}
	return "", false
}

// typ consumes the next token if it has one of the types.
func (p *fast) typ(types ...lexer.TokenType) (string, bool) {
	t := p.peek()
	for _, ty := range types {
		if t.Type == ty {
			p.i++
			return t.Value, true
		}
	}
	return "", false
}

// seps reads ( Semi | Newline )+.
func (p *fast) seps() bool {
	n := 0
	for {
		t := p.peek()
		if t.Type != TokSemi && t.Type != TokNewline {
			return n > 0
		}
		p.i++
		n++
	}
}

// try runs f and rewinds the cursor when it fails.
func try[T any](p *fast, f func() (T, bool)) (T, bool) {
	save := p.i
	v, ok := f()
	if !ok {
		p.i = save
	}
	return v, ok
}

var (
	dotsLits  = []string{"…", "...", `\dots`, `\ldots`, `\cdots`}
	inLits    = []string{"∈", "in", `\in`, ":"}
	arrowLits = []string{"→", "->", "⟶", `\to`, `\rightarrow`, `\longrightarrow`}
	timesLits = []string{"×", "x", `\times`, ",", "*"}
	fontLits  = []string{`\mathbf`, `\boldsymbol`, `\bm`, `\vec`, `\mathrm`, `\mathit`, `\operatorname`}
	eqLits    = []string{"=", ":=", "≔"}
	labelLits = []string{"+", "-", "−"}
)

// stmt: Decl | Def | Seq. A declaration needs an In token and a
// definition an Eq token before the statement's first separator (neither
// rule matches a separator's value), so when the line has none that
// alternative is not tried.
func (p *fast) stmt() (*Stmt, bool) {
	pos := p.peek().Pos
	hasIn, hasEq := p.scanAhead()
	if hasIn {
		if d, ok := p.quickDecl(); ok {
			return p.aStmt.new(Stmt{Pos: pos, Decl: d}), true
		}
		if d, ok := try(p, p.decl); ok {
			return p.aStmt.new(Stmt{Pos: pos, Decl: d}), true
		}
	}
	if hasEq {
		if d, ok := p.quickDef(); ok {
			return p.aStmt.new(Stmt{Pos: pos, Def: d}), true
		}
		if d, ok := try(p, p.def); ok {
			return p.aStmt.new(Stmt{Pos: pos, Def: d}), true
		}
	}
	if s, ok := try(p, p.seq); ok {
		return p.aStmt.new(Stmt{Pos: pos, Expr: s}), true
	}
	return nil, false
}

// scanAhead reports whether an In or an Eq literal comes before the next
// Semi, Newline or EOF. Those literals are punctuation but for "in"
// (an identifier) and \in (a command), so most tokens are passed over by
// their type alone.
func (p *fast) scanAhead() (hasIn, hasEq bool) {
	for i := p.i; i < len(p.toks); i++ {
		t := &p.toks[i]
		switch t.Type {
		case TokSemi, TokNewline, lexer.EOF:
			return hasIn, hasEq
		case TokIdent:
			hasIn = hasIn || t.Value == "in"
		case TokCmd:
			hasIn = hasIn || t.Value == `\in`
		case tokPunct:
			// inLits and eqLits as they are spelled in punctuation.
			switch t.Value {
			case "∈", ":":
				hasIn = true
			case "=", ":=", "≔":
				hasEq = true
			}
		}
	}
	return hasIn, hasEq
}

// oneOf reports whether v is one of vals.
func oneOf(v string, vals []string) bool {
	for _, w := range vals {
		if v == w {
			return true
		}
	}
	return false
}

// decl: DeclPart ( ',' DeclPart )* ( ','? Range )?
func (p *fast) decl() (*Decl, bool) {
	d := Decl{Pos: p.peek().Pos}
	part, ok := p.declPart()
	if !ok {
		return nil, false
	}
	var buf [4]*DeclPart
	parts := append(buf[:0], part)
	for {
		part, ok := try(p, func() (*DeclPart, bool) {
			if _, ok := p.lit(","); !ok {
				return nil, false
			}
			return p.declPart()
		})
		if !ok {
			break
		}
		parts = append(parts, part)
	}
	d.Parts = p.lParts.carve(parts)
	if r, ok := try(p, func() (*Range, bool) {
		p.lit(",")
		return p.rng()
	}); ok {
		d.Range = r
	}
	return p.aDecl.new(d), true
}

// declPart: DeclName ( ',' DeclName )* In Space
func (p *fast) declPart() (*DeclPart, bool) {
	d := DeclPart{Pos: p.peek().Pos}
	n, ok := p.declName()
	if !ok {
		return nil, false
	}
	var buf [8]*DeclName
	names := append(buf[:0], n)
	for {
		n, ok := try(p, func() (*DeclName, bool) {
			if _, ok := p.lit(","); !ok {
				return nil, false
			}
			return p.declName()
		})
		if !ok {
			break
		}
		names = append(names, n)
	}
	if d.In, ok = p.lit(inLits...); !ok {
		return nil, false
	}
	if d.Space, ok = p.space(); !ok {
		return nil, false
	}
	d.Targets = p.lNames.carve(names)
	return p.aDeclPart.new(d), true
}

// declName: Dots | Target
func (p *fast) declName() (*DeclName, bool) {
	pos := p.peek().Pos
	if v, ok := p.lit(dotsLits...); ok {
		return p.aDeclName.new(DeclName{Pos: pos, Dots: v}), true
	}
	if t, ok := try(p, p.target); ok {
		return p.aDeclName.new(DeclName{Pos: pos, Target: t}), true
	}
	return nil, false
}

// rng: For? Target ( '=' | '∈' | '\in' | 'in' ) ( '{' Interval '}' | '\{' Interval '\}' | Interval )
func (p *fast) rng() (*Range, bool) {
	r := Range{Pos: p.peek().Pos}
	if _, ok := p.lit("for"); ok {
		r.For = true
	} else if ok := p.textFor(); ok {
		r.For = true
	}
	var ok bool
	if r.Index, ok = p.target(); !ok {
		return nil, false
	}
	if _, ok := p.lit("=", "∈", `\in`, "in"); !ok {
		return nil, false
	}
	if r.Set, ok = p.bracedInterval(true); !ok {
		return nil, false
	}
	return p.aRange.new(r), true
}

// textFor: ( '\text' | '\mbox' | '\textrm' ) '{' 'for' '}', rewound when
// it fails.
func (p *fast) textFor() bool {
	_, ok := try(p, func() (struct{}, bool) {
		if _, ok := p.lit(`\text`, `\mbox`, `\textrm`); !ok {
			return struct{}{}, false
		}
		for _, v := range []string{"{", "for", "}"} {
			if _, ok := p.lit(v); !ok {
				return struct{}{}, false
			}
		}
		return struct{}{}, true
	})
	return ok
}

// bracedInterval: '{' Interval '}' | '\{' Interval '\}', and with bare
// also a plain Interval.
func (p *fast) bracedInterval(bare bool) (*Interval, bool) {
	for _, br := range [][2]string{{"{", "}"}, {`\{`, `\}`}} {
		if iv, ok := try(p, func() (*Interval, bool) {
			if _, ok := p.lit(br[0]); !ok {
				return nil, false
			}
			iv, ok := p.interval()
			if !ok {
				return nil, false
			}
			if _, ok := p.lit(br[1]); !ok {
				return nil, false
			}
			return iv, true
		}); ok {
			return iv, true
		}
	}
	if bare {
		return try(p, p.interval)
	}
	return nil, false
}

// interval: Dim ( '..' | ',' Dots ',' ) Dim
func (p *fast) interval() (*Interval, bool) {
	iv := p.aInterval.new(Interval{Pos: p.peek().Pos})
	var ok bool
	if iv.Lo, ok = p.dim(); !ok {
		return nil, false
	}
	if _, ok := p.lit(".."); !ok {
		if _, ok := try(p, func() (struct{}, bool) {
			_, a := p.lit(",")
			if a {
				_, a = p.lit(dotsLits...)
			}
			if a {
				_, a = p.lit(",")
			}
			return struct{}{}, a
		}); !ok {
			return nil, false
		}
	}
	if iv.Hi, ok = p.dim(); !ok {
		return nil, false
	}
	return iv, true
}

// space: '{' Interval '}' | '\{' Interval '\}' | Reals
func (p *fast) space() (*Space, bool) {
	s := p.aSpace.new(Space{Pos: p.peek().Pos})
	if iv, ok := p.bracedInterval(false); ok {
		s.Set = iv
		return s, true
	}
	if r, ok := try(p, p.reals); ok {
		s.Reals = r
		return s, true
	}
	return nil, false
}

// reals: R ( '^' Dims )? ( Arrow Reals )?
func (p *fast) reals() (*Reals, bool) {
	r := p.aReals.new(Reals{Pos: p.peek().Pos})
	var ok bool
	if r.R, ok = p.realsR(); !ok {
		return nil, false
	}
	if d, ok := try(p, func() (*Dims, bool) {
		if _, ok := p.lit("^"); !ok {
			return nil, false
		}
		return p.dims()
	}); ok {
		r.Dims = d
	}
	if to, ok := try(p, func() (*Reals, bool) {
		if _, ok := p.lit(arrowLits...); !ok {
			return nil, false
		}
		return p.reals()
	}); ok {
		r.To = to
	}
	return r, true
}

// realsR: 'R' | 'ℝ' | '\R' | '\Reals' | '\mathbb' ( '{' 'R' '}' | 'R' ) |
// '\mathbf' '{' 'R' '}', captured as the concatenated token values.
func (p *fast) realsR() (string, bool) {
	if v, ok := p.lit("R", "ℝ", `\R`, `\Reals`); ok {
		return v, true
	}
	seq := func(vals ...string) (string, bool) {
		return try(p, func() (string, bool) {
			s := ""
			for _, v := range vals {
				if _, ok := p.lit(v); !ok {
					return "", false
				}
				s += v
			}
			return s, true
		})
	}
	for _, alt := range [][]string{{`\mathbb`, "{", "R", "}"}, {`\mathbb`, "R"}, {`\mathbf`, "{", "R", "}"}} {
		if s, ok := seq(alt...); ok {
			return s, true
		}
	}
	return "", false
}

// dims: '{' Dim ( Times Dim )* '}' | '(' Dim ( Times Dim )* ')' | Dim
func (p *fast) dims() (*Dims, bool) {
	d := p.aDims.new(Dims{Pos: p.peek().Pos})
	list := func(open, close string) ([]*Dim, bool) {
		return try(p, func() ([]*Dim, bool) {
			if _, ok := p.lit(open); !ok {
				return nil, false
			}
			first, ok := p.dim()
			if !ok {
				return nil, false
			}
			var buf [4]*Dim
			out := append(buf[:0], first)
			for {
				dim, ok := try(p, func() (*Dim, bool) {
					if _, ok := p.lit(timesLits...); !ok {
						return nil, false
					}
					return p.dim()
				})
				if !ok {
					break
				}
				out = append(out, dim)
			}
			if _, ok := p.lit(close); !ok {
				return nil, false
			}
			return p.lDims.carve(out), true
		})
	}
	if l, ok := list("{", "}"); ok {
		d.List = l
		return d, true
	}
	if l, ok := list("(", ")"); ok {
		d.Alt = l
		return d, true
	}
	if one, ok := try(p, p.dim); ok {
		d.One = one
		return d, true
	}
	return nil, false
}

// dim: Number | Target
func (p *fast) dim() (*Dim, bool) {
	pos := p.peek().Pos
	if v, ok := p.typ(tokNumber); ok {
		return p.aDim.new(Dim{Pos: pos, Num: v}), true
	}
	if t, ok := try(p, p.target); ok {
		return p.aDim.new(Dim{Pos: pos, Name: t}), true
	}
	return nil, false
}

// target: Name Subscript? Label? Subscript?
func (p *fast) target() (*Target, bool) {
	pos := p.peek().Pos
	n, ok := p.name()
	if !ok {
		return nil, false
	}
	t := p.aTarget.new(Target{Pos: pos, Name: n})
	t.Sub = p.optSubscript()
	if v := p.peek().Value; p.peek().Type == tokSuper || v == "^" {
		if l, ok := try(p, p.label); ok {
			t.Label = l
		}
	}
	t.Sub2 = p.optSubscript()
	return t, true
}

// optSubscript is Subscript?: nil when none matches (and nothing is
// consumed).
func (p *fast) optSubscript() *Subscript {
	if t := p.peek(); t.Type != tokSub && t.Value != "_" {
		return nil
	}
	s, _ := try(p, p.subscript)
	return s
}

// name: Font '{' ( Ident | Cmd ) '}' | ( Ident | Cmd )
func (p *fast) name() (*Name, bool) {
	// A font literal is only ever a command token.
	t := p.peek()
	if t.Type != TokIdent && t.Type != TokCmd {
		return nil, false
	}
	pos := t.Pos
	if t.Type == TokCmd && isFont(t.Value) {
		save := p.i
		p.i++
		if p.peek().Value == "{" {
			p.i++
			if text, ok := p.typ(TokIdent, TokCmd); ok && p.peek().Value == "}" {
				p.i++
				return p.aName.new(Name{Pos: pos, Font: t.Value, Text: text}), true
			}
		}
		p.i = save
	}
	if text, ok := p.typ(TokIdent, TokCmd); ok {
		return p.aName.new(Name{Pos: pos, Text: text}), true
	}
	return nil, false
}

// isFont reports whether v is one of fontLits.
func isFont(v string) bool { return oneOf(v, fontLits) }

// subscript: Subscript | '_' ( '{' SubItem ( ','? SubItem )* '}' | SubItem )
func (p *fast) subscript() (*Subscript, bool) {
	s := p.aSubscript.new(Subscript{Pos: p.peek().Pos})
	if v, ok := p.typ(tokSub); ok {
		s.Unicode = v
		return s, true
	}
	if _, ok := p.lit("_"); !ok {
		return nil, false
	}
	if items, ok := try(p, func() ([]*SubItem, bool) {
		if _, ok := p.lit("{"); !ok {
			return nil, false
		}
		first, ok := p.subItem()
		if !ok {
			return nil, false
		}
		var buf [4]*SubItem
		out := append(buf[:0], first)
		for {
			it, ok := try(p, func() (*SubItem, bool) {
				p.lit(",")
				return p.subItem()
			})
			if !ok {
				break
			}
			out = append(out, it)
		}
		if _, ok := p.lit("}"); !ok {
			return nil, false
		}
		return p.lSubs.carve(out), true
	}); ok {
		s.Items = items
		return s, true
	}
	if it, ok := try(p, p.subItem); ok {
		s.Items = p.lSubs.carve([]*SubItem{it})
		return s, true
	}
	return nil, false
}

// subItem: Number | Name
func (p *fast) subItem() (*SubItem, bool) {
	pos := p.peek().Pos
	if v, ok := p.typ(tokNumber); ok {
		return p.aSubItem.new(SubItem{Pos: pos, Num: v}), true
	}
	if n, ok := try(p, p.name); ok {
		return p.aSubItem.new(SubItem{Pos: pos, Name: n}), true
	}
	return nil, false
}

// label: Super | '^' ( '{' '(' Part+ ')' '}' | '(' Part+ ')' ) where a
// Part is Ident, Number, '+', '-' or '−'.
func (p *fast) label() (*Label, bool) {
	l := p.aLabel.new(Label{Pos: p.peek().Pos})
	if v, ok := p.typ(tokSuper); ok {
		l.Unicode = v
		return l, true
	}
	if _, ok := p.lit("^"); !ok {
		return nil, false
	}
	parts := func() []string {
		var out []string
		for {
			if v, ok := p.typ(TokIdent, tokNumber); ok {
				out = append(out, v)
				continue
			}
			if v, ok := p.lit(labelLits...); ok {
				out = append(out, v)
				continue
			}
			return out
		}
	}
	for _, br := range [][]string{{"{", "(", ")", "}"}, {"(", ")"}} {
		if ps, ok := try(p, func() ([]string, bool) {
			open, close := br[:len(br)/2], br[len(br)/2:]
			for _, v := range open {
				if _, ok := p.lit(v); !ok {
					return nil, false
				}
			}
			ps := parts()
			if len(ps) == 0 {
				return nil, false
			}
			for _, v := range close {
				if _, ok := p.lit(v); !ok {
					return nil, false
				}
			}
			return ps, true
		}); ok {
			l.Parts = ps
			return l, true
		}
	}
	return nil, false
}

// def: Target ( '(' ( Target ( ',' Target )* )? ')' )? Eq Seq
func (p *fast) def() (*Def, bool) {
	d := p.aDef.new(Def{Pos: p.peek().Pos})
	var ok bool
	if d.Target, ok = p.target(); !ok {
		return nil, false
	}
	if params, ok := try(p, func() ([]*Target, bool) {
		if _, ok := p.lit("("); !ok {
			return nil, false
		}
		var buf [4]*Target
		out := buf[:0]
		if first, ok := try(p, p.target); ok {
			out = append(out, first)
			for {
				t, ok := try(p, func() (*Target, bool) {
					if _, ok := p.lit(","); !ok {
						return nil, false
					}
					return p.target()
				})
				if !ok {
					break
				}
				out = append(out, t)
			}
		}
		if _, ok := p.lit(")"); !ok {
			return nil, false
		}
		return p.lTargets.carve(out), true
	}); ok {
		d.Params = params
	}
	if d.Eq, ok = p.lit(eqLits...); !ok {
		return nil, false
	}
	if d.Body, ok = p.seq(); !ok {
		return nil, false
	}
	return d, true
}

// seq reads an expression's flat sequence with Seq's own parser, its
// items taken from p.seqs: sized at the first expression to the tokens
// left (at most 4,096; then it goes on in chunks), which no parse
// outgrows but by failed alternatives. The item lists are cut from the
// first room's itemPtr when the tokens left fit in it.
func (p *fast) seq() (*Seq, bool) {
	s := p.aSeq.new(Seq{})
	if p.seqs.items.free == nil {
		n := min(len(p.toks)-p.i, 4096)
		p.seqs.items.free = make([]Item, 0, n)
		if n > cap(p.seqs.ptrs.free) {
			p.seqs.ptrs.free = make([]*Item, 0, n)
		}
	}
	if err := s.parse(p, &p.seqs); err != nil {
		return nil, false
	}
	return s, true
}
