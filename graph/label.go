package graph

import "deriv/symbolic"

// Label is a node's label in style st: the leaf's name (x, W⁽¹⁾), or the
// operation "z = W1 x + b".
func (n *Node) Label(st symbolic.Style) string {
	name := symbolic.Print(n.Name, st)
	if n.Local == nil {
		return name
	}
	return name + " = " + symbolic.Print(n.Local, st)
}

// AdjointLabel is the node's adjoint in style st: "δ_z = J_Φ(z)ᵀ δ_a" for
// an operation, "∂ℓ/∂W1 = δ_z xᵀ" for a leaf (of is the output's name);
// "" without the reverse pass.
func (n *Node) AdjointLabel(of *symbolic.Expr, st symbolic.Style) string {
	if n.Adjoint == nil {
		return ""
	}
	head := symbolic.Print(n.Delta, st)
	if n.Adjoint == n.Delta {
		// The output of a vector-valued function: its adjoint is given.
		given := map[symbolic.Style]string{symbolic.Text: " (given)", symbolic.ASCII: " (given)", symbolic.LaTeX: `\ \text{(given)}`}
		return head + given[st]
	}
	if n.Local == nil && of.Shape.IsScalar() {
		head = deriv(of, n.Name, st)
	}
	return head + " = " + symbolic.Print(n.Adjoint, st)
}

// EdgeLabel is the edge's local derivative "∂a/∂z = J_Φ(z)", or "".
func (g *Graph) EdgeLabel(e *Edge, st symbolic.Style) string {
	if e.Local == nil {
		return ""
	}
	return deriv(g.Nodes[e.To].Name, g.Nodes[e.From].Name, st) + " = " + symbolic.Print(e.Local, st)
}

func deriv(of, wrt *symbolic.Expr, st symbolic.Style) string {
	return symbolic.Print(&symbolic.Expr{Op: symbolic.OpDeriv, Args: []*symbolic.Expr{of, wrt}, Pos: symbolic.NoPos}, st)
}

// Output is the output node's name (ℓ, f), for the adjoints' ∂ℓ/∂W.
func (g *Graph) Output() *symbolic.Expr {
	for _, n := range g.Nodes {
		if n.Kind == Output {
			v := *n.Name
			v.Shape = n.Shape
			return &v
		}
	}
	return &symbolic.Expr{Op: symbolic.OpVar, Name: "f", Pos: symbolic.NoPos}
}

// familyLabel is "i = 1..n" (text, as declarations write it) or
// "i = 1, \dots, n" (LaTeX).
func familyLabel(f Family, st symbolic.Style) string {
	i := symbolic.Print(&symbolic.Expr{Op: symbolic.OpVar, Name: f.Index, Pos: symbolic.NoPos}, st)
	n := string(f.Count)
	if st == symbolic.LaTeX {
		return i + ` = 1, \dots, ` + n
	}
	return i + " = 1.." + n
}
