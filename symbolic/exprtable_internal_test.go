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
			switch rapid.IntRange(0, 10).Draw(t, "op") {
			case 0:
				tab.reset()
				clear(want)
			case 1:
				tab.reserve(rapid.IntRange(0, 100).Draw(t, "n"))
			case 2, 3, 4, 5:
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

// TestHashIndex holds hashIndex to a Go map under random sets, lookups,
// reservations and resets (keys from a small range, 0 included, and
// large ones that share low bits).
func TestHashIndex(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var ix hashIndex
		want := map[uint64]*Expr{}
		key := func() uint64 {
			k := uint64(rapid.IntRange(0, 300).Draw(t, "k"))
			if rapid.Bool().Draw(t, "high") {
				k <<= 40
			}
			return k
		}
		for i, n := 0, rapid.IntRange(0, 600).Draw(t, "ops"); i < n; i++ {
			switch rapid.IntRange(0, 11).Draw(t, "op") {
			case 0:
				ix.reset()
				clear(want)
			case 1:
				ix.reserve(rapid.IntRange(0, 100).Draw(t, "n"))
			case 2, 3, 4, 5:
				k, v := key(), &Expr{Op: OpNum}
				ix.set(k, v)
				want[k] = v
			default:
				k := key()
				got, ok := ix.get(k)
				w, wok := want[k]
				if ok != wok || got != w {
					t.Fatalf("get(%d): %p %v, want %p %v", k, got, ok, w, wok)
				}
			}
			if ix.size() != len(want) {
				t.Fatalf("size %d, want %d", ix.size(), len(want))
			}
		}
		for k, w := range want {
			if got, ok := ix.get(k); !ok || got != w {
				t.Fatalf("final get(%d): %p %v, want %p", k, got, ok, w)
			}
		}
	})
}
