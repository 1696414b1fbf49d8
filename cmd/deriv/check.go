package main

import (
	"errors"
	"fmt"
	"strings"

	"deriv/numeric"
	"deriv/parser"
	"deriv/symbolic"
)

// checkCmd judges a claimed derivative (SPEC §5: verdict, worst error,
// counterexample, likely mistake; exit 0 correct, 1 incorrect, 2 unusable).
type checkCmd struct {
	programFlags
	checkFlags
	Wrt   string `help:"The variable the claim differentiates with respect to." required:"" placeholder:"V"`
	Claim string `help:"The claimed derivative, in any spelling." required:"" placeholder:"EXPR"`
}

func (c *checkCmd) Run(e *env) error {
	p, targets, err := c.loadTargets(e, c.Wrt)
	if err != nil {
		return err
	}
	if len(targets) != 1 {
		return inputErr(fmt.Errorf("deriv: check takes one --wrt variable, got %d", len(targets)))
	}
	claim, err := parseClaim(p, c.Claim, targets[0])
	if err != nil {
		return inputErr(relabel(err, "--claim"))
	}
	dims, err := c.dims()
	if err != nil {
		return err
	}
	rep, err := numeric.Check(p, p.Result.Body, targets[0], claim, numeric.CheckOptions{Points: c.Points, Tol: c.Tol, Seed: c.Seed, Dims: dims})
	if err != nil {
		return inputErr(err)
	}
	return writeVerdict(e, c.JSON, rep, "∂"+ofNameKey(p)+"/∂"+symbolic.Print(targets[0], symbolic.Text), claim)
}

// writeVerdict prints a check or equiv report and turns a negative verdict
// into exit 1.
func writeVerdict(e *env, asJSON bool, rep *numeric.Report, what string, claim *symbolic.Expr) error {
	if asJSON {
		if err := writeJSON(e.stdout, reportToJSON(rep)); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "%s: %s\n", rep.Verdict, what)
		if claim != nil {
			fmt.Fprintf(e.stdout, "  claim: %s\n", symbolic.Print(claim, symbolic.Text))
		}
		if rep.MaxRelError == 0 {
			fmt.Fprintf(e.stdout, "  points: %d, every entry agrees to 1e-10\n", rep.Points)
		} else {
			fmt.Fprintf(e.stdout, "  points: %d, max relative error: %.3g\n", rep.Points, rep.MaxRelError)
		}
		if rep.Diagnosis != "" {
			fmt.Fprintf(e.stdout, "  likely mistake: %s\n", rep.Diagnosis)
		}
		if ce := rep.Counterexample; ce != nil {
			fmt.Fprintf(e.stdout, "  counterexample: %s\n", formatValue(ce.Values))
			fmt.Fprintf(e.stdout, "    expected: %s\n", formatValue(ce.Expected))
			fmt.Fprintf(e.stdout, "    claimed:  %s\n", formatValue(ce.Claimed))
		}
	}
	if rep.Verdict == "correct" || rep.Verdict == "equivalent" {
		return nil
	}
	return negative()
}

// equivCmd decides whether two expressions are equal for all values.
type equivCmd struct {
	checkFlags
	A     string `arg:"" help:"The first expression (or a program whose last line is an expression)."`
	B     string `arg:"" help:"The second expression."`
	Where string `help:"Declarations for the names the expressions use." placeholder:"DECLS"`
	JSON  bool   `name:"json" help:"Write one JSON document to stdout."`
}

func (c *equivCmd) Run(e *env) error {
	opts := []parser.Option{parser.WithFile("<A>")}
	if c.Where != "" {
		opts = append(opts, parser.WithWhere(c.Where))
	}
	p, err := parser.Parse(c.A, opts...)
	if err != nil {
		return inputErr(err)
	}
	if p.Result == nil || p.Result.Body == nil {
		return inputErr(symbolic.Errorf(symbolic.Pos(len(c.A)), "expected an expression to compare").WithSource(c.A, "<A>"))
	}
	a := p.Result.Body
	b, err := parser.ParseExpr(p, c.B)
	if err != nil {
		return inputErr(relabel(err, "<B>"))
	}
	dims, err := c.dims()
	if err != nil {
		return err
	}
	rep, err := numeric.Equivalent(p, a, b, numeric.CheckOptions{Points: c.Points, Tol: c.Tol, Seed: c.Seed, Dims: dims})
	if err != nil {
		return inputErr(err)
	}
	what := symbolic.Print(a, symbolic.Text) + "  vs  " + symbolic.Print(b, symbolic.Text)
	return writeVerdict(e, c.JSON, rep, what, nil)
}

// parseClaim parses a claimed derivative. Students often write the
// left-hand side too (∂f/∂x = 2 a, \frac{\partial f}{\partial x} = a): a
// claim with one top-level "=" is read as LHS = RHS, the LHS must be a
// derivative with respect to the target, and the RHS is the claim.
// Positions in messages stay those of the text as written.
func parseClaim(p *symbolic.Program, src string, wrt *symbolic.Expr) (*symbolic.Expr, error) {
	eq := topLevelEquals(src)
	if eq < 0 {
		return parser.ParseExpr(p, src)
	}
	lhs, err := parser.ParseExpr(p, src[:eq])
	if err != nil {
		return nil, withText(err, src)
	}
	if lhs.Op != symbolic.OpDeriv || len(lhs.Args) != 2 || !symbolic.Equal(lhs.Args[1], wrt) {
		return nil, symbolic.Errorf(0, "the left-hand side of the claim should be the derivative with respect to %s, as in ∂f/∂%s = …", symbolic.Print(wrt, symbolic.Text), symbolic.Print(wrt, symbolic.Text)).WithSource(src, "")
	}
	// Blank out the left-hand side so that offsets into the right-hand
	// side are offsets into src.
	e, err := parser.ParseExpr(p, strings.Repeat(" ", eq+1)+src[eq+1:])
	if err != nil {
		return nil, withText(err, src)
	}
	return e, nil
}

// topLevelEquals is the byte offset of the only "=" outside brackets, or -1.
func topLevelEquals(s string) int {
	depth, at := 0, -1
	for i, r := range s {
		switch r {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '=':
			if depth == 0 {
				if at >= 0 {
					return -1
				}
				at = i
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
