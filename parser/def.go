package parser

import (
	"deriv/grammar"
	"deriv/symbolic"
)

// def lowers a definition `name = body` or `name(params) = body`.
// Parameters that are not yet names of the program are recorded as
// (undeclared) variables.
func (l *lowerer) def(g *grammar.Def) (*symbolic.Def, error) {
	t, err := targetOf(g.Target)
	if err != nil {
		return nil, err
	}
	d := &symbolic.Def{Name: t.key(), Pos: t.pos}
	for _, pg := range g.Params {
		pt, err := targetOf(pg)
		if err != nil {
			return nil, err
		}
		key := pt.key()
		d.Params = append(d.Params, key)
		if l.symbol(key) == nil && key != d.Name {
			l.addSymbol(key, l.newSymbol(symbolic.Symbol{Name: key, Kind: symbolic.SymVar, Pos: pt.pos}))
		}
	}
	if d.Body, err = l.seq(g.Body); err != nil {
		return nil, err
	}
	return d, nil
}

// addDef records a definition and makes it the program's result. A name
// may be defined once, and not also declared.
func (l *lowerer) addDef(d *symbolic.Def, g *grammar.Def) error {
	if old := l.symbol(d.Name); old != nil {
		switch {
		case old.Kind == symbolic.SymDef:
			return errRedefined(d.Pos, d.Name, "defined")
		case old.Declared:
			return errRedefined(d.Pos, d.Name, "declared")
		case !paramOf(l.prog, d.Name):
			return errUsedBeforeDef(old.Pos, d.Name)
		}
	}
	l.addSymbol(d.Name, l.newSymbol(symbolic.Symbol{Name: d.Name, Kind: symbolic.SymDef, Def: d, Declared: true, Pos: d.Pos}))
	if l.prog.Defs == nil && l.defsRoom != nil {
		l.prog.Defs = l.defsRoom[:0]
	}
	l.prog.Defs = append(l.prog.Defs, d)
	l.prog.Result = d
	l.noteFamilyDef(d)
	return nil
}

// paramOf reports whether name is a parameter of an earlier definition
// (then it may still be defined later).
func paramOf(p *symbolic.Program, name string) bool {
	for _, d := range p.Defs {
		for _, q := range d.Params {
			if q == name {
				return true
			}
		}
	}
	return false
}
