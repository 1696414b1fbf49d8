package numeric

import (
	"math"
	"strconv"
	"sync/atomic"

	"deriv/symbolic"
)

// An expression is a DAG: after differentiation a subexpression is shared
// by pointer, and (before the symbolic passes hash-cons it) equal
// subexpressions may also occur as distinct copies. graph gives every node
// a structural id, in one walk that visits each pointer once, so that the
// compiler can treat each distinct subexpression once: equal ids compile to
// one node, and a node used more than once is evaluated once per Eval.

// graph interns the nodes of the expressions a compiler walks.
type graph struct {
	// ids maps each visited pointer to its structural id.
	ids map[*symbolic.Expr]int
	// byKey maps a structural key (operator, names, number, shape and
	// the ids of the operands) to its id.
	byKey map[string]int
	// uses counts, by id, the references from distinct parents (a parent
	// using a child twice, x ⊙ x, counts twice).
	uses []int
	// visits counts the nodes walked (each pointer once).
	visits int
	// stack holds the operands' ids of the nodes being interned; key
	// the key being built.
	stack []int
	key   []byte
}

func newGraph() *graph {
	// The slices sized for the small expressions most checks compile.
	return &graph{ids: map[*symbolic.Expr]int{}, byKey: map[string]int{}, uses: make([]int, 0, 16), stack: make([]int, 0, 16)}
}

// id returns e's structural id, interning e and everything under it. It
// walks each pointer once, so its cost is linear in the number of distinct
// pointers however much they are shared.
func (g *graph) id(e *symbolic.Expr) int {
	if e == nil {
		return -1
	}
	if id, ok := g.ids[e]; ok {
		return id
	}
	g.visits++
	// The operands' ids first (Sub, then Args: the order of the walk),
	// on a stack shared by the recursion; then the key, in a buffer
	// reused from node to node (a string is made only for a new key).
	base := len(g.stack)
	for _, s := range e.Sub {
		c := g.id(s)
		g.stack = append(g.stack, c)
	}
	for _, a := range e.Args {
		c := g.id(a)
		g.stack = append(g.stack, c)
	}
	children := g.stack[base:]
	b := g.key[:0]
	b = strconv.AppendInt(b, int64(e.Op), 10)
	b = append(b, '|')
	b = append(b, e.Name...)
	b = append(b, '|')
	b = append(b, e.Label...)
	b = append(b, '|')
	b = strconv.AppendUint(b, math.Float64bits(e.Num), 16)
	b = append(b, '|')
	for _, d := range e.Shape {
		b = append(b, d...)
		b = append(b, ',')
	}
	b = append(b, '|')
	for i, c := range children {
		if i == len(e.Sub) {
			b = append(b, '|')
		}
		b = strconv.AppendInt(b, int64(c), 10)
		b = append(b, ',')
	}
	if len(children) == len(e.Sub) {
		b = append(b, '|')
	}
	g.key = b
	id, ok := g.byKey[string(b)]
	if !ok {
		id = len(g.uses)
		g.byKey[string(b)] = id
		g.uses = append(g.uses, 0)
		for _, c := range children {
			if c >= 0 {
				g.uses[c]++
			}
		}
	}
	g.stack = g.stack[:base]
	g.ids[e] = id
	return id
}

// shared reports whether the node with id is referenced more than once.
func (g *graph) shared(id int) bool { return id >= 0 && id < len(g.uses) && g.uses[id] > 1 }

// Work counts the work of compilation and evaluation since the last
// ResetWork, for tests that prove the cost linear in the number of
// distinct nodes (count work, not time). The counters are global and
// atomic; concurrent Evals add up.
type Work struct {
	// GraphVisits counts the nodes walked to intern expressions (each
	// pointer once per compilation).
	GraphVisits int64
	// CompileVisits counts the nodes compiled (each distinct node once
	// per scope).
	CompileVisits int64
	// NodeEvals counts the compiled nodes evaluated (a shared node once
	// per Eval, unless an index it depends on changed).
	NodeEvals int64
	// Evals counts the calls of Eval.
	Evals int64
}

var work struct {
	graph, compile, nodes, evals atomic.Int64
}

// ReadWork returns the work counters.
func ReadWork() Work {
	return Work{GraphVisits: work.graph.Load(), CompileVisits: work.compile.Load(),
		NodeEvals: work.nodes.Load(), Evals: work.evals.Load()}
}

// ResetWork sets the work counters to zero.
func ResetWork() {
	work.graph.Store(0)
	work.compile.Store(0)
	work.nodes.Store(0)
	work.evals.Store(0)
}
