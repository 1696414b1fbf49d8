package parser

import (
	"deriv/grammar"
	"deriv/symbolic"
)

// slab hands out values of one type from chunks, one allocation per
// chunk instead of one per value (an allocation cost as much as a
// hundred lines of parsing). The first chunk holds size values (4 if
// size is 0), each next one twice as many, up to 64.
type slab[T any] struct {
	free []T // the current chunk: its values so far, with room for more
	size int // the size of the next chunk
}

// new returns a pointer to a fresh copy of v.
func (s *slab[T]) new(v T) *T {
	if len(s.free) == cap(s.free) {
		n := max(s.size, 4)
		s.free = make([]T, 0, n)
		s.size = min(2*n, 64)
	}
	// Appending within the chunk changes only its length.
	s.free = append(s.free, v)
	return &s.free[len(s.free)-1]
}

// newSymbol returns a new symbol holding v.
func (l *lowerer) newSymbol(v symbolic.Symbol) *symbolic.Symbol { return l.symbols.new(v) }

// newExpr returns a new node holding v.
func (l *lowerer) newExpr(v symbolic.Expr) *symbolic.Expr { return l.exprs.new(v) }

// sizeSlabs sizes the first chunks of the lowerer's slabs for stmts: a
// symbol per name declared or defined, a node per name used.
func (l *lowerer) sizeSlabs(stmts []*grammar.Stmt) {
	syms, names := 0, 0
	for _, st := range stmts {
		switch {
		case st.Decl != nil:
			for _, part := range st.Decl.Parts {
				syms += len(part.Targets)
			}
			if st.Decl.Range != nil {
				syms++
			}
		case st.Def != nil:
			syms += 1 + len(st.Def.Params)
			names += countNames(st.Def.Body)
		case st.Expr != nil:
			names += countNames(st.Expr)
		}
	}
	l.symbols.size, l.exprs.size = syms, names
}

// countNames counts the identifiers and commands of s, outside groups
// too (a few more than the names they make: f in f(x), \frac, …).
func countNames(s *grammar.Seq) int {
	n := 0
	for _, it := range s.Items {
		switch {
		case it.Ident != "" || it.Cmd != "":
			n++
		case it.Group != nil && it.Group.Body != nil:
			n += countNames(it.Group.Body)
		}
	}
	return n
}
