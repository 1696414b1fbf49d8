package main

import (
	"fmt"
	"strings"
	"testing"
)

// The numeric side of the CLI (issues 7 and 11): deep programs, budgets,
// robustness, checks at scale — exit codes and the key line of output.
func TestNumericCLI(t *testing.T) {
	deep := "x ∈ R^d; u0 = x"
	for k := 1; k <= 64; k++ {
		deep += fmt.Sprintf("; u%d = σ(u%d) ⊙ u%d", k, k-1, k-1)
	}
	deep += "; f = sum(u64)"
	sigmas := "x ∈ R^d; s0 = x"
	for k := 1; k <= 200; k++ {
		sigmas += fmt.Sprintf("; s%d = σ(s%d)", k, k-1)
	}
	sigmas += "; f = sum(s200)"
	cases := []struct {
		name string
		args []string
		code int
		want string // in stdout or stderr
	}{
		{"σ⊙ chain 64 deep", []string{"grad", "--check", "--wrt", "x", deep}, 0, "✓ verified at 8 points"},
		{"200 σ definitions", []string{"grad", "--check", "--wrt", "x", sigmas}, 0, "✓ verified at 8 points"},
		{"exp(1000 x)", []string{"check", "--wrt", "x", "--claim", "1000 exp(1000 x)", "x ∈ R; f = exp(1000 x)"}, 0, "correct"},
		{"hidden beyond 4", []string{"check", "--wrt", "x", "--claim", "2x + relu(x - 4)", "x ∈ R; f = x^2"}, 1, "incorrect"},
		{"hidden beyond 4, vector", []string{"check", "--wrt", "x", "--claim", "2x + relu(x - 4)", "x ∈ R^n; f = x^T x"}, 1, "incorrect"},
		{"tiny values differ", []string{"check", "--wrt", "s", "--claim", "1e-11 s", "s ∈ R; f = 1e-11 s^2"}, 1, "incorrect"},
		{"80 GB refused", []string{"check", "--wrt", "W", "--claim", "x x^T", "--dims", "d=100000", "W ∈ R^{d×d}; x ∈ R^d; f = x^T W x"}, 2,
			"W would have 10¹⁰ entries (80 GB); the limit is 5×10⁷ entries (400 MB)"},
		{"80 GB refused in grad --check", []string{"grad", "--check", "--wrt", "W", "--dims", "d=100000", "W ∈ R^{d×d}; x ∈ R^d; f = x^T W x"}, 2,
			"10¹⁰ entries"},
		{"family at n = 1000", []string{"grad", "--wrt", "w_i", "--check", "--dims", "n=1000,d=100", prog2c}, 0, "✓ verified at 8 points"},
		{"W1 at d = 1000", []string{"grad", "--wrt", "W1", "--check", "--dims", "d=1000", progElem}, 0, "✓ verified at 8 points"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if testing.Short() && strings.Contains(c.name, "1000") {
				t.Skip("large dimensions")
			}
			out, errOut, code := runCLI(t, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, out, errOut)
			}
			if !strings.Contains(out+errOut, c.want) {
				t.Errorf("output lacks %q\nstdout: %s\nstderr: %s", c.want, out, errOut)
			}
			if strings.Contains(out+errOut, "goroutine ") {
				t.Errorf("a Go stack trace:\n%s", errOut)
			}
		})
	}
}
