package numeric

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestScanValue(t *testing.T) {
	for src, want := range map[string]*mat.Dense{
		"3":                      mat.NewDense(1, 1, []float64{3}),
		" -1.5e2 ":               mat.NewDense(1, 1, []float64{-150}),
		"[1, 2,3]":               mat.NewDense(3, 1, []float64{1, 2, 3}),
		"[[1, 2], [3, 4]]":       mat.NewDense(2, 2, []float64{1, 2, 3, 4}),
		"[ [1] ,\n [2] ]":        mat.NewDense(2, 1, []float64{1, 2}),
		"[[1e-3, 2, 3.25e+1 ]] ": mat.NewDense(1, 3, []float64{1e-3, 2, 32.5}),
	} {
		got, err := scanValue([]byte(src))
		require.NoError(t, err, src)
		assert.True(t, mat.Equal(want, got), "%s: %v", src, mat.Formatted(got))
	}
	for src, msg := range map[string]string{
		"null":              "null",
		"[1, null]":         "null",
		"[[1], [null]]":     "null",
		"[]":                "empty",
		"[[]]":              "empty",
		"[[1, 2], [3]]":     "ragged",
		"[[[1]]]":           "expected",
		`"1"`:               "expected",
		"[1, 2":             "expected",
		"[1, [2]]":          "expected",
		"1 2":               "expected",
		"[1,,2]":            "expected",
		"true":              "expected",
		"[1e999999]":        "not a number",
		"{\"a\": 1}":        "expected",
		"[[1, 2] [3, 4]]":   "expected",
		"[[1, 2], 3]":       "expected",
		"[1, 2], [3]":       "expected",
		"- 1":               "not a number",
		"[1.2.3]":           "not a number",
		"[[1, 2], [3, 4],]": "expected",
	} {
		_, err := scanValue([]byte(src))
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), msg, src)
	}
}
