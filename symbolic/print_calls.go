package symbolic

import "unicode/utf8"

// call prints a function application: exp(x), σ(z), g_1(w), |a| (Text);
// sigma(z), abs(a) (ASCII); \exp(x), \sqrt{x}, \operatorname{tr}(A),
// \left|a\right| (LaTeX).
func (p *printer) call(e *Expr) {
	switch {
	case e.Name == "abs" && len(e.Args) == 1 && len(e.Sub) == 0 && p.st != ASCII:
		p.str(p.pick("|", "", `\left|`))
		p.barred(e.Args[0])
		p.str(p.pick("|", "", `\right|`))
		return
	case e.Name == "sqrt" && len(e.Args) == 1 && len(e.Sub) == 0 && p.st == LaTeX:
		p.str(`\sqrt{`)
		p.expr(e.Args[0], PrecNone)
		p.str("}")
		return
	}
	p.funcName(e)
	p.args(e.Args)
}

// funcName prints the name of a called function: a builtin's spelling from
// Funcs, or a declared function's name with its subscripts (g_i).
func (p *printer) funcName(e *Expr) {
	if info, ok := Funcs[e.Name]; ok && len(e.Sub) == 0 && e.Label == "" {
		p.str(p.pick(info.Name, info.ASCII, info.LaTeX))
		return
	}
	p.variable(e)
}

// args prints a parenthesised argument list: (a, b), and in LaTeX
// \left(a, b\right) only when the arguments are tall (see bracket).
func (p *printer) args(args []*Expr) {
	p.bracket(func() {
		p.grouped(func() {
			for i, a := range args {
				if i > 0 {
					p.str(", ")
				}
				p.expr(a, PrecNone)
			}
		})
	})
}

// derivCall prints φ'(z), ∂_1 f(a, b) and J_Φ(z) in the printer's style
// (phi'(z), partial_1 f(a, b), J_Phi(z); \phi'\left(z\right),
// \partial_{1} f\left(a, b\right), J_{\Phi}\left(z\right)).
func (p *printer) derivCall(e *Expr) {
	switch e.Op {
	case OpPrime:
		p.funcName(e)
		p.str("'")
	case OpPartial:
		k := shortestNum(e.Num)
		if e.Num == 0 && len(e.Sub) == 1 {
			// ∂_i f(…): the argument's number is an index (parser: Sub
			// holds it, Num is 0).
			q := printer{st: p.st}
			q.expr(e.Sub[0], PrecAtom)
			k = string(q.buf)
			p.str(p.pick("∂_"+k+" ", "partial_"+k+" ", `\partial_{`+k+"} "))
			p.str(p.name(e.Name))
			break
		}
		p.str(p.pick("∂_"+k+" ", "partial_"+k+" ", `\partial_{`+k+"} "))
		p.funcName(e)
	case OpJac:
		q := printer{st: p.st}
		q.funcName(e)
		name := string(q.buf)
		_, greek := GreekName[e.Name]
		if utf8.RuneCountInString(name) == 1 || (p.st == ASCII && greek && len(e.Sub) == 0) {
			p.str("J_" + name)
		} else {
			p.str("J_{" + name + "}")
		}
	}
	p.args(e.Args)
}

// sum prints Σ_{i=1}^{n} e (sum_{i=1}^{n} e, \sum_{i=1}^{n} e). The body
// is a product term: a sum or negation in it is parenthesised.
func (p *printer) sum(e *Expr) {
	p.str(p.pick("Σ_{", "sum_{", `\sum_{`))
	p.str(p.name(e.Name))
	p.str("=")
	p.expr(nthArg(e, 0), PrecNone)
	p.str("}^{")
	p.expr(nthArg(e, 1), PrecNone)
	p.str("} ")
	p.expr(nthArg(e, 2), PrecElem)
}

// norm prints ‖v‖, ‖v‖₁, ‖A‖_F (norm2(v), norm1(v), normF(A);
// \left\|v\right\|, \left\|v\right\|_1, \left\|A\right\|_F). An empty Name
// is the Euclidean norm.
func (p *printer) norm(e *Expr) {
	kind := e.Name
	if kind == "" {
		kind = "2"
	}
	if x := nthArg(e, 0); kind == "2" && x != nil && x.Shape.IsMatrix() && !x.Shape.IsRow() {
		// ‖A‖ of a matrix is the Frobenius norm: say so.
		kind = "F"
	}
	if p.st == ASCII {
		p.str("norm" + kind + "(")
		p.expr(nthArg(e, 0), PrecNone)
		p.str(")")
		return
	}
	p.str(p.pick("‖", "", `\left\|`))
	p.barred(nthArg(e, 0))
	p.str(p.pick("‖", "", `\right\|`))
	switch {
	case kind == "2":
	case kind == "1" && p.st == Text:
		p.str("₁")
	case utf8.RuneCountInString(kind) == 1:
		p.str("_" + kind)
	default:
		p.str("_{" + kind + "}")
	}
}

// ones prints the all-ones vector, row or matrix by shape: 𝟙, 𝟙ᵀ, (𝟙 𝟙ᵀ);
// vector(1), vector(1)', matrix(1); \mathbf{1}, \mathbf{1}^\top.
func (p *printer) ones(e *Expr) {
	// Every spelling reads back with the same shape: a row of ones is 𝟙ᵀ,
	// a matrix of ones (𝟙 𝟙ᵀ), in brackets so that it stays one operand.
	switch {
	case e.Shape.IsRow():
		p.str(p.pick("𝟙ᵀ", "vector(1)'", `\mathbf{1}^\top`))
	case e.Shape.IsMatrix():
		p.str(p.pick("(𝟙 𝟙ᵀ)", "matrix(1)", `\left(\mathbf{1} \mathbf{1}^\top\right)`))
	default:
		p.str(p.pick("𝟙", "vector(1)", `\mathbf{1}`))
	}
}

// deriv prints ∂f/∂w_i (df/dw_i, \frac{\partial f}{\partial w_{i}}).
func (p *printer) deriv(e *Expr) {
	if p.st == LaTeX {
		p.str(`\frac{\partial `)
		p.expr(nthArg(e, 0), PrecAtom)
		p.str(`}{\partial `)
		p.expr(nthArg(e, 1), PrecAtom)
		p.str("}")
		return
	}
	d := p.pick("∂", "d", "")
	p.str(d)
	p.expr(nthArg(e, 0), PrecAtom)
	p.str("/" + d)
	p.expr(nthArg(e, 1), PrecAtom)
}
