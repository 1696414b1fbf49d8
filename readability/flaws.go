package readability

import (
	"strings"

	"deriv/symbolic"
)

// Printed is a derivative printed in the three styles, with the trees it
// was printed from (the body first, then each where entry's expression).
type Printed struct {
	Text, ASCII, LaTeX Answer
	Trees              []*symbolic.Expr
	// Temps are the where entries named t₁, t₂, … (names with a number
	// subscript that the program did not define).
	Temps []int
}

// Print prints a derivative in the three styles.
func Print(d *symbolic.Derivative) Printed {
	var p Printed
	for i, st := range []symbolic.Style{symbolic.Text, symbolic.ASCII, symbolic.LaTeX} {
		a := Answer{Body: symbolic.Print(d.Expr, st)}
		for _, w := range d.Where {
			a.Where = append(a.Where, Binding{Name: symbolic.Print(w.Var(), st), Expr: symbolic.Print(w.Expr, st)})
		}
		switch i {
		case 0:
			p.Text = a
		case 1:
			p.ASCII = a
		default:
			p.LaTeX = a
		}
	}
	p.Trees = append(p.Trees, d.Expr)
	for i, w := range d.Where {
		p.Trees = append(p.Trees, w.Expr)
		if v := w.Var(); len(v.Sub) == 1 && v.Sub[0].Op == symbolic.OpNum {
			p.Temps = append(p.Temps, i)
		}
	}
	return p
}

// tinyTemp is the largest where expression (in tokens) that a t-name may
// not stand for: (X + A)⁻ᵀ or W1 x + b read better inline or under a
// conventional name.
const tinyTemp = 6

// Flaws lists the flaws of issue 8 that a grader marks in a printed
// derivative: ½ written 0.5 in LaTeX, .^ in Unicode, a split transpose of
// a difference (xᵀ − μᵀ), a fraction nested in a fraction, 𝟙 used as a
// row, matrix(1), and a t-name for a tiny expression.
func Flaws(p Printed) []string {
	var out []string
	if strings.Contains(p.LaTeX.String(), "0.5") {
		out = append(out, "LaTeX writes 0.5 for ½")
	}
	if strings.Contains(p.Text.String(), ".^") {
		out = append(out, "Unicode output has .^")
	}
	if strings.Contains(p.ASCII.String(), "matrix(1)") {
		out = append(out, "matrix(1) in the output")
	}
	seen := map[string]bool{}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, t := range p.Trees {
		walk(t, func(e *symbolic.Expr) {
			switch {
			case splitTranspose(e):
				add("split transposes: " + symbolic.Print(e, symbolic.Text))
			case e.Op == symbolic.OpDiv && hasDiv(e.Args):
				add("nested fraction: " + symbolic.Print(e, symbolic.Text))
			case onesRow(e):
				add("𝟙 used as a row: " + symbolic.Print(e, symbolic.Text))
			}
		})
	}
	for _, i := range p.Temps {
		if w := p.Text.Where[i]; Count(w.Expr) <= tinyTemp {
			add("t-name for a tiny expression: " + w.Name + " = " + w.Expr)
		}
	}
	return out
}

// walk visits every node of e once.
func walk(e *symbolic.Expr, f func(*symbolic.Expr)) {
	seen := map[*symbolic.Expr]bool{}
	var visit func(e *symbolic.Expr)
	visit = func(e *symbolic.Expr) {
		if e == nil || seen[e] {
			return
		}
		seen[e] = true
		f(e)
		for _, a := range e.Args {
			visit(a)
		}
	}
	visit(e)
}

// splitTranspose reports a sum or difference of two transposes, aᵀ ± bᵀ,
// which a textbook writes (a ± b)ᵀ.
func splitTranspose(e *symbolic.Expr) bool {
	if (e.Op != symbolic.OpAdd && e.Op != symbolic.OpSub) || len(e.Args) != 2 {
		return false
	}
	isT := func(a *symbolic.Expr) bool {
		for a.Op == symbolic.OpNeg && len(a.Args) == 1 {
			a = a.Args[0]
		}
		return a.Op == symbolic.OpT && len(a.Args) == 1 && a.Args[0].Op != symbolic.OpInv
	}
	return isT(e.Args[0]) && isT(e.Args[1])
}

// hasDiv reports whether a quotient occurs anywhere in es.
func hasDiv(es []*symbolic.Expr) bool {
	found := false
	for _, a := range es {
		walk(a, func(e *symbolic.Expr) { found = found || e.Op == symbolic.OpDiv })
	}
	return found
}

// onesRow reports a product u 𝟙 whose left factor is a vector or matrix:
// there 𝟙 stands for a row, which a textbook writes 𝟙ᵀ.
func onesRow(e *symbolic.Expr) bool {
	if e.Op != symbolic.OpMul || len(e.Args) != 2 || e.Args[1].Op != symbolic.OpOnes {
		return false
	}
	return !e.Args[0].Shape.IsScalar()
}
