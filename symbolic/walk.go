package symbolic

import "slices"

// Inspect traverses e depth-first in the manner of go/ast.Inspect: it calls
// f(n) for each node n (subscripts and arguments included); if f returns
// false, Inspect skips n's children. A nil e is not visited.
func Inspect(e *Expr, f func(*Expr) bool) {
	if e == nil || !f(e) {
		return
	}
	for _, s := range e.Sub {
		Inspect(s, f)
	}
	for _, a := range e.Args {
		Inspect(a, f)
	}
}

// Uses returns the keys of the program's symbols that e refers to,
// following definitions (a Var or Call naming a SymDef brings in what its
// body uses). Bound and free index names are included.
func (p *Program) Uses(e *Expr) map[string]bool {
	used := map[string]bool{}
	var visit func(*Expr, []string)
	visit = func(e *Expr, params []string) {
		Inspect(e, func(n *Expr) bool {
			switch n.Op {
			case OpVar, OpCall, OpPrime, OpPartial, OpJac:
				key := n.Key()
				if used[key] || n.Op == OpVar && slices.Contains(params, key) {
					// A parameter of the definition being visited
					// (t in σ(t) = …) is not a variable of the program.
					return true
				}
				used[key] = true
				if s := p.Symbols[key]; s != nil && s.Kind == SymDef && s.Def != nil {
					visit(s.Def.Body, s.Def.Params)
				}
			case OpSum:
				used[n.Name] = true
			}
			return true
		})
	}
	visit(e, nil)
	return used
}
