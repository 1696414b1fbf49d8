package symbolic

import "context"

// GradOptions says what to differentiate and how to write the result.
type GradOptions struct {
	// Of names the definition to differentiate; "" is p.Result.
	Of string
	// Inline turns the where list off: the result is one expression
	// (the δ entries of Through stay, as they name derivatives).
	Inline bool
	// Through lists intermediates (definition names) S whose derivative
	// ∂f/∂S the result is expressed through, as δ names (SPEC §3 "Named
	// intermediates").
	Through []string
	// MaxNodes bounds the distinct subexpressions (nodes of the DAG) of a
	// derivative; 0 means DefaultMaxNodes (2,000,000). Over it, the
	// derivation fails with a *Error naming the limit ("the derivative has
	// more than 2000000 distinct subexpressions (the limit)").
	MaxNodes int
	// Context, if not nil, bounds the time of the derivation: it is
	// checked periodically (every 1024 nodes) in the long passes, and when
	// it is done the derivation fails with a *Error "time limit reached
	// while differentiating" wrapping ctx.Err().
	Context context.Context
}

// Binding is one entry of a where list: Name = Expr.
type Binding struct {
	Name string
	Expr *Expr
	// Value is the closed form behind Expr when Expr is only a symbol for
	// it (δ2 = ∂ℓ/∂S2 of --through); nil otherwise. Expand uses it.
	Value *Expr
	// v is the variable node that stands for the binding in the result.
	v *Expr
}

// Var is the variable that stands for the binding in the result (z, r,
// t₁, δ2), for printing its name in any style.
func (b Binding) Var() *Expr {
	if b.v != nil {
		return b.v
	}
	return &Expr{Op: OpVar, Name: b.Name, Pos: NoPos}
}

// Derivative is a closed-form derivative.
type Derivative struct {
	// Of is the name of the function differentiated ("" for a bare
	// expression); Wrt the variable (x, W⁽¹⁾, w_i) or intermediate.
	Of  string
	Wrt *Expr
	// Expr is the closed form in textbook notation; names of the where
	// list appear in it as OpVar nodes.
	Expr *Expr
	// Where names subexpressions: the user's definitions by their names
	// wherever they occur, then repeated subexpressions (z for an
	// argument of Φ, r for a residual, else t_1, t_2, …), then the δ
	// names of GradOptions.Through. Only the δ names with Inline.
	Where []Binding
	// Shape is the derivative's shape: Wrt's shape for a gradient, m×n for
	// a Jacobian, n×n for a Hessian.
	Shape Shape
}

// Grad returns ∂f/∂wrt for a scalar f (the result definition, or
// opts.Of), in the layout of SPEC §3: the gradient has wrt's shape. wrt is
// an OpVar naming a variable, a member of a family (w_i) or an
// intermediate definition (S1). It fails with a positioned *Error when wrt
// names nothing differentiable, f is not a scalar, or f uses a construct
// with no derivative rule.
func Grad(p *Program, wrt *Expr, opts GradOptions) (*Derivative, error) {
	p, _ = namedTarget(p, wrt, opts)
	c, def, root, err := setup(p, wrt, opts)
	if err != nil {
		return nil, err
	}
	defer c.release() // the derivative keeps none of its tables
	if !root.Shape.IsScalar() {
		return nil, Errorf(NoPos, "the gradient ∂%s/∂%s needs a scalar %s, but it is a %s; use the Jacobian", fname(def), Print(wrt, Text), fname(def), root.Shape)
	}
	g, err := c.gradient(root)
	if err != nil {
		return nil, err
	}
	return c.finish(def, wrt, g, c.target.Shape, opts)
}

// gradient runs reverse mode from root (adjoint 1) and returns the
// simplified gradient, the target's zero when f does not depend on it.
func (c *gradCtx) gradient(root *Expr) (*Expr, error) {
	b, err := c.reverse(root, Number(1), true)
	if err != nil {
		return nil, err
	}
	g := b.get("")
	if g == nil {
		return Zero(c.target.Shape), nil
	}
	return c.simplify(g)
}

// simplify is Simplify under the derivation's budget, with the size of
// the result checked against its limit.
func (c *gradCtx) simplify(e *Expr) (*Expr, error) {
	// The gradient has about as many distinct nodes as the function.
	s, t, err := simplifyTable(e, c.budget, c.in.size())
	if err != nil {
		return nil, err
	}
	defer t.release()
	// The result is made of the table's nodes (and their subscripts):
	// when they are within the limit, so is the result, without a walk.
	if c.budget != nil && (t.subs || t.nodes > c.budget.maxNodes) {
		if err := c.budget.size(s); err != nil {
			return nil, err
		}
	}
	if !t.mayCancel {
		c.cancelFree = s
	}
	return s, nil
}

func fname(d *Def) string {
	if d == nil || d.Name == "" {
		return "f"
	}
	return d.Name
}

// ofDef is the definition to differentiate: the one named of (the last
// of that name), or p.Result when of is empty; nil if there is none.
func ofDef(p *Program, of string) *Def {
	if of == "" {
		return p.Result
	}
	var def *Def
	for _, d := range p.Defs {
		if d.Name == of {
			def = d
		}
	}
	return def
}

// setup inlines the function, resolves the target and the --through
// intermediates.
func setup(p *Program, wrt *Expr, opts GradOptions) (*gradCtx, *Def, *Expr, error) {
	if p == nil {
		return nil, nil, nil, Errorf(NoPos, "no program")
	}
	if wrt == nil || wrt.Op != OpVar {
		pos := NoPos
		if wrt != nil {
			pos = wrt.Pos
		}
		return nil, nil, nil, Errorf(pos, "differentiate with respect to a variable, a family member or a definition")
	}
	def := ofDef(p, opts.Of)
	if def == nil && opts.Of != "" {
		return nil, nil, nil, Errorf(NoPos, "no definition named %s", opts.Of)
	}
	if def == nil || def.Body == nil {
		return nil, nil, nil, Errorf(NoPos, "nothing to differentiate: the program has no definition or expression")
	}
	c := newGradCtx(p)
	c.budgetRoom = budgetOf(opts)
	c.budget = &c.budgetRoom
	if err := c.budget.expired(); err != nil {
		return nil, nil, nil, err
	}
	// The index names in use are collected at the first fresh index
	// (usedIndices): most derivations rename no index.
	c.idxDef, c.idxWrt = def, wrt
	if len(wrt.Sub) == 1 {
		c.targetSub = wrt.Sub[0]
	}
	root, err := c.inline(def.Body, nil)
	if err != nil {
		return nil, nil, nil, err
	}
	root = c.in.intern(root)
	if def.Name != "" && len(def.Params) == 0 {
		c.defs[def.Name] = root
	}
	t, err := c.resolveTarget(wrt)
	if err != nil {
		return nil, nil, nil, err
	}
	c.target = t
	for _, name := range opts.Through {
		s := c.symbol(name)
		if s == nil || s.Kind != SymDef || s.Def == nil || len(s.Def.Params) > 0 {
			return nil, nil, nil, Errorf(NoPos, "--through %s: not a definition", name)
		}
		if i := freeIndexOf(p, s.Def); i != "" {
			return nil, nil, nil, familyDefError(p, s.Def, name, i, "--through")
		}
		b, err := c.defBody(s.Def)
		if err != nil {
			return nil, nil, nil, err
		}
		dv := deltaVar(name)
		dv.Shape = b.Shape
		if c.through == nil {
			c.through = map[*Expr]*Expr{}
		}
		c.through[b] = dv
	}
	if !c.in.hasSubs() {
		// No node of the function has subscripts: no entry x_i of the
		// target, no other member b_1 of its family.
		return c, def, root, nil
	}
	if m := c.entryOfTarget(root); m != nil {
		return nil, nil, nil, Errorf(m.Pos, "%s is an entry of %s: deriv differentiates whole vectors and matrices, not entries; write the sum in matrix form (Σ_i x_i² is xᵀ x, Σ_i a_i x_i is aᵀ x)", Print(m, Text), Print(wrt, Text))
	}
	if m := c.otherMember(root); m != nil {
		return nil, nil, nil, Errorf(m.Pos, "%s and %s are members of one family with different subscripts: ∂%s/∂%s is a Kronecker delta, which deriv does not write; use a subscript that a Σ sums over", Print(m, Text), Print(wrt, Text), Print(m, Text), Print(wrt, Text))
	}
	return c, def, root, nil
}

// otherMember finds a member of the target's family whose subscript
// differs from the target's and is not bound by a Σ (b_1 beside the target
// b_i): its derivative is the Kronecker delta δ_{i1}. Two different literal
// members (b_1, b_2) are independent and pass.
func (c *gradCtx) otherMember(root *Expr) *Expr {
	t := c.target
	if t == nil || t.Op != OpVar || len(t.Sub) != 1 {
		return nil
	}
	return findNode(root, func(e *Expr) bool {
		if e.Op != OpVar || e == t || e.Name != t.Name || e.Label != t.Label || len(e.Sub) != 1 {
			return false
		}
		s, ts := e.Sub[0], t.Sub[0]
		bound := s.Op == OpVar && c.bound[s.Key()]
		literals := s.Op == OpNum && ts.Op == OpNum
		return !bound && !literals && !sameExpr(s, ts)
	})
}

// findNode returns the first node of the DAG under root (arguments only,
// each node once) for which match holds, or nil.
func findNode(root *Expr, match func(*Expr) bool) *Expr {
	var found *Expr
	walkArgs(root, func(e *Expr) bool {
		if found == nil && match(e) {
			found = e
		}
		return found == nil
	})
	return found
}

// resolveTarget finds the node to differentiate with respect to.
func (c *gradCtx) resolveTarget(wrt *Expr) (*Expr, error) {
	s := c.symbol(wrt.Key())
	if s == nil {
		return nil, Errorf(NoPos, "unknown name %s", Print(wrt, Text))
	}
	switch s.Kind {
	case SymDef:
		if s.Def == nil || len(s.Def.Params) > 0 || len(wrt.Sub) > 0 {
			return nil, Errorf(NoPos, "cannot differentiate with respect to the function %s", wrt.Key())
		}
		if i := freeIndexOf(c.p, s.Def); i != "" {
			return nil, familyDefError(c.p, s.Def, wrt.Key(), i, "--wrt")
		}
		return c.defBody(s.Def)
	case SymVar:
		if len(wrt.Sub) > 0 {
			return nil, Errorf(NoPos, "cannot differentiate with respect to an entry %s; use %s", Print(wrt, Text), wrt.Key())
		}
	case SymFamily:
		if len(wrt.Sub) != 1 {
			return nil, Errorf(NoPos, "%s is a family; differentiate with respect to a member such as %s_%s", wrt.Key(), wrt.Key(), orDefault(s.Index, "i"))
		}
	default:
		return nil, Errorf(NoPos, "cannot differentiate with respect to %s", Print(wrt, Text))
	}
	v := Expr{Op: OpVar, Name: wrt.Name, Label: wrt.Label, Sub: wrt.Sub, Shape: s.Shape, Pos: NoPos}
	if t := c.in.find(&v); t != nil {
		return t, nil // the variable as the function has it
	}
	nv := v // a node of its own: v stays on the stack
	return c.in.intern(&nv), nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// usedIndices makes c.usedIdx, the index names in use, at its first use:
// the program's indices, and, since a renamed index must not capture any
// name in scope, bound indices, names (a count k written as a bound
// Σ_{j=1}^{k}), dimension symbols, family counts and the target's index.
func (c *gradCtx) usedIndices() map[string]bool {
	if c.usedIdx != nil {
		return c.usedIdx
	}
	p, def, wrt := c.p, c.idxDef, c.idxWrt
	c.usedIdx = map[string]bool{}
	for k, s := range p.Symbols {
		if s.Kind == SymIndex {
			c.usedIdx[k] = true
		}
	}
	roots := make([]*Expr, 0, len(p.Defs)+1)
	roots = append(roots, def.Body)
	for _, d := range p.Defs {
		if d != nil && d.Body != nil {
			roots = append(roots, d.Body)
		}
	}
	collectSumNames(roots, c.usedIdx)
	for d := range ProgramDims(p) {
		c.usedIdx[string(d)] = true
	}
	if len(wrt.Sub) == 1 && wrt.Sub[0].Op == OpVar {
		c.usedIdx[wrt.Sub[0].Key()] = true
	}
	return c.usedIdx
}

// collectSumNames adds every Σ-bound index of the roots, and every name they mention
// (subscripts and bounds included), to names.
func collectSumNames(roots []*Expr, names map[string]bool) {
	// One walk over all the roots: a node they share is visited once.
	seen := map[*Expr]bool{}
	var visit func(e *Expr)
	visit = func(e *Expr) {
		if e == nil || seen[e] {
			return
		}
		seen[e] = true
		Stats.visit(1)
		if e.Op == OpSum || e.Op == OpVar {
			names[e.Name] = true
		}
		for _, s := range e.Sub {
			visit(s)
		}
		for _, a := range e.Args {
			visit(a)
		}
	}
	for _, r := range roots {
		visit(r)
	}
}

// deltaVar is the δ name for ∂f/∂S: δ2 for S2, δ⁽¹⁾ for S⁽¹⁾, δ_h for h.
func deltaVar(name string) *Expr {
	if _, label := SplitKey(name); label != "" {
		return &Expr{Op: OpVar, Name: "δ", Label: label, Pos: NoPos}
	}
	i := len(name)
	for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
		i--
	}
	if i < len(name) {
		return &Expr{Op: OpVar, Name: "δ" + name[i:], Pos: NoPos}
	}
	return &Expr{Op: OpVar, Name: "δ", Sub: []*Expr{{Op: OpVar, Name: name, Pos: NoPos}}, Pos: NoPos}
}

// entryOfTarget finds an entry x_i or W_{ij} of the target variable (the
// target itself having no subscript): its derivative is a unit vector or
// matrix, which the matrix notation of the result does not write.
func (c *gradCtx) entryOfTarget(root *Expr) *Expr {
	t := c.target
	if t == nil || t.Op != OpVar || len(t.Sub) != 0 {
		return nil
	}
	return findNode(root, func(e *Expr) bool {
		return e.Op == OpVar && len(e.Sub) > 0 && e.Name == t.Name && e.Label == t.Label
	})
}
