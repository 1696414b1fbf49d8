package main

import (
	"fmt"
	"os"
	"strings"

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
	Wrt     string `help:"Variable(s) to differentiate with respect to, comma-separated." required:"" placeholder:"V[,V…]"`
	Check   bool   `help:"Verify each derivative against finite differences."`
	At      string `help:"Also evaluate each derivative at the point in VALUES.json." placeholder:"VALUES.json"`
	Inline  bool   `help:"Do not name repeated subexpressions (no where list)."`
	Through string `help:"Express the result through ∂f/∂S of these intermediates." placeholder:"S[,S…]"`
}

type gradCmd struct{ derivFlags }
type jacobianCmd struct{ derivFlags }
type hessianCmd struct{ derivFlags }

func (c *gradCmd) Run(e *env) error { return c.run(e, "grad", symbolic.Grad) }

func (c *jacobianCmd) Run(e *env) error { return c.run(e, "jacobian", symbolic.Jacobian) }
func (c *hessianCmd) Run(e *env) error  { return c.run(e, "hessian", symbolic.Hessian) }

type deriveFunc func(*symbolic.Program, *symbolic.Expr, symbolic.GradOptions) (*symbolic.Derivative, error)

// derived is one derivative with what was computed about it.
type derived struct {
	d      *symbolic.Derivative
	value  any
	report *numeric.Report
}

func (c *derivFlags) run(e *env, kind string, derive deriveFunc) error {
	p, err := c.load(e)
	if err != nil {
		return err
	}
	targets, err := parseTargets(p, "--wrt", c.Wrt)
	if err != nil {
		return err
	}
	opts := symbolic.GradOptions{Inline: c.Inline}
	if c.Through != "" {
		opts.Through = splitTop(c.Through)
	}
	dims, err := c.dims()
	if err != nil {
		return err
	}
	var at *numeric.Env
	if c.At != "" {
		data, err := os.ReadFile(c.At)
		if err != nil {
			return inputErr(fmt.Errorf("deriv: --at: %v", err))
		}
		if at, err = numeric.ReadValues(p, data); err != nil {
			return inputErr(relabel(err, c.At))
		}
	}
	var results []derived
	failed := false
	for _, t := range targets {
		d, err := derive(p, t, opts)
		if err != nil {
			return inputErr(err)
		}
		r := derived{d: d}
		full := symbolic.Expand(d)
		if at != nil {
			comp, err := numeric.Compile(p, full)
			if err != nil {
				return inputErr(err)
			}
			v, err := evalAt(comp, at, p, t)
			if err != nil {
				return inputErr(err)
			}
			r.value = v
		}
		if c.Check {
			f := p.Result.Body
			opts := numeric.CheckOptions{Points: c.Points, Tol: c.Tol, Seed: c.Seed, Dims: dims}
			var rep *numeric.Report
			switch kind {
			case "hessian":
				rep, err = numeric.CheckHessian(p, f, t, full, opts)
			default:
				rep, err = numeric.Check(p, f, t, full, opts)
			}
			if err != nil {
				return inputErr(err)
			}
			r.report = rep
			if rep.Verdict != "correct" {
				failed = true
			}
		}
		results = append(results, r)
	}
	if c.JSON {
		err = writeJSON(e.stdout, derivJSON(p, results))
	} else {
		writeDerivText(e, p, kind, results, c.style())
	}
	if err != nil {
		return err
	}
	if failed {
		return negative()
	}
	return nil
}

// evalAt evaluates a derivative at the user's point; for a family member
// w_i it returns every member's derivative, as SPEC §6 asks.
func evalAt(c *numeric.Compiled, at *numeric.Env, p *symbolic.Program, t *symbolic.Expr) (any, error) {
	return numeric.EvalTarget(c, at, p, t)
}

// derivHead is the left-hand side: ∂f/∂x, or for a Hessian ∂²f/∂x².
func derivHead(p *symbolic.Program, kind string, d *symbolic.Derivative, st symbolic.Style) string {
	of := &symbolic.Expr{Op: symbolic.OpVar, Name: ofNameKey(p)}
	if kind != "hessian" {
		return symbolic.Print(&symbolic.Expr{Op: symbolic.OpDeriv, Args: []*symbolic.Expr{of, d.Wrt}}, st)
	}
	f, x := symbolic.Print(of, st), symbolic.Print(d.Wrt, st)
	switch st {
	case symbolic.LaTeX:
		return `\frac{\partial^2 ` + f + `}{\partial ` + x + `^2}`
	case symbolic.ASCII:
		return "d^2" + f + "/d" + x + "^2"
	}
	return "∂²" + f + "/∂" + x + "²"
}

func ofNameKey(p *symbolic.Program) string {
	if p.Result == nil || p.Result.Name == "" {
		return "f"
	}
	return p.Result.Name
}

func writeDerivText(e *env, p *symbolic.Program, kind string, rs []derived, st symbolic.Style) {
	eq, sep := " = ", "  where "
	if st == symbolic.LaTeX {
		sep = `\quad\text{where } `
	}
	for _, r := range rs {
		var b strings.Builder
		b.WriteString(derivHead(p, kind, r.d, st) + eq + symbolic.Print(r.d.Expr, st))
		for i, w := range r.d.Where {
			if i == 0 {
				b.WriteString("\n" + sep)
			} else if st == symbolic.LaTeX {
				b.WriteString(`,\; `)
			} else {
				b.WriteString("\n" + strings.Repeat(" ", len(sep)))
			}
			name := symbolic.Print(&symbolic.Expr{Op: symbolic.OpVar, Name: w.Name}, st)
			b.WriteString(name + eq + symbolic.Print(w.Expr, st))
		}
		fmt.Fprintln(e.stdout, b.String())
		if r.value != nil {
			fmt.Fprintf(e.stdout, "  at the given point: %s\n", formatValue(r.value))
		}
		if r.report != nil {
			writeReportLine(e, r.report)
		}
	}
}

func writeReportLine(e *env, r *numeric.Report) {
	switch r.Verdict {
	case "correct", "equivalent":
		fmt.Fprintf(e.stdout, "  ✓ verified at %d points (max relative error %.2g)\n", r.Points, r.MaxRelError)
	default:
		fmt.Fprintf(e.stdout, "  ✗ %s at %d points (max relative error %.3g)\n", r.Verdict, r.Points, r.MaxRelError)
		if r.Diagnosis != "" {
			fmt.Fprintf(e.stdout, "  likely mistake: %s\n", r.Diagnosis)
		}
	}
}
