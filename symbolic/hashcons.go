package symbolic

// hashCons interns expressions: structurally equal nodes (sameExpr, and
// the same shape) become one pointer. It is local to one computation (a
// Simplify call), so it needs no lock and is dropped with it.
//
// Positions: structural equality ignores Pos, so an interned node keeps
// the position of the first node of its kind that was interned (a
// parser-built node keeps its own position; nodes the package synthesises
// have NoPos). Error messages use positions of the program's nodes, which
// are never replaced by synthesised ones of a different structure.
type hashCons struct {
	table map[uint64][]*Expr
	// canon maps every node seen to its canonical node.
	canon map[*Expr]*Expr
}

func newHashCons() *hashCons {
	return &hashCons{table: map[uint64][]*Expr{}, canon: map[*Expr]*Expr{}}
}

// intern returns the canonical node equal to e, adding e when it is new.
// The operands are interned first (nodes seen before at once), so the
// comparison with a candidate compares operand pointers only.
func (t *hashCons) intern(e *Expr) *Expr {
	if c, ok := t.canon[e]; ok {
		return c
	}
	if len(e.Args) > 0 {
		args := make([]*Expr, len(e.Args))
		for i, a := range e.Args {
			args[i] = t.intern(a)
		}
		e = withChildren(e, e.Sub, args)
	}
	c := t.lookup(e)
	t.canon[e] = c
	return c
}

// lookup finds the node of the table equal to e, or adds e.
func (t *hashCons) lookup(e *Expr) *Expr {
	h := Hash(e)
	for _, c := range t.table[h] {
		if c == e || sameExpr(c, e) && c.Shape.Equal(e.Shape) {
			return c
		}
	}
	t.table[h] = append(t.table[h], e)
	return e
}
