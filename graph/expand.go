package graph

import (
	"strconv"

	"deriv/symbolic"
)

// expand draws each family whose count is a key of sizes once per member
// (w_1, w_2, w_3 for n=3): the family's nodes are copied with the index
// replaced by the member's number, and a Σ over the index becomes the sum
// of its terms.
func expand(p *symbolic.Program, g *Graph, sizes map[symbolic.Dim]int) *Graph {
	k := map[string]int{} // index → members
	out := &Graph{Backward: g.Backward}
	for _, f := range g.Families {
		if n, ok := sizes[f.Count]; ok && n > 0 {
			k[f.Index] = n
			continue
		}
		out.Families = append(out.Families, f)
	}
	if len(k) == 0 {
		return g
	}
	rewrite := func(e *symbolic.Expr, idx string, m int) *symbolic.Expr {
		if e == nil {
			return nil
		}
		for i, n := range k {
			e = expandSums(e, i, n)
		}
		if idx != "" {
			e = substIndex(e, idx, m)
		}
		return e
	}
	copies := make([][]int, len(g.Nodes))
	for u, n := range g.Nodes {
		members := k[n.Family]
		if members == 0 {
			cp := *n
			cp.Local, cp.Adjoint = rewrite(n.Local, "", 0), rewrite(n.Adjoint, "", 0)
			copies[u] = []int{addNode(out, &cp)}
			continue
		}
		for m := 1; m <= members; m++ {
			cp := *n
			cp.Family, cp.Member = "", m
			cp.Name = rewrite(n.Name, n.Family, m)
			cp.Local = rewrite(n.Local, n.Family, m)
			cp.Adjoint = rewrite(n.Adjoint, n.Family, m)
			cp.Delta = rewrite(n.Delta, n.Family, m)
			copies[u] = append(copies[u], addNode(out, &cp))
		}
	}
	for _, e := range g.Edges {
		fu, fv := g.Nodes[e.From].Family, g.Nodes[e.To].Family
		for a, cu := range copies[e.From] {
			for b, cv := range copies[e.To] {
				if k[fu] > 0 && k[fv] > 0 && fu == fv && a != b {
					continue
				}
				idx, m := "", 0
				switch {
				case k[fu] > 0:
					idx, m = fu, a+1
				case k[fv] > 0:
					idx, m = fv, b+1
				}
				out.Edges = append(out.Edges, &Edge{From: cu, To: cv, Local: rewrite(e.Local, idx, m)})
			}
		}
	}
	return out
}

func addNode(g *Graph, n *Node) int {
	n.ID = "n" + strconv.Itoa(len(g.Nodes))
	g.Nodes = append(g.Nodes, n)
	return len(g.Nodes) - 1
}

// substIndex replaces the free index idx by the number m (outside any Σ
// that binds idx).
func substIndex(e *symbolic.Expr, idx string, m int) *symbolic.Expr {
	if e.Op == symbolic.OpSum && e.Name == idx {
		return e
	}
	if e.Op == symbolic.OpVar && e.Name == idx && len(e.Sub) == 0 && e.Label == "" {
		n := symbolic.Number(float64(m))
		return n
	}
	if len(e.Sub) == 0 && len(e.Args) == 0 {
		return e
	}
	cp := *e
	cp.Sub = make([]*symbolic.Expr, len(e.Sub))
	for i, s := range e.Sub {
		cp.Sub[i] = substIndex(s, idx, m)
	}
	cp.Args = make([]*symbolic.Expr, len(e.Args))
	for i, a := range e.Args {
		cp.Args[i] = substIndex(a, idx, m)
	}
	return &cp
}

// expandSums writes each Σ over idx with n terms as their sum.
func expandSums(e *symbolic.Expr, idx string, n int) *symbolic.Expr {
	if len(e.Args) == 0 {
		return e
	}
	cp := *e
	cp.Args = make([]*symbolic.Expr, len(e.Args))
	for i, a := range e.Args {
		cp.Args[i] = expandSums(a, idx, n)
	}
	if e.Op != symbolic.OpSum || e.Name != idx {
		return &cp
	}
	body := cp.Args[2]
	var sum *symbolic.Expr
	for m := 1; m <= n; m++ {
		t := substIndex(body, idx, m)
		if sum == nil {
			sum = t
		} else {
			sum = &symbolic.Expr{Op: symbolic.OpAdd, Args: []*symbolic.Expr{sum, t}, Shape: body.Shape, Pos: symbolic.NoPos}
		}
	}
	return sum
}
