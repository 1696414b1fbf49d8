package parser

import (
	"deriv/symbolic"
)

// maxShapeDepth bounds the nesting that inference follows (it recurses on
// the AST, and the parser's own limits may be raised).
const maxShapeDepth = 10000

// solver infers shapes for one attempt: it generates constraints from the
// AST (shapes_gen.go), propagates them to a fixed point, applies the
// defaults of SPEC §2.3 one at a time (shapes_defaults.go), then names the
// dimensions left open.
type solver struct {
	vars
	p *symbolic.Program
	// fixed: every symbol keeps the shape it has (inferExprShapes).
	fixed bool
	symTV smallMap[string]
	defTV smallMap[*symbolic.Def]
	// active marks defined functions being instantiated (recursion guard).
	active map[*symbolic.Def]bool
	// nodes lists every node of the program (children before parents)
	// with its shape variable.
	nodes []nodeVar
	// rules are the forced consequences, rerun when what they read changes;
	// vecRules the "is a vector here" defaults, each reporting whether it
	// acted.
	rules    []propRule
	vecRules []vecRule
	fails    []*symbolic.Error
	dimNames map[symbolic.Dim]bool
	failed   map[*symbolic.Expr]bool
	// constMemo caches isConstant.
	constMemo map[*symbolic.Expr]bool
	depth     int
	// shapes are the final shapes made so far (see shareShape).
	shapes []symbolic.Shape
	// keyList caches keys(), for keyCount symbols.
	keyList  []string
	keySyms  []*symbolic.Symbol
	keyCount int
}

type nodeVar struct {
	e *symbolic.Expr
	t *shapeVar
}

// roomSize is the capacity of the lists newSolver allocates together with
// the solver: enough for the nodes, rules and dimensions of a one-line
// program (about one node per four bytes of source).
const roomSize = 16

// solverRoom is a solver with the first backing arrays of its lists, so
// that a small program's solver is one allocation; a list that outgrows
// its array moves to the heap as any slice does.
type solverRoom struct {
	s        solver
	nodes    [roomSize]nodeVar
	rules    [roomSize / 2]propRule
	vecRules [roomSize / 2]vecRule
	queued   [roomSize]bool
	dims     [roomSize]*dimVar
	queue    [roomSize]int
	shapes   [8]symbolic.Shape
	symKeys  [8]string
	symVals  [8]*shapeVar
	defKeys  [4]*symbolic.Def
	defVals  [4]*shapeVar
	keySyms  [8]*symbolic.Symbol
	// The first slabs of variables (see vars).
	dimSlab   [slabSize]dimVar
	shapeSlab [slabSize]shapeVar
	listSlab  [slabSize]*shapeVar
}

func newSolver(p *symbolic.Program, fixed bool) *solver {
	// The lists grow with the program: sized from its source (about a
	// node per few bytes) so that most grow at most once.
	hint := 8
	if !fixed {
		hint = min(max(len(p.Src)/3, 8), 512)
	}
	var s *solver
	if hint <= 2*roomSize {
		// The lists start in the room (and move out if they outgrow it).
		r := &solverRoom{}
		s = &r.s
		s.nodes, s.rules, s.vecRules = r.nodes[:0], r.rules[:0], r.vecRules[:0]
		s.queued, s.dims, s.queue = r.queued[:0], r.dims[:0], r.queue[:0]
		s.shapes = r.shapes[:0]
		s.symTV.keys, s.symTV.vals = r.symKeys[:0], r.symVals[:0]
		s.defTV.keys, s.defTV.vals = r.defKeys[:0], r.defVals[:0]
		s.keySyms = r.keySyms[:0]
		s.dimSlab, s.shapeSlab, s.listSlab = r.dimSlab[:], r.shapeSlab[:], r.listSlab[:]
	} else {
		s = &solver{
			nodes:    make([]nodeVar, 0, hint),
			rules:    make([]propRule, 0, hint),
			vecRules: make([]vecRule, 0, hint/2),
		}
		s.queued = make([]bool, 0, hint)
		s.dims = make([]*dimVar, 0, hint)
	}
	s.p, s.fixed = p, fixed
	// active and failed are made at their first entry.
	return s
}

// fail records a conflict found while solving, once per node.
func (s *solver) fail(e *symbolic.Expr, err *symbolic.Error) {
	if e != nil {
		if s.failed[e] {
			return
		}
		if s.failed == nil {
			s.failed = map[*symbolic.Expr]bool{}
		}
		s.failed[e] = true
	}
	s.fails = append(s.fails, err)
}

// conflict records that e's operands (with the shape variables args) do not
// fit, or that e's value does not fit r, its use: worded by the known-shape
// rules where they see the conflict.
func (s *solver) conflict(e *symbolic.Expr, r *shapeVar, args ...*shapeVar) {
	if s.failed[e] {
		return
	}
	tmp := *e
	tmp.Args = make([]*symbolic.Expr, len(e.Args))
	for i, a := range e.Args {
		var c symbolic.Expr
		if a != nil {
			c = *a
		}
		if i < len(args) {
			c.Shape = resolve(args[i], unnamed)
		}
		tmp.Args[i] = &c
	}
	got, err := symbolic.ResultShapeIn(&tmp, s.lookup)
	if se, ok := err.(*symbolic.Error); ok && se != nil {
		s.fail(e, se)
		return
	}
	var used symbolic.Shape
	if r != nil {
		used = resolve(r, unnamed)
	}
	s.fail(e, errShapeUse(e.Pos, "this "+opWord(e), used, got))
}

// must records a conflict at e (whose value must be r, whose operands have
// the shape variables args) when a unification failed.
func (s *solver) must(e *symbolic.Expr, ok bool, r *shapeVar, args ...*shapeVar) {
	if !ok {
		s.conflict(e, r, args...)
	}
}

// opWord names a node for messages: "product", "sum", "call of f", ….
func opWord(e *symbolic.Expr) string {
	switch e.Op {
	case symbolic.OpVar:
		return e.Key()
	case symbolic.OpCall:
		return e.Key() + "(…)"
	case symbolic.OpMul:
		return "product"
	case symbolic.OpAdd, symbolic.OpSub:
		return "sum"
	}
	return "expression"
}

// unnamed names an open dimension in messages.
func unnamed(*dimVar) symbolic.Dim { return "?" }

// lookup finds a symbol by key, for the known-shape rules.
func (s *solver) lookup(key string) *symbolic.Symbol { return s.p.Symbols[key] }

// rule adds a propagation rule that reads the shapes watch, and runs it
// once; it reruns whenever one of them becomes known.
func (s *solver) rule(watch []*shapeVar, f func()) {
	s.addRule(propRule{f: f}, watch)
}

// propRule is a propagation rule: f, or for the commonest operators (kind
// not ruleFunc) a method of the solver on the operands e, a, b, r, which
// needs no closure.
type propRule struct {
	kind    ruleKind
	e       *symbolic.Expr
	a, b, r *shapeVar
	f       func()
}

type ruleKind uint8

const (
	ruleFunc   ruleKind = iota
	ruleMul             // mulRule(e, a, b, r)
	ruleT               // tRule(a, r)
	ruleSquare          // squareRule(e, a)
)

// addRule adds the rule pr that reads the shapes watch, and runs it once.
func (s *solver) addRule(pr propRule, watch []*shapeVar) {
	id := len(s.rules)
	s.rules = append(s.rules, pr)
	s.queued = append(s.queued, false)
	for _, t := range watch {
		r := t.root()
		if r.watch == nil {
			r.watch = r.watchRoom[:0]
		}
		r.watch = append(r.watch, id)
	}
	s.runRule(id)
}

// runRule runs rule id (a copy: a rule may add rules).
func (s *solver) runRule(id int) {
	switch pr := s.rules[id]; pr.kind {
	case ruleMul:
		s.mulRule(pr.e, pr.a, pr.b, pr.r)
	case ruleT:
		s.tRule(pr.a, pr.r)
	case ruleSquare:
		s.squareRule(pr.e, pr.a)
	default:
		pr.f()
	}
}

// propagate runs the queued rules until the queue is empty. A rule is
// queued only when a shape it reads becomes known, which happens once per
// shape variable, so this ends.
func (s *solver) propagate() {
	// The queue is read in place (a rule may queue more) and emptied
	// at the end, so that its array serves every round.
	for i := 0; i < len(s.queue); i++ {
		id := s.queue[i]
		s.queued[id] = false
		s.runRule(id)
	}
	s.queue = s.queue[:0]
}
