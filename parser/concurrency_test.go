package parser

import (
	"sync"
	"testing"
)

// TestConcurrent parses programs and claims from several goroutines, one
// program shared (graders check many claims against one assignment); run
// with -race.
func TestConcurrent(t *testing.T) {
	p, err := Parse(prog2c)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 5 {
				if _, err := Parse(prog2e); err != nil {
					t.Error(err)
				}
				if _, err := ParseExpr(p, "-2 (y - Σ_{j=1}^{n} σ(w_j^T x + b_j)) σ'(w_i^T x + b_i) x"); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
}
