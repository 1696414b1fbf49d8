package parser

import (
	"strings"

	"deriv/grammar"
	"deriv/symbolic"
)

// Indices known before lowering. A declaration `w_i ∈ R^d` without a
// range declares a family when i is an index of the program: declared
// anywhere (`i ∈ {1, …, n}`, `b_i ∈ R for i = 1..n`, before or after it),
// or bound by a sum (`f = Σ_{i=1}^{n} w_iᵀ x`), which is how a worksheet
// writes it. Otherwise w_i would be one vector and Σ_{i=1}^{n} w_iᵀ x
// would be n·w_iᵀ x, with the gradient n·x: a right answer to a question
// nobody asked.

// programIndices returns the indices of stmts with their counts: those
// declared (by a range or an index set), then those bound by sums whose
// upper bound is a single name or number (Σ_{i=1}^{n}, \sum_{j=1}^{3}),
// then the subscript i of a name declared or defined as z_i that is also
// written z_j with j one of those (its count is j's). It also returns
// the names declared or defined with one subscript, base → subscript.
// An index given two different counts, or bound only by sums whose bound
// is an expression, is left out (its declarations keep their plain
// meaning, and lowering reports any conflict where it meets it).
func programIndices(stmts []*grammar.Stmt) (map[string]symbolic.Dim, map[string]string) {
	var declared, summed map[string]symbolic.Dim
	add := func(m *map[string]symbolic.Dim, index string, count symbolic.Dim) {
		if *m == nil {
			*m = map[string]symbolic.Dim{}
		}
		if old, seen := (*m)[index]; seen && old != count {
			count = ""
		}
		(*m)[index] = count
	}
	var seq func(items []*grammar.Item)
	seq = func(items []*grammar.Item) {
		for k, it := range items {
			if it.Group != nil {
				if it.Group.Body != nil {
					seq(it.Group.Body.Items)
				}
				continue
			}
			if isSumWord(it) {
				if index, count := sumBounds(items[k+1:]); index != "" {
					add(&summed, index, count)
				}
			}
		}
	}
	// subscripted: base → subscript of the names declared or defined as
	// base_i (w_i ∈ R^d, z_i = …); uses: base → the subscripts it is
	// written with in bodies (σ(z_j)).
	subscripted := map[string]string{}
	target := func(tg *grammar.Target) {
		if t, err := targetOf(tg); err == nil && len(t.subs) == 1 && t.label == "" {
			subscripted[t.base] = t.subs[0]
		}
	}
	uses := map[string][]string{}
	var useSeq func(items []*grammar.Item)
	useSeq = func(items []*grammar.Item) {
		for k, it := range items {
			if it.Group != nil {
				if it.Group.Body != nil {
					useSeq(it.Group.Body.Items)
				}
				continue
			}
			if it.Ident == "" || k+1 >= len(items) {
				continue
			}
			next := items[k+1]
			switch {
			case next.Sub != "":
				uses[it.Ident] = append(uses[it.Ident], plain(next.Sub, unSub))
			case isPunct(next, "_") && k+2 < len(items):
				in := []*grammar.Item{items[k+2]}
				if g := items[k+2].Group; g != nil {
					in, _ = groupItems(g)
				}
				if len(in) == 1 && in[0].Ident != "" {
					uses[it.Ident] = append(uses[it.Ident], in[0].Ident)
				}
			}
		}
	}
	for _, st := range stmts {
		switch {
		case st.Decl != nil:
			for _, part := range st.Decl.Parts {
				for _, tg := range part.Targets {
					if tg.Target != nil && (part.Space == nil || part.Space.Set == nil) {
						target(tg.Target)
					}
				}
			}
		case st.Def != nil && st.Def.Target != nil && len(st.Def.Params) == 0:
			target(st.Def.Target)
		}
		switch {
		case st.Def != nil && st.Def.Body != nil:
			useSeq(st.Def.Body.Items)
		case st.Expr != nil:
			useSeq(st.Expr.Items)
		}
	}
	for _, st := range stmts {
		switch {
		case st.Decl != nil:
			if r := st.Decl.Range; r != nil && r.Index != nil && r.Set != nil {
				t, err1 := targetOf(r.Index)
				c, err2 := intervalEnd(r.Set)
				if err1 == nil && err2 == nil {
					add(&declared, t.key(), c)
				}
			}
			for _, part := range st.Decl.Parts {
				if part.Space == nil || part.Space.Set == nil {
					continue
				}
				c, err := intervalEnd(part.Space.Set)
				for _, tg := range part.Targets {
					if tg.Target == nil || err != nil {
						continue
					}
					if t, err := targetOf(tg.Target); err == nil {
						add(&declared, t.key(), c)
					}
				}
			}
		case st.Def != nil && st.Def.Body != nil:
			seq(st.Def.Body.Items)
		case st.Expr != nil:
			seq(st.Expr.Items)
		}
	}
	for i, c := range summed {
		if _, ok := declared[i]; !ok && c != "" {
			add(&declared, i, c)
		}
	}
	// A name declared or defined as z_i and written z_j with j an index:
	// i is an index too, with j's count (z_i = w_iᵀ x + b_i; f =
	// Σ_{j=1}^{n} σ(z_j)², where i is bound nowhere).
	for base, i := range subscripted {
		if _, ok := declared[i]; ok {
			continue
		}
		for _, j := range uses[base] {
			if c, ok := declared[j]; ok && j != i && c != "" {
				add(&declared, i, c)
			}
		}
	}
	for i, c := range declared {
		if c == "" {
			delete(declared, i)
		}
	}
	return declared, subscripted
}

// isSumWord reports whether it spells a sum: Σ, ∑, \sum, sum, Sigma.
// Most words are not: canonName runs only for the spellings of Sigma.
func isSumWord(it *grammar.Item) bool {
	raw := it.Ident
	switch {
	case raw != "":
	case it.Cmd != "":
		raw = it.Cmd
	default:
		raw = it.Punct // ∑ is read as an operator
	}
	switch raw {
	case "":
		return false
	case "sum", `\sum`, "Σ", "∑":
		return true
	}
	if !strings.Contains(raw, "igma") {
		return false
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
