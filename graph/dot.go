package graph

import (
	"fmt"
	"strings"

	"deriv/symbolic"
)

// Colours of the drawings: data, parameters, output, reverse pass.
const (
	colData   = "#dbeafe"
	colParam  = "#fde68a"
	colOutput = "#dcfce7"
	colDelta  = "#b91c1c"
)

// DOT writes the graph for Graphviz: left to right, data as blue
// ellipses, parameters as amber boxes, operations as white boxes, the
// output double-framed and green, families in dashed boxes "i = 1, …, n",
// and (reverse pass) adjoints in red under each node's label and local
// derivatives on the edges. Labels are in Unicode text.
func (g *Graph) DOT() string {
	var b strings.Builder
	b.WriteString("digraph deriv {\n  rankdir=LR;\n  newrank=true;\n  nodesep=0.35;\n  ranksep=0.6;\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=12, margin=\"0.12,0.06\"];\n  edge [fontname=\"Helvetica\", fontsize=10, color=\"#444444\"];\n")
	of := g.Output()
	inFamily := map[string][]*Node{}
	for _, n := range g.Nodes {
		if n.Family != "" {
			inFamily[n.Family] = append(inFamily[n.Family], n)
		}
	}
	node := func(indent string, n *Node) {
		fmt.Fprintf(&b, "%s%s [label=<%s>%s];\n", indent, n.ID, dotLabel(n, of), dotStyle(n.Kind))
	}
	for _, n := range g.Nodes {
		if n.Family == "" {
			node("  ", n)
		}
	}
	for _, f := range g.Families {
		fmt.Fprintf(&b, "  subgraph cluster_%s {\n    label=<%s>;\n    labeljust=l;\n    style=\"dashed,rounded\";\n    color=\"#6b7280\";\n", dotID(f.Index), html(familyLabel(f, symbolic.Text)))
		for _, n := range inFamily[f.Index] {
			node("    ", n)
		}
		b.WriteString("  }\n")
	}
	for _, e := range g.Edges {
		attrs := ""
		if l := g.EdgeLabel(e, symbolic.Text); l != "" {
			attrs = fmt.Sprintf(" [label=<<font color=\"%s\">%s</font>>]", colDelta, html(l))
		}
		fmt.Fprintf(&b, "  %s -> %s%s;\n", g.Nodes[e.From].ID, g.Nodes[e.To].ID, attrs)
	}
	b.WriteString("}\n")
	return b.String()
}

func dotLabel(n *Node, of *symbolic.Expr) string {
	l := html(n.Label(symbolic.Text))
	if a := n.AdjointLabel(of, symbolic.Text); a != "" {
		l += fmt.Sprintf("<br/><font color=\"%s\">%s</font>", colDelta, html(a))
	}
	return l
}

func dotStyle(k Kind) string {
	switch k {
	case Input:
		return fmt.Sprintf(", shape=ellipse, style=filled, fillcolor=%q", colData)
	case Param:
		return fmt.Sprintf(", shape=box, style=\"rounded,filled\", fillcolor=%q", colParam)
	case Output:
		return fmt.Sprintf(", shape=box, peripheries=2, style=filled, fillcolor=%q", colOutput)
	}
	return ", shape=box"
}

// html escapes text for a Graphviz HTML-like label.
func html(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;").Replace(s)
}

// dotID makes an index name safe in a cluster's name.
func dotID(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "u%x", r)
		}
	}
	return b.String()
}
