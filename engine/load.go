package engine

import (
	"context"
	"fmt"
	"strings"

	"deriv/parser"
	"deriv/symbolic"
)

// Options configure Load.
type Options struct {
	// File names the source in messages (default "<input>").
	File string
	// Where holds extra declarations, read before the program
	// ("x ∈ R^d; W ∈ R^{d×d}", SPEC §5 --where).
	Where string
	// Let holds definitions substituted before differentiating
	// ('Φ = id', SPEC §3 --let).
	Let []string
	// Of names the definition to differentiate (default: the last one).
	Of string
	// Budget bounds the text's size and nesting depth (Bytes, Depth).
	Budget Budget
}

// Load parses, resolves and shape-checks a program. Errors are positioned
// *symbolic.Error values with the source attached (exit 2 in the CLI).
func Load(ctx context.Context, src string, opts Options) (p *symbolic.Program, err error) {
	defer recoverInternal(&err)
	b := opts.Budget.withDefaults()
	var room [4]parser.Option
	popts := room[:0]
	if b.Bytes != parser.DefaultMaxBytes || b.Depth != parser.DefaultMaxDepth {
		// (The parser's own defaults need no option.)
		popts = append(popts, parser.WithLimits(b.Bytes, b.Depth))
	}
	if opts.File != "" {
		popts = append(popts, parser.WithFile(opts.File))
	}
	if opts.Where != "" {
		popts = append(popts, parser.WithWhere(opts.Where))
	}
	if len(opts.Let) > 0 {
		popts = append(popts, parser.WithLet(opts.Let...))
	}
	if p, err = parser.Parse(src, popts...); err != nil {
		return nil, err
	}
	if opts.Of != "" {
		if err := selectOf(p, opts.Of); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// LoadFunction is Load for a program that must have a function to
// differentiate or evaluate (a definition or a bare last expression).
func LoadFunction(ctx context.Context, src string, opts Options) (*symbolic.Program, error) {
	p, err := Load(ctx, src, opts)
	if err != nil {
		return nil, err
	}
	if !hasFunction(p) {
		end := symbolic.Pos(len(p.Src))
		return nil, symbolic.Errorf(end, "nothing to differentiate: the program has no definition or expression").WithSource(p.Src, p.File)
	}
	return p, nil
}

func hasFunction(p *symbolic.Program) bool { return p.Result != nil && p.Result.Body != nil }

// selectOf makes the definition named name the function to differentiate.
func selectOf(p *symbolic.Program, name string) error {
	e, err := parser.ParseExpr(p, name)
	if err == nil && e.Op == symbolic.OpVar {
		for _, d := range p.Defs {
			if d.Name == e.Key() {
				p.Result = d
				return nil
			}
		}
	}
	return fmt.Errorf("deriv: --of %s: the program has no definition of that name", name)
}

// ParseExpr parses an expression in p's scope (a claim, one side of an
// equivalence, a --wrt name). Positions are offsets into src.
func ParseExpr(p *symbolic.Program, src string) (e *symbolic.Expr, err error) {
	defer recoverInternal(&err)
	return parser.ParseExpr(p, src)
}

// Targets parses a comma-separated list of variables (a --wrt list:
// "x,W^{(1)},w_i"). flag names the list in messages.
func Targets(p *symbolic.Program, flag, list string) (out []*symbolic.Expr, err error) {
	defer recoverInternal(&err)
	var room [4]string // most lists name a few variables
	names := splitList(room[:0], list)
	if len(names) == 0 {
		return nil, fmt.Errorf("deriv: %s needs at least one name", flag)
	}
	out = make([]*symbolic.Expr, 0, len(names))
	for _, n := range names {
		if e := plainName(p, n); e != nil {
			out = append(out, e)
			continue
		}
		e, err := parser.ParseTarget(p, n)
		if err != nil {
			return nil, relabel(err, flag)
		}
		if e.Op != symbolic.OpVar {
			return nil, fmt.Errorf("deriv: %s %s: not a variable", flag, n)
		}
		out = append(out, e)
	}
	return out, nil
}

// plainName returns the variable named exactly by the key n ("W1", "x",
// "W⁽¹⁾", "z") without running the parser, or nil for anything that needs
// it (other spellings, family members, entries).
func plainName(p *symbolic.Program, n string) *symbolic.Expr {
	s := p.Symbols[n]
	if s == nil || (s.Kind != symbolic.SymVar && s.Kind != symbolic.SymDef) || (s.Def != nil && len(s.Def.Params) > 0) {
		return nil
	}
	base, label := symbolic.SplitKey(n)
	if symbolic.VarKey(base, label) != n {
		return nil
	}
	return &symbolic.Expr{Op: symbolic.OpVar, Name: base, Label: label, Shape: s.Shape, Pos: 0}
}

// SplitList splits s at commas that are not inside (), [] or {}:
// "x,W_{i,j}" → ["x", "W_{i,j}"].
func SplitList(s string) []string { return splitList(nil, s) }

// splitList is SplitList appending to out.
func splitList(out []string, s string) []string {
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" || len(out) > 0 {
		out = append(out, rest)
	}
	return out
}

// OfName is the name of the function being differentiated: the result
// definition's name, or "f" for a bare expression.
func OfName(p *symbolic.Program) string {
	if p.Result == nil || p.Result.Name == "" {
		return "f"
	}
	return p.Result.Name
}
