package symbolic

import (
	"context"
	"errors"
	"fmt"
)

// DefaultMaxNodes is the limit on the distinct subexpressions of a
// derivative when GradOptions.MaxNodes is 0.
const DefaultMaxNodes = 2_000_000

// budget carries the limits of one derivation: the context (deadline or
// cancellation), checked every checkEvery units of work, and the largest
// number of distinct nodes a derivative may have.
type budget struct {
	ctx      context.Context
	maxNodes int
	work     int
}

const checkEvery = 1024

func newBudget(opts GradOptions) *budget {
	b := budgetOf(opts)
	return &b
}

// budgetOf is the budget of opts, as a value (gradCtx keeps its own).
func budgetOf(opts GradOptions) budget {
	b := budget{ctx: opts.Context, maxNodes: opts.MaxNodes}
	if b.maxNodes <= 0 {
		b.maxNodes = DefaultMaxNodes
	}
	return b
}

// tick counts one unit of work and reports an expired context.
func (b *budget) tick() error {
	if b == nil {
		return nil
	}
	b.work++
	if b.work%checkEvery != 0 || b.ctx == nil {
		return nil
	}
	return b.expired()
}

// expired reports an expired context as an error wrapping ctx.Err().
func (b *budget) expired() error {
	if b == nil || b.ctx == nil {
		return nil
	}
	if err := b.ctx.Err(); err != nil {
		return &Error{Pos: NoPos, Msg: "time limit reached while differentiating", Err: err}
	}
	return nil
}

// size fails when e has more distinct nodes than the limit allows.
func (b *budget) size(e *Expr) error {
	if b == nil || e == nil {
		return nil
	}
	n := 0
	over := false
	Walk(e, func(*Expr) bool {
		n++
		over = over || n > b.maxNodes
		return !over
	})
	if over {
		return tooLarge(b.maxNodes)
	}
	return nil
}

// ErrTooLarge is wrapped by the error of a derivative over
// GradOptions.MaxNodes.
var ErrTooLarge = errors.New("derivative too large")

func tooLarge(limit int) error {
	return &Error{Pos: NoPos, Msg: fmt.Sprintf("the derivative has more than %d distinct subexpressions (the limit)", limit), Err: ErrTooLarge}
}
