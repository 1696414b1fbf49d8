package parser

import "deriv/symbolic"

// runShapes infers and checks the shapes of a parsed program (see
// shapes.go).
func runShapes(p *symbolic.Program) error { return inferShapes(p) }

// runExprShapes infers the shapes of an expression in p's context.
func runExprShapes(p *symbolic.Program, e *symbolic.Expr) error { return inferExprShapes(p, e) }
