package numeric

import (
	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// target is what Check differentiates with respect to: a variable, a
// definition (an intermediate, whose value is substituted), a member of a
// family (fixed, or every member in turn for a free index), or one entry.
type target struct {
	key   string
	sym   *symbolic.Symbol
	shape symbolic.Shape // the derivative's layout for a scalar function
	// member is the fixed family member (1-based), 0 if none; index the
	// free index that ranges over the members ("" if none).
	member int
	index  string
	// entry holds fixed or indexed subscripts of a vector or matrix
	// entry W_{ij}; nil for the whole variable.
	entry []*symbolic.Expr
}

// resolveTarget interprets wrt (an OpVar) in p.
func resolveTarget(p *symbolic.Program, wrt *symbolic.Expr) (*target, error) {
	if wrt == nil || wrt.Op != symbolic.OpVar {
		pos := symbolic.NoPos
		if wrt != nil {
			pos = wrt.Pos
		}
		return nil, symbolic.Errorf(pos, "can only differentiate with respect to a variable")
	}
	key := wrt.Key()
	sym := p.Symbols[key]
	if sym == nil {
		return nil, symbolic.Errorf(wrt.Pos, "unknown name %s", key)
	}
	t := &target{key: key, sym: sym, shape: sym.Shape.Norm()}
	switch sym.Kind {
	case symbolic.SymVar, symbolic.SymDef:
		if sym.Kind == symbolic.SymDef && (sym.Def == nil || len(sym.Def.Params) > 0) {
			return nil, symbolic.Errorf(wrt.Pos, "cannot differentiate with respect to the function %s", key)
		}
		if len(wrt.Sub) > 0 {
			t.entry = wrt.Sub
			t.shape = nil
		}
	case symbolic.SymFamily:
		if len(wrt.Sub) != 1 {
			return nil, symbolic.Errorf(wrt.Pos, "name one member of the family %s, e.g. %s_%s", key, key, sym.Index)
		}
		s := wrt.Sub[0]
		switch {
		case s.Op == symbolic.OpNum && s.Num >= 1 && s.Num == float64(int(s.Num)):
			t.member = int(s.Num)
		case s.Op == symbolic.OpVar && len(s.Sub) == 0:
			t.index = s.Key()
		default:
			return nil, symbolic.Errorf(s.Pos, "a family member's subscript must be an index or a number")
		}
	default:
		return nil, symbolic.Errorf(wrt.Pos, "cannot differentiate with respect to %s", key)
	}
	return t, nil
}

// members lists the family members to check at env: the fixed member, or
// for a free index up to four spread over 1..count (all when count ≤ 4);
// {0} when the target is not a family member.
func (t *target) members(env *Env) []int {
	if t.member > 0 {
		return []int{t.member}
	}
	if t.index == "" {
		return []int{0}
	}
	n, _ := env.DimSize(t.sym.Count)
	if n <= 4 {
		out := make([]int, n)
		for i := range out {
			out[i] = i + 1
		}
		return out
	}
	return []int{1, 2, (n + 1) / 2, n}
}

// bind prepares env for member m (setting the free index) and returns the
// perturbation of f with respect to the target there. For a definition,
// its value at the point is computed and substituted.
func (t *target) bind(env *Env, f *Compiled, m int, b *budget) (*Env, perturbation, error) {
	env = env.Clone()
	if t.index != "" {
		env.Index[t.index] = m
	}
	base, ok := env.Vals[t.key]
	if !ok && t.sym.Kind == symbolic.SymDef {
		c, err := Compile(f.prog, t.sym.Def.Body)
		if err != nil {
			return nil, perturbation{}, err
		}
		if base, _, err = c.eval(env, b); err != nil {
			return nil, perturbation{}, err
		}
	} else if !ok {
		return nil, perturbation{}, symbolic.Errorf(symbolic.NoPos, "no value for %s", t.key)
	}
	work := mat.DenseCopyOf(base)
	env.Vals[t.key] = work
	_, cols := work.Dims()
	// get/set address the entries being perturbed.
	var idx []int // flat offsets into work's raw data
	raw := work.RawMatrix()
	switch {
	case m > 0:
		if r, _ := work.Dims(); m > r {
			return nil, perturbation{}, symbolic.Errorf(symbolic.NoPos, "%s has no member %d", t.key, m)
		}
		for j := range cols {
			idx = append(idx, (m-1)*raw.Stride+j)
		}
	case t.entry != nil:
		off, err := t.entryOffset(env, f.prog, work)
		if err != nil {
			return nil, perturbation{}, err
		}
		idx = []int{off}
	default:
		r, _ := work.Dims()
		for i := range r {
			for j := range cols {
				idx = append(idx, i*raw.Stride+j)
			}
		}
	}
	x0 := make([]float64, len(idx))
	for k, o := range idx {
		x0[k] = raw.Data[o]
	}
	var fm int
	if v, _, err := f.eval(env, b); err == nil {
		r, c := v.Dims()
		fm = r * c
	} else {
		return nil, perturbation{}, err
	}
	p := perturbation{x0: x0, m: fm, eval: func(y, x []float64) error {
		for k, o := range idx {
			raw.Data[o] = x[k]
		}
		v, _, err := f.eval(env, b)
		if err == nil {
			// Copy before restoring: v may be the perturbed matrix itself.
			copy(y, flatten([]*mat.Dense{v}))
		}
		for k, o := range idx {
			raw.Data[o] = x0[k]
		}
		return err
	}}
	return env, p, nil
}

// entryOffset evaluates the subscripts of an entry target.
func (t *target) entryOffset(env *Env, p *symbolic.Program, v *mat.Dense) (int, error) {
	idx := make([]int, len(t.entry))
	for k, s := range t.entry {
		c, err := Compile(p, s)
		if err != nil {
			return 0, err
		}
		x, err := c.Eval(env)
		if err != nil {
			return 0, err
		}
		if !isScalar(x) {
			return 0, symbolic.Errorf(s.Pos, "a subscript must be a number")
		}
		idx[k] = int(x.At(0, 0))
	}
	r, c := v.Dims()
	raw := v.RawMatrix()
	switch {
	case len(idx) == 1 && c == 1 && idx[0] >= 1 && idx[0] <= r:
		return (idx[0] - 1) * raw.Stride, nil
	case len(idx) == 2 && idx[0] >= 1 && idx[0] <= r && idx[1] >= 1 && idx[1] <= c:
		return (idx[0]-1)*raw.Stride + idx[1] - 1, nil
	}
	return 0, symbolic.Errorf(t.entry[0].Pos, "the subscripts do not name an entry of %s (%d×%d)", t.key, r, c)
}
