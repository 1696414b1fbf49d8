package engine

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"deriv/numeric"
	"deriv/symbolic"
)

// maxDim is the largest size a dimension symbol may be given.
const maxDim = 1 << 24

// ParseDims reads a --dims list, "d=1000,n=50". Each name may appear
// once; sizes are integers from 1 to 2²⁴ (memory is bounded later, by the
// Budget, before anything is allocated).
func ParseDims(s string) (map[symbolic.Dim]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	out := map[symbolic.Dim]int{}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		k = strings.TrimSpace(k)
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if !ok || k == "" || err != nil || n < 1 || n > maxDim {
			return nil, fmt.Errorf("deriv: --dims %q: want NAME=SIZE with 1 ≤ SIZE ≤ %d", kv, maxDim)
		}
		if _, dup := out[symbolic.Dim(k)]; dup {
			return nil, fmt.Errorf("deriv: --dims: %s is given twice", k)
		}
		out[symbolic.Dim(k)] = n
	}
	return out, nil
}

// checkDims rejects --dims names that are not dimension symbols of p.
func checkDims(p *symbolic.Program, dims map[symbolic.Dim]int) error {
	if len(dims) == 0 {
		return nil
	}
	var exprs []*symbolic.Expr
	if hasFunction(p) {
		exprs = append(exprs, p.Result.Body)
	}
	known := numeric.DimsOf(p, exprs...)
	for d := range dims {
		if !slices.Contains(known, d) {
			names := make([]string, len(known))
			for i, k := range known {
				names[i] = string(k)
			}
			return fmt.Errorf("deriv: --dims %s: the program has no dimension %s (it has: %s)", d, d, listOrNone(names))
		}
	}
	return nil
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}
