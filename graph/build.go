// Package graph draws the computation graph of a deriv program (SPEC §7.5):
// inputs, parameters, operations and outputs as nodes, data flow as edges,
// families drawn once inside a box "i = 1..n" (or expanded), and, with the
// reverse pass, each node's adjoint δ = ∂ℓ/∂node and each edge's local
// derivative. Build makes the graph; DOT, TikZ and Mermaid write it.
//
// Operations are grouped as a textbook does: a chain of linear operations
// (sums, products, transposes) is one node, z = W1 x + b; every function
// application, norm, power and Σ is a node of its own, so that the graph of
// ½‖W2 Φ(W1 x + b) − y‖² reads z = W1 x + b → a = Φ(z) → r = W2 a − y →
// ℓ = ½‖r‖². A definition of the program is a node named by it; the
// others are named z (an argument of a function), a (a function's value),
// r (a residual), s (a Σ) or t.
package graph

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"deriv/symbolic"
)

// Kind is what a node stands for.
type Kind uint8

const (
	// Input is data: x, y, x0.
	Input Kind = iota + 1
	// Param is a parameter: a weight or bias (W1, w_i, b).
	Param
	// Op is an intermediate value computed by an operation.
	Op
	// Output is the function's value.
	Output
)

func (k Kind) String() string {
	switch k {
	case Input:
		return "input"
	case Param:
		return "param"
	case Op:
		return "op"
	case Output:
		return "output"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Node is a node of the graph.
type Node struct {
	ID   string
	Kind Kind
	// Name is the variable that stands for the node's value: the leaf
	// itself (x, W1, w_i), a definition's name (S1, ℓ) or a generated name
	// (z, a, r, s, t).
	Name *symbolic.Expr
	// Local is the operation in the names of its inputs (W1 x + b for
	// z); nil for a leaf.
	Local *symbolic.Expr
	// Shape is the value's shape (a family member's shape inside a family).
	Shape symbolic.Shape
	// Family is the index of the family box the node belongs to ("i"), or
	// "".
	Family string
	// Adjoint is δ = ∂ℓ/∂node in the names of the consumers' adjoints
	// (Backward only); Delta is the name δ_node that stands for it.
	Adjoint, Delta *symbolic.Expr
	// Member is the family member the node is a copy of (Expand), else 0.
	Member int
}

// Edge is a data-flow edge From → To (indices into Graph.Nodes).
type Edge struct {
	From, To int
	// Local is the local derivative ∂To/∂From (Backward only; nil when
	// either end is a matrix, whose derivative is not a matrix).
	Local *symbolic.Expr
}

// Family is an indexed family drawn once, in a box "Index = 1..Count".
type Family struct {
	Index string
	Count symbolic.Dim
}

// Graph is a computation graph.
type Graph struct {
	Nodes    []*Node
	Edges    []*Edge
	Families []Family
	// Backward says whether adjoints and local derivatives were computed.
	Backward bool
}

// Options configure Build.
type Options struct {
	// Backward computes each node's adjoint and each edge's local
	// derivative (the reverse pass).
	Backward bool
	// Expand draws the families whose count is a key (n) that many times
	// (n=3: members 1, 2, 3) instead of once in a box.
	Expand map[symbolic.Dim]int
}

// Build draws the computation graph of p's function (p.Result). It fails
// when the program has no function, or (Backward) when a derivative cannot
// be formed.
func Build(p *symbolic.Program, opts Options) (*Graph, error) {
	if p == nil || p.Result == nil || p.Result.Body == nil {
		return nil, fmt.Errorf("deriv: graph: the program has no function to draw")
	}
	b := &builder{p: p, g: &Graph{}, memo: map[*symbolic.Expr]int{}, leaves: map[string]int{}, defs: map[string]int{}, uses: map[*symbolic.Expr]int{}, taken: map[string]bool{}, freeMemo: map[*symbolic.Expr]string{}}
	for k := range p.Symbols {
		b.taken[k] = true
	}
	seen := map[*symbolic.Expr]bool{}
	countUses(p.Result.Body, b.uses, seen)
	for _, d := range p.Defs {
		countUses(d.Body, b.uses, seen)
	}
	name := p.Result.Name
	if name == "" {
		name = "f"
		if b.taken["f"] {
			name = b.fresh("f")
		}
	}
	if p.Result.Name != "" && len(p.Result.Params) == 0 {
		b.varNode(nameVar(p.Result.Name))
	} else {
		b.opNode(p.Result.Body, nameVar(name), Output)
	}
	b.families()
	g := b.g
	if len(opts.Expand) > 0 {
		g = expand(p, g, opts.Expand)
	}
	if opts.Backward {
		if err := backward(p, g); err != nil {
			return nil, err
		}
	}
	return g, nil
}

type builder struct {
	p      *symbolic.Program
	g      *Graph
	memo   map[*symbolic.Expr]int
	leaves map[string]int
	defs   map[string]int
	uses   map[*symbolic.Expr]int
	taken  map[string]bool
	// freeMemo holds freeIndex's answers outside any Σ.
	freeMemo map[*symbolic.Expr]string
	// memberBase is the name of the values of a family of functions
	// (x for x_k = g_k(w)), chosen once.
	memberBase string
}

func nameVar(name string) *symbolic.Expr {
	base, label := symbolic.SplitKey(name)
	return &symbolic.Expr{Op: symbolic.OpVar, Name: base, Label: label, Pos: symbolic.NoPos}
}

// countUses counts, for each node of the DAG under e, how many parents
// refer to it (each parent once).
func countUses(e *symbolic.Expr, uses map[*symbolic.Expr]int, seen map[*symbolic.Expr]bool) {
	if seen[e] {
		return
	}
	seen[e] = true
	for _, a := range e.Args {
		uses[a]++
		countUses(a, uses, seen)
	}
}

// fresh returns an unused name made from base: base, then base2, base3, …
func (b *builder) fresh(base string) string {
	if !b.taken[base] {
		b.taken[base] = true
		return base
	}
	for k := 2; ; k++ {
		n := base + strconv.Itoa(k)
		if !b.taken[n] {
			b.taken[n] = true
			return n
		}
	}
}

func (b *builder) add(n *Node) int {
	n.ID = "n" + strconv.Itoa(len(b.g.Nodes))
	b.g.Nodes = append(b.g.Nodes, n)
	return len(b.g.Nodes) - 1
}

func (b *builder) edge(from, to int) {
	for _, e := range b.g.Edges {
		if e.From == from && e.To == to {
			return
		}
	}
	b.g.Edges = append(b.g.Edges, &Edge{From: from, To: to})
}

// opNode makes the node computing e, named name.
func (b *builder) opNode(e *symbolic.Expr, name *symbolic.Expr, kind Kind) int {
	n := &Node{Kind: kind, Name: name, Shape: e.Shape}
	id := b.add(n)
	b.memo[e] = id
	var ins []int
	n.Local = b.local(e, &ins)
	for _, in := range ins {
		b.edge(in, id)
	}
	return id
}

// local rebuilds e with every cut operand replaced by its node's name.
func (b *builder) local(e *symbolic.Expr, ins *[]int) *symbolic.Expr {
	if e.Op == symbolic.OpVar {
		id := b.varNode(e)
		*ins = append(*ins, id)
		return b.g.Nodes[id].Name
	}
	if len(e.Args) == 0 {
		return e
	}
	cp := *e
	cp.Args = make([]*symbolic.Expr, len(e.Args))
	for i, a := range e.Args {
		a = b.unwrap(a)
		if e.Op == symbolic.OpSum && i < 2 {
			cp.Args[i] = a // the bounds
			continue
		}
		if a.Op != symbolic.OpVar && b.cut(e, a) {
			id := b.child(e, a)
			*ins = append(*ins, id)
			cp.Args[i] = b.g.Nodes[id].Name
			continue
		}
		cp.Args[i] = b.local(a, ins)
	}
	return &cp
}

// unwrap replaces a call of an identity function (Φ(t) = t, as --let
// 'Φ = id' defines it) by its argument: the identity draws no node.
func (b *builder) unwrap(e *symbolic.Expr) *symbolic.Expr {
	for e.Op == symbolic.OpCall && len(e.Sub) == 0 {
		sym := b.p.Symbols[e.Name]
		if sym == nil || sym.Kind != symbolic.SymDef || sym.Def == nil || len(sym.Def.Params) != len(e.Args) {
			return e
		}
		body := sym.Def.Body
		k := slices.Index(sym.Def.Params, body.Key())
		if body.Op != symbolic.OpVar || len(body.Sub) > 0 || k < 0 {
			return e
		}
		e = e.Args[k]
	}
	return e
}

// child makes (or finds) the node of operand a of parent.
func (b *builder) child(parent, a *symbolic.Expr) int {
	if id, ok := b.memo[a]; ok {
		return id
	}
	return b.opNode(a, b.roleName(parent, a), Op)
}

// roleName names an anonymous node by its role: z for a function's
// argument, a for a function's value, r for a residual, s for a Σ, t
// otherwise. Inside a family the name carries the family's index (z_i).
func (b *builder) roleName(parent, a *symbolic.Expr) *symbolic.Expr {
	base := "t"
	switch {
	case a.Op == symbolic.OpSum:
		base = "s"
	case a.Op == symbolic.OpCall || a.Op == symbolic.OpPrime:
		base = "a"
	case parent.Op == symbolic.OpCall || parent.Op == symbolic.OpJac || parent.Op == symbolic.OpPrime:
		base = "z"
	case a.Op == symbolic.OpSub && (parent.Op == symbolic.OpNorm || parent.Op == symbolic.OpPow || parent.Op == symbolic.OpHPow):
		base = "r"
	}
	if idx := b.freeIndex(a); idx != "" {
		v := nameVar(b.fresh(base))
		v.Sub = []*symbolic.Expr{{Op: symbolic.OpVar, Name: idx, Pos: symbolic.NoPos}}
		return v
	}
	if a.Op == symbolic.OpCall && len(a.Sub) == 1 && a.Sub[0].Op == symbolic.OpNum {
		// g_1(w), g_2(w): one value per member of a family of functions.
		if b.memberBase == "" {
			b.memberBase = b.fresh("x")
		}
		v := nameVar(b.memberBase)
		v.Sub = []*symbolic.Expr{a.Sub[0]}
		return v
	}
	return nameVar(b.fresh(base))
}

// cut says whether operand a of parent is a node of its own.
func (b *builder) cut(parent, a *symbolic.Expr) bool {
	switch a.Op {
	case symbolic.OpNum, symbolic.OpOnes, symbolic.OpEye:
		return false
	}
	if symbolic.IsConstant(a) {
		return false
	}
	if b.uses[a] > 1 {
		return true
	}
	if linear(parent) {
		if linear(a) {
			return false
		}
		// ½‖r‖², −log σ(z), 2 f: a constant factor stays with its operand.
		return !scaling(parent)
	}
	switch parent.Op {
	case symbolic.OpPow, symbolic.OpHPow:
		return a.Op != symbolic.OpNorm
	}
	return true
}

// linear reports the operations that a textbook writes in one line:
// sums, products, transposes, negation and elementwise products.
func linear(e *symbolic.Expr) bool {
	switch e.Op {
	case symbolic.OpAdd, symbolic.OpSub, symbolic.OpNeg, symbolic.OpMul, symbolic.OpT, symbolic.OpHad, symbolic.OpHDiv:
		return true
	case symbolic.OpDiv:
		return symbolic.IsConstant(e.Args[1])
	}
	return false
}

// scaling reports a multiplication by a constant (or a negation).
func scaling(e *symbolic.Expr) bool {
	switch e.Op {
	case symbolic.OpNeg:
		return true
	case symbolic.OpMul:
		return symbolic.IsConstant(e.Args[0]) || symbolic.IsConstant(e.Args[1])
	case symbolic.OpDiv:
		return symbolic.IsConstant(e.Args[1])
	}
	return false
}

// varNode is the node of a variable: a leaf, or a definition's node.
func (b *builder) varNode(v *symbolic.Expr) int {
	sym := b.p.Symbols[v.Key()]
	if sym != nil && sym.Kind == symbolic.SymDef && sym.Def != nil && len(sym.Def.Params) == 0 && len(v.Sub) == 0 {
		if id, ok := b.defs[v.Key()]; ok {
			return id
		}
		kind := Op
		if sym.Def == b.p.Result {
			kind = Output
		}
		id := b.opNode(sym.Def.Body, nameVar(v.Key()), kind)
		b.defs[v.Key()] = id
		return id
	}
	key := symbolic.Print(v, symbolic.Text)
	if id, ok := b.leaves[key]; ok {
		return id
	}
	kind := Input
	if IsParam(v) {
		kind = Param
	}
	shape := v.Shape
	if sym != nil && sym.Kind != symbolic.SymDef {
		shape = sym.Shape
	}
	name := *v
	name.Pos = symbolic.NoPos
	id := b.add(&Node{Kind: kind, Name: &name, Shape: shape})
	b.leaves[key] = id
	return id
}

// IsParam tells parameters (weights and biases) from data: a name whose
// base is an uppercase Latin letter (W, A, Θ is not Latin), or w, b, θ,
// β, α, γ, μ — the letters textbooks give parameters.
func IsParam(v *symbolic.Expr) bool {
	base := []rune(v.Name)
	if len(base) == 0 {
		return false
	}
	r := base[0]
	if r < unicode.MaxASCII && unicode.IsUpper(r) && r != 'X' && r != 'Y' {
		return true
	}
	switch r {
	case 'w', 'b', 'θ', 'β', 'α', 'γ', 'μ', 'v', 'c':
		return true
	}
	return false
}

// freeIndex is the family index e depends on: a subscript that names an
// index of the program and that no Σ inside e binds; "" if none.
func (b *builder) freeIndex(e *symbolic.Expr) string {
	bound := map[string]bool{}
	found := ""
	// Each node is walked once per set of bound indices: definitions
	// that use the one before twice (z_k = sin(z_{k−1}) + z_{k−1}²) made
	// the walk exponential.
	type visit struct {
		e     *symbolic.Expr
		bound string
	}
	seen := map[visit]bool{}
	boundKey := func() string {
		var ks []string
		for k, on := range bound {
			if on {
				ks = append(ks, k)
			}
		}
		slices.Sort(ks)
		return strings.Join(ks, ",")
	}
	var walk func(e *symbolic.Expr)
	walk = func(e *symbolic.Expr) {
		if found != "" {
			return
		}
		v := visit{e, boundKey()}
		if seen[v] {
			return
		}
		seen[v] = true
		if v.bound == "" {
			// Outside any Σ the answer is e's own, shared by every
			// call: each definition is walked once per graph.
			if r, ok := b.freeMemo[e]; ok {
				found = r
				return
			}
			defer func() { b.freeMemo[e] = found }()
		}
		if e.Op == symbolic.OpSum {
			was := bound[e.Name]
			bound[e.Name] = true
			for _, a := range e.Args {
				walk(a)
			}
			bound[e.Name] = was
			return
		}
		if e.Op == symbolic.OpVar {
			if s := b.p.Symbols[e.Key()]; s != nil && s.Kind == symbolic.SymDef && s.Def != nil && len(e.Sub) == 0 {
				walk(s.Def.Body)
			}
		}
		for _, s := range e.Sub {
			if s.Op == symbolic.OpVar && !bound[s.Name] {
				if sym := b.p.Symbols[s.Key()]; sym != nil && sym.Kind == symbolic.SymIndex {
					found = s.Name
					return
				}
			}
		}
		for _, a := range e.Args {
			walk(a)
		}
	}
	walk(e)
	return found
}

// families sets each node's Family and lists the families.
func (b *builder) families() {
	seen := map[string]bool{}
	for _, n := range b.g.Nodes {
		e := n.Name
		if n.Local != nil {
			e = n.Local
		}
		idx := b.freeIndex(e)
		if idx == "" && n.Local != nil {
			idx = b.freeIndex(n.Name)
		}
		n.Family = idx
		if idx != "" && !seen[idx] {
			seen[idx] = true
			b.g.Families = append(b.g.Families, Family{Index: idx, Count: b.p.Symbols[idx].Count})
		}
	}
}
