package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// writeJSON writes v indented by two spaces, with arrays whose items are
// all numbers, strings, booleans or null (shapes, vectors, matrix rows)
// kept on one line each, so that a matrix reads as a column of rows. It
// makes one pass over the compact encoding: linear in the output.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	layoutJSON(bw, bytes.TrimSpace(buf.Bytes()))
	bw.WriteByte('\n')
	return bw.Flush()
}

// layoutJSON re-indents the compact JSON src onto w (see writeJSON).
func layoutJSON(w *bufio.Writer, src []byte) {
	depth := 0
	// flat counts the open arrays being written on one line.
	flat := 0
	newline := func() {
		w.WriteByte('\n')
		for range depth {
			w.WriteString("  ")
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			j := stringEnd(src, i)
			w.Write(src[i:j])
			i = j - 1
		case '{', '[':
			if flat > 0 {
				w.WriteByte(c)
				flat++
				continue
			}
			w.WriteByte(c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				w.WriteByte(src[i+1])
				i++
				continue
			}
			if c == '[' && scalarArray(src, i) {
				flat = 1
				continue
			}
			depth++
			newline()
		case '}', ']':
			if flat > 0 {
				flat--
				w.WriteByte(c)
				continue
			}
			depth--
			newline()
			w.WriteByte(c)
		case ',':
			w.WriteByte(',')
			if flat > 0 {
				w.WriteByte(' ')
				continue
			}
			newline()
		case ':':
			w.WriteString(": ")
		default:
			// A run of a number or a literal, written at once.
			j := i + 1
			for j < len(src) && !special(src[j]) {
				j++
			}
			w.Write(src[i:j])
			i = j - 1
		}
	}
}

// special reports whether c is a byte that layoutJSON handles by itself.
func special(c byte) bool {
	switch c {
	case '"', '{', '[', '}', ']', ',', ':':
		return true
	}
	return false
}

// stringEnd returns the index just past the JSON string starting at i.
func stringEnd(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(src)
}

// scalarArray reports whether the array opening at i holds no array or
// object. It stops at the first bracket, so the scans of one document
// add up to its length.
func scalarArray(src []byte, i int) bool {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '"':
			j = stringEnd(src, j) - 1
		case '[', '{':
			return false
		case ']':
			return true
		}
	}
	return false
}
