package numeric

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

// ReadValues reads a point from the values JSON of SPEC §6: an object whose
// keys name the program's variables and families in any spelling (W^{(1)},
// W^(1), W⁽¹⁾ and \mathbf{x} all name their symbol) and whose values are
// numbers (scalars), arrays (vectors; a family of scalars), or arrays of
// rows (matrices; a family w_i ∈ R^d as n×d). Dimension sizes are read from
// the arrays. A value for every variable and family is required. Abstract
// functions get the stand-ins of seed 0. A malformed document, an unknown
// or duplicate name, a missing name, a ragged array or a size that
// contradicts another is a *symbolic.Error naming the key.
func ReadValues(p *symbolic.Program, data []byte) (*Env, error) {
	if p == nil {
		p = &symbolic.Program{}
	}
	// One pass over the document when it is plain (the usual case, and the
	// only one that is large); encoding/json otherwise, for its messages.
	decoded, keys, fast := scanObject(data)
	var raw map[string]json.RawMessage
	if !fast {
		dec := json.NewDecoder(bytes.NewReader(data))
		if err := dec.Decode(&raw); err != nil {
			return nil, &symbolic.Error{Pos: symbolic.NoPos, Msg: "values: not a JSON object of name → value: " + err.Error(), Err: err}
		}
		keys = make([]string, 0, len(raw))
		for k := range raw {
			keys = append(keys, k)
		}
	}
	env := NewEnv()
	slices.Sort(keys)
	given := map[string]string{}
	for _, k := range keys {
		key := NormalizeKey(k)
		sym := p.Symbols[key]
		if sym == nil || (sym.Kind != symbolic.SymVar && sym.Kind != symbolic.SymFamily) {
			if sym != nil {
				return nil, symbolic.Errorf(symbolic.NoPos, "values: %q names %s, which is not a variable", k, key)
			}
			return nil, symbolic.Errorf(symbolic.NoPos, "values: unknown name %q", k)
		}
		if prev, dup := given[key]; dup {
			return nil, symbolic.Errorf(symbolic.NoPos, "values: %q and %q name the same variable %s", prev, k, key)
		}
		given[key] = k
		v := decoded[k]
		if !fast {
			var err error
			if v, err = decodeValue(raw[k]); err != nil {
				return nil, symbolic.Errorf(symbolic.NoPos, "values: %q: %s", k, err.Error())
			}
		}
		shape := sym.Shape
		if sym.Kind == symbolic.SymFamily {
			shape = symbolic.Shape{sym.Count, sym.Shape.Rows()}
		}
		if err := bindDims(env, shape, v, k, sym.Kind == symbolic.SymFamily); err != nil {
			return nil, err
		}
		env.Vals[key] = v
	}
	// Only the variables the function uses need values: f(W, x, y) may
	// name a parameter its body never mentions.
	var used map[string]bool
	if p.Result != nil {
		used = p.Uses(p.Result.Body)
	}
	params := map[string]bool{}
	for _, d := range p.Defs {
		for _, k := range d.Params {
			params[k] = true
		}
	}
	for _, key := range symbolOrder(p) {
		sym := p.Symbols[key]
		switch sym.Kind {
		case symbolic.SymVar, symbolic.SymFamily:
			if params[key] && !sym.Declared {
				continue // a parameter of a defined function, σ(t) = …
			}
			if _, ok := env.Vals[key]; !ok && (used == nil || used[key]) {
				return nil, symbolic.Errorf(symbolic.NoPos, "values: missing a value for %s", key)
			}
		case symbolic.SymFunc:
			env.Funcs[key] = NewInstance(sym, 0)
		}
	}
	return env, nil
}

// decodeValue reads a number, an array of numbers (n×1) or an array of
// equal-length arrays of numbers (m×n).
func decodeValue(raw json.RawMessage) (*mat.Dense, error) {
	return scanValue(raw)
}

// bindDims checks v against shape, recording the sizes of dimension
// symbols in env and failing on a contradiction. A vector may be given as
// [[…]] (one column) and a row vector as a flat array.
func bindDims(env *Env, shape symbolic.Shape, v *mat.Dense, key string, family bool) error {
	r, c := v.Dims()
	want := []symbolic.Dim{shape.Rows(), shape.Cols()}
	if !family && shape.IsRow() && c == 1 {
		// A flat array for a row vector: store it as 1×n.
		*v = *mat.DenseCopyOf(v.T())
		r, c = c, r
	}
	got := []int{r, c}
	for i, d := range want {
		if n, ok := env.DimSize(d); ok {
			if n != got[i] {
				if d.IsLiteral() {
					// A fixed size (the 1 column of a vector): no "1 = 1".
					return symbolic.Errorf(symbolic.NoPos, "values: %q has shape %d×%d, but it is a %s", key, r, c, shape)
				}
				return symbolic.Errorf(symbolic.NoPos, "values: %q has shape %d×%d, but %s = %d (expected %s)", key, r, c, d, n, shape)
			}
			continue
		}
		env.Dims[d] = got[i]
	}
	return nil
}

// NormalizeKey maps a spelling of a variable's name to its symbol key
// (symbolic.VarKey): "W^{(1)}", "W^(1)" and "W⁽¹⁾" give "W⁽¹⁾";
// "\mathbf{x}" gives "x"; "sigma" and "\sigma" give "σ"; "µ" (micro
// sign) gives "μ" and full-width "ｘ" gives "x" (symbolic.NormalizeText).
func NormalizeKey(s string) string {
	s = strings.TrimSpace(symbolic.NormalizeText(s))
	for _, cmd := range []string{`\mathbf{`, `\boldsymbol{`, `\vec{`, `\bm{`} {
		if strings.HasPrefix(s, cmd) {
			if end := strings.IndexByte(s, '}'); end > 0 {
				s = s[len(cmd):end] + s[end+1:]
			}
		}
	}
	base, label := s, ""
	switch {
	case strings.Contains(s, "^{(") && strings.HasSuffix(s, ")}"):
		i := strings.Index(s, "^{(")
		base, label = s[:i], s[i+3:len(s)-2]
	case strings.Contains(s, "^(") && strings.HasSuffix(s, ")"):
		i := strings.Index(s, "^(")
		base, label = s[:i], s[i+2:len(s)-1]
	case strings.Contains(s, "⁽") && strings.HasSuffix(s, "⁾"):
		i := strings.Index(s, "⁽")
		base = s[:i]
		label = unsuperscript(strings.TrimSuffix(s[i+len("⁽"):], "⁾"))
	}
	base = strings.TrimPrefix(base, `\`)
	if g, ok := symbolic.Greek[base]; ok {
		base = g
	}
	return symbolic.VarKey(base, label)
}

func unsuperscript(s string) string {
	back := map[rune]rune{}
	for _, r := range "0123456789+-()nitlk" {
		if sup, ok := symbolic.Superscript(string(r)); ok {
			back[[]rune(sup)[0]] = r
		}
	}
	var b strings.Builder
	for _, r := range s {
		if o, ok := back[r]; ok {
			r = o
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ValueJSON converts a value to its JSON form (SPEC §6) for shape: a
// number for a scalar, []float64 for a column vector, [][]float64 (rows)
// for a matrix or row vector. A value whose size does not fit shape is
// written by its own size (1×1 a number, n×1 an array, else rows).
func ValueJSON(v *mat.Dense, shape symbolic.Shape) any {
	if v == nil {
		return nil
	}
	r, c := v.Dims()
	switch {
	case shape.IsScalar() && r == 1 && c == 1:
		return v.At(0, 0)
	case shape.IsVector() && c == 1, !shape.IsMatrix() && c == 1 && r > 1:
		return mat.Col(nil, 0, v)
	case !shape.IsMatrix() && r == 1 && c == 1:
		return v.At(0, 0)
	}
	rows := make([][]float64, r)
	for i := range r {
		rows[i] = mat.Row(nil, i, v)
	}
	return rows
}

type errString string

func (e errString) Error() string { return string(e) }

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
