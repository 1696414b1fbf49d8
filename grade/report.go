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

// WriteMarkdown writes the report in Markdown: a heading per question,
// then its tables (see sections).
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%d answers from %d students.\n", mdCell(r.title()), r.answers, len(r.students))
	for _, sec := range r.sections() {
		fmt.Fprintf(&b, "\n## %s", mdCell(sec.id))
		if sec.title != "" {
			fmt.Fprintf(&b, " — %s", mdCell(sec.title))
		}
		b.WriteString("\n")
		for _, t := range sec.tables {
			b.WriteString("\n")
			if t.heading != "" {
				fmt.Fprintf(&b, "### %s\n\n", t.heading)
			}
			var align strings.Builder
			for _, c := range t.cols {
				fmt.Fprintf(&b, "| %s ", c.name)
				if c.num {
					align.WriteString("|---:")
				} else {
					align.WriteString("|---")
				}
			}
			fmt.Fprintf(&b, "|\n%s|\n", align.String())
			for _, row := range t.rows {
				for i, v := range row {
					switch t.cols[i].kind {
					case codeCell:
						fmt.Fprintf(&b, "| %s ", mdCode(v))
					default:
						fmt.Fprintf(&b, "| %s ", mdCell(v))
					}
				}
				b.WriteString("|\n")
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

// WriteHTML writes the report as a standalone HTML page, the same
// headings and tables as WriteMarkdown.
func (r *Report) WriteHTML(w io.Writer) error {
	var b strings.Builder
	e := html.EscapeString
	title := r.title()
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>\n", e(title))
	b.WriteString("<style>body{font-family:sans-serif;max-width:60em;margin:auto}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}code{white-space:pre-wrap}</style></head><body>\n")
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p>%d answers from %d students.</p>\n", e(title), r.answers, len(r.students))
	for _, sec := range r.sections() {
		fmt.Fprintf(&b, "<h2>%s", e(sec.id))
		if sec.title != "" {
			fmt.Fprintf(&b, " — %s", e(sec.title))
		}
		b.WriteString("</h2>\n")
		for _, t := range sec.tables {
			if t.heading != "" {
				fmt.Fprintf(&b, "<h3>%s</h3>\n", e(t.heading))
			}
			b.WriteString("<table><tr>")
			for _, c := range t.cols {
				fmt.Fprintf(&b, "<th>%s</th>", e(c.name))
			}
			b.WriteString("</tr>\n")
			for _, row := range t.rows {
				b.WriteString("<tr>")
				for i, v := range row {
					if t.cols[i].kind == codeCell {
						fmt.Fprintf(&b, "<td><code>%s</code></td>", e(shorten(v, 200)))
					} else {
						fmt.Fprintf(&b, "<td>%s</td>", e(v))
					}
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		}
	}
	b.WriteString("</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
