// Package readability holds the readability test of deriv's printed
// derivatives (issue 8): testdata/readability/cases.yaml lists derivations
// with the answer a TA writes, and readability_test.go holds every printed
// answer to that reference in size, value and the flaws a grader marks.
// The package has no code of its own besides the test's helpers.
package readability
