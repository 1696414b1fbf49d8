package symtest

import (
	"math"

	"deriv/symbolic"
	"pgregory.net/rapid"
)

// ExprOpts restricts what Expr generates. The zero value allows every
// construct of the language except derivative notation.
type ExprOpts struct {
	// NoDomainFuncs leaves out what is undefined somewhere: log, sqrt,
	// tan, arcsin, arccos, inv, det, logdet, ⊘, division by anything but
	// a positive number, and the extreme constants 1e-07 and 2.5e21.
	NoDomainFuncs bool
	// Smooth leaves out the non-differentiable abs, sign, relu, step and
	// the 1-norm.
	Smooth bool
	// NoAbstract leaves out the program's declared functions (φ, Φ), which
	// have no numeric definition.
	NoAbstract bool
	// Derivs adds derivative notation: φ'(z), σ'(z), g_i'(a), J_Φ(z)
	// and ∂_k f(a, c).
	Derivs bool
}

// Expr draws a random well-typed expression of shape want in the context of
// p, with Shape set on every node (nil for scalars, [1 n] for a row vector)
// and Pos NoPos. depth bounds the height of the tree (depth ≤ 0 gives a
// leaf). It covers +, −, negation, products (matrix, scaling and inner),
// division by scalars, ⊙, ⊘, .^, powers with small integer exponents on
// scalars, transposes, inverses of square matrices, the elementwise
// builtins and p's elementwise functions and families of functions
// (g_1(a), g_i(a) inside Σ), p's vector maps, p's functions of k scalars
// (f(a, c)), tr, sum, det,
// logdet, diag (both ways), softmax, logsumexp, the norms 1, 2 and F, 𝟙 and
// I (as a summand, where their size is fixed by the other side), numbers
// (1, 2, 3, ½, 1.5, 10, 0.25, 1e-07, 2.5e21, π) also broadcast against
// vectors (1 − σ(z)), fixed family members (w_1, b_2), and Σ over p's
// families (w_i, b_i inside). The first opts, if any, restrict it.
//
// want should be built from dimensions that have a vector variable in p
// (Program guarantees one for each); a vector of another length falls back
// to 𝟙. Expr never fails.
func Expr(t *rapid.T, p *symbolic.Program, want symbolic.Shape, depth int, opts ...ExprOpts) *symbolic.Expr {
	g := newGen(t, p)
	if len(opts) > 0 {
		g.opts = opts[0]
	}
	return g.expr(want.Norm(), depth)
}

// Shape draws a shape for an expression in p: a scalar, a vector of one of
// p's vector lengths, the shape of one of p's matrices, or a row vector.
func Shape(t *rapid.T, p *symbolic.Program) symbolic.Shape {
	g := newGen(t, p)
	shapes := []symbolic.Shape{nil}
	for _, k := range g.dims {
		shapes = append(shapes, symbolic.Vector(k))
	}
	for _, k := range g.dims {
		shapes = append(shapes, symbolic.Shape{symbolic.One, k})
	}
	for _, m := range g.matrices {
		shapes = append(shapes, m.Shape)
	}
	return rapid.SampledFrom(shapes).Draw(t, "shape")
}

// gen is the state of one Expr call: the program's names sorted by kind,
// in p.Order (so draws are reproducible).
type gen struct {
	t    *rapid.T
	opts ExprOpts
	// dims are the vector lengths, in order of first appearance.
	dims     []symbolic.Dim
	scalars  []*symbolic.Symbol
	vectors  []*symbolic.Symbol
	matrices []*symbolic.Symbol
	families []*symbolic.Symbol
	elemFns  []*symbolic.Symbol
	maps     []*symbolic.Symbol
	// fnFamilies are families of scalar functions (g_i); multis are
	// functions of k scalars declared ℝ^k → ℝ with a literal k.
	fnFamilies []*symbolic.Symbol
	multis     []*symbolic.Symbol
	// index is the bound index inside a Σ ("" outside).
	index string
}

func newGen(t *rapid.T, p *symbolic.Program) *gen {
	g := &gen{t: t}
	seen := map[symbolic.Dim]bool{}
	for _, k := range p.Order {
		s := p.Symbols[k]
		if s == nil {
			continue
		}
		shape := s.Shape.Norm()
		switch {
		case s.Kind == symbolic.SymVar && shape.IsScalar():
			g.scalars = append(g.scalars, s)
		case s.Kind == symbolic.SymVar && shape.IsVector():
			g.vectors = append(g.vectors, s)
			if !seen[shape[0]] {
				seen[shape[0]] = true
				g.dims = append(g.dims, shape[0])
			}
		case s.Kind == symbolic.SymVar && shape.IsMatrix():
			g.matrices = append(g.matrices, s)
		case s.Kind == symbolic.SymFamily && s.Index != "":
			g.families = append(g.families, s)
		case s.Kind == symbolic.SymFunc && s.Index != "" && s.Elementwise:
			g.fnFamilies = append(g.fnFamilies, s)
		case s.Kind == symbolic.SymFunc && s.Index == "" && s.Elementwise:
			g.elemFns = append(g.elemFns, s)
		case s.Kind == symbolic.SymFunc && s.Index == "" && len(s.Domain) == 1 && s.Range.Norm().IsScalar() &&
			s.Domain[0].Norm().IsVector() && s.Domain[0][0].IsLiteral():
			g.multis = append(g.multis, s)
		case s.Kind == symbolic.SymFunc && s.Index == "" && len(s.Domain) == 1 &&
			s.Domain[0].Norm().IsVector() && s.Range.Norm().IsVector():
			g.maps = append(g.maps, s)
		}
	}
	return g
}

// draw picks one of n alternatives; shrinking goes towards 0.
func (g *gen) draw(n int, label string) int {
	if n <= 1 {
		return 0
	}
	return rapid.IntRange(0, n-1).Draw(g.t, label)
}

// node builds a node of shape s.
func node(op symbolic.Op, s symbolic.Shape, args ...*symbolic.Expr) *symbolic.Expr {
	return &symbolic.Expr{Op: op, Args: args, Shape: s.Norm(), Pos: symbolic.NoPos}
}

func call(name string, s symbolic.Shape, args ...*symbolic.Expr) *symbolic.Expr {
	e := node(symbolic.OpCall, s, args...)
	e.Name = name
	return e
}

func num(v float64) *symbolic.Expr {
	return &symbolic.Expr{Op: symbolic.OpNum, Num: v, Pos: symbolic.NoPos}
}

var pi = &symbolic.Expr{Op: symbolic.OpNum, Num: math.Pi, Name: "π", Pos: symbolic.NoPos}

// ref is a reference to the variable with key k.
func ref(s *symbolic.Symbol) *symbolic.Expr {
	base, label := symbolic.SplitKey(s.Name)
	return &symbolic.Expr{Op: symbolic.OpVar, Name: base, Label: label, Shape: s.Shape.Norm(), Pos: symbolic.NoPos}
}

// member is the family member s_index (w_i).
func member(s *symbolic.Symbol, index string) *symbolic.Expr {
	e := ref(s)
	e.Sub = []*symbolic.Expr{{Op: symbolic.OpVar, Name: index, Pos: symbolic.NoPos}}
	return e
}
