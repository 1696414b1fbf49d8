package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"deriv/engine"
	"deriv/symbolic"
	"deriv/symbolic/symtest"
)

var styles = []symbolic.Style{symbolic.Text, symbolic.ASCII, symbolic.LaTeX}

// readBack prints d in style st (with its where list, or inline), reads the
// printed answer back as a claim in a program made of src and the where
// list's definitions, and checks it. It returns "" when the claim is
// correct, else what went wrong.
func readBack(src, of string, d *engine.Derived, st symbolic.Style) string {
	var defs []string
	for i, w := range d.WhereLines(st) {
		if d.Where[i].Value == nil && isDefined(src, d.Where[i].Name) {
			continue // the user's own definition, already in src
		}
		defs = append(defs, w.Name+" = "+w.Expr)
	}
	prog := src + "\n" + strings.Join(defs, "\n")
	if of == "" {
		// A bare last expression: name it f, so that the where list can
		// follow it.
		lines := strings.Split(strings.TrimRight(src, "\n"), "\n")
		lines[len(lines)-1] = "f = " + lines[len(lines)-1]
		prog, of = strings.Join(append(lines, defs...), "\n"), "f"
	}
	ctx := context.Background()
	p, err := engine.LoadFunction(ctx, prog, engine.Options{Of: of})
	if err != nil {
		return "program with the where list does not load: " + err.Error()
	}
	wrt, err := engine.Targets(p, "--wrt", symbolic.Print(d.Wrt, symbolic.Text))
	if err != nil {
		return "wrt: " + err.Error()
	}
	body := d.Body(st)
	claim, err := engine.ParseClaim(p, body, wrt[0])
	if err != nil {
		return "does not parse back: " + body + ": " + err.Error()
	}
	if d.Kind == engine.Jacobian && p.Result.Body.Shape.IsScalar() {
		claim = symbolic.T(claim)
	}
	var rep *engine.Report
	if d.Kind == engine.Hessian {
		ds, err := engine.Derive(ctx, p, engine.DeriveRequest{Kind: engine.Hessian, Wrt: wrt, Verify: engine.VerifyOff})
		if err != nil {
			return "re-derive: " + err.Error()
		}
		rep, err = engine.Equiv(ctx, p, ds[0].Full(), claim, engine.CheckOptions{Points: 3}, engine.Budget{})
		if err != nil {
			return "equiv: " + err.Error()
		}
	} else {
		rep, err = engine.Check(ctx, p, wrt[0], claim, engine.CheckOptions{Points: 3}, engine.Budget{})
		if err != nil {
			return "check: " + body + ": " + err.Error()
		}
	}
	if !rep.Verdict.Positive() {
		return "read back " + rep.Verdict.String() + ": " + body
	}
	return ""
}

// isDefined reports whether the program src defines name.
func isDefined(src, name string) bool {
	p, err := engine.Load(context.Background(), src, engine.Options{})
	if err != nil {
		return false
	}
	s := p.Symbols[name]
	return s != nil && s.Kind == symbolic.SymDef
}

// isParam reports whether key is a parameter of a function definition.
func isParam(p *symbolic.Program, key string) bool {
	for _, d := range p.Defs {
		if slices.Contains(d.Params, key) {
			return true
		}
	}
	return false
}

// TestReadBackTestdata: every gradient deriv prints for the testdata
// programs, in every style, with its where list and inline, parses back
// and checks correct.
func TestReadBackTestdata(t *testing.T) {
	files, err := filepath.Glob("../testdata/programs/*.txt")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	ctx := context.Background()
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		src := string(data)
		p, err := engine.LoadFunction(ctx, src, engine.Options{})
		if err != nil {
			continue
		}
		for _, k := range p.Order {
			s := p.Symbols[k]
			if s.Kind != symbolic.SymVar || isParam(p, k) {
				continue
			}
			wrt, err := engine.Targets(p, "--wrt", k)
			require.NoError(t, err)
			for _, inline := range []bool{false, true} {
				ds, err := engine.Derive(ctx, p, engine.DeriveRequest{Kind: engine.Grad, Wrt: wrt, Inline: inline, Verify: engine.VerifyOff})
				if err != nil {
					continue // not every variable is differentiable (a count, a function's parameter)
				}
				for _, st := range styles {
					if msg := readBack(src, p.Result.Name, ds[0], st); msg != "" {
						t.Errorf("%s: ∂/∂%s (%v, inline %v): %s", filepath.Base(f), k, st, inline, msg)
					}
				}
			}
		}
	}
}

// TestReadBackRandom: the same for random programs and functions from the
// generators.
func TestReadBackRandom(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		gen := symtest.Program(rt)
		f := symtest.Expr(rt, gen, nil, 3, symtest.ExprOpts{Smooth: true, NoDomainFuncs: true, NoAbstract: true})
		src := symtest.Source(gen) + "f = " + symbolic.Print(f, symbolic.Text)
		ctx := context.Background()
		p, err := engine.LoadFunction(ctx, src, engine.Options{})
		if err != nil {
			rt.Skipf("the drawn program does not load: %v", err)
		}
		k := rapid.SampledFrom([]string{"x", "A", "a", "u", "B"}).Draw(rt, "wrt")
		wrt, err := engine.Targets(p, "--wrt", k)
		require.NoError(rt, err)
		inline := rapid.Bool().Draw(rt, "inline")
		ds, err := engine.Derive(ctx, p, engine.DeriveRequest{Kind: engine.Grad, Wrt: wrt, Inline: inline, Check: engine.CheckOptions{Points: 2}})
		require.NoError(rt, err, src)
		if ds[0].Unchecked != nil {
			rt.Skipf("the function cannot be evaluated: %v", ds[0].Unchecked)
		}
		require.False(rt, ds[0].Failed(), "∂f/∂%s = %s fails its check\n%s", k, ds[0].Body(symbolic.Text), src)
		for _, st := range styles {
			assert.Empty(rt, readBack(src, "f", ds[0], st), "%s\nstyle %v", src, st)
		}
	})
}
