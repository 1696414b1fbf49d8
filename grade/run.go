package grade

import (
	"context"
	"runtime"
	"sync"
)

// Run grades the items that read produces, with workers goroutines
// (default: all cores), and passes each result to emit in input order, as
// soon as it and all before it are graded. A Bad item gets an ungradable
// result. read's error is returned after every item read so far has been
// emitted.
func (g *Grader) Run(ctx context.Context, workers int, read func(emit func(Item) error) error, emit func(Result) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		seq  int
		item Item
	}
	type done struct {
		seq int
		res Result
	}
	jobs := make(chan job, 4*workers)
	results := make(chan done, 4*workers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var readErr error
	go func() {
		defer close(jobs)
		seq := 0
		readErr = read(func(it Item) error {
			select {
			case jobs <- job{seq, it}:
				seq++
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var r Result
				if j.item.Bad != "" {
					r = Result{Student: j.item.Student, Question: j.item.Question, Verdict: Ungradable, Diagnosis: []Diagnosis{}, Error: &ErrorInfo{Message: j.item.Bad}}
					if q := g.A.Question(j.item.Question); q != nil {
						r.MaxScore = q.Points
					}
				} else {
					r = g.Grade(ctx, j.item.Submission)
				}
				results <- done{j.seq, r}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	pending := map[int]Result{}
	next := 0
	var emitErr error
	for d := range results {
		pending[d.seq] = d.res
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if emitErr == nil {
				if emitErr = emit(r); emitErr != nil {
					cancel()
				}
			}
		}
	}
	if emitErr != nil {
		return emitErr
	}
	return readErr
}
