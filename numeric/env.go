package numeric

import (
	"maps"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// Env is a point at which expressions are evaluated.
type Env struct {
	// Dims holds the size of every dimension symbol (d, n, d⁽¹⁾). Literal
	// dimensions ("3") need no entry.
	Dims map[symbolic.Dim]int
	// Vals holds the value of every variable by symbol key (see
	// symbolic.VarKey): scalars 1×1, vectors n×1, matrices m×n, families
	// count×d (row i is member i; count×1 for a family of scalars). A
	// value given for a defined name overrides its definition (used to
	// differentiate with respect to an intermediate).
	Vals map[string]*mat.Dense
	// Index holds the values (1-based) of free index variables, e.g. i
	// for ∂f/∂w_i.
	Index map[string]int
	// Funcs holds the concrete stand-ins of abstract functions (φ, Φ, f,
	// the family g_i) by name.
	Funcs map[string]*Instance
}

// NewEnv returns an empty Env with all maps allocated.
func NewEnv() *Env {
	return &Env{
		Dims:  map[symbolic.Dim]int{},
		Vals:  map[string]*mat.Dense{},
		Index: map[string]int{},
		Funcs: map[string]*Instance{},
	}
}

// Clone returns a copy of env whose maps may be changed without affecting
// env; the matrices themselves are shared, not copied.
func (env *Env) Clone() *Env {
	return &Env{
		Dims:  maps.Clone(env.Dims),
		Vals:  maps.Clone(env.Vals),
		Index: maps.Clone(env.Index),
		Funcs: maps.Clone(env.Funcs),
	}
}

// DimSize returns the size of dimension d in env: the number itself for a
// literal, else env.Dims[d]; ok is false when the symbol has no size.
func (env *Env) DimSize(d symbolic.Dim) (int, bool) {
	if isLiteral(d) {
		n := 0
		for _, c := range d {
			n = n*10 + int(c-'0')
			if n > 1<<30 {
				return 0, false
			}
		}
		return n, true
	}
	n, ok := env.Dims[d]
	return n, ok
}

// ShapeSize returns the rows and columns of a value of shape s in env
// (a scalar is 1×1, a vector n×1).
func (env *Env) ShapeSize(s symbolic.Shape) (r, c int, ok bool) {
	r, ok1 := env.DimSize(s.Rows())
	c, ok2 := env.DimSize(s.Cols())
	return r, c, ok1 && ok2
}

// isLiteral is d.IsLiteral (a number, "3", rather than a symbol) without
// the cost of strings.Trim: sizes are looked up at every evaluation.
func isLiteral(d symbolic.Dim) bool {
	if d == "" {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}
