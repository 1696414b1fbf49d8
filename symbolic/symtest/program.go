// Package symtest draws random deriv programs and random well-typed
// expressions for property tests (pgregory.net/rapid). The printers' round
// trip, numeric evaluation and differentiation tests share it.
//
// A typical property:
//
//	rapid.Check(t, func(t *rapid.T) {
//		p := symtest.Program(t)
//		e := symtest.Expr(t, p, symtest.Shape(t, p), 4, symtest.ExprOpts{Smooth: true})
//		…
//	})
package symtest

import (
	"strings"

	"deriv/symbolic"
	"pgregory.net/rapid"
)

// Program draws a random context, with Symbols filled as the parser fills
// them (Kind, Shape, Declared, Elementwise, Domain, Range; Index and Count
// for families) and Order listing them. It always has:
//
//	dimensions d and n, and sometimes m
//	scalars a, c (and sometimes α)
//	vectors x, y ∈ ℝ^d and u ∈ ℝ^n (v ∈ ℝ^m with m)
//	matrices A ∈ ℝ^{d×d}, B ∈ ℝ^{d×n}, M ∈ ℝ^{n×n} (sometimes W⁽¹⁾ ∈
//	ℝ^{d×d}, C ∈ ℝ^{n×d}, and D ∈ ℝ^{m×d} with m)
//	an elementwise φ: ℝ → ℝ and a vector map Φ: ℝ^d → ℝ^d
//	sometimes a family w_i ∈ ℝ^d, b_i ∈ ℝ for i = 1..n (with index i),
//	and with it sometimes a family of functions g_i: ℝ → ℝ
//	sometimes a function of two arguments f: ℝ^2 → ℝ (called f(a, c))
//
// Every dimension has a vector, so Expr can reach every shape built from
// them. The program has no definitions; Src holds Source(p).
func Program(t *rapid.T) *symbolic.Program {
	p := &symbolic.Program{File: "<symtest>", Symbols: map[string]*symbolic.Symbol{}}
	add := func(s *symbolic.Symbol) {
		s.Declared, s.Pos = true, symbolic.NoPos
		p.Symbols[s.Name] = s
		p.Order = append(p.Order, s.Name)
	}
	vr := func(name string, shape symbolic.Shape) {
		add(&symbolic.Symbol{Name: name, Kind: symbolic.SymVar, Shape: shape})
	}
	withM := rapid.Bool().Draw(t, "dim m")
	vr("a", nil)
	vr("c", nil)
	if rapid.Bool().Draw(t, "scalar α") {
		vr("α", nil)
	}
	vr("x", symbolic.Vector("d"))
	vr("y", symbolic.Vector("d"))
	vr("u", symbolic.Vector("n"))
	if withM {
		vr("v", symbolic.Vector("m"))
	}
	vr("A", symbolic.Matrix("d", "d"))
	vr("B", symbolic.Matrix("d", "n"))
	vr("M", symbolic.Matrix("n", "n"))
	if rapid.Bool().Draw(t, "matrix W⁽¹⁾") {
		vr(symbolic.VarKey("W", "1"), symbolic.Matrix("d", "d"))
	}
	if rapid.Bool().Draw(t, "matrix C") {
		vr("C", symbolic.Matrix("n", "d"))
	}
	if withM {
		vr("D", symbolic.Matrix("m", "d"))
	}
	add(&symbolic.Symbol{Name: "φ", Kind: symbolic.SymFunc, Domain: []symbolic.Shape{nil}, Elementwise: true})
	add(&symbolic.Symbol{Name: "Φ", Kind: symbolic.SymFunc, Domain: []symbolic.Shape{symbolic.Vector("d")}, Range: symbolic.Vector("d")})
	if rapid.Bool().Draw(t, "family") {
		add(&symbolic.Symbol{Name: "w", Kind: symbolic.SymFamily, Shape: symbolic.Vector("d"), Index: "i", Count: "n"})
		add(&symbolic.Symbol{Name: "b", Kind: symbolic.SymFamily, Index: "i", Count: "n"})
		add(&symbolic.Symbol{Name: "i", Kind: symbolic.SymIndex, Count: "n"})
		if rapid.Bool().Draw(t, "function family") {
			add(&symbolic.Symbol{Name: "g", Kind: symbolic.SymFunc, Domain: []symbolic.Shape{nil}, Elementwise: true, Index: "i", Count: "n"})
		}
	}
	if rapid.Bool().Draw(t, "function of two arguments") {
		add(&symbolic.Symbol{Name: "f", Kind: symbolic.SymFunc, Domain: []symbolic.Shape{symbolic.Vector("2")}})
	}
	p.Src = Source(p)
	return p
}

// Source writes the declarations of p as program text in the Unicode
// spelling, one a line, in p.Order: "x ∈ ℝ^{d}", "A ∈ ℝ^{d×n}",
// "w_i ∈ ℝ^{d}, b_i ∈ ℝ for i = 1..n", "φ: ℝ → ℝ", "Φ: ℝ^{d} → ℝ^{d}",
// "g_i: ℝ → ℝ for i = 1..n".
// Indices of families are implied by the family; other indices are
// written "i ∈ {1, …, n}". It does not use the printers (whose output the
// round-trip test checks). Definitions are not written.
func Source(p *symbolic.Program) string {
	var lines []string
	families := map[string][]string{}
	for _, k := range p.Order {
		if s := p.Symbols[k]; s != nil && s.Kind == symbolic.SymFamily {
			families[s.Index] = append(families[s.Index], k+"_"+s.Index+" ∈ "+space(s.Shape))
		}
	}
	for _, k := range p.Order {
		s := p.Symbols[k]
		if s == nil {
			continue
		}
		switch s.Kind {
		case symbolic.SymVar:
			lines = append(lines, k+" ∈ "+space(s.Shape))
		case symbolic.SymFamily:
			if fam, ok := families[s.Index]; ok {
				lines = append(lines, strings.Join(fam, ", ")+" for "+s.Index+" = 1.."+string(s.Count))
				delete(families, s.Index)
			}
		case symbolic.SymIndex:
			if !indexesFamily(p, k) {
				lines = append(lines, k+" ∈ {1, …, "+string(s.Count)+"}")
			}
		case symbolic.SymFunc:
			dom := make([]string, len(s.Domain))
			for i, d := range s.Domain {
				dom[i] = space(d)
			}
			line := k + ": " + strings.Join(dom, " × ") + " → " + space(s.Range)
			if s.Index != "" {
				line = k + "_" + s.Index + line[len(k):] + " for " + s.Index + " = 1.." + string(s.Count)
			}
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

// space writes ℝ, ℝ^{d} or ℝ^{m×n}.
func space(s symbolic.Shape) string {
	s = s.Norm()
	switch len(s) {
	case 0:
		return "ℝ"
	case 1:
		return "ℝ^{" + string(s[0]) + "}"
	}
	return "ℝ^{" + string(s[0]) + "×" + string(s[1]) + "}"
}

func indexesFamily(p *symbolic.Program, index string) bool {
	for _, k := range p.Order {
		if s := p.Symbols[k]; s != nil && s.Kind == symbolic.SymFamily && s.Index == index {
			return true
		}
	}
	return false
}
