package parser

import (
	"strings"

	"deriv/grammar"
	"deriv/symbolic"
)

// decl lowers a declaration statement: variables, families, functions and
// index ranges. A name subscripted by the statement's range index (or by a
// index the program declares elsewhere or binds by a sum: see
// programIndices) declares a family; any other subscripted name is a name
// of its own (W_1).
func (l *lowerer) decl(d *grammar.Decl) error {
	index, count := "", symbolic.Dim("")
	if d.Range != nil {
		t, err := targetOf(d.Range.Index)
		if err != nil {
			return err
		}
		c, err := intervalEnd(d.Range.Set)
		if err != nil {
			return err
		}
		index, count = t.key(), c
		if err := l.declIndex(index, count, t.pos); err != nil {
			return err
		}
	}
	// Index sets first, so that families in the same statement see them.
	for _, part := range d.Parts {
		if part.Space.Set == nil {
			continue
		}
		c, err := intervalEnd(part.Space.Set)
		if err != nil {
			return err
		}
		for _, tg := range part.Targets {
			if tg.Target == nil {
				return errBadDecl(posOf(tg.Pos), "… stands for family members, as in w_1, w_2, …, w_n ∈ R^d")
			}
			t, err := targetOf(tg.Target)
			if err != nil {
				return err
			}
			if err := l.declIndex(t.key(), c, t.pos); err != nil {
				return err
			}
			if index == "" {
				index, count = t.key(), c
			}
		}
	}
	for _, part := range d.Parts {
		if part.Space.Reals == nil {
			continue
		}
		if hasDots(part) {
			t, idx, cnt, err := l.elided(part)
			if err != nil {
				return err
			}
			if err := l.declName(t, part.Space.Reals, idx, cnt); err != nil {
				return err
			}
			continue
		}
		for _, tg := range part.Targets {
			t, err := targetOf(tg.Target)
			if err != nil {
				return err
			}
			if err := l.declName(t, part.Space.Reals, index, count); err != nil {
				return err
			}
		}
	}
	return nil
}

// declShape is shapeOf(r), made once for the names declared together
// (A, X ∈ R^{n×n} share one shape), and shared by the declarations of
// equal shapes (a ∈ R^n; b ∈ R^n): shapes are never modified in place.
func (l *lowerer) declShape(r *grammar.Reals) (symbolic.Shape, error) {
	if r == l.lastReals {
		return l.lastShape, nil
	}
	s, err := l.sharedShapeOf(r)
	if err == nil {
		l.lastReals, l.lastShape = r, s
	}
	return s, err
}

// sharedShapeOf is shapeOf(r), or an equal shape made before.
func (l *lowerer) sharedShapeOf(r *grammar.Reals) (symbolic.Shape, error) {
	d := r.Dims
	if d == nil || d.One == nil && len(d.Alt) == 0 && len(d.List) == 0 || len(d.List)+len(d.Alt) > 2 {
		return shapeOf(r)
	}
	list := d.List
	if d.Alt != nil {
		list = d.Alt
	}
	if d.One != nil {
		list = []*grammar.Dim{d.One}
	}
	var dims [2]symbolic.Dim
	for i, g := range list {
		v, err := dimOf(g)
		if err != nil {
			return nil, err
		}
		dims[i] = v
	}
	n := len(list)
	switch {
	case n == 2 && dims[0] == symbolic.One && dims[1] == symbolic.One:
		return nil, nil
	case n == 2 && dims[1] == symbolic.One:
		n = 1
	}
	for _, s := range l.shapes[:l.nShapes] {
		if len(s) == n && s[0] == dims[0] && (n == 1 || s[1] == dims[1]) {
			return s, nil
		}
	}
	// As shapeOf makes it.
	var s symbolic.Shape
	if len(list) == 2 {
		s = symbolic.Matrix(dims[0], dims[1])
	} else {
		s = symbolic.Vector(dims[0])
	}
	if l.nShapes < len(l.shapes) {
		l.shapes[l.nShapes] = s
		l.nShapes++
	}
	return s, nil
}

// declIndex declares an index i = 1..count.
func (l *lowerer) declIndex(key string, count symbolic.Dim, p symbolic.Pos) error {
	if s := l.symbol(key); s != nil && !(s.Kind == symbolic.SymIndex && s.Count == count) {
		return errRedefined(p, key, "declared")
	}
	l.addSymbol(key, l.newSymbol(symbolic.Symbol{Name: key, Kind: symbolic.SymIndex, Count: count, Declared: true, Pos: p}))
	return nil
}

// declName declares one name of a declaration part.
func (l *lowerer) declName(t targetName, r *grammar.Reals, index string, count symbolic.Dim) error {
	sym := l.newSymbol(symbolic.Symbol{Kind: symbolic.SymVar, Declared: true, Pos: t.pos})
	key := t.key()
	if len(t.subs) == 1 {
		sub := t.subs[0]
		later, isLater := l.indices[sub]
		if sub == index || (index == "" && (l.isIndex(sub) || isLater && l.symbol(sub) == nil)) {
			if sub != index {
				count = later
				if s := l.symbol(sub); s != nil {
					count = s.Count
				} else if !l.readOnly {
					// An index known only from later statements is an
					// index from here on, as a range would make it.
					l.addSymbol(sub, l.newSymbol(symbolic.Symbol{Name: sub, Kind: symbolic.SymIndex, Count: later, Pos: t.pos}))
				}
			}
			key = symbolic.VarKey(t.base, t.label)
			sym.Kind, sym.Index, sym.Count = symbolic.SymFamily, sub, count
		}
	}
	sym.Name = key
	if r.To != nil {
		if r.To.To != nil {
			return errBadDecl(posOf(r.To.To.Pos), "a function maps R^… to R^…, once")
		}
		from, err := shapeOf(r)
		if err != nil {
			return err
		}
		to, err := shapeOf(r.To)
		if err != nil {
			return err
		}
		if sym.Kind == symbolic.SymFamily {
			sym.Kind = symbolic.SymFunc
		} else {
			sym.Kind = symbolic.SymFunc
			sym.Index, sym.Count = "", ""
		}
		sym.Domain, sym.Range = []symbolic.Shape{from}, to
		sym.Elementwise = from.IsScalar() && to.IsScalar()
	} else {
		s, err := l.declShape(r)
		if err != nil {
			return err
		}
		sym.Shape = s
	}
	if old := l.symbol(key); old != nil && (old.Declared || old.Kind == symbolic.SymDef) {
		if !(old.Kind == sym.Kind && old.Shape.Equal(sym.Shape) && old.Kind != symbolic.SymFunc) {
			return errRedefined(t.pos, key, "declared")
		}
	}
	l.addSymbol(key, sym)
	return nil
}

// isIndex reports whether name is a declared index.
func (l *lowerer) isIndex(name string) bool {
	s := l.symbol(name)
	return s != nil && s.Kind == symbolic.SymIndex
}

// shapeOf is the shape of R, R^d or R^{m×n}.
func shapeOf(r *grammar.Reals) (symbolic.Shape, error) {
	if r.Dims == nil {
		return symbolic.Scalar, nil
	}
	list := r.Dims.List
	if r.Dims.Alt != nil {
		list = r.Dims.Alt
	}
	if r.Dims.One != nil {
		list = []*grammar.Dim{r.Dims.One}
	}
	dims := make([]symbolic.Dim, len(list))
	for i, d := range list {
		v, err := dimOf(d)
		if err != nil {
			return nil, err
		}
		dims[i] = v
	}
	switch len(dims) {
	case 1:
		return symbolic.Vector(dims[0]).Norm(), nil
	case 2:
		return symbolic.Matrix(dims[0], dims[1]), nil
	default:
		return nil, errBadDecl(posOf(r.Dims.Pos), "%d dimensions; deriv handles scalars, vectors and matrices", len(dims))
	}
}

// dimOf is a dimension's text: "3", "d", "d⁽¹⁾".
func dimOf(d *grammar.Dim) (symbolic.Dim, error) {
	if d.Num != "" {
		if strings.ContainsAny(d.Num, ".eE") || strings.Trim(d.Num, "0") == "" {
			return "", errBadDecl(posOf(d.Pos), "a dimension is a positive whole number or a name, found %s", d.Num)
		}
		return symbolic.Dim(strings.TrimLeft(d.Num, "0")), nil
	}
	t, err := targetOf(d.Name)
	if err != nil {
		return "", err
	}
	return symbolic.Dim(t.key()), nil
}

// intervalEnd checks that an index range starts at 1 and returns its end.
func intervalEnd(iv *grammar.Interval) (symbolic.Dim, error) {
	if iv.Lo.Num != "1" {
		lo := iv.Lo.Num
		if lo == "" {
			lo = "a name"
		}
		return "", errBadRange(posOf(iv.Lo.Pos), lo)
	}
	return dimOf(iv.Hi)
}
