package grammar

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// lexRules lexes src with the regular-expression lexer built from rules,
// the definition scan must agree with.
func lexRules(t testing.TB, src string) []lexer.Token {
	lx, err := Lexer().LexString("", src)
	if err != nil {
		t.Fatal(err)
	}
	var out []lexer.Token
	for {
		tok, err := lx.Next()
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		out = append(out, tok)
		if tok.EOF() {
			return out
		}
	}
}

func sameTokens(t testing.TB, src string) {
	t.Helper()
	want, got := lexRules(t, src), scan(src)
	if len(want) != len(got) {
		t.Fatalf("%q: %d tokens, want %d\n got %v\nwant %v", src, len(got), len(want), got, want)
	}
	for i := range want {
		if want[i] != got[i] {
			t.Fatalf("%q: token %d is %#v, want %#v", src, i, got[i], want[i])
		}
	}
}

// corpus is every program and answer text in testdata.
func corpus(t testing.TB) []string {
	var out []string
	for _, glob := range []string{"../testdata/programs/*.txt", "../testdata/*.yaml", "../testdata/*/*.yaml", "../testdata/worksheet.txt"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, strings.Split(string(data), "\n")...)
		}
	}
	return out
}

// TestScanMatchesLexer: the hand-written scanner gives the tokens of the
// rules' lexer, on the project's texts and on random strings of the
// characters the rules treat specially.
func TestScanMatchesLexer(t *testing.T) {
	lines := corpus(t)
	if len(lines) < 100 {
		t.Fatalf("only %d lines of corpus", len(lines))
	}
	for _, l := range lines {
		sameTokens(t, l)
	}
	sameTokens(t, strings.Join(lines, "\n"))
	alphabet := []rune("aZ0189.eE+-*/^_'′,=:|‖∂∇∑½𝟙≔…→⟶↦∈×·⋅⊙⊘∘−–\\{}()[];#%\n\r\t ~\u00a0\u2003\u200b\ufeffσΦℝπéᵀ⁻¹²⁽⁾ⁿ₁ᵢₙxy😀\x00\ufffd")
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		sameTokens(t, b.String())
	}
	sameTokens(t, "\xff\xfe\\\xff a\x80")
}

// FuzzScan holds the scanner to the rules' lexer on arbitrary input.
func FuzzScan(f *testing.F) {
	f.Add(`\frac{\partial \ell}{\partial W^{(1)}} = \left(\phi'(z) \odot W_2^\top r\right) x^\top`)
	f.Add("x ∈ R^d; f = ‖x‖₂² # comment\r\n1..n 1e-3 1.5E+2 ...")
	f.Fuzz(func(t *testing.T, src string) { sameTokens(t, src) })
}

func BenchmarkScan(b *testing.B) {
	src := "x, b, y ∈ R^d; W1, W2 ∈ R^{d×d}; φ: R → R\nℓ = ½‖W2 φ(W1 x + b) − y‖²"
	b.Run("rules", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			lexRules(b, src)
		}
	})
	b.Run("scan", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			scan(src)
		}
	})
}

// TestScanDefinitionSymbols: the parser's lexer definition numbers the
// token types as the rules' lexer does.
func TestScanDefinitionSymbols(t *testing.T) {
	want, got := Lexer().Symbols(), scanDefinition{}.Symbols()
	if len(want) != len(got) {
		t.Fatalf("%d symbols, want %d", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %d, want %d", k, got[k], v)
		}
	}
}

// TestScanShortcuts: the runes scanOne answers before the Unicode tables
// (operators, superscripts, subscripts) are never blanks or letters, so
// answering them first keeps the rules' order; and every shortcut
// operator is one of the Punct rule's.
func TestScanShortcuts(t *testing.T) {
	for r := rune(0x80); r < 0x20000; r++ {
		short := isPunctRune(r) || isSuper(r) || isSubscript(r)
		if short && (isSpace(r) || isLetter(r)) {
			t.Errorf("%q (%U) is answered before the blank and letter rules but is one", r, r)
		}
		if isPunctRune(r) != strings.ContainsRune(string(punctRunes), r) {
			t.Errorf("%q (%U): isPunctRune and punctRunes disagree", r, r)
		}
	}
	// The ASCII operators are scanASCII's: each is a Punct token there.
	for _, r := range punctRunes {
		if r < utf8.RuneSelf {
			if typ, n, ok := scanASCII(string(r) + " "); !ok || typ != tokPunct || n != 1 {
				t.Errorf("%q: scanASCII gives %v, %d, %v", r, typ, n, ok)
			}
		}
	}
	for _, p := range puncts {
		if typ, n, ok := scanASCII(p + " "); !ok || typ != tokPunct || n != len(p) {
			t.Errorf("%q: scanASCII gives %v, %d, %v", p, typ, n, ok)
		}
	}
}

// tokenizeRef is Tokenize as scan and a filter: scan's tokens less
// blanks, comments, sizers and the "." after \left or \right.
func tokenizeRef(src string) []lexer.Token {
	var out []lexer.Token
	afterSizer := false
	for _, t := range scan(src) {
		switch {
		case t.Type == tokComment || t.Type == tokSpace:
			continue
		case t.Type == TokCmd && isSizer(t.Value):
			afterSizer = t.Value == `\left` || t.Value == `\right`
			continue
		case afterSizer && t.Value == ".":
			afterSizer = false
			continue
		}
		afterSizer = false
		out = append(out, t)
	}
	return out
}

func sameTokenize(t testing.TB, src string) {
	t.Helper()
	want := tokenizeRef(src)
	got, err := Tokenize(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != len(got) {
		t.Fatalf("%q: %d tokens, want %d\n got %v\nwant %v", src, len(got), len(want), got, want)
	}
	for i := range want {
		if want[i] != got[i] {
			t.Fatalf("%q: token %d is %#v, want %#v", src, i, got[i], want[i])
		}
	}
}

// TestTokenizeMatchesScan: Tokenize's one pass gives scan's tokens less
// the dropped ones, on the project's texts and on random strings of the
// characters the rules treat specially.
func TestTokenizeMatchesScan(t *testing.T) {
	lines := corpus(t)
	for _, l := range lines {
		sameTokenize(t, l)
	}
	sameTokenize(t, strings.Join(lines, "\n"))
	alphabet := []rune("aZ0189.eE+-*/^_'′,=:|‖∂∇∑½𝟙≔…→⟶↦∈×·⋅⊙⊘∘−–\\{}()[];#%\n\r\t\f\v ~!?@\u00a0\u2003\u200b\ufeffσΦℝπéᵀ⁻¹²⁽⁾ⁿ₁ᵢₙxy😀\x00\ufffd")
	words := []string{`\left`, `\right`, `\bigl`, `\,`, `\\`, `\ `, `\{`, `\}`, `\é`, "..", "...", "**", "->", ":=", "||", "1.5e-3"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 30000 {
		var b strings.Builder
		for range r.IntN(14) {
			if r.IntN(4) == 0 {
				b.WriteString(words[r.IntN(len(words))])
			} else {
				b.WriteRune(alphabet[r.IntN(len(alphabet))])
			}
		}
		sameTokenize(t, b.String())
	}
	sameTokenize(t, "\xff\xfe\\\xff a\x80 ab\xff \\a\x80 % é\n")
}

// FuzzTokenize holds Tokenize to scan on arbitrary input.
func FuzzTokenize(f *testing.F) {
	f.Add(`\frac{\partial \ell}{\partial W^{(1)}} = \left(\phi'(z) \odot W_2^\top r\right) x^\top \left. x \right.`)
	f.Add("x ∈ R^d; f = ‖x‖₂² # comment\r\n1..n 1e-3 1.5E+2 ... \r ab\u00a0c")
	f.Fuzz(func(t *testing.T, src string) { sameTokenize(t, src) })
}

// TestEndsName: a rune endsName answers is never part of a name.
func TestEndsName(t *testing.T) {
	for r := rune(0); r <= 0x1FFFF; r++ {
		if endsName(r) && isIdentRune(r) {
			t.Errorf("endsName(%q), but it goes on a name", r)
		}
	}
	for _, r := range "∈×→⁻ᵀ₁" {
		if !endsName(r) {
			t.Errorf("endsName(%q) = false", r)
		}
	}
}
