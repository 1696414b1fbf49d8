package parser

import (
	"fmt"
	"strconv"
	"strings"

	"deriv/symbolic"
)

// One constructor per diagnostic, so that the wording lives in one place.
// Every error is a *symbolic.Error at a byte offset; Parse attaches the
// source and the file name.

func errTooLarge(size, limit int) *symbolic.Error {
	return symbolic.Errorf(symbolic.NoPos, "input is %d bytes; the limit is %d", size, limit)
}

func errTooDeep(pos symbolic.Pos, limit int) *symbolic.Error {
	return symbolic.Errorf(pos, "expression nests too deeply: more than %d levels; the limit is %d", limit, limit)
}

func errBadChar(pos symbolic.Pos, ch string) *symbolic.Error {
	return symbolic.Errorf(pos, "unexpected character %q", ch)
}

func errUnclosed(pos symbolic.Pos, open string) *symbolic.Error {
	return symbolic.Errorf(pos, "%s opened here is never closed", open)
}

func errUnopened(pos symbolic.Pos, closer string) *symbolic.Error {
	return symbolic.Errorf(pos, "%s closes nothing", closer)
}

func errMismatched(pos symbolic.Pos, closer, open string) *symbolic.Error {
	return symbolic.Errorf(pos, "%s does not match the %s before it", closer, open)
}

func errUnexpected(pos symbolic.Pos, tok string) *symbolic.Error {
	return symbolic.Errorf(pos, "unexpected %q", tok)
}

func errUnexpectedEnd(pos symbolic.Pos, want string) *symbolic.Error {
	return symbolic.Errorf(pos, "unexpected end of input: expected %s", want)
}

func errIncomplete(pos symbolic.Pos) *symbolic.Error {
	return symbolic.Errorf(pos, "unexpected end of input: the statement is incomplete")
}

func errExpected(pos symbolic.Pos, want, got string) *symbolic.Error {
	if got == "" {
		return symbolic.Errorf(pos, "unexpected end of input: expected %s", want)
	}
	return symbolic.Errorf(pos, "expected %s, found %q", want, got)
}

func errUnknownName(pos symbolic.Pos, name string) *symbolic.Error {
	return symbolic.Errorf(pos, "unknown name %s", name)
}

func errBadDecl(pos symbolic.Pos, format string, args ...any) *symbolic.Error {
	return symbolic.Errorf(pos, "bad declaration: %s", fmt.Sprintf(format, args...))
}

func errMisplacedSuper(pos symbolic.Pos, sup string) *symbolic.Error {
	return symbolic.Errorf(pos, "misplaced superscript %q: a layer label follows a name, as in W^{(1)}", sup)
}

func errRedefined(pos symbolic.Pos, name, what string) *symbolic.Error {
	return symbolic.Errorf(pos, "%s is already %s", name, what)
}

func errUsedBeforeDef(pos symbolic.Pos, name string) *symbolic.Error {
	return symbolic.Errorf(pos, "%s is used before its definition", name)
}

func errArgCount(pos symbolic.Pos, fn string, want, got int) *symbolic.Error {
	plural := "s"
	if want == 1 {
		plural = ""
	}
	return symbolic.Errorf(pos, "%s takes %d argument%s, found %d", fn, want, plural, got)
}

func errSumRange(pos symbolic.Pos, index string) *symbolic.Error {
	return symbolic.Errorf(pos, "the range of %s is unknown: write Σ_{%s=1}^{n}", index, index)
}

func errBadRange(pos symbolic.Pos, lo string) *symbolic.Error {
	return symbolic.Errorf(pos, "index ranges start at 1, found %s", lo)
}

func errMisplacedExpr(pos symbolic.Pos) *symbolic.Error {
	return symbolic.Errorf(pos, "a bare expression must be the last statement")
}

func errNotExpr(pos symbolic.Pos) *symbolic.Error {
	return symbolic.Errorf(pos, "expected an expression, found a declaration or definition")
}

func errEmpty(pos symbolic.Pos) *symbolic.Error {
	return symbolic.Errorf(pos, "expected an expression, found nothing")
}

func errBadLet(pos symbolic.Pos) *symbolic.Error {
	return symbolic.Errorf(pos, "a --let must be a definition such as 'Φ = id' or 'b = 0'")
}

func errSyntax(err error) *symbolic.Error {
	return &symbolic.Error{Pos: symbolic.NoPos, Msg: err.Error(), Err: err}
}

func errNumberRange(pos symbolic.Pos, lit string) *symbolic.Error {
	return symbolic.Errorf(pos, "number %s is out of range", lit)
}

func errRootIndex(pos symbolic.Pos) *symbolic.Error {
	return symbolic.Errorf(pos, "expected the index of the root, as in \\sqrt[3]{x}")
}

func errNormKind(pos symbolic.Pos, kind string) *symbolic.Error {
	return symbolic.Errorf(pos, "unknown norm ‖·‖_%s: use 1, 2 or F", kind)
}

func errDerivOperand(pos symbolic.Pos, op, got string) *symbolic.Error {
	return symbolic.Errorf(pos, "%s applies to a defined name: define f = … and write %s f; found %q", op, op, got)
}

// errUnknownFunc reports an unknown name applied to an argument, with the
// nearest known function when there is one.
func errUnknownFunc(pos symbolic.Pos, name, suggestion string) *symbolic.Error {
	if suggestion != "" {
		return symbolic.Errorf(pos, "unknown function %s, did you mean %s?", name, suggestion)
	}
	return symbolic.Errorf(pos, "unknown function %s (declare it, as in %s: R → R, or see the list of functions in SPEC §2.2)", name, name)
}

// errLetUnknown reports a --let of a name the program does not use.
func errLetUnknown(pos symbolic.Pos, name string, p *symbolic.Program) *symbolic.Error {
	var names []string
	for _, k := range p.Order {
		if s := p.Symbols[k]; s != nil && s.Kind != symbolic.SymIndex {
			names = append(names, k)
		}
	}
	if len(names) == 0 {
		return symbolic.Errorf(pos, "--let defines %s, which the program does not use", name)
	}
	return symbolic.Errorf(pos, "--let defines %s, which the program does not use (its names: %s)", name, strings.Join(names, ", "))
}

// errMemberRange reports a family member outside the family's range.
func errMemberRange(pos symbolic.Pos, family string, k float64, index string, count symbolic.Dim) *symbolic.Error {
	return symbolic.Errorf(pos, "%s_%s is not a member of the family %s_%s, %s = 1..%s", family, strconv.FormatFloat(k, 'g', -1, 64), family, index, index, count)
}

// errUnboundIndex reports a subscript index that no sum binds and no
// declaration names.
func errUnboundIndex(pos symbolic.Pos, index, member string) *symbolic.Error {
	return symbolic.Errorf(pos, "the index %s in %s is not bound: sum over it (Σ_%s …) or use the family's index", index, member, index)
}

// errFuncValue reports a declared function used as a value.
func errFuncValue(pos symbolic.Pos, name string) *symbolic.Error {
	return symbolic.Errorf(pos, "%s is a function: apply it to an argument, as in %s(x)", name, name)
}

// errInstanceSize refuses a member of a family of definitions (z_j for
// z_i) in a claim whose definition written out is larger than limit.
func errInstanceSize(pos symbolic.Pos, name string, limit int) *symbolic.Error {
	return symbolic.Errorf(pos, "%s: the members of families of definitions written out have more than %d subexpressions (the limit)", name, limit)
}

// errComputedMember refuses a member of a family of definitions with a
// computed subscript (z_{j+1} for z_i).
func errComputedMember(pos symbolic.Pos, base, key string) *symbolic.Error {
	return symbolic.Errorf(pos, "%s is a family of definitions: a member's subscript is an index or a whole number (%s_j, %s_2), not a computation", key, base, base)
}

// errNotFamily refuses z_j when the program has z_i but i is no index
// (nothing gives it a range, or its uses give it two).
func errNotFamily(pos symbolic.Pos, used, have, index string) *symbolic.Error {
	return symbolic.Errorf(pos, "%s: the program has %s, but %s is not an index with one range; declare it (%s = 1..n) to make %s a family", used, have, index, index, have)
}
