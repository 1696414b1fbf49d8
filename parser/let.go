package parser

import (
	"deriv/grammar"
	"deriv/symbolic"
)

// applyLet parses one --let definition in the program's context and makes
// it replace the program's declaration or definition of that name:
// 'Φ = id' is the identity Φ(t) = t; 'φ = tanh' is φ(t) = tanh(t); 'b = 0'
// or 'φ(t) = tanh(t)' are ordinary definitions; a number given to a vector
// or matrix variable is that number times 𝟙. Where the name was
// defined, the new definition takes the old one's place in Defs; else it
// goes first. The symbol keeps a declared shape or function signature.
func applyLet(prog *symbolic.Program, src string, o *options) error {
	const file = "--let"
	stmts, err := parseStmts(src, o)
	if err != nil {
		return attach(err, src, file)
	}
	if len(stmts) != 1 || stmts[0].Def == nil {
		at := symbolic.Pos(0)
		if len(stmts) > 0 {
			at = posOf(stmts[0].Pos)
		}
		return attach(errBadLet(at), src, file)
	}
	g := stmts[0].Def
	l := newLowerer(prog, o, false)
	d, err := l.letDef(g)
	if err != nil {
		return attach(err, src, file)
	}
	old := prog.Symbols[d.Name]
	if old == nil {
		// A --let of a name the program does not have would silently
		// change nothing.
		return attach(errLetUnknown(d.Pos, d.Name, prog), src, file)
	}
	if old != nil && old.Kind == symbolic.SymVar && !old.Shape.IsScalar() && d.Body.Op == symbolic.OpNum {
		// b = 0 for a vector b: the zero vector.
		ones := &symbolic.Expr{Op: symbolic.OpOnes, Pos: symbolic.NoPos}
		if old.Shape.IsMatrix() {
			ones = onesMatrix(symbolic.NoPos)
		}
		d.Body = &symbolic.Expr{Op: symbolic.OpMul, Args: []*symbolic.Expr{d.Body, ones}, Pos: d.Body.Pos}
	}
	sym := &symbolic.Symbol{Name: d.Name, Kind: symbolic.SymDef, Def: d, Declared: true, Pos: d.Pos}
	replaced := false
	if old != nil {
		sym.Shape, sym.Domain, sym.Range, sym.Elementwise = old.Shape, old.Domain, old.Range, old.Elementwise
		if old.Kind == symbolic.SymDef {
			for i, od := range prog.Defs {
				if od == old.Def {
					prog.Defs[i] = d
					replaced = true
				}
			}
			if prog.Result == old.Def {
				prog.Result = d
			}
		}
	} else {
		prog.Order = append(prog.Order, d.Name)
	}
	if !replaced {
		prog.Defs = append([]*symbolic.Def{d}, prog.Defs...)
	}
	prog.Symbols[d.Name] = sym
	return nil
}

// letDef lowers a --let definition; a body that is only a function name
// (id, tanh, σ) defines a function of one parameter t.
func (l *lowerer) letDef(g *grammar.Def) (*symbolic.Def, error) {
	if len(g.Params) == 0 && len(g.Body.Items) == 1 && g.Body.Items[0].Ident+g.Body.Items[0].Cmd != "" {
		it := g.Body.Items[0]
		raw := it.Ident + it.Cmd
		canon, _ := canonName(raw)
		fn, isBuiltin := builtinName(raw, canon)
		if raw == "id" || raw == "identity" || (isBuiltin && l.symbol(canon) == nil) {
			t, err := targetOf(g.Target)
			if err != nil {
				return nil, err
			}
			p := itemPos(it)
			param := &symbolic.Expr{Op: symbolic.OpVar, Name: "t", Pos: p}
			body := param
			if raw != "id" && raw != "identity" {
				if body, err = builtinNode(fn, p, []*symbolic.Expr{param}); err != nil {
					return nil, err
				}
			}
			if l.symbol("t") == nil {
				l.addSymbol("t", &symbolic.Symbol{Name: "t", Kind: symbolic.SymVar, Pos: p})
			}
			return &symbolic.Def{Name: t.key(), Params: []string{"t"}, Body: body, Pos: t.pos}, nil
		}
	}
	return l.def(g)
}
