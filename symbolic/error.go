package symbolic

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is the one error type of the whole pipeline: parser, shape
// inference, differentiation and evaluation all report through it. It holds
// a byte offset; the line, column, source line and caret are worked out when
// the error is printed:
//
//	<input>:2:14: shape conflict at "+": matrix(d×d) + vector(n)
//	  ℓ = W1 x + b + W1
//	               ^
type Error struct {
	// Pos is the byte offset of the offending place in Src, or NoPos.
	Pos Pos
	// Msg is the message, without position.
	Msg string
	// Src is the source text; File names it ("<input>" when empty).
	Src  string
	File string
	// Err is an underlying error, if any (see Unwrap).
	Err error
}

// Errorf returns an *Error at pos with a formatted message. The source is
// attached later by WithSource (the parser does so for every error it
// returns).
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// WithSource attaches the source text and file name, unless already set.
func (e *Error) WithSource(src, file string) *Error {
	if e.Src == "" {
		e.Src = src
	}
	if e.File == "" {
		e.File = file
	}
	return e
}

func (e *Error) Unwrap() error { return e.Err }

// LineCol returns the 1-based line and column (in characters, not bytes) of
// the error's position, or 0, 0 when it has none.
func (e *Error) LineCol() (line, col int) {
	if e.Pos < 0 || int(e.Pos) > len(e.Src) {
		return 0, 0
	}
	before := e.Src[:e.Pos]
	line = strings.Count(before, "\n") + 1
	start := strings.LastIndexByte(before, '\n') + 1
	col = utf8.RuneCountInString(before[start:]) + 1
	return line, col
}

// Error formats the message as `FILE:LINE:COL: message`, then the source
// line and a caret under the offending character. Without a position it is
// `FILE: message`.
func (e *Error) Error() string {
	file := e.File
	if file == "" {
		file = "<input>"
	}
	line, col := e.LineCol()
	if line == 0 {
		return file + ": " + e.Msg
	}
	start := strings.LastIndexByte(e.Src[:e.Pos], '\n') + 1
	end := strings.IndexByte(e.Src[start:], '\n')
	if end < 0 {
		end = len(e.Src)
	} else {
		end += start
	}
	src := e.Src[start:end]
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: %s\n", file, line, col, e.Msg)
	const maxLine = 160
	if utf8.RuneCountInString(src) > maxLine {
		// Show a window around the caret of a long line.
		runes := []rune(src)
		from := max(0, col-1-maxLine/2)
		to := min(len(runes), from+maxLine)
		src = string(runes[from:to])
		col -= from
	}
	b.WriteString("  " + strings.ReplaceAll(src, "\t", " ") + "\n")
	b.WriteString("  " + strings.Repeat(" ", col-1) + "^")
	return b.String()
}
