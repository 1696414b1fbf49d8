package grammar

import "github.com/alecthomas/participle/v2/lexer"

// quickDecl reads the commonest declaration straight into the nodes decl
// builds for it: plain names (identifiers or commands, without
// subscripts or labels) separated by commas, an In literal, then R, ℝ,
// \R or \Reals, with no exponent, ^d, ^3 or ^{m×n} (dimensions numbers or
// plain names, any Times literal), and then the end of the statement.
// That is x, b ∈ R^n or A ∈ ℝ^{n×n}: most declarations, read without
// decl's trials of the alternatives that cannot match. On anything else
// it reports false with the cursor unmoved, and decl reads the statement
// (TestFastMatchesParticiple and FuzzFastParse hold the two to
// participle).
func (p *fast) quickDecl() (*Decl, bool) {
	toks, j := p.toks, p.i
	var buf [8]*DeclName
	names := buf[:0]
	for {
		t := &toks[j]
		if !p.plainName(j) {
			return nil, false
		}
		n := p.aName.new(Name{Pos: t.Pos, Text: t.Value})
		tg := p.aTarget.new(Target{Pos: t.Pos, Name: n})
		names = append(names, p.aDeclName.new(DeclName{Pos: t.Pos, Target: tg}))
		j++
		if toks[j].Value != "," || toks[j].Type == lexer.EOF {
			break
		}
		j++
	}
	in := &toks[j]
	if in.Type == lexer.EOF || !oneOf(in.Value, inLits) {
		return nil, false
	}
	j++
	rt := &toks[j]
	switch rt.Value {
	case "R", "ℝ", `\R`, `\Reals`:
	default:
		return nil, false
	}
	j++
	r := Reals{Pos: rt.Pos, R: rt.Value}
	if toks[j].Value == "^" {
		j++
		d := Dims{Pos: toks[j].Pos}
		if toks[j].Value == "{" && toks[j].Type == TokOpen {
			j++
			var dbuf [2]*Dim
			list := dbuf[:0]
			for {
				dim, ok := p.quickDim(j)
				if !ok || len(list) == len(dbuf) {
					return nil, false
				}
				list = append(list, dim)
				j++
				if t := &toks[j]; t.Type != lexer.EOF && oneOf(t.Value, timesLits) && len(list) == 1 {
					j++
					continue
				}
				break
			}
			if toks[j].Value != "}" || toks[j].Type != TokClose {
				return nil, false
			}
			j++
			d.List = p.lDims.carve(list)
		} else {
			dim, ok := p.quickDim(j)
			if !ok {
				return nil, false
			}
			j++
			d.One = dim
		}
		r.Dims = p.aDims.new(d)
	}
	if t := &toks[j]; t.Type != lexer.EOF && t.Type != TokSemi && t.Type != TokNewline {
		return nil, false
	}
	space := p.aSpace.new(Space{Pos: rt.Pos, Reals: p.aReals.new(r)})
	part := p.aDeclPart.new(DeclPart{Pos: toks[p.i].Pos, Targets: p.lNames.carve(names), In: in.Value, Space: space})
	var pbuf [1]*DeclPart
	pbuf[0] = part
	d := p.aDecl.new(Decl{Pos: toks[p.i].Pos, Parts: p.lParts.carve(pbuf[:])})
	p.i = j
	return d, true
}

// plainName reports whether token j is a name that target reads as a Name
// alone: an identifier or a command (not a font, nor an ellipsis, which
// declName reads first), with no subscript or label after it.
func (p *fast) plainName(j int) bool {
	t := &p.toks[j]
	switch {
	case t.Type != TokIdent && t.Type != TokCmd:
		return false
	case t.Type == TokCmd && (isFont(t.Value) || oneOf(t.Value, dotsLits)):
		return false
	}
	next := &p.toks[j+1]
	return next.Type != tokSub && next.Type != tokSuper && next.Value != "_" && next.Value != "^"
}

// quickDim is dim at token j for quickDecl: a number, or a plain name.
func (p *fast) quickDim(j int) (*Dim, bool) {
	t := &p.toks[j]
	if t.Type == tokNumber {
		return p.aDim.new(Dim{Pos: t.Pos, Num: t.Value}), true
	}
	if !p.plainName(j) {
		return nil, false
	}
	n := p.aName.new(Name{Pos: t.Pos, Text: t.Value})
	return p.aDim.new(Dim{Pos: t.Pos, Name: p.aTarget.new(Target{Pos: t.Pos, Name: n})}), true
}

// quickDef reads the commonest definition, a plain name then an Eq literal
// (f = …), as def does, without def's trials of subscripts, labels and a
// parameter list. On anything else it reports false with the cursor
// unmoved, and def reads the statement.
func (p *fast) quickDef() (*Def, bool) {
	toks, j := p.toks, p.i
	if !p.plainName(j) {
		return nil, false
	}
	t, eq := &toks[j], &toks[j+1]
	if eq.Type == lexer.EOF || !oneOf(eq.Value, eqLits) {
		return nil, false
	}
	p.i = j + 2
	body, ok := p.seq()
	if !ok {
		p.i = j
		return nil, false
	}
	n := p.aName.new(Name{Pos: t.Pos, Text: t.Value})
	tg := p.aTarget.new(Target{Pos: t.Pos, Name: n})
	return p.aDef.new(Def{Pos: t.Pos, Target: tg, Eq: eq.Value, Body: body}), true
}
