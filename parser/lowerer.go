package parser

import (
	"slices"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"deriv/grammar"
	"deriv/symbolic"
)

// lowerer lowers grammar statements and expressions into a Program.
type lowerer struct {
	prog *symbolic.Program
	// readOnly is set for ParseExpr: unknown names are errors and no
	// symbol is added.
	readOnly bool
	maxDepth int
	depth    int
	// bound lists the indices bound by enclosing sums, innermost last.
	bound []string
	// closers is the stack of bars (| or ‖) awaiting their closing bar.
	closers []string
	// inSub counts the subscripts being lowered (their names are indices).
	inSub int
	// familyIndex holds the index names of declared families.
	familyIndex map[string]bool
	// indices holds the indices the program declares or its sums bind,
	// with their counts, known before lowering (see programIndices).
	indices map[string]symbolic.Dim
	// famDefs holds the families of definitions by base name (see
	// famdefs.go).
	famDefs map[string]famDef
	// instanced counts the subexpressions members of families of
	// definitions have added (see maxInstance).
	instanced int
	// subscripted holds the names the program declares or defines with
	// one subscript (z_i), base → subscript (see programIndices).
	subscripted map[string]string
	// dims holds the program's dimensions, for claims (see isDim).
	dims map[symbolic.Dim]bool
	// freeIndices: see options.freeIndices.
	freeIndices bool
	// split marks the items splitProduct put back (the rest of a name
	// read as a product), so that its note is given once.
	split map[*grammar.Item]bool
	// lastReals and lastShape remember the last declared space and its
	// shape (see declShape).
	lastReals *grammar.Reals
	lastShape symbolic.Shape
	// shapes are the first declared shapes made (see sharedShapeOf).
	shapes  [4]symbolic.Shape
	nShapes int
	// memo holds the last symbol looked up (nil if absent), valid until
	// the next addSymbol: a word asks for its name several times over
	// (special, bareCall, splitProduct, use, …).
	memo memoSymbol
	// symbols and exprs are where new symbols and names' nodes come
	// from (see sizeSlabs).
	symbols slab[symbolic.Symbol]
	exprs   slab[symbolic.Expr]
	// defsRoom: see options.defsRoom.
	defsRoom *[2]*symbolic.Def
}

// memoSymbol is a symbol lookup remembered (see lowerer.memo).
type memoSymbol struct {
	key string
	sym *symbolic.Symbol
	ok  bool
}

func newLowerer(p *symbolic.Program, o *options, readOnly bool) *lowerer {
	if p.Symbols == nil {
		p.Symbols = map[string]*symbolic.Symbol{}
	}
	if p.Order == nil {
		p.Order = make([]string, 0, 8) // most programs name a few symbols
	}
	l := &lowerer{prog: p, readOnly: readOnly, maxDepth: o.maxDepth, freeIndices: o.freeIndices, defsRoom: o.defsRoom}
	for _, s := range p.Symbols {
		if s.Index != "" {
			l.markFamilyIndex(s.Index)
		}
	}
	for _, d := range p.Defs {
		l.noteFamilyDef(d)
	}
	return l
}

// enter counts one level of nesting; every recursive step of the lowering
// calls it, so no input can recurse past the depth limit.
func (l *lowerer) enter(p symbolic.Pos) error {
	l.depth++
	if l.depth > l.maxDepth {
		return errTooDeep(p, l.maxDepth)
	}
	return nil
}

func (l *lowerer) leave() { l.depth-- }

// stmt lowers one statement; last marks the program's last statement.
func (l *lowerer) stmt(st *grammar.Stmt, last bool) error {
	switch {
	case st.Decl != nil:
		return l.decl(st.Decl)
	case st.Def != nil:
		d, err := l.def(st.Def)
		if err != nil {
			return err
		}
		return l.addDef(d, st.Def)
	default:
		if err := badDecl(st.Expr.Items); err != nil {
			return err
		}
		if !last {
			return errMisplacedExpr(posOf(st.Pos))
		}
		e, err := l.seq(st.Expr)
		if err != nil {
			return err
		}
		l.prog.Result = &symbolic.Def{Body: e, Pos: e.Pos}
		return nil
	}
}

// symbol returns the symbol of key, or nil.
func (l *lowerer) symbol(key string) *symbolic.Symbol {
	if l.memo.ok && key == l.memo.key {
		return l.memo.sym
	}
	s := l.prog.Symbols[key]
	l.memo = memoSymbol{key: key, sym: s, ok: true}
	return s
}

// addSymbol records a new symbol in source order.
func (l *lowerer) addSymbol(key string, s *symbolic.Symbol) {
	if old, ok := l.prog.Symbols[key]; !ok {
		l.prog.Order = append(l.prog.Order, key)
	} else if old.Kind == symbolic.SymFunc && !old.Declared && s.Declared {
		// A later declaration of a function first taken implicitly.
		l.prog.Notes = slices.DeleteFunc(l.prog.Notes, func(n string) bool { return strings.HasPrefix(n, key+" is not declared: taken as") })
	}
	l.prog.Symbols[key] = s
	l.memo = memoSymbol{key: key, sym: s, ok: true}
	if s.Index != "" {
		l.markFamilyIndex(s.Index)
	}
}

func posOf(p lexer.Position) symbolic.Pos { return symbolic.Pos(p.Offset) }

// stmtTok is the first token position of a statement, for messages.
func stmtTok(st *grammar.Stmt) lexer.Token { return lexer.Token{Pos: st.Pos} }

// tokenAt returns the text of the token starting at byte offset off, or ""
// at the end of input.
func tokenAt(toks []lexer.Token, off int) string {
	for _, t := range toks {
		if t.Pos.Offset == off && !t.EOF() {
			if t.Type == grammar.TokNewline {
				return "newline"
			}
			return t.Value
		}
	}
	return ""
}

// badDecl reports a statement that reads like a declaration (it has ∈,
// "in" or ":" outside brackets) but did not parse as one.
func badDecl(items []*grammar.Item) error {
	for _, it := range items {
		if isPunct(it, "∈", ":") || isCmd(it, `\in`) || isIdent(it, "in") {
			return errBadDecl(itemPos(it), "expected a name list before %s and R, R^d, R^{m×n}, {1, …, n} or R^d → R^m after it", itemText(it))
		}
	}
	return nil
}

// markFamilyIndex records an index that subscripts a family (the set is
// made at its first entry).
func (l *lowerer) markFamilyIndex(i string) {
	if l.familyIndex == nil {
		l.familyIndex = map[string]bool{}
	}
	l.familyIndex[i] = true
}
