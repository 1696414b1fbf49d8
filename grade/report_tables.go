package grade

import (
	"strconv"
	"strings"
)

// The report's content, independent of its format: per question a
// section of tables, which WriteMarkdown and WriteHTML render.

// cellKind says how a column's cells are written.
type cellKind int

const (
	textCell cellKind = iota // prose, escaped
	codeCell                 // a student's answer: code, shortened
)

// column is one column of a report table; num columns hold counts and
// are right-aligned in Markdown.
type column struct {
	name string
	kind cellKind
	num  bool
}

// table is one table of a question's section, under heading ("" for the
// verdict counts, which come right after the question's heading).
type table struct {
	heading string
	cols    []column
	rows    [][]string
}

// section is one question's part of the report.
type section struct {
	id, title string
	tables    []table
}

var (
	countsCols  = []column{{name: "correct", num: true}, {name: "incorrect", num: true}, {name: "ungradable", num: true}}
	mistakeCols = []column{{name: "mistake"}, {name: "answers", num: true}, {name: "example answer", kind: codeCell}, {name: "what it says"}}
	groupCols   = []column{{name: "answers", num: true}, {name: "answer (most common spelling)", kind: codeCell}, {name: "spellings", num: true}, {name: "mistakes"}}
	errorCols   = []column{{name: "answers", num: true}, {name: "example answer", kind: codeCell}, {name: "problem"}}
)

// title is the assignment's title, "Grading report" when it has none.
func (r *Report) title() string {
	if r.a.Title == "" {
		return "Grading report"
	}
	return r.a.Title
}

// sections lays the report out: per question in order, its verdict
// counts, its mistakes by frequency, its most common wrong answers (at
// most maxGroups) and its ungradable answers, each table only when it
// has rows.
func (r *Report) sections() []section {
	itoa := strconv.Itoa
	var out []section
	for _, id := range r.order {
		q := r.byQ[id]
		sec := section{id: q.id, title: q.title}
		sec.tables = append(sec.tables, table{cols: countsCols, rows: [][]string{{
			itoa(q.verdicts[Correct]), itoa(q.verdicts[Incorrect]), itoa(q.verdicts[Ungradable])}}})
		if ms := sortedMistakes(q.mistakes); len(ms) > 0 {
			t := table{heading: "Mistakes", cols: mistakeCols}
			for _, m := range ms {
				t.rows = append(t.rows, []string{m.code, itoa(m.count), m.example, m.message})
			}
			sec.tables = append(sec.tables, t)
		}
		if gs := q.sortedGroups(); len(gs) > 0 {
			t := table{heading: "Most common wrong answers", cols: groupCols}
			for _, g := range gs[:min(len(gs), maxGroups)] {
				t.rows = append(t.rows, []string{itoa(g.count), g.commonForm(), itoa(len(g.forms)), strings.Join(g.codes, ", ")})
			}
			sec.tables = append(sec.tables, t)
		}
		if es := sortedMistakes(q.errors); len(es) > 0 {
			t := table{heading: "Ungradable answers", cols: errorCols}
			for _, e := range es {
				t.rows = append(t.rows, []string{itoa(e.count), e.example, e.message})
			}
			sec.tables = append(sec.tables, t)
		}
		out = append(out, sec)
	}
	return out
}
