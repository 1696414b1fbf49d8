package numeric

import "deriv/symbolic"

// Screen and ScreenHessian expose the screen alone, for the property
// that it agrees with Check: a positive report when it passes the claim,
// nil (and no error) when it leaves the verdict to Check.
func Screen(p *symbolic.Program, f, wrt, claim *symbolic.Expr, opts CheckOptions) (*Report, error) {
	return screen(p, f, wrt, claim, opts, false)
}

func ScreenHessian(p *symbolic.Program, f, wrt, claim *symbolic.Expr, opts CheckOptions) (*Report, error) {
	return screen(p, f, wrt, claim, opts, true)
}

// ScreenKs exposes the screen's choice of points.
var ScreenKs = screenKs
