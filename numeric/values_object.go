package numeric

import (
	"math"
	"strconv"
	"unicode/utf8"

	"gonum.org/v1/gonum/mat"
)

// scanObject reads a whole values document in one pass: an object whose
// keys are plain JSON strings and whose values scanValue accepts. It
// answers only for documents it reads completely (ok); anything else — an
// escape in a key, a number JSON would not accept, a value of another kind,
// trailing text — returns ok false, and ReadValues reads the document with
// encoding/json, whose messages say what is wrong. A key given twice keeps
// its last value, as encoding/json does. Keys come back in document order.
func scanObject(data []byte) (vals map[string]*mat.Dense, keys []string, ok bool) {
	s := &scanner{b: data, strict: true}
	s.space()
	if s.peek() != '{' {
		return nil, nil, false
	}
	s.i++
	vals = map[string]*mat.Dense{}
	s.space()
	if s.peek() == '}' {
		s.i++
		return vals, nil, s.end() == nil
	}
	for {
		s.space()
		key, ok := s.key()
		if !ok {
			return nil, nil, false
		}
		s.space()
		if s.peek() != ':' {
			return nil, nil, false
		}
		s.i++
		v, err := s.value()
		if err != nil {
			return nil, nil, false
		}
		if _, dup := vals[key]; !dup {
			keys = append(keys, key)
		}
		vals[key] = v
		s.space()
		switch s.peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			if s.end() != nil {
				return nil, nil, false
			}
			return vals, keys, true
		default:
			return nil, nil, false
		}
	}
}

// key reads a JSON string without escapes or control characters, in
// valid UTF-8 (anything else is left to encoding/json).
func (s *scanner) key() (string, bool) {
	if s.peek() != '"' {
		return "", false
	}
	start := s.i + 1
	for j := start; j < len(s.b); j++ {
		switch c := s.b[j]; {
		case c == '"':
			k := s.b[start:j]
			if !utf8.Valid(k) {
				return "", false
			}
			s.i = j + 1
			return string(k), true
		case c == '\\' || c < 0x20:
			return "", false
		}
	}
	return "", false
}

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// jsonNumber reads one number by JSON's grammar,
// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, at the start of b and
// returns it with its length. A number whose digits make an integer of at
// most 2⁵³ and whose decimal exponent is within ±22 is one correctly
// rounded product or quotient of two exact float64s (Clinger's fast path);
// any other goes to strconv.ParseFloat. ok is false when b
// does not start with a JSON number or the number overflows.
func jsonNumber(b []byte) (x float64, n int, ok bool) {
	i := 0
	neg := i < len(b) && b[i] == '-'
	if neg {
		i++
	}
	var mant uint64
	digits, exp, truncated := 0, 0, false
	intStart := i
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		if digits < 19 {
			mant = mant*10 + uint64(b[i]-'0')
			if mant != 0 {
				digits++
			}
		} else {
			exp++
			truncated = true
		}
		i++
	}
	if i == intStart || (b[intStart] == '0' && i-intStart > 1) {
		return 0, 0, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		fracStart := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			if digits < 19 {
				mant = mant*10 + uint64(b[i]-'0')
				if mant != 0 {
					digits++
				}
				exp--
			} else {
				truncated = true
			}
			i++
		}
		if i == fracStart {
			return 0, 0, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		eneg := false
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			eneg = b[i] == '-'
			i++
		}
		expStart, e := i, 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			if e < 100000 {
				e = e*10 + int(b[i]-'0')
			}
			i++
		}
		if i == expStart {
			return 0, 0, false
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if !truncated && mant <= 1<<53 && exp >= -22 && exp <= 22 {
		x = float64(mant)
		if exp >= 0 {
			x *= pow10[exp]
		} else {
			x /= pow10[-exp]
		}
		if neg {
			x = -x
		}
		return x, i, true
	}
	x, err := strconv.ParseFloat(string(b[:i]), 64)
	if err != nil || math.IsInf(x, 0) {
		return 0, 0, false
	}
	return x, i, true
}
