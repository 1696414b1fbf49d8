// Package numeric evaluates deriv expressions on gonum matrices, draws the
// random points of SPEC §4, differentiates numerically (central differences
// from gonum's diff/fd with Richardson extrapolation, or random-direction
// checks for large or costly variables) and decides Check and Equivalent
// verdicts.
//
// Every value is a *mat.Dense: a scalar is 1×1, a column vector n×1, a
// matrix m×n and a row vector 1×n. A family w_i ∈ R^d, i = 1..n, is stored
// under its key "w" as an n×d matrix whose row i is w_i; a family of
// scalars b_i as n×1.
//
// Expressions are DAGs. Compile interns every node by structure (equal
// operator, names, number, shape and operands: shared by pointer or not)
// and compiles each distinct node once into a closure over gonum
// operations; a node used more than once is evaluated once per Eval, again
// only when an index or function parameter it depends on changes. Compile
// and Eval cost time linear in the number of distinct nodes; ReadWork
// counts the work for tests. Products go through BLAS (Ddot, Dgemv, Dger;
// Dgemm only for a matrix–matrix product), chains of products in the
// cheapest order.
//
// Evaluation never panics on user input: undefined values (log of a
// negative number, a singular inverse, a division by zero) are reported as
// a *symbolic.Error at the position of the offending node. Budgets
// (CheckOptions.Context, MaxEntries, a limit on the terms of sums) are
// honoured inside evaluation and reported as a *LimitError.
//
// Verdicts forgive what finite differences cannot resolve: each estimate
// carries an error estimate (the Richardson table's, and rounding, about
// ε·|f|/h), so a derivative whose entries are 1e-8 against |f| ≈ 1e5 is
// judged right, while the absolute floor below which differences count as
// zero (1e-10) is relative to the size of the values when they are small.
//
// Verify (and VerifyHessian) is the cheap verification deriv runs before
// it shows a derivative: a screen along a few random directions at 3 of
// Check's points, with Check's verdict rule, then Check itself only when
// the screen does not pass the claim.
package numeric
