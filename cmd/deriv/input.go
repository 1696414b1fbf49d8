package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"deriv/parser"
	"deriv/symbolic"
)

// maxInput bounds what deriv reads from a file or standard input, before the
// parser's own (smaller) limit is applied with a positioned message.
const maxInput = 16 << 20

// programFlags are the flags every command that reads a program shares.
type programFlags struct {
	Program string   `arg:"" optional:"" help:"The program text; - reads standard input."`
	File    string   `short:"f" help:"Read the program from FILE." placeholder:"FILE"`
	Where   string   `help:"Extra declarations, e.g. 'x ∈ R^d; W ∈ R^{d×d}'." placeholder:"DECLS"`
	Let     []string `help:"Substitute a definition before differentiating, e.g. 'Φ = id' (repeatable)." sep:"none" placeholder:"DEF"`
	Of      string   `help:"The definition to differentiate (default: the last one)." placeholder:"NAME"`
	JSON    bool     `name:"json" help:"Write one JSON document to stdout."`
}

// load reads and parses the program.
func (f *programFlags) load(e *env) (*symbolic.Program, error) {
	src, file, err := f.source(e)
	if err != nil {
		return nil, inputErr(err)
	}
	opts := []parser.Option{parser.WithFile(file)}
	if f.Where != "" {
		opts = append(opts, parser.WithWhere(f.Where))
	}
	if len(f.Let) > 0 {
		opts = append(opts, parser.WithLet(f.Let...))
	}
	p, err := parser.Parse(src, opts...)
	if err != nil {
		return nil, inputErr(err)
	}
	if f.Of != "" {
		if err := selectOf(p, f.Of); err != nil {
			return nil, inputErr(err)
		}
	}
	return p, nil
}

// loadFunction reads and parses a program that must have a function to
// differentiate or evaluate (a definition or a bare expression).
func (f *programFlags) loadFunction(e *env) (*symbolic.Program, error) {
	p, err := f.load(e)
	if err != nil {
		return nil, err
	}
	if p.Result == nil || p.Result.Body == nil {
		end := symbolic.Pos(len(p.Src))
		return nil, inputErr(symbolic.Errorf(end, "nothing to differentiate: the program has no definition or expression").WithSource(p.Src, p.File))
	}
	return p, nil
}

// loadTargets reads and parses the program and its --wrt list.
func (f *programFlags) loadTargets(e *env, wrt string) (*symbolic.Program, []*symbolic.Expr, error) {
	p, err := f.loadFunction(e)
	if err != nil {
		return nil, nil, err
	}
	targets, err := parseTargets(p, "--wrt", wrt)
	if err != nil {
		return nil, nil, err
	}
	return p, targets, nil
}

// source returns the program text and the name to use in messages.
func (f *programFlags) source(e *env) (string, string, error) {
	switch {
	case f.File != "" && f.Program != "":
		return "", "", fmt.Errorf("deriv: give the program either as an argument or with -f, not both")
	case f.File != "":
		fh, err := os.Open(f.File)
		if err != nil {
			return "", "", fmt.Errorf("deriv: %v", err)
		}
		defer fh.Close()
		b, err := readBounded(fh)
		return string(b), f.File, err
	case f.Program == "-":
		b, err := readBounded(e.stdin)
		return string(b), "<stdin>", err
	case f.Program == "":
		return "", "", fmt.Errorf("deriv: no program: give it as an argument, with -f FILE, or - for standard input")
	default:
		return f.Program, "<input>", nil
	}
}

func readBounded(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("deriv: %v", err)
	}
	if len(b) > maxInput {
		return nil, fmt.Errorf("deriv: input is larger than %d bytes", maxInput)
	}
	return b, nil
}

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

// splitTop splits s at commas that are not inside (), [] or {}:
// "x,W_{i,j}" → ["x", "W_{i,j}"].
func splitTop(s string) []string {
	var out []string
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

// parseTargets parses a --wrt list into variables of p.
func parseTargets(p *symbolic.Program, flag, list string) ([]*symbolic.Expr, error) {
	names := splitTop(list)
	if len(names) == 0 {
		return nil, inputErr(fmt.Errorf("deriv: %s needs at least one name", flag))
	}
	var out []*symbolic.Expr
	for _, n := range names {
		e, err := parser.ParseExpr(p, n)
		if err != nil {
			return nil, inputErr(relabel(err, flag))
		}
		if e.Op != symbolic.OpVar {
			return nil, inputErr(fmt.Errorf("deriv: %s %s: not a variable", flag, n))
		}
		out = append(out, e)
	}
	return out, nil
}

// relabel names the flag a positioned error came from.
func relabel(err error, flag string) error {
	if se, ok := err.(*symbolic.Error); ok {
		se.File = flag
	}
	return err
}

// checkFlags are the numeric-verification flags (SPEC §4).
type checkFlags struct {
	Seed   int64   `help:"Seed for the random points." default:"1"`
	Points int     `help:"Number of random points." default:"8"`
	Tol    float64 `help:"Relative tolerance." default:"1e-6"`
	Dims   string  `help:"Sizes of dimension symbols, e.g. d=1000,n=50." placeholder:"d=N,…"`
}

// dims parses --dims.
func (c *checkFlags) dims() (map[symbolic.Dim]int, error) {
	if c.Dims == "" {
		return nil, nil
	}
	out := map[symbolic.Dim]int{}
	for _, kv := range strings.Split(c.Dims, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if !ok || err != nil || n < 1 || n > 1<<24 {
			return nil, inputErr(fmt.Errorf("deriv: --dims %q: want NAME=SIZE with 1 ≤ SIZE ≤ %d", kv, 1<<24))
		}
		out[symbolic.Dim(strings.TrimSpace(k))] = n
	}
	return out, nil
}
