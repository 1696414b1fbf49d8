package descend

import (
	"encoding/json"
	"fmt"

	"deriv/numeric"
	"deriv/symbolic"
)

// defaultSize is the size of a dimension that neither the values nor
// --dims fix (a hidden layer's width, when only its weights use it and
// --init gives them).
const defaultSize = 3

// CompleteValues adds to a values document (SPEC §6) the weights that
// init sets but the document leaves out, so that `--at data.json --init
// W1=0.3` works with data.json holding the data alone. Their sizes come
// from the arrays given for other names, then from dims, then 3.
func CompleteValues(p *symbolic.Program, data []byte, init map[string]float64, dims map[symbolic.Dim]int) ([]byte, error) {
	if len(init) == 0 {
		return data, nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return data, nil // ReadValues reports it
	}
	given := map[string]bool{}
	sizes := map[symbolic.Dim]int{}
	for d, n := range dims {
		sizes[d] = n
	}
	for k, v := range raw {
		key := numeric.NormalizeKey(k)
		given[key] = true
		sym := p.Symbols[key]
		if sym == nil {
			continue
		}
		shape := sym.Shape
		if sym.Kind == symbolic.SymFamily {
			shape = symbolic.Shape{sym.Count, sym.Shape.Rows()}
			if sym.Shape.IsScalar() {
				shape = symbolic.Shape{sym.Count}
			}
		}
		learn(shape, v, sizes)
	}
	for name, a := range init {
		key := InitKey(p, name)
		sym := p.Symbols[key]
		if given[key] || sym == nil {
			continue
		}
		size := func(d symbolic.Dim) int {
			if n, ok := (&numeric.Env{Dims: sizes}).DimSize(d); ok {
				return n
			}
			sizes[d] = defaultSize
			return defaultSize
		}
		var v any
		switch {
		case sym.Kind == symbolic.SymFamily && sym.Shape.IsScalar():
			v = fill(a, size(sym.Count))
		case sym.Kind == symbolic.SymFamily:
			v = fillRows(a, size(sym.Count), size(sym.Shape.Rows()))
		case sym.Shape.IsScalar():
			v = a
		case sym.Shape.IsVector():
			v = fill(a, size(sym.Shape[0]))
		default:
			v = fillRows(a, size(sym.Shape[0]), size(sym.Shape[1]))
		}
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("deriv: --init %s: %v", name, err)
		}
		raw[key] = b
	}
	return json.Marshal(raw)
}

// learn records the sizes an array gives its shape's dimension symbols.
func learn(shape symbolic.Shape, v json.RawMessage, sizes map[symbolic.Dim]int) {
	var rows [][]float64
	var vec []float64
	switch {
	case len(shape) == 2 && json.Unmarshal(v, &rows) == nil && len(rows) > 0:
		setSize(shape[0], len(rows), sizes)
		setSize(shape[1], len(rows[0]), sizes)
	case len(shape) == 1 && json.Unmarshal(v, &vec) == nil:
		setSize(shape[0], len(vec), sizes)
	}
}

func setSize(d symbolic.Dim, n int, sizes map[symbolic.Dim]int) {
	if d.IsLiteral() {
		return
	}
	if _, ok := sizes[d]; !ok {
		sizes[d] = n
	}
}

func fill(a float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = a
	}
	return out
}

func fillRows(a float64, r, c int) [][]float64 {
	out := make([][]float64, r)
	for i := range out {
		out[i] = fill(a, c)
	}
	return out
}
