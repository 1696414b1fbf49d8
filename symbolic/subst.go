package symbolic

// substIndex returns e with the index named idx replaced by to, both where
// it is a subscript (w_j → w_i) and where it stands alone. Σ bodies that
// bind idx themselves are left alone. Shared subexpressions are rewritten
// once.
func substIndex(e *Expr, idx string, to *Expr) *Expr {
	if to == nil {
		return e
	}
	memo := map[*Expr]*Expr{}
	var walk func(e *Expr) *Expr
	walk = func(e *Expr) *Expr {
		if r, ok := memo[e]; ok {
			return r
		}
		r := e
		switch {
		case e.Op == OpVar && len(e.Sub) == 0 && e.Label == "" && e.Name == idx:
			r = to
		case e.Op == OpSum && e.Name == idx:
		default:
			subs, sc := walkAll(e.Sub, walk)
			args, ac := walkAll(e.Args, walk)
			if sc || ac {
				cp := *e
				cp.Sub, cp.Args = subs, args
				r = &cp
			}
		}
		memo[e] = r
		return r
	}
	return walk(e)
}

func walkAll(xs []*Expr, f func(*Expr) *Expr) ([]*Expr, bool) {
	if len(xs) == 0 {
		return xs, false
	}
	out := make([]*Expr, len(xs))
	changed := false
	for i, x := range xs {
		out[i] = f(x)
		changed = changed || out[i] != x
	}
	if !changed {
		return xs, false
	}
	return out, true
}

// Subst returns e with every occurrence of a variable replaced as repl
// says: repl is called on each OpVar node (subscripts included: the i of
// w_i) and returns its replacement, or nil to keep it. Shared subexpressions are rewritten once, so the cost is
// linear in the size of the DAG.
func Subst(e *Expr, repl func(v *Expr) *Expr) *Expr {
	memo := map[*Expr]*Expr{}
	var walk func(e *Expr) *Expr
	walk = func(e *Expr) *Expr {
		if r, ok := memo[e]; ok {
			return r
		}
		r := e
		if e.Op == OpVar {
			if v := repl(e); v != nil {
				r = v
			}
		}
		if r == e {
			subs, sc := walkAll(e.Sub, walk)
			args, ac := walkAll(e.Args, walk)
			if sc || ac {
				cp := *e
				cp.Sub, cp.Args = subs, args
				r = &cp
			}
		}
		memo[e] = r
		return r
	}
	return walk(e)
}
