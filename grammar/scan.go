package grammar

import (
	"io"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// scan is the lexer of rules written out by hand: the same tokens, types
// and positions as Lexer() (TestScanMatchesLexer and FuzzScan hold it to
// that), without running a dozen regular expressions per token, which was
// a seventh of the time of a whole derivation. Rules are tried in the
// order of rules, the first that matches wins, as participle's simple
// lexer does.
func scan(src string) []lexer.Token { return scanTokens(src, true) }

// scanTokens is scan, keeping blanks and comments only if blanks is set.
func scanTokens(src string, blanks bool) []lexer.Token {
	// About two tokens per three bytes once blanks are dropped (and
	// always room for EOF): most programs never grow the slice.
	out := make([]lexer.Token, 0, len(src)*2/3+4)
	pos := lexer.Position{Line: 1, Column: 1}
	for i := 0; i < len(src); {
		typ, n := scanOne(src[i:])
		span := src[i : i+n]
		if blanks || (typ != tokSpace && typ != tokComment) {
			out = append(out, lexer.Token{Type: typ, Value: span, Pos: pos})
		}
		// pos.Advance(span), knowing that only a Newline token holds a
		// line break.
		pos.Offset += n
		switch {
		case typ == TokNewline:
			pos.Line++
			pos.Column = 1
		case ascii(span):
			pos.Column += n
		default:
			pos.Column += utf8.RuneCountInString(span)
		}
		i += n
	}
	return append(out, lexer.EOFToken(pos))
}

// scanOne returns the type and byte length of the token at the start of
// s (not empty).
func scanOne(s string) (lexer.TokenType, int) {
	c := s[0]
	switch {
	case c == '#' || c == '%':
		n := 1
		for n < len(s) && s[n] != '\n' {
			n++
		}
		return tokComment, n
	case c == '\n':
		return TokNewline, 1
	case c == '\r' && len(s) > 1 && s[1] == '\n':
		return TokNewline, 2
	}
	if c < utf8.RuneSelf {
		if t, n, ok := scanASCII(s); ok {
			return t, n
		}
	}
	if c >= utf8.RuneSelf {
		// Operators, superscripts and subscripts are never blanks or
		// letters: answer them before the Unicode table lookups.
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case isPunctRune(r):
			return tokPunct, size
		case isSuper(r):
			return tokSuper, runLen(s, isSuper)
		case isSubscript(r):
			return tokSub, runLen(s, isSubscript)
		}
	}
	// An ASCII byte starts a blank only if it is one.
	if c >= utf8.RuneSelf || isSpace(rune(c)) {
		if n := runLen(s, isSpace); n > 0 {
			return tokSpace, n
		}
	}
	if c >= '0' && c <= '9' {
		return tokNumber, numberLen(s)
	}
	switch c {
	case '(', '[', '{':
		return TokOpen, 1
	case ')', ']', '}':
		return TokClose, 1
	case '\\':
		if len(s) > 1 {
			switch s[1] {
			case '{':
				return TokOpen, 2
			case '}':
				return TokClose, 2
			}
		}
		return TokCmd, cmdLen(s)
	case ';':
		return TokSemi, 1
	}
	r, size := rune(c), 1
	if c >= utf8.RuneSelf {
		r, size = utf8.DecodeRuneInString(s)
	}
	if isLetter(r) {
		n := size
		for n < len(s) {
			r, sz := utf8.DecodeRuneInString(s[n:])
			if !isIdentRune(r) {
				break
			}
			n += sz
		}
		return TokIdent, n
	}
	if n := runLen(s, isSuper); n > 0 {
		return tokSuper, n
	}
	if n := runLen(s, isSubscript); n > 0 {
		return tokSub, n
	}
	// Every operator has been answered by now: the ASCII ones by
	// scanASCII, the others by isPunctRune (TestScanShortcuts).
	return TokOther, size
}

// scanASCII is scanOne's quick answer for the commonest tokens starting
// with an ASCII byte: blanks, identifiers and operators (ok false leaves s
// to the general rules). A run that meets a non-ASCII byte is left to
// them too, since it may continue with a Unicode space or letter.
func scanASCII(s string) (lexer.TokenType, int, bool) {
	c := s[0]
	switch {
	case c == ' ' || c == '\t' || c == '~':
		n := 1
		for n < len(s) && (s[n] == ' ' || s[n] == '\t' || s[n] == '~' || s[n] == '\r' || s[n] == '\f' || s[n] == '\v') {
			n++
		}
		if n < len(s) && s[n] >= utf8.RuneSelf {
			return 0, 0, false
		}
		return tokSpace, n, true
	case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		n := 1
		for n < len(s) && ('a' <= s[n] && s[n] <= 'z' || 'A' <= s[n] && s[n] <= 'Z' || '0' <= s[n] && s[n] <= '9') {
			n++
		}
		if n < len(s) && s[n] >= utf8.RuneSelf {
			return 0, 0, false
		}
		return TokIdent, n, true
	case c == '*' || c == '-' || c == ':' || c == '|' || c == '.':
		// The multi-character operators, longest first, as puncts.
		for _, p := range puncts {
			if len(s) >= len(p) && s[:len(p)] == p {
				return tokPunct, len(p), true
			}
		}
		if c == '.' {
			return TokOther, 1, true
		}
		return tokPunct, 1, true
	case c == '+' || c == '/' || c == '^' || c == '_' || c == '\'' || c == ',' || c == '=':
		return tokPunct, 1, true
	}
	return 0, 0, false
}

// ascii reports whether s is all ASCII.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isPunctRune reports the Unicode operators of the Punct rule (none is a
// letter, a blank, a super- or subscript, or starts a longer operator).
func isPunctRune(r rune) bool {
	switch r {
	case '…', '→', '⟶', '↦', '∈', '×', '·', '⋅', '⊙', '⊘', '∘', '−', '–', '′', '‖', '∂', '∇', '∑', '½', '𝟙', '≔':
		return true
	}
	return false
}

// IsOperatorRune reports a non-ASCII rune the lexer reads as an operator,
// a superscript or a subscript (∈, ×, →, ᵀ, ², ₁, …).
func IsOperatorRune(r rune) bool { return isPunctRune(r) || isSuper(r) || isSubscript(r) }

// puncts are the multi-character operators, in the order the Punct rule
// tries them.
var puncts = []string{"**", ".*", "./", ".^", "...", "..", "->", ":=", "||"}

// punctRunes are the one-character operators of the Punct rule.
var punctRunes = []rune("…→⟶↦∈×·⋅⊙⊘∘−–+-*/^_'′,=:|‖∂∇∑½𝟙≔")

// runLen is the byte length of the run of runes at the start of s for
// which in holds (invalid UTF-8 never does).
func runLen(s string, in func(rune) bool) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if (r == utf8.RuneError && size <= 1) || !in(r) {
			break
		}
		n += size
	}
	return n
}

// isSpace is the Space rule's class: ~ and blanks, Unicode spaces
// included.
func isSpace(r rune) bool {
	switch r {
	case '~', ' ', '\t', '\r', '\f', '\v', 0x00A0, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200B
}

// isLetter is the first rune of an Ident: a cased or other letter
// (modifier letters such as ᵀ are not).
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.In(r, unicode.Lu, unicode.Ll, unicode.Lt, unicode.Lo)
}

// isIdentRune is a later rune of an Ident: a letter or a decimal digit.
func isIdentRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return isLetter(r) || unicode.Is(unicode.Nd, r)
}

func isSuper(r rune) bool {
	switch r {
	case '⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁺', '⁻', '⁼', '⁽', '⁾', 'ⁿ', 'ⁱ', 'ᵀ', 'ᵗ', 'ˡ', 'ᵏ':
		return true
	}
	return false
}

func isSubscript(r rune) bool {
	switch r {
	case '₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉', '₊', '₋', '₍', '₎', 'ᵢ', 'ⱼ', 'ₖ', 'ₗ', 'ₙ', 'ₘ', 'ₜ':
		return true
	}
	return false
}

// numberLen is the Number rule: digits, then .digits, then an exponent.
func numberLen(s string) int {
	digits := func(i int) int {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		return j
	}
	n := digits(0)
	if n+1 < len(s) && s[n] == '.' && s[n+1] >= '0' && s[n+1] <= '9' {
		n = digits(n + 1)
	}
	if n < len(s) && (s[n] == 'e' || s[n] == 'E') {
		j := n + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			n = digits(j)
		}
	}
	return n
}

// cmdLen is the Cmd rule: a backslash, then ASCII letters, or one rune
// that is neither an ASCII letter nor a blank, or nothing.
func cmdLen(s string) int {
	n := 1
	for n < len(s) && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z') {
		n++
	}
	if n > 1 || n >= len(s) {
		return n
	}
	r, size := utf8.DecodeRuneInString(s[1:])
	switch r {
	case ' ', '\t', '\n', '\f', '\r':
		return 1
	}
	return 1 + size
}

// scanDefinition is the lexer definition the participle parser is built
// with: the token types of rules (the same numbers as Lexer gives them)
// and scan for lexing, so that building the parser does not compile the
// rules' regular expressions (half a millisecond of every process).
type scanDefinition struct{}

// Symbols names the token types: EOF, then the rules in order from
// EOF − 1 down, as participle's simple lexer numbers them.
func (scanDefinition) Symbols() map[string]lexer.TokenType {
	m := map[string]lexer.TokenType{"EOF": lexer.EOF}
	for i, r := range rules {
		m[r.Name] = lexer.EOF - 1 - lexer.TokenType(i)
	}
	return m
}

// Lex scans everything r holds.
func (d scanDefinition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

// LexString scans s.
func (scanDefinition) LexString(_ string, s string) (lexer.Lexer, error) {
	return &sliceLexer{toks: scan(s)}, nil
}
