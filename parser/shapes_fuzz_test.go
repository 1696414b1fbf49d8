package parser

import (
	"strings"
	"testing"

	sym "deriv/symbolic"
)

// FuzzShapes parses arbitrary programs: inference must never panic (Parse
// would report that as an "internal error"), and a program that parses
// has a shape on every node that the known-shape rules agree with.
func FuzzShapes(f *testing.F) {
	for _, seed := range []string{
		"0.5*x'*A*x", "A*exp(x)", "(y.*v)'*x", "norm1(A*x-y)", "sum(log(exp(-y.*(X*w)) + vector(1)))",
		"tr(A*X'*B*X*C)", "log(det(inv(X)))", "x ∈ R^d; f = x + 𝟙", "f = I x", "f = diag(x) * y",
		"w_i ∈ R^d, b_i ∈ R for i = 1..n\nf = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2",
		"Φ: R^d → R^k; z ∈ R^d\nf = J_Φ(z)", "σ(t) = 1/(1+exp(-t))\nh = σ(W x)",
		"f: R^n → R\ng_i: R → R for i = 1..n\nF(w) = f(g_1(w), g_2(w), g_3(w))",
		"W1 ∈ R^{d×d}; x ∈ R^d\nℓ = W1 x + b + W1", "f = Σ_{i=1}^{k} x_i W_{ij}",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Parse(src, WithLimits(4096, 64))
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("%q: %v", src, err)
			}
			return
		}
		for key, s := range p.Symbols {
			if s.Kind == sym.SymVar && len(s.Shape) > 2 {
				t.Errorf("%s has shape %v", key, s.Shape)
			}
		}
		if p.Result != nil {
			checkAllShaped(t, p)
		}
	})
}
