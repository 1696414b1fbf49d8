// Package grammar holds deriv's concrete syntax: the participle lexer for the
// three spellings of the language (ASCII, Unicode maths, LaTeX) and the
// grammar structs, with positions, that the parser package lowers to the AST.
//
// The grammar is deliberately shallow for expressions: it matches brackets
// and yields each bracketed group's contents as a flat sequence of items
// (tokens and nested groups). Operator precedence, juxtaposition, calls,
// norms and sums are resolved by the parser package's precedence climbing,
// which reads symbolic.OpTable. Statements — declarations, definitions and
// bare expressions — are structured here.
package grammar

import (
	"sync"

	"github.com/alecthomas/participle/v2/lexer"
)

// Lexer returns the lexer of deriv source, built on first use (compiling
// its patterns costs start-up time that commands which parse nothing
// should not pay). Token types, in the order they are tried:
//
//	Comment    # or % to the end of the line
//	Newline    a line break (a statement separator outside brackets)
//	Space      blanks, including Unicode spaces and LaTeX's ~
//	Number     3, 0.5, 1e-3 (no sign; "1..n" lexes as 1, "..", n)
//	Open/Close ( [ { \{ and ) ] } \}
//	Cmd        a LaTeX command: \frac, \sigma, \|, \,
//	Ident      a letter followed by letters and digits (Unicode letters,
//	           Greek among them; modifier letters such as ᵀ are not letters here)
//	Super      Unicode superscripts: ᵀ ⁻¹ ² ⁽¹⁾
//	Subscript  Unicode subscripts: ₂ ᵢ
//	Semi       ;
//	Punct      operators and punctuation, longest first
//	Other      any other single character (reported as unexpected)
var Lexer = sync.OnceValue(func() *lexer.StatefulDefinition {
	return lexer.MustSimple(rules)
})

// rules are the lexer's rules, in the order they are tried. Their token
// types follow from that order (see the Tok constants).
var rules = []lexer.SimpleRule{
	{Name: "Comment", Pattern: `[#%][^\n]*`},
	{Name: "Newline", Pattern: `\r?\n`},
	{Name: "Space", Pattern: `[~ \t\r\f\v\x{00A0}\x{2000}-\x{200B}\x{202F}\x{205F}\x{3000}\x{FEFF}]+`},
	{Name: "Number", Pattern: `[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?`},
	{Name: "Open", Pattern: `[(\[{]|\\\{`},
	{Name: "Close", Pattern: `[)\]}]|\\\}`},
	{Name: "Cmd", Pattern: `\\([a-zA-Z]+|[^a-zA-Z\s]?)`},
	{Name: "Ident", Pattern: `[\p{Lu}\p{Ll}\p{Lt}\p{Lo}][\p{Lu}\p{Ll}\p{Lt}\p{Lo}\p{Nd}]*`},
	{Name: "Super", Pattern: `[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀᵗˡᵏ]+`},
	{Name: "Subscript", Pattern: `[₀₁₂₃₄₅₆₇₈₉₊₋₍₎ᵢⱼₖₗₙₘₜ]+`},
	{Name: "Semi", Pattern: `;`},
	{Name: "Punct", Pattern: `\*\*|\.\*|\./|\.\^|\.\.\.|\.\.|->|:=|\|\||[…→⟶↦∈×·⋅⊙⊘∘−–+\-*/^_'′,=:|‖∂∇∑½𝟙≔]`},
	{Name: "Other", Pattern: `.`},
}

// Token types of Lexer. participle numbers the rules of a one-state lexer
// in order, from lexer.EOF-1 down, so the types are constants (compared on
// every token) that do not need the lexer built; TestTokenTypes checks
// them against Lexer().Symbols().
const (
	tokComment lexer.TokenType = lexer.EOF - 1 - iota
	TokNewline
	tokSpace
	tokNumber
	TokOpen
	TokClose
	TokCmd
	TokIdent
	tokSuper
	tokSub
	TokSemi
	tokPunct
	TokOther
)

// isSizer reports the LaTeX commands that only size or space what
// follows (\left( is "(", \bigl| is "|"); Tokenize drops them.
func isSizer(cmd string) bool {
	switch cmd {
	case `\left`, `\right`, `\middle`,
		`\big`, `\Big`, `\bigg`, `\Bigg`,
		`\bigl`, `\bigr`, `\Bigl`, `\Bigr`,
		`\biggl`, `\biggr`, `\Biggl`, `\Biggr`,
		`\,`, `\;`, `\:`, `\!`, `\ `, `\quad`, `\qquad`,
		`\displaystyle`, `\textstyle`, `\limits`, `\nolimits`,
		`\\`, `\`:
		return true
	}
	return false
}

// Tokenize lexes src into tokens, dropping blanks (~ among them), comments
// and LaTeX sizing and spacing commands (\left, \bigl, \,, and the
// invisible delimiters \left. and \right.). Newlines are kept; the parser
// drops those inside brackets. The last token is EOF. It never fails (any
// other character is an Other token, reported by the parser); the error
// is kept for callers that treat lexing as fallible.
//
// It gives the tokens scan gives, less the dropped ones, in one pass
// (see tokenize.go; TestTokenizeMatchesScan and FuzzTokenize hold it to
// that).
func Tokenize(src string) ([]lexer.Token, error) { return tokenize(src), nil }
