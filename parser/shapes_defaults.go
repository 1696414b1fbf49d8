package parser

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	sym "deriv/symbolic"
)

// solve propagates the constraints, then applies the defaults of SPEC §2.3
// where use leaves shapes open, one at a time, propagating after each: the
// function itself is a scalar (when assumeScalar); uppercase Latin names
// are matrices; an open operand in a vector position (transposed, right of
// a matrix, next to a vector in ⊙, in a norm, sum or softmax) is a vector;
// anything else is a scalar.
func (s *solver) solve(result *shapeVar, assumeScalar bool) {
	if assumeScalar && result != nil && !s.unify(result, s.scalar()) {
		s.fail(nil, errShapeResult(sym.NoPos, resolve(result, unnamed)))
	}
	s.propagate()
	keys, syms := s.keys(), s.keySyms
	for i, key := range keys {
		if t := s.openVar(key, syms[i]); t != nil && upperLatin(key) {
			s.unify(t, s.upperDefault(key))
			s.propagate()
		}
	}
	s.vectorDefaults()
	for i, key := range keys {
		if t := s.openVar(key, syms[i]); t != nil {
			s.unify(t, s.scalar())
			s.propagate()
		}
	}
	s.vectorDefaults()
	for _, n := range s.nodes {
		if kindOf(n.t) == kindUnknown {
			s.unify(n.t, s.scalar())
			s.propagate()
		}
	}
}

// upperDefault is the shape of an open uppercase name: a matrix with open
// dimensions, or, when the program has a family of vectors of the same
// lowercase letter, those vectors stacked as rows (W for w_1, …, w_n ∈ R^d
// is n×d, as the worksheet has it).
func (s *solver) upperDefault(key string) *shapeVar {
	if fam := s.p.Symbols[strings.ToLower(key)]; fam != nil && fam.Kind == sym.SymFamily && fam.Count != "" {
		if m := fam.Shape.Norm(); m.IsVector() {
			return s.matrix(s.dim(fam.Count), s.dim(m[0]))
		}
	}
	return s.matrix(s.dim(""), s.dim(""))
}

// vectorDefaults applies the vector-position defaults until none acts.
func (s *solver) vectorDefaults() {
	for acted := true; acted; {
		acted = false
		for i := range s.vecRules {
			if s.apply(&s.vecRules[i]) {
				acted = true
				s.propagate()
			}
		}
	}
}

// keys lists the program's symbol keys: Order first, then any others
// sorted, so that inference is deterministic. The list is computed once
// per solver (the solver adds no symbols; a change in their number makes
// it afresh); callers must not modify it.
// keySyms (set with it) holds the symbol of each key.
func (s *solver) keys() []string {
	if s.keyList != nil && s.keyCount == len(s.p.Symbols) {
		return s.keyList
	}
	s.keyCount = len(s.p.Symbols)
	s.keySyms = s.keySyms[:0]
	if s.orderIsKeys() {
		// The common case: Order names every symbol once. The list is
		// only read, so it is shared (capacity cut, so no append of
		// Order's can show through); keySyms is filled.
		s.keyList = s.p.Order[:len(s.p.Order):len(s.p.Order)]
		return s.keyList
	}
	s.keyList = s.symbolKeys()
	s.keySyms = s.keySyms[:0]
	for _, k := range s.keyList {
		s.keySyms = append(s.keySyms, s.p.Symbols[k])
	}
	return s.keyList
}

// symbolKeys lists the keys for keys() when Order does not.
func (s *solver) symbolKeys() []string {
	seen := make(map[string]bool, len(s.p.Symbols))
	out := make([]string, 0, len(s.p.Symbols))
	for _, k := range s.p.Order {
		if _, ok := s.p.Symbols[k]; ok && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	var rest []string
	for k := range s.p.Symbols {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// orderIsKeys reports whether p.Order lists every key of p.Symbols exactly
// once (checked pairwise, so only for a short list), appending the
// symbols to keySyms as it goes.
func (s *solver) orderIsKeys() bool {
	p := s.p
	if len(p.Order) != len(p.Symbols) || len(p.Order) > 32 {
		return false
	}
	for i, k := range p.Order {
		sy, ok := p.Symbols[k]
		if !ok || slices.Contains(p.Order[:i], k) {
			return false
		}
		s.keySyms = append(s.keySyms, sy)
	}
	return true
}

// openVar returns the shape variable of an undeclared variable (key, with
// symbol sy) whose shape is still open, or nil.
func (s *solver) openVar(key string, sy *sym.Symbol) *shapeVar {
	if s.fixed || sy == nil || sy.Kind != sym.SymVar || sy.Declared {
		return nil
	}
	t := s.symVar(key, sy)
	if kindOf(t) != kindUnknown {
		return nil
	}
	return t
}

// anyOpenDim reports whether some dimension is still unknown (every
// dimension variable is in s.dims, see vars.dim).
func (s *solver) anyOpenDim() bool {
	for _, d := range s.dims {
		if d.root().val == "" {
			return true
		}
	}
	return false
}

// upperLatin reports whether a name starts with an uppercase Latin letter
// (A, W⁽¹⁾, X), which SPEC §2.3 takes to be a matrix.
func upperLatin(key string) bool {
	r, _ := utf8.DecodeRuneInString(key)
	return r < utf8.RuneSelf && unicode.IsUpper(r)
}

// freshDims are the names given to dimensions that nothing fixes, in order
// of preference; names in use in the program are skipped.
var freshDims = []sym.Dim{"n", "m", "k", "p", "q", "r", "s", "t"}

// nameDims names every open dimension, visiting matrices' before vectors'
// and a matrix's columns before its rows, so that A*exp(x) reads
// A ∈ R^{m×n}, x ∈ R^n (matrixcalculus.org's habit).
func (s *solver) nameDims() {
	if !s.anyOpenDim() {
		return
	}
	used := map[sym.Dim]bool{}
	for key, sy := range s.p.Symbols {
		used[sym.Dim(key)] = true
		used[sy.Count] = true
		for _, d := range sy.Shape {
			used[d] = true
		}
		for _, d := range sy.Range {
			used[d] = true
		}
		for _, dom := range sy.Domain {
			for _, d := range dom {
				used[d] = true
			}
		}
	}
	for _, d := range s.dims {
		used[d.root().val] = true
	}
	next, extra := 0, 0
	fresh := func() sym.Dim {
		for ; next < len(freshDims); next++ {
			if !used[freshDims[next]] {
				used[freshDims[next]] = true
				return freshDims[next]
			}
		}
		for {
			extra++
			d := sym.Dim("n" + strconv.Itoa(extra))
			if !used[d] {
				used[d] = true
				return d
			}
		}
	}
	visit := func(t *shapeVar) {
		t = t.root()
		var order []*dimVar
		switch t.kind {
		case kindVector:
			order = []*dimVar{t.dims[0]}
		case kindMatrix:
			order = []*dimVar{t.dims[1], t.dims[0]}
		}
		for _, d := range order {
			if d := d.root(); d.val == "" {
				d.val = fresh()
			}
		}
	}
	keys := s.keys()
	for _, matrices := range []bool{true, false} {
		for _, k := range keys {
			if t, ok := s.symTV.get(k); ok && (kindOf(t) == kindMatrix) == matrices {
				visit(t)
			}
		}
	}
	for _, n := range s.nodes {
		visit(n.t)
	}
}
