package numeric

import (
	"testing"

	"deriv/parser"
	"deriv/symbolic"
)

// TestAnalysePositivity: variables under log or sqrt are drawn positive,
// unless the argument is positive whatever they are (log σ(X w),
// log(1 + exp(m))), where positive draws would push σ into saturation.
func TestAnalysePositivity(t *testing.T) {
	cases := []struct {
		src      string
		positive map[string]bool
	}{
		{"x ∈ R^n; f = sum(log(x))", map[string]bool{"x": true}},
		{"x ∈ R^n; a ∈ R; f = sqrt(a) + sum(x)", map[string]bool{"a": true, "x": false}},
		{"X ∈ R^{m×n}; w ∈ R^n; y ∈ R^m; f = y^T log(σ(X w)) + (1 - y)^T log(1 - σ(X w))", map[string]bool{"X": false, "w": false, "y": false}},
		{"m ∈ R^n; f = sum(log(1 + exp(m)))", map[string]bool{"m": false}},
		{"x ∈ R^n; f = log(‖x‖^2)", map[string]bool{"x": false}},
		{"a, b ∈ R; f = log(a - b)", map[string]bool{"a": true, "b": true}},
	}
	for _, c := range cases {
		p, err := parser.Parse(c.src)
		if err != nil {
			t.Fatal(err)
		}
		h := analyse(p, []*symbolic.Expr{p.Result.Body})
		for name, want := range c.positive {
			if got := h[name] == positive; got != want {
				t.Errorf("%s: %s positive = %v, want %v", c.src, name, got, want)
			}
		}
	}
}
