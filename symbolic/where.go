package symbolic

import "slices"

// Naming policy (issue 8): a repeated subexpression is named when it is
// large enough to be worth a name. Sizes count nodes, named
// subexpressions and leaves other than numbers as 1.
const (
	// minNamedWeight is the smallest repeated subexpression that gets a
	// conventional name: z for the argument of an activation (K q,
	// W1 x + b), r for a residual, s for softmax(…).
	minNamedWeight = 3
	// minTempWeight is the smallest repeated subexpression that gets a
	// t-name: smaller ones, such as (X + A)⁻ᵀ or xᵀ A x, read better
	// written out.
	minTempWeight = 7
)

// finish writes the derivative g with its where list (SPEC §3): the
// intermediates of --through as δ names, the user's definitions by their
// names wherever they occur, and other subexpressions that occur more than
// once as t₁, t₂, … (none of these with opts.Inline, except δ names).
//
// With opts.Inline, a derivative whose expression written out as a tree
// would have more than MaxInlineSize nodes (a deep DAG whose shared
// subexpressions would be repeated exponentially often) keeps its where
// list: the names are what keeps it printable.
func (c *gradCtx) finish(def *Def, wrt, g *Expr, shape Shape, opts GradOptions) (*Derivative, error) {
	d := &Derivative{Of: def.Name, Wrt: wrt, Shape: shape}
	if f := foldSum(c.p, g); f == g && g == c.cancelFree {
		g = Presentation.Rewrite(g) // Present, whose Cancel pass would change nothing
	} else {
		g = Present(f)
	}
	if err := c.budget.expired(); err != nil {
		return nil, err
	}
	if opts.Inline && TreeSize(g, MaxInlineSize) <= MaxInlineSize {
		d.Expr = g
	} else {
		var mayName bool
		d.Expr, d.Where, mayName = c.whereList(g)
		// Names make new leaves: h .^ 2 for tanh(z) .^ 2 named h.
		if mayName {
			d.Expr = Named.Rewrite(d.Expr)
			for i := range d.Where {
				d.Where[i].Expr = Named.Rewrite(d.Where[i].Expr)
			}
		}
	}
	for n, v := range c.through {
		val, ok := c.throughVal[n]
		if !ok {
			continue
		}
		s := c.symbol(sNameOf(c, n))
		f := &Expr{Op: OpVar, Name: fname(def), Pos: NoPos}
		sBase, sLabel := SplitKey(sNameOf(c, n))
		sv := &Expr{Op: OpVar, Name: sBase, Label: sLabel, Pos: NoPos}
		if s != nil {
			sv.Shape = s.Shape
		}
		sval, err := c.simplify(val)
		if err != nil {
			return nil, err
		}
		d.Where = append(d.Where, Binding{Name: Print(v, Text), Expr: &Expr{Op: OpDeriv, Args: []*Expr{f, sv}, Shape: val.Shape, Pos: NoPos}, Value: sval, v: v})
	}
	return d, nil
}

// MaxInlineSize bounds the size (nodes written out as a tree) of a
// derivative printed without its where list; see GradOptions.Inline.
const MaxInlineSize = 100_000

// TreeSize returns the number of nodes of e written out as a tree (every
// shared subexpression counted once per occurrence), or limit+1 when it is
// larger than limit. It is linear in the distinct nodes of e.
func TreeSize(e *Expr, limit int) int {
	memo := map[*Expr]int{}
	var size func(e *Expr) int
	size = func(e *Expr) int {
		if n, ok := memo[e]; ok {
			return n
		}
		Stats.visit(1)
		n := 1
		for _, s := range e.Sub {
			n = min(n+size(s), limit+1)
		}
		for _, a := range e.Args {
			n = min(n+size(a), limit+1)
		}
		memo[e] = n
		return n
	}
	if e == nil {
		return 0
	}
	return size(e)
}

// sNameOf finds the definition name of an interned definition body.
func sNameOf(c *gradCtx, n *Expr) string {
	for name, b := range c.defs {
		if b == n {
			return name
		}
	}
	return c.names[n]
}

// whereList hash-conses g into the function's DAG and names its shared
// and user-defined subexpressions. mayName is false when the Named rules
// would change neither the expression nor a where-entry: none of g's
// nodes is one they rewrite (namedMayApply) or one with a zero operand
// (foldZero), and naming makes only variables and copies of g's nodes with
// variables for operands.
func (c *gradCtx) whereList(g *Expr) (_ *Expr, _ []Binding, mayName bool) {
	// The simplified forms of the named bodies, as they appear in g: one
	// simplification of all of them (shared nodes once), not one each.
	var bodies []*Expr
	for n := range c.names {
		bodies = append(bodies, n)
	}
	simple, _ := simplifyAll(bodies, nil)
	for i, n := range bodies {
		name := c.names[n]
		if s := c.in.intern(simple[i]); s != n {
			if _, taken := c.names[s]; !taken {
				c.names[s] = name
			}
		}
	}
	g = c.in.intern(g)
	// The nodes of g in post-order (each once), numbered by pos; the
	// facts about node post[i] are kept at index i.
	posTable := posPool.get()
	defer posPool.put(posTable)
	// pos is the index of a node of g in post (every node of g is there
	// once walk is done).
	pos := func(e *Expr) int32 {
		i, _ := posTable.get(e)
		return i
	}
	post := make([]*Expr, 0, 32)
	var walk func(e *Expr)
	walk = func(e *Expr) {
		if posTable.has(e) {
			return
		}
		posTable.set(e, -1) // being visited
		Stats.visit(1)
		for _, a := range e.Args {
			walk(a)
		}
		posTable.set(e, int32(len(post)))
		post = append(post, e)
	}
	walk(g)
	// refs counts the references to each node; argOf marks arguments of
	// abstract functions (Φ(z), φ'(z)) and of activations (σ, tanh,
	// relu, softmax): named z when they need a name, as answer keys do.
	// weight and named (below) share their allocations.
	np := len(post)
	ints, bools := make([]int, 2*np), make([]bool, 2*np)
	refs, weight := ints[:np:np], ints[np:]
	argOf, named := bools[:np:np], bools[np:]
	for _, e := range post {
		abstract := e.Op == OpJac || e.Op == OpPrime || e.Op == OpPartial
		if e.Op == OpCall {
			info, builtin := Funcs[e.Name]
			abstract = !builtin || info.Kind == Elementwise || e.Name == "softmax"
		}
		for _, a := range e.Args {
			i := pos(a)
			refs[i]++
			if abstract {
				argOf[i] = true
			}
		}
	}
	free := boundMentions(g, c.bound)
	nNamed := 0
	for i, n := range post {
		if !mayName && (namedMayApply(n) || foldZero(n) != nil || !leafSubs(n)) {
			mayName = true
		}
		w := 1
		if n.Op == OpNum {
			w = 0 // X² and 2 X weigh as X and X
		}
		if !isLeaf(n) {
			for _, a := range n.Args {
				w += weight[pos(a)]
			}
		}
		if n != g && len(free[n]) == 0 && !isLeaf(n) && n.Op != OpNum {
			_, user := c.names[n]
			// A repeated activation of a compound argument, σ(W x + b),
			// is named through its argument z (below).
			a := activationOf(n)
			conventional := argOf[i] || isResidual(n) || isSoftmax(n) || a != nil && weight[pos(a)] >= minNamedWeight
			switch {
			case user && w >= 2:
				named[i] = true
			case refs[i] >= 2 && conventional && w >= minNamedWeight:
				named[i] = true
			case refs[i] >= 2 && w >= minTempWeight:
				named[i] = true
			}
		}
		if named[i] {
			nNamed++
			w = 1
		}
		weight[i] = w
	}
	// A repeated call f(u) of one compound argument is written through a
	// name for its argument, as answer keys do: σ(z) (1 − σ(z)) and
	// r Φ(z)ᵀ where z = …, rather than a name for the call.
	for i, n := range post {
		if !named[i] || n.Op != OpCall || len(n.Args) != 1 {
			continue
		}
		if _, user := c.names[n]; user {
			continue
		}
		if isSoftmax(n) {
			continue // s = softmax(K q), as answer keys write it
		}
		a := n.Args[0]
		if isLeaf(a) || a.Op == OpNum || a.Op == OpT || len(free[a]) > 0 {
			continue
		}
		j := pos(a)
		named[i] = false
		if !named[j] {
			named[j] = true
		} else {
			nNamed--
		}
		argOf[j] = true
	}
	if nNamed == 0 {
		return g, nil, mayName
	}
	// With a where list anyway, the residual of a least-squares loss is
	// named r, as answer keys write it (r = W2 Φ(z) − y), even when it
	// occurs once.
	if c.symbol("r") == nil {
		for i, n := range post {
			if n != g && !named[i] && isResidual(n) && weight[i] >= minNamedWeight && len(free[n]) == 0 {
				named[i] = true
				break
			}
		}
	}
	tName := c.tempName()
	vars := map[*Expr]*Expr{}
	var user, temps []*Expr
	k := 0
	for i, n := range post {
		if !named[i] {
			continue
		}
		if name, ok := c.names[n]; ok {
			base, label := SplitKey(name) // S⁽¹⁾ prints as S^{(1)} in LaTeX
			vars[n] = &Expr{Op: OpVar, Name: base, Label: label, Shape: n.Shape, Pos: NoPos}
			user = append(user, n)
			continue
		}
		temps = append(temps, n)
		if name := c.conventionalName(n, argOf[i], vars); name != "" {
			vars[n] = &Expr{Op: OpVar, Name: name, Shape: n.Shape, Pos: NoPos}
			continue
		}
		k++
		vars[n] = &Expr{Op: OpVar, Name: tName, Sub: []*Expr{{Op: OpNum, Num: float64(k), Pos: NoPos}}, Shape: n.Shape, Pos: NoPos}
	}
	rw := NewRewriter()
	rw.Pre = func(e *Expr) *Expr { return vars[e] }
	// replace writes e with the named subexpressions under it by their
	// names (e itself kept when keepTop: a where-entry's right side).
	replace := func(e *Expr, keepTop bool) *Expr {
		if !keepTop {
			return rw.Rewrite(e)
		}
		args := make([]*Expr, len(e.Args))
		for i, a := range e.Args {
			args[i] = rw.Rewrite(a)
		}
		return withChildren(e, e.Sub, args)
	}
	c.sortByDefOrder(user)
	var where []Binding
	for _, n := range append(user, temps...) {
		v := vars[n]
		where = append(where, Binding{Name: Print(v, Text), Expr: replace(n, true), v: v})
	}
	return replace(g, false), where, mayName
}

// leafSubs reports whether e's subscripts, and theirs, have no operands:
// nodes no rule rewrites.
func leafSubs(e *Expr) bool {
	for _, s := range e.Sub {
		if len(s.Args) > 0 || !leafSubs(s) {
			return false
		}
	}
	return true
}

// tempName picks the base name of t₁, t₂, …: t unless the program uses it.
func (c *gradCtx) tempName() string {
	for _, n := range []string{"t", "u", "τ", "ξ"} {
		if c.symbol(n) == nil {
			return n
		}
	}
	return "tmp"
}

// sortByDefOrder orders user-named nodes as their definitions appear.
func (c *gradCtx) sortByDefOrder(ns []*Expr) {
	pos := map[string]int{}
	for i, d := range c.p.Defs {
		pos[d.Name] = i
	}
	slices.SortStableFunc(ns, func(a, b *Expr) int { return pos[c.names[a]] - pos[c.names[b]] })
}

// boundMentions maps each node of g to the Σ-bound indices it mentions
// freely (a node inside Σ_j that uses j cannot be named outside the Σ).
func boundMentions(g *Expr, bound map[string]bool) map[*Expr][]string {
	if len(bound) == 0 {
		return nil // no Σ: no node mentions a bound index
	}
	out := map[*Expr][]string{}
	var walk func(e *Expr) []string
	walk = func(e *Expr) []string {
		if r, ok := out[e]; ok {
			return r
		}
		var r []string
		add := func(xs []string) {
			for _, x := range xs {
				if !slices.Contains(r, x) {
					r = append(r, x)
				}
			}
		}
		if e.Op == OpVar && len(e.Sub) == 0 && bound[e.Key()] {
			r = []string{e.Key()}
		}
		for _, s := range e.Sub {
			add(walk(s))
		}
		for _, a := range e.Args {
			add(walk(a))
		}
		if e.Op == OpSum {
			r = slices.DeleteFunc(r, func(x string) bool { return x == e.Name })
		}
		out[e] = r
		return r
	}
	walk(g)
	return out
}

// Expand returns the derivative's expression with every where-name
// substituted back (δ names by their closed forms), ready for numeric
// evaluation. It returns nil for a nil derivative.
func Expand(d *Derivative) *Expr {
	if d == nil {
		return nil
	}
	if len(d.Where) == 0 {
		// No name to substitute: Subst would give d.Expr back.
		return d.Expr
	}
	done := map[int]*Expr{}
	// The bindings by the hash of their variable: one lookup per variable
	// node, not a comparison with every binding.
	byHash := map[uint64][]int{}
	for i, b := range d.Where {
		if b.v != nil {
			byHash[Hash(b.v)] = append(byHash[Hash(b.v)], i)
		}
	}
	var expand func(e *Expr) *Expr
	expand = func(e *Expr) *Expr {
		return Subst(e, func(v *Expr) *Expr {
			for _, i := range byHash[Hash(v)] {
				b := d.Where[i]
				if !sameExpr(b.v, v) {
					continue
				}
				if r, ok := done[i]; ok {
					return r
				}
				src := b.Expr
				if b.Value != nil {
					src = b.Value
				}
				done[i] = v // guards a binding that mentions itself
				done[i] = expand(src)
				return done[i]
			}
			return nil
		})
	}
	return expand(d.Expr)
}

// conventionalName names softmax(…) s, the argument of an abstract
// function or an activation z and a residual r, when the program does not
// use the name and no other where-entry has it; else "".
func (c *gradCtx) conventionalName(n *Expr, argOfAbstract bool, taken map[*Expr]*Expr) string {
	name := ""
	switch {
	case isSoftmax(n):
		name = "s"
	case argOfAbstract:
		name = "z"
	case isResidual(n):
		name = "r"
	default:
		return ""
	}
	if c.symbol(name) != nil {
		return ""
	}
	for _, v := range taken {
		if v.Name == name && len(v.Sub) == 0 {
			return ""
		}
	}
	return name
}

// isResidual reports whether n is a residual: a prediction minus a target,
// a − y with a computed (not a single name) and y a variable, of vectors
// or matrices (W2 φ(z) − y, A x − b); not a constant minus something
// (1 − tanh(z)²), a deviation of two names (x − μ), nor any other
// difference.
func isResidual(n *Expr) bool {
	return n.Op == OpSub && !n.Shape.IsScalar() && len(n.Args) == 2 && !IsConstant(n.Args[0]) && !isLeaf(n.Args[0]) &&
		n.Args[1].Op == OpVar && len(n.Args[1].Args) == 0
}

// activationOf returns the compound argument of an elementwise or
// abstract function applied to one argument (W x + b in σ(W x + b)), or
// nil.
func activationOf(n *Expr) *Expr {
	if n.Op != OpCall || len(n.Args) != 1 || isLeaf(n.Args[0]) || n.Args[0].Op == OpNum {
		return nil
	}
	if info, builtin := Funcs[n.Name]; builtin && info.Kind != Elementwise {
		return nil
	}
	return n.Args[0]
}

// isSoftmax reports softmax(…), named s in where lists.
func isSoftmax(n *Expr) bool {
	return n.Op == OpCall && n.Name == "softmax" && len(n.Args) == 1 && len(n.Sub) == 0
}
