package numeric

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// maxDepth bounds the nesting of expressions and definitions the compiler
// follows, so that a cyclic or absurdly deep program is an error, not a
// stack overflow.
const maxDepth = 500

// kinkTol is the distance from a kink (relu, abs, sign, step at 0) within
// which a point is flagged, so that Sample can redraw it.
const kinkTol = 1e-3

// node evaluates one compiled subexpression.
type node func(s *state) (*mat.Dense, error)

// state is the per-evaluation scratch of a Compiled: the environment, the
// values of bound indices, the slots of function parameters and cached
// definitions.
type state struct {
	env   *Env
	index map[string]int
	slots []*mat.Dense
	// kink is set when an argument of relu, abs, sign or step came within
	// kinkTol of 0.
	kink bool
}

// Compiled is an expression compiled into a tree of gonum operations. It
// is immutable after Compile and safe for concurrent use by several
// goroutines (each Eval has its own scratch state).
type Compiled struct {
	root  node
	expr  *symbolic.Expr
	prog  *symbolic.Program
	slots int
}

// compiler holds what Compile needs while walking one expression.
type compiler struct {
	p *symbolic.Program
	// defs caches the compiled, parameterless definitions by key.
	defs map[string]node
	// scope binds the parameters of the defined functions being inlined
	// to slots.
	scope []map[string]int
	slots int
	depth int
	// defStack detects definitions that refer to themselves.
	defStack map[string]bool
	// shared caches the nodes of subexpressions that occur more than once
	// (the same *Expr), so that each is evaluated once per Eval.
	shared map[*symbolic.Expr]node
	// uses counts the occurrences of each *Expr in the tree.
	uses map[*symbolic.Expr]int
}

// Compile compiles e, an expression in the context of p (whose symbols
// resolve its names), into a tree of closures over gonum operations. It
// fails with a *symbolic.Error when e contains something that cannot be
// evaluated (∂f/∂w written as a value, an unknown function, a definition
// that refers to itself).
func Compile(p *symbolic.Program, e *symbolic.Expr) (*Compiled, error) {
	if p == nil {
		p = &symbolic.Program{}
	}
	if e == nil {
		return nil, symbolic.Errorf(symbolic.NoPos, "nothing to evaluate")
	}
	c := &compiler{p: p, defs: map[string]node{}, defStack: map[string]bool{},
		shared: map[*symbolic.Expr]node{}, uses: map[*symbolic.Expr]int{}}
	countUses(e, c.uses, 0)
	root, err := c.compile(e)
	if err != nil {
		return nil, withSource(err, p)
	}
	return &Compiled{root: root, expr: e, prog: p, slots: c.slots}, nil
}

// Expr returns the expression c was compiled from.
func (c *Compiled) Expr() *symbolic.Expr { return c.expr }

// Eval evaluates the expression at env. The result is a fresh matrix (or a
// value of env, which the caller must not modify): 1×1 for a scalar, n×1
// for a vector. Undefined values — log of a non-positive number, a
// singular inverse, a division by zero, a missing value, an overflow — are
// reported as a *symbolic.Error, never as NaN or a panic.
func (c *Compiled) Eval(env *Env) (*mat.Dense, error) {
	v, _, err := c.eval(env)
	return v, err
}

// eval is Eval that also reports whether a kink was approached.
func (c *Compiled) eval(env *Env) (*mat.Dense, bool, error) {
	if env == nil {
		env = NewEnv()
	}
	s := &state{env: env, index: make(map[string]int, len(env.Index)+2), slots: make([]*mat.Dense, c.slots)}
	for k, v := range env.Index {
		s.index[k] = v
	}
	v, err := c.root(s)
	if err != nil {
		return nil, s.kink, withSource(err, c.prog)
	}
	if !allFinite(v) {
		return nil, s.kink, withSource(symbolic.Errorf(c.expr.Pos, "the value is not finite (overflow or undefined)"), c.prog)
	}
	return v, s.kink, nil
}

// withSource attaches the program's source to a *symbolic.Error.
func withSource(err error, p *symbolic.Program) error {
	if se, ok := err.(*symbolic.Error); ok && p != nil {
		return se.WithSource(p.Src, p.File)
	}
	return err
}

func (c *compiler) compile(e *symbolic.Expr) (node, error) {
	if e == nil {
		return nil, symbolic.Errorf(symbolic.NoPos, "missing operand")
	}
	if c.uses[e] > 1 && len(c.scope) == 0 && e.Op != symbolic.OpNum && e.Op != symbolic.OpVar {
		if n, ok := c.shared[e]; ok {
			return n, nil
		}
		inner, err := c.compileNode(e)
		if err != nil {
			return nil, err
		}
		n := inner
		if !mentionsIndex(c.p, e, map[string]bool{}) {
			slot := c.slots
			c.slots++
			n = func(s *state) (*mat.Dense, error) {
				if v := s.slots[slot]; v != nil {
					return v, nil
				}
				v, err := inner(s)
				if err == nil {
					s.slots[slot] = v
				}
				return v, err
			}
		}
		c.shared[e] = n
		return n, nil
	}
	return c.compileNode(e)
}

// countUses counts how often each node occurs in the tree under e.
func countUses(e *symbolic.Expr, uses map[*symbolic.Expr]int, depth int) {
	if e == nil || depth > maxDepth {
		return
	}
	uses[e]++
	if uses[e] > 1 {
		return
	}
	for _, a := range e.Args {
		countUses(a, uses, depth+1)
	}
}

func (c *compiler) compileNode(e *symbolic.Expr) (node, error) {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > maxDepth {
		return nil, symbolic.Errorf(e.Pos, "expression too deeply nested to evaluate")
	}
	switch e.Op {
	case symbolic.OpNum:
		if !e.Shape.IsScalar() {
			return c.compileFilled(e)
		}
		v := mat.NewDense(1, 1, []float64{e.Num})
		return func(*state) (*mat.Dense, error) { return v, nil }, nil
	case symbolic.OpVar:
		return c.compileVar(e)
	case symbolic.OpNeg, symbolic.OpAdd, symbolic.OpSub, symbolic.OpMul, symbolic.OpDiv,
		symbolic.OpHad, symbolic.OpHDiv, symbolic.OpHPow, symbolic.OpPow, symbolic.OpT, symbolic.OpInv:
		return c.compileOp(e)
	case symbolic.OpCall:
		return c.compileCall(e)
	case symbolic.OpPrime, symbolic.OpPartial, symbolic.OpJac:
		return c.compileDerivCall(e)
	case symbolic.OpSum:
		return c.compileSum(e)
	case symbolic.OpNorm:
		return c.compileNorm(e)
	case symbolic.OpOnes, symbolic.OpEye:
		return c.compileConstShape(e)
	case symbolic.OpDeriv:
		return nil, symbolic.Errorf(e.Pos, "a derivative written as ∂f/∂w cannot be evaluated; give its formula instead")
	}
	return nil, symbolic.Errorf(e.Pos, "cannot evaluate this expression (operator %d)", e.Op)
}

// args compiles the arguments of e, checking that there are n of them (n <
// 0: any number, at least one).
func (c *compiler) args(e *symbolic.Expr, n int) ([]node, error) {
	if (n >= 0 && len(e.Args) != n) || (n < 0 && len(e.Args) == 0) {
		return nil, symbolic.Errorf(e.Pos, "wrong number of operands (%d)", len(e.Args))
	}
	out := make([]node, len(e.Args))
	for i, a := range e.Args {
		n, err := c.compile(a)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

func allFinite(m *mat.Dense) bool {
	r, cols := m.Dims()
	for i := range r {
		for _, v := range m.RawRowView(i)[:cols] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return false
			}
		}
	}
	return true
}

func scalar(v float64) *mat.Dense { return mat.NewDense(1, 1, []float64{v}) }

func isScalar(m *mat.Dense) bool {
	r, c := m.Dims()
	return r == 1 && c == 1
}
