package symbolic

import (
	"strconv"
	"strings"
)

// Index notation, for derivatives with three or more axes (SPEC §3: "no
// index notation unless the result needs more than two axes").
//
// A derivative ∂f_i/∂W_{jk} of a vector f with respect to a matrix W is
// computed as the gradient G(e) = ∂(eᵀ f)/∂W for a seed vector e, which is
// linear in e; the entry (j, k) of G(e_i) for the i-th unit vector e_i is
// the derivative's entry (i, j, k). Entries writes the entry of G in index
// notation, reading every component of a seed as a Kronecker delta
// (e_j = δ_{ij}), contracting deltas against summed indices and writing
// the rest as sums of products of entries: [(σ'(z) ⊙ e) xᵀ]_{jk} is
// δ_{ij} σ'(z_i) x_k.

// IndexSum is an expression in index notation: a sum of terms.
type IndexSum struct {
	Terms []IndexTerm
}

// IndexTerm is one term: Coef × Σ_{Sums} (product of Factors).
type IndexTerm struct {
	Coef    float64
	Sums    []IndexRange
	Factors []IndexFactor
}

// IndexRange is a summed index and its range 1..To.
type IndexRange struct {
	Name string
	To   Dim
}

// IndexFactor is a Kronecker delta δ_{A B} (Delta), or a scalar expression
// (Expr, written as it is: an entry W_{jk}, a call σ'(z_j), a scalar
// a/b); Inverse writes it as a divisor.
type IndexFactor struct {
	Delta   [2]string
	Expr    *Expr
	Inverse bool
}

// Entries writes the entry of the vector or matrix e at row index row and
// column index col ("" for a dimension of size 1: a vector has only a row
// index, a row vector only a column index, a scalar neither) in index
// notation. seeds maps the keys of seed vectors to the index they stand
// for (e ↦ "i" reads e_j as δ_{ij}); fresh picks names for summed indices.
func Entries(e *Expr, row, col string, seeds map[string]string, fresh func() string) *IndexSum {
	l := &indexLowerer{seeds: seeds, fresh: fresh}
	terms := l.lower(e, row, col)
	out := &IndexSum{}
	for _, t := range terms {
		t = contract(t)
		if t.Coef != 0 {
			out.Terms = append(out.Terms, t)
		}
	}
	return out
}

type indexLowerer struct {
	seeds map[string]string
	fresh func() string
}

func scalarTerm(e *Expr) []IndexTerm {
	return []IndexTerm{{Coef: 1, Factors: []IndexFactor{{Expr: e}}}}
}

// idx returns the indices of e's entry: row for a column vector, col for
// a row vector, both for a matrix.
func idx(e *Expr, row, col string) []string {
	s := e.Shape
	switch {
	case s.IsScalar():
		return nil
	case s.IsVector():
		return []string{row}
	case s.IsRow():
		return []string{col}
	}
	return []string{row, col}
}

// entryVar writes the entry of a variable: x_k, W_{jk}, W⁽¹⁾_{jk}.
func entryVar(e *Expr, ix []string) *Expr {
	out := &Expr{Op: OpVar, Name: e.Name, Label: e.Label, Pos: NoPos}
	for _, i := range ix {
		out.Sub = append(out.Sub, &Expr{Op: OpVar, Name: i, Pos: NoPos})
	}
	return out
}

func (l *indexLowerer) lower(e *Expr, row, col string) []IndexTerm {
	switch e.Op {
	case OpNum:
		return []IndexTerm{{Coef: e.Num}}
	case OpOnes:
		return []IndexTerm{{Coef: 1}}
	case OpEye:
		return []IndexTerm{{Coef: 1, Factors: []IndexFactor{{Delta: [2]string{row, col}}}}}
	}
	if !e.Shape.IsScalar() && !l.mentionsSeed(e) && e.Op != OpVar {
		// σ(z) ⊙ (1 − σ(z)) is σ(z_i) (1 − σ(z_i)): one factor.
		if x, ok := entrywise(e, idx(e, row, col)); ok {
			return scalarTerm(x)
		}
	}
	if e.Shape.IsScalar() {
		if !l.mentionsSeed(e) {
			return scalarTerm(e)
		}
		if e.Op != OpMul {
			return l.opaque(e, row, col)
		}
	}
	switch e.Op {
	case OpVar:
		if i, ok := l.seeds[e.Key()]; ok && len(e.Sub) == 0 {
			ix := idx(e, row, col)
			return []IndexTerm{{Coef: 1, Factors: []IndexFactor{{Delta: [2]string{i, ix[0]}}}}}
		}
		if len(e.Sub) > 0 {
			return l.opaque(e, row, col)
		}
		return []IndexTerm{{Coef: 1, Factors: []IndexFactor{{Expr: entryVar(e, idx(e, row, col))}}}}
	case OpNeg:
		return scaleTerms(l.lower(e.Args[0], row, col), -1)
	case OpAdd, OpSub:
		a := l.lower(e.Args[0], row, col)
		b := l.lower(e.Args[1], row, col)
		if e.Op == OpSub {
			b = scaleTerms(b, -1)
		}
		return append(a, b...)
	case OpT:
		return l.lower(e.Args[0], col, row)
	case OpHad:
		return product(l.lower(e.Args[0], row, col), l.lower(e.Args[1], row, col))
	case OpDiv:
		if !e.Args[1].Shape.IsScalar() || l.mentionsSeed(e.Args[1]) {
			return l.opaque(e, row, col)
		}
		return product(l.lower(e.Args[0], row, col), []IndexTerm{{Coef: 1, Factors: []IndexFactor{{Expr: e.Args[1], Inverse: true}}}})
	case OpMul:
		a, b := e.Args[0], e.Args[1]
		switch {
		case a.Shape.IsScalar():
			return product(l.lower(a, "", ""), l.lower(b, row, col))
		case b.Shape.IsScalar():
			return product(l.lower(a, row, col), l.lower(b, "", ""))
		}
		inner := a.Shape.Cols()
		if inner == One {
			// An outer product u vᵀ: no sum.
			return product(l.lower(a, row, ""), l.lower(b, "", col))
		}
		k := l.fresh()
		ts := product(l.lower(a, row, k), l.lower(b, k, col))
		for i := range ts {
			ts[i].Sums = append([]IndexRange{{Name: k, To: inner}}, ts[i].Sums...)
		}
		return ts
	case OpCall, OpPrime:
		// An elementwise function of a variable: σ'(z_j).
		if len(e.Args) == 1 && e.Args[0].Op == OpVar && len(e.Args[0].Sub) == 0 && elementwiseNode(e) && !l.mentionsSeed(e) {
			c := *e
			c.Args = []*Expr{entryVar(e.Args[0], idx(e.Args[0], row, col))}
			c.Shape = nil
			return scalarTerm(&c)
		}
	}
	return l.opaque(e, row, col)
}

// entrywise writes the entry ix of an expression built only from
// variables, numbers, 𝟙 and entry-by-entry operations (+, −, ⊙, ⊘, .^,
// elementwise functions) as a scalar expression in the variables' entries;
// ok is false for anything else.
func entrywise(e *Expr, ix []string) (*Expr, bool) {
	if e.Shape.IsScalar() {
		return e, true
	}
	args := func() ([]*Expr, bool) {
		out := make([]*Expr, len(e.Args))
		for i, a := range e.Args {
			x, ok := entrywise(a, ix)
			if !ok {
				return nil, false
			}
			out[i] = x
		}
		return out, true
	}
	op := e.Op
	switch e.Op {
	case OpVar:
		if len(e.Sub) > 0 {
			return nil, false
		}
		return entryVar(e, ix), true
	case OpOnes:
		return Number(1), true
	case OpNeg, OpAdd, OpSub:
	case OpHad:
		op = OpMul
	case OpHDiv:
		op = OpDiv
	case OpHPow:
		op = OpPow
	case OpCall, OpPrime:
		if !elementwiseNode(e) {
			return nil, false
		}
	default:
		return nil, false
	}
	as, ok := args()
	if !ok {
		return nil, false
	}
	c := *e
	c.Op, c.Args, c.Shape = op, as, nil
	return &c, true
}

// elementwiseNode reports whether a call applies its function entry by
// entry: φ'(z), a builtin such as exp or σ.
func elementwiseNode(e *Expr) bool {
	if e.Op == OpPrime {
		return true
	}
	f, ok := Funcs[e.Name]
	return ok && f.Kind == Elementwise
}

// opaque writes (e)_{jk}: the entry of an expression that has no entry
// rule, with any seed in it left as it is.
func (l *indexLowerer) opaque(e *Expr, row, col string) []IndexTerm {
	ix := idx(e, row, col)
	if len(ix) == 0 {
		return scalarTerm(e)
	}
	ent := &Expr{Op: OpCall, Name: indexEntryName, Args: []*Expr{e}, Pos: NoPos}
	for _, i := range ix {
		ent.Sub = append(ent.Sub, &Expr{Op: OpVar, Name: i, Pos: NoPos})
	}
	return []IndexTerm{{Coef: 1, Factors: []IndexFactor{{Expr: ent}}}}
}

// indexEntryName marks an opaque entry (e)_{jk} for PrintIndex.
const indexEntryName = "\x00entry"

func (l *indexLowerer) mentionsSeed(e *Expr) bool {
	found := false
	Inspect(e, func(n *Expr) bool {
		if found {
			return false
		}
		if n.Op == OpVar {
			if _, ok := l.seeds[n.Key()]; ok {
				found = true
			}
		}
		return !found
	})
	return found
}

func scaleTerms(ts []IndexTerm, k float64) []IndexTerm {
	for i := range ts {
		ts[i].Coef *= k
	}
	return ts
}

// product multiplies two sums term by term.
func product(a, b []IndexTerm) []IndexTerm {
	var out []IndexTerm
	for _, x := range a {
		for _, y := range b {
			t := IndexTerm{Coef: x.Coef * y.Coef}
			t.Sums = append(append(t.Sums, x.Sums...), y.Sums...)
			t.Factors = append(append(t.Factors, x.Factors...), y.Factors...)
			out = append(out, t)
		}
	}
	return out
}

// contract removes the deltas of a term that it can: δ_{aa} is 1; a delta
// with a summed index replaces that index by the other and drops the sum;
// a delta between two free indices stays, and the second index is replaced
// by the first in the other factors (δ_{ij} x_j is δ_{ij} x_i).
func contract(t IndexTerm) IndexTerm {
	for changed := true; changed; {
		changed = false
		for fi, f := range t.Factors {
			if f.Expr != nil {
				continue
			}
			a, b := f.Delta[0], f.Delta[1]
			if a == b {
				t.Factors = append(t.Factors[:fi:fi], t.Factors[fi+1:]...)
				changed = true
				break
			}
			summed := -1
			for si, s := range t.Sums {
				if s.Name == b {
					summed = si
				} else if s.Name == a {
					a, b = b, a
					summed = si
				}
			}
			if summed < 0 {
				continue
			}
			t.Sums = append(t.Sums[:summed:summed], t.Sums[summed+1:]...)
			t.Factors = append(t.Factors[:fi:fi], t.Factors[fi+1:]...)
			renameIndex(&t, b, a)
			changed = true
			break
		}
	}
	// Free deltas: write the other factors in the first index.
	for _, f := range t.Factors {
		if f.Expr == nil && f.Delta[0] != f.Delta[1] {
			renameExprIndex(&t, f.Delta[1], f.Delta[0])
		}
	}
	return t
}

// renameIndex renames index from to to in every factor of t.
func renameIndex(t *IndexTerm, from, to string) {
	for i, f := range t.Factors {
		if f.Expr == nil {
			for k := range f.Delta {
				if f.Delta[k] == from {
					t.Factors[i].Delta[k] = to
				}
			}
		}
	}
	renameExprIndex(t, from, to)
}

// renameExprIndex renames index from to to in the subscripts of the
// expression factors of t (not in deltas).
func renameExprIndex(t *IndexTerm, from, to string) {
	for i, f := range t.Factors {
		if f.Expr != nil {
			t.Factors[i].Expr = Subst(f.Expr, func(v *Expr) *Expr {
				if v.Name == from && v.Label == "" && len(v.Sub) == 0 && v.Pos == NoPos {
					return &Expr{Op: OpVar, Name: to, Pos: NoPos}
				}
				return nil
			})
			if f.Expr.Name == indexEntryName {
				sub := make([]*Expr, len(f.Expr.Sub))
				for k, s := range f.Expr.Sub {
					sub[k] = s
					if s.Name == from {
						sub[k] = &Expr{Op: OpVar, Name: to, Pos: NoPos}
					}
				}
				c := *t.Factors[i].Expr
				c.Sub = sub
				t.Factors[i].Expr = &c
			}
		}
	}
}

// Print writes the sum in style st: "δ_{ij} x_k", "Σ_{l=1}^{n} W_{il} x_l",
// "0" for an empty sum.
func (s *IndexSum) Print(st Style) string {
	if len(s.Terms) == 0 {
		return "0"
	}
	var b strings.Builder
	for i, t := range s.Terms {
		coef := t.Coef
		switch {
		case i > 0 && coef < 0:
			b.WriteString(map[Style]string{Text: " − ", ASCII: " - ", LaTeX: " - "}[st])
			coef = -coef
		case i > 0:
			b.WriteString(" + ")
		case coef < 0:
			b.WriteString(map[Style]string{Text: "−", ASCII: "-", LaTeX: "-"}[st])
			coef = -coef
		}
		b.WriteString(printTerm(t, coef, st))
	}
	return b.String()
}

func printTerm(t IndexTerm, coef float64, st Style) string {
	var parts, denoms []string
	for _, r := range t.Sums {
		switch st {
		case LaTeX:
			parts = append(parts, `\sum_{`+r.Name+`=1}^{`+string(r.To)+`}`)
		case ASCII:
			parts = append(parts, "sum_{"+r.Name+"=1}^{"+string(r.To)+"}")
		default:
			parts = append(parts, "Σ_{"+r.Name+"=1}^{"+string(r.To)+"}")
		}
	}
	if coef != 1 || len(t.Factors) == 0 {
		parts = append(parts, Print(Number(coef), st))
	}
	// Deltas first, as textbooks write them.
	for _, f := range t.Factors {
		if f.Expr == nil {
			switch st {
			case LaTeX:
				parts = append(parts, `\delta_{`+f.Delta[0]+f.Delta[1]+`}`)
			case ASCII:
				parts = append(parts, "delta_{"+f.Delta[0]+f.Delta[1]+"}")
			default:
				parts = append(parts, "δ_{"+f.Delta[0]+f.Delta[1]+"}")
			}
		}
	}
	for _, f := range t.Factors {
		if f.Expr == nil {
			continue
		}
		s := printFactor(f.Expr, st)
		if f.Inverse {
			denoms = append(denoms, s)
			continue
		}
		parts = append(parts, s)
	}
	out := strings.Join(parts, " ")
	for _, d := range denoms {
		if st == LaTeX {
			out = `\frac{` + out + `}{` + d + `}`
		} else {
			out += "/" + d
		}
	}
	return out
}

// printFactor writes one factor, parenthesised when it is a sum or
// difference and an opaque entry as (e)_{jk}.
func printFactor(e *Expr, st Style) string {
	if e.Name == indexEntryName && e.Op == OpCall {
		var ix strings.Builder
		for _, s := range e.Sub {
			ix.WriteString(s.Name)
		}
		inner := Print(e.Args[0], st)
		return "(" + inner + ")_{" + ix.String() + "}"
	}
	s := Print(e, st)
	if e.Op == OpAdd || e.Op == OpSub || e.Op == OpNeg || (e.Op == OpNum && e.Num < 0) {
		return "(" + s + ")"
	}
	return s
}

// FreshIndices returns a generator of index names that are not in used:
// i, j, k, l, p, q, r, s, then i₁, i₂, ….
func FreshIndices(used func(string) bool) func() string {
	names := []string{"i", "j", "k", "l", "p", "q", "r", "s", "a", "b"}
	n := 0
	return func() string {
		for ; ; n++ {
			var name string
			if n < len(names) {
				name = names[n]
			} else {
				name = "i" + strconv.Itoa(n-len(names)+1)
			}
			if !used(name) {
				n++
				return name
			}
		}
	}
}
