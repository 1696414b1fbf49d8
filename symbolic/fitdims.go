package symbolic

// ProgramDims returns the dimension symbols the program's names use:
// variables', families' and functions' shapes and family counts. Literal
// sizes ("3") are not included.
func ProgramDims(p *Program) map[Dim]bool {
	out := map[Dim]bool{}
	if p == nil {
		return out
	}
	add := func(s Shape) {
		for _, d := range s {
			out[d] = true
		}
	}
	for _, s := range p.Symbols {
		add(s.Shape)
		add(s.Range)
		for _, d := range s.Domain {
			add(d)
		}
		if s.Count != "" {
			out[s.Count] = true
		}
	}
	return out
}

// FitDims returns e with its free dimensions renamed so that its shape
// becomes want. A dimension is free when it is not in fixed and not a
// literal size: the fresh dimension shape inference gave a constant that
// nothing in e pinned down (I in a claim "I" for ∂tr(A)/∂A is m×m until
// it meets A's n×n). When e's shape cannot become want by renaming free
// dimensions, or already is want, e is returned unchanged; otherwise e is
// copied (e itself is not modified; shared nodes stay shared).
func FitDims(e *Expr, want Shape, fixed map[Dim]bool) *Expr {
	if e == nil {
		return e
	}
	have, want := e.Shape.Norm(), want.Norm()
	if have.Equal(want) || len(have) != len(want) {
		return e
	}
	ren := map[Dim]Dim{}
	for i, d := range have {
		w := want[i]
		if d == w {
			continue
		}
		if fixed[d] || isLiteralDim(d) {
			return e
		}
		if old, ok := ren[d]; ok && old != w {
			return e
		}
		ren[d] = w
	}
	memo := map[*Expr]*Expr{}
	var walk func(x *Expr) *Expr
	walk = func(x *Expr) *Expr {
		if x == nil {
			return nil
		}
		if y, ok := memo[x]; ok {
			return y
		}
		y := *x
		y.Shape = renameShape(x.Shape, ren)
		if len(x.Args) > 0 {
			y.Args = make([]*Expr, len(x.Args))
			for i, a := range x.Args {
				y.Args[i] = walk(a)
			}
		}
		memo[x] = &y
		return &y
	}
	return walk(e)
}

// renameShape renames the dimensions of s by ren.
func renameShape(s Shape, ren map[Dim]Dim) Shape {
	if len(s) == 0 {
		return s
	}
	out := make(Shape, len(s))
	for i, d := range s {
		if r, ok := ren[d]; ok {
			out[i] = r
		} else {
			out[i] = d
		}
	}
	return out.Norm()
}

// isLiteralDim reports whether d is a literal size such as "3".
func isLiteralDim(d Dim) bool {
	if d == "" {
		return false
	}
	for _, r := range d {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
