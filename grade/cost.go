package grade

import (
	"deriv/symbolic"
)

// maxCost bounds the estimated operations of one evaluation of an answer.
const maxCost = 5e6

// evalCost estimates the number of node evaluations of e at one point:
// sums multiply their body's cost by their range (a dimension counts 6,
// the largest size of a point).
func evalCost(p *symbolic.Program, e *symbolic.Expr, defs map[string]float64, depth int) float64 {
	if e == nil || depth > 1000 {
		return 1
	}
	cost := 1.0
	switch e.Op {
	case symbolic.OpSum:
		if len(e.Args) == 3 {
			r := rangeEstimate(e.Args[1]) - rangeEstimate(e.Args[0]) + 1
			if r < 1 {
				r = 1
			}
			return cost + r*evalCost(p, e.Args[2], defs, depth+1)
		}
	case symbolic.OpVar:
		key := e.Key()
		if c, ok := defs[key]; ok {
			return cost + c
		}
		if sym := p.Symbols[key]; sym != nil && sym.Kind == symbolic.SymDef && sym.Def != nil {
			defs[key] = 1 // guards a cycle
			c := evalCost(p, sym.Def.Body, defs, depth+1)
			defs[key] = c
			cost += c
		}
	}
	for _, a := range e.Args {
		cost += evalCost(p, a, defs, depth+1)
		if cost > 1e15 {
			return cost
		}
	}
	return cost
}

func rangeEstimate(e *symbolic.Expr) float64 {
	switch e.Op {
	case symbolic.OpNum:
		return e.Num
	case symbolic.OpVar:
		return 6
	case symbolic.OpAdd:
		return rangeEstimate(e.Args[0]) + rangeEstimate(e.Args[1])
	case symbolic.OpMul:
		return rangeEstimate(e.Args[0]) * rangeEstimate(e.Args[1])
	case symbolic.OpPow:
		b, x := rangeEstimate(e.Args[0]), rangeEstimate(e.Args[1])
		if x > 30 {
			return 1e15
		}
		r := 1.0
		for range int(x) {
			r *= b
		}
		return r
	}
	return 1e6
}
