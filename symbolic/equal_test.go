package symbolic

import (
	"math"
	"testing"
)

func TestEqual(t *testing.T) {
	x, y := prVar("x"), prVar("y")
	tests := []struct {
		name string
		a, b *Expr
		want bool
	}{
		{"both nil", nil, nil, true},
		{"one nil", x, nil, false},
		{"same name", prVar("x"), prVar("x"), true},
		{"positions and shapes ignored", &Expr{Op: OpVar, Name: "x", Pos: 3, Shape: Vector("d")}, &Expr{Op: OpVar, Name: "x", Pos: 9}, true},
		{"different names", x, y, false},
		{"different labels", prLab("W", "1"), prLab("W", "2"), false},
		{"label versus none", prLab("W", "1"), prVar("W"), false},
		{"different subscripts", prSub("w", prVar("i")), prSub("w", prVar("j")), false},
		{"subscript versus none", prSub("w", prVar("i")), prVar("w"), false},
		{"numbers by value", prNum(0.5), &Expr{Op: OpNum, Num: 0.5, Name: "½"}, true},
		{"π by value", prPi, prNum(math.Pi), true},
		{"different numbers", prNum(1), prNum(2), false},
		{"zero and negative zero", prNum(0), prNum(math.Copysign(0, -1)), true},
		{"NaN", prNum(math.NaN()), prNum(math.NaN()), true},
		{"different ops", prAdd(x, y), prSubtract(x, y), false},
		{"argument order", prMul(x, y), prMul(y, x), false},
		{"associativity", prMul(prMul(x, y), x), prMul(x, prMul(y, x)), false},
		{"arity", &Expr{Op: OpCall, Name: "f", Args: []*Expr{x}}, &Expr{Op: OpCall, Name: "f", Args: []*Expr{x, y}}, false},
		{"default norm", prNorm("", x), prNorm("2", x), true},
		{"norm kinds", prNorm("1", x), prNorm("2", x), false},
		{"partial index", &Expr{Op: OpPartial, Name: "f", Num: 1, Args: []*Expr{x}}, &Expr{Op: OpPartial, Name: "f", Num: 2, Args: []*Expr{x}}, false},
		{"deep", prSum("i", prNum(1), prVar("n"), prCall("σ", prSub("w", prVar("i")))), prSum("i", prNum(1), prVar("n"), prCall("σ", prSub("w", prVar("i")))), true},
		{"deep difference", prSum("i", prNum(1), prVar("n"), prCall("σ", prSub("w", prVar("i")))), prSum("i", prNum(1), prVar("m"), prCall("σ", prSub("w", prVar("i")))), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Equal(tc.a, tc.b); got != tc.want {
				t.Errorf("Equal = %v, want %v", got, tc.want)
			}
			if got := Equal(tc.b, tc.a); got != tc.want {
				t.Errorf("Equal is not symmetric")
			}
			if tc.want && Hash(tc.a) != Hash(tc.b) {
				t.Errorf("equal expressions hash differently: %x, %x", Hash(tc.a), Hash(tc.b))
			}
			if !tc.want && Hash(tc.a) == Hash(tc.b) {
				t.Errorf("distinct expressions collide: %x", Hash(tc.a))
			}
		})
	}
}

// TestHashDeterministic: the hash does not depend on the process (it may
// order terms reproducibly).
func TestHashDeterministic(t *testing.T) {
	if got := Hash(prVar("x")); got != 0x1d08bad4e7446f7f {
		t.Errorf("Hash(x) = %#x changed", got)
	}
	if Hash(nil) != 0 {
		t.Error("Hash(nil) != 0")
	}
}
