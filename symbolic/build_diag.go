package symbolic

import "slices"

// Rewrites of diag(v), the diagonal matrix of a vector, that keep Hessians
// short: diag(𝟙) is I, diag(u) ± diag(v) is diag(u ± v), and
// diag(u) diag(v) is diag(u ⊙ v).

// diagArg returns v when e is diag(v) of a vector v, else nil.
func diagArg(e *Expr) *Expr {
	if e.Op == OpCall && e.Name == "diag" && len(e.Args) == 1 && e.Sub == nil && e.Args[0].Shape.IsVector() {
		return e.Args[0]
	}
	return nil
}

// diagSum returns diag(u + sign v) when a is diag(u) and b is diag(v),
// else nil.
func diagSum(a, b *Expr, sign float64) *Expr {
	u, v := diagArg(a), diagArg(b)
	if u == nil || v == nil {
		return nil
	}
	if sign < 0 {
		return Call("diag", Sub(u, v))
	}
	return Call("diag", Add(u, v))
}

// mergeDiags replaces adjacent diagonal factors diag(u) diag(v) of a
// matrix product by diag(u ⊙ v).
func mergeDiags(fs []*Expr) []*Expr {
	if !slices.ContainsFunc(fs, func(f *Expr) bool { return diagArg(f) != nil }) {
		return fs // nothing to merge: no copy
	}
	var out []*Expr
	for _, f := range fs {
		if n := len(out); n > 0 {
			if u, v := diagArg(out[n-1]), diagArg(f); u != nil && v != nil {
				out[n-1] = diagHad(u, v)
				continue
			}
		}
		out = append(out, f)
	}
	return out
}
