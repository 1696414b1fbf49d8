package symbolic

// substIndex returns e with the index named idx replaced by to, both where
// it is a subscript (w_j → w_i) and where it stands alone. Σ bodies that
// bind idx themselves are left alone. Shared subexpressions are rewritten
// once.
func substIndex(e *Expr, idx string, to *Expr) *Expr {
	if to == nil {
		return e
	}
	r := NewRewriter()
	r.Skip = func(e *Expr) bool { return e.Op == OpSum && e.Name == idx }
	r.Pre = func(e *Expr) *Expr {
		if e.Op == OpVar && len(e.Sub) == 0 && e.Label == "" && e.Name == idx {
			return to
		}
		return nil
	}
	return r.Rewrite(e)
}

// Subst returns e with every occurrence of a variable replaced as repl
// says: repl is called on each OpVar node (subscripts included: the i of
// w_i) and returns its replacement, or nil to keep it. Shared
// subexpressions are rewritten once (see Rewriter), so the cost is linear
// in the size of the DAG.
func Subst(e *Expr, repl func(v *Expr) *Expr) *Expr {
	r := NewRewriter()
	r.Pre = func(e *Expr) *Expr {
		if e.Op == OpVar {
			return repl(e)
		}
		return nil
	}
	return r.Rewrite(e)
}
