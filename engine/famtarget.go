package engine

import (
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"

	"deriv/numeric"
	"deriv/symbolic"
)

// familyDefTarget answers --wrt z_i for a family of definitions
// z_i = w_iᵀ x + b_i (a definition with a free index i): the derivative
// with respect to an intermediate, as for any definition, but one per
// member. It returns a copy of p in which z is a family variable z_1, …,
// z_n of the definition's shape (the definitions of z_i and of its
// members z_j, z_2 are gone, and every use of one is the member of z),
// and the target as the member z_i of that family. The derivative and
// its check are then those of a family member: ∂f/∂z_i of f = Σ_j σ(z_j)²
// is 2 σ(z_i)² (1 − σ(z_i)), and the check perturbs z_i where f reads it.
// ok is false for any other target (p and w are returned unchanged).
func familyDefTarget(p *symbolic.Program, w *symbolic.Expr) (*symbolic.Program, *symbolic.Expr, bool) {
	q, t, _, ok := familyDefProgram(p, w)
	return q, t, ok
}

// famTarget is what a result with respect to z_i of a family of
// definitions keeps: the program it was derived in, and z_i's definition
// in the user's program (for the values of z at a point).
type famTarget struct {
	prog *symbolic.Program
	def  *symbolic.Def
}

// values returns at with the value of the family z added: member k is
// z_i's definition evaluated at at with i = k (as the user's program
// computes it).
func (f *famTarget) values(p *symbolic.Program, at *numeric.Env) (*numeric.Env, error) {
	z := f.prog.Symbols[strings.SplitN(f.def.Name, "_", 2)[0]]
	n, ok := at.DimSize(z.Count)
	if !ok || n < 1 {
		return nil, symbolic.Errorf(f.def.Pos, "the size of the family %s is unknown", z.Name).WithSource(p.Src, p.File)
	}
	c, err := numeric.Compile(p, f.def.Body)
	if err != nil {
		return nil, err
	}
	out := at.Clone()
	if out.Vals == nil {
		out.Vals = map[string]*mat.Dense{}
	}
	var rows [][]float64
	for k := 1; k <= n; k++ {
		e := at.Clone()
		if e.Index == nil {
			e.Index = map[string]int{}
		}
		e.Index[z.Index] = k
		v, err := c.Eval(e)
		if err != nil {
			return nil, err
		}
		r, cols := v.Dims()
		row := make([]float64, 0, r*cols)
		for i := range r {
			for j := range cols {
				row = append(row, v.At(i, j))
			}
		}
		rows = append(rows, row)
	}
	m := mat.NewDense(n, len(rows[0]), nil)
	for k, r := range rows {
		m.SetRow(k, r)
	}
	out.Vals[z.Name] = m
	return out, nil
}

// familyDefProgram is familyDefTarget, with the rewriting of an
// expression in p's scope (a claim) into q's.
func familyDefProgram(p *symbolic.Program, w *symbolic.Expr) (*symbolic.Program, *symbolic.Expr, func(*symbolic.Expr) *symbolic.Expr, bool) {
	if p == nil || w == nil || w.Op != symbolic.OpVar || len(w.Sub) > 0 {
		return p, w, nil, false
	}
	s := p.Symbols[w.Key()]
	if s == nil || s.Kind != symbolic.SymDef || s.Def == nil || len(s.Def.Params) > 0 || s.Def.Body == nil {
		return p, w, nil, false
	}
	index := symbolic.FreeIndex(p, s.Def)
	base, sub, ok := strings.Cut(s.Def.Name, "_")
	is := p.Symbols[index]
	if index == "" || !ok || sub != index || is == nil || is.Kind != symbolic.SymIndex || is.Count == "" || p.Symbols[base] != nil {
		return p, w, nil, false
	}
	shape := s.Def.Body.Shape
	// member returns the subscript of a use of the family by its whole
	// name (z_j, z_2), or nil.
	member := func(name string) *symbolic.Expr {
		b, x, ok := strings.Cut(name, "_")
		if !ok || b != base {
			return nil
		}
		if d := p.Symbols[name]; d == nil || d.Kind != symbolic.SymDef {
			return nil
		}
		if v, err := strconv.Atoi(x); err == nil && v >= 1 {
			return symbolic.Number(float64(v))
		}
		if k := p.Symbols[x]; k != nil && k.Kind == symbolic.SymIndex {
			return &symbolic.Expr{Op: symbolic.OpVar, Name: x, Pos: symbolic.NoPos}
		}
		return nil
	}
	// rewrite turns the uses of members by their whole names into
	// members of the family z.
	rewrite := func(e *symbolic.Expr) *symbolic.Expr {
		return symbolic.Subst(e, func(v *symbolic.Expr) *symbolic.Expr {
			if len(v.Sub) > 0 || v.Label != "" {
				return nil
			}
			if x := member(v.Name); x != nil {
				return &symbolic.Expr{Op: symbolic.OpVar, Name: base, Sub: []*symbolic.Expr{x}, Shape: shape, Pos: v.Pos}
			}
			return nil
		})
	}
	q := *p
	q.Symbols = make(map[string]*symbolic.Symbol, len(p.Symbols)+1)
	q.Defs, q.Order, q.Result = nil, nil, nil
	for k, v := range p.Symbols {
		if member(k) == nil {
			q.Symbols[k] = v
		}
	}
	q.Symbols[base] = &symbolic.Symbol{Name: base, Kind: symbolic.SymFamily, Shape: shape, Declared: true, Index: index, Count: is.Count, Pos: s.Pos}
	for _, k := range p.Order {
		switch {
		case member(k) == nil:
			q.Order = append(q.Order, k)
		case k == s.Def.Name:
			q.Order = append(q.Order, base)
		}
	}
	for _, d := range p.Defs {
		if member(d.Name) != nil {
			if d == p.Result {
				return p, w, nil, false // the function is the family itself
			}
			continue
		}
		nd := d
		if b := rewrite(d.Body); b != d.Body {
			c := *d
			c.Body, nd = b, &c
			if sym := q.Symbols[d.Name]; sym != nil {
				cs := *sym
				cs.Def = nd
				q.Symbols[d.Name] = &cs
			}
		}
		q.Defs = append(q.Defs, nd)
		if d == p.Result {
			q.Result = nd
		}
	}
	target := &symbolic.Expr{Op: symbolic.OpVar, Name: base, Sub: []*symbolic.Expr{{Op: symbolic.OpVar, Name: index, Pos: symbolic.NoPos}}, Shape: shape, Pos: w.Pos}
	return &q, target, rewrite, true
}
