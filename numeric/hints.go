package numeric

import "deriv/symbolic"

// valueKind says how Sample draws a variable's entries.
type valueKind uint8

const (
	normal          valueKind = iota // N(0, 1)
	positive                         // |N(0, 1)| + 0.5
	bounded                          // uniform in (−0.9, 0.9)
	wellConditioned                  // I + 0.3 N/√n
)

// hints maps variable keys to the kind of value they need.
type hints map[string]valueKind

// analyse finds the variables that feed log, sqrt or a fractional power
// (positive), arcsin or arccos (bounded), inv, det or logdet (well
// conditioned), looking through definitions. A stronger need wins:
// wellConditioned over positive over bounded.
func analyse(p *symbolic.Program, exprs []*symbolic.Expr) hints {
	h := hints{}
	seen := map[string]valueKind{}
	// Each node once per context: the expressions are DAGs.
	type visit struct {
		e   *symbolic.Expr
		ctx valueKind
	}
	visited := map[visit]bool{}
	posMemo := map[*symbolic.Expr]bool{}
	var walk func(e *symbolic.Expr, ctx valueKind, depth int)
	walk = func(e *symbolic.Expr, ctx valueKind, depth int) {
		if e == nil || depth > maxDepth || visited[visit{e, ctx}] {
			return
		}
		visited[visit{e, ctx}] = true
		inner := ctx
		switch e.Op {
		case symbolic.OpVar:
			key := e.Key()
			sym := p.Symbols[key]
			if sym == nil {
				break
			}
			switch sym.Kind {
			case symbolic.SymVar, symbolic.SymFamily:
				if ctx > h[key] {
					h[key] = ctx
				}
			case symbolic.SymDef:
				if prev, ok := seen[key]; (!ok || ctx > prev) && sym.Def != nil {
					seen[key] = ctx
					walk(sym.Def.Body, ctx, depth+1)
				}
			}
		case symbolic.OpCall, symbolic.OpPrime:
			switch e.Name {
			case "log", "sqrt":
				// log(1 + exp(m)), log σ(z): positive whatever the
				// variables are, so they need no positive values.
				if len(e.Args) != 1 || !positiveByConstruction(p, e.Args[0], posMemo, 0) {
					inner = max(inner, positive)
				}
			case "exp", "σ", "softplus", "cosh", "abs":
				if inner == positive {
					inner = normal // positive output from any input
				}
			case "arcsin", "arccos":
				inner = max(inner, bounded)
			case "det", "logdet", "inv":
				inner = wellConditioned
			}
			if sym := p.Symbols[e.Key()]; sym != nil && sym.Kind == symbolic.SymDef && sym.Def != nil && !(seen[e.Key()] >= ctx && seen[e.Key()] != 0) {
				seen[e.Key()] = ctx
				walk(sym.Def.Body, ctx, depth+1)
			}
		case symbolic.OpInv:
			inner = wellConditioned
		case symbolic.OpPow, symbolic.OpHPow:
			if len(e.Args) == 2 {
				ex := e.Args[1]
				if ex.Op != symbolic.OpNum || ex.Num != float64(int64(ex.Num)) {
					walk(e.Args[0], max(inner, positive), depth+1)
				} else if ex.Num < 0 && e.Op == symbolic.OpPow && !e.Args[0].Shape.IsScalar() {
					walk(e.Args[0], wellConditioned, depth+1)
				} else {
					walk(e.Args[0], inner, depth+1)
				}
				walk(e.Args[1], ctx, depth+1)
				return
			}
		}
		for _, a := range e.Args {
			walk(a, inner, depth+1)
		}
	}
	for _, e := range exprs {
		walk(e, normal, 0)
	}
	return h
}

// positiveByConstruction reports whether e is positive for all values of
// its variables (up to sets of measure zero): exp, σ, softplus, norms,
// squares, 1 − σ(…), and sums, products and quotients of such.
//
// memo holds the answers so far (each node is decided once: the
// expressions are DAGs).
func positiveByConstruction(p *symbolic.Program, e *symbolic.Expr, memo map[*symbolic.Expr]bool, depth int) bool {
	if e == nil || depth > maxDepth {
		return false
	}
	if v, ok := memo[e]; ok {
		return v
	}
	memo[e] = false // a definition that refers to itself is not positive
	v := positiveNode(p, e, memo, depth)
	memo[e] = v
	return v
}

func positiveNode(p *symbolic.Program, e *symbolic.Expr, memo map[*symbolic.Expr]bool, depth int) bool {
	pos := func(a *symbolic.Expr) bool { return positiveByConstruction(p, a, memo, depth+1) }
	switch e.Op {
	case symbolic.OpNum:
		return e.Num > 0
	case symbolic.OpOnes, symbolic.OpNorm:
		return true
	case symbolic.OpVar:
		if sym := p.Symbols[e.Key()]; sym != nil && sym.Kind == symbolic.SymDef && sym.Def != nil {
			return pos(sym.Def.Body)
		}
	case symbolic.OpCall:
		switch e.Name {
		case "exp", "σ", "softplus", "cosh", "abs", "sqrt", "softmax":
			return true
		case "sum", "tr":
			return len(e.Args) == 1 && pos(e.Args[0])
		}
	case symbolic.OpAdd, symbolic.OpMul, symbolic.OpDiv, symbolic.OpHad, symbolic.OpHDiv:
		return len(e.Args) == 2 && pos(e.Args[0]) && pos(e.Args[1])
	case symbolic.OpPow, symbolic.OpHPow:
		if len(e.Args) == 2 && e.Args[1].Op == symbolic.OpNum {
			k := e.Args[1].Num
			if k == float64(int64(k)) && int64(k)%2 == 0 {
				return e.Args[0].Shape.IsScalar() || e.Op == symbolic.OpHPow
			}
			return pos(e.Args[0])
		}
	case symbolic.OpSub:
		// 1 − σ(z) lies in (0, 1).
		if len(e.Args) == 2 && e.Args[0].Op == symbolic.OpNum && e.Args[0].Num >= 1 {
			b := e.Args[1]
			return b.Op == symbolic.OpCall && b.Name == "σ"
		}
	}
	return false
}
