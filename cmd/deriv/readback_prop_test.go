package main

import (
	"strings"
	"testing"

	"pgregory.net/rapid"

	"deriv/symbolic"
	"deriv/symbolic/symtest"
)

// TestPrintedGradientsReadBack: for random programs, every gradient deriv
// prints with --inline, in each spelling, parses back as a claim and
// check calls it correct (issue 7: every printed answer reads back).
// Functions with a restricted domain are left out: the sampler cannot
// always find a point where log(−a) is defined (a numeric matter, not a
// printing one).
func TestPrintedGradientsReadBack(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		p := symtest.Program(rt)
		f := symtest.Expr(rt, p, nil, 4, symtest.ExprOpts{NoDomainFuncs: true, Derivs: true})
		prog := p.Src + "\nf = " + symbolic.Print(f, symbolic.Text)
		var vars []string
		for _, k := range p.Order {
			if s := p.Symbols[k]; s.Kind == symbolic.SymVar {
				vars = append(vars, k)
			}
		}
		wrt := rapid.SampledFrom(vars).Draw(rt, "wrt")
		style := rapid.SampledFrom([]string{"--text", "--ascii", "--latex"}).Draw(rt, "style")
		args := []string{"grad", "--inline", "--wrt", wrt, prog}
		if style != "--text" {
			args = []string{"grad", "--inline", style, "--wrt", wrt, prog}
		}
		out, errOut, code := runCLI(t, args...)
		if code != 0 {
			if strings.Contains(errOut+out, "internal error") || strings.Contains(errOut+out, "goroutine") {
				rt.Fatalf("grad crashed: %s", errOut)
			}
			return // a program deriv declines (for example an undefined point)
		}
		line := strings.TrimSpace(strings.SplitN(out, "\n", 2)[0])
		_, rhs, ok := strings.Cut(line, " = ")
		if !ok {
			rt.Fatalf("no answer in %q", out)
		}
		cout, cerr, ccode := runCLI(t, "check", "--wrt", wrt, "--claim", rhs, prog)
		if ccode == 2 && (strings.Contains(cerr, "point") || strings.Contains(cerr, "not finite")) {
			return // no usable point (undefined, flat or overflowing everywhere)
		}
		if ccode != 0 {
			rt.Fatalf("program:\n%s\n--wrt %s %s prints\n  %s\nwhich check judges (exit %d):\n%s%s", prog, wrt, style, rhs, ccode, cout, cerr)
		}
	})
}
