package main

import (
	"context"
	"fmt"

	"deriv/engine"
	"deriv/symbolic"
)

// stepCmd writes one gradient-descent update in the iterates' names
// (SPEC §5; worksheet 2d and 2f).
type stepCmd struct {
	programFlags
	styleFlags
	Wrt  string `help:"The variables to update, comma-separated." required:"" placeholder:"V[,V…]"`
	Rate string `help:"The step size." default:"η" placeholder:"η"`
}

func (c *stepCmd) Run(e *env) error {
	p, targets, err := c.loadTargets(e, c.Wrt)
	if err != nil {
		return err
	}
	rate, err := engine.ParseExpr(p, c.Rate)
	if err != nil && c.Where == "" {
		// The step size is usually a name of its own (η): declare it a
		// scalar and read the program again.
		c.Where = c.Rate + " ∈ R"
		if p, targets, err = c.loadTargets(e, c.Wrt); err != nil {
			return err
		}
		rate, err = engine.ParseExpr(p, c.Rate)
	}
	if err != nil {
		return inputErr(relabel(err, "--rate"))
	}
	rules, err := engine.Step(context.Background(), p, targets, rate, engine.DefaultBudget)
	if err != nil {
		return inputErr(err)
	}
	st := c.style()
	type ruleJSON struct {
		Wrt   string `json:"wrt"`
		Text  string `json:"text"`
		ASCII string `json:"ascii"`
		LaTeX string `json:"latex"`
	}
	var out []ruleJSON
	for i, r := range rules {
		line := func(s symbolic.Style) string {
			return symbolic.Print(r.Next, s) + " = " + symbolic.Print(r.Update, s)
		}
		if c.JSON {
			out = append(out, ruleJSON{Wrt: symbolic.Print(targets[i], symbolic.Text), Text: line(symbolic.Text), ASCII: line(symbolic.ASCII), LaTeX: line(symbolic.LaTeX)})
			continue
		}
		fmt.Fprintln(e.stdout, line(st))
	}
	if c.JSON {
		return writeJSON(e.stdout, map[string]any{"of": engine.OfName(p), "updates": out})
	}
	return nil
}
