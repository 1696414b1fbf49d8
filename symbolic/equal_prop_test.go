package symbolic_test

import (
	"testing"

	"deriv/symbolic"
	"deriv/symbolic/symtest"
	"pgregory.net/rapid"
)

// eqClone copies e deeply, moving every position and dropping every shape.
func eqClone(e *symbolic.Expr) *symbolic.Expr {
	if e == nil {
		return nil
	}
	c := *e
	c.Pos, c.Shape = e.Pos+7, nil
	c.Args, c.Sub = nil, nil
	for _, a := range e.Args {
		c.Args = append(c.Args, eqClone(a))
	}
	for _, s := range e.Sub {
		c.Sub = append(c.Sub, eqClone(s))
	}
	return &c
}

// eqFirstLeaf returns the leftmost variable or number of e.
func eqFirstLeaf(e *symbolic.Expr) *symbolic.Expr {
	for len(e.Args) > 0 && e.Op != symbolic.OpVar {
		e = e.Args[0]
	}
	return e
}

// TestEqualProperty: a deep copy is Equal and hashes alike; changing one
// leaf makes it unequal.
func TestEqualProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := symtest.Program(t)
		e := symtest.Expr(t, p, symtest.Shape(t, p), 4, symtest.ExprOpts{Derivs: true})
		c := eqClone(e)
		if !symbolic.Equal(e, c) || symbolic.Hash(e) != symbolic.Hash(c) {
			t.Fatalf("copy of %s not equal", e)
		}
		leaf := eqFirstLeaf(c)
		switch leaf.Op {
		case symbolic.OpVar:
			leaf.Name += "′"
		case symbolic.OpNum:
			leaf.Num = 2*leaf.Num + 1
			leaf.Name = ""
		default:
			leaf.Op = symbolic.OpEye
			if leaf.Op == eqFirstLeaf(e).Op {
				leaf.Op = symbolic.OpOnes
			}
		}
		if symbolic.Equal(e, c) {
			t.Fatalf("%s equals its mutation %s", e, c)
		}
	})
}
