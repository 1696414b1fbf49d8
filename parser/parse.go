// Package parser turns deriv source text — ASCII, Unicode maths and LaTeX,
// mixed freely — into a resolved *symbolic.Program: it lexes and parses with
// the grammar package (participle), then lowers the concrete syntax to the
// AST, resolving names, declarations, definitions and --let substitutions.
// Every error is a *symbolic.Error with a byte offset and the source
// attached, so that it prints as `<input>:LINE:COL: message`, the source line
// and a caret.
package parser

import (
	"errors"
	"fmt"

	"github.com/alecthomas/participle/v2"

	"deriv/grammar"
	"deriv/symbolic"
)

// Parse parses a whole program: statements separated by newlines or ";"
// (declarations, definitions, and optionally a bare last expression). The
// program's Result is its last definition, or the bare last expression
// (with Name ""); it is nil when the program only declares names.
//
// After lowering, Parse infers and checks every shape (inferShapes, in
// shapes.go), so Symbols and every node's Shape are set.
//
// Failure modes, all *symbolic.Error with Src and File set: input over the
// byte limit, nesting over the depth limit (see WithLimits), syntax errors,
// bad declarations, redefinitions, shape conflicts, and errors in --where
// and --let text (reported against "--where" and "--let").
func Parse(src string, opts ...Option) (prog *symbolic.Program, err error) {
	ov := newOptions(opts)
	o := &ov
	src, o.where = Normalize(src), Normalize(o.where)
	for i, let := range o.lets {
		o.lets[i] = Normalize(let)
	}
	room := &programRoom{}
	prog = &room.p
	*prog = symbolic.Program{Src: src, File: o.file, Symbols: map[string]*symbolic.Symbol{}, Order: room.order[:0]}
	o.defsRoom = &room.defs
	defer recoverInternal(&err, src, o.file)
	if o.where != "" {
		if err := lowerSource(prog, o.where, "--where", o, false); err != nil {
			return nil, err
		}
	}
	if err := lowerSource(prog, src, o.file, o, true); err != nil {
		return nil, err
	}
	for _, let := range o.lets {
		if err := applyLet(prog, let, o); err != nil {
			return nil, err
		}
	}
	if err := inferShapes(prog); err != nil {
		return nil, attach(err, src, o.file)
	}
	return prog, nil
}

// programRoom is a program with the first backing arrays of its lists,
// in one allocation: room for the names and definitions of a few lines
// (a list that outgrows its array moves out as any slice does). Defs
// takes its array at the first definition (a program without one keeps
// Defs nil).
type programRoom struct {
	p     symbolic.Program
	order [8]string
	defs  [2]*symbolic.Def
}

// ParseExpr parses one expression in p's context: a claim, a --wrt target
// ("W^{(1)}", "w_i", "df/dW1") or an answer. Every name must be known to p
// (declared, defined, inferred, or an index); an unknown name is an error.
// p is not modified; the expression's shapes are inferred in p's context.
// The error's Src is src.
func ParseExpr(p *symbolic.Program, src string) (*symbolic.Expr, error) {
	return parseOne(p, src, false)
}

// ParseTarget parses a --wrt target ("x", "W^{(1)}", "w_i", "w_1",
// "W_{ij}") in p's context, like ParseExpr, except that a family member's
// subscript may be an index the program does not declare: --wrt w_j asks
// for ∂f/∂w_j with j free, whatever the family's declared index. (In a
// claim, ParseExpr rejects such an unbound index.)
func ParseTarget(p *symbolic.Program, src string) (*symbolic.Expr, error) {
	return parseOne(p, src, true)
}

// parseOne is ParseExpr, with free indices allowed when freeIndices is set.
func parseOne(p *symbolic.Program, src string, freeIndices bool) (e *symbolic.Expr, err error) {
	ov := newOptions(nil)
	o := &ov
	o.freeIndices = freeIndices
	src = Normalize(src)
	defer recoverInternal(&err, src, o.file)
	e, err = parseExprIn(p, src, o.file, o, true)
	if err != nil {
		return nil, err
	}
	if err := inferExprShapes(p, e); err != nil {
		return nil, attach(err, src, o.file)
	}
	return e, nil
}

// parseExprIn parses src as a single expression in p's context.
func parseExprIn(p *symbolic.Program, src, file string, o *options, readOnly bool) (*symbolic.Expr, error) {
	stmts, err := parseStmts(src, o)
	if err != nil {
		return nil, attach(err, src, file)
	}
	if len(stmts) == 0 {
		return nil, attach(errEmpty(0), src, file)
	}
	if len(stmts) > 1 || stmts[0].Expr == nil {
		return nil, attach(errNotExpr(pos(stmtTok(stmts[0]))), src, file)
	}
	l := newLowerer(p, o, readOnly)
	e, err := l.seq(stmts[0].Expr)
	if err != nil {
		return nil, attach(err, src, file)
	}
	return e, nil
}

// parseStmts tokenizes and parses src into grammar statements.
func parseStmts(src string, o *options) ([]*grammar.Stmt, error) {
	toks, err := tokenize(src, o)
	if err != nil {
		return nil, err
	}
	g, err := grammar.ParseTokens(toks)
	if err != nil {
		var perr participle.Error
		if errors.As(err, &perr) {
			off := perr.Position().Offset
			tok := tokenAt(toks, off)
			if tok == "" {
				return nil, errIncomplete(symbolic.Pos(off))
			}
			return nil, errUnexpected(symbolic.Pos(off), tok)
		}
		return nil, errSyntax(err)
	}
	return g.Stmts, nil
}

// lowerSource parses src and lowers its statements into prog. main marks
// the program itself (whose last statement may be a bare expression); the
// --where text may only declare.
func lowerSource(prog *symbolic.Program, src, file string, o *options, main bool) error {
	stmts, err := parseStmts(src, o)
	if err != nil {
		return attach(err, src, file)
	}
	l := newLowerer(prog, o, false)
	l.indices, l.subscripted = programIndices(stmts)
	l.sizeSlabs(stmts)
	for i, st := range stmts {
		if err := l.stmt(st, main && i == len(stmts)-1); err != nil {
			return attach(err, src, file)
		}
	}
	return nil
}

// attach sets the source and file of a *symbolic.Error.
func attach(err error, src, file string) error {
	var se *symbolic.Error
	if errors.As(err, &se) {
		return se.WithSource(src, file)
	}
	return (&symbolic.Error{Pos: symbolic.NoPos, Msg: err.Error(), Err: err}).WithSource(src, file)
}

// recoverInternal turns a panic (a bug, never a property of the input) into
// a *symbolic.Error so that no input crashes the caller.
func recoverInternal(err *error, src, file string) {
	if r := recover(); r != nil {
		*err = (&symbolic.Error{Pos: symbolic.NoPos, Msg: fmt.Sprintf("internal error: %v", r)}).WithSource(src, file)
	}
}
