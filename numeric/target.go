package numeric

import (
	"maps"
	"slices"

	"gonum.org/v1/gonum/blas/blas64"
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
		if sym.Kind == symbolic.SymDef {
			if i := symbolic.FreeIndex(p, sym.Def); i != "" {
				return nil, symbolic.FamilyDefError(sym.Def, key, i, "--wrt")
			}
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
		return noMember
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

// noMember is members' answer for a target that is no family member
// (shared: callers only read it).
var noMember = []int{0}

// rotating is the member point k checks when only one member is checked
// per point: 1, n, the middle one, 2, n − 1, then spread over 1..n.
func (t *target) rotating(env *Env, k int) int {
	if t.member > 0 {
		return t.member
	}
	if t.index == "" {
		return 0
	}
	n, _ := env.DimSize(t.sym.Count)
	if n < 1 {
		return 1
	}
	order := []int{1, n, (n + 1) / 2, 2, n - 1, (n + 3) / 4, (3*n + 3) / 4, (n + 7) / 8}
	var list []int
	for _, m := range order {
		if m >= 1 && m <= n && !slices.Contains(list, m) {
			list = append(list, m)
		}
	}
	return list[k%len(list)]
}

// bind prepares env for member m (setting the free index) and returns the
// perturbation of f with respect to the target there. For a definition,
// its value at the point is computed and substituted.
func (t *target) bind(env *Env, f *Compiled, m int, b *budget) (*Env, perturbation, error) {
	return t.bindKnown(env, f, m, b, nil, 0)
}

// bindKnown is bind given f's value at env when the caller knows it
// (nil: unknown) and the nodes its evaluation computed: the value at the
// perturbation's base, which is env's value of the target, copied.
func (t *target) bindKnown(env *Env, f *Compiled, m int, b *budget, known *mat.Dense, nodes int64) (*Env, perturbation, error) {
	// The point's sizes and functions are shared (nothing writes them
	// once a point is drawn), and its indices unless one is bound here;
	// its values are the perturbation's own.
	env = &Env{Dims: env.Dims, Vals: maps.Clone(env.Vals), Index: env.Index, Funcs: env.Funcs}
	if t.index != "" {
		env.Index = maps.Clone(env.Index)
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
	r, cols := base.Dims()
	if m == 0 && t.entry == nil && t.sym.Kind == symbolic.SymVar {
		// The whole variable: along evaluates without writing it, so the
		// point's value serves as it is; only eval and restore write,
		// and they copy it first (a million entries copied twice per
		// point was a fifth of a check at d = 1000).
		if base.RawMatrix().Stride != cols {
			base = mat.DenseCopyOf(base)
		}
		return t.bindWhole(env, f, b, base, known, nodes)
	}
	work := mat.DenseCopyOf(base) // stride = columns: rows are contiguous
	env.Vals[t.key] = work
	raw := work.RawMatrix()
	// The entries perturbed are raw.Data[off : off+n].
	var off, n int
	switch {
	case m > 0:
		if m > r {
			// The --wrt text holds the position, not the program: none.
			return nil, perturbation{}, outsideFamily(symbolic.NoPos, t.key, t.sym, m, r)
		}
		off, n = (m-1)*raw.Stride, cols
	case t.entry != nil:
		o, err := t.entryOffset(env, f.prog, work)
		if err != nil {
			return nil, perturbation{}, err
		}
		off, n = o, 1
	default:
		off, n = 0, r*cols
	}
	target := raw.Data[off : off+n]
	x0 := append([]float64(nil), target...)
	p, err := baseValue(env, f, b, x0, known, nodes)
	if err != nil {
		return nil, perturbation{}, err
	}
	at := func(y []float64) error {
		// Copy before restoring: v may be the perturbed matrix itself
		// (and it stays f's buffer, which the next evaluation reuses).
		_, err := f.look(env, b, nil, func(v *mat.Dense) { flattenInto(y, v) })
		return err
	}
	p.eval = func(y, x []float64) error {
		copy(target, x)
		err := at(y)
		copy(target, x0)
		return err
	}
	p.restore = func() { copy(target, x0) }
	// along leaves the variable perturbed (the next call overwrites
	// it); restore puts x0 back.
	p.along = func(y []float64, t float64, v []float64) error {
		copy(target, x0)
		blas64.Axpy(t, blas64.Vector{N: len(v), Inc: 1, Data: v}, blas64.Vector{N: len(target), Inc: 1, Data: target})
		return at(y)
	}
	return env, p, nil
}

// baseValue starts a perturbation at x0: f's value there (known, when
// the caller has it, with the nodes its evaluation computed) and the
// evaluation's cost.
func baseValue(env *Env, f *Compiled, b *budget, x0 []float64, known *mat.Dense, nodes int64) (perturbation, error) {
	var st evalStats
	var f0 []float64
	if known != nil {
		f0, st.nodes = flatten([]*mat.Dense{known}), nodes
	} else if _, err := f.look(env, b, &st, func(v *mat.Dense) { f0 = flatten([]*mat.Dense{v}) }); err != nil {
		return perturbation{}, err
	}
	return perturbation{x0: x0, m: len(f0), f0: f0, cost: st.nodes}, nil
}

// bindWhole is bindKnown for a whole variable whose value base is
// contiguous: x0 is base's own entries (read, never written), and the
// variable is copied at the first eval, which perturbs the copy.
func (t *target) bindWhole(env *Env, f *Compiled, b *budget, base *mat.Dense, known *mat.Dense, nodes int64) (*Env, perturbation, error) {
	x0 := base.RawMatrix().Data
	p, err := baseValue(env, f, b, x0, known, nodes)
	if err != nil {
		return nil, perturbation{}, err
	}
	var target []float64 // the copy's entries, once eval has made it
	p.eval = func(y, x []float64) error {
		if target == nil {
			work := mat.DenseCopyOf(base)
			env.Vals[t.key] = work
			target = work.RawMatrix().Data
		}
		copy(target, x)
		_, err := f.look(env, b, nil, func(v *mat.Dense) { flattenInto(y, v) })
		copy(target, x0)
		return err
	}
	p.restore = func() {
		if target != nil {
			copy(target, x0)
		}
	}
	aff := f.newAffine(env, t.key, b)
	p.release, p.steady = aff.release, aff.steady
	p.along = func(y []float64, t float64, v []float64) error {
		val, err := aff.along(t, v)
		if err == nil {
			flattenInto(y, val)
		}
		return err
	}
	return env, p, nil
}

// plain reports whether the target is a whole variable (no family
// member, entry or definition): bound at a point, its value is the
// point's, so what was evaluated at the point holds at the base of the
// perturbation.
func (t *target) plain() bool {
	return t.sym.Kind == symbolic.SymVar && t.entry == nil && t.member == 0 && t.index == ""
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
