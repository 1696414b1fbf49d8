package symbolic

// maxSimplifyPasses bounds the fixed-point iteration of Simplify.
const maxSimplifyPasses = 8

// Simplify rewrites e into textbook form by rebuilding it bottom-up
// through the smart constructors (constants folded, 0 and 1 dropped,
// scalar factors first, negation hoisted, matrix products left-associated,
// transposes on the leaves, like terms collected), repeated until nothing
// changes. Shared subexpressions are rewritten once per pass, so the cost
// is linear in the size of the DAG. e is not modified.
func Simplify(e *Expr) *Expr {
	if e == nil {
		return nil
	}
	for range maxSimplifyPasses {
		n := simplifyPass(e)
		if sameExpr(n, e) {
			return n
		}
		e = n
	}
	return e
}

// simplifyPass is one bottom-up rebuild.
func simplifyPass(e *Expr) *Expr {
	memo := map[*Expr]*Expr{}
	var walk func(e *Expr) *Expr
	walk = func(e *Expr) *Expr {
		if r, ok := memo[e]; ok {
			return r
		}
		args, _ := walkAll(e.Args, walk)
		r := rebuild(e, args)
		memo[e] = r
		return r
	}
	return walk(e)
}

// rebuild makes the node e with new operands through its smart
// constructor.
func rebuild(e *Expr, args []*Expr) *Expr {
	switch e.Op {
	case OpAdd:
		return Add(args[0], args[1])
	case OpSub:
		return Sub(args[0], args[1])
	case OpNeg:
		return Neg(args[0])
	case OpMul:
		return Mul(args[0], args[1])
	case OpDiv:
		return Div(args[0], args[1])
	case OpHad:
		return Had(args[0], args[1])
	case OpHDiv:
		return HDiv(args[0], args[1])
	case OpHPow:
		return HPow(args[0], args[1])
	case OpPow:
		if !args[0].Shape.IsMatrix() {
			return Pow(args[0], args[1])
		}
	case OpT:
		if args[0].Op != OpInv {
			return T(args[0])
		}
	case OpInv:
		return Inv(args[0])
	case OpSum:
		return SumOver(e.Name, args[0], args[1], args[2])
	case OpCall:
		if len(args) == 1 && e.Sub == nil {
			if _, ok := Funcs[e.Name]; ok {
				return Call(e.Name, args[0])
			}
		}
	}
	if len(args) == 0 {
		return e
	}
	changed := false
	for i := range args {
		changed = changed || args[i] != e.Args[i]
	}
	if !changed {
		return e
	}
	cp := *e
	cp.Args = args
	return &cp
}
