package engine

import (
	"deriv/parser"
	"deriv/symbolic"
)

// throughKeys turns the names of a --through list into symbol keys: S2
// stays S2, while S^{(2)}, S^(2) and S⁽²⁾ all become the key of S⁽²⁾. A
// name that is not a plain name is left as written (symbolic then says it
// is not a definition); one that does not parse is an error about
// --through.
func throughKeys(p *symbolic.Program, names []string) ([]string, error) {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n
		if p == nil || p.Symbols[n] != nil {
			continue
		}
		e, err := parser.ParseExpr(p, n)
		if err != nil {
			return nil, relabel(err, "--through")
		}
		if e.Op == symbolic.OpVar && len(e.Sub) == 0 {
			out[i] = e.Key()
		}
	}
	return out, nil
}
