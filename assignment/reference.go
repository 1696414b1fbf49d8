package assignment

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"gonum.org/v1/gonum/mat"

	"deriv/engine"
	"deriv/parser"
	"deriv/symbolic"
)

// Reference is what deriv derives for a question: the program as loaded,
// the scope answers are read in, and the value every correct answer
// equals.
type Reference struct {
	// Program is the question's program, loaded with its --let and --of
	// (and the step size declared as a scalar for step).
	Program *symbolic.Program
	// Scope is Program plus a definition for every alias (W1 = W^{(1)})
	// and every name of deriv's where lists (z, r, δ2, …): answers are
	// parsed and evaluated in it. It must not be modified.
	Scope *symbolic.Program
	// Wrt are the --wrt variables (empty for expr).
	Wrt []*symbolic.Expr
	// Derived are deriv's derivatives, one per Wrt (grad, jacobian,
	// hessian, step).
	Derived []*engine.Derived
	// Rate is the step size of a step question.
	Rate *symbolic.Expr
	// Values hold, per Wrt (one entry for expr), the expression a correct
	// answer equals: the derivative with its where list substituted, the
	// update's right side v − η ∂f/∂v for step, the expression for expr.
	Values []*symbolic.Expr
	// Index is the free index of a family member w_i ("" if none) and
	// Count its range (n).
	Index string
	Count symbolic.Dim
	// Aliases maps an alias's symbol key to the expression it stands for.
	Aliases map[string]*symbolic.Expr
	// Points are the question's random points (drawn once, seeded by the
	// assignment's seed) and Want the value of each of Values at them.
	Points *engine.Points
	Want   [][]*mat.Dense
	// Tol is the assignment's tolerance.
	Tol float64
}

// NumPoints is the number of random points a question is graded at (each
// repeated per bound family member for ∂f/∂w_i).
const NumPoints = 4

type refOnce struct {
	once sync.Once
	ref  *Reference
	err  error
}

var refs sync.Map // *Question → *refOnce

// Reference derives the question's answer through the engine, once (later
// calls return the same value). Errors are *Error positioned into the
// YAML: the program does not parse, the ask names something unknown, the
// derivative cannot be taken.
func (q *Question) Reference(ctx context.Context) (*Reference, error) {
	v, _ := refs.LoadOrStore(q, &refOnce{})
	r := v.(*refOnce)
	r.once.Do(func() { r.ref, r.err = q.derive(ctx) })
	return r.ref, r.err
}

func (q *Question) derive(ctx context.Context) (*Reference, error) {
	req := q.Request
	opts := engine.Options{File: q.ID, Let: req.Let, Of: req.Of}
	if req.Command == "step" {
		if _, err := parser.Parse(q.Program); err == nil {
			opts.Where = req.Rate + " ∈ R"
		}
	}
	var p *symbolic.Program
	var err error
	if req.Command == "expr" {
		p, err = engine.Load(ctx, q.Program, opts)
	} else {
		p, err = engine.LoadFunction(ctx, q.Program, opts)
	}
	if err != nil && opts.Where != "" {
		// The rate may be declared by the program itself.
		opts.Where = ""
		p, err = engine.LoadFunction(ctx, q.Program, opts)
	}
	if err != nil {
		return nil, q.errIn("program", err)
	}
	ref := &Reference{Program: p, Aliases: map[string]*symbolic.Expr{}}
	switch req.Command {
	case "expr":
		e, err := engine.ParseExpr(p, q.Expr)
		if err != nil {
			return nil, q.errIn("expr", err)
		}
		ref.Values = []*symbolic.Expr{e}
	default:
		wrt, err := engine.Targets(p, "--wrt", joinList(req.Wrt))
		if err != nil {
			return nil, q.errIn("ask", err)
		}
		ref.Wrt = wrt
		if req.Command == "step" {
			if ref.Rate, err = engine.ParseExpr(p, req.Rate); err != nil {
				return nil, q.errIn("ask", fmt.Errorf("--rate %s: %w", req.Rate, err))
			}
		}
		ds, err := engine.Derive(ctx, p, engine.DeriveRequest{Kind: req.Kind(), Wrt: wrt, Through: req.Through, Verify: engine.VerifyOff})
		if err != nil {
			return nil, q.errIn("ask", err)
		}
		ref.Derived = ds
		for i, d := range ds {
			v := d.Full()
			if req.Command == "step" {
				v = symbolic.Sub(wrt[i], symbolic.Mul(ref.Rate, d.Full()))
			}
			ref.Values = append(ref.Values, v)
		}
		ref.Index, ref.Count = freeIndex(p, wrt)
	}
	scope, err := q.scope(ref)
	if err != nil {
		return nil, err
	}
	ref.Scope = scope
	ref.Tol = q.tol
	// With a free index (∂f/∂w_i) the values cannot be evaluated unbound:
	// draw points where the function is defined.
	defined := ref.Values
	if ref.Index != "" {
		defined = []*symbolic.Expr{ref.Program.Result.Body}
	}
	pts, err := engine.SamplePoints(scope, defined, ref.Index, ref.Count, engine.CheckOptions{Points: NumPoints, Seed: q.seed})
	if err != nil {
		return nil, q.errIn("program", err)
	}
	ref.Points = pts
	for _, v := range ref.Values {
		w, err := pts.Values(ctx, scope, v, engine.Budget{Time: -1})
		if err != nil {
			return nil, q.errIn("program", err)
		}
		ref.Want = append(ref.Want, w)
	}
	if err := q.checkAnswer(ctx, ref); err != nil {
		return nil, err
	}
	return ref, nil
}

func joinList(xs []string) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out
}

// freeIndex finds the free index of a family member among wrt (w_i).
func freeIndex(p *symbolic.Program, wrt []*symbolic.Expr) (string, symbolic.Dim) {
	for _, w := range wrt {
		sym := p.Symbols[w.Key()]
		if sym == nil || sym.Kind != symbolic.SymFamily || len(w.Sub) != 1 {
			continue
		}
		s := w.Sub[0]
		if s.Op == symbolic.OpVar {
			if is := p.Symbols[s.Key()]; is == nil || is.Kind == symbolic.SymIndex {
				return s.Key(), sym.Count
			}
		}
	}
	return "", ""
}

// scope builds the program answers are read in: the program plus
// definitions for the aliases and deriv's where names.
func (q *Question) scope(ref *Reference) (*symbolic.Program, error) {
	p := ref.Program
	s := *p
	s.Symbols = maps.Clone(p.Symbols)
	s.Order = slices.Clone(p.Order)
	s.Defs = slices.Clone(p.Defs)
	define := func(key string, body *symbolic.Expr) {
		if _, ok := s.Symbols[key]; ok || key == "" || body == nil {
			return
		}
		def := &symbolic.Def{Name: key, Body: body, Pos: symbolic.NoPos}
		s.Symbols[key] = &symbolic.Symbol{Name: key, Kind: symbolic.SymDef, Shape: body.Shape, Declared: true, Def: def, Pos: symbolic.NoPos}
		s.Order = append(s.Order, key)
		s.Defs = append(s.Defs, def)
	}
	for _, d := range ref.Derived {
		for _, b := range d.Where {
			v := b.Var()
			if len(v.Sub) > 0 || v.Label != "" {
				continue
			}
			body := b.Expr
			if b.Value != nil {
				body = b.Value
			}
			define(v.Key(), body)
		}
	}
	// The where names of the program's other gradients (z and r are the
	// same names whichever variable deriv differentiates for): answers
	// may use them too, whatever deriv prints for this question.
	if hasFunction(p) && p.Result.Body.Shape.IsScalar() {
		n := 0
		for _, k := range p.Order {
			sym := p.Symbols[k]
			if sym == nil || sym.Kind != symbolic.SymVar || n >= 8 {
				continue
			}
			n++
			w := &symbolic.Expr{Op: symbolic.OpVar, Name: k, Shape: sym.Shape, Pos: symbolic.NoPos}
			ds, err := engine.Derive(context.Background(), p, engine.DeriveRequest{Kind: engine.Grad, Wrt: []*symbolic.Expr{w}, Verify: engine.VerifyOff, Budget: engine.Budget{Time: 5e9}})
			if err != nil || len(ds) != 1 {
				continue
			}
			for _, b := range ds[0].Where {
				if v := b.Var(); len(v.Sub) == 0 && v.Label == "" && b.Value == nil {
					define(v.Key(), b.Expr)
				}
			}
		}
	}
	for _, alias := range slices.Sorted(maps.Keys(q.Aliases)) {
		target := q.Aliases[alias]
		e, err := parser.ParseExpr(&s, target)
		if err != nil {
			return nil, q.errAt("aliases", fmt.Sprintf("aliases: %s: %s", alias, symMsg(err)))
		}
		key, err := NameKey(alias)
		if err != nil {
			return nil, q.errAt("aliases", fmt.Sprintf("aliases: %s is not a name", alias))
		}
		if sym, ok := p.Symbols[key]; ok && sym.Kind != symbolic.SymDef {
			continue // already a name of the program
		}
		ref.Aliases[key] = e
		define(key, e)
	}
	return &s, nil
}

var nameKeys sync.Map

// NameKey is the symbol key of a name written in any spelling (W1, W_1,
// W^{(1)}, \delta): what the parser files it under.
func NameKey(name string) (string, error) {
	if v, ok := nameKeys.Load(name); ok {
		return v.(string), nil
	}
	p, err := parser.Parse(name + " ∈ R")
	if err != nil {
		return "", err
	}
	for _, k := range p.Order {
		if sym := p.Symbols[k]; sym != nil && sym.Kind == symbolic.SymVar {
			nameKeys.Store(name, k)
			return k, nil
		}
	}
	return "", errors.New("not a name")
}

// symMsg is an error's message without its position.
func symMsg(err error) string {
	var se *symbolic.Error
	if errors.As(err, &se) {
		return se.Msg
	}
	return err.Error()
}

// errIn positions err (from the program, ask, expr or answer text) into
// the YAML scalar of field.
func (q *Question) errIn(field string, err error) error {
	var se *symbolic.Error
	if errors.As(err, &se) && se.Src != "" && (field == "program" || field == "answer" || field == "expr") {
		line, col := se.LineCol()
		p := q.pos[field]
		if l, c := p.at(line, col); l > 0 {
			return &Error{File: q.file, Line: l, Col: c, Msg: fmt.Sprintf("question %s: %s: %s", q.ID, field, se.Msg)}
		}
	}
	msg := err.Error()
	if errors.As(err, &se) {
		msg = se.Msg
	}
	return q.errAt(field, fmt.Sprintf("question %s: %s: %s", q.ID, field, msg))
}

// errAt is an error at the start of field's value.
func (q *Question) errAt(field, msg string) error {
	p, ok := q.pos[field]
	if !ok {
		p = q.pos[""]
	}
	return &Error{File: q.file, Line: p.line, Col: p.col, Msg: msg}
}

// checkAnswer checks the instructor's answer against the derivation.
func (q *Question) checkAnswer(ctx context.Context, ref *Reference) error {
	if strings.TrimSpace(q.Answer) == "" {
		return nil
	}
	a, err := ref.ParseAnswer(q.Answer, Limits{Bytes: 1 << 20, Depth: 500})
	if err != nil {
		var ae *AnswerError
		if errors.As(err, &ae) {
			p := q.pos["answer"]
			if l, c := p.at(ae.Line, ae.Col); l > 0 && ae.Line > 0 {
				return &Error{File: q.file, Line: l, Col: c, Msg: fmt.Sprintf("question %s: answer: %s", q.ID, ae.Msg)}
			}
			return q.errAt("answer", fmt.Sprintf("question %s: answer: %s", q.ID, ae.Msg))
		}
		return q.errAt("answer", fmt.Sprintf("question %s: answer: %v", q.ID, err))
	}
	for part := range ref.Values {
		e, ok := a.Parts[part]
		if !ok {
			return q.errAt("answer", fmt.Sprintf("question %s: answer: no answer for %s (write one line per variable, as in ∂f/∂%s = …)", q.ID, symbolic.Print(ref.Wrt[part], symbolic.Text), symbolic.Print(ref.Wrt[part], symbolic.Text)))
		}
		got, err := ref.Points.Values(ctx, a.Scope, e, engine.Budget{Time: -1})
		if err != nil {
			return q.errAt("answer", fmt.Sprintf("question %s: answer: cannot be evaluated: %s", q.ID, symMsg(err)))
		}
		rel, same := engine.RelError(ref.Want[part], got)
		if !same {
			return q.errAt("answer", fmt.Sprintf("question %s: answer: the instructor's answer has the wrong shape (deriv's is %s)", q.ID, ref.Values[part].Shape))
		}
		if rel > ref.Tol {
			return q.errAt("answer", fmt.Sprintf("question %s: answer: the instructor's answer is not the derivative (relative error %.3g); deriv derives %s", q.ID, rel, symbolic.Print(ref.DerivedForm(part), symbolic.Text)))
		}
	}
	return nil
}

// DerivedForm is part i's reference in deriv's own form: the derivative
// with its where names, or the update, or the expression.
func (r *Reference) DerivedForm(i int) *symbolic.Expr {
	if i < len(r.Derived) && r.Rate == nil {
		return r.Derived[i].Expr
	}
	return r.Values[i]
}

func hasFunction(p *symbolic.Program) bool { return p.Result != nil && p.Result.Body != nil }
