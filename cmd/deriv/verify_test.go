package main

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"deriv/engine"
	"deriv/symbolic"
)

// wrongDerivatives makes grad derive as usual, then spoil each
// derivative (its Expr, hence the value checked, Full: twice the right
// one, or its negation) before verifying it as engine.Derive would: a
// bug in the derivation, which the verification must catch.
func wrongDerivatives(t *testing.T, spoil func(*symbolic.Expr) *symbolic.Expr) {
	t.Helper()
	t.Cleanup(func() { derive = engine.Derive })
	derive = func(ctx context.Context, p *symbolic.Program, req engine.DeriveRequest) ([]*engine.Derived, error) {
		off := req
		off.Verify = engine.VerifyOff
		ds, err := engine.Derive(ctx, p, off)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			d.Expr = spoil(d.Expr) // before Full is first read: it is made from Expr
			if err := d.Verify(ctx, p, req); err != nil {
				return nil, err
			}
		}
		return ds, nil
	}
}

// TestWrongDerivativeWarns: a wrong derivative under the silent
// verification (no --check) is still printed, with a warning that it
// failed its numeric check, and grad exits 1; with --check the verdict
// line says incorrect; with --no-verify nothing is checked. Gradients
// with respect to matrices, vectors and family members, a Hessian and a
// Jacobian, of the worksheet's losses and a 4-layer σ network.
func TestWrongDerivativeWarns(t *testing.T) {
	spoils := map[string]func(*symbolic.Expr) *symbolic.Expr{
		"doubled": func(e *symbolic.Expr) *symbolic.Expr { return symbolic.Mul(symbolic.Number(2), e) },
		"negated": symbolic.Neg,
		"slightly off": func(e *symbolic.Expr) *symbolic.Expr {
			return symbolic.Mul(symbolic.Number(1.0001), e)
		},
	}
	cases := [][]string{
		{"grad", "--wrt", "W1", progElem},
		{"grad", "--wrt", "b", progElem},
		{"grad", "--wrt", "x", "x ∈ R^n; A ∈ R^{n×n}; f = x^T A x + sum(σ(A x))"},
		{"hessian", "--wrt", "x", "x ∈ R^n; A ∈ R^{n×n}; f = x^T A x + sum(σ(A x))"},
		{"jacobian", "--wrt", "x", "x ∈ R^n; A ∈ R^{m×n}; g = σ(A x)"},
		{"grad", "--wrt", "w_i", prog2c},
		{"grad", "--wrt", "W1", "x, y ∈ R^d; W1, W2, W3, W4 ∈ R^{d×d}; z1 = σ(W1 x); z2 = σ(W2 z1); z3 = σ(W3 z2); z4 = σ(W4 z3); f = 1/2 ‖z4 − y‖^2"},
	}
	for _, args := range cases {
		// The same path with the derivative left alone passes.
		t.Run("right/"+strings.Join(args[:3], " ")+"/"+firstLine(args[3]), func(t *testing.T) {
			wrongDerivatives(t, func(e *symbolic.Expr) *symbolic.Expr { return e })
			_, stderr, code := runCLI(t, args...)
			assert.Equal(t, 0, code, stderr)
			assert.Empty(t, stderr)
		})
	}
	for name, spoil := range spoils {
		for _, args := range cases {
			t.Run(name+"/"+strings.Join(args[:3], " ")+"/"+firstLine(args[3]), func(t *testing.T) {
				wrongDerivatives(t, spoil)
				stdout, stderr, code := runCLI(t, args...)
				assert.Equal(t, 1, code, "stdout %s\nstderr %s", stdout, stderr)
				assert.Contains(t, stdout, "∂")
				assert.Contains(t, stderr, "failed its numeric check")
				assert.Contains(t, stderr, "this is a bug in deriv")

				stdout, stderr, code = runCLI(t, append(args[:3:3], "--check", args[3])...)
				assert.Equal(t, 1, code, "stdout %s\nstderr %s", stdout, stderr)
				assert.Contains(t, stdout, "✗ incorrect")
				assert.NotContains(t, stderr, "warning")

				_, stderr, code = runCLI(t, append(args[:3:3], "--no-verify", args[3])...)
				assert.Equal(t, 0, code, stderr)
			})
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
