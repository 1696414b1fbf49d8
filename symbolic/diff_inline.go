package symbolic

import (
	"math"
	"slices"
	"sync"
)

// gradCtx holds one differentiation problem: the program, the function
// with every definition inlined and hash-consed into a DAG, the user's
// names for inlined definition bodies, and the target.
type gradCtx struct {
	p  *Program
	in *interner
	// names maps an interned definition body to the definition's name
	// (z for the node W1 x + b of z = W1 x + b).
	names map[*Expr]string
	// defs maps a definition's name to its interned, inlined body.
	defs map[string]*Expr
	// inlining guards against a definition that refers to itself.
	inlining map[string]bool
	// rename maps bound indices of Σ that clash with the target's free
	// index to fresh letters, while inlining a Σ body.
	rename map[string]string
	// inlined memoises inline for nodes outside any substitution.
	inlined exprTable[*Expr]
	// usedIdx lists every index name in use (bound or free); made by
	// usedIndices from idxDef (the function differentiated) and idxWrt.
	usedIdx map[string]bool
	idxDef  *Def
	idxWrt  *Expr
	// target is the node differentiated with respect to.
	target *Expr
	// targetSub is the target's subscript (w_i → i), or nil.
	targetSub *Expr
	// bound holds the names of Σ-bound indices in the function.
	bound map[string]bool
	// dep memoises whether a node depends on the target.
	dep exprTable[bool]
	// through maps interned intermediates named by GradOptions.Through to
	// their δ variables; throughVal records ∂f/∂S for each.
	through    map[*Expr]*Expr
	throughVal map[*Expr]*Expr
	// cancelFree is the last simplified expression that the Cancel rules
	// would give back unchanged (see hashCons.mayCancel), or nil.
	cancelFree *Expr
	// budget holds the derivation's limits (GradOptions.MaxNodes,
	// GradOptions.Context).
	budget *budget
	// budgetRoom holds the budget of a derivation set up by setup.
	budgetRoom budget
}

func newGradCtx(p *Program) *gradCtx {
	c := gradCtxPool.Get().(*gradCtx)
	c.p, c.in = p, newInterner()
	return c
}

// gradCtxPool holds contexts with empty tables (see release): a
// derivation of a small function makes no map for them.
var gradCtxPool = sync.Pool{New: func() any {
	return &gradCtx{
		names: map[*Expr]string{}, defs: map[string]*Expr{},
		// usedIdx, inlining, rename, bound, through and throughVal are made at
		// their first entry (most derivations need few of them).
	}
}}

// release empties c's tables and gives them back to the pools (large ones
// are left to the garbage collector): c must not be used afterwards. The
// nodes it made stay valid.
func (c *gradCtx) release() {
	c.in.release()
	if c.inlined.size() > maxPooledNodes || c.dep.size() > maxPooledNodes || len(c.names) > maxPooledNodes || len(c.defs) > maxPooledNodes {
		return
	}
	names, defs, inlined, dep := c.names, c.defs, c.inlined, c.dep
	clear(names)
	clear(defs)
	inlined.reset()
	dep.reset()
	*c = gradCtx{names: names, defs: defs, inlined: inlined, dep: dep}
	gradCtxPool.Put(c)
}

// setTrue sets m[k], making m when it is nil, and returns m.
func setTrue(m map[string]bool, k string) map[string]bool {
	if m == nil {
		m = map[string]bool{}
	}
	m[k] = true
	return m
}

// symbol looks a key up in the program's symbols.
func (c *gradCtx) symbol(key string) *Symbol {
	if c.p == nil || c.p.Symbols == nil {
		return nil
	}
	return c.p.Symbols[key]
}

// defBody returns the interned, inlined body of the definition name.
func (c *gradCtx) defBody(d *Def) (*Expr, error) {
	if b, ok := c.defs[d.Name]; ok {
		return b, nil
	}
	if c.inlining[d.Name] {
		return nil, Errorf(d.Pos, "definition of %s refers to itself", d.Name)
	}
	c.inlining = setTrue(c.inlining, d.Name)
	defer delete(c.inlining, d.Name)
	b, err := c.inline(d.Body, nil)
	if err != nil {
		return nil, err
	}
	b = c.in.intern(b)
	c.defs[d.Name] = b
	if len(d.Params) == 0 && !isLeaf(b) {
		if _, taken := c.names[b]; !taken {
			c.names[b] = d.Name
		}
	}
	return b, nil
}

// isLeaf reports whether e is a name, a number, 𝟙 or I.
func isLeaf(e *Expr) bool {
	switch e.Op {
	case OpVar, OpNum, OpOnes, OpEye:
		return true
	}
	return false
}

// inline returns e with every reference to a definition replaced by the
// definition's body, every call of a defined function by its body with the
// arguments substituted (env maps parameter keys to arguments), Σ indices
// that clash with the target's free index renamed, and integer powers of
// square matrices written as products.
func (c *gradCtx) inline(e *Expr, env map[string]*Expr) (*Expr, error) {
	if len(env) > 0 || len(c.rename) > 0 {
		return c.inlineNode(e, env)
	}
	if r, ok := c.inlined.get(e); ok {
		return r, nil
	}
	r, err := c.inlineNode(e, env)
	if err != nil {
		return nil, err
	}
	c.inlined.set(e, r)
	return r, nil
}

// inlineNode is inline without the memo.
func (c *gradCtx) inlineNode(e *Expr, env map[string]*Expr) (*Expr, error) {
	switch e.Op {
	case OpVar:
		if len(e.Sub) == 0 {
			if v, ok := env[e.Key()]; ok {
				return v, nil
			}
			if r, ok := c.rename[e.Key()]; ok {
				return &Expr{Op: OpVar, Name: r, Shape: e.Shape, Pos: e.Pos}, nil
			}
			if s := c.symbol(e.Key()); s != nil && s.Kind == SymDef && s.Def != nil && len(s.Def.Params) == 0 {
				return c.defBody(s.Def)
			}
			return e, nil
		}
		return c.renameSubs(e), nil
	case OpNum, OpOnes, OpEye:
		return e, nil
	}
	// The operands are inlined into a stack buffer, copied out only when
	// one of them changed (the node is then a new one).
	var buf [4]*Expr
	var inl []*Expr
	if len(e.Args) <= len(buf) {
		inl = buf[:len(e.Args)]
	} else {
		inl = make([]*Expr, len(e.Args))
	}
	var saved string
	renamed := false
	if e.Op == OpSum && c.targetSub != nil && c.targetSub.Op == OpVar && e.Name == c.targetSub.Key() {
		saved, renamed = c.rename[e.Name], true
		if c.rename == nil {
			c.rename = map[string]string{}
		}
		c.rename[e.Name] = c.freshIndex()
	}
	for i, a := range e.Args {
		v, err := c.inline(a, env)
		if err != nil {
			return nil, err
		}
		inl[i] = v
	}
	args := e.Args
	if !sameSlice(inl, e.Args) {
		args = slices.Clone(inl)
	}
	out := *e
	out.Args = args
	out.Sub = c.renameSubs(e).Sub
	if e.Op == OpSum {
		if r, ok := c.rename[e.Name]; ok {
			out.Name = r
		}
		c.bound = setTrue(c.bound, out.Name)
		if renamed {
			if saved == "" {
				delete(c.rename, e.Name)
			} else {
				c.rename[e.Name] = saved
			}
		}
	}
	if e.Op == OpCall {
		if s := c.symbol(e.Key()); s != nil && s.Kind == SymDef && s.Def != nil && len(s.Def.Params) > 0 {
			return c.callDef(e, s.Def, args)
		}
	}
	if e.Op == OpPow && args[0].Shape.IsMatrix() {
		return matrixPower(e, args[0], args[1])
	}
	if out.Name == e.Name && sameSlice(out.Sub, e.Sub) && sameSlice(args, e.Args) {
		return e, nil // nothing inlined below e: e itself, as for a leaf
	}
	cp := out // out stays on the stack: only a changed node is allocated
	return &cp, nil
}

// renameSubs applies the index renaming to a node's subscripts.
func (c *gradCtx) renameSubs(e *Expr) *Expr {
	if len(c.rename) == 0 || len(e.Sub) == 0 {
		return e
	}
	subs := make([]*Expr, len(e.Sub))
	for i, s := range e.Sub {
		subs[i] = s
		if s.Op == OpVar {
			if r, ok := c.rename[s.Key()]; ok {
				subs[i] = &Expr{Op: OpVar, Name: r, Pos: s.Pos}
			}
		}
	}
	out := *e
	out.Sub = subs
	return &out
}

// freshIndex picks an index letter used nowhere in the program.
func (c *gradCtx) freshIndex() string {
	used := c.usedIndices()
	for _, n := range []string{"j", "k", "l", "m", "p", "q", "r", "s", "u", "v"} {
		if !used[n] && c.symbol(n) == nil && !slices.Contains(mapValues(c.rename), n) {
			used[n] = true
			return n
		}
	}
	for k := 1; ; k++ {
		n := "j" + string(rune('0'+k%10))
		if !used[n] {
			used[n] = true
			return n
		}
	}
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// callDef inlines a call of a defined function f(params) = body.
func (c *gradCtx) callDef(e *Expr, d *Def, args []*Expr) (*Expr, error) {
	if len(args) != len(d.Params) {
		return nil, Errorf(e.Pos, "%s takes %d arguments, got %d", d.Name, len(d.Params), len(args))
	}
	if c.inlining[d.Name] {
		return nil, Errorf(e.Pos, "definition of %s refers to itself", d.Name)
	}
	c.inlining = setTrue(c.inlining, d.Name)
	defer delete(c.inlining, d.Name)
	env := map[string]*Expr{}
	for i, p := range d.Params {
		env[p] = args[i]
	}
	if AppliesEntrywise(d, args, c.symbol) {
		// σ(t) = … applied to a vector: entry by entry.
		r, err := c.inline(EntrywiseBody(d.Body, d.Params, WideShape(args)), env)
		if err != nil {
			return nil, err
		}
		return Reshape(r, c.symbol), nil
	}
	return c.inline(d.Body, env)
}

// matrixPower writes X^k for a square matrix X and an integer k as the
// product X X … X (k factors; X⁻¹ … for negative k; I for 0).
func matrixPower(e, x, k *Expr) (*Expr, error) {
	v, ok := numValue(k)
	if !ok && k != nil && k.Op == OpNeg && len(k.Args) == 1 {
		// X^{-2}: the exponent is written as a negation.
		v, ok = numValue(k.Args[0])
		v = -v
	}
	if !ok || v != math.Trunc(v) || math.Abs(v) > 64 {
		return nil, Errorf(e.Pos, "a matrix power needs an integer exponent between -64 and 64")
	}
	n := int(math.Abs(v))
	if n == 0 {
		return Eye(x.Shape.Rows()), nil
	}
	base := x
	if v < 0 {
		base = raw(OpInv, x)
	}
	out := base
	for range n - 1 {
		out = raw(OpMul, out, base)
	}
	return out, nil
}
