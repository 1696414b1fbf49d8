package numeric

import (
	"errors"
	"math"
	"strconv"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// compileVar compiles a reference to a name: a function parameter being
// inlined, a variable (whole, a family member w_i, or an entry W_{ij}), an
// index, or a definition (inlined, and cached per evaluation unless it
// depends on an index).
func (c *compiler) compileVar(e *symbolic.Expr) (node, error) {
	key := e.Key()
	base, err := c.compileName(e, key)
	if err != nil {
		return nil, err
	}
	if len(e.Sub) == 0 {
		return base, nil
	}
	subs := make([]node, len(e.Sub))
	for i, s := range e.Sub {
		if subs[i], err = c.compile(s); err != nil {
			return nil, err
		}
	}
	member := false
	var family *symbolic.Symbol
	if sym := c.p.Symbols[key]; sym != nil && sym.Kind == symbolic.SymFamily {
		member, family = true, sym
	}
	if member && len(subs) != 1 {
		return nil, symbolic.Errorf(e.Pos, "a member of the family %s takes one index, not %d", key, len(subs))
	}
	id := c.newBuf()
	return func(s *state) (*mat.Dense, error) {
		v, err := base(s)
		if err != nil {
			return nil, err
		}
		var small [2]int
		idx := small[:0]
		if len(subs) > len(small) {
			idx = make([]int, 0, len(subs))
		}
		idx = idx[:len(subs)]
		for i, sub := range subs {
			if idx[i], err = indexValue(s, sub, e.Sub[i]); err != nil {
				return nil, err
			}
		}
		r, cols := v.Dims()
		switch {
		case member:
			if idx[0] < 1 || idx[0] > r {
				return nil, outsideFamily(e.Pos, key, family, idx[0], r)
			}
			out := s.buf(id, cols, 1)
			copy(out.RawMatrix().Data, v.RawRowView(idx[0] - 1)[:cols])
			return out, nil
		case len(idx) == 1 && cols == 1:
			if idx[0] < 1 || idx[0] > r {
				return nil, symbolic.Errorf(e.Pos, "index %d out of range 1..%d for %s", idx[0], r, key)
			}
			return s.scalarBuf(id, v.At(idx[0]-1, 0)), nil
		case len(idx) == 1 && r == 1:
			if idx[0] < 1 || idx[0] > cols {
				return nil, symbolic.Errorf(e.Pos, "index %d out of range 1..%d for %s", idx[0], cols, key)
			}
			return s.scalarBuf(id, v.At(0, idx[0]-1)), nil
		case len(idx) == 2:
			if idx[0] < 1 || idx[1] < 1 || idx[0] > r || idx[1] > cols {
				return nil, symbolic.Errorf(e.Pos, "index (%d, %d) out of range %d×%d for %s", idx[0], idx[1], r, cols, key)
			}
			return s.scalarBuf(id, v.At(idx[0]-1, idx[1]-1)), nil
		}
		return nil, symbolic.Errorf(e.Pos, "%d subscripts do not fit %s, a %d×%d value", len(idx), key, r, cols)
	}, nil
}

// outsideFamily is the error for a member w_k of a family whose range
// 1..count (count members at this point) does not hold k, e.g. w_0 reached
// by a sum from 0.
func outsideFamily(pos symbolic.Pos, key string, family *symbolic.Symbol, k, count int) error {
	name, index, end := key, "i", symbolic.Dim(strconv.Itoa(count))
	if family != nil {
		if family.Name != "" {
			name = family.Name
		}
		if family.Index != "" {
			index = family.Index
		}
		if family.Count != "" {
			end = family.Count
		}
	}
	err := symbolic.Errorf(pos, "%s_%d is outside the family %s_%s, %s = 1..%s", name, k, name, index, index, end)
	err.Err = ErrOutsideFamily
	return err
}

// ErrOutsideFamily is wrapped by the error for a family member outside the
// family's range: the program itself is wrong, whatever the point.
var ErrOutsideFamily = errors.New("family member out of range")

// indexValue evaluates a subscript or a sum bound to a positive integer.
func indexValue(s *state, n node, e *symbolic.Expr) (int, error) {
	v, err := n(s)
	if err != nil {
		return 0, err
	}
	if !isScalar(v) {
		return 0, symbolic.Errorf(e.Pos, "an index must be a number")
	}
	f := v.At(0, 0)
	k := math.Round(f)
	if math.Abs(f-k) > 1e-9 || k < 0 || k > 1<<31 {
		return 0, symbolic.Errorf(e.Pos, "an index must be a whole number, not %g", f)
	}
	return int(k), nil
}

// compileName compiles the unsubscripted value of a name.
func (c *compiler) compileName(e *symbolic.Expr, key string) (node, error) {
	for i := len(c.scope) - 1; i >= 0; i-- {
		if slot, ok := c.scope[i][key]; ok {
			c.addDeps([]int{c.slotBinding(slot)})
			return func(s *state) (*mat.Dense, error) { return s.slots[slot], nil }, nil
		}
	}
	sym := c.p.Symbols[key]
	if sym != nil && sym.Kind == symbolic.SymDef && sym.Def != nil {
		if len(sym.Def.Params) > 0 {
			return nil, symbolic.Errorf(e.Pos, "%s is a function: give it arguments", key)
		}
		return c.compileDef(e, key, sym.Def)
	}
	if sym != nil && sym.Kind == symbolic.SymFunc {
		return nil, symbolic.Errorf(e.Pos, "%s is a function: give it arguments", key)
	}
	if sym == nil || sym.Kind == symbolic.SymIndex {
		// An index (or a dimension used as a number): its value may
		// change during an Eval, in a sum.
		c.addDeps([]int{c.indexBinding(key)})
	}
	pos, id, moved := e.Pos, c.newBuf(), c.newBuf()
	return func(s *state) (*mat.Dense, error) {
		if s.dir != nil && s.dir.key == key {
			// Along a direction: base + t v (along.go).
			return s.moved(moved), nil
		}
		if v, ok := s.env.Vals[key]; ok {
			return v, nil
		}
		if k, ok := s.index[key]; ok {
			return s.scalarBuf(id, float64(k)), nil
		}
		if n, ok := s.env.Dims[symbolic.Dim(key)]; ok {
			return s.scalarBuf(id, float64(n)), nil
		}
		if sym != nil && sym.Kind == symbolic.SymIndex {
			return nil, symbolic.Errorf(pos, "the index %s has no value here", key)
		}
		return nil, symbolic.Errorf(pos, "no value for %s", key)
	}, nil
}

// compileDef compiles a reference to the parameterless definition key. A
// value for key in Env.Vals overrides the definition (to differentiate with
// respect to an intermediate). The body is compiled once, outside any
// function scope, and its value cached per Eval (recomputed only when an
// index it mentions changes).
func (c *compiler) compileDef(e *symbolic.Expr, key string, def *symbolic.Def) (node, error) {
	body, ok := c.defs[key]
	if !ok {
		if c.defStack[key] {
			return nil, symbolic.Errorf(e.Pos, "the definition of %s refers to itself", key)
		}
		c.defStack[key] = true
		// Parameters of an enclosing inlined function are not visible
		// in another definition's body.
		saved, savedID := c.scope, c.scopeID
		c.scope, c.scopeID = nil, 0
		c.push()
		b, err := c.compile(def.Body)
		deps := c.pop()
		c.scope, c.scopeID = saved, savedID
		delete(c.defStack, key)
		if err != nil {
			return nil, err
		}
		work.compile.Add(1)
		body = compiledNode{c.wrap(b, true, deps), deps}
		c.defs[key] = body
	}
	c.addDeps(body.deps)
	n := body.n
	return func(s *state) (*mat.Dense, error) {
		if v, ok := s.env.Vals[key]; ok {
			return v, nil
		}
		return n(s)
	}, nil
}
