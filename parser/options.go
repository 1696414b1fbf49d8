package parser

import "deriv/symbolic"

// Default limits of Parse (see WithLimits).
const (
	DefaultMaxBytes = 64 << 10 // 64 KiB: a formula is rarely 1 KiB; a 1 MB input is refused at once
	DefaultMaxDepth = 1000
)

type options struct {
	file  string
	where string
	lets  []string
	// freeIndices lets a family member's subscript be an undeclared
	// index (ParseTarget).
	freeIndices bool
	maxBytes    int
	maxDepth    int
	// defsRoom is the first backing array of the program's Defs (see
	// programRoom), nil outside Parse.
	defsRoom *[2]*symbolic.Def
}

// Option configures Parse.
type Option func(*options)

// WithFile names the source in error messages (default "<input>").
func WithFile(name string) Option { return func(o *options) { o.file = name } }

// WithWhere adds declarations (SPEC §5 --where), parsed before the program:
// "x ∈ R^d; W ∈ R^{d×d}". Errors in them are reported against "--where".
func WithWhere(decls string) Option { return func(o *options) { o.where = decls } }

// WithLet adds definitions that replace the program's declaration or
// definition of the same name before differentiation (SPEC §3 --let):
// 'Φ = id' (the identity: Φ(t) = t), 'φ(t) = tanh(t)', 'φ = tanh', 'b = 0'.
// They are parsed after the program, in its context. Errors are reported
// against "--let".
func WithLet(defs ...string) Option { return func(o *options) { o.lets = append(o.lets, defs...) } }

// WithLimits bounds the input size in bytes and the nesting depth of
// expressions (defaults DefaultMaxBytes and DefaultMaxDepth). A value ≤ 0
// keeps the default.
func WithLimits(maxBytes, maxDepth int) Option {
	return func(o *options) {
		if maxBytes > 0 {
			o.maxBytes = maxBytes
		}
		if maxDepth > 0 {
			o.maxDepth = maxDepth
		}
	}
}

// newOptions returns the defaults with opts applied: a value, so that
// the caller's copy can stay on its stack (only applying an option needs
// the heap).
func newOptions(opts []Option) options {
	if len(opts) == 0 {
		return options{file: "<input>", maxBytes: DefaultMaxBytes, maxDepth: DefaultMaxDepth}
	}
	o := &options{file: "<input>", maxBytes: DefaultMaxBytes, maxDepth: DefaultMaxDepth}
	for _, f := range opts {
		f(o)
	}
	return *o
}
