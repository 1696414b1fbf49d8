package graph

import (
	"strings"

	"deriv/symbolic"
)

// byName indexes the operation nodes by their printed name.
func (g *Graph) byName() map[string]*Node {
	out := map[string]*Node{}
	for _, n := range g.Nodes {
		if n.Local != nil {
			out[symbolic.Print(n.Name, symbolic.Text)] = n
		}
	}
	return out
}

// ResolveDeltas replaces every δ name in e by that node's adjoint,
// recursively (δ of the output is 1): the result is in the names of the
// nodes and the program.
func (g *Graph) ResolveDeltas(e *symbolic.Expr) *symbolic.Expr {
	deltas := map[string]*Node{}
	for _, n := range g.Nodes {
		if n.Delta != nil && n.Adjoint != nil && n.Adjoint != n.Delta {
			deltas[symbolic.Print(n.Delta, symbolic.Text)] = n
		}
	}
	var walk func(e *symbolic.Expr) *symbolic.Expr
	walk = func(e *symbolic.Expr) *symbolic.Expr {
		return symbolic.Subst(e, func(v *symbolic.Expr) *symbolic.Expr {
			if n := deltas[symbolic.Print(v, symbolic.Text)]; n != nil && strings.HasPrefix(v.Name, "δ") {
				return walk(n.Adjoint)
			}
			return nil
		})
	}
	return walk(e)
}

// Inline replaces the names of operation nodes in e by their operations,
// recursively, down to the program's own names.
func (g *Graph) Inline(e *symbolic.Expr) *symbolic.Expr {
	names := g.byName()
	var walk func(e *symbolic.Expr) *symbolic.Expr
	walk = func(e *symbolic.Expr) *symbolic.Expr {
		return symbolic.Subst(e, func(v *symbolic.Expr) *symbolic.Expr {
			if n := names[symbolic.Print(v, symbolic.Text)]; n != nil && n.Local != nil {
				return walk(n.Local)
			}
			return nil
		})
	}
	return walk(e)
}

// Forward lists the nodes inputs first: every node after the nodes it
// reads.
func (g *Graph) Forward() []int {
	consumers := make([][]int, len(g.Nodes))
	for _, e := range g.Edges {
		consumers[e.From] = append(consumers[e.From], e.To)
	}
	order := topoReverse(g, consumers)
	out := make([]int, len(order))
	for i, u := range order {
		out[len(order)-1-i] = u
	}
	return out
}

// Source is p rewritten as one definition per operation node, inputs
// first ("z = W1 x + b", "a = Φ(z)", …, "ℓ = ½‖r‖²"), after p's
// declarations: a program in which each node can be differentiated with
// respect to (except inside a family).
func (g *Graph) Source(p *symbolic.Program) string {
	decls := declarationsOnly(p)
	lines := []string{decls}
	for _, u := range g.Forward() {
		n := g.Nodes[u]
		if n.Local == nil {
			continue
		}
		lines = append(lines, symbolic.Print(n.Name, symbolic.Text)+" = "+symbolic.Print(n.Local, symbolic.Text))
	}
	return strings.Join(lines, "\n")
}
