package grammar

import (
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

// BenchmarkParserBuild measures building the participle parser, the cost
// Parser defers from package init to the first parse.
func BenchmarkParserBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if buildParser() == nil {
			b.Fatal("no parser")
		}
	}
}

// TestParserIsLazy checks that the parser is built once and reused.
func TestParserIsLazy(t *testing.T) {
	first, second := Parser(), Parser()
	if first != second {
		t.Fatal("Parser() built twice")
	}
}

// BenchmarkLexerBuild measures compiling the lexer's patterns, the other
// cost Lexer defers from package init.
func BenchmarkLexerBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lexer.NewSimple(rules); err != nil {
			b.Fatal(err)
		}
	}
}
