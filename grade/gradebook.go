package grade

import (
	"encoding/csv"
	"io"
	"strconv"

	"deriv/assignment"
)

// Gradebook collects results into a row per student and a column per
// question (SPEC §7.3 --format csv). A question answered twice keeps the
// later result; an unanswered question scores 0.
type Gradebook struct {
	a        *assignment.Assignment
	students []string
	scores   map[string]map[string]float64
}

// NewGradebook starts an empty gradebook for a.
func NewGradebook(a *assignment.Assignment) *Gradebook {
	return &Gradebook{a: a, scores: map[string]map[string]float64{}}
}

// Add records a result.
func (b *Gradebook) Add(r Result) {
	row, ok := b.scores[r.Student]
	if !ok {
		row = map[string]float64{}
		b.scores[r.Student] = row
		b.students = append(b.students, r.Student)
	}
	if b.a.Question(r.Question) != nil {
		row[r.Question] = r.Score
	}
}

// WriteCSV writes the gradebook: a header (student, the question ids in
// assignment order, total), then a row per student in order of first
// appearance.
func (b *Gradebook) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := []string{"student"}
	for _, q := range b.a.Questions {
		header = append(header, q.ID)
	}
	header = append(header, "total")
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, s := range b.students {
		row := []string{s}
		total := 0.0
		for _, q := range b.a.Questions {
			v := b.scores[s][q.ID]
			total += v
			row = append(row, formatScore(v))
		}
		row = append(row, formatScore(total))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func formatScore(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
