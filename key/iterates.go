package key

import (
	"slices"
	"strings"

	"deriv/assignment"
	"deriv/engine"
	"deriv/symbolic"
)

// stepTargets is what a step question's update is computed over: its own
// --wrt variables first, then those of the other step questions on the
// same program (same text, --of, --let and rate), as a worksheet asks for
// w_i^{(t+1)} and b_i^{(t+1)} of one simultaneous step in two parts. So
// every variable that the step updates is written as its iterate in each
// part (b_j^{(t)} inside the w-update, not b_j). The first len(ref.Wrt)
// rules of engine.Step over the result are the question's own.
func stepTargets(a *assignment.Assignment, q *assignment.Question, ref *assignment.Reference) []*symbolic.Expr {
	out := append([]*symbolic.Expr(nil), ref.Wrt...)
	seen := map[string]bool{}
	for _, w := range out {
		seen[symbolic.Print(w, symbolic.Text)] = true
	}
	for _, o := range a.Questions {
		r := o.Request
		if o == q || r.Command != "step" || strings.TrimSpace(o.Program) != strings.TrimSpace(q.Program) ||
			r.Of != q.Request.Of || r.Rate != q.Request.Rate || !slices.Equal(r.Let, q.Request.Let) {
			continue
		}
		ws, err := engine.Targets(ref.Program, "--wrt", strings.Join(r.Wrt, ","))
		if err != nil {
			continue
		}
		for _, w := range ws {
			if k := symbolic.Print(w, symbolic.Text); !seen[k] {
				seen[k] = true
				out = append(out, w)
			}
		}
	}
	return out
}
