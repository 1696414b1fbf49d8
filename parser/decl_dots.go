package parser

import (
	"strconv"

	"deriv/grammar"
	"deriv/symbolic"
)

// hasDots reports whether a declaration part elides names with "…".
func hasDots(part *grammar.DeclPart) bool {
	for _, tg := range part.Targets {
		if tg.Target == nil {
			return true
		}
	}
	return false
}

// elided reads `w_1, w_2, …, w_n` (the worksheet's way to declare a
// family): members of one name subscripted 1, 2, … up to the last, whose
// subscript is the count. It declares an index (i, or the first of j, k,
// l, m that is free or ranges the same) and returns the family's target
// w_i with its index and count. Any other list with "…" is an error at
// its first entry that breaks the pattern.
func (l *lowerer) elided(part *grammar.DeclPart) (targetName, string, symbolic.Dim, error) {
	var first targetName
	bad := func(p symbolic.Pos) (targetName, string, symbolic.Dim, error) {
		return first, "", "", errBadDecl(p, "… stands for family members, as in w_1, w_2, …, w_n ∈ R^d")
	}
	n := len(part.Targets)
	for k, tg := range part.Targets {
		if tg.Target == nil && (k != n-2 || k == 0) {
			return bad(posOf(tg.Pos))
		}
	}
	var count symbolic.Dim
	for k, tg := range part.Targets {
		if k == n-2 {
			continue
		}
		if tg.Target == nil {
			return bad(posOf(tg.Pos))
		}
		t, err := targetOf(tg.Target)
		if err != nil {
			return first, "", "", err
		}
		if k == 0 {
			first = t
		}
		if len(t.subs) != 1 || t.base != first.base || t.label != first.label {
			return bad(t.pos)
		}
		switch {
		case k == n-1:
			count = symbolic.Dim(t.subs[0])
			if l.isIndex(t.subs[0]) {
				return bad(t.pos)
			}
		case t.subs[0] != strconv.Itoa(k+1):
			return bad(t.pos)
		}
	}
	for _, idx := range []string{"i", "j", "k", "l", "m"} {
		s := l.symbol(idx)
		if s == nil || s.Kind == symbolic.SymIndex && s.Count == count {
			if err := l.declIndex(idx, count, first.pos); err != nil {
				return first, "", "", err
			}
			first.subs = []string{idx}
			return first, idx, count, nil
		}
	}
	return bad(first.pos)
}
