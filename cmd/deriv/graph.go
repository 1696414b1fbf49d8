package main

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"deriv/graph"
	"deriv/symbolic"
)

// graphCmd draws the program's computation graph (SPEC §7.5).
type graphCmd struct {
	programFlags
	Format   string `help:"Output format: dot (Graphviz), tikz or mermaid." enum:"dot,tikz,mermaid" default:"dot"`
	Backward bool   `help:"Add the reverse pass: each node's adjoint δ = ∂ℓ/∂node and each edge's local derivative."`
	Expand   string `help:"Draw the families of count n as n copies instead of once in a box, e.g. n=3." placeholder:"n=K"`
	SVG      string `name:"svg" help:"Also render the graph to FILE as SVG through Graphviz's dot." placeholder:"FILE"`
}

func (c *graphCmd) Run(e *env) error {
	p, err := c.loadFunction(e)
	if err != nil {
		return err
	}
	expand, err := parseExpand(c.Expand)
	if err != nil {
		return inputErr(err)
	}
	g, err := graph.Build(p, graph.Options{Backward: c.Backward, Expand: expand})
	if err != nil {
		return inputErr(err)
	}
	if c.SVG != "" {
		if err := renderSVG(g.DOT(), c.SVG); err != nil {
			return inputErr(err)
		}
	}
	if c.JSON {
		return writeJSON(e.stdout, graphJSON(g))
	}
	switch c.Format {
	case "tikz":
		fmt.Fprintln(e.stdout, "% needs \\usepackage{tikz} (no TikZ library)")
		fmt.Fprint(e.stdout, g.TikZ())
	case "mermaid":
		fmt.Fprint(e.stdout, g.Mermaid())
	default:
		fmt.Fprint(e.stdout, g.DOT())
	}
	return nil
}

// parseExpand reads "n=3[,m=2]".
func parseExpand(s string) (map[symbolic.Dim]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	out := map[symbolic.Dim]int{}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if !ok || strings.TrimSpace(k) == "" || err != nil || n < 1 || n > 50 {
			return nil, fmt.Errorf("deriv: --expand %q: want COUNT=K with 1 ≤ K ≤ 50, such as n=3", kv)
		}
		out[symbolic.Dim(strings.TrimSpace(k))] = n
	}
	return out, nil
}

// renderSVG runs Graphviz's dot on src and writes the SVG to file.
func renderSVG(src, file string) error {
	dot, err := exec.LookPath("dot")
	if err != nil {
		return errors.New("deriv: --svg needs Graphviz's dot, which is not installed (apt-get install graphviz)")
	}
	cmd := exec.Command(dot, "-Tsvg", "-o", file)
	cmd.Stdin = strings.NewReader(src)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("deriv: dot failed: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// graphJSON is the graph as data: nodes (id, kind, label in text and
// LaTeX, family, adjoint) and edges (from, to, local derivative).
func graphJSON(g *graph.Graph) any {
	type node struct {
		ID         string `json:"id"`
		Kind       string `json:"kind"`
		Text       string `json:"text"`
		LaTeX      string `json:"latex"`
		Family     string `json:"family,omitempty"`
		Adjoint    string `json:"adjoint,omitempty"`
		AdjointTeX string `json:"adjoint_latex,omitempty"`
	}
	type edge struct {
		From  string `json:"from"`
		To    string `json:"to"`
		Local string `json:"local,omitempty"`
	}
	of := g.Output()
	nodes := []node{}
	for _, n := range g.Nodes {
		nodes = append(nodes, node{n.ID, n.Kind.String(), n.Label(symbolic.Text), n.Label(symbolic.LaTeX), n.Family,
			n.AdjointLabel(of, symbolic.Text), n.AdjointLabel(of, symbolic.LaTeX)})
	}
	edges := []edge{}
	for _, e := range g.Edges {
		edges = append(edges, edge{g.Nodes[e.From].ID, g.Nodes[e.To].ID, g.EdgeLabel(e, symbolic.Text)})
	}
	fams := []map[string]string{}
	for _, f := range g.Families {
		fams = append(fams, map[string]string{"index": f.Index, "count": string(f.Count)})
	}
	return map[string]any{"nodes": nodes, "edges": edges, "families": fams}
}
