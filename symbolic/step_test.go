package symbolic_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deriv/numeric"
	"deriv/parser"
	"deriv/symbolic"
)

// TestStepSeed: seed.yaml 2d and 2f, against golden files, and each update
// checked against Prev − η·(the gradient) numerically.
func TestStepSeed(t *testing.T) {
	tests := []struct{ id, program, wrt string }{
		{"2d-update", prog2c, "w_i,b_i"},
		{"2f", "x, b, y ∈ R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}\nℓ = 1/2 ‖W^{(2)} (W^{(1)} x + b) - y‖^2", "W^{(1)},W^{(2)}"},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			p, err := parser.Parse(tc.program + "\nη ∈ R")
			if err != nil {
				t.Fatal(err)
			}
			var wrts []*symbolic.Expr
			for _, w := range strings.Split(tc.wrt, ",") {
				e, err := parser.ParseExpr(p, w)
				if err != nil {
					t.Fatal(err)
				}
				wrts = append(wrts, e)
			}
			eta, err := parser.ParseExpr(p, "η")
			if err != nil {
				t.Fatal(err)
			}
			rules, err := symbolic.Step(p, wrts, eta, symbolic.GradOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, r := range rules {
				for _, st := range []symbolic.Style{symbolic.Text, symbolic.LaTeX} {
					b.WriteString(symbolic.Print(r.Next, st) + " = " + symbolic.Print(r.Update, st) + "\n")
				}
				// Undo the renaming and compare with w − η ∂f/∂w.
				d, err := symbolic.Grad(p, wrts[i], symbolic.GradOptions{Inline: true})
				if err != nil {
					t.Fatal(err)
				}
				want := symbolic.Sub(wrts[i], symbolic.Mul(eta, d.Expr))
				got := symbolic.Subst(r.Update, func(v *symbolic.Expr) *symbolic.Expr {
					for _, w := range wrts {
						if v.Name == w.Name && (v.Label == "t" || (w.Label != "" && v.Label == w.Label && len(v.Sub) == len(w.Sub)+1)) {
							cp := *v
							if v.Label == "t" {
								cp.Label = ""
							} else {
								cp.Sub = v.Sub[:len(v.Sub)-1]
							}
							return &cp
						}
					}
					return nil
				})
				// A free index i is given the value 1.
				one := func(v *symbolic.Expr) *symbolic.Expr {
					if s := p.Symbols[v.Key()]; s != nil && s.Kind == symbolic.SymIndex && len(v.Sub) == 0 {
						return &symbolic.Expr{Op: symbolic.OpNum, Num: 1, Pos: symbolic.NoPos}
					}
					return nil
				}
				want, got = symbolic.Subst(want, one), symbolic.Subst(got, one)
				rep, err := numeric.Equivalent(p, want, got, numeric.CheckOptions{Points: 3, Seed: 4})
				if err != nil {
					t.Fatal(err)
				}
				if rep.Verdict != "equivalent" {
					t.Errorf("update %d: %s", i, rep.Verdict)
				}
			}
			path := filepath.Join("testdata", "grad", tc.id+".golden")
			if updating() {
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if b.String() != string(want) {
				t.Errorf("got\n%s\nwant\n%s", b.String(), want)
			}
		})
	}
}
