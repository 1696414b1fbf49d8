package parser

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"deriv/grammar"
	"deriv/symbolic"
)

// This file reads function names used the way textbooks write them
// (SPEC §2.2, "Names"):
//
//   - a known function without parentheses is a call whose argument is the
//     next factor: sin x, exp x, σ x, \log x, sin x y = sin(x)·y,
//     sin x^2 = sin(x²), exp −x = exp(−x). A number glued to a name is
//     one factor, as in textbooks: sin 2x = sin(2x) (but sin 2 x =
//     sin(2)·x);
//   - a power written between the name and its argument applies to the
//     call: sin²(x), sin^2 x, sin^{2}(x), \sin^2 x are (sin x)²; but
//     sin⁻¹ x, \sin^{-1} x are arcsin x (likewise cos, tan);
//   - an undeclared Greek capital or f, g, h, φ, ψ applied to a bracketed
//     argument is an elementwise function ℝ → ℝ of it, declared implicitly
//     (with a note): Φ(W1 x + b);
//   - any other unknown name followed by "(" is an error that suggests the
//     nearest known function: Relu(x) → "did you mean relu?";
//   - an undeclared name made of declared one-letter names is their
//     product: Ax is A x (with a note).

// funcPower reads a power written right after a function's name: ², ³,
// ^2, ^{2}. It returns nil (and reads nothing) when there is none.
func funcPower(c *cursor) *symbolic.Expr {
	it := c.peek()
	switch {
	case it == nil:
		return nil
	case it.Super != "":
		if v, ok := parseUint(plain(it.Super, unSuper)); ok {
			c.next()
			return num(v, itemPos(it))
		}
	case isPunct(it, "^"):
		if k := powerDigits(c.peekAt(1)); k != nil {
			c.i += 2
			v, _ := parseUint(k.Number)
			return num(v, itemPos(k))
		}
	}
	return nil
}

// inverseSuper reads a superscript −1 right after a function's name (⁻¹,
// ^{-1}, ^{−1}), reporting whether there was one.
func inverseSuper(c *cursor) bool {
	it := c.peek()
	switch {
	case it == nil:
		return false
	case it.Super != "" && plain(it.Super, unSuper) == "-1":
		c.next()
		return true
	case isPunct(it, "^") && isGroup(c.peekAt(1), "{"):
		items, _ := groupItems(c.peekAt(1).Group)
		if len(items) == 2 && isPunct(items[0], minusTok...) && items[1].Number == "1" {
			c.i += 2
			return true
		}
	}
	return false
}

// isPlainFunc reports whether np names a function that may be applied
// without parentheses: a builtin not shadowed by a program name, or a
// declared function of one argument. It returns the canonical name.
func (l *lowerer) isPlainFunc(np *nameParts) (string, bool, bool) {
	if len(np.subs) > 0 || np.label != "" || l.isBound(np.base) {
		return "", false, false
	}
	if s := l.symbol(np.base); s != nil {
		if s.Kind == symbolic.SymFunc && s.Index == "" && len(s.Domain) <= 1 ||
			s.Kind == symbolic.SymDef && s.Def != nil && len(s.Def.Params) == 1 {
			return np.base, false, true
		}
		return "", false, false
	}
	if fn, ok := builtinName(np.raw, np.base); ok {
		return fn, true, true
	}
	return "", false, false
}

// isBound reports whether name is an index bound by an enclosing sum.
func (l *lowerer) isBound(name string) bool {
	for _, b := range l.bound {
		if b == name {
			return true
		}
	}
	return false
}

// bareCall parses a call written without parentheses (sin x, sin² x,
// sin^2(x)) when np is a function name. ok is false when np is not a
// function, or when a declared function is not followed by an argument
// (it is then read as a name, as in ∂f/∂x).
func (l *lowerer) bareCall(c *cursor, np *nameParts) (*symbolic.Expr, bool, error) {
	fn, builtin, ok := l.isPlainFunc(np)
	if !ok {
		return nil, false, nil
	}
	start := c.i
	if builtin && inverseSuper(c) {
		// sin⁻¹ x, \sin^{-1} x: the inverse function, arcsin.
		inv, ok := map[string]string{"sin": "arcsin", "cos": "arccos", "tan": "arctan"}[fn]
		if !ok {
			return nil, true, symbolic.Errorf(np.pos, "%s^{-1} is ambiguous: write 1/%s(x), or the inverse function by name", np.raw, np.raw)
		}
		fn = inv
	}
	pow := funcPower(c)
	var args []*symbolic.Expr
	switch it := c.peek(); {
	case isGroup(it, "("):
		c.next()
		a, err := l.args(it.Group)
		if err != nil {
			return nil, true, err
		}
		args = a
	case it != nil && (l.startsOperand(it) || isPunct(it, minusTok...) && c.peekAt(1) != nil && l.startsOperand(c.peekAt(1))):
		x, err := l.factorArg(c)
		if err != nil {
			return nil, true, err
		}
		args = []*symbolic.Expr{x}
	default:
		if !builtin {
			c.i = start
			return nil, false, nil
		}
		return nil, true, errExpected(c.here(), "an argument of "+np.raw, itemText(c.peek()))
	}
	var e *symbolic.Expr
	if builtin {
		var err error
		if e, err = builtinNode(fn, np.pos, args); err != nil {
			return nil, true, err
		}
	} else {
		e = &symbolic.Expr{Op: symbolic.OpCall, Name: fn, Args: args, Pos: np.pos}
	}
	if pow != nil {
		// tanh²(z) of a vector is entry by entry (the shape pass makes it
		// the plain power for a scalar argument).
		op := symbolic.OpPow
		if builtin && symbolic.Funcs[fn].Kind == symbolic.Elementwise {
			op = symbolic.OpHPow
		}
		e = &symbolic.Expr{Op: op, Args: []*symbolic.Expr{e, pow}, Pos: pow.Pos}
	}
	return e, true, nil
}

// factorArg reads the argument of a function written without
// parentheses: the next factor (with its powers, transposes and
// subscripts). A number glued to what follows (2x) is one factor.
func (l *lowerer) factorArg(c *cursor) (*symbolic.Expr, error) {
	if err := l.enter(c.here()); err != nil {
		return nil, err
	}
	defer l.leave()
	if it := c.peek(); isPunct(it, minusTok...) && c.peekAt(1) != nil && l.startsOperand(c.peekAt(1)) {
		// exp −x: a signed factor.
		c.next()
		x, err := l.factorArg(c)
		if err != nil {
			return nil, err
		}
		return unary(symbolic.OpNeg, x, itemPos(it)), nil
	}
	first := c.peek()
	x, err := l.expr(c, symbolic.PrecPow)
	if err != nil {
		return nil, err
	}
	if first.Number != "" && c.i > 0 && c.items[c.i-1] == first {
		if it := c.peek(); it != nil && !c.spaceBefore() && (it.Ident != "" || it.Cmd != "" || isGroup(it, "(")) && l.startsOperand(it) {
			y, err := l.expr(c, symbolic.PrecPow)
			if err != nil {
				return nil, err
			}
			x = &symbolic.Expr{Op: symbolic.OpMul, Args: []*symbolic.Expr{x, y}, Pos: y.Pos}
		}
	}
	return x, nil
}

// implicitFuncs are the one-letter names (besides Greek capitals) that,
// undeclared and applied to an argument, are taken as functions.
var implicitFuncs = map[string]bool{"f": true, "g": true, "h": true, "φ": true, "ψ": true}

// isImplicitFunc reports whether an undeclared name applied to an
// argument is taken as an elementwise function: a Greek capital letter,
// or f, g, h, φ, ψ.
func isImplicitFunc(name string) bool {
	if implicitFuncs[name] {
		return true
	}
	r := []rune(name)
	return len(r) == 1 && unicode.Is(unicode.Greek, r[0]) && unicode.IsUpper(r[0])
}

// unknownCall handles an unknown name followed by "(" (np is neither a
// program name nor a function). An implicit function name is declared
// as an elementwise function ℝ → ℝ and the call parsed; a name of two or
// more letters is an error that suggests the nearest function. ok is
// false otherwise (a one-letter name before brackets is a product).
func (l *lowerer) unknownCall(c *cursor, np *nameParts) (*symbolic.Expr, bool, error) {
	applied := isGroup(c.peek(), "(") || isPunct(c.peek(), primeTok...) && isGroup(c.peekAt(1), "(")
	if !applied || len(np.subs) > 0 || np.label != "" || l.isBound(np.base) ||
		l.isIndex(np.base) || l.isFamilyIndex(np.base) || l.symbol(np.base) != nil {
		return nil, false, nil
	}
	if isImplicitFunc(np.base) && !l.readOnly {
		l.addSymbol(np.base, &symbolic.Symbol{
			Name: np.base, Kind: symbolic.SymFunc, Pos: np.pos,
			Domain: []symbolic.Shape{symbolic.Scalar}, Range: symbolic.Scalar, Elementwise: true,
		})
		l.note("%s is not declared: taken as an elementwise function %s: ℝ → ℝ", np.base, np.base)
		return l.maybeCall(c, np)
	}
	letters, _ := splitDigits(np.base)
	if len([]rune(letters)) < 2 {
		return nil, false, nil
	}
	sug := l.suggestFunc(np.raw)
	if !isGroup(c.peek(), "(") && sug == "" {
		// ab'(x + 1): a transpose, unless the name is nearly a function's
		// (Relu'(x)).
		return nil, false, nil
	}
	return nil, true, errUnknownFunc(np.pos, np.raw, sug)
}

// note records a note about how the program was read (printed by
// symbolic.PrintProgram as comments).
func (l *lowerer) note(format string, args ...any) {
	if l.readOnly {
		return
	}
	msg := fmt.Sprintf(format, args...)
	for _, n := range l.prog.Notes {
		if n == msg {
			return
		}
	}
	l.prog.Notes = append(l.prog.Notes, msg)
}

// suggestFunc returns the known function name nearest to name: equal but
// for case, else within edit distance 2 (1 for short names); "" if none.
func (l *lowerer) suggestFunc(name string) string {
	name = strings.TrimPrefix(name, `\`)
	var cands []string
	for k := range symbolic.FuncByName {
		cands = append(cands, k)
	}
	for k := range extraBuiltins {
		cands = append(cands, k)
	}
	for k, s := range l.prog.Symbols {
		if s.Kind == symbolic.SymFunc || s.Kind == symbolic.SymDef && s.Def != nil && len(s.Def.Params) > 0 {
			cands = append(cands, k)
		}
	}
	sort.Strings(cands)
	canonical := func(k string) string {
		if fn, ok := symbolic.FuncByName[k]; ok && fn == k {
			return k
		}
		if fn, ok := symbolic.FuncByName[k]; ok && strings.EqualFold(k, name) {
			return fn
		}
		return k
	}
	for _, k := range cands {
		if strings.EqualFold(k, name) {
			return canonical(k)
		}
	}
	limit := 2
	if len([]rune(name)) <= 4 {
		limit = 1
	}
	best, bestD := "", limit+1
	lower := strings.ToLower(name)
	for _, k := range cands {
		if d := editDistance(lower, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	if fn, ok := symbolic.FuncByName[best]; ok {
		if _, known := symbolic.Funcs[best]; !known && isWordy(fn) {
			return fn
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b (in runes).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// splitProduct reads an undeclared name made of declared one-letter
// names as their product: Ax is A x when A and x are declared. It
// returns the first letter's variable and puts the rest of the name back
// in the cursor, so that juxtaposition reads it (and a transpose or
// power written after the name applies to its last letter).
func (l *lowerer) splitProduct(c *cursor, it *grammar.Item, np *nameParts) (*symbolic.Expr, bool) {
	if it.Ident == "" || np.raw != np.base || len(np.subs) > 0 || np.label != "" || l.symbol(np.base) != nil ||
		l.isBound(np.base) || l.isIndex(np.base) || l.isFamilyIndex(np.base) {
		return nil, false
	}
	runes := []rune(np.base)
	if len(runes) < 2 {
		return nil, false
	}
	for _, r := range runes {
		s := l.symbol(string(r))
		if !unicode.IsLetter(r) || s == nil || (s.Kind != symbolic.SymVar && s.Kind != symbolic.SymDef) {
			return nil, false
		}
	}
	first := string(runes[0])
	rest := &grammar.Item{Pos: it.Pos, Ident: string(runes[1:])}
	rest.Pos.Offset += len(first)
	rest.Pos.Column++
	c.insert(rest)
	if l.split == nil {
		l.split = map[*grammar.Item]bool{}
	}
	l.split[rest] = true
	if l.split[it] {
		return &symbolic.Expr{Op: symbolic.OpVar, Name: first, Pos: np.pos}, true
	}
	l.note("%s is not declared: read as the product %s", np.base, strings.Join(strings.Split(np.base, ""), " "))
	return &symbolic.Expr{Op: symbolic.OpVar, Name: first, Pos: np.pos}, true
}
