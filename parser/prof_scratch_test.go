package parser

import (
	"strings"
	"testing"
	"time"
)

func TestScratchBig(t *testing.T) {
	for _, n := range []int{1000, 10000, 50000} {
		src := "x ∈ R\nf = x" + strings.Repeat(" + x", n)
		st := time.Now()
		_, err := Parse(src)
		t.Log(n, time.Since(st), err)
	}
}
