package symbolic

import "sync/atomic"

// WorkStats counts the work of the symbolic passes, for tests that assert
// linear growth by counting rather than by timing. The counters are
// process-wide and atomic: read them around a derivation that runs alone.
type WorkStats struct {
	visits atomic.Int64
}

// Stats is the process-wide work counter.
var Stats WorkStats

// Visits returns the number of node visits counted so far: one per
// distinct node a Walk or Rewrite visits, per node a differentiation pass
// propagates through, and per pair of nodes an equality test compares
// below the root.
func (s *WorkStats) Visits() int64 { return s.visits.Load() }

// Reset sets the counters to zero.
func (s *WorkStats) Reset() { s.visits.Store(0) }

func (s *WorkStats) visit(n int64) { s.visits.Add(n) }
