package parser

import (
	sym "deriv/symbolic"
)

// knownShapes is inferShapes' quick path, for a program in which there is
// nothing to infer: every name its definitions use is a declared variable
// (its shape written down) or an earlier definition without parameters,
// and every node is a number, a name without subscripts, −, +, −, a
// product, a quotient, a transpose, or a builtin call of one argument
// that keeps its shape or makes a scalar (tr, exp, σ, …) whose name the
// program does not take. There the solver's answer is the known-shape
// rules' (symbolic.ResultShapeIn) applied children first: no shape
// variable is open, so propagation only checks what those rules check
// (equal shapes for +, inner dimensions for a product, a scalar divisor,
// a square matrix for tr), no default applies and no dimension is named;
// so it skips building the solver.
//
// It reports false when the program is not of that kind, or when a rule
// reports a conflict: then inferShapes runs the solver, which writes every
// shape again and words the error. TestKnownShapesMatchSolver holds the
// two to the same shapes.
func knownShapes(p *sym.Program) bool {
	for _, d := range p.Defs {
		if d == nil || d.Body == nil || len(d.Params) > 0 {
			return false
		}
	}
	if len(p.Defs) > len(knownPass{}.done) {
		return false
	}
	k := knownPass{p: p}
	for _, d := range p.Defs {
		if !k.expr(d.Body, 0) {
			return false
		}
		k.done[k.nDone] = d
		k.nDone++
	}
	if r := p.Result; r != nil && r.Body != nil && !k.isDone(r) {
		if len(r.Params) > 0 || !k.expr(r.Body, 0) {
			return false
		}
	}
	// What commit writes: a definition's shape is its body's.
	for _, sy := range p.Symbols {
		if sy.Kind == sym.SymDef && sy.Def != nil && sy.Def.Body != nil {
			sy.Shape = sy.Def.Body.Shape
		}
	}
	return true
}

// knownPass is the state of knownShapes: the definitions whose bodies
// have their shapes, and the shapes of names, products and transposes
// met so far (shapes are never modified in place, so equal ones are
// shared).
type knownPass struct {
	p       *sym.Program
	done    [16]*sym.Def
	nDone   int
	shapes  [8]sym.Shape
	nShapes int
}

// met records a shape a name has, for shape to share.
func (k *knownPass) met(sh sym.Shape) {
	if len(sh) == 0 || k.nShapes == len(k.shapes) {
		return
	}
	for _, s := range k.shapes[:k.nShapes] {
		if &s[0] == &sh[0] {
			return
		}
	}
	k.shapes[k.nShapes] = sh
	k.nShapes++
}

// shape returns the normalised shape rows×cols (as symbolic.Matrix
// makes it), one made before when equal.
func (k *knownPass) shape(rows, cols sym.Dim) sym.Shape {
	switch {
	case rows == sym.One && cols == sym.One:
		return nil
	case cols == sym.One:
		cols = ""
	}
	for _, sh := range k.shapes[:k.nShapes] {
		if sh[0] == rows && (cols == "" && len(sh) == 1 || len(sh) == 2 && sh[1] == cols) {
			return sh
		}
	}
	sh := sym.Shape{rows, cols}
	if cols == "" {
		sh = sh[:1:1]
	}
	k.met(sh)
	return sh
}

func (k *knownPass) isDone(d *sym.Def) bool {
	for _, e := range k.done[:k.nDone] {
		if e == d {
			return true
		}
	}
	return false
}

func (k *knownPass) lookup(key string) *sym.Symbol { return k.p.Symbols[key] }

// expr sets the shapes of e's nodes, children first, reporting false
// when e is not of the kind knownShapes answers or does not fit.
func (k *knownPass) expr(e *sym.Expr, depth int) bool {
	if e == nil || depth > maxShapeDepth {
		return false
	}
	switch e.Op {
	case sym.OpNum:
		e.Shape = nil
		return true
	case sym.OpVar:
		if len(e.Sub) > 0 {
			return false
		}
		sy := k.lookup(e.Key())
		switch {
		case sy == nil:
			return false
		case sy.Kind == sym.SymVar && sy.Declared:
			e.Shape = sy.Shape.Norm()
			k.met(e.Shape)
		case sy.Kind == sym.SymDef && sy.Def != nil && len(sy.Def.Params) == 0 && k.isDone(sy.Def):
			e.Shape = sy.Def.Body.Shape.Norm()
		default:
			return false
		}
		return true
	case sym.OpCall:
		if len(e.Args) != 1 || len(e.Sub) > 0 || k.lookup(e.Key()) != nil {
			return false
		}
		switch f, ok := sym.Funcs[e.Name]; {
		case !ok:
			return false
		case f.Shape != sym.ShapeSame && f.Shape != sym.ShapeSquareToScalar && f.Shape != sym.ShapeToScalar:
			return false
		}
	case sym.OpNeg, sym.OpAdd, sym.OpSub, sym.OpMul, sym.OpDiv, sym.OpT:
		if n := sym.OpArity(e.Op); len(e.Args) != n {
			return false
		}
	default:
		return false
	}
	for _, a := range e.Args {
		if !k.expr(a, depth+1) {
			return false
		}
	}
	switch e.Op {
	case sym.OpMul:
		// symbolic's productShape, without allocating a shape made before.
		a, b := e.Args[0].Shape.Norm(), e.Args[1].Shape.Norm()
		switch {
		case a.IsScalar():
			e.Shape = b
		case b.IsScalar():
			e.Shape = a
		case a.Cols() != b.Rows():
			return false
		default:
			e.Shape = k.shape(a.Rows(), b.Cols())
		}
		return true
	case sym.OpT:
		// Shape.T, the same way.
		a := e.Args[0].Shape.Norm()
		e.Shape = nil
		if !a.IsScalar() {
			e.Shape = k.shape(a.Cols(), a.Rows())
		}
		return true
	}
	sh, err := sym.ResultShapeIn(e, k.lookup)
	if err != nil {
		return false
	}
	e.Shape = sh
	return true
}
