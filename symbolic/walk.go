package symbolic

import "slices"

// Walk visits each distinct node of the DAG under e once, parents before
// children (subscripts, then arguments, in order): f(n) is called once per
// node however many parents share n; if f returns false, Walk does not
// descend into n's children (they may still be reached through another
// parent). A nil e is not visited. The work is linear in the number of
// distinct nodes, and each visit is counted in Stats.
func Walk(e *Expr, f func(*Expr) bool) { walk(e, f, true) }

// walkArgs is Walk through arguments only (not subscripts).
func walkArgs(e *Expr, f func(*Expr) bool) { walk(e, f, false) }

// walk is Walk, through subscripts too when subs is set.
func walk(e *Expr, f func(*Expr) bool, subs bool) {
	seen := seenPool.get()
	defer seenPool.put(seen)
	var visit func(e *Expr)
	visit = func(e *Expr) {
		if e == nil || seen.has(e) {
			return
		}
		seen.set(e, struct{}{})
		Stats.visit(1)
		if !f(e) {
			return
		}
		if subs {
			for _, s := range e.Sub {
				visit(s)
			}
		}
		for _, a := range e.Args {
			visit(a)
		}
	}
	visit(e)
}

// Inspect is Walk: it calls f(n) for each distinct node n of e
// (subscripts and arguments included), once however often n is shared; if
// f returns false, Inspect skips n's children.
func Inspect(e *Expr, f func(*Expr) bool) { Walk(e, f) }

// Rewriter rebuilds expressions bottom-up, each distinct node once (a memo
// keyed by node pointer), so a shared subexpression is rewritten once and
// stays shared in the result. The zero value is not ready: use
// NewRewriter.
type Rewriter struct {
	memo *exprTable[*Expr]
	// Pre, if set, is called on a node before its children: a non-nil
	// result replaces the node (and its subtree) as it is.
	Pre func(e *Expr) *Expr
	// Post rebuilds a node from its rewritten subscripts and arguments
	// (each nil slice when the node has none); nil Post keeps the node when
	// no child changed and copies it with the new children otherwise.
	Post func(e *Expr, subs, args []*Expr) *Expr
	// Skip, if set, leaves a node and everything under it unchanged when
	// it returns true.
	Skip func(e *Expr) bool

	b   *budget // checked once per node; nil for none
	err error   // the budget's error, once exceeded
}

// Err returns the error that stopped a rewrite under a budget, or nil.
func (r *Rewriter) Err() error { return r.err }

// NewRewriter returns a Rewriter with an empty memo.
func NewRewriter() *Rewriter { return &Rewriter{memo: &exprTable[*Expr]{}} }

// Rewrite returns e rewritten post-order by f: f receives each distinct
// node once, with its operands (subscripts and arguments) already
// rewritten, and returns the node's replacement. The memo is keyed by node
// pointer, so the work is linear in the distinct nodes of e.
func Rewrite(e *Expr, f func(e *Expr, subs, args []*Expr) *Expr) *Expr {
	r := NewRewriter()
	r.Post = f
	return r.Rewrite(e)
}

// Rewrite rewrites e with the memo of r (shared across calls on r).
func (r *Rewriter) Rewrite(e *Expr) *Expr {
	if e == nil {
		return nil
	}
	if v, ok := r.memo.get(e); ok {
		return v
	}
	if r.err != nil {
		return e
	}
	if r.b != nil {
		if r.err = r.b.tick(); r.err != nil {
			return e
		}
	}
	Stats.visit(1)
	var out *Expr
	switch {
	case r.Skip != nil && r.Skip(e):
		out = e
	case r.Pre != nil:
		out = r.Pre(e)
	}
	if out == nil {
		subs, sc := e.Sub, false // most nodes have no subscripts
		if len(subs) > 0 {
			subs, sc = r.all(subs)
		}
		args, ac := e.Args, false
		if len(args) > 0 {
			args, ac = r.all(args)
		}
		switch {
		case r.Post != nil:
			out = r.Post(e, subs, args)
		case sc || ac:
			out = withChildren(e, subs, args)
		default:
			out = e
		}
	}
	r.memo.set(e, out)
	return out
}

func (r *Rewriter) all(xs []*Expr) ([]*Expr, bool) {
	var out []*Expr // allocated at the first change
	for i, x := range xs {
		y := r.Rewrite(x)
		if y != x && out == nil {
			out = make([]*Expr, len(xs))
			copy(out, xs[:i])
		}
		if out != nil {
			out[i] = y
		}
	}
	if out == nil {
		return xs, false
	}
	return out, true
}

// withChildren returns e itself when subs and args are its own children,
// else a copy of e with them.
func withChildren(e *Expr, subs, args []*Expr) *Expr {
	if sameSlice(subs, e.Sub) && sameSlice(args, e.Args) {
		return e
	}
	cp := *e
	cp.hash, cp.hashOf = 0, nil
	cp.Sub, cp.Args = subs, args
	return &cp
}

func sameSlice(a, b []*Expr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Uses returns the keys of the program's symbols that e refers to,
// following definitions (a Var or Call naming a SymDef brings in what its
// body uses). Bound and free index names are included.
func (p *Program) Uses(e *Expr) map[string]bool {
	used := map[string]bool{}
	seen := map[*Expr]bool{}
	var visit func(*Expr, []string)
	visit = func(e *Expr, params []string) {
		Walk(e, func(n *Expr) bool {
			if seen[n] {
				return false
			}
			seen[n] = true
			switch n.Op {
			case OpVar, OpCall, OpPrime, OpPartial, OpJac:
				key := n.Key()
				if used[key] || n.Op == OpVar && slices.Contains(params, key) {
					// A parameter of the definition being visited
					// (t in σ(t) = …) is not a variable of the program.
					return true
				}
				used[key] = true
				if s := p.Symbols[key]; s != nil && s.Kind == SymDef && s.Def != nil {
					visit(s.Def.Body, s.Def.Params)
				}
			case OpSum:
				used[n.Name] = true
			}
			return true
		})
	}
	visit(e, nil)
	return used
}
