package main

import (
	"context"
	"errors"
	"fmt"

	"deriv/engine"
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
	opts, err := c.checkFlags.options()
	if err != nil {
		return err
	}
	claim, err := engine.ParseClaim(p, c.Claim, targets[0])
	if err != nil {
		return inputErr(relabel(err, "--claim"))
	}
	rep, err := engine.Check(context.Background(), p, targets[0], claim, opts, engine.DefaultBudget)
	if err != nil {
		return inputErr(err)
	}
	return writeVerdict(e, c.JSON, rep, "∂"+engine.OfName(p)+"/∂"+symbolic.Print(targets[0], symbolic.Text), claim)
}

// writeVerdict prints a check or equiv report and turns a negative verdict
// into exit 1.
func writeVerdict(e *env, asJSON bool, rep *engine.Report, what string, claim *symbolic.Expr) error {
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
		if rep.Diagnosis != nil {
			fmt.Fprintf(e.stdout, "  likely mistake: %s\n", rep.Diagnosis.Message)
		}
		if ce := rep.Counterexample; ce != nil {
			fmt.Fprintf(e.stdout, "  counterexample: %s\n", formatValue(ce.Values))
			fmt.Fprintf(e.stdout, "    expected: %s\n", formatValue(ce.Expected))
			fmt.Fprintf(e.stdout, "    claimed:  %s\n", formatValue(ce.Claimed))
		}
	}
	if rep.Verdict.Positive() {
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
	p, err := engine.Load(context.Background(), c.A, engine.Options{File: "<A>", Where: c.Where})
	if err != nil {
		return inputErr(err)
	}
	if p.Result == nil || p.Result.Body == nil {
		return inputErr(symbolic.Errorf(symbolic.Pos(len(c.A)), "expected an expression to compare").WithSource(c.A, "<A>"))
	}
	a := p.Result.Body
	opts, err := c.checkFlags.options()
	if err != nil {
		return err
	}
	b, err := engine.ParseExpr(p, c.B)
	if err != nil {
		return inputErr(relabel(err, "<B>"))
	}
	rep, err := engine.Equiv(context.Background(), p, a, b, opts, engine.DefaultBudget)
	if err != nil {
		return inputErr(err)
	}
	what := symbolic.Print(a, symbolic.Text) + "  vs  " + symbolic.Print(b, symbolic.Text)
	return writeVerdict(e, c.JSON, rep, what, nil)
}

// relabel names the flag or file a positioned error came from.
func relabel(err error, name string) error {
	var se *symbolic.Error
	if errors.As(err, &se) {
		se.File = name
	}
	return err
}
