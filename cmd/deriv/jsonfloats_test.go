package main

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestFloatsJSONMatchesEncodingJSON: the parallel encodings write exactly
// what encoding/json writes for the same [][]float64 and []float64.
func TestFloatsJSONMatchesEncodingJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		num := rapid.OneOf(
			rapid.Float64(),
			rapid.Float64Range(-1e-5, 1e-5),
			rapid.Map(rapid.Uint64(), math.Float64frombits),
			rapid.SampledFrom([]float64{0, math.Copysign(0, -1), 1e-6, 1e-7, 1e21, 1e20, -1e-300, 5e-324, math.MaxFloat64}),
		).Filter(func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) })
		rows := rapid.SliceOfN(rapid.SliceOfN(num, 1, 5), 1, 9).Draw(t, "rows")
		want, err := json.Marshal(rows)
		require.NoError(t, err)
		got, err := json.Marshal(floatRows(rows))
		require.NoError(t, err)
		require.Equal(t, string(want), string(got))
		want, _ = json.Marshal(rows[0])
		got, err = json.Marshal(floatVec(rows[0]))
		require.NoError(t, err)
		require.Equal(t, string(want), string(got))
	})
}

// TestFastValue checks which values are re-typed: large and finite only.
func TestFastValue(t *testing.T) {
	big := make([][]float64, 200)
	for i := range big {
		big[i] = make([]float64, 100)
	}
	_, ok := fastValue(big).(floatRows)
	require.True(t, ok, "a 200×100 matrix")
	_, ok = fastValue(big[:2]).([][]float64)
	require.True(t, ok, "a 2×100 matrix stays as it is")
	_, ok = fastValue(make([]float64, largeValue)).(floatVec)
	require.True(t, ok, "a long vector")
	big[7][3] = math.NaN()
	_, ok = fastValue(big).([][]float64)
	require.True(t, ok, "NaN: left to encoding/json")
	require.Equal(t, 2.5, fastValue(2.5))
}
