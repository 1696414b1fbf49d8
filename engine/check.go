package engine

import (
	"context"
	"errors"
	"strings"

	"deriv/numeric"
	"deriv/parser"
	"deriv/symbolic"
)

// ParseClaim parses a claimed derivative with respect to wrt. Students
// often write the left-hand side too (∂f/∂x = 2 a,
// \frac{\partial f}{\partial x} = a): a claim with one top-level "=" is
// read as LHS = RHS; the LHS must be a derivative with respect to wrt, and
// the RHS is the claim. Positions in messages are those of the text as
// written.
func ParseClaim(p *symbolic.Program, src string, wrt *symbolic.Expr) (e *symbolic.Expr, err error) {
	defer recoverInternal(&err)
	if q, t, _, ok := familyDefProgram(p, wrt); ok {
		// --wrt z_i of a family of definitions: the claim is read where
		// z is a family (z_j its member, as Check sees it).
		p, wrt = q, t
	}
	eq := topLevelEquals(src)
	if eq < 0 {
		e, err = parser.ParseExpr(p, src)
		return broadcastNumber(p, e, wrt), err
	}
	lhs, err := parser.ParseExpr(p, src[:eq])
	if err != nil {
		return nil, withText(err, src)
	}
	if lhs.Op != symbolic.OpDeriv || len(lhs.Args) != 2 || !symbolic.Equal(lhs.Args[1], wrt) {
		w := symbolic.Print(wrt, symbolic.Text)
		return nil, symbolic.Errorf(0, "the left-hand side of the claim should be the derivative with respect to %s, as in ∂f/∂%s = …", w, w).WithSource(src, "")
	}
	// Blank out the left-hand side so that offsets into the right-hand
	// side are offsets into src.
	e, err = parser.ParseExpr(p, strings.Repeat(" ", eq+1)+src[eq+1:])
	if err != nil {
		return nil, withText(err, src)
	}
	return broadcastNumber(p, e, wrt), nil
}

// broadcastNumber reads a bare number claimed as the gradient of a scalar
// with respect to a vector or matrix (0, as textbooks write the zero
// matrix) as that number in every entry.
func broadcastNumber(p *symbolic.Program, e, wrt *symbolic.Expr) *symbolic.Expr {
	if e == nil || e.Op != symbolic.OpNum || !e.Shape.IsScalar() || wrt == nil || wrt.Shape.IsScalar() {
		return e
	}
	if !hasFunction(p) || !p.Result.Body.Shape.IsScalar() {
		return e
	}
	c := *e
	c.Shape = wrt.Shape
	return &c
}

// topLevelEquals is the byte offset of the only "=" outside brackets, or -1.
func topLevelEquals(s string) int {
	if at := EqualsAt(s); len(at) == 1 {
		return at[0]
	}
	return -1
}

// EqualsAt lists the byte offsets of the "=" signs of s outside brackets
// ((, [, {), where a claim or an answer line splits into its sides.
func EqualsAt(s string) []int {
	var at []int
	depth := 0
	for i, r := range s {
		switch r {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '=':
			if depth == 0 {
				at = append(at, i)
			}
		}
	}
	return at
}

// withText shows a positioned error against the whole claim as written.
func withText(err error, src string) error {
	var se *symbolic.Error
	if errors.As(err, &se) {
		se.Src = src
	}
	return err
}

// Check decides whether claim is the derivative of p's function with
// respect to wrt, at random points (SPEC §4): Correct, or Incorrect with a
// counterexample and, when one fits, a diagnosis. A claim of the wrong
// shape is Incorrect. Errors: wrt is not differentiable, the claim cannot
// be evaluated, no point where f is defined was found, a budget.
func Check(ctx context.Context, p *symbolic.Program, wrt, claim *symbolic.Expr, opts CheckOptions, b Budget) (rep *Report, err error) {
	defer recoverInternal(&err)
	ctx, cancel := b.context(ctx)
	defer cancel()
	if !hasFunction(p) {
		return nil, symbolic.Errorf(symbolic.Pos(len(p.Src)), "nothing to differentiate: the program has no definition or expression").WithSource(p.Src, p.File)
	}
	if err := checkDims(p, opts.Dims); err != nil {
		return nil, err
	}
	pw := p
	if q, t, rewrite, ok := familyDefProgram(p, wrt); ok {
		pw, wrt, claim = q, t, rewrite(claim) // --wrt z_i of a family of definitions
	}
	r, err := numeric.Check(pw, pw.Result.Body, wrt, claim, opts.numeric(ctx, b))
	if err != nil {
		return nil, inProgram(asLimit(err, ctx, b, "checking the claim"), p)
	}
	if err := timeLimit(ctx, b, "checking the claim"); err != nil {
		return nil, err
	}
	return fromNumeric(r), nil
}

// Equiv decides whether a and b (expressions in p's scope) are equal for
// all values: Equivalent, or Different with a counterexample.
func Equiv(ctx context.Context, p *symbolic.Program, a, b *symbolic.Expr, opts CheckOptions, bud Budget) (rep *Report, err error) {
	defer recoverInternal(&err)
	ctx, cancel := bud.context(ctx)
	defer cancel()
	if err := checkDims(p, opts.Dims); err != nil {
		return nil, err
	}
	r, err := numeric.Equivalent(p, a, b, opts.numeric(ctx, bud))
	if err != nil {
		return nil, inProgram(asLimit(err, ctx, bud, "comparing the expressions"), p)
	}
	if err := timeLimit(ctx, bud, "comparing the expressions"); err != nil {
		return nil, err
	}
	return fromNumeric(r), nil
}
