package parser

import (
	"fmt"
	"strings"

	"deriv/symbolic"
)

var opNames = map[symbolic.Op]string{
	symbolic.OpNum: "Num", symbolic.OpVar: "Var", symbolic.OpNeg: "Neg", symbolic.OpAdd: "Add", symbolic.OpSub: "Sub",
	symbolic.OpMul: "Mul", symbolic.OpDiv: "Div", symbolic.OpHad: "Had", symbolic.OpHDiv: "HDiv", symbolic.OpHPow: "HPow",
	symbolic.OpPow: "Pow", symbolic.OpT: "T", symbolic.OpInv: "Inv", symbolic.OpCall: "Call", symbolic.OpPrime: "Prime",
	symbolic.OpPartial: "Partial", symbolic.OpJac: "Jac", symbolic.OpSum: "Sum", symbolic.OpNorm: "Norm",
	symbolic.OpOnes: "Ones", symbolic.OpEye: "Eye", symbolic.OpDeriv: "Deriv",
}

// dump writes an expression as a structural S-expression (positions and
// shapes omitted), for comparing ASTs in tests: Mul(Var W1, Var x).
func dump(e *symbolic.Expr) string {
	if e == nil {
		return "nil"
	}
	var b strings.Builder
	b.WriteString(opNames[e.Op])
	switch e.Op {
	case symbolic.OpNum:
		fmt.Fprintf(&b, " %g", e.Num)
		if e.Name != "" {
			b.WriteString(" " + e.Name)
		}
	case symbolic.OpPartial:
		fmt.Fprintf(&b, " %g %s", e.Num, e.Name)
	default:
		if e.Name != "" {
			b.WriteString(" " + e.Name)
		}
	}
	if e.Label != "" {
		b.WriteString(" ^" + e.Label)
	}
	if len(e.Sub) > 0 {
		parts := make([]string, len(e.Sub))
		for i, s := range e.Sub {
			parts[i] = dump(s)
		}
		b.WriteString(" _[" + strings.Join(parts, ", ") + "]")
	}
	if len(e.Args) > 0 {
		parts := make([]string, len(e.Args))
		for i, a := range e.Args {
			parts[i] = dump(a)
		}
		b.WriteString("(" + strings.Join(parts, ", ") + ")")
	}
	return b.String()
}
