package symbolic

// The smart constructors below build nodes with their Shape set and apply
// the local rewrites that keep derivatives in textbook form (SPEC §3):
// constants folded, 0 and 1 dropped, scalar factors first, negation hoisted
// to the front, matrix products left-associated, transposes pushed to the
// leaves, like terms collected. Operands must be well-typed (shapes as the
// parser infers them); the constructors never panic on well-typed operands
// and never fail.

// Number returns the scalar literal v.
func Number(v float64) *Expr { return &Expr{Op: OpNum, Num: v, Pos: NoPos} }

// Zero returns the zero of a shape: the literal 0 carrying the shape (a
// scalar 0 when s is nil).
func Zero(s Shape) *Expr { return &Expr{Op: OpNum, Num: 0, Shape: s, Pos: NoPos} }

// Ones returns the all-ones vector or matrix 𝟙 of shape s.
func Ones(s Shape) *Expr { return &Expr{Op: OpOnes, Shape: s, Pos: NoPos} }

// Eye returns the n×n identity matrix I.
func Eye(n Dim) *Expr { return &Expr{Op: OpEye, Shape: Matrix(n, n), Pos: NoPos} }

// raw builds a node of op over args with its shape computed, applying no
// rewrite.
func raw(op Op, args ...*Expr) *Expr {
	e := Node(op, NoPos, args...) // args does not escape: Node copies it
	e.Shape = builtShape(op, e.Args)
	return e
}

// Node returns a node of op over args at position p with no shape set
// (for a parser, whose shape inference sets it afterwards). A node of one
// or two operands and its operand list are one allocation.
func Node(op Op, p Pos, args ...*Expr) *Expr {
	switch len(args) {
	case 1:
		n := &node1{}
		n.a[0] = args[0]
		n.e = Expr{Op: op, Args: n.a[:], Pos: p}
		return &n.e
	case 2:
		n := &node2{}
		n.a[0], n.a[1] = args[0], args[1]
		n.e = Expr{Op: op, Args: n.a[:], Pos: p}
		return &n.e
	}
	var own []*Expr // nil for a leaf
	if len(args) > 0 {
		own = make([]*Expr, len(args))
		copy(own, args)
	}
	return &Expr{Op: op, Args: own, Pos: p}
}

// node1 and node2 hold a node with its one or two operands, allocated
// together by Node.
type node1 struct {
	e Expr
	a [1]*Expr
}

type node2 struct {
	e Expr
	a [2]*Expr
}

// numValue returns the value of a literal.
func numValue(e *Expr) (float64, bool) {
	if e != nil && e.Op == OpNum {
		return e.Num, true
	}
	return 0, false
}

func isNumber(e *Expr, v float64) bool {
	n, ok := numValue(e)
	return ok && n == v
}

// Neg returns −a: −(−a) is a, −(a − b) is b − a, −c folds.
func Neg(a *Expr) *Expr {
	switch a.Op {
	case OpNum:
		return &Expr{Op: OpNum, Num: -a.Num, Shape: a.Shape, Pos: NoPos}
	case OpNeg:
		return a.Args[0]
	case OpSub:
		// −(a − b) is b − a.
		return Sub(a.Args[1], a.Args[0])
	}
	return raw(OpNeg, a)
}
