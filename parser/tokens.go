package parser

import (
	"errors"

	"github.com/alecthomas/participle/v2/lexer"

	"deriv/grammar"
	"deriv/symbolic"
)

// closer returns the closing bracket of an opening one ("" for any other
// text).
func closer(open string) string {
	switch open {
	case "(":
		return ")"
	case "[":
		return "]"
	case "{":
		return "}"
	case `\{`:
		return `\}`
	}
	return ""
}

// tokenize lexes src and checks it before the grammar sees it: the size
// limit, unknown characters, bracket matching and the nesting depth (all
// without recursion, so a 5,000-deep input fails fast). Newlines inside
// brackets or after a binary operator or comma are dropped, so an
// expression may span lines.
func tokenize(src string, o *options) ([]lexer.Token, error) {
	if len(src) > o.maxBytes {
		return nil, errTooLarge(len(src), o.maxBytes)
	}
	toks, err := grammar.Tokenize(src)
	if err != nil {
		var perr interface{ Position() lexer.Position }
		if errors.As(err, &perr) {
			off := perr.Position().Offset
			ch := ""
			if off < len(src) {
				ch = string([]rune(src[off:])[0])
			}
			return nil, errBadChar(symbolic.Pos(off), ch)
		}
		return nil, errSyntax(err)
	}
	var room [8]lexer.Token // most inputs nest no deeper
	open := room[:0]
	out := toks[:0]
	for k := range toks {
		// out overwrites toks behind k only, so t stays valid until it
		// is appended.
		t := &toks[k]
		switch t.Type {
		case grammar.TokOther:
			if t.Value == "." && endsStmt(toks[k+1]) {
				// The full stop of a sentence: f = (y − …)^2.
				continue
			}
			return nil, errBadChar(pos(*t), t.Value)
		case grammar.TokOpen:
			open = append(open, *t)
			if len(open) > o.maxDepth {
				return nil, errTooDeep(pos(*t), o.maxDepth)
			}
		case grammar.TokClose:
			if len(open) == 0 {
				return nil, errUnopened(pos(*t), t.Value)
			}
			top := open[len(open)-1]
			if closer(top.Value) != t.Value {
				return nil, errMismatched(pos(*t), t.Value, top.Value)
			}
			open = open[:len(open)-1]
		case grammar.TokNewline:
			if len(open) > 0 || continues(out) {
				continue
			}
		case grammar.TokSemi, lexer.EOF:
			if len(open) > 0 {
				top := open[len(open)-1]
				return nil, errUnclosed(pos(top), top.Value)
			}
		case grammar.TokIdent:
			if err := checkScripts(t.Value, pos(*t)); err != nil {
				return nil, err
			}
		default:
			if greekDigits(out, t) {
				// \delta2 is the name δ2, as W1 is one name.
				out[len(out)-1].Value += t.Value
				continue
			}
		}
		if len(out) == k {
			// Nothing dropped so far: the token is already in place.
			out = out[:k+1]
		} else {
			out = append(out, *t)
		}
	}
	return out, nil
}

// continuation lists the tokens after which a line break does not end the
// statement (a binary operator or a comma at the end of a line).
var continuation = map[string]bool{
	"+": true, "-": true, "−": true, "–": true, "*": true, "·": true, "⋅": true, "/": true, "=": true,
	":=": true, "≔": true, ",": true, "⊙": true, "⊘": true, "∘": true, ".*": true, "./": true, ".^": true,
	"**": true, "∈": true, "→": true, "->": true, "×": true,
	`\cdot`: true, `\times`: true, `\odot`: true, `\circ`: true, `\oslash`: true, `\in`: true, `\to`: true, `\rightarrow`: true,
}

// continues reports whether the last token kept lets the statement go on
// past a line break.
func continues(out []lexer.Token) bool {
	if len(out) == 0 {
		return false
	}
	last := out[len(out)-1]
	return last.Type != grammar.TokNewline && continuation[last.Value]
}

func pos(t lexer.Token) symbolic.Pos { return symbolic.Pos(t.Pos.Offset) }

// greekDigits reports whether t is digits written right after a Greek
// letter command (\delta2), which make one name with it.
func greekDigits(out []lexer.Token, t *lexer.Token) bool {
	if len(out) == 0 || !isDigits(t.Value) {
		return false
	}
	last := out[len(out)-1]
	if last.Type != grammar.TokCmd || last.Pos.Offset+len(last.Value) != t.Pos.Offset {
		return false
	}
	_, greek := symbolic.Greek[last.Value[1:]]
	return greek || extraNames[last.Value[1:]] != ""
}

// isDigits reports whether s is a non-empty string of ASCII digits.
func isDigits(s string) bool {
	base, digits := splitDigits(s)
	return base == "" && digits != ""
}

// endsStmt reports whether t ends a statement (a line break, ";" or the
// end of input).
func endsStmt(t lexer.Token) bool {
	return t.EOF() || t.Type == grammar.TokNewline || t.Type == grammar.TokSemi
}
