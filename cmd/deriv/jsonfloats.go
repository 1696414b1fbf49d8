package main

import (
	"math"
	"runtime"
	"strconv"
	"sync"
)

// largeValue is the number of entries from which a value's JSON is
// formatted on several cores.
const largeValue = 1 << 14

// fastValue returns a JSON-ready value (numeric.ValueJSON's forms) as one
// whose encoding formats its numbers on every core when it is large: a
// gradient at d = 1000 has 10⁶ entries, formatting them was most of
// writing it. Numbers come out exactly as encoding/json writes float64s
// (TestFloatsJSONMatchesEncodingJSON). Small values, and values holding
// NaN or ±Inf (which encoding/json refuses), are returned unchanged.
func fastValue(v any) any {
	switch x := v.(type) {
	case [][]float64:
		n := 0
		for _, r := range x {
			n += len(r)
			if !finite(r) {
				return v
			}
		}
		if n >= largeValue {
			return floatRows(x)
		}
	case []float64:
		if len(x) >= largeValue && finite(x) {
			return floatVec(x)
		}
	}
	return v
}

func finite(xs []float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// floatRows is a matrix by rows whose MarshalJSON formats the rows in
// parallel.
type floatRows [][]float64

// floatVec is a vector whose MarshalJSON formats chunks in parallel.
type floatVec []float64

func (r floatRows) MarshalJSON() ([]byte, error) {
	parts := parallelChunks(len(r), func(lo, hi int) []byte {
		var b []byte
		for i := lo; i < hi; i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendFloats(b, r[i])
			b = append(b, ']')
		}
		return b
	})
	return join('[', parts, ']'), nil
}

func (v floatVec) MarshalJSON() ([]byte, error) {
	parts := parallelChunks(len(v), func(lo, hi int) []byte {
		var b []byte
		if lo > 0 {
			b = append(b, ',')
		}
		return appendFloats(b, v[lo:hi])
	})
	return join('[', parts, ']'), nil
}

// parallelChunks splits [0, n) into one chunk per core and formats each
// on its own goroutine; the parts come back in order.
func parallelChunks(n int, format func(lo, hi int) []byte) [][]byte {
	workers := max(1, min(runtime.GOMAXPROCS(0), n))
	parts := make([][]byte, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { parts[w] = format(lo, hi) })
	}
	wg.Wait()
	return parts
}

func join(open byte, parts [][]byte, close byte) []byte {
	size := 2
	for _, p := range parts {
		size += len(p)
	}
	out := make([]byte, 0, size)
	out = append(out, open)
	for _, p := range parts {
		out = append(out, p...)
	}
	return append(out, close)
}

// appendFloats appends xs separated by commas, each as encoding/json
// writes a float64: the shortest representation, in %f form unless the
// magnitude is below 1e-6 or at least 1e21, where %e form is used with a
// two-digit exponent trimmed of its leading zero (1e-07 → 1e-7).
func appendFloats(b []byte, xs []float64) []byte {
	for k, f := range xs {
		if k > 0 {
			b = append(b, ',')
		}
		abs := math.Abs(f)
		format := byte('f')
		if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
			format = 'e'
		}
		b = strconv.AppendFloat(b, f, format, -1, 64)
		if format == 'e' {
			if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
				b[n-2] = b[n-1]
				b = b[:n-1]
			}
		}
	}
	return b
}
