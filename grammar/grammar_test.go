package grammar

import (
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

// TestTokenize checks the token kinds and that blanks, comments and LaTeX
// sizing commands are dropped.
func TestTokenize(t *testing.T) {
	names := map[lexer.TokenType]string{}
	for name, typ := range Lexer().Symbols() {
		names[typ] = name
	}
	tests := []struct {
		src  string
		want string // kind:value, space separated
	}{
		{"W1 x + b", "Ident:W1 Ident:x Punct:+ Ident:b"},
		{"σ(z) # comment", "Ident:σ Open:( Ident:z Close:)"},
		{`\left( x \right)^\top % note`, `Open:( Ident:x Close:) Punct:^ Cmd:\top`},
		{"xᵀ W⁽¹⁾ X⁻¹ ‖v‖₂", "Ident:x Super:ᵀ Ident:W Super:⁽¹⁾ Ident:X Super:⁻¹ Punct:‖ Ident:v Punct:‖ Subscript:₂"},
		{"i = 1..n; 1e-3 0.5", "Ident:i Punct:= Number:1 Punct:.. Ident:n Semi:; Number:1e-3 Number:0.5"},
		{"a .* b ./ c .^ 2 ** 3", "Ident:a Punct:.* Ident:b Punct:./ Ident:c Punct:.^ Number:2 Punct:** Number:3"},
		{`\{1, \dots, n\}`, `Open:\{ Number:1 Punct:, Cmd:\dots Punct:, Ident:n Close:\}`},
		{"x\ny", "Ident:x Newline:\n Ident:y"},
		{"a $ b", "Ident:a Other:$ Ident:b"},
		{"ℝ 𝟙 ½ ∂ ∇ ∑ → ∈ ×", "Ident:ℝ Punct:𝟙 Punct:½ Punct:∂ Punct:∇ Punct:∑ Punct:→ Punct:∈ Punct:×"},
	}
	for _, tt := range tests {
		toks, err := Tokenize(tt.src)
		if err != nil {
			t.Errorf("Tokenize(%q): %v", tt.src, err)
			continue
		}
		var got []string
		for _, tok := range toks {
			if tok.EOF() {
				break
			}
			got = append(got, names[tok.Type]+":"+tok.Value)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.src, g, tt.want)
		}
	}
}

// TestStatements checks how statements are classified.
func TestStatements(t *testing.T) {
	tests := []struct {
		src  string
		want string // d, f or e per statement
	}{
		{"x ∈ R^d", "d"},
		{"w_i ∈ R^d, b_i ∈ R for i = 1..n", "d"},
		{"φ: R → R; Φ: R^d → R^d", "dd"},
		{"z = W1 x + b\nf(W, x) = z^T z", "ff"},
		{"\n\nx ∈ R;; y = 2 x\n\nx^T y\n", "dfe"},
		{"f(x) + 1", "e"},
		{"x, y", "e"},
	}
	for _, tt := range tests {
		toks, err := Tokenize(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParseTokens(toks)
		if err != nil {
			t.Errorf("ParseTokens(%q): %v", tt.src, err)
			continue
		}
		var got strings.Builder
		for _, st := range p.Stmts {
			switch {
			case st.Decl != nil:
				got.WriteString("d")
			case st.Def != nil:
				got.WriteString("f")
			default:
				got.WriteString("e")
			}
		}
		if got.String() != tt.want {
			t.Errorf("%q: got %s, want %s", tt.src, got.String(), tt.want)
		}
	}
}

// TestTokenizeDrops checks the tokens Tokenize drops.
func TestTokenizeDrops(t *testing.T) {
	for _, src := range []string{`\left. x \right.`, `\, x~\!`, "x % LaTeX comment", "\tx # comment", `\displaystyle x \quad`} {
		toks, err := Tokenize(src)
		if err != nil {
			t.Fatalf("Tokenize(%q): %v", src, err)
		}
		if len(toks) != 2 || toks[0].Value != "x" || !toks[1].EOF() {
			t.Errorf("Tokenize(%q) = %v, want x and EOF", src, toks)
		}
	}
}

// TestTokenTypes checks the token type constants against the lexer's own
// numbering.
func TestTokenTypes(t *testing.T) {
	want := map[string]lexer.TokenType{
		"Comment": tokComment, "Newline": TokNewline, "Space": tokSpace, "Number": tokNumber,
		"Open": TokOpen, "Close": TokClose, "Cmd": TokCmd, "Ident": TokIdent, "Super": tokSuper,
		"Subscript": tokSub, "Semi": TokSemi, "Punct": tokPunct, "Other": TokOther,
	}
	syms := Lexer().Symbols()
	if len(syms) != len(want)+1 {
		t.Fatalf("the lexer has %d token types, want %d", len(syms), len(want)+1)
	}
	for name, typ := range want {
		if syms[name] != typ {
			t.Errorf("%s: constant %d, lexer %d", name, typ, syms[name])
		}
	}
}
