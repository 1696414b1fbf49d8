// Command deriv is a symbolic derivative checker for the calculus of
// machine learning: it parses formulas in ASCII, Unicode or LaTeX, derives
// closed-form gradients in textbook notation, verifies them against finite
// differences, and judges claimed derivatives.
//
// Usage: deriv <command> [flags] [PROGRAM]. See ../../README.md and
// ../shared/SPEC.md §5.
//
// Exit codes: 0 done and the verdict (if any) is positive; 1 the verdict is
// negative; 2 the input could not be used. Errors go to stderr as
// `<input>:LINE:COL: message`, the source line and a caret.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	"github.com/alecthomas/kong"
)

// Exit codes (SPEC §5).
const (
	exitOK       = 0
	exitNegative = 1
	exitInput    = 2
)

// cli is the command tree.
type cli struct {
	Parse    parseCmd    `cmd:"" help:"Print the program back in canonical form (text, ASCII, LaTeX) with every name's shape."`
	Grad     gradCmd     `cmd:"" help:"Closed-form gradient(s) of the function."`
	Jacobian jacobianCmd `cmd:"" help:"Closed-form Jacobian of a vector-valued function."`
	Hessian  hessianCmd  `cmd:"" help:"Closed-form Hessian of a scalar function."`
	Step     stepCmd     `cmd:"" help:"One gradient-descent update written in the iterates' names."`
	Check    checkCmd    `cmd:"" help:"Is a claimed derivative right? Verdict, worst error, counterexample, likely mistake."`
	Equiv    equivCmd    `cmd:"" help:"Are two expressions equal for all values?"`
	Eval     evalCmd     `cmd:"" help:"The function's value at a point (--at VALUES.json)."`
	Descend  descendCmd  `cmd:"" help:"Run gradient descent numerically; report the iterates and which weights stay equal (symmetry)."`
	Key      keyCmd      `cmd:"" help:"Write a LaTeX (article or exam) or Markdown answer key from an assignment file; --pdf compiles it."`
	Graph    graphCmd    `cmd:"" help:"The computation graph (DOT, TikZ or Mermaid); --backward adds the adjoints."`
	Grade    gradeCmd    `cmd:"" help:"Grade submitted answers against an assignment (JSON Lines, CSV, Gradescope, PrairieLearn)."`
}

// env is what every command runs with: its streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// exitError carries an exit code through kong's Run.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// negative reports a negative verdict (exit 1) after the output was written.
func negative() error { return &exitError{code: exitNegative} }

// inputErr marks an error as "the input could not be used" (exit 2).
func inputErr(err error) error { return &exitError{code: exitInput, err: err} }

type kongExit struct{ code int }

// run is main without os.Exit, for tests: it returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	return runWith(grammarFor(args), args, stdin, stdout, stderr)
}

// grammarFor is the command tree kong needs for args: when the first
// argument names a command, a tree of that command alone. Building the
// whole tree reflects on every flag of every command (about 11 million
// instructions, 3 ms, most of a short run); a one-command tree parses,
// runs, reports errors and prints help for that command exactly as the
// whole tree does (TestOneCommandTreeIsTheSame). Anything else (no
// command, --help, a misspelt command) gets the whole tree.
func grammarFor(args []string) any {
	if len(args) == 0 {
		return &cli{}
	}
	t := reflect.TypeFor[cli]()
	for i := range t.NumField() {
		f := t.Field(i)
		if strings.ToLower(f.Name) == args[0] {
			one := reflect.StructOf([]reflect.StructField{{Name: f.Name, Type: f.Type, Tag: f.Tag}})
			return reflect.New(one).Interface()
		}
	}
	return &cli{}
}

// runWith is run over the command tree c (a pointer to a struct of
// commands, as grammarFor makes).
func runWith(c any, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			if k, ok := r.(kongExit); ok {
				code = k.code
				return
			}
			// Never show a Go panic to a user; say what happened instead.
			fmt.Fprintf(stderr, "deriv: internal error: %v\n", r)
			code = exitInput
		}
	}()
	k, err := kong.New(c,
		kong.Name("deriv"),
		kong.Description("A symbolic derivative checker for the calculus of machine learning."),
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { panic(kongExit{code}) }),
		kong.UsageOnError(),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
	)
	if err != nil {
		fmt.Fprintf(stderr, "deriv: %v\n", err)
		return exitInput
	}
	ctx, err := k.Parse(joinValues(args))
	if err != nil {
		fmt.Fprintf(stderr, "deriv: %v\n", err)
		return exitInput
	}
	err = ctx.Run(&env{stdin: stdin, stdout: stdout, stderr: stderr})
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, ee.err.Error())
		}
		return ee.code
	}
	fmt.Fprintln(stderr, err.Error())
	return exitInput
}

// valueFlags take a value that may begin with "-" (a negated claim, a
// negative rate); kong would read such a value as a flag.
var valueFlags = map[string]bool{
	"--claim": true, "--wrt": true, "--rate": true, "--let": true, "--where": true,
	"--of": true, "--through": true, "--dims": true, "--at": true,
}

// joinValues rewrites `--claim -x` as `--claim=-x` so that values starting
// with a minus sign reach the command intact.
func joinValues(args []string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if valueFlags[a] && i+1 < len(args) && strings.HasPrefix(args[i+1], "-") && args[i+1] != "-" {
			out = append(out, a+"="+args[i+1])
			i++
			continue
		}
		out = append(out, a)
	}
	return out
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
