// Package engine is deriv's library: the one API that every front end calls
// (the command line in cmd/deriv, the grader, the answer-key writer, the
// graph drawer). It loads a program, derives gradients, Jacobians,
// Hessians and gradient steps, checks a claimed derivative, decides the
// equivalence of two expressions and evaluates a function, all within a
// Budget.
//
// Results are typed values (Derived, Report with a Verdict, a Diagnosis
// and a Counterexample); the package neither prints nor exits, and JSON is
// the adapters' business. Errors are *symbolic.Error (positioned, with the
// source attached: the input could not be used), *LimitError (a budget
// was exceeded: it names the limit) or *InternalError (a bug in deriv,
// never a panic).
//
// Underneath, parser turns text into a *symbolic.Program, symbolic
// differentiates and prints, and numeric evaluates and compares at random
// points.
package engine
