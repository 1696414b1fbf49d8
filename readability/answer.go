package readability

import (
	"strings"

	"deriv/engine"
)

// Binding is one entry of a where list: Name = Expr, both in one style.
type Binding struct{ Name, Expr string }

// Answer is a derivative as printed or as a reference writes it: a body
// and its where list.
type Answer struct {
	Body  string
	Where []Binding
}

// ParseAnswer splits "BODY where N = E, N = E" (the where list optional;
// entries separated by commas outside brackets).
func ParseAnswer(s string) Answer {
	body, rest, ok := strings.Cut(s, " where ")
	a := Answer{Body: strings.TrimSpace(body)}
	if !ok {
		return a
	}
	for _, part := range engine.SplitList(rest) {
		name, expr, _ := strings.Cut(part, "=")
		a.Where = append(a.Where, Binding{Name: strings.TrimSpace(name), Expr: strings.TrimSpace(expr)})
	}
	return a
}

// Size is the answer's size in tokens: the body's, plus each where entry's
// name, "=" and expression.
func (a Answer) Size() int {
	n := Count(a.Body)
	for _, b := range a.Where {
		n += Count(b.Name) + 1 + Count(b.Expr)
	}
	return n
}

// Defs writes the where list as definitions to append to a program.
func (a Answer) Defs() string {
	var b strings.Builder
	for _, w := range a.Where {
		b.WriteString("\n" + w.Name + " = " + w.Expr)
	}
	return b.String()
}

// String writes the answer on one line.
func (a Answer) String() string {
	s := a.Body
	for i, w := range a.Where {
		if i == 0 {
			s += " where "
		} else {
			s += ", "
		}
		s += w.Name + " = " + w.Expr
	}
	return s
}
