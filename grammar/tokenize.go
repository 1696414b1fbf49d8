package grammar

import (
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// tokenize is Tokenize: scan's tokens less blanks, comments and sizers,
// made in one pass. The bytes most programs are made of (ASCII blanks,
// letters, digits, brackets and operators, and the Unicode operators) are
// answered here, through byteClass, without building the tokens that are
// dropped; anything else (a command, a byte that starts another Unicode
// token, an ASCII run that meets one) goes to scanOne, as in scan.
func tokenize(src string) []lexer.Token {
	// About two tokens per three bytes once blanks are dropped (and
	// always room for EOF): most programs never grow the slice.
	out := make([]lexer.Token, 0, len(src)*2/3+4)
	// The position of src[i] is byte offset i, line, col.
	line, col := 1, 1
	// afterSizer: the last token was \left or \right, so a "." next is
	// an invisible delimiter.
	afterSizer := false
	for i := 0; i < len(src); {
		c := src[i]
		var typ lexer.TokenType
		n := 1
		wide := false // the token may hold runes wider than a byte
		switch byteClass[c] {
		case classBlank:
			// Dropped (a run of blanks is one Space token, dropped all
			// the same).
			i++
			col++
			continue
		case classCR:
			if i+1 < len(src) && src[i+1] == '\n' {
				typ, n = TokNewline, 2
				break
			}
			i++ // a lone \r is a blank
			col++
			continue
		case classNewline:
			typ = TokNewline
		case classComment:
			for i+n < len(src) && src[i+n] != '\n' {
				n++
			}
			col += utf8.RuneCountInString(src[i : i+n])
			i += n
			continue
		case classLetter:
			for i+n < len(src) && byteClass[src[i+n]] <= classDigit {
				n++
			}
			typ = TokIdent
			if i+n < len(src) && src[i+n] >= utf8.RuneSelf {
				if r, _ := utf8.DecodeRuneInString(src[i+n:]); endsName(r) {
					break
				}
				// The name may go on with Unicode letters.
				typ, n = scanOne(src[i:])
				wide = true
			}
		case classDigit:
			typ, n = tokNumber, numberLen(src[i:])
		case classOpen:
			typ = TokOpen
		case classClose:
			typ = TokClose
		case classSemi:
			typ = TokSemi
		case classPunct:
			typ = tokPunct
		case classWide:
			r, size := utf8.DecodeRuneInString(src[i:])
			if isPunctRune(r) {
				typ, n, wide = tokPunct, size, true
				break
			}
			typ, n = scanOne(src[i:])
			wide = true
		default:
			// Commands and the operators that may be longer than a
			// byte.
			typ, n = scanOne(src[i:])
			wide = typ == TokCmd
		}
		span := src[i : i+n]
		at, atLine, atCol := i, line, col
		i += n
		switch {
		case typ == TokNewline:
			line++
			col = 1
		case !wide || ascii(span):
			col += n
		default:
			col += utf8.RuneCountInString(span)
		}
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
		if len(out) == cap(out) {
			out = append(out, lexer.Token{})[:len(out)]
		}
		// Field by field into the zeroed slot (Filename stays empty).
		out = out[:len(out)+1]
		t := &out[len(out)-1]
		t.Type, t.Value = typ, span
		t.Pos.Offset, t.Pos.Line, t.Pos.Column = at, atLine, atCol
	}
	return append(out, lexer.EOFToken(lexer.Position{Offset: len(src), Line: line, Column: col}))
}

// endsName reports a rune that is known not to go on a name, without the
// Unicode tables: an operator, a superscript or a subscript, but 𝟙 (a
// digit, which does). TestEndsName holds it to isIdentRune.
func endsName(r rune) bool {
	return (isPunctRune(r) && r != '𝟙') || isSuper(r) || isSubscript(r)
}

// The byte classes of tokenize.
const (
	classLetter  = iota // an ASCII letter
	classDigit          // an ASCII digit
	classOther          // left to scanOne: \, the longer operators, Other
	classBlank          // space, tab, ~, \f, \v
	classCR             // \r: a blank, or a Newline with the \n after it
	classNewline        // \n
	classComment        // # and %
	classOpen           // ( [ {
	classClose          // ) ] }
	classSemi           // ;
	classPunct          // the one-byte operators: + / ^ _ ' , =
	classWide           // a byte that starts a wider rune
)

// byteClass is the class of every byte.
var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			t[c] = classLetter
		case '0' <= c && c <= '9':
			t[c] = classDigit
		case c >= utf8.RuneSelf:
			t[c] = classWide
		default:
			t[c] = classOther
		}
	}
	for _, c := range " \t~\f\v" {
		t[c] = classBlank
	}
	t['\r'], t['\n'], t['#'], t['%'], t[';'] = classCR, classNewline, classComment, classComment, classSemi
	for _, c := range "([{" {
		t[c] = classOpen
	}
	for _, c := range ")]}" {
		t[c] = classClose
	}
	for _, c := range "+/^_'," + "=" {
		t[c] = classPunct
	}
	return t
}()
