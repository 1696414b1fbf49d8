package parser

import (
	"deriv/grammar"
	"deriv/symbolic"
)

// Sum indices known before lowering. A declaration `w_i ∈ R^d` without a
// range declares a family when i is an index: declared before it
// (`i ∈ {1, …, n}`), or bound by a sum anywhere in the program
// (`f = Σ_{i=1}^{n} w_iᵀ x`), which is how a worksheet writes it. Without
// the second, w_i would be one vector and Σ_{i=1}^{n} w_iᵀ x would be
// n·w_iᵀ x, with the gradient n·x: a right answer to a question nobody
// asked.

// sumIndices returns the indices bound by the sums of stmts whose upper
// bound is a single name or number (Σ_{i=1}^{n}, \sum_{j=1}^{3}), each
// with that bound; an index bound by two sums with different bounds, or
// by one whose bound is an expression, is left out (its declarations keep
// their plain meaning).
func sumIndices(stmts []*grammar.Stmt) map[string]symbolic.Dim {
	var out map[string]symbolic.Dim
	var seq func(items []*grammar.Item)
	seq = func(items []*grammar.Item) {
		for k, it := range items {
			if it.Group != nil {
				if it.Group.Body != nil {
					seq(it.Group.Body.Items)
				}
				continue
			}
			if !isSumWord(it) {
				continue
			}
			index, count := sumBounds(items[k+1:])
			if index == "" {
				continue
			}
			if out == nil {
				out = map[string]symbolic.Dim{}
			}
			if old, seen := out[index]; seen && old != count {
				count = ""
			}
			out[index] = count
		}
	}
	for _, st := range stmts {
		switch {
		case st.Def != nil && st.Def.Body != nil:
			seq(st.Def.Body.Items)
		case st.Expr != nil:
			seq(st.Expr.Items)
		}
	}
	for i, c := range out {
		if c == "" {
			delete(out, i)
		}
	}
	return out
}

// isSumWord reports whether it spells a sum: Σ, ∑, \sum, sum.
func isSumWord(it *grammar.Item) bool {
	raw := itemText(it)
	if raw == "sum" || raw == `\sum` {
		return true
	}
	canon, ok := canonName(raw)
	return ok && canon == "Σ"
}

// sumBounds reads the index and the upper bound after a sum word, in
// either order (_{i=1}^{n}, ^{n}_{i=1}, _i^n, a subscript token ᵢ): the
// index and the bound when the bound is one name or number, else "".
func sumBounds(items []*grammar.Item) (index string, count symbolic.Dim) {
	k := 0
	for range 2 {
		if k >= len(items) {
			break
		}
		it := items[k]
		switch {
		case it.Sub != "":
			index = plain(it.Sub, unSub)
			k++
		case isPunct(it, "_") && k+1 < len(items):
			in := []*grammar.Item{items[k+1]}
			if g := items[k+1].Group; g != nil {
				in, _ = groupItems(g)
			}
			if len(in) > 0 {
				if name, ok := canonName(itemText(in[0])); ok && (in[0].Ident != "" || in[0].Cmd != "") {
					index = name
				}
			}
			k += 2
		case isPunct(it, "^") && k+1 < len(items):
			in := []*grammar.Item{items[k+1]}
			if g := items[k+1].Group; g != nil {
				in, _ = groupItems(g)
			}
			if len(in) == 1 && (in[0].Ident != "" || in[0].Number != "") {
				count = symbolic.Dim(itemText(in[0]))
			}
			k += 2
		}
	}
	if index == "" || count == "" {
		return "", ""
	}
	return index, count
}
