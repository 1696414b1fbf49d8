package parser

import (
	"strings"

	"deriv/symbolic"
)

// Families of definitions. `z_i = w_iᵀ x + b_i` defines z_1, …, z_n at
// once (i is an index). The definition is named z_i, and a use written
// z_i is that name; a use with another subscript, z_j inside Σ_j or z_2,
// is the definition's body with i replaced by j or 2. Without this, z_j
// read as an entry of some other vector z: f = Σ_{j=1}^{n} σ(z_j)² did
// not depend on w at all, and ∂f/∂w_i was 0.

// famDef is a family of definitions: the definition's key (z_i) and its
// index (i).
type famDef struct {
	key, index string
}

// noteFamilyDef records the definition key as a family of definitions
// when it is a name subscripted by one index of the program (z_i), with
// no parameters.
func (l *lowerer) noteFamilyDef(d *symbolic.Def) {
	if d == nil || len(d.Params) > 0 {
		return
	}
	base, sub, ok := strings.Cut(d.Name, "_")
	if !ok || base == "" || sub == "" || strings.ContainsAny(sub, "_^(") {
		return
	}
	if _, later := l.indices[sub]; !(l.isIndex(sub) || l.isFamilyIndex(sub) || later) {
		return
	}
	if l.famDefs == nil {
		l.famDefs = map[string]famDef{}
	}
	l.famDefs[base] = famDef{key: d.Name, index: sub}
}

// familyDefMember lowers a use base_s of a family of definitions base_i
// with s ≠ i (a single index name or whole number). In a program it is
// a definition of its own, base_s = the body with i replaced by s, made
// at the first such use and placed before the definition being read (so
// that the program prints, and reads back, as the same program); a use
// is then a name like any other, and families of definitions built on
// each other stay a graph of names. In a claim (read-only: the program is
// not changed) it is the instance itself, bounded in size. ok is false
// when np is no such use.
func (l *lowerer) familyDefMember(np *nameParts) (e *symbolic.Expr, ok bool, err error) {
	fd, found := l.famDefs[np.base]
	if !found || np.label != "" || len(np.subs) != 1 {
		return nil, false, nil
	}
	subs, err := l.subExprs(np)
	if err != nil {
		return nil, true, err
	}
	to := subs[0]
	if to.Op == symbolic.OpVar && to.Name == fd.index {
		return nil, false, nil
	}
	if !(to.Op == symbolic.OpNum || to.Op == symbolic.OpVar && len(to.Sub) == 0) {
		return nil, true, errComputedMember(np.pos, np.base, fd.key)
	}
	if l.readOnly {
		e := l.instance(fd, to, nil, map[string]*symbolic.Expr{})
		if l.instanced += treeSize(e, maxInstance); l.instanced > maxInstance {
			return nil, true, errInstanceSize(np.pos, np.base+"_"+np.subText[0], maxInstance)
		}
		return e, true, nil
	}
	name := l.memberDef(fd, to)
	if l.instanced > maxInstance {
		return nil, true, errInstanceSize(np.pos, np.base+"_"+np.subText[0], maxInstance)
	}
	if name == "" {
		return nil, false, nil
	}
	return &symbolic.Expr{Op: symbolic.OpVar, Name: name, Pos: np.pos}, true, nil
}

// maxInstance bounds the subexpressions that members of families of
// definitions add, all together: the definitions z_j, z_2, … a program
// gains, or the members written out in a claim (z_i of 3,000 terms used
// as z_1, …, z_3000 would be nine million).
const maxInstance = 100_000

// treeSize counts e's nodes as a tree, stopping past limit.
func treeSize(e *symbolic.Expr, limit int) int {
	n := 0
	var walk func(e *symbolic.Expr)
	walk = func(e *symbolic.Expr) {
		if e == nil || n > limit {
			return
		}
		n++
		for _, a := range e.Args {
			walk(a)
		}
		for _, a := range e.Sub {
			walk(a)
		}
	}
	walk(e)
	return n
}

// memberDef returns the name of the definition of member to of the
// family fd (z_j for z_i at j), defining it first if needed; "" if fd's
// definition has gone.
func (l *lowerer) memberDef(fd famDef, to *symbolic.Expr) string {
	base, _, _ := strings.Cut(fd.key, "_")
	name := base + "_" + indexText(to)
	if s := l.symbol(name); s != nil {
		return name
	}
	s := l.symbol(fd.key)
	if s == nil || s.Def == nil || s.Def.Body == nil {
		return ""
	}
	d := &symbolic.Def{Name: name, Pos: s.Def.Pos}
	// The symbol first: a definition that (wrongly) reaches itself meets
	// the name, not an endless instance.
	l.addSymbol(name, &symbolic.Symbol{Name: name, Kind: symbolic.SymDef, Def: d, Declared: true, Pos: d.Pos})
	if l.instanced > maxInstance {
		return name // over the limit: the caller reports it
	}
	d.Body = l.instance(fd, to, l.memberDef, nil)
	l.instanced += treeSize(d.Body, maxInstance)
	l.prog.Defs = append(l.prog.Defs, d)
	return name
}

// indexText writes an index or whole number as a subscript.
func indexText(e *symbolic.Expr) string {
	if e.Op == symbolic.OpNum {
		return formatUint(e.Num)
	}
	return e.Name
}

// instance returns fd's body with its index replaced by to. A use of
// another family of definitions indexed the same way (a_i inside b_i's
// body) becomes, with named set, the name named returns for its member
// at to; otherwise its own instance, made once in memo. A sum inside the
// body that binds to's name is renamed, so that to is not captured.
func (l *lowerer) instance(fd famDef, to *symbolic.Expr, named func(famDef, *symbolic.Expr) string, memo map[string]*symbolic.Expr) *symbolic.Expr {
	from := fd.index
	var walk func(e *symbolic.Expr) *symbolic.Expr
	walk = func(e *symbolic.Expr) *symbolic.Expr {
		if e == nil {
			return nil
		}
		if e.Op == symbolic.OpSum && to.Op == symbolic.OpVar && e.Name == to.Name && len(e.Args) == 3 {
			// Σ_j inside z_i's body, instantiated at j: rename the sum.
			fresh := l.freshIndex(e)
			r := *e
			r.Name = fresh
			r.Args = []*symbolic.Expr{e.Args[0], e.Args[1], renameIndex(e.Args[2], to.Name, fresh)}
			e = &r
			if !l.readOnly && l.symbol(fresh) == nil {
				l.addSymbol(fresh, &symbolic.Symbol{Name: fresh, Kind: symbolic.SymIndex, Count: exprDim(e.Args[1]), Pos: e.Pos})
			}
		}
		switch {
		case e.Op == symbolic.OpVar && e.Name == from && e.Label == "" && len(e.Sub) == 0:
			c := *to
			c.Pos = e.Pos
			return &c
		case e.Op == symbolic.OpSum && e.Name == from:
			return e // from is bound here: not the free index
		case e.Op == symbolic.OpVar && len(e.Sub) == 0:
			if base, sub, ok := strings.Cut(e.Name, "_"); ok && sub == from {
				if other, ok := l.famDefs[base]; ok && other.key == e.Name {
					if named != nil {
						if n := named(other, to); n != "" {
							return &symbolic.Expr{Op: symbolic.OpVar, Name: n, Pos: e.Pos}
						}
						return e
					}
					if m, ok := memo[e.Name]; ok {
						if m == nil {
							return e // being made: a definition cannot reach itself
						}
						return m
					}
					if s := l.symbol(other.key); s != nil && s.Def != nil && s.Def.Body != nil {
						memo[e.Name] = nil
						m := l.instance(other, to, nil, memo)
						memo[e.Name] = m
						return m
					}
				}
			}
		}
		out := *e
		if len(e.Args) > 0 {
			out.Args = make([]*symbolic.Expr, len(e.Args))
			for i, a := range e.Args {
				out.Args[i] = walk(a)
			}
		}
		if len(e.Sub) > 0 {
			out.Sub = make([]*symbolic.Expr, len(e.Sub))
			for i, a := range e.Sub {
				out.Sub[i] = walk(a)
			}
		}
		return &out
	}
	s := l.symbol(fd.key)
	if s == nil || s.Def == nil {
		return nil
	}
	return walk(s.Def.Body)
}
