package engine

import (
	"context"

	"deriv/symbolic"
)

// Step writes one gradient-descent update per variable of wrt (SPEC §5
// `deriv step`): v^(t+1) = v^(t) − rate ∂f/∂v in the iterates' names. rate
// is an expression in p's scope (a name such as η must be declared: see
// StepRate).
func Step(ctx context.Context, p *symbolic.Program, wrt []*symbolic.Expr, rate *symbolic.Expr, b Budget) (rules []symbolic.StepRule, err error) {
	defer recoverInternal(&err)
	ctx, cancel := b.context(ctx)
	defer cancel()
	rules, err = symbolic.Step(p, wrt, rate, symbolic.GradOptions{Inline: true, Context: ctx, MaxNodes: b.withDefaults().Nodes})
	if err != nil {
		return nil, inProgram(asLimit(err, ctx, b, "differentiating"), p)
	}
	if err := timeLimit(ctx, b, "differentiating"); err != nil {
		return nil, err
	}
	return rules, nil
}
