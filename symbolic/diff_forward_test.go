package symbolic_test

import (
	"testing"

	"deriv/numeric"
	"deriv/parser"
	"deriv/symbolic"
)

// TestHessianJacobianNumeric checks second derivatives and Jacobians
// against finite differences, and their printed forms.
func TestHessianJacobianNumeric(t *testing.T) {
	tests := []struct {
		id, program, wrt string
		hessian          bool
		want             string
	}{
		{"hess-xAx", "x ∈ R^n; A ∈ R^{n×n}; f = x^T A x", "x", true, "A + Aᵀ"},
		{"hess-lsq", "A ∈ R^{m×n}; x ∈ R^n; b ∈ R^m; f = 1/2 ‖A x - b‖^2", "x", true, "Aᵀ A"},
		{"hess-logistic", "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; L = sum(log(1 + exp(-y ⊙ (X w))))", "w", true,
			"Xᵀ diag(y ⊙ y ⊙ σ(−y ⊙ (X w)) ⊙ (1 − σ(−y ⊙ (X w)))) X"},
		{"hess-ridge", "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; λ ∈ R; f = 1/2 ‖X w - y‖^2 + λ/2 ‖w‖^2", "w", true, "Xᵀ X + λ I"},
		{"hess-ridge-third", "w ∈ R^n; λ ∈ R; f = λ/3 ‖w‖^2", "w", true, "2/3 λ I"},
		{"hess-logsumexp", "z ∈ R^n; f = logsumexp(z)", "z", true, "diag(softmax(z)) − softmax(z) softmax(z)ᵀ"},
		// The logistic cross-entropy's Hessian, as the Jacobian of its
		// gradient (CheckHessian's second differences lose it to rounding).
		{"jac-logistic-grad", "X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; g = X^T (σ(X w) - y)", "w", false, "Xᵀ diag(σ(X w) ⊙ (1 − σ(X w))) X"},
		{"hess-scalar", "x ∈ R; f = sin(x) x^3", "x", true, "6 cos(x) x² − x³ sin(x) + 6 sin(x) x"},
		{"hess-tanh", "w, x ∈ R^n; f = tanh(w^T x)", "w", true, "−2 tanh(wᵀ x) (1 − tanh(wᵀ x)²) x xᵀ"},
		{"jac-affine", "A ∈ R^{m×n}; x ∈ R^n; b ∈ R^m; f = A x + b", "x", false, "A"},
		{"jac-sigma", "W ∈ R^{m×n}; x ∈ R^n; f = σ(W x)", "x", false, "diag(σ(W x) ⊙ (1 − σ(W x))) W"},
		{"jac-softmax", "z ∈ R^n; f = softmax(z)", "z", false, "diag(softmax(z)) − softmax(z) softmax(z)ᵀ"},
		{"hess-family-sum", prog2c, "x", true,
			"2 (Σ_{i=1}^{n} σ(w_iᵀ x + b_i) (1 − σ(w_iᵀ x + b_i)) w_i) (Σ_{i=1}^{n} σ(w_iᵀ x + b_i) (1 − σ(w_iᵀ x + b_i)) w_iᵀ) − " +
				"2 (y − Σ_{i=1}^{n} σ(w_iᵀ x + b_i)) (Σ_{i=1}^{n} ((1 − σ(w_iᵀ x + b_i))² σ(w_iᵀ x + b_i) − σ(w_iᵀ x + b_i)² (1 − σ(w_iᵀ x + b_i))) w_i w_iᵀ)"},
		{"jac-scaled", "x ∈ R^n; s ∈ R; f = s x", "s", false, "x"},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			p, err := parser.Parse(tc.program)
			if err != nil {
				t.Fatal(err)
			}
			wrt, err := parser.ParseExpr(p, tc.wrt)
			if err != nil {
				t.Fatal(err)
			}
			derive, check := symbolic.Jacobian, numeric.Check
			if tc.hessian {
				derive, check = symbolic.Hessian, numeric.CheckHessian
			}
			d, err := derive(p, wrt, symbolic.GradOptions{Inline: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := symbolic.Print(d.Expr, symbolic.Text); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			rep, err := check(p, p.Result.Body, wrt, symbolic.Expand(d), numeric.CheckOptions{Points: 3, Seed: 3})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Verdict != "correct" {
				t.Errorf("%s: rel. error %g (%s)", rep.Verdict, rep.MaxRelError, rep.Diagnosis)
			}
		})
	}
}

// TestDeriveErrors: unsupported requests fail with a positioned error,
// never a panic.
func TestDeriveErrors(t *testing.T) {
	tests := []struct {
		id, program, wrt string
		derive           func(*symbolic.Program, *symbolic.Expr, symbolic.GradOptions) (*symbolic.Derivative, error)
		opts             symbolic.GradOptions
	}{
		{"grad-of-vector", "A ∈ R^{m×n}; x ∈ R^n; f = A x", "x", symbolic.Grad, symbolic.GradOptions{}},
		{"hessian-matrix", "X ∈ R^{n×n}; f = tr(X)", "X", symbolic.Hessian, symbolic.GradOptions{}},
		{"jacobian-matrix-wrt", "X ∈ R^{n×n}; a ∈ R^n; f = X a", "X", symbolic.Jacobian, symbolic.GradOptions{}},
		{"second-abstract", "φ: R → R; x ∈ R; f = φ(x)", "x", symbolic.Hessian, symbolic.GradOptions{}},
		{"through-nondef", "x ∈ R^n; f = x^T x", "x", symbolic.Grad, symbolic.GradOptions{Through: []string{"x"}}},
		{"hessian-family-member", prog2c, "w_i", symbolic.Hessian, symbolic.GradOptions{}},
		{"of-unknown", "x ∈ R^n; f = x^T x", "x", symbolic.Grad, symbolic.GradOptions{Of: "g"}},
		{"entry-of-vector", "x ∈ R^d; f = Σ_{i=1}^{d} x_i^2", "x", symbolic.Grad, symbolic.GradOptions{}},
		{"entry-of-matrix", "W ∈ R^{n×n}; f = W_{1,2}", "W", symbolic.Grad, symbolic.GradOptions{}},
		{"kronecker-literal", "b_i ∈ R for i = 1..n; f = b_1 + Σ_{i=1}^{n} b_i", "b_i", symbolic.Grad, symbolic.GradOptions{}},
		{"kronecker-free", "b_i ∈ R for i = 1..n; f = b_i^2", "b_1", symbolic.Grad, symbolic.GradOptions{}},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			p, err := parser.Parse(tc.program)
			if err != nil {
				t.Fatal(err)
			}
			wrt, err := parser.ParseExpr(p, tc.wrt)
			if err != nil {
				t.Fatal(err)
			}
			d, err := tc.derive(p, wrt, tc.opts)
			if err == nil {
				t.Fatalf("no error; got %s", symbolic.Print(d.Expr, symbolic.Text))
			}
			if _, ok := err.(*symbolic.Error); !ok {
				t.Errorf("error %T, want *symbolic.Error", err)
			}
		})
	}
}
