package main

import (
	"errors"
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
	Wrt      string `help:"Variable(s) to differentiate with respect to, comma-separated." required:"" placeholder:"V[,V…]"`
	Check    bool   `help:"Verify each derivative against finite differences and print the verdict."`
	NoVerify bool   `help:"Skip the silent numeric verification that runs before a result is shown."`
	At       string `help:"Also evaluate each derivative at the point in VALUES.json." placeholder:"VALUES.json"`
	Inline   bool   `help:"Do not name repeated subexpressions (no where list)."`
	Through  string `help:"Express the result through ∂f/∂S of these intermediates." placeholder:"S[,S…]"`
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
	p, targets, err := c.loadTargets(e, c.Wrt)
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
	var unverified []string
	failed := false
	for _, t := range targets {
		d, err := derive(p, t, opts)
		if err != nil {
			return inputErr(inProgram(err, p))
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
		// Every derivative is verified before it is shown (SPEC §4); --check
		// also prints the verdict, and --no-verify skips it.
		if c.Check || !c.NoVerify {
			rep, err := verify(p, kind, t, full, numeric.CheckOptions{Points: c.Points, Tol: c.Tol, Seed: c.Seed, Dims: dims})
			switch {
			case err != nil && c.Check:
				return inputErr(err)
			case err != nil:
				// Not every result can be evaluated (an abstract function
				// with no numeric stand-in): shown unverified.
			case c.Check:
				r.report = rep
				failed = failed || rep.Verdict != "correct"
			case rep.Verdict != "correct":
				unverified = append(unverified, fmt.Sprintf("deriv: warning: ∂/∂%s failed its numeric check (max relative error %.3g); this is a bug in deriv, please report it", t.Key(), rep.MaxRelError))
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
	for _, w := range unverified {
		fmt.Fprintln(e.stderr, w)
	}
	if failed || len(unverified) > 0 {
		return negative()
	}
	return nil
}

// verify checks a derivative numerically: a Hessian against finite
// differences of the gradient's definition, anything else against those of f.
func verify(p *symbolic.Program, kind string, wrt, full *symbolic.Expr, opts numeric.CheckOptions) (*numeric.Report, error) {
	if kind == "hessian" {
		return numeric.CheckHessian(p, p.Result.Body, wrt, full, opts)
	}
	if kind == "jacobian" && p.Result.Body.Shape.IsScalar() {
		// The Jacobian of a scalar is a row, the gradient's transpose.
		full = symbolic.T(full)
	}
	return numeric.Check(p, p.Result.Body, wrt, full, opts)
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
			name := symbolic.Print(w.Var(), st)
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
		if r.MaxRelError == 0 {
			// SPEC §4: an absolute error below 1e-10 counts as zero.
			fmt.Fprintf(e.stdout, "  ✓ verified at %d points (every entry agrees to 1e-10)\n", r.Points)
			return
		}
		fmt.Fprintf(e.stdout, "  ✓ verified at %d points (max relative error %.2g)\n", r.Points, r.MaxRelError)
	default:
		fmt.Fprintf(e.stdout, "  ✗ %s at %d points (max relative error %.3g)\n", r.Verdict, r.Points, r.MaxRelError)
		if r.Diagnosis != "" {
			fmt.Fprintf(e.stdout, "  likely mistake: %s\n", r.Diagnosis)
		}
	}
}

// inProgram attaches the program's text to a positioned error that came
// from a later stage (differentiation, evaluation) without it.
func inProgram(err error, p *symbolic.Program) error {
	var se *symbolic.Error
	if errors.As(err, &se) && se.Src == "" && se.Pos != symbolic.NoPos {
		se.WithSource(p.Src, p.File)
	}
	return err
}
