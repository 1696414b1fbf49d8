package grade

import (
	"fmt"
	"html"
	"io"
	"slices"
	"strings"

	"deriv/assignment"
)

// Report collects results for the class view of SPEC §7.3 --report: per
// question, the verdict counts, the mistakes by frequency with an example
// answer each, and the most common wrong answers grouped by equivalence.
type Report struct {
	a        *assignment.Assignment
	byQ      map[string]*qReport
	order    []string
	students map[string]bool
	answers  int
}

type qReport struct {
	id, title string
	verdicts  map[string]int
	mistakes  map[string]*mistake
	groups    map[string]*group
	errors    map[string]*mistake
}

type mistake struct {
	code, message, example string
	count                  int
}

type group struct {
	forms  map[string]int
	count  int
	codes  []string
	first  string
	sigKey string
}

// NewReport starts an empty report for a.
func NewReport(a *assignment.Assignment) *Report {
	r := &Report{a: a, byQ: map[string]*qReport{}, students: map[string]bool{}}
	for _, q := range a.Questions {
		r.byQ[q.ID] = newQReport(q.ID, q.Title)
		r.order = append(r.order, q.ID)
	}
	return r
}

func newQReport(id, title string) *qReport {
	return &qReport{id: id, title: title, verdicts: map[string]int{}, mistakes: map[string]*mistake{}, groups: map[string]*group{}, errors: map[string]*mistake{}}
}

// Add records a result.
func (r *Report) Add(res Result) {
	r.answers++
	r.students[res.Student] = true
	q := r.byQ[res.Question]
	if q == nil {
		q = newQReport(res.Question, "(no such question)")
		r.byQ[res.Question] = q
		r.order = append(r.order, res.Question)
	}
	q.verdicts[res.Verdict]++
	ans := strings.TrimSpace(res.Answer)
	switch res.Verdict {
	case Incorrect:
		for _, d := range res.Diagnosis {
			m := q.mistakes[d.Code]
			if m == nil {
				m = &mistake{code: d.Code, message: d.Message, example: ans}
				q.mistakes[d.Code] = m
			}
			m.count++
		}
		key := res.sig
		if key == "" {
			key = "text:" + normalize(ans)
		}
		g := q.groups[key]
		if g == nil {
			g = &group{forms: map[string]int{}, codes: res.Codes(), first: ans, sigKey: key}
			q.groups[key] = g
		}
		g.count++
		g.forms[normalize(ans)]++
	case Ungradable:
		msg := ""
		if res.Error != nil {
			msg = res.Error.Message
		}
		m := q.errors[msg]
		if m == nil {
			m = &mistake{message: msg, example: ans}
			q.errors[msg] = m
		}
		m.count++
	}
}

// sortedMistakes lists mistakes by frequency, then code order.
func sortedMistakes(ms map[string]*mistake) []*mistake {
	out := make([]*mistake, 0, len(ms))
	for _, m := range ms {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b *mistake) int {
		if a.count != b.count {
			return b.count - a.count
		}
		return strings.Compare(a.code+a.message, b.code+b.message)
	})
	return out
}

func (q *qReport) sortedGroups() []*group {
	out := make([]*group, 0, len(q.groups))
	for _, g := range q.groups {
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b *group) int {
		if a.count != b.count {
			return b.count - a.count
		}
		return strings.Compare(a.first, b.first)
	})
	return out
}

// commonForm is the group's most frequent spelling.
func (g *group) commonForm() string {
	best, n := g.first, 0
	for f, c := range g.forms {
		if c > n || c == n && f < best {
			best, n = f, c
		}
	}
	return best
}

// maxGroups is the number of wrong-answer groups a report lists per
// question.
const maxGroups = 5

// WriteMarkdown writes the report in Markdown.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	title := r.a.Title
	if title == "" {
		title = "Grading report"
	}
	fmt.Fprintf(&b, "# %s\n\n%d answers from %d students.\n", mdCell(title), r.answers, len(r.students))
	for _, id := range r.order {
		q := r.byQ[id]
		fmt.Fprintf(&b, "\n## %s", mdCell(q.id))
		if q.title != "" {
			fmt.Fprintf(&b, " — %s", mdCell(q.title))
		}
		b.WriteString("\n\n| correct | incorrect | ungradable |\n|---:|---:|---:|\n")
		fmt.Fprintf(&b, "| %d | %d | %d |\n", q.verdicts[Correct], q.verdicts[Incorrect], q.verdicts[Ungradable])
		if ms := sortedMistakes(q.mistakes); len(ms) > 0 {
			b.WriteString("\n### Mistakes\n\n| mistake | answers | example answer | what it says |\n|---|---:|---|---|\n")
			for _, m := range ms {
				fmt.Fprintf(&b, "| %s | %d | %s | %s |\n", m.code, m.count, mdCode(m.example), mdCell(m.message))
			}
		}
		if gs := q.sortedGroups(); len(gs) > 0 {
			b.WriteString("\n### Most common wrong answers\n\n| answers | answer (most common spelling) | spellings | mistakes |\n|---:|---|---:|---|\n")
			for i, g := range gs {
				if i == maxGroups {
					break
				}
				fmt.Fprintf(&b, "| %d | %s | %d | %s |\n", g.count, mdCode(g.commonForm()), len(g.forms), strings.Join(g.codes, ", "))
			}
		}
		if es := sortedMistakes(q.errors); len(es) > 0 {
			b.WriteString("\n### Ungradable answers\n\n| answers | example answer | problem |\n|---:|---|---|\n")
			for _, e := range es {
				fmt.Fprintf(&b, "| %d | %s | %s |\n", e.count, mdCode(e.example), mdCell(e.message))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdCell makes text safe inside a Markdown table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, "|", `\|`)
	return s
}

// mdCode writes an answer as inline code in a table cell (shortened).
func mdCode(s string) string {
	s = shorten(strings.ReplaceAll(s, "\n", "; "), 120)
	if s == "" {
		return "(empty)"
	}
	s = strings.ReplaceAll(s, "`", "'")
	return "`" + strings.ReplaceAll(s, "|", `\|`) + "`"
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// WriteHTML writes the report as a standalone HTML page.
func (r *Report) WriteHTML(w io.Writer) error {
	var b strings.Builder
	title := r.a.Title
	if title == "" {
		title = "Grading report"
	}
	e := html.EscapeString
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>\n", e(title))
	b.WriteString("<style>body{font-family:sans-serif;max-width:60em;margin:auto}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}code{white-space:pre-wrap}</style></head><body>\n")
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p>%d answers from %d students.</p>\n", e(title), r.answers, len(r.students))
	for _, id := range r.order {
		q := r.byQ[id]
		fmt.Fprintf(&b, "<h2>%s", e(q.id))
		if q.title != "" {
			fmt.Fprintf(&b, " — %s", e(q.title))
		}
		b.WriteString("</h2>\n<table><tr><th>correct</th><th>incorrect</th><th>ungradable</th></tr>\n")
		fmt.Fprintf(&b, "<tr><td>%d</td><td>%d</td><td>%d</td></tr></table>\n", q.verdicts[Correct], q.verdicts[Incorrect], q.verdicts[Ungradable])
		if ms := sortedMistakes(q.mistakes); len(ms) > 0 {
			b.WriteString("<h3>Mistakes</h3>\n<table><tr><th>mistake</th><th>answers</th><th>example answer</th><th>what it says</th></tr>\n")
			for _, m := range ms {
				fmt.Fprintf(&b, "<tr><td>%s</td><td>%d</td><td><code>%s</code></td><td>%s</td></tr>\n", e(m.code), m.count, e(shorten(m.example, 200)), e(m.message))
			}
			b.WriteString("</table>\n")
		}
		if gs := q.sortedGroups(); len(gs) > 0 {
			b.WriteString("<h3>Most common wrong answers</h3>\n<table><tr><th>answers</th><th>answer (most common spelling)</th><th>spellings</th><th>mistakes</th></tr>\n")
			for i, g := range gs {
				if i == maxGroups {
					break
				}
				fmt.Fprintf(&b, "<tr><td>%d</td><td><code>%s</code></td><td>%d</td><td>%s</td></tr>\n", g.count, e(shorten(g.commonForm(), 200)), len(g.forms), e(strings.Join(g.codes, ", ")))
			}
			b.WriteString("</table>\n")
		}
		if es := sortedMistakes(q.errors); len(es) > 0 {
			b.WriteString("<h3>Ungradable answers</h3>\n<table><tr><th>answers</th><th>example answer</th><th>problem</th></tr>\n")
			for _, m := range es {
				fmt.Fprintf(&b, "<tr><td>%d</td><td><code>%s</code></td><td>%s</td></tr>\n", m.count, e(shorten(m.example, 200)), e(m.message))
			}
			b.WriteString("</table>\n")
		}
	}
	b.WriteString("</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
