// Package numeric evaluates deriv expressions on gonum matrices, draws the
// random points of SPEC §4, differentiates numerically (central differences
// from gonum's diff/fd with Richardson extrapolation, or random-direction
// checks for large variables) and decides Check and Equivalent verdicts.
//
// Every value is a *mat.Dense: a scalar is 1×1, a column vector n×1, a
// matrix m×n and a row vector 1×n. A family w_i ∈ R^d, i = 1..n, is stored
// under its key "w" as an n×d matrix whose row i is w_i; a family of
// scalars b_i as n×1.
//
// An expression is compiled once (Compile) into a tree of closures over
// gonum operations and then evaluated at many points (Compiled.Eval).
// Evaluation never panics on user input: undefined values (log of a negative
// number, a singular inverse, a division by zero) are reported as a
// *symbolic.Error at the position of the offending node.
package numeric
