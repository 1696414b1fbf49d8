package symbolic

import "strings"

// PrintProgram writes p in canonical form, one statement a line:
// declarations first, in the order their names first appear (variables of
// one shape grouped, "x, b, y ∈ ℝ^d"; family members of one index grouped,
// "w_i ∈ ℝ^d, b_i ∈ ℝ for i = 1..n"; a free index "i ∈ {1, …, n}";
// functions "φ: ℝ → ℝ", "g_i: ℝ → ℝ for i = 1..n"), then the definitions
// "z = W1 x + b", "f(W, x, y) = …", then a bare result expression if the
// program has one, then the parser's notes (Program.Notes) as comments.
// Shapes inferred from use are declared explicitly, so
// the output parses (parser.Parse) to an equivalent program. A nil program
// prints as "".
func PrintProgram(p *Program, st Style) string {
	if p == nil {
		return ""
	}
	pr := printer{st: st}
	var lines []string
	done := map[string]bool{}
	for _, key := range p.Order {
		sym := p.Symbols[key]
		if sym == nil || done[key] {
			continue
		}
		switch sym.Kind {
		case SymVar:
			lines = append(lines, pr.varGroup(p, key, done))
		case SymFamily:
			lines = append(lines, pr.familyGroup(p, sym, done))
		case SymFunc:
			done[key] = true
			lines = append(lines, pr.funcDecl(key, sym))
		case SymIndex:
			done[key] = true
			if !usedByFamily(p, key) {
				lines = append(lines, pr.key(key)+pr.pick(" ∈ {1, …, ", " in {1, ..., ", ` \in \{1, \ldots, `)+
					pr.dim(sym.Count)+pr.pick("}", "}", `\}`))
			}
		}
	}
	for _, d := range p.Defs {
		lines = append(lines, pr.def(d))
	}
	if p.Result != nil && p.Result.Name == "" {
		lines = append(lines, Print(p.Result.Body, st))
	}
	for _, n := range p.Notes {
		lines = append(lines, pr.pick("# note: ", "# note: ", "% note: ")+n)
	}
	return strings.Join(lines, "\n")
}

// key spells a symbol key (text spelling) in the printer's style.
func (p *printer) key(k string) string {
	base, label := SplitKey(k)
	q := printer{st: p.st}
	q.variable(&Expr{Op: OpVar, Name: base, Label: label})
	return string(q.buf)
}

// in is the membership sign of a declaration.
func (p *printer) in() string { return p.pick(" ∈ ", " in ", ` \in `) }

// varGroup declares key and every later variable of the same shape:
// "x, b, y ∈ ℝ^d".
func (p *printer) varGroup(prog *Program, key string, done map[string]bool) string {
	shape := prog.Symbols[key].Shape
	var names []string
	for _, k := range prog.Order {
		s := prog.Symbols[k]
		if s != nil && s.Kind == SymVar && !done[k] && s.Shape.Equal(shape) {
			done[k] = true
			names = append(names, p.key(k))
		}
	}
	return strings.Join(names, ", ") + p.in() + PrintShape(shape, p.st)
}

// familyGroup declares every family indexed like sym: "w_i ∈ ℝ^d, b_i ∈ ℝ
// for i = 1..n".
func (p *printer) familyGroup(prog *Program, sym *Symbol, done map[string]bool) string {
	var parts []string
	for _, k := range prog.Order {
		s := prog.Symbols[k]
		if s != nil && s.Kind == SymFamily && !done[k] && s.Index == sym.Index && s.Count == sym.Count {
			done[k] = true
			parts = append(parts, p.member(k, s.Index)+p.in()+PrintShape(s.Shape, p.st))
		}
	}
	return strings.Join(parts, ", ") + p.forRange(sym.Index, sym.Count)
}

// member spells the member of family key at index: w_i, W^{(1)}_i.
func (p *printer) member(key, index string) string {
	base, label := SplitKey(key)
	q := printer{st: p.st}
	q.variable(&Expr{Op: OpVar, Name: base, Label: label, Sub: []*Expr{{Op: OpVar, Name: index}}})
	return string(q.buf)
}

// forRange is the " for i = 1..n" of a family declaration (", i = 1,
// \dots, n" in LaTeX, as students write it).
func (p *printer) forRange(index string, count Dim) string {
	if p.st == LaTeX {
		return ", " + p.name(index) + ` = 1, \dots, ` + p.dim(count)
	}
	return " for " + p.name(index) + " = 1.." + p.dim(count)
}

// funcDecl declares a function: "φ: ℝ → ℝ", "Φ: ℝ^d → ℝ^d",
// "f: ℝ × ℝ → ℝ", "g_i: ℝ → ℝ for i = 1..n".
func (p *printer) funcDecl(key string, sym *Symbol) string {
	name := p.key(key)
	if sym.Index != "" {
		name = p.member(key, sym.Index)
	}
	var dom []string
	for _, s := range sym.Domain {
		dom = append(dom, PrintShape(s, p.st))
	}
	if len(dom) == 0 {
		dom = []string{PrintShape(nil, p.st)}
	}
	line := name + ": " + strings.Join(dom, p.pick(" × ", " x ", ` \times `)) +
		p.pick(" → ", " -> ", ` \to `) + PrintShape(sym.Range, p.st)
	if sym.Index != "" {
		line += p.forRange(sym.Index, sym.Count)
	}
	return line
}

// def prints a definition: "z = …" or "f(W, x, y) = …".
func (p *printer) def(d *Def) string {
	head := p.key(d.Name)
	if len(d.Params) > 0 {
		params := make([]string, len(d.Params))
		for i, k := range d.Params {
			params[i] = p.key(k)
		}
		head += "(" + strings.Join(params, ", ") + ")"
	}
	return head + " = " + Print(d.Body, p.st)
}

// usedByFamily reports whether some family (or family of functions) is
// indexed by index.
func usedByFamily(p *Program, index string) bool {
	for _, s := range p.Symbols {
		if s.Index == index && (s.Kind == SymFamily || s.Kind == SymFunc) {
			return true
		}
	}
	return false
}
