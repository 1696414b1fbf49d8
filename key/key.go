// Package key writes answer keys (SPEC §7.4) from an assignment file: for
// each question its text, the program in mathematics, the answer (the
// instructor's if given, else deriv's) with its where list as an aligned
// display, a line saying at how many random points it was verified, and
// optionally the derivation (forward definitions and the backward chain of
// δ's, each verified) and the computation graph in TikZ. Formats: a LaTeX
// article, a LaTeX exam (questions with solution environments) and
// Markdown with KaTeX-safe maths. The LaTeX needs only amsmath, amssymb
// and (for graphs) TikZ.
package key

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"deriv/assignment"
	"deriv/engine"
	"deriv/graph"
	"deriv/symbolic"
)

// Options configure Build.
type Options struct {
	// Steps adds each answer's derivation.
	Steps bool
	// Points is the number of random points of each verification
	// (default 8).
	Points int
}

// Key is an assignment's answer key, ready to write in any format.
type Key struct {
	Title string
	Items []*Item
	// Graphs is set when some item has a graph (TikZ is needed).
	Graphs bool
}

// Item is one question of the key.
type Item struct {
	Q *assignment.Question
	// Program lists the program's lines in LaTeX; Let the substitutions
	// the question makes (Φ = id).
	Program []string
	Let     []string
	Answers []*Answer
	// Expr is set for an `expr:` question: any expression equal to it is
	// accepted.
	Expr bool
	// Graph is the program's computation graph (graph: true).
	Graph *graph.Graph
}

// Answer is one answer with its where list and verification.
type Answer struct {
	// LHS is the left side in LaTeX (\frac{\partial \ell}{\partial x},
	// w_i^{(t+1)}); Text its width proxy in the text spelling.
	LHS, LHSText string
	RHS          *symbolic.Expr
	// Where are the where list's lines.
	Where []Line
	// Instructor is set when RHS is the instructor's answer; Agrees when
	// deriv's form is shown (an update) and the instructor's answer, given,
	// equals it.
	Instructor, Agrees bool
	// Points is the number of random points the answer was verified at
	// (0: not verified numerically); Method says how.
	Points int
	Method string
	// Steps is the derivation (Options.Steps).
	Steps *Steps
}

// Line is a named line "name = expr" of a where list or a derivation.
type Line struct {
	Name, NameText string
	Expr           *symbolic.Expr
	// Head, when set, is written between Name and Expr (= ∂ℓ/∂z =).
	Head string
	// Checked is the number of points the line was verified at.
	Checked int
}

// Steps is a derivation: the forward definitions and the backward chain.
type Steps struct {
	Forward  []Line
	Backward []Line
}

// idWord is the identity function's name in a --let (Φ = id).
// It is compiled on first use: a command that writes no key (deriv grad)
// should not pay for compiling it at start-up.
var idWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(^|[^A-Za-z\\])id([^A-Za-z]|$)`) })

// Build derives every question's answer and verification.
func Build(ctx context.Context, a *assignment.Assignment, opts Options) (*Key, error) {
	if opts.Points == 0 {
		opts.Points = 8
	}
	k := &Key{Title: a.Title}
	for _, q := range a.Questions {
		it, err := buildItem(ctx, a, q, opts)
		if err != nil {
			return nil, fmt.Errorf("%s: question %s: %w", a.File, q.ID, err)
		}
		k.Graphs = k.Graphs || it.Graph != nil
		k.Items = append(k.Items, it)
	}
	return k, nil
}

func buildItem(ctx context.Context, a *assignment.Assignment, q *assignment.Question, opts Options) (*Item, error) {
	ref, err := q.Reference(ctx)
	if err != nil {
		return nil, err
	}
	it := &Item{Q: q}
	// The program as the question writes it (before --let).
	shown := ref.Program
	if p, err := engine.Load(ctx, q.Program, engine.Options{File: q.ID}); err == nil {
		shown = p
	}
	it.Program = programLines(shown)
	for _, l := range q.Request.Let {
		it.Let = append(it.Let, idWord().ReplaceAllString(mathText(l), `$1\mathrm{id}$2`))
	}
	check := engine.CheckOptions{Points: opts.Points, Seed: a.Seed, Tol: a.Tolerance}
	if q.Request.Command == "expr" || q.Expr != "" {
		it.Expr = true
		it.Answers = []*Answer{{RHS: ref.Values[0]}}
		return it, nil
	}
	var instructor *assignment.Answer
	if strings.TrimSpace(q.Answer) != "" {
		if instructor, err = ref.ParseAnswer(q.Answer, assignment.Limits{Bytes: 1 << 20, Depth: 500}); err != nil {
			return nil, err
		}
	}
	var rules []symbolic.StepRule
	if q.Request.Command == "step" {
		if rules, err = engine.Step(ctx, ref.Program, stepTargets(a, q, ref), ref.Rate, engine.Budget{}); err != nil {
			return nil, err
		}
	}
	// Verify deriv's derivatives (a Hessian against differences of the
	// gradient); the instructor's answer was checked equal to them when
	// the assignment loaded.
	verified := make([]*engine.Report, len(ref.Derived))
	if ds, err := engine.Derive(ctx, ref.Program, engine.DeriveRequest{Kind: q.Request.Kind(), Wrt: ref.Wrt, Through: q.Request.Through, Verify: engine.VerifyReport, Check: check}); err == nil && len(ds) == len(verified) {
		for i, d := range ds {
			verified[i] = d.Report
		}
	}
	for i, d := range ref.Derived {
		ans := &Answer{LHS: d.Head(symbolic.LaTeX), LHSText: d.Head(symbolic.Text), RHS: d.Expr}
		switch {
		case rules != nil:
			ans.LHS, ans.LHSText = symbolic.Print(rules[i].Next, symbolic.LaTeX), symbolic.Print(rules[i].Next, symbolic.Text)
			ans.RHS = rules[i].Update
			ans.Agrees = instructor != nil && instructor.Part == i
		case instructor != nil && instructor.Part == i:
			ans.RHS, ans.Instructor = instructor.Expr, true
		}
		if rules == nil {
			ans.Where = whereLines(d, ans.RHS, ans.Instructor)
		}
		if rep := verified[i]; rep != nil {
			if !rep.Verdict.Positive() {
				return nil, fmt.Errorf("deriv's derivative failed its numeric check (a bug in deriv)")
			}
			ans.Points, ans.Method = rep.Points, rep.Method
		}
		if opts.Steps {
			ans.Steps = derivation(ctx, ref.Program, ref.Wrt[i], check)
		}
		it.Answers = append(it.Answers, ans)
	}
	if q.Graph {
		g, err := graph.Build(ref.Program, graph.Options{Backward: opts.Steps})
		if err != nil && opts.Steps {
			// Without the reverse pass, rather than no graph.
			g, err = graph.Build(ref.Program, graph.Options{})
		}
		if err != nil {
			return nil, err
		}
		it.Graph = g
	}
	return it, nil
}

// whereLines are the where list's lines that the answer uses (all of them
// for deriv's own answer), with the lines they use in turn.
func whereLines(d *engine.Derived, rhs *symbolic.Expr, filter bool) []Line {
	var out []Line
	used := map[string]bool{}
	mark := func(e *symbolic.Expr) {
		symbolic.Inspect(e, func(n *symbolic.Expr) bool {
			if n.Op == symbolic.OpVar {
				used[symbolic.Print(n, symbolic.Text)] = true
			}
			return true
		})
	}
	mark(rhs)
	for i := len(d.Where) - 1; i >= 0; i-- {
		if used[symbolic.Print(d.Where[i].Var(), symbolic.Text)] {
			mark(d.Where[i].Expr)
		}
	}
	for _, b := range d.Where {
		v := b.Var()
		if filter && !used[symbolic.Print(v, symbolic.Text)] {
			continue
		}
		out = append(out, Line{Name: symbolic.Print(v, symbolic.LaTeX), NameText: symbolic.Print(v, symbolic.Text), Expr: b.Expr})
	}
	return out
}

// programLines typesets a program one statement a line (each to follow
// "&" in an aligned block); a definition too wide for the page continues
// on further lines, broken between terms and factors.
func programLines(p *symbolic.Program) []string {
	latex := strings.Split(symbolic.PrintProgram(p, symbolic.LaTeX), "\n")
	text := strings.Split(symbolic.PrintProgram(p, symbolic.Text), "\n")
	if len(latex) != len(text) {
		return latex
	}
	bodies := make([]*symbolic.Expr, 0, len(p.Defs)+1)
	for _, d := range p.Defs {
		bodies = append(bodies, d.Body)
	}
	if p.Result != nil && p.Result.Name == "" {
		bodies = append(bodies, p.Result.Body)
	}
	first := len(latex) - len(bodies)
	for i, body := range bodies {
		k := first + i
		if k < 0 || width(text[k]) <= maxWidth {
			continue
		}
		head := ""
		if h, _, ok := strings.Cut(latex[k], " = "); ok && (i < len(p.Defs)) {
			head = h + " = "
		}
		headText := ""
		if h, _, ok := strings.Cut(text[k], " = "); ok && (i < len(p.Defs)) {
			headText = h + " = "
		}
		lines := pack(split(body), maxWidth-width(headText), maxWidth-4)
		latex[k] = head + strings.Join(lines, " \\\\\n&\\qquad ")
	}
	return latex
}
