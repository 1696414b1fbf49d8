package key

import (
	"context"

	"deriv/engine"
	"deriv/graph"
	"deriv/symbolic"
)

// derivation writes the derivation of ∂f/∂wrt a TA writes: the forward
// definitions of the computation graph (z = W⁽¹⁾x + b, a = φ(z), …) and
// the backward chain from the output to wrt (δ_r = ∂ℓ/∂r = r, δ_a =
// W⁽²⁾ᵀ δ_r, …, ∂ℓ/∂W⁽¹⁾ = δ_z xᵀ). Each backward line is a closed form
// deriv derived and verified; outside families each is also checked
// against finite differences of ℓ in the program rewritten with one
// definition per node (Line.Checked). nil when the graph cannot be built.
func derivation(ctx context.Context, p *symbolic.Program, wrt *symbolic.Expr, check engine.CheckOptions) *Steps {
	g, err := graph.Build(p, graph.Options{Backward: true})
	if err != nil {
		return nil
	}
	target := -1
	want := symbolic.Print(wrt, symbolic.Text)
	for u, n := range g.Nodes {
		if symbolic.Print(n.Name, symbolic.Text) == want {
			target = u
		}
	}
	if target < 0 {
		return nil
	}
	// The nodes the derivative flows through: wrt and what it feeds.
	reach := map[int]bool{target: true}
	order := g.Forward()
	for _, u := range order {
		if !reach[u] {
			continue
		}
		for _, e := range g.Edges {
			if e.From == u {
				reach[e.To] = true
			}
		}
	}
	ssa, _ := engine.LoadFunction(ctx, g.Source(p), engine.Options{File: "<derivation>"})
	of := g.Output()
	s := &Steps{}
	for _, u := range order {
		n := g.Nodes[u]
		if n.Local != nil {
			s.Forward = append(s.Forward, Line{Name: symbolic.Print(n.Name, symbolic.LaTeX), NameText: symbolic.Print(n.Name, symbolic.Text), Expr: n.Local})
		}
	}
	for i := len(order) - 1; i >= 0; i-- {
		u := order[i]
		n := g.Nodes[u]
		if !reach[u] || n.Kind == graph.Output || n.Adjoint == nil {
			continue
		}
		l := Line{Expr: n.Adjoint}
		head := derivOf(of, n.Name)
		if u == target && n.Local == nil {
			l.Name, l.NameText = head.latex, head.text
		} else {
			l.Name, l.NameText = symbolic.Print(n.Delta, symbolic.LaTeX), symbolic.Print(n.Delta, symbolic.Text)
			l.Head = head.latex
		}
		switch {
		case n.Local == nil:
			// A variable: its closed form, δ's and node names substituted,
			// against finite differences of the program itself.
			l.Checked = checked(ctx, p, n.Name, g.Inline(g.ResolveDeltas(n.Adjoint)), check)
		case ssa != nil && n.Family == "":
			l.Checked = checked(ctx, ssa, n.Name, g.ResolveDeltas(n.Adjoint), check)
		}
		s.Backward = append(s.Backward, l)
		if u == target {
			break
		}
	}
	return s
}

type spelled struct{ latex, text string }

func derivOf(of, wrt *symbolic.Expr) spelled {
	d := &symbolic.Expr{Op: symbolic.OpDeriv, Args: []*symbolic.Expr{of, wrt}, Pos: symbolic.NoPos}
	return spelled{symbolic.Print(d, symbolic.LaTeX), symbolic.Print(d, symbolic.Text)}
}

// checked is the number of points at which claim is ∂f/∂wrt in p, or 0.
func checked(ctx context.Context, p *symbolic.Program, wrt, claim *symbolic.Expr, check engine.CheckOptions) int {
	ts, err := engine.Targets(p, "--wrt", symbolic.Print(wrt, symbolic.Text))
	if err != nil {
		return 0
	}
	rep, err := engine.Check(ctx, p, ts[0], claim, check, engine.Budget{})
	if err != nil || !rep.Verdict.Positive() {
		return 0
	}
	return rep.Points
}
