package graph

import (
	"fmt"
	"strings"

	"deriv/symbolic"
)

// Mermaid writes the graph as a Mermaid flowchart (left to right): data
// as stadiums, parameters as subroutine boxes, the output as a double
// circle, families as subgraphs "i = 1, …, n", adjoints on a second line
// of each label and local derivatives on the edges (reverse pass).
func (g *Graph) Mermaid() string {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	of := g.Output()
	node := func(indent string, n *Node) {
		l := mermaidText(n.Label(symbolic.Text))
		if a := n.AdjointLabel(of, symbolic.Text); a != "" {
			l += "<br/>" + mermaidText(a)
		}
		open, close := "[\"", "\"]"
		switch n.Kind {
		case Input:
			open, close = "([\"", "\"])"
		case Param:
			open, close = "[[\"", "\"]]"
		case Output:
			open, close = "(((\"", "\")))"
		}
		fmt.Fprintf(&b, "%s%s%s%s%s\n", indent, n.ID, open, l, close)
	}
	for _, n := range g.Nodes {
		if n.Family == "" {
			node("  ", n)
		}
	}
	for _, f := range g.Families {
		fmt.Fprintf(&b, "  subgraph family_%s [\"%s\"]\n", dotID(f.Index), mermaidText(familyLabel(f, symbolic.Text)))
		for _, n := range g.Nodes {
			if n.Family == f.Index {
				node("    ", n)
			}
		}
		b.WriteString("  end\n")
	}
	for _, e := range g.Edges {
		if l := g.EdgeLabel(e, symbolic.Text); l != "" {
			fmt.Fprintf(&b, "  %s -->|\"%s\"| %s\n", g.Nodes[e.From].ID, mermaidText(l), g.Nodes[e.To].ID)
			continue
		}
		fmt.Fprintf(&b, "  %s --> %s\n", g.Nodes[e.From].ID, g.Nodes[e.To].ID)
	}
	fmt.Fprintf(&b, "  classDef input fill:%s,stroke:#1d4ed8\n  classDef param fill:%s,stroke:#b45309\n  classDef output fill:%s,stroke:#15803d\n", colData, colParam, colOutput)
	for _, k := range []Kind{Input, Param, Output} {
		var ids []string
		for _, n := range g.Nodes {
			if n.Kind == k {
				ids = append(ids, n.ID)
			}
		}
		if len(ids) > 0 {
			fmt.Fprintf(&b, "  class %s %s\n", strings.Join(ids, ","), k)
		}
	}
	return b.String()
}

// mermaidText escapes a label for a quoted Mermaid string.
func mermaidText(s string) string {
	return strings.NewReplacer("\"", "#quot;", "<", "#lt;", ">", "#gt;").Replace(s)
}
