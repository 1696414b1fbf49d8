package numeric

import (
	"runtime"
	"strconv"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// scanValue reads one value of a values file in a single pass: a number,
// an array of numbers (a vector) or an array of equally long arrays of
// numbers (a matrix, by rows). It replaces three trial decodings with
// encoding/json, which cost seconds on a 1000×1000 matrix. null anywhere
// is an error (encoding/json would read it as 0 without a word).
func scanValue(raw []byte) (*mat.Dense, error) {
	s := &scanner{b: raw}
	v, err := s.value()
	if err != nil {
		return nil, err
	}
	if err := s.end(); err != nil {
		return nil, err
	}
	return v, nil
}

// value reads a number, an array of numbers or an array of rows at the
// cursor, leaving the cursor after it.
func (s *scanner) value() (*mat.Dense, error) {
	s.space()
	switch {
	case s.peek() == '[':
		s.i++
		s.space()
		if s.peek() == '[' {
			return s.rows()
		}
		vec, err := s.numbers()
		if err != nil {
			return nil, err
		}
		if len(vec) == 0 {
			return nil, errString("an empty array")
		}
		return mat.NewDense(len(vec), 1, vec), nil
	default:
		x, err := s.number()
		if err != nil {
			return nil, err
		}
		return scalar(x), nil
	}
}

// scanner is a cursor over a values document. A strict scanner reads
// numbers by JSON's grammar (jsonNumber), as scanObject needs; otherwise
// encoding/json has checked the syntax already.
type scanner struct {
	b      []byte
	i      int
	strict bool
}

func (s *scanner) peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// end requires that nothing but blanks follows.
func (s *scanner) end() error {
	s.space()
	if s.i != len(s.b) {
		return errString("expected a number, an array of numbers or an array of rows")
	}
	return nil
}

// number reads one JSON number.
func (s *scanner) number() (float64, error) {
	s.space()
	if s.strict {
		x, n, ok := jsonNumber(s.b[s.i:])
		if !ok {
			return 0, errString("not a JSON number")
		}
		s.i += n
		return x, nil
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			s.i++
			continue
		}
		break
	}
	if s.i == start {
		if len(s.b)-s.i >= 4 && string(s.b[s.i:s.i+4]) == "null" {
			return 0, errString("null is not a number (give every entry a value)")
		}
		return 0, errString("expected a number, an array of numbers or an array of rows")
	}
	x, err := strconv.ParseFloat(string(s.b[start:s.i]), 64)
	if err != nil {
		return 0, errString("not a number: " + string(s.b[start:s.i]))
	}
	return x, nil
}

// numbers reads "n, n, …]" after an opening bracket.
func (s *scanner) numbers() ([]float64, error) {
	var out []float64
	s.space()
	if s.peek() == ']' {
		s.i++
		return out, nil
	}
	for {
		x, err := s.number()
		if err != nil {
			return nil, err
		}
		out = append(out, x)
		s.space()
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			return out, nil
		default:
			return nil, errString("expected a number, an array of numbers or an array of rows")
		}
	}
}

// rows reads "[…], […], …]" after the outer opening bracket.
func (s *scanner) rows() (*mat.Dense, error) {
	if s.strict && len(s.b)-s.i >= parallelRowsBytes && runtime.GOMAXPROCS(0) > 1 {
		if m, ok := s.rowsParallel(); ok {
			return m, nil
		}
	}
	var data []float64
	n, cols := 0, -1
	for {
		s.space()
		if s.peek() != '[' {
			return nil, errString("expected a number, an array of numbers or an array of rows")
		}
		s.i++
		r, err := s.numbers()
		if err != nil {
			return nil, err
		}
		n++
		if cols < 0 {
			cols = len(r)
		} else if len(r) != cols {
			return nil, errString("ragged array: row 1 has " + itoa(cols) + " entries, row " + itoa(n) + " has " + itoa(len(r)))
		}
		data = append(data, r...)
		s.space()
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			if n == 0 || cols == 0 {
				return nil, errString("an empty array")
			}
			return mat.NewDense(n, cols, data), nil
		default:
			return nil, errString("expected a number, an array of numbers or an array of rows")
		}
	}
}

// parallelRowsBytes is the size of the rest of a document from which a
// strict scanner reads a matrix's rows on several cores.
const parallelRowsBytes = 1 << 20

// rowsParallel is rows for a large matrix in a strict scanner: it finds
// the rows' spans in one pass over the bytes, reads the first row for the
// number of columns, then reads the others into one backing array on
// GOMAXPROCS goroutines. ok is false, with the cursor unmoved, whenever
// anything is not plain (a bracket or string inside a row, a ragged row,
// a malformed number): rows then reads sequentially and says what is
// wrong.
func (s *scanner) rowsParallel() (*mat.Dense, bool) {
	type span struct{ lo, hi int } // b[lo] == '[', b[hi] == ']'
	var spans []span
	i := s.i
	for {
		for i < len(s.b) && isBlank(s.b[i]) {
			i++
		}
		if i >= len(s.b) || s.b[i] != '[' {
			return nil, false
		}
		lo := i
		for i++; i < len(s.b) && s.b[i] != ']'; i++ {
			if c := s.b[i]; c == '[' || c == '{' || c == '"' {
				return nil, false
			}
		}
		if i >= len(s.b) {
			return nil, false
		}
		spans = append(spans, span{lo, i})
		for i++; i < len(s.b) && isBlank(s.b[i]); i++ {
		}
		if i >= len(s.b) {
			return nil, false
		}
		if s.b[i] == ']' {
			i++
			break
		}
		if s.b[i] != ',' {
			return nil, false
		}
		i++
	}
	first := &scanner{b: s.b[spans[0].lo+1 : spans[0].hi+1], strict: true}
	row0, err := first.numbers()
	if err != nil || len(row0) == 0 || first.i != len(first.b) {
		return nil, false
	}
	cols := len(row0)
	data := make([]float64, len(spans)*cols)
	copy(data, row0)
	workers := min(runtime.GOMAXPROCS(0), len(spans))
	bad := make([]bool, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for r := 1 + w; r < len(spans); r += workers {
				sc := &scanner{b: s.b[spans[r].lo+1 : spans[r].hi+1], strict: true}
				if !sc.numbersInto(data[r*cols : (r+1)*cols]) {
					bad[w] = true
					return
				}
			}
		})
	}
	wg.Wait()
	for _, b := range bad {
		if b {
			return nil, false
		}
	}
	s.i = i
	return mat.NewDense(len(spans), cols, data), true
}

// numbersInto reads "n, n, …]" (the rest of a row, which must end the
// scanner's bytes) into dst, and reports whether the row held exactly
// len(dst) numbers.
func (s *scanner) numbersInto(dst []float64) bool {
	for k := range dst {
		x, err := s.number()
		if err != nil {
			return false
		}
		dst[k] = x
		s.space()
		want := byte(',')
		if k == len(dst)-1 {
			want = ']'
		}
		if s.peek() != want {
			return false
		}
		s.i++
	}
	return s.i == len(s.b)
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
