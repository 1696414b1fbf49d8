package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"deriv/engine"
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

// options are the engine's load options from the flags.
func (f *programFlags) options(file string) engine.Options {
	return engine.Options{File: file, Where: f.Where, Let: f.Let, Of: f.Of}
}

// load reads and parses the program.
func (f *programFlags) load(e *env) (*symbolic.Program, error) {
	src, file, err := f.source(e)
	if err != nil {
		return nil, inputErr(err)
	}
	p, err := engine.Load(context.Background(), src, f.options(file))
	if err != nil {
		return nil, inputErr(err)
	}
	return p, nil
}

// loadFunction reads and parses a program that must have a function to
// differentiate or evaluate (a definition or a bare expression).
func (f *programFlags) loadFunction(e *env) (*symbolic.Program, error) {
	src, file, err := f.source(e)
	if err != nil {
		return nil, inputErr(err)
	}
	p, err := engine.LoadFunction(context.Background(), src, f.options(file))
	if err != nil {
		return nil, inputErr(err)
	}
	return p, nil
}

// loadTargets reads and parses the program and its --wrt list.
func (f *programFlags) loadTargets(e *env, wrt string) (*symbolic.Program, []*symbolic.Expr, error) {
	p, err := f.loadFunction(e)
	if err != nil {
		return nil, nil, err
	}
	targets, err := engine.Targets(p, "--wrt", wrt)
	if err != nil {
		return nil, nil, inputErr(err)
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

// checkFlags are the numeric-verification flags (SPEC §4).
type checkFlags struct {
	Seed   int64   `help:"Seed for the random points." default:"1"`
	Points int     `help:"Number of random points." default:"8"`
	Tol    float64 `help:"Relative tolerance." default:"1e-6"`
	Dims   string  `help:"Sizes of dimension symbols, e.g. d=1000,n=50." placeholder:"d=N,…"`
}

// options validates the flags and returns the engine's check options.
func (c *checkFlags) options() (engine.CheckOptions, error) {
	dims, err := engine.ParseDims(c.Dims)
	if err != nil {
		return engine.CheckOptions{}, inputErr(err)
	}
	o := engine.CheckOptions{Points: c.Points, Tol: c.Tol, Seed: c.Seed, Dims: dims}
	if err := o.Validate(engine.DefaultBudget); err != nil {
		return o, inputErr(err)
	}
	return o, nil
}
