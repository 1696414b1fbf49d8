package graph

import (
	"fmt"
	"slices"
	"strings"

	"deriv/symbolic"
)

// TikZ's pictures use TikZ's core only (no \usetikzlibrary): they compile
// with \usepackage{tikz} alone.

// TikZ writes the graph as a tikzpicture (LaTeX labels; needs
// \usepackage{tikz}, no library). Nodes are
// placed in columns by their depth from the inputs, left to right; a leaf
// sits just left of its first consumer; the order within a column reduces
// crossings (barycentres).
func (g *Graph) TikZ() string {
	lay := layout(g)
	of := g.Output()
	var b strings.Builder
	b.WriteString(`\begin{tikzpicture}[>=stealth, every node/.style={align=center, font=\small, inner sep=3pt},` + "\n" +
		`  data/.style={draw=blue!60!black, fill=blue!8, rounded corners=7pt},` + "\n" +
		`  param/.style={draw=orange!70!black, fill=orange!18, rounded corners=2pt},` + "\n" +
		`  op/.style={draw=black},` + "\n" +
		`  output/.style={draw=green!40!black, double, fill=green!10},` + "\n" +
		`  fam/.style={draw=gray, dashed, rounded corners},` + "\n" +
		`  delta/.style={text=red!70!black}]` + "\n")
	for i, n := range g.Nodes {
		text := "$" + n.Label(symbolic.LaTeX) + "$"
		if a := n.AdjointLabel(of, symbolic.LaTeX); a != "" {
			text += `\\ {\color{red!70!black}$` + a + `$}`
		}
		fmt.Fprintf(&b, "  \\node[%s] (%s) at (%.2f,%.2f) {%s};\n", tikzStyle(n.Kind), n.ID, lay.x[i], lay.y[i], text)
	}
	for _, f := range g.Families {
		// The box around the family's nodes, from their estimated sizes.
		minX, minY, maxX, maxY := 1e9, 1e9, -1e9, -1e9
		for i, n := range g.Nodes {
			if n.Family != f.Index {
				continue
			}
			minX, maxX = min(minX, lay.x[i]-lay.half[i]), max(maxX, lay.x[i]+lay.half[i])
			minY, maxY = min(minY, lay.y[i]-lay.tall[i]), max(maxY, lay.y[i]+lay.tall[i])
		}
		fmt.Fprintf(&b, "  \\draw[fam] (%.2f,%.2f) rectangle (%.2f,%.2f);\n", minX-0.25, minY-0.25, maxX+0.25, maxY+0.25)
		fmt.Fprintf(&b, "  \\node[anchor=south west, font=\\footnotesize] at (%.2f,%.2f) {$%s$};\n", minX-0.25, maxY+0.25, familyLabel(f, symbolic.LaTeX))
	}
	for _, e := range g.Edges {
		from, to := g.Nodes[e.From].ID, g.Nodes[e.To].ID
		if l := g.EdgeLabel(e, symbolic.LaTeX); l != "" {
			fmt.Fprintf(&b, "  \\draw[->] (%s) -- node[midway, above, delta, font=\\scriptsize] {$%s$} (%s);\n", from, l, to)
			continue
		}
		fmt.Fprintf(&b, "  \\draw[->] (%s) -- (%s);\n", from, to)
	}
	b.WriteString(`\end{tikzpicture}` + "\n")
	return b.String()
}

// TikZDocument is TikZ's picture in a complete LaTeX document (article,
// no page number), for compiling on its own.
func (g *Graph) TikZDocument() string {
	return "\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\usepackage{tikz}\n\\pagestyle{empty}\n\\begin{document}\n\\noindent\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n" +
		g.TikZ() + "}\n\\end{document}\n"
}

func tikzStyle(k Kind) string {
	if k == Input {
		return "data"
	}
	return k.String()
}

// placement holds each node's centre and estimated half width and half
// height (cm).
type placement struct{ x, y, half, tall []float64 }

// layout places the nodes: columns by depth, rows by barycentre.
func layout(g *Graph) placement {
	n := len(g.Nodes)
	preds := make([][]int, n)
	succs := make([][]int, n)
	for _, e := range g.Edges {
		preds[e.To] = append(preds[e.To], e.From)
		succs[e.From] = append(succs[e.From], e.To)
	}
	layer := make([]int, n)
	var depth func(u int, seen []bool) int
	memo := make([]int, n)
	for i := range memo {
		memo[i] = -1
	}
	depth = func(u int, seen []bool) int {
		if memo[u] >= 0 {
			return memo[u]
		}
		d := 0
		for _, p := range preds[u] {
			d = max(d, depth(p, seen)+1)
		}
		memo[u] = d
		return d
	}
	for u := range g.Nodes {
		layer[u] = depth(u, nil)
	}
	for u, nd := range g.Nodes {
		if nd.Local == nil && len(succs[u]) > 0 {
			m := 1 << 30
			for _, v := range succs[u] {
				m = min(m, layer[v])
			}
			layer[u] = max(0, m-1)
		}
	}
	cols := 0
	for _, l := range layer {
		cols = max(cols, l+1)
	}
	byLayer := make([][]int, cols)
	for u := range g.Nodes {
		byLayer[layer[u]] = append(byLayer[layer[u]], u)
	}
	pos := make([]float64, n)
	for _, l := range byLayer {
		for i, u := range l {
			pos[u] = float64(i)
		}
	}
	for range 4 {
		for _, l := range byLayer {
			bary := map[int]float64{}
			for _, u := range l {
				s, c := 0.0, 0
				for _, v := range append(append([]int{}, preds[u]...), succs[u]...) {
					s += pos[v]
					c++
				}
				if c == 0 {
					bary[u] = pos[u]
				} else {
					bary[u] = s / float64(c)
				}
			}
			slices.SortStableFunc(l, func(a, b int) int {
				// A family's nodes sit together above the others, so that
				// the family's box holds only them.
				fa, fb := g.Nodes[a].Family, g.Nodes[b].Family
				switch {
				case fa != fb && fa == "":
					return 1
				case fa != fb && fb == "":
					return -1
				case fa != fb:
					return strings.Compare(fa, fb)
				case bary[a] < bary[b]:
					return -1
				case bary[a] > bary[b]:
					return 1
				}
				return 0
			})
			for i, u := range l {
				pos[u] = float64(i) - float64(len(l)-1)/2
			}
		}
	}
	rowGap := 1.3
	if g.Backward {
		rowGap = 2.2
	}
	// The gap after each column holds the labels of the edges leaving it.
	gap := make([]float64, cols)
	for c := range gap {
		gap[c] = 0.9
	}
	for _, e := range g.Edges {
		if l := g.EdgeLabel(e, symbolic.Text); l != "" {
			c := layer[e.From]
			span := max(1, layer[e.To]-c)
			gap[c] = max(gap[c], 0.8*width(l)/float64(span)+0.4)
		}
	}
	out := placement{x: make([]float64, n), y: make([]float64, n), half: make([]float64, n), tall: make([]float64, n)}
	of := g.Output()
	x := 0.0
	prevHalf := 0.0
	for c, l := range byLayer {
		half := 0.0
		for _, u := range l {
			w := width(g.Nodes[u].Label(symbolic.Text))
			out.tall[u] = 0.3
			if a := g.Nodes[u].AdjointLabel(of, symbolic.Text); a != "" {
				w = max(w, width(a))
				out.tall[u] = 0.6
			}
			out.half[u] = w / 2
			half = max(half, w/2)
		}
		if c > 0 {
			x += prevHalf + half + gap[c-1]
		}
		for _, u := range l {
			out.x[u] = x
			out.y[u] = -pos[u] * rowGap
		}
		prevHalf = half
	}
	return out
}

// width estimates a label's typeset width in centimetres (\small maths):
// about 0.16 cm a character, sub- and superscripts (w_i, Σ_{i=1}^{n},
// W⁽¹⁾) a third of that, plus the node's inner space.
func width(s string) float64 {
	w := 0.0
	depth, script := 0, false
	for _, r := range s {
		switch {
		case r == '_' || r == '^':
			script = true
		case script && r == '{':
			depth++
		case depth > 0 && r == '}':
			depth--
			if depth == 0 {
				script = false
			}
		case depth > 0 || script:
			w += 0.33
			if depth == 0 {
				script = false
			}
		case strings.ContainsRune("⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾ᵀᵗ⁺⁻ⁱⁿ₀₁₂₃₄₅₆₇₈₉", r):
			w += 0.33
		case r == ' ':
			w += 0.5
		default:
			w++
		}
	}
	return 0.16*w + 0.3
}
