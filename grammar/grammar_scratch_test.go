package grammar

import (
	"encoding/json"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

func TestScratch(t *testing.T) {
	for _, src := range []string{
		"w_i ∈ R^d, b_i ∈ R for i = 1..n\nx ∈ R^d; y ∈ R\nf(W, x, y) = (y - Σ_{i=1}^{n} σ(w_i^T x + b_i))^2",
		`w_i \in \mathbb{R}^d, b_i \in \mathbb{R}, i = 1, \dots, n`,
		"W ∈ R^(n x d); Φ: R^d → R^d; W^{(1)}, W^{(2)} ∈ R^{d×d}; i ∈ {1, …, n}",
	} {
		toks, err := Tokenize(src)
		if err != nil {
			t.Fatal(err)
		}
		var ft []lexer.Token
		_ = ft
		p, err := ParseTokens(toks)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.MarshalIndent(p, "", " ")
		t.Log(len(b))
	}
}
