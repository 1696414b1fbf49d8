package symbolic

// depends reports whether e depends on the target (memoised).
func (c *gradCtx) depends(e *Expr) bool {
	if v, ok := c.dep.get(e); ok {
		return v
	}
	d := false
	switch {
	case e == c.target:
		d = true
	case c.matchIndex(e) != "":
		d = true
	case e.Op == OpSum:
		d = c.depends(e.Args[2])
	default:
		for _, a := range e.Args {
			if c.depends(a) {
				d = true
				break
			}
		}
	}
	c.dep.set(e, d)
	return d
}

// matchIndex reports whether e is a member w_j of the target's family whose
// subscript is a Σ-bound index j (the target being w_i): the Kronecker delta
// δ_ij then collapses Σ_j. It returns j, or "".
func (c *gradCtx) matchIndex(e *Expr) string {
	t := c.target
	if e.Op != OpVar || t.Op != OpVar || len(e.Sub) != 1 || len(t.Sub) != 1 ||
		e.Name != t.Name || e.Label != t.Label {
		return ""
	}
	s := e.Sub[0]
	if s.Op != OpVar || len(s.Sub) != 0 || !c.bound[s.Key()] || sameExpr(s, t.Sub[0]) {
		return ""
	}
	return s.Key()
}

// topo lists the nodes of root that depend on the target, children before
// parents. It does not descend into Σ bodies (reverse treats each Σ as a
// problem of its own) nor below the target.
// hint is the room to make for the list (0 for none).
func (c *gradCtx) topo(root *Expr, hint int) []*Expr {
	order := make([]*Expr, 0, hint)
	seen := seenPool.get()
	defer seenPool.put(seen)
	var visit func(e *Expr)
	visit = func(e *Expr) {
		if seen.has(e) || !c.depends(e) {
			return
		}
		seen.set(e, struct{}{})
		Stats.visit(1)
		if e != c.target && e.Op != OpSum {
			// Later operands first, so that contributions reach a node
			// in the order its uses are written.
			for i := len(e.Args) - 1; i >= 0; i-- {
				visit(e.Args[i])
			}
		}
		order = append(order, e)
	}
	visit(root)
	return order
}

// reverse propagates the adjoint seed of root down to the target (reverse
// mode over the DAG, each node visited once). The result gives "" the
// gradient contributions found, and a Σ-bound index j the contributions of
// family members w_j still to be collapsed by the enclosing Σ_j.
// top is set for the outermost pass, where --through intermediates are
// replaced by their δ names.
func (c *gradCtx) reverse(root, seed *Expr, top bool) (adjoints, error) {
	hint := 0
	if top {
		// At most the distinct nodes of the function (those interned so
		// far); a Σ body's pass (not top) lists a part of them.
		hint = c.in.size()
	}
	order := c.topo(root, hint)
	// Contributions are collected per node and summed once, when the
	// node is reached (sumAll: linear in their number).
	adj := listPool.get()
	defer listPool.put(adj)
	adj.set(root, []*Expr{seed})
	// outs collects the contributions by key, keys in the order first
	// reached (a few: "" and the Σ-bound indices of family members).
	type keyed struct {
		key string
		xs  []*Expr
	}
	var outRoom [1]keyed
	outs := outRoom[:0]
	// A node's first contribution is a list of one cut from a shared
	// chunk (capacity one: a second contribution makes its own list).
	var room []*Expr
	give := func(k *Expr, v *Expr) {
		if v == nil {
			return
		}
		if xs, _ := adj.get(k); len(xs) > 0 {
			adj.set(k, append(xs, v))
			return
		}
		if len(room) == 0 {
			room = make([]*Expr, min(len(order), 64)+1)
		}
		one := room[:1:1]
		room = room[1:]
		one[0] = v
		adj.set(k, one)
	}
	giveKey := func(k string, v *Expr) {
		for i := range outs {
			if outs[i].key == k {
				outs[i].xs = append(outs[i].xs, v)
				return
			}
		}
		outs = append(outs, keyed{key: k, xs: []*Expr{v}})
	}
	for i := len(order) - 1; i >= 0; i-- {
		n := order[i]
		Stats.visit(1)
		if err := c.budget.tick(); err != nil {
			return nil, err
		}
		xs, _ := adj.get(n)
		if len(xs) == 0 {
			continue
		}
		a := sumAll(xs)
		adj.set(n, nil) // summed: the list is not needed any more
		if top {
			if d, ok := c.through[n]; ok && n != c.target {
				if c.throughVal == nil {
					c.throughVal = map[*Expr]*Expr{}
				}
				c.throughVal[n] = a
				a = d
			}
		}
		if n == c.target {
			giveKey("", a)
			continue
		}
		if j := c.matchIndex(n); j != "" {
			giveKey(j, a)
			continue
		}
		if n.Op == OpSum {
			sub, err := c.reverse(n.Args[2], a, false)
			if err != nil {
				return nil, err
			}
			for _, kv := range sub {
				k, v := kv.key, kv.sum
				switch k {
				case n.Name:
					if err := c.partialRange(n); err != nil {
						return nil, err
					}
					giveKey("", substIndex(v, n.Name, c.targetSub))
				case "":
					giveKey("", SumOver(n.Name, n.Args[0], n.Args[1], v))
				default:
					giveKey(k, SumOver(n.Name, n.Args[0], n.Args[1], v))
				}
			}
			continue
		}
		err := c.propagate(n, a, func(child, v *Expr) {
			if c.depends(child) {
				give(child, v)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	out := make(adjoints, len(outs))
	for i, o := range outs {
		out[i] = keyedSum{key: o.key, sum: sumAll(o.xs)}
	}
	return out, nil
}

// adjoints are the results of reverse: the gradient contributions found
// under each key ("" for the target itself, a Σ-bound index j for members
// w_j still to be collapsed by the enclosing Σ_j), keys in the order
// first reached.
type adjoints []keyedSum

// keyedSum is one entry of adjoints.
type keyedSum struct {
	key string
	sum *Expr
}

// get returns the sum under key k, or nil.
func (as adjoints) get(k string) *Expr {
	for _, a := range as {
		if a.key == k {
			return a.sum
		}
	}
	return nil
}
