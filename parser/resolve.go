package parser

import (
	"slices"
	"strings"

	"deriv/grammar"
	"deriv/symbolic"
)

// resolveVar turns a written name into a variable reference. With
// subscripts it is, in order: a declared name that includes them (W_1); a
// member of a family (w_i); an entry of a vector or matrix (W_{ij}); an
// entry of an undeclared variable when a subscript is an index; else an
// undeclared name of its own (W_1). Undeclared names are recorded as
// inferred variables, or rejected in read-only mode (ParseExpr).
func (l *lowerer) resolveVar(np *nameParts) (*symbolic.Expr, error) {
	v := l.newExpr(symbolic.Expr{Op: symbolic.OpVar, Name: np.base, Label: np.label, Pos: np.pos})
	if len(np.subs) == 0 {
		return v, l.use(v.Key(), np)
	}
	whole := np.base + "_" + strings.Join(np.subText, "")
	if s := l.symbol(symbolic.VarKey(whole, np.label)); s != nil && s.Kind != symbolic.SymFamily {
		v.Name = whole
		return v, nil
	}
	if e, ok, err := l.familyDefMember(np); ok || err != nil {
		return e, err
	}
	subs, err := l.subExprs(np)
	if err != nil {
		return nil, err
	}
	if i, ok := l.subscripted[np.base]; ok && l.symbol(v.Key()) == nil && len(subs) == 1 && subs[0].Op == symbolic.OpVar && subs[0].Name != i && l.anyIndex(subs) && !l.isAnyIndex(i) {
		// z_i is declared or defined, but i is no index (its uses run
		// over ranges that disagree): z_j would be an entry of another z.
		return nil, errNotFamily(np.pos, np.base+"_"+np.subText[0], np.base+"_"+i, i)
	}
	if l.symbol(v.Key()) != nil || l.anyIndex(subs) {
		v.Sub = subs
		if err := l.checkMember(v); err != nil {
			return nil, err
		}
		return v, l.use(v.Key(), np)
	}
	v.Name = whole
	return v, l.use(v.Key(), np)
}

// checkMember checks a family member's subscript: a number must lie in
// the family's range (1..count, when the count is a number; at least 1
// otherwise), and in a claim or target (read-only) a name must be an
// index: bound by a sum, declared, or the family's own.
func (l *lowerer) checkMember(v *symbolic.Expr) error {
	s := l.symbol(v.Key())
	if s == nil || s.Kind != symbolic.SymFamily || len(v.Sub) != 1 {
		return nil
	}
	sub := v.Sub[0]
	switch sub.Op {
	case symbolic.OpNum:
		k := sub.Num
		count, literal := parseUint(string(s.Count))
		if k < 1 || k != float64(int(k)) || literal && k > count {
			return errMemberRange(sub.Pos, v.Key(), sub.Num, s.Index, s.Count)
		}
	case symbolic.OpVar:
		if l.readOnly && !l.freeIndices && len(sub.Sub) == 0 && !l.isBound(sub.Name) && !l.isIndex(sub.Name) && !l.isFamilyIndex(sub.Name) {
			return errUnboundIndex(sub.Pos, sub.Name, v.Key()+"_"+sub.Name)
		}
	}
	return nil
}

// use checks or records a reference to key. Names inside subscripts are
// indices and are not recorded.
func (l *lowerer) use(key string, np *nameParts) error {
	if l.symbol(key) != nil || slices.Contains(l.bound, key) || l.isFamilyIndex(key) || l.inSub > 0 {
		return nil
	}
	if l.readOnly {
		if l.isDim(key) {
			return nil // a dimension's size as a value: log(n)
		}
		return errUnknownName(np.pos, key)
	}
	l.addSymbol(key, l.newSymbol(symbolic.Symbol{Name: key, Kind: symbolic.SymVar, Pos: np.pos}))
	return nil
}

// isDim reports whether name is a dimension of the program (found once,
// at the first question).
func (l *lowerer) isDim(name string) bool {
	if l.dims == nil {
		l.dims = symbolic.ProgramDims(l.prog)
	}
	return l.dims[symbolic.Dim(name)]
}

// isFamilyIndex reports whether name is the index of a declared family.
func (l *lowerer) isFamilyIndex(name string) bool { return l.familyIndex[name] }

// anyIndex reports whether some subscript is an index: bound by a sum,
// declared, or the index of a family.
func (l *lowerer) anyIndex(subs []*symbolic.Expr) bool {
	for _, s := range subs {
		if s.Op == symbolic.OpVar && l.isAnyIndex(s.Name) {
			return true
		}
		if s.Op != symbolic.OpVar && s.Op != symbolic.OpNum {
			// A computed subscript (j+1) is an index when it mentions one.
			names := map[string]bool{}
			mentions(s, names)
			for n := range names {
				if l.isAnyIndex(n) {
					return true
				}
			}
		}
	}
	return false
}

// isAnyIndex reports whether name is an index here: bound by a sum,
// declared, or the index of a family.
func (l *lowerer) isAnyIndex(name string) bool {
	return slices.Contains(l.bound, name) || l.isIndex(name) || l.isFamilyIndex(name)
}

// subExprs lowers subscripts: an index name is an OpVar (not a variable
// of the program), a whole number an OpNum, anything else an expression
// (t+1) whose names are indices too.
func (l *lowerer) subExprs(np *nameParts) ([]*symbolic.Expr, error) {
	out := make([]*symbolic.Expr, 0, len(np.subs))
	for _, part := range np.subs {
		if len(part) == 0 {
			return nil, errUnexpected(np.pos, ",")
		}
		if len(part) == 1 {
			it := part[0]
			if v, ok := parseUint(it.Number); ok {
				out = append(out, num(v, itemPos(it)))
				continue
			}
			if it.Ident != "" || it.Cmd != "" {
				name, ok := canonName(itemText(it))
				if !ok {
					return nil, errUnexpected(itemPos(it), itemText(it))
				}
				out = append(out, &symbolic.Expr{Op: symbolic.OpVar, Name: name, Pos: itemPos(it)})
				continue
			}
		}
		l.inSub++
		e, err := l.items(part, itemPos(part[len(part)-1]))
		l.inSub--
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// funcName says whether a written name is a function here, and which: a
// declared or defined function of the program (possibly a family member,
// g_1), or a builtin not shadowed by a program name.
func (l *lowerer) funcName(np *nameParts) (name string, builtin, ok bool) {
	if s := l.symbol(symbolic.VarKey(np.base, np.label)); s != nil {
		return np.base, false, s.Kind == symbolic.SymFunc || s.Kind == symbolic.SymDef && s.Def != nil && len(s.Def.Params) > 0
	}
	if len(np.subs) > 0 {
		whole := np.base + "_" + strings.Join(np.subText, "")
		if s := l.symbol(whole); s != nil {
			return whole, false, s.Kind == symbolic.SymFunc
		}
	}
	if len(np.subs) > 0 || np.label != "" {
		return "", false, false
	}
	if fn, ok := builtinName(np.raw, np.base); ok {
		return fn, true, true
	}
	return "", false, false
}

// extraBuiltins are function spellings with a meaning of their own.
var extraBuiltins = map[string]string{
	"inv": "inv", "norm": "norm2", "norm2": "norm2", "norm1": "norm1", "normF": "normF", "normfro": "normF",
}

// builtinName maps a builtin function's spelling to its canonical name.
func builtinName(raw, canon string) (string, bool) {
	raw = strings.TrimPrefix(raw, `\`)
	if fn, ok := extraBuiltins[raw]; ok {
		return fn, true
	}
	if fn, ok := symbolic.FuncByName[raw]; ok {
		return fn, true
	}
	fn, ok := symbolic.FuncByName[canon]
	return fn, ok
}

// maybeCall parses a call f(x, …) or a derivative call φ'(z) when the name
// is a function and an argument list follows.
func (l *lowerer) maybeCall(c *cursor, np *nameParts) (*symbolic.Expr, bool, error) {
	prime := isPunct(c.peek(), primeTok...) && isGroup(c.peekAt(1), "(")
	if !prime && !isGroup(c.peek(), "(") {
		return nil, false, nil
	}
	name, builtin, ok := l.funcName(np)
	if !ok {
		return nil, false, nil
	}
	if prime {
		c.next()
	}
	args, err := l.args(c.next().Group)
	if err != nil {
		return nil, true, err
	}
	if prime {
		if len(args) != 1 {
			return nil, true, errArgCount(np.pos, name+"'", 1, len(args))
		}
		e := &symbolic.Expr{Op: symbolic.OpPrime, Name: name, Label: np.label, Args: args, Pos: np.pos}
		if !builtin && name == np.base && len(np.subs) > 0 {
			if e.Sub, err = l.subExprs(np); err != nil {
				return nil, true, err
			}
		}
		return e, true, nil
	}
	if builtin {
		e, err := builtinNode(name, np.pos, args)
		return e, true, err
	}
	e := &symbolic.Expr{Op: symbolic.OpCall, Name: name, Label: np.label, Args: args, Pos: np.pos}
	if name == np.base && len(np.subs) > 0 {
		if e.Sub, err = l.subExprs(np); err != nil {
			return nil, true, err
		}
	}
	return applyPost(e, np), true, nil
}

// args lowers a call's argument list.
func (l *lowerer) args(g *grammar.Group) ([]*symbolic.Expr, error) {
	items, end := groupItems(g)
	if len(items) == 0 {
		return nil, errUnexpected(end, ")")
	}
	var room [4][]*grammar.Item // most calls have few arguments
	parts := appendCommaParts(room[:0], items)
	out := make([]*symbolic.Expr, len(parts))
	for i, part := range parts {
		partEnd := end
		if i+1 < len(parts) && len(parts[i+1]) > 0 {
			partEnd = itemPos(parts[i+1][0]) - 1
		}
		if len(part) == 0 {
			if i+1 < len(parts) {
				return nil, errUnexpected(partEnd, ",")
			}
			return nil, errUnexpected(partEnd, ")")
		}
		e, err := l.items(part, partEnd)
		if err != nil {
			return nil, err
		}
		out[i] = e
	}
	return out, nil
}

// builtinCall parses a LaTeX function command (\exp, \log, \det) and its
// argument. \sin^2 x, as textbooks write it, is (sin x)²: a power of
// whole digits right after the command applies to the call.
func (l *lowerer) builtinCall(c *cursor, fn, raw string, p symbolic.Pos) (*symbolic.Expr, error) {
	np := nameParts{raw: raw, base: fn, pos: p}
	if isGroup(c.peek(), "(") || isPunct(c.peek(), primeTok...) {
		if e, ok, err := l.maybeCall(c, &np); ok || err != nil {
			return e, err
		}
	}
	e, ok, err := l.bareCall(c, &np)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errExpected(c.here(), "an argument of "+raw, itemText(c.peek()))
	}
	return e, nil
}

// powerDigits returns the number item of a superscript of whole digits: 2
// or {2}; nil for anything else.
func powerDigits(it *grammar.Item) *grammar.Item {
	if isGroup(it, "{") {
		items, _ := groupItems(it.Group)
		if len(items) != 1 {
			return nil
		}
		it = items[0]
	}
	if it == nil || !isDigits(it.Number) {
		return nil
	}
	return it
}

// onesMatrixMark marks, until shape inference has run, an all-ones node
// that is a matrix (matrix(c), 𝟙 𝟙ᵀ) rather than a vector by default.
const onesMatrixMark = "matrix"

// onesMatrix is the matrix of ones (its sizes come from use).
func onesMatrix(p symbolic.Pos) *symbolic.Expr {
	return &symbolic.Expr{Op: symbolic.OpOnes, Name: onesMatrixMark, Pos: p}
}

// foldOnes reads the product 𝟙 𝟙ᵀ as the matrix of ones, so that the
// printed form of a matrix of ones reads back as the same node.
func foldOnes(a, b *symbolic.Expr, p symbolic.Pos) *symbolic.Expr {
	if a.Op == symbolic.OpOnes && a.Name == "" && b.Op == symbolic.OpT && len(b.Args) == 1 &&
		b.Args[0].Op == symbolic.OpOnes && b.Args[0].Name == "" {
		return onesMatrix(p)
	}
	return symbolic.Node(symbolic.OpMul, p, a, b)
}

// builtinNode builds the node of a builtin call: inv(X) is OpInv,
// norm2(v) an OpNorm, vector(1) the all-ones vector, vector(c) c 𝟙,
// matrix(c) c 𝟙 𝟙ᵀ.
func builtinNode(fn string, p symbolic.Pos, args []*symbolic.Expr) (*symbolic.Expr, error) {
	if len(args) != 1 {
		return nil, errArgCount(p, fn, 1, len(args))
	}
	switch fn {
	case "inv":
		return unary(symbolic.OpInv, args[0], p), nil
	case "norm2", "norm1", "normF":
		return &symbolic.Expr{Op: symbolic.OpNorm, Name: fn[4:], Args: args, Pos: p}, nil
	case "vector", "matrix":
		ones := &symbolic.Expr{Op: symbolic.OpOnes, Pos: p}
		if fn == "matrix" {
			// matrix(c) is c 𝟙 𝟙ᵀ: a matrix of ones whose two sizes
			// come from use.
			ones = onesMatrix(p)
		}
		if a := args[0]; a.Op == symbolic.OpNum && a.Num == 1 && a.Name == "" {
			return ones, nil
		}
		return &symbolic.Expr{Op: symbolic.OpMul, Args: []*symbolic.Expr{args[0], ones}, Pos: p}, nil
	}
	return call(fn, p, args...), nil
}
