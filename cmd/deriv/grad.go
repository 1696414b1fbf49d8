package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"deriv/engine"
	"deriv/numeric"
	"deriv/symbolic"
)

// styleFlags pick the printed spelling.
type styleFlags struct {
	ASCII bool `help:"Write ASCII (matrixcalculus.org style)." xor:"style"`
	LaTeX bool `name:"latex" help:"Write LaTeX." xor:"style"`
}

func (s styleFlags) style() symbolic.Style {
	switch {
	case s.ASCII:
		return symbolic.ASCII
	case s.LaTeX:
		return symbolic.LaTeX
	}
	return symbolic.Text
}

// derivFlags are shared by grad, jacobian and hessian.
type derivFlags struct {
	programFlags
	styleFlags
	checkFlags
	Wrt      string `help:"Variable(s) to differentiate with respect to, comma-separated." required:"" placeholder:"V[,V…]"`
	Check    bool   `help:"Verify each derivative against finite differences and print the verdict." xor:"verify"`
	NoVerify bool   `help:"Skip the silent numeric verification that runs before a result is shown." xor:"verify"`
	At       string `help:"Also evaluate each derivative at the point in VALUES.json." placeholder:"VALUES.json"`
	Inline   bool   `help:"Do not name repeated subexpressions (no where list)."`
	Through  string `help:"Express the result through ∂f/∂S of these intermediates." placeholder:"S[,S…]"`
}

type gradCmd struct{ derivFlags }
type jacobianCmd struct{ derivFlags }
type hessianCmd struct{ derivFlags }

func (c *gradCmd) Run(e *env) error     { return c.run(e, engine.Grad) }
func (c *jacobianCmd) Run(e *env) error { return c.run(e, engine.Jacobian) }
func (c *hessianCmd) Run(e *env) error  { return c.run(e, engine.Hessian) }

// derive is engine.Derive; a test replaces it to hand grad a wrong
// derivative, which the verification must catch.
var derive = engine.Derive

// derived is one derivative with its value at --at, if asked.
type derived struct {
	*engine.Derived
	value any
}

func (c *derivFlags) run(e *env, kind engine.Kind) error {
	p, targets, err := c.loadTargets(e, c.Wrt)
	if err != nil {
		return err
	}
	copts, err := c.checkFlags.options()
	if err != nil {
		return err
	}
	req := engine.DeriveRequest{Kind: kind, Wrt: targets, Inline: c.Inline, Check: copts}
	if c.Through != "" {
		req.Through = engine.SplitList(c.Through)
	}
	switch {
	case c.Check:
		req.Verify = engine.VerifyReport
	case c.NoVerify:
		req.Verify = engine.VerifyOff
	}
	var at *numeric.Env
	if c.At != "" {
		data, err := os.ReadFile(c.At)
		if err != nil {
			return inputErr(fmt.Errorf("deriv: --at: %v", err))
		}
		if at, err = engine.ReadValues(p, data, c.At); err != nil {
			return inputErr(err)
		}
	}
	ds, err := derive(context.Background(), p, req)
	if err != nil {
		return inputErr(err)
	}
	results := make([]derived, len(ds))
	for i, d := range ds {
		results[i].Derived = d
		if at != nil {
			if results[i].value, err = d.ValueAt(p, at); err != nil {
				return inputErr(err)
			}
		}
	}
	if c.JSON {
		err = writeJSON(e.stdout, derivJSON(p, results, c.Check))
	} else {
		writeDerivText(e, results, c.style(), c.Check)
	}
	if err != nil {
		return err
	}
	failed := false
	for _, r := range results {
		if !r.Failed() {
			continue
		}
		failed = true
		if !c.Check {
			fmt.Fprintf(e.stderr, "deriv: warning: ∂/∂%s failed its numeric check (max relative error %.3g); this is a bug in deriv, please report it\n", r.Wrt.Key(), r.Report.MaxRelError)
		}
	}
	if failed {
		return negative()
	}
	return nil
}

// writeDerivText writes each derivative on a line, HEAD = BODY, and its
// where list under it: one entry a line, aligned, in Text and ASCII; in
// LaTeX an aligned block (\begin{aligned} z &= … \\ r &= …
// \end{aligned}), so that a long where list does not run off the page.
func writeDerivText(e *env, rs []derived, st symbolic.Style, showCheck bool) {
	eq, sep := " = ", "  where "
	for _, r := range rs {
		var b strings.Builder
		b.WriteString(r.Head(st) + eq + r.Body(st))
		lines := r.WhereLines(st)
		if st == symbolic.LaTeX && len(lines) > 0 {
			b.WriteString("\n" + `\quad\text{where } \begin{aligned}`)
			for i, w := range lines {
				if i > 0 {
					b.WriteString(` \\`)
				}
				b.WriteString(" " + w.Name + " &= " + w.Expr)
			}
			b.WriteString(` \end{aligned}`)
			lines = nil
		}
		for i, w := range lines {
			if i == 0 {
				b.WriteString("\n" + sep)
			} else {
				b.WriteString("\n" + strings.Repeat(" ", len(sep)))
			}
			b.WriteString(w.Name + eq + w.Expr)
		}
		fmt.Fprintln(e.stdout, b.String())
		if r.value != nil {
			fmt.Fprintf(e.stdout, "  at the given point: %s\n", formatValue(r.value))
		}
		if showCheck && r.Report != nil {
			writeReportLine(e, r.Report)
		}
	}
}

func writeReportLine(e *env, r *engine.Report) {
	switch {
	case r.Verdict.Positive():
		if r.MaxRelError == 0 {
			// SPEC §4: an absolute error below 1e-10 counts as zero.
			fmt.Fprintf(e.stdout, "  ✓ verified at %d points (every entry agrees to 1e-10)\n", r.Points)
			return
		}
		fmt.Fprintf(e.stdout, "  ✓ verified at %d points (max relative error %.2g)\n", r.Points, r.MaxRelError)
	default:
		fmt.Fprintf(e.stdout, "  ✗ %s at %d points (max relative error %.3g)\n", r.Verdict, r.Points, r.MaxRelError)
		if r.Diagnosis != nil {
			fmt.Fprintf(e.stdout, "  likely mistake: %s\n", r.Diagnosis.Message)
		}
	}
}
