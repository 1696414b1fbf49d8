package parser

import (
	"strings"

	sym "deriv/symbolic"
)

// Builders of hand-made programs for the shape-inference tests, so that
// inference is tested without the grammar.

func sbVar(key string, subs ...*sym.Expr) *sym.Expr {
	return &sym.Expr{Op: sym.OpVar, Name: key, Sub: subs, Pos: sym.NoPos}
}

func sbNum(x float64) *sym.Expr { return &sym.Expr{Op: sym.OpNum, Num: x, Pos: sym.NoPos} }

func sbOp(o sym.Op, args ...*sym.Expr) *sym.Expr {
	return &sym.Expr{Op: o, Args: args, Pos: sym.NoPos}
}

func sbCall(name string, args ...*sym.Expr) *sym.Expr {
	return &sym.Expr{Op: sym.OpCall, Name: name, Args: args, Pos: sym.NoPos}
}

func sbAt(e *sym.Expr, p int) *sym.Expr {
	e.Pos = sym.Pos(p)
	return e
}

// sbMul, sbAdd, sbSub, sbT build products, sums, differences and transposes.
func sbMul(a, b *sym.Expr) *sym.Expr { return sbOp(sym.OpMul, a, b) }
func sbAdd(a, b *sym.Expr) *sym.Expr { return sbOp(sym.OpAdd, a, b) }
func sbSub(a, b *sym.Expr) *sym.Expr { return sbOp(sym.OpSub, a, b) }
func sbT(a *sym.Expr) *sym.Expr      { return sbOp(sym.OpT, a) }

func sbSum(index string, from, to, body *sym.Expr) *sym.Expr {
	return &sym.Expr{Op: sym.OpSum, Name: index, Args: []*sym.Expr{from, to, body}, Pos: sym.NoPos}
}

type sbProg struct{ p *sym.Program }

func newSBProg(src string) *sbProg {
	return &sbProg{p: &sym.Program{Src: src, Symbols: map[string]*sym.Symbol{}}}
}

func (b *sbProg) put(s *sym.Symbol) *sbProg {
	b.p.Symbols[s.Name] = s
	b.p.Order = append(b.p.Order, s.Name)
	return b
}

// decl declares a variable of the given shape; undecl names one whose
// shape is to be inferred.
func (b *sbProg) decl(key string, dims ...sym.Dim) *sbProg {
	return b.put(&sym.Symbol{Name: key, Kind: sym.SymVar, Shape: sym.Shape(dims).Norm(), Declared: true})
}

func (b *sbProg) undecl(keys ...string) *sbProg {
	for _, k := range keys {
		b.put(&sym.Symbol{Name: k, Kind: sym.SymVar})
	}
	return b
}

func (b *sbProg) family(key, index string, count sym.Dim, dims ...sym.Dim) *sbProg {
	if _, ok := b.p.Symbols[index]; !ok {
		b.put(&sym.Symbol{Name: index, Kind: sym.SymIndex, Count: count, Declared: true})
	}
	return b.put(&sym.Symbol{Name: key, Kind: sym.SymFamily, Shape: sym.Shape(dims).Norm(), Index: index, Count: count, Declared: true})
}

func (b *sbProg) fn(key string, elementwise bool, rng sym.Shape, domain ...sym.Shape) *sbProg {
	return b.put(&sym.Symbol{Name: key, Kind: sym.SymFunc, Domain: domain, Range: rng, Elementwise: elementwise, Declared: true})
}

// def adds a definition; the last one is the program's Result.
func (b *sbProg) def(name string, body *sym.Expr, params ...string) *sbProg {
	d := &sym.Def{Name: name, Params: params, Body: body, Pos: sym.NoPos}
	b.p.Defs = append(b.p.Defs, d)
	b.p.Result = d
	if name != "" {
		b.put(&sym.Symbol{Name: name, Kind: sym.SymDef, Def: d})
	}
	return b
}

// expr sets a bare last expression as the Result.
func (b *sbProg) expr(body *sym.Expr) *sbProg {
	b.p.Result = &sym.Def{Body: body, Pos: sym.NoPos}
	return b
}

// sbOffset is the byte offset of the n-th (1-based) occurrence of s in src.
func sbOffset(src, s string, n int) int {
	off := -1
	for range n {
		i := strings.Index(src[off+1:], s)
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	return off
}

// sbShape describes a symbol's shape for comparisons: "scalar",
// "vector(d)", ….
func sbShape(p *sym.Program, key string) string {
	s, ok := p.Symbols[key]
	if !ok {
		return "<missing>"
	}
	return s.Shape.String()
}
