package key_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"deriv/symbolic"
)

// TestStepPartsShareIterates: the worksheet's 2(d) asks for w_i^{(t+1)}
// and b_i^{(t+1)} as two questions on one program; both updates belong to
// one step, so each writes both variables as iterates (b_j^{(t)} inside the
// w-update's sum, w_j^{(t)} inside the b-update's), and 2(f)'s W⁽¹⁾ update
// uses W⁽²⁾_t.
func TestStepPartsShareIterates(t *testing.T) {
	k := build(t, assignments(t)["dis4"], false)
	want := map[string][]string{
		"2d-w":  {"b_j⁽ᵗ⁾", "w_j⁽ᵗ⁾", "b_i⁽ᵗ⁾"},
		"2d-b":  {"b_j⁽ᵗ⁾", "w_j⁽ᵗ⁾", "w_i⁽ᵗ⁾"},
		"2f-W1": {"W_t⁽²⁾ᵀ", "W_t⁽¹⁾ x"},
	}
	seen := 0
	for _, it := range k.Items {
		ws, ok := want[it.Q.ID]
		if !ok {
			continue
		}
		seen++
		require.Len(t, it.Answers, 1, it.Q.ID)
		got := symbolic.Print(it.Answers[0].RHS, symbolic.Text)
		for _, w := range ws {
			require.True(t, strings.Contains(got, w), "%s: %q lacks %q", it.Q.ID, got, w)
		}
	}
	require.Equal(t, len(want), seen)
}
