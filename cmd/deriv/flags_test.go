package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFlagValidation: flags no check can honour are exit 2 with a message
// naming the flag, for every command that checks.
func TestFlagValidation(t *testing.T) {
	prog := "x ∈ R^d; f = x^T x"
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--tol=NaN"}, "--tol"},
		{[]string{"--tol=-1"}, "--tol"},
		{[]string{"--tol=0"}, "--tol"},
		{[]string{"--tol=inf"}, "--tol"},
		{[]string{"--points", "0"}, "--points"},
		{[]string{"--points", "1000000"}, "--points"},
		{[]string{"--dims", "q=3"}, "no dimension q"},
		{[]string{"--dims", "d=2,d=3"}, "given twice"},
		{[]string{"--dims", "d=0"}, "--dims"},
		{[]string{"--dims", "d"}, "--dims"},
	} {
		for _, cmd := range [][]string{{"grad", "--wrt", "x", "--check"}, {"check", "--wrt", "x", "--claim", "2 x"}} {
			args := append(append(append([]string{}, cmd...), tc.args...), prog)
			_, errOut, code := runCLI(t, args...)
			assert.Equal(t, 2, code, "%v", args)
			assert.Contains(t, errOut, tc.msg, "%v", args)
			assert.NotContains(t, errOut, "goroutine", "%v", args)
		}
	}
	_, errOut, code := runCLI(t, "equiv", "--points", "0", "--where", "x ∈ R^d", "x^T x", "x^T x")
	assert.Equal(t, 2, code, errOut)
}
