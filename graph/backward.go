package graph

import (
	"context"
	"fmt"
	"strings"

	"deriv/engine"
	"deriv/symbolic"
)

// xi is the placeholder for a consumer's adjoint in the small programs
// that backward differentiates; it is replaced by the δ name afterwards.
const xi = "ξ"

// backward fills every node's adjoint δ = ∂ℓ/∂node, written through the
// adjoints of the nodes that read it (δ_z = J_Φ(z)ᵀ δ_a), and every edge's
// local derivative. Each is a closed form from symbolic.Grad (through
// engine.Derive, verified numerically) of a small program that declares
// the node names as variables: the vector-Jacobian product of an edge
// u → v is ∂⟨ξ, v(u, …)⟩/∂u with ξ standing for δ_v.
// MaxBackwardNodes bounds the graphs whose backward pass is drawn: each
// node's adjoint is derived and checked on its own, so the work grows
// with the square of the size (a 100-node graph takes a few seconds).
const MaxBackwardNodes = 100

func backward(p *symbolic.Program, g *Graph) error {
	if len(g.Nodes) > MaxBackwardNodes {
		return fmt.Errorf("deriv: graph: the graph has %d nodes; the backward pass (adjoints on every node, each derived and checked) is drawn for at most %d", len(g.Nodes), MaxBackwardNodes)
	}
	g.Backward = true
	decls := declarations(p, g)
	consumers := make([][]int, len(g.Nodes))
	for _, e := range g.Edges {
		consumers[e.From] = append(consumers[e.From], e.To)
	}
	for _, n := range g.Nodes {
		n.Delta = deltaName(n.Name)
		n.Delta.Shape = n.Shape
	}
	for _, u := range topoReverse(g, consumers) {
		n := g.Nodes[u]
		if n.Kind == Output {
			n.Adjoint = symbolic.Number(1)
			if !n.Shape.IsScalar() {
				// A layer's output: its adjoint comes from above, given.
				n.Adjoint = n.Delta
			}
			continue
		}
		var sum *symbolic.Expr
		for _, v := range consumers[u] {
			c, err := vjp(p, g, decls, u, v)
			if err != nil {
				return err
			}
			if sum == nil {
				sum = c
			} else {
				sum = symbolic.Add(sum, c)
			}
		}
		n.Adjoint = sum
	}
	for _, e := range g.Edges {
		e.Local = localDerivative(p, g, decls, e.From, e.To)
	}
	return nil
}

// topoReverse orders the nodes so that every node comes after all the
// nodes that read it (the output first).
func topoReverse(g *Graph, consumers [][]int) []int {
	done := make([]bool, len(g.Nodes))
	var order []int
	var visit func(u int)
	visit = func(u int) {
		if done[u] {
			return
		}
		done[u] = true
		for _, v := range consumers[u] {
			visit(v)
		}
		order = append(order, u)
	}
	for u := range g.Nodes {
		visit(u)
	}
	// Post-order: every node is appended after the nodes that read it.
	return order
}

// declarations are the program's declarations (and its function
// definitions) followed by one declaration per operation node.
func declarations(p *symbolic.Program, g *Graph) string {
	lines := []string{declarationsOnly(p)}
	for _, n := range g.Nodes {
		if n.Local == nil {
			continue
		}
		lines = append(lines, declare(p, n.Name, n.Shape, n.Family))
	}
	return strings.Join(lines, "\n")
}

// declarationsOnly is p's declarations and function definitions.
func declarationsOnly(p *symbolic.Program) string {
	q := &symbolic.Program{Symbols: map[string]*symbolic.Symbol{}}
	for _, k := range p.Order {
		s := p.Symbols[k]
		if s == nil || s.Kind == symbolic.SymDef {
			continue
		}
		q.Symbols[k] = s
		q.Order = append(q.Order, k)
	}
	for _, d := range p.Defs {
		if len(d.Params) > 0 && d != p.Result {
			q.Defs = append(q.Defs, d)
			q.Symbols[d.Name] = p.Symbols[d.Name]
		}
	}
	return symbolic.PrintProgram(q, symbolic.Text)
}

// declare writes "name ∈ shape", or "name_i ∈ shape for i = 1..n".
func declare(p *symbolic.Program, name *symbolic.Expr, shape symbolic.Shape, family string) string {
	s := symbolic.Print(name, symbolic.Text) + " ∈ " + symbolic.PrintShape(shape, symbolic.Text)
	if family != "" {
		s += " for " + family + " = 1.." + string(p.Symbols[family].Count)
	}
	return s
}

// inner is ⟨ξ, e⟩ in the text spelling, for e of the given shape.
func inner(xiName, e string, shape symbolic.Shape) string {
	switch {
	case shape.IsScalar():
		return xiName + " (" + e + ")"
	case shape.IsVector():
		return xiName + "ᵀ (" + e + ")"
	}
	return "tr(" + xiName + "ᵀ (" + e + "))"
}

// vjp is the part of δ_u that comes through v: ∂⟨δ_v, v⟩/∂u.
func vjp(p *symbolic.Program, g *Graph, decls string, u, v int) (*symbolic.Expr, error) {
	nu, nv := g.Nodes[u], g.Nodes[v]
	local := symbolic.Print(nv.Local, symbolic.Text)
	var src string
	if nv.Family != "" {
		idx := nv.Family
		src = decls + "\n" + xi + "_" + idx + " ∈ " + symbolic.PrintShape(nv.Shape, symbolic.Text) + " for " + idx + " = 1.." + string(p.Symbols[idx].Count) +
			"\nϝ = Σ_{" + idx + "=1}^{" + string(p.Symbols[idx].Count) + "} " + inner(xi+"_"+idx, local, nv.Shape)
	} else {
		src = decls + "\n" + xi + " ∈ " + symbolic.PrintShape(nv.Shape, symbolic.Text) + "\nϝ = " + inner(xi, local, nv.Shape)
	}
	d, err := derive(src, engine.Grad, nu.Name)
	if err != nil {
		return nil, fmt.Errorf("deriv: graph: the adjoint of %s through %s: %w", symbolic.Print(nu.Name, symbolic.Text), symbolic.Print(nv.Name, symbolic.Text), err)
	}
	d = g.renameNodes(d)
	delta := nv.Delta
	if nv.Kind == Output && nv.Shape.IsScalar() {
		delta = symbolic.Number(1) // δ_ℓ = ∂ℓ/∂ℓ
	}
	return symbolic.Simplify(symbolic.Subst(d, func(x *symbolic.Expr) *symbolic.Expr {
		if x.Name == xi {
			return delta
		}
		return nil
	})), nil
}

// localDerivative is ∂v/∂u when neither is a matrix (a Jacobian or a
// gradient), else nil.
func localDerivative(p *symbolic.Program, g *Graph, decls string, u, v int) *symbolic.Expr {
	nu, nv := g.Nodes[u], g.Nodes[v]
	if nu.Shape.IsMatrix() || nv.Shape.IsMatrix() {
		return nil
	}
	src := decls + "\nϝ = " + symbolic.Print(nv.Local, symbolic.Text)
	kind := engine.Grad
	if nv.Shape.IsVector() {
		kind = engine.Jacobian
	}
	d, err := derive(src, kind, nu.Name)
	if err != nil {
		return nil
	}
	return g.renameNodes(d)
}

// renameNodes puts the graph's own name nodes back into e wherever the
// small program read a node's name in another spelling (x₁ as x_1).
func (g *Graph) renameNodes(e *symbolic.Expr) *symbolic.Expr {
	names := map[string]*symbolic.Expr{}
	for _, n := range g.Nodes {
		names[normName(symbolic.Print(n.Name, symbolic.Text))] = n.Name
	}
	return symbolic.Subst(e, func(v *symbolic.Expr) *symbolic.Expr {
		if n, ok := names[normName(symbolic.Print(v, symbolic.Text))]; ok && n != v {
			cp := *n
			cp.Shape = v.Shape
			return &cp
		}
		return nil
	})
}

// normName spells a name with plain subscripts: x₁ and x_{1} are x_1.
func normName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '₀' && r <= '₉':
			b.WriteString("_" + string(rune('0'+r-'₀')))
		case r == '{' || r == '}':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// derive loads src and differentiates its last definition with respect
// to wrt, inline (no where list).
func derive(src string, kind engine.Kind, wrt *symbolic.Expr) (*symbolic.Expr, error) {
	ctx := context.Background()
	q, err := engine.LoadFunction(ctx, src, engine.Options{File: "<graph>"})
	if err != nil {
		return nil, err
	}
	targets, err := engine.Targets(q, "--wrt", symbolic.Print(wrt, symbolic.Text))
	if err != nil {
		return nil, err
	}
	out, err := engine.Derive(ctx, q, engine.DeriveRequest{Kind: kind, Wrt: targets, Inline: true, Verify: engine.VerifySilently})
	if err != nil {
		return nil, err
	}
	if out[0].Failed() {
		return nil, fmt.Errorf("the derivative failed its numeric check")
	}
	return out[0].Expr, nil
}

// deltaName names the adjoint of a node: δ_z, δ_{a_i}; for the
// pre-activations of layers, as the worksheet writes them, δ⁽¹⁾ for S⁽¹⁾
// and δ1 for S1 (the name deriv's --through gives it too).
func deltaName(name *symbolic.Expr) *symbolic.Expr {
	if name.Op == symbolic.OpVar && len(name.Sub) == 0 {
		switch {
		case name.Name == "S" && name.Label != "":
			return &symbolic.Expr{Op: symbolic.OpVar, Name: "δ", Label: name.Label, Pos: symbolic.NoPos}
		case len(name.Name) > 1 && name.Name[0] == 'S' && name.Label == "" && strings.Trim(name.Name[1:], "0123456789") == "":
			return &symbolic.Expr{Op: symbolic.OpVar, Name: "δ" + name.Name[1:], Pos: symbolic.NoPos}
		}
	}
	return &symbolic.Expr{Op: symbolic.OpVar, Name: "δ", Sub: []*symbolic.Expr{name}, Pos: symbolic.NoPos}
}
