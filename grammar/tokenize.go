package grammar

import (
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// tokenize is Tokenize: scan's tokens less blanks, comments and sizers,
// made in one pass. The bytes most programs are made of (ASCII blanks,
// letters, digits, brackets and operators) are answered here without
// building the tokens that are dropped; anything else (a byte that starts
// a Unicode token, or an ASCII run that meets one) goes to scanOne, as in
// scan.
func tokenize(src string) []lexer.Token {
	// About two tokens per three bytes once blanks are dropped (and
	// always room for EOF): most programs never grow the slice.
	out := make([]lexer.Token, 0, len(src)*2/3+4)
	pos := lexer.Position{Line: 1, Column: 1}
	// afterSizer: the last token was \left or \right, so a "." next is
	// an invisible delimiter.
	afterSizer := false
	for i := 0; i < len(src); {
		c := src[i]
		var typ lexer.TokenType
		n := 1
		wide := false // scanOne read the token: it may hold wider runes
		switch {
		case c == ' ' || c == '\t' || c == '~' || c == '\f' || c == '\v' || c == '\r' && (i+1 == len(src) || src[i+1] != '\n'):
			// A blank byte: dropped (a run of them is one Space token,
			// dropped all the same).
			pos.Offset++
			pos.Column++
			i++
			continue
		case c == '#' || c == '%':
			for i+n < len(src) && src[i+n] != '\n' {
				n++
			}
			pos.Advance(src[i : i+n])
			i += n
			continue
		case c == '\n' || c == '\r':
			typ, n = TokNewline, 1
			if c == '\r' {
				n = 2
			}
			out = append(out, lexer.Token{Type: typ, Value: src[i : i+n], Pos: pos})
			afterSizer = false
			pos.Offset += n
			pos.Line++
			pos.Column = 1
			i += n
			continue
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			for i+n < len(src) && isASCIIAlnum(src[i+n]) {
				n++
			}
			if i+n < len(src) && src[i+n] >= utf8.RuneSelf {
				// The name may go on with Unicode letters.
				typ, n = scanOne(src[i:])
				wide = true
			} else {
				typ = TokIdent
			}
		case '0' <= c && c <= '9':
			typ, n = tokNumber, numberLen(src[i:])
		case c == '(' || c == '[' || c == '{':
			typ = TokOpen
		case c == ')' || c == ']' || c == '}':
			typ = TokClose
		case c == ';':
			typ = TokSemi
		case c == '+' || c == '/' || c == '^' || c == '_' || c == '\'' || c == ',' || c == '=':
			typ = tokPunct
		default:
			// Commands, the operators that may be longer than a byte,
			// and every token starting with a Unicode rune.
			typ, n = scanOne(src[i:])
			wide = true
		}
		span := src[i : i+n]
		at := pos
		pos.Offset += n
		if !wide || ascii(span) {
			pos.Column += n
		} else {
			pos.Column += utf8.RuneCountInString(span)
		}
		i += n
		switch {
		case typ == tokSpace || typ == tokComment:
			continue
		case typ == TokCmd && isSizer(span):
			afterSizer = span == `\left` || span == `\right`
			continue
		case afterSizer && span == ".":
			// \left. and \right. are invisible delimiters.
			afterSizer = false
			continue
		}
		afterSizer = false
		out = append(out, lexer.Token{Type: typ, Value: span, Pos: at})
	}
	return append(out, lexer.EOFToken(pos))
}

// isASCIIAlnum reports an ASCII letter or digit.
func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
