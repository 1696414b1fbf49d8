package parser

import (
	"deriv/grammar"
	"deriv/symbolic"
)

// derivOperand parses the name an operator-form derivative applies to
// (\frac{d}{dx} f, \frac{\partial}{\partial x} f, ∇_x f; op names the
// form in errors). The operand must be a plain name: a power, transpose
// or call after it fails, rather than silently applying to the
// derivative. f(x, y) with exactly the parameters of f's definition is f.
func (l *lowerer) derivOperand(c *cursor, op string) (*symbolic.Expr, error) {
	if it := c.peek(); it != nil && it.Ident == "" && it.Cmd == "" {
		return nil, errDerivOperand(itemPos(it), op, itemText(it))
	}
	f, err := l.nameAt(c)
	if err != nil {
		return nil, err
	}
	it := c.peek()
	switch {
	case isGroup(it, "(") && l.isParamList(f, it.Group):
		c.next()
	case isGroup(it, "(") || isPunct(it, "^") || isPunct(it, primeTok...) || it != nil && it.Super != "":
		return nil, errDerivOperand(itemPos(it), op, itemText(it))
	}
	return f, nil
}

// isParamList reports whether g holds exactly the parameters of f's
// definition, as in ∇_x f(x) after f(x) = ….
func (l *lowerer) isParamList(f *symbolic.Expr, g *grammar.Group) bool {
	if f.Op != symbolic.OpVar || len(f.Sub) > 0 {
		return false
	}
	var def *symbolic.Def
	for _, d := range l.prog.Defs {
		if d.Name == f.Key() {
			def = d
		}
	}
	if def == nil || len(def.Params) == 0 {
		return false
	}
	items, _ := groupItems(g)
	parts := splitCommas(items)
	if len(parts) != len(def.Params) {
		return false
	}
	for i, part := range parts {
		if len(part) != 1 || part[0].Ident+part[0].Cmd == "" {
			return false
		}
		if name, ok := canonName(part[0].Ident + part[0].Cmd); !ok || name != def.Params[i] {
			return false
		}
	}
	return true
}
