package symbolic

// A function defined on scalars, σ(t) = 1/(1 + exp(−t)), is applied entry
// by entry to a vector or matrix argument, as the builtins are (SPEC §2.1:
// a scalar function applies elementwise). Its body is written for
// scalars, so before the argument is substituted the operations that
// touch a parameter become their entrywise forms: a product becomes ⊙, a
// quotient ⊘, a power .^ (on scalars they are the same operations).

// AppliesEntrywise reports whether the call of the defined function d with
// args needs the entrywise form of its body: every parameter is a scalar
// (lookup gives the parameters' symbols), the body is scalar-valued, and
// some argument is a vector or matrix.
func AppliesEntrywise(d *Def, args []*Expr, lookup func(key string) *Symbol) bool {
	if d == nil || d.Body == nil || !d.Body.Shape.IsScalar() || len(args) != len(d.Params) {
		return false
	}
	wide := false
	for i, k := range d.Params {
		if s := lookup(k); s != nil && !s.Shape.IsScalar() {
			return false
		}
		wide = wide || !args[i].Shape.IsScalar()
	}
	return wide
}

// EntrywiseBody rewrites a scalar function's body so that it stays valid
// when its parameters (keys in params) are replaced by vectors or
// matrices of shape wide: products, quotients and powers whose operands
// mention a parameter become ⊙, ⊘ and .^, and every node that mentions a
// parameter takes the shape wide (so that a call of another scalar
// function inside, s(u) in h(u) = s(u) (1 − s(u)), is applied entry by
// entry too). Other nodes are kept, and shared subexpressions are
// rewritten once.
func EntrywiseBody(body *Expr, params []string, wide Shape) *Expr {
	isParam := map[string]bool{}
	for _, p := range params {
		isParam[p] = true
	}
	mentions := map[*Expr]bool{}
	var uses func(e *Expr) bool
	uses = func(e *Expr) bool {
		if m, ok := mentions[e]; ok {
			return m
		}
		m := e.Op == OpVar && len(e.Sub) == 0 && isParam[e.Key()]
		for _, a := range e.Args {
			if uses(a) {
				m = true
			}
		}
		mentions[e] = m
		return m
	}
	memo := map[*Expr]*Expr{}
	var walk func(e *Expr) *Expr
	walk = func(e *Expr) *Expr {
		if r, ok := memo[e]; ok {
			return r
		}
		if !uses(e) {
			memo[e] = e
			return e
		}
		c := *e
		c.Args = make([]*Expr, len(e.Args))
		for i, a := range e.Args {
			c.Args[i] = walk(a)
		}
		c.Shape = wide
		switch e.Op {
		case OpMul:
			c.Op = OpHad
		case OpDiv:
			c.Op = OpHDiv
		case OpPow:
			c.Op = OpHPow
		}
		memo[e] = &c
		return &c
	}
	return walk(body)
}

// WideShape is the shape of the first vector or matrix among args (nil
// when all are scalars).
func WideShape(args []*Expr) Shape {
	for _, a := range args {
		if !a.Shape.IsScalar() {
			return a.Shape
		}
	}
	return nil
}

// Reshape recomputes the shapes of e's nodes from their operands (after
// vectors were substituted for scalars), bottom up, memoised by node;
// a node whose shape cannot be worked out keeps the one it had.
func Reshape(e *Expr, lookup func(key string) *Symbol) *Expr {
	memo := map[*Expr]*Expr{}
	var walk func(e *Expr) *Expr
	walk = func(e *Expr) *Expr {
		if r, ok := memo[e]; ok {
			return r
		}
		if len(e.Args) == 0 {
			memo[e] = e
			return e
		}
		changed := false
		args := make([]*Expr, len(e.Args))
		for i, a := range e.Args {
			args[i] = walk(a)
			changed = changed || args[i] != a
		}
		c := *e
		c.Args = args
		if s, err := ResultShapeIn(&c, lookup); err == nil {
			c.Shape = s
		}
		if !changed && c.Shape.Equal(e.Shape) {
			memo[e] = e
			return e
		}
		memo[e] = &c
		return &c
	}
	return walk(e)
}
