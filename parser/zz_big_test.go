package parser

import (
	"testing"
	"time"
)

func TestZZBig(t *testing.T) {
	for _, n := range []int{300, 1000} {
		src := longProgram(n)
		st := time.Now()
		_, err := Parse(src, WithLimits(1<<20, 0))
		t.Log(n, len(src), time.Since(st), err)
	}
}
