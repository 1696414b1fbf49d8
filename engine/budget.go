package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"deriv/numeric"
	"deriv/symbolic"
)

// Budget bounds what one operation may spend. Zero fields take the
// defaults of DefaultBudget; a negative field means "no limit".
type Budget struct {
	// Time is the wall-clock time of one operation (default 60 s for the
	// command line; a grader sets 2 s per answer). It is enforced through
	// a context.Context deadline, inside differentiation and evaluation.
	Time time.Duration
	// Bytes is the largest program or expression text (default 64 KiB).
	Bytes int
	// Depth is the deepest nesting of an expression (default 1000).
	Depth int
	// Nodes is the largest number of distinct subexpressions of a
	// derivative (default 2,000,000).
	Nodes int
	// Entries is the largest number of float64 entries that numeric
	// arrays may hold at once (default 50,000,000, i.e. 400 MB).
	Entries int
	// Points is the largest number of random points of a check (default
	// 10,000).
	Points int
}

// DefaultBudget is the budget of the command line.
var DefaultBudget = Budget{
	Time:    60 * time.Second,
	Bytes:   64 << 10,
	Depth:   1000,
	Nodes:   2_000_000,
	Entries: 50_000_000,
	Points:  10_000,
}

// withDefaults fills zero fields from DefaultBudget.
func (b Budget) withDefaults() Budget {
	d := DefaultBudget
	if b.Time == 0 {
		b.Time = d.Time
	}
	if b.Bytes == 0 {
		b.Bytes = d.Bytes
	}
	if b.Depth == 0 {
		b.Depth = d.Depth
	}
	if b.Nodes == 0 {
		b.Nodes = d.Nodes
	}
	if b.Entries == 0 {
		b.Entries = d.Entries
	}
	if b.Points == 0 {
		b.Points = d.Points
	}
	return b
}

// context derives the operation's context: ctx with b.Time as deadline
// (unless b.Time is negative or ctx already ends sooner).
func (b Budget) context(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx == nil {
		ctx = context.Background()
	}
	if b.Time < 0 {
		return ctx, func() {}
	}
	return deadlineCtx{ctx, time.Now().Add(b.withDefaults().Time)}, func() {}
}

// deadlineCtx is ctx with a deadline that is polled, not timed: Err
// reports context.DeadlineExceeded once the deadline has passed. The
// passes under a budget poll Err every few hundred steps and nothing
// waits on Done for the deadline, so the timer, goroutine-safe cancel
// machinery and allocations of context.WithTimeout (a few per cent of a
// short derivation) are not needed. Done is the parent's.
type deadlineCtx struct {
	context.Context
	deadline time.Time
}

func (c deadlineCtx) Deadline() (time.Time, bool) {
	if d, ok := c.Context.Deadline(); ok && d.Before(c.deadline) {
		return d, true
	}
	return c.deadline, true
}

func (c deadlineCtx) Err() error {
	if err := c.Context.Err(); err != nil {
		return err
	}
	if !time.Now().Before(c.deadline) {
		return context.DeadlineExceeded
	}
	return nil
}

// LimitError reports that an operation hit a limit of its Budget. Limit is
// "time", "size", "depth", "nodes", "memory", "work" (the terms of
// nested sums) or "points".
type LimitError struct {
	Limit string
	Msg   string
}

func (e *LimitError) Error() string { return e.Msg }

// timeLimit turns a context that ended into a LimitError naming the time
// budget, and returns nil while ctx is live.
func timeLimit(ctx context.Context, b Budget, doing string) error {
	err := ctx.Err()
	if err == nil {
		return nil
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &LimitError{Limit: "time", Msg: fmt.Sprintf("deriv: time limit of %s reached while %s", b.withDefaults().Time, doing)}
	}
	return fmt.Errorf("deriv: %s: %w", doing, err)
}

// asLimit turns an error of a lower layer that reports a budget (an ended
// context, a derivative over the node limit) into a LimitError naming the
// limit; other errors pass unchanged.
func asLimit(err error, ctx context.Context, b Budget, doing string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		if le := timeLimit(ctx, b, doing); le != nil {
			return le
		}
		return &LimitError{Limit: "time", Msg: fmt.Sprintf("deriv: time limit of %s reached while %s", b.withDefaults().Time, doing)}
	case errors.Is(err, symbolic.ErrTooLarge):
		return &LimitError{Limit: "nodes", Msg: "deriv: " + err.Error()}
	}
	var nl *numeric.LimitError
	if errors.As(err, &nl) {
		if nl.Limit == "time" {
			return &LimitError{Limit: "time", Msg: fmt.Sprintf("deriv: time limit of %s reached while %s", b.withDefaults().Time, doing)}
		}
		return &LimitError{Limit: nl.Limit, Msg: "deriv: " + nl.Msg}
	}
	return err
}
