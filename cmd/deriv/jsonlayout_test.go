package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWriteJSONLayout: rows on one line, objects indented, strings with
// brackets and commas untouched, and the result is the same JSON.
func TestWriteJSONLayout(t *testing.T) {
	v := map[string]any{
		"a": []any{1.5, -2, "x,[y]"},
		"m": [][]float64{{1, 2}, {3, 4}},
		"e": []int{},
		"o": map[string]any{"k": nil, "s": []string{"d", "n"}},
	}
	var buf bytes.Buffer
	require.NoError(t, writeJSON(&buf, v))
	want := `{
  "a": [1.5, -2, "x,[y]"],
  "e": [],
  "m": [
    [1, 2],
    [3, 4]
  ],
  "o": {
    "k": null,
    "s": ["d", "n"]
  }
}
`
	assert.Equal(t, want, buf.String())
	var back map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &back))
}

// BenchmarkWriteJSON lays out a 1000×1000 matrix (the --at value of a
// gradient at d = 1000).
func BenchmarkWriteJSON(b *testing.B) {
	m := make([][]float64, 1000)
	for i := range m {
		m[i] = make([]float64, 1000)
		for j := range m[i] {
			m[i][j] = float64(i*j) / 7
		}
	}
	v := map[string]any{"value": m}
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := writeJSON(&buf, v); err != nil {
			b.Fatal(err)
		}
	}
}
