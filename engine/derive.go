package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"deriv/numeric"
	"deriv/symbolic"
)

// Kind is what Derive computes.
type Kind uint8

const (
	// Grad is the gradient of a scalar: the shape of the variable.
	Grad Kind = iota + 1
	// Jacobian is the m×n Jacobian of a vector-valued function.
	Jacobian
	// Hessian is the n×n Hessian of a scalar.
	Hessian
)

func (k Kind) String() string {
	switch k {
	case Grad:
		return "grad"
	case Jacobian:
		return "jacobian"
	case Hessian:
		return "hessian"
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Verify says whether Derive checks its results numerically.
type Verify uint8

const (
	// VerifySilently checks every result before it is shown and reports a
	// failure in Derived.Failed (SPEC §4: every derivative is verified).
	// It screens the result along random directions at 3 points first
	// (numeric.Verify) and runs the full check only when the screen does
	// not pass it; a positive Report is then the screen's (Points 3,
	// Method "random directions"), a negative one the full check's.
	VerifySilently Verify = iota
	// VerifyReport checks and keeps the report (--check).
	VerifyReport
	// VerifyOff skips the check (--no-verify).
	VerifyOff
)

// DeriveRequest says what to derive.
type DeriveRequest struct {
	Kind Kind
	// Wrt lists the variables (from Targets).
	Wrt []*symbolic.Expr
	// Inline turns the where list off.
	Inline bool
	// Through lists intermediates to express the result through.
	Through []string
	Verify  Verify
	Check   CheckOptions
	Budget  Budget
}

// Full is the derivative with its where list substituted: the value
// that numeric evaluates. It is computed once, at the first call; safe
// for concurrent use.
func (d *Derived) Full() *symbolic.Expr {
	d.fullOnce.Do(func() {
		if d.full == nil {
			d.full = symbolic.Expand(d.Derivative)
		}
	})
	return d.full
}

// Derived is one derivative with what was computed about it.
type Derived struct {
	*symbolic.Derivative
	Kind Kind
	// Of is the function's name (OfName).
	Of string
	// full is Full's value, made at its first call (most derivations
	// shown unverified never need it).
	full     *symbolic.Expr
	fullOnce sync.Once
	// Report is the numeric check (VerifyReport; and VerifySilently, when
	// the check could run).
	Report *Report
	// Unchecked is set when the result could not be evaluated (an
	// abstract function with no numeric stand-in): shown unverified.
	Unchecked error
	// Index is set for a result with more than two axes, written in index
	// notation; Expr is then the gradient G(e) of its seeded form (see
	// IndexForm).
	Index *IndexForm
	// seeded is the program of an index-notation result, with its seeds.
	seeded *symbolic.Program
	// fam is set for --wrt z_i of a family of definitions: the program
	// the result was derived in, where z is a family variable (see
	// familyDefTarget).
	fam *famTarget
}

// Failed reports whether the derivative failed its numeric check: a bug in
// deriv when it happens under VerifySilently.
func (d *Derived) Failed() bool { return d.Report != nil && !d.Report.Verdict.Positive() }

// Derive differentiates p's function with respect to each of req.Wrt and,
// unless req.Verify is VerifyOff, checks each result against finite
// differences. Errors: a positioned *symbolic.Error (nothing
// differentiable, a construct without a rule), *LimitError (budget), or
// *InternalError.
func Derive(ctx context.Context, p *symbolic.Program, req DeriveRequest) (out []*Derived, err error) {
	defer recoverInternal(&err)
	ctx, cancel := req.Budget.context(ctx)
	defer cancel()
	if !hasFunction(p) {
		return nil, symbolic.Errorf(symbolic.Pos(len(p.Src)), "nothing to differentiate: the program has no definition or expression").WithSource(p.Src, p.File)
	}
	if err := checkDims(p, req.Check.Dims); err != nil {
		return nil, err
	}
	var derive func(*symbolic.Program, *symbolic.Expr, symbolic.GradOptions) (*symbolic.Derivative, error)
	switch req.Kind {
	case Grad:
		derive = symbolic.Grad
	case Jacobian:
		derive = symbolic.Jacobian
	case Hessian:
		derive = symbolic.Hessian
	default:
		return nil, fmt.Errorf("deriv: unknown kind of derivative %v", req.Kind)
	}
	b := req.Budget.withDefaults()
	through, err := throughKeys(p, req.Through)
	if err != nil {
		return nil, err
	}
	gopts := symbolic.GradOptions{Inline: req.Inline, Through: through, Context: ctx, MaxNodes: b.Nodes}
	for _, w := range req.Wrt {
		if r, err := deriveIndex(p, w, req, gopts); err != nil || r != nil {
			if err != nil {
				return nil, err
			}
			if err := timeLimit(ctx, req.Budget, "differentiating"); err != nil {
				return nil, err
			}
			out = append(out, r)
			continue
		}
		pw, w, fam := p, w, (*famTarget)(nil)
		if q, t, ok := familyDefTarget(p, w); ok {
			// --wrt z_i of a family of definitions
			pw, w, fam = q, t, &famTarget{prog: q, def: p.Symbols[w.Key()].Def}
		}
		d, err := derive(pw, w, gopts)
		if err != nil {
			return nil, inProgram(asLimit(err, ctx, req.Budget, "differentiating"), p)
		}
		if err := timeLimit(ctx, req.Budget, "differentiating"); err != nil {
			return nil, err
		}
		r := &Derived{Derivative: d, Kind: req.Kind, Of: OfName(p), fam: fam}
		if err := r.verify(ctx, p, req); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Verify checks d (a result of Derive for p, derived with VerifyOff)
// numerically as Derive does under req.Verify — silently (screened
// first, see verify) or with the full report (VerifyReport) — with
// req.Check and req.Budget, and sets d.Report, or d.Unchecked when d
// cannot be evaluated. Errors are Derive's: a *LimitError, or a
// positioned error when the check cannot run (always under VerifyReport;
// silently, when the program is at fault). VerifyOff, and a result in
// index notation (verified by Derive on its seeded program), change
// nothing.
func (d *Derived) Verify(ctx context.Context, p *symbolic.Program, req DeriveRequest) (err error) {
	defer recoverInternal(&err)
	ctx, cancel := req.Budget.context(ctx)
	defer cancel()
	return d.verify(ctx, p, req)
}

// verify is Verify within Derive's context.
func (d *Derived) verify(ctx context.Context, p *symbolic.Program, req DeriveRequest) error {
	if req.Verify == VerifyOff || d.Index != nil {
		return nil
	}
	doing := "verifying ∂" + d.Of + "/∂" + symbolic.Print(d.Wrt, symbolic.Text)
	if d.fam != nil {
		p = d.fam.prog
	}
	rep, err := verify(ctx, p, d.Kind, d.Wrt, d.Full(), req.Check, req.Budget, req.Verify == VerifySilently)
	err = asLimit(err, ctx, req.Budget, doing)
	var le *LimitError
	switch {
	case errors.As(err, &le):
		return err
	case err != nil && req.Verify == VerifyReport:
		return inProgram(err, p)
	case err != nil && isProgramFault(&err, d.Of):
		return inProgram(err, p)
	case err != nil:
		d.Unchecked = err
	default:
		d.Report = rep
	}
	return timeLimit(ctx, req.Budget, doing)
}

// deriveIndex derives a result with more than two axes in index notation
// (a Jacobian, or a Hessian with respect to a matrix); it returns nil, nil
// for any other request.
func deriveIndex(p *symbolic.Program, w *symbolic.Expr, req DeriveRequest, gopts symbolic.GradOptions) (*Derived, error) {
	if len(req.Through) > 0 {
		return nil, nil
	}
	f := p.Result.Body
	switch {
	case req.Kind == Jacobian && needsIndex(f.Shape, w.Shape):
		return indexJacobian(gopts.Context, p, f, w, Jacobian, req, gopts)
	case req.Kind == Hessian && f.Shape.IsScalar() && w.Shape.IsMatrix() && !w.Shape.IsRow():
		inline := gopts
		inline.Inline = true
		g, err := symbolic.Grad(p, w, inline)
		if err != nil {
			return nil, inProgram(asLimit(err, gopts.Context, req.Budget, "differentiating"), p)
		}
		return indexJacobian(gopts.Context, p, g.Expr, w, Hessian, req, gopts)
	}
	return nil, nil
}

// verify checks a derivative numerically: a Hessian against finite
// differences of the gradient's definition, anything else against those of
// f. Silently (before a result is shown, without --check) it screens the
// derivative along a few random directions first and runs the full check
// only when the screen fails or cannot judge (numeric.Verify); the full
// check's report, when it runs, is the report.
func verify(ctx context.Context, p *symbolic.Program, kind Kind, wrt, full *symbolic.Expr, o CheckOptions, b Budget, silent bool) (*Report, error) {
	check, checkHessian := numeric.Check, numeric.CheckHessian
	if silent {
		check, checkHessian = numeric.Verify, numeric.VerifyHessian
	}
	var rep *numeric.Report
	var err error
	opts := o.numeric(ctx, b)
	switch {
	case kind == Hessian:
		rep, err = checkHessian(p, p.Result.Body, wrt, full, opts)
	case kind == Jacobian && p.Result.Body.Shape.IsScalar():
		// The Jacobian of a scalar is a row, the gradient's transpose.
		rep, err = check(p, p.Result.Body, wrt, symbolic.T(full), opts)
	default:
		rep, err = check(p, p.Result.Body, wrt, full, opts)
	}
	if err != nil {
		return nil, err
	}
	return fromNumeric(rep), nil
}

// ValueAt evaluates a derivative at the point at (from ReadValues); for a
// family member w_i it returns every member's derivative stacked, as SPEC
// §6 asks. The value is JSON-ready (numbers, arrays, arrays of rows).
func (d *Derived) ValueAt(p *symbolic.Program, at *numeric.Env) (v any, err error) {
	defer recoverInternal(&err)
	if d.Index != nil {
		return d.indexValue(at)
	}
	if d.fam != nil {
		if at, err = d.fam.values(p, at); err != nil {
			return nil, err
		}
		p = d.fam.prog
	}
	c, err := numeric.Compile(p, d.Full())
	if err != nil {
		return nil, err
	}
	return numeric.EvalTarget(c, at, p, d.Wrt)
}
