package symbolic

import (
	"testing"

	"pgregory.net/rapid"
)

// TestExprTable holds exprTable to a Go map under random sets, lookups
// and resets, over more nodes than its first room.
func TestExprTable(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		nodes := make([]*Expr, rapid.IntRange(1, 200).Draw(t, "nodes"))
		for i := range nodes {
			nodes[i] = &Expr{Op: OpNum, Num: float64(i)}
		}
		var tab exprTable[int]
		want := map[*Expr]int{}
		for i, n := 0, rapid.IntRange(0, 500).Draw(t, "ops"); i < n; i++ {
			k := nodes[rapid.IntRange(0, len(nodes)-1).Draw(t, "k")]
			switch rapid.IntRange(0, 9).Draw(t, "op") {
			case 0:
				tab.reset()
				clear(want)
			case 1, 2, 3, 4:
				v := rapid.Int().Draw(t, "v")
				tab.set(k, v)
				want[k] = v
			default:
				got, ok := tab.get(k)
				w, wok := want[k]
				if ok != wok || got != w || tab.has(k) != wok {
					t.Fatalf("get: %d %v, want %d %v", got, ok, w, wok)
				}
			}
			if tab.size() != len(want) {
				t.Fatalf("size %d, want %d", tab.size(), len(want))
			}
		}
		for _, k := range nodes {
			got, ok := tab.get(k)
			if w, wok := want[k]; ok != wok || got != w {
				t.Fatalf("final get: %d %v, want %d %v", got, ok, w, wok)
			}
		}
	})
}
