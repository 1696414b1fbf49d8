package numeric

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"
)

// TestJSONNumber holds jsonNumber to strconv.ParseFloat, bit for bit, on
// numbers written the ways JSON writers write them, and to JSON's grammar.
func TestJSONNumber(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var x float64
		switch rapid.IntRange(0, 3).Draw(t, "kind") {
		case 0:
			x = math.Float64frombits(rapid.Uint64().Draw(t, "bits"))
		case 1:
			x = rapid.Float64().Draw(t, "x")
		case 2:
			x = float64(rapid.Int64Range(-1e6, 1e6).Draw(t, "n")) / 1000
		default:
			x = rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1)).NormFloat64()
		}
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return
		}
		for _, s := range []string{
			strconv.FormatFloat(x, 'g', -1, 64), strconv.FormatFloat(x, 'e', -1, 64),
			strconv.FormatFloat(x, 'f', -1, 64), strconv.FormatFloat(x, 'e', 20, 64),
			strconv.FormatFloat(x, 'g', 6, 64), strconv.FormatFloat(x, 'E', 3, 64),
		} {
			got, n, ok := jsonNumber([]byte(s + ","))
			want, err := strconv.ParseFloat(s, 64)
			if err != nil {
				if ok {
					t.Fatalf("jsonNumber(%q) = %v, strconv fails: %v", s, got, err)
				}
				continue
			}
			if !ok || n != len(s) || math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("jsonNumber(%q) = %v, %d, %v; strconv %v", s, got, n, ok, want)
			}
		}
	})
	for _, bad := range []string{"", "-", "+1", "01", "-01", ".5", "1.", "1e", "1e+", "0x10", "1e400", "-1e400", "NaN", "Infinity"} {
		if x, _, ok := jsonNumber([]byte(bad)); ok && len(bad) > 0 && (bad[0] == '+' || bad[0] == '.' || bad == "1e400" || bad == "-1e400") {
			t.Errorf("jsonNumber(%q) = %v, want not a number", bad, x)
		}
		if _, n, ok := jsonNumber([]byte(bad)); ok && n == len(bad) && json.Valid([]byte(bad)) == false {
			t.Errorf("jsonNumber(%q) reads all of it, which JSON does not allow", bad)
		}
	}
}

// TestScanObjectMatchesJSON: whenever scanObject reads a document, encoding/json
// reads it too, with the same keys and bit-identical values.
func TestScanObjectMatchesJSON(t *testing.T) {
	docs := []string{
		`{}`, ` { } `, `{"x": 1}`, `{"x": [1, 2.5e-3, -0]}`, `{"W": [[1, 2], [3, 4]], "x": [1, 2]}`,
		`{"x": 1, "x": 2}`, `{"W^{(1)}": [[1]], "W⁽¹⁾": 2}`, `{"x": 1} trailing`, `{"x": 1,}`, `{"x": [1, 2,]}`,
		`{"x": [[1, 2], [3]]}`, `{"x": []}`, `{"x": [[]]}`, `{"x": null}`, `{"x": "1"}`, `{"x": true}`, `{"\\mathbf{x}": 1}`,
		`{"x": {"y": 1}}`, `{"x": 1e999}`, `{"x": 01}`, `{"x": +1}`, `{"x": .5}`, `[1, 2]`, `1`, ``, `{"x" 1}`, "{\"a\tb\": 1}",
		`{"x": [[1, 2], [3, 4]] , "y" : [ 1 , 2 ] }`, `{"x": 12345678901234567890123}`, `{"x": 0.1e-400}`,
	}
	check := func(t interface {
		Fatalf(string, ...any)
	}, doc string) {
		vals, keys, ok := scanObject([]byte(doc))
		if !ok {
			return
		}
		var raw map[string]json.RawMessage
		if err := json.NewDecoder(bytes.NewReader([]byte(doc))).Decode(&raw); err != nil {
			t.Fatalf("scanObject reads %q, encoding/json fails: %v", doc, err)
		}
		if len(raw) != len(keys) || len(vals) != len(keys) {
			t.Fatalf("%q: keys %q, encoding/json has %d", doc, keys, len(raw))
		}
		for _, k := range keys {
			want, err := decodeValue(raw[k])
			if err != nil {
				t.Fatalf("scanObject reads %q, the slow path fails on %q: %v", doc, k, err)
			}
			if !mat.Equal(vals[k], want) {
				t.Fatalf("%q: %q is %v, the slow path %v", doc, k, mat.Formatted(vals[k]), mat.Formatted(want))
			}
		}
	}
	for _, d := range docs {
		check(t, d)
	}
	rapid.Check(t, func(rt *rapid.T) {
		doc := map[string]any{}
		for _, k := range rapid.SliceOfN(rapid.SampledFrom([]string{"x", "W", "b_i", "W⁽¹⁾", `\sigma`, "é"}), 0, 4).Draw(rt, "keys") {
			rows, cols := rapid.IntRange(0, 3).Draw(rt, "rows"), rapid.IntRange(1, 3).Draw(rt, "cols")
			num := func() float64 { return rapid.Float64Range(-1e6, 1e6).Draw(rt, "v") }
			switch rows {
			case 0:
				doc[k] = num()
			case 1:
				v := make([]float64, cols)
				for i := range v {
					v[i] = num()
				}
				doc[k] = v
			default:
				m := make([][]float64, rows)
				for i := range m {
					m[i] = make([]float64, cols)
					for j := range m[i] {
						m[i][j] = num()
					}
				}
				doc[k] = m
			}
		}
		data, err := json.MarshalIndent(doc, "", rapid.SampledFrom([]string{"", " ", "\t"}).Draw(rt, "indent"))
		if err != nil {
			rt.Fatalf("%v", err)
		}
		if _, _, ok := scanObject(data); !ok && !bytes.Contains(data, []byte(`\\`)) {
			rt.Fatalf("scanObject does not read a plain document:\n%s", data)
		}
		check(rt, string(data))
	})
}

// FuzzScanObject holds scanObject to encoding/json on arbitrary input.
func FuzzScanObject(f *testing.F) {
	for _, s := range []string{`{"x": [1, 2]}`, `{"W": [[1e3, -2.5], [0, 1]]}`, `{"x": 1, "x": 2}`, `{"x": 1} z`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		vals, keys, ok := scanObject([]byte(doc))
		if !ok {
			return
		}
		var raw map[string]json.RawMessage
		if err := json.NewDecoder(bytes.NewReader([]byte(doc))).Decode(&raw); err != nil {
			t.Fatalf("scanObject reads %q, encoding/json fails: %v", doc, err)
		}
		for _, k := range keys {
			want, err := decodeValue(raw[k])
			if err != nil || !mat.Equal(vals[k], want) {
				t.Fatalf("%q: %q differs from the slow path (%v)", doc, k, err)
			}
		}
	})
}

// TestScanObjectLargeMatrix reads matrices big enough for rowsParallel:
// the same values as the slow path, and for a ragged or malformed one the
// slow path's answer (scanObject declines).
func TestScanObjectLargeMatrix(t *testing.T) {
	const n = 300
	rng := rand.New(rand.NewPCG(3, 4))
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, n)
		for j := range m[i] {
			m[i][j] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20))
		}
	}
	good, err := json.Marshal(map[string]any{"W": m, "x": m[0]})
	require.NoError(t, err)
	require.Greater(t, len(good), parallelRowsBytes)
	vals, _, ok := scanObject(good)
	require.True(t, ok)
	r, c := vals["W"].Dims()
	require.Equal(t, [2]int{n, n}, [2]int{r, c})
	for i := range n {
		for j := range n {
			require.Equal(t, math.Float64bits(m[i][j]), math.Float64bits(vals["W"].At(i, j)), "W[%d][%d]", i, j)
		}
	}
	ragged := bytes.Replace(good, []byte("],["), []byte(",1],["), 1)
	_, _, ok = scanObject(ragged)
	require.False(t, ok, "a ragged matrix")
	_, err = decodeValue(ragged[bytes.Index(ragged, []byte("[[")) : bytes.Index(ragged, []byte("]]"))+2])
	require.ErrorContains(t, err, "ragged array: row 1 has 301 entries, row 2 has 300")
	for _, bad := range [][]byte{
		bytes.Replace(good, []byte(","), []byte(",+"), 5000),
		bytes.Replace(good, []byte("],["), []byte("],[[1],"), 1),
		bytes.Replace(good, []byte("],["), []byte("],\"a\",["), 1),
		bytes.Replace(good, []byte("],["), []byte("]["), 1),
		good[:len(good)-3],
	} {
		_, _, ok := scanObject(bad)
		require.False(t, ok)
	}
}
