package assignment

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// MaxFileBytes bounds the assignment file (4 MiB).
const MaxFileBytes = 4 << 20

// rawAssignment and rawQuestion are the YAML as written.
type rawAssignment struct {
	Title     string         `yaml:"title"`
	Seed      *int64         `yaml:"seed"`
	Tolerance any            `yaml:"tolerance"`
	Questions []*rawQuestion `yaml:"questions"`
}

type rawQuestion struct {
	ID       string             `yaml:"id"`
	Title    string             `yaml:"title"`
	Text     string             `yaml:"text"`
	Program  string             `yaml:"program"`
	Ask      string             `yaml:"ask"`
	Expr     string             `yaml:"expr"`
	Answer   string             `yaml:"answer"`
	Points   *float64           `yaml:"points"`
	Aliases  map[string]string  `yaml:"aliases"`
	Credit   map[string]float64 `yaml:"credit"`
	Feedback map[string]string  `yaml:"feedback"`
	Wrong    []string           `yaml:"wrong"`
	Graph    bool               `yaml:"graph"`
}

// Load reads and checks the assignment file at path (see Parse).
func Load(path string) (*Assignment, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read the assignment: " + unwrapPathErr(err)}
	}
	if st.Size() > MaxFileBytes {
		return nil, &Error{File: path, Msg: fmt.Sprintf("the assignment is larger than %d bytes", MaxFileBytes)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read the assignment: " + unwrapPathErr(err)}
	}
	return Parse(data, path)
}

func unwrapPathErr(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Parse reads an assignment from data; name labels errors. It checks the
// structure (YAML syntax, unknown keys, types, ids), then derives every
// question's reference (Question.Reference): a program that does not
// parse, an ask that cannot be used and an instructor answer that is wrong
// are errors too. Errors are *Error, positioned into the YAML.
func Parse(data []byte, name string) (*Assignment, error) {
	if name == "" {
		name = "<assignment>"
	}
	if len(data) > MaxFileBytes {
		return nil, &Error{File: name, Msg: fmt.Sprintf("the assignment is larger than %d bytes", MaxFileBytes)}
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(err, name)
	}
	var raw rawAssignment
	if err := yaml.UnmarshalWithOptions(data, &raw, yaml.DisallowUnknownField()); err != nil {
		return nil, yamlError(err, name)
	}
	pos := positions(file, string(data))
	a := &Assignment{File: name, Title: raw.Title, Seed: 1, Tolerance: 1e-6}
	if raw.Seed != nil {
		a.Seed = *raw.Seed
	}
	if raw.Tolerance != nil {
		tol, err := tolerance(raw.Tolerance)
		if err != nil {
			p := pos.top["tolerance"]
			return nil, &Error{File: name, Line: p.line, Col: p.col, Msg: err.Error()}
		}
		a.Tolerance = tol
	}
	if len(raw.Questions) == 0 {
		p := pos.top["questions"]
		return nil, &Error{File: name, Line: p.line, Col: p.col, Msg: "the assignment has no questions"}
	}
	seen := map[string]bool{}
	for i, rq := range raw.Questions {
		var qp map[string]scalarPos
		if i < len(pos.questions) {
			qp = pos.questions[i]
		}
		errAt := func(field, format string, args ...any) error {
			p, ok := qp[field]
			if !ok {
				p = qp[""]
			}
			return &Error{File: name, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, args...)}
		}
		if rq == nil {
			return nil, errAt("", "question %d is empty", i+1)
		}
		q := &Question{ID: strings.TrimSpace(rq.ID), Title: rq.Title, Text: rq.Text, Program: rq.Program,
			Ask: strings.TrimSpace(rq.Ask), Expr: strings.TrimSpace(rq.Expr), Answer: rq.Answer, Points: 1,
			Aliases: rq.Aliases, Credit: rq.Credit, Feedback: rq.Feedback, Wrong: rq.Wrong, Graph: rq.Graph,
			pos: qp, file: name, seed: a.Seed, tol: a.Tolerance}
		switch {
		case q.ID == "":
			return nil, errAt("", "question %d has no id", i+1)
		case seen[q.ID]:
			return nil, errAt("id", "the id %s is used twice", q.ID)
		case strings.TrimSpace(q.Program) == "":
			return nil, errAt("", "question %s has no program", q.ID)
		}
		seen[q.ID] = true
		if rq.Points != nil {
			if math.IsNaN(*rq.Points) || math.IsInf(*rq.Points, 0) || *rq.Points < 0 {
				return nil, errAt("points", "points must be a number ≥ 0")
			}
			q.Points = *rq.Points
		}
		for code, c := range q.Credit {
			if !KnownCode(code) {
				return nil, errAt("credit", "credit: unknown diagnosis %q (known: %s)", code, strings.Join(Codes, ", "))
			}
			if math.IsNaN(c) || c < 0 || c > 1 {
				return nil, errAt("credit", "credit for %s must be between 0 and 1", code)
			}
		}
		for code := range q.Feedback {
			if !KnownCode(code) && code != "correct" && code != "incorrect" && code != "ungradable" {
				return nil, errAt("feedback", "feedback: unknown diagnosis %q (known: %s)", code, strings.Join(Codes, ", "))
			}
		}
		if strings.HasPrefix(q.Ask, "expr:") && q.Expr == "" {
			q.Expr, q.Ask = strings.TrimSpace(strings.TrimPrefix(q.Ask, "expr:")), ""
		}
		switch {
		case q.Ask != "" && q.Expr != "":
			return nil, errAt("expr", "a question has either ask or expr, not both")
		case q.Ask == "" && q.Expr == "":
			return nil, errAt("", "question %s needs ask (grad --wrt V, …) or expr", q.ID)
		case q.Ask != "":
			r, err := ParseAsk(q.Ask)
			if err != nil {
				return nil, errAt("ask", "ask: %v", err)
			}
			q.Request = r
		default:
			q.Request = Request{Command: "expr"}
		}
		a.Questions = append(a.Questions, q)
	}
	for _, q := range a.Questions {
		if _, err := q.Reference(context.Background()); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// tolerance reads a number or a numeric string ("1e-6").
func tolerance(v any) (float64, error) {
	var t float64
	switch x := v.(type) {
	case float64:
		t = x
	case uint64:
		t = float64(x)
	case int64:
		t = float64(x)
	case int:
		t = float64(x)
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return 0, fmt.Errorf("tolerance %q: want a positive number, such as 1e-6", x)
		}
		t = f
	default:
		return 0, fmt.Errorf("tolerance: want a positive number, such as 1e-6")
	}
	if math.IsNaN(t) || math.IsInf(t, 0) || t <= 0 {
		return 0, fmt.Errorf("tolerance %v: want a positive number, such as 1e-6", t)
	}
	return t, nil
}

// yamlError positions a goccy/go-yaml error.
func yamlError(err error, name string) error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		msg := ye.GetMessage()
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			return &Error{File: name, Line: tk.Position.Line, Col: tk.Position.Column, Msg: msg}
		}
		return &Error{File: name, Msg: msg}
	}
	return &Error{File: name, Msg: err.Error()}
}

// scalarPos is where a scalar's text starts in the YAML, and how its lines
// map back: for a block scalar (| or >), content line k is at line+k, col.
type scalarPos struct {
	line, col int
	block     bool
	quoted    bool
}

type filePositions struct {
	top       map[string]scalarPos
	questions []map[string]scalarPos
}

// positions walks the YAML syntax tree for the positions of the top-level
// keys and of each question's fields ("" is the question itself).
func positions(f *ast.File, src string) filePositions {
	out := filePositions{top: map[string]scalarPos{}}
	lines := strings.Split(src, "\n")
	if len(f.Docs) == 0 || f.Docs[0] == nil {
		return out
	}
	top, ok := unwrap(f.Docs[0].Body).(*ast.MappingNode)
	if !ok {
		return out
	}
	for _, kv := range top.Values {
		key := kv.Key.String()
		out.top[key] = nodePos(kv.Value, lines)
		if key != "questions" {
			continue
		}
		seq, ok := unwrap(kv.Value).(*ast.SequenceNode)
		if !ok {
			continue
		}
		for _, item := range seq.Values {
			qp := map[string]scalarPos{"": nodePos(item, lines)}
			if m, ok := unwrap(item).(*ast.MappingNode); ok {
				for _, f := range m.Values {
					qp[f.Key.String()] = nodePos(f.Value, lines)
				}
			}
			out.questions = append(out.questions, qp)
		}
	}
	return out
}

func unwrap(n ast.Node) ast.Node {
	for {
		switch x := n.(type) {
		case *ast.TagNode:
			n = x.Value
		case *ast.AnchorNode:
			n = x.Value
		default:
			return n
		}
	}
}

func nodePos(n ast.Node, lines []string) scalarPos {
	if n == nil {
		return scalarPos{}
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return scalarPos{}
	}
	p := scalarPos{line: tk.Position.Line, col: tk.Position.Column}
	switch unwrap(n).(type) {
	case *ast.LiteralNode:
		// The content starts on the next line, at its indentation.
		p.block = true
		p.line++
		for l := p.line; l-1 < len(lines); l++ {
			s := lines[l-1]
			if strings.TrimSpace(s) == "" {
				continue
			}
			p.col = len(s) - len(strings.TrimLeft(s, " ")) + 1
			break
		}
	case *ast.StringNode:
		if tk.Position.Line-1 < len(lines) {
			line := lines[tk.Position.Line-1]
			// Column counts characters; find the byte under it.
			if i := byteAtCol(line, tk.Position.Column); i < len(line) && (line[i] == '"' || line[i] == '\'') {
				p.quoted = true
			}
		}
	}
	return p
}

// byteAtCol is the byte offset of 1-based character column col in line.
func byteAtCol(line string, col int) int {
	c := 1
	for i := range line {
		if c == col {
			return i
		}
		c++
	}
	return len(line)
}

// at maps a (line, col) inside a scalar's text (1-based, as
// symbolic.Error.LineCol gives) to the YAML file.
func (p scalarPos) at(line, col int) (int, int) {
	if p.line == 0 {
		return 0, 0
	}
	if p.block {
		return p.line + line - 1, p.col + col - 1
	}
	off := 0
	if p.quoted {
		off = 1
	}
	if line <= 1 {
		return p.line, p.col + off + col - 1
	}
	return p.line + line - 1, col
}
