package descend

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// equalTol is the relative tolerance under which two entries count as
// equal (updates are computed in the same order, so equal stays exact up
// to rounding).
const equalTol = 1e-9

// property is an equality a value may have.
type property struct {
	kind  string
	holds func(m *mat.Dense) bool
}

func near(a, b, scale float64) bool { return math.Abs(a-b) <= equalTol*(1+scale) }

func scaleOf(m *mat.Dense) float64 {
	s := 0.0
	r, c := m.Dims()
	for i := range r {
		for j := range c {
			s = max(s, math.Abs(m.At(i, j)))
		}
	}
	return s
}

func allEntries(m *mat.Dense) bool {
	s := scaleOf(m)
	r, c := m.Dims()
	for i := range r {
		for j := range c {
			if !near(m.At(i, j), m.At(0, 0), s) {
				return false
			}
		}
	}
	return true
}

func allRows(m *mat.Dense) bool {
	s := scaleOf(m)
	r, c := m.Dims()
	for i := 1; i < r; i++ {
		for j := range c {
			if !near(m.At(i, j), m.At(0, j), s) {
				return false
			}
		}
	}
	return true
}

func allCols(m *mat.Dense) bool {
	s := scaleOf(m)
	r, c := m.Dims()
	for i := range r {
		for j := 1; j < c; j++ {
			if !near(m.At(i, j), m.At(i, 0), s) {
				return false
			}
		}
	}
	return true
}

// firstFailure is the first iterate at which holds fails, or -1.
func firstFailure(hist []*mat.Dense, holds func(*mat.Dense) bool) int {
	for k, m := range hist {
		if !holds(m) {
			return k
		}
	}
	return -1
}

// findings says, for each parameter, which equality held at every
// iterate (the strongest), or when the equality it started with broke.
func findings(p *symbolic.Program, params []*symbolic.Expr, history [][]*mat.Dense) ([]Finding, bool) {
	var out []Finding
	symmetric := false
	for i, w := range params {
		hist := make([]*mat.Dense, len(history))
		for k := range history {
			hist[k] = history[k][i]
		}
		name := symbolic.Print(w, symbolic.Text)
		base := symbolic.Print(baseOf(w), symbolic.Text)
		r, c := hist[0].Dims()
		family := false
		if s := p.Symbols[w.Key()]; s != nil && s.Kind == symbolic.SymFamily {
			family = true
		}
		var props []property
		switch {
		case r*c == 1:
			out = append(out, Finding{Name: name, Kind: "none", Message: name + " is a single number"})
			continue
		case family:
			props = []property{{"members", allRows}}
		case c == 1 || r == 1:
			props = []property{{"entries", allEntries}}
		default:
			props = []property{{"entries", allEntries}, {"rows", allRows}, {"columns", allCols}}
		}
		f := Finding{Name: name, Kind: "none"}
		for _, pr := range props {
			if firstFailure(hist, pr.holds) < 0 {
				f.Kind, f.Stayed = pr.kind, true
				break
			}
		}
		steps := len(hist) - 1
		switch {
		case f.Stayed:
			symmetric = true
			f.Message = stayedMessage(f.Kind, name, base, steps)
		default:
			f.BrokenAt = -1
			for _, pr := range props {
				if pr.holds(hist[0]) {
					f.Kind, f.BrokenAt = pr.kind, firstFailure(hist, pr.holds)
					break
				}
			}
			if f.BrokenAt > 0 {
				f.Message = fmt.Sprintf("the %s of %s were equal at the start and become distinct at step %d: no symmetry, gradient descent can tell them apart", what(f.Kind), base, f.BrokenAt)
			} else {
				f.Kind = "none"
				f.Message = fmt.Sprintf("no two %s of %s are equal", what2(family, r, c), base)
			}
		}
		out = append(out, f)
	}
	return out, symmetric
}

func what(kind string) string {
	switch kind {
	case "members":
		return "members"
	case "rows":
		return "rows"
	case "columns":
		return "columns"
	}
	return "entries"
}

func what2(family bool, r, c int) string {
	switch {
	case family:
		return "members"
	case r == 1 || c == 1:
		return "entries"
	}
	return "rows or columns"
}

func stayedMessage(kind, name, base string, steps int) string {
	after := fmt.Sprintf("after %d steps", steps)
	if steps == 1 {
		after = "after 1 step"
	}
	switch kind {
	case "members":
		return fmt.Sprintf("all members of %s stay equal %s: the units they feed are symmetric, and gradient descent never makes them different", base, after)
	case "rows":
		return fmt.Sprintf("all rows of %s stay equal %s (each column is constant): the hidden units are symmetric, every unit's weights get the same update", name, after)
	case "columns":
		return fmt.Sprintf("all columns of %s stay equal %s (each row is constant): the hidden units are symmetric, every unit's weights get the same update", name, after)
	}
	return fmt.Sprintf("every entry of %s stays equal %s: the units it connects are symmetric", name, after)
}
