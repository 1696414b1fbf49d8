package grade

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
)

// Item is one thing read from a submissions source: an answer to grade,
// or (Bad set) a record that could not be read, which still gets a result
// (ungradable) so that nothing is lost.
type Item struct {
	Submission
	// Bad says why the record could not be read ("" when it could).
	Bad string
}

// MaxLine bounds one JSON Lines record (1 MiB); a longer record is an
// ungradable item.
const MaxLine = 1 << 20

// ReadSubmissions reads submissions from path (SPEC §7.3): JSON Lines
// (.jsonl, .json, .ndjson, or "-" for r), CSV (.csv: long
// student,question,answer or wide with a column per question; an empty
// cell is no answer), or a folder of STUDENT.yaml / STUDENT.json files
// (question id → answer). Each record is passed to emit in input order.
// Errors: the source cannot be opened or is not in any of these forms.
func ReadSubmissions(path string, stdin io.Reader, emit func(Item) error) error {
	if path == "-" {
		return ReadJSONL(stdin, emit)
	}
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%s: cannot read the submissions: %w", path, unwrapPath(err))
	}
	if st.IsDir() {
		return ReadFolder(path, emit)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%s: cannot read the submissions: %w", path, unwrapPath(err))
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv":
		if err := ReadCSV(f, strings.EqualFold(filepath.Ext(path), ".tsv"), emit); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	case ".yaml", ".yml":
		return readAnswerFile(path, emit)
	}
	if err := ReadJSONL(f, emit); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadJSONL reads JSON Lines: {"student", "question", "answer"} or
// {"student", "answers": {id: answer, …}} per line (answers in the
// object's order). A line that is not such an object becomes a Bad item.
func ReadJSONL(r io.Reader, emit func(Item) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	lineNo := 0
	for {
		line, tooLong, err := readLine(br)
		if err != nil && err != io.EOF {
			return err
		}
		if line == nil && err == io.EOF {
			return nil
		}
		lineNo++
		if tooLong {
			if e := emit(Item{Bad: fmt.Sprintf("line %d: the record is longer than %d bytes", lineNo, MaxLine)}); e != nil {
				return e
			}
		} else if t := bytes.TrimSpace(line); len(t) > 0 {
			if e := jsonRecord(t, lineNo, emit); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine reads one line, keeping at most MaxLine bytes of it.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, isPrefix, e := br.ReadLine()
		if e != nil {
			if line == nil && !tooLong {
				return nil, false, e
			}
			return line, tooLong, nil
		}
		if len(line)+len(chunk) > MaxLine {
			tooLong = true
		} else if !tooLong {
			line = append(line, chunk...)
		}
		if !isPrefix {
			if line == nil {
				line = []byte{}
			}
			return line, tooLong, nil
		}
	}
}

// jsonRecord decodes one JSON Lines record.
func jsonRecord(data []byte, lineNo int, emit func(Item) error) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return emit(Item{Bad: fmt.Sprintf("line %d: not a JSON object", lineNo)})
	}
	var student, question string
	var answer *string
	var answers []kv
	var sawAnswers bool
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return emit(Item{Bad: fmt.Sprintf("line %d: %v", lineNo, err)})
		}
		key, _ := kt.(string)
		switch key {
		case "answers":
			sawAnswers = true
			if answers, err = orderedObject(dec); err != nil {
				return emit(Item{Submission: Submission{Student: student}, Bad: fmt.Sprintf("line %d: answers: %v", lineNo, err)})
			}
		default:
			var v any
			if err := dec.Decode(&v); err != nil {
				return emit(Item{Bad: fmt.Sprintf("line %d: %v", lineNo, err)})
			}
			switch key {
			case "student":
				student = scalarString(v)
			case "question":
				question = scalarString(v)
			case "answer":
				s := scalarString(v)
				answer = &s
			}
		}
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return emit(Item{Submission: Submission{Student: student}, Bad: fmt.Sprintf("line %d: the JSON object is not closed", lineNo)})
	}
	switch {
	case sawAnswers:
		for _, a := range answers {
			if err := emit(Item{Submission: Submission{Student: student, Question: a.k, Answer: a.v}}); err != nil {
				return err
			}
		}
		return nil
	case question == "" && answer != nil:
		return emit(Item{Submission: Submission{Student: student, Answer: *answer}, Bad: fmt.Sprintf("line %d: an answer without a question", lineNo)})
	case answer != nil || question != "":
		a := ""
		if answer != nil {
			a = *answer
		}
		return emit(Item{Submission: Submission{Student: student, Question: question, Answer: a}})
	}
	return emit(Item{Submission: Submission{Student: student}, Bad: fmt.Sprintf("line %d: no question and answer (want {\"student\", \"question\", \"answer\"} or {\"student\", \"answers\": {…}})", lineNo)})
}

type kv struct{ k, v string }

// orderedObject decodes a JSON object of scalars keeping its key order.
func orderedObject(dec *json.Decoder) ([]kv, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('{') {
		return nil, errors.New("not an object")
	}
	var out []kv
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		out = append(out, kv{k: fmt.Sprint(kt), v: rawString(raw)})
	}
	_, err = dec.Token()
	return out, err
}

// rawString is a JSON value as answer text: a string's contents, null as
// "", anything else (a number, an object) as written.
func rawString(raw json.RawMessage) string {
	t := bytes.TrimSpace(raw)
	switch {
	case len(t) == 0 || string(t) == "null":
		return ""
	case t[0] == '"':
		var s string
		if json.Unmarshal(t, &s) == nil {
			return s
		}
	}
	return string(t)
}

// scalarString writes a JSON or YAML scalar as text (a number as written).
func scalarString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case []any, map[string]any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}

// metaColumns are columns of a platform's export that are not questions.
var metaColumns = []string{"name", "first name", "last name", "email", "sid", "section", "timestamp", "time",
	"submission time", "submitted", "submission id", "status", "score", "total", "total score", "max points", "lateness", "view count", "login", "user"}

// studentColumns name the student in a wide CSV.
var studentColumns = []string{"student", "student id", "student_id", "sid", "id", "uid", "login", "username", "user", "email", "name"}

// ReadCSV reads CSV submissions: long (columns student, question,
// answer) or wide (a student column and one column per question id, as
// course platforms export). An empty cell is no answer. tsv reads tabs.
func ReadCSV(r io.Reader, tsv bool, emit func(Item) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	if tsv {
		cr.Comma = '\t'
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return fmt.Errorf("not CSV: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff"))
		if _, ok := col[h]; !ok {
			col[h] = i
		}
	}
	si, hasS := col["student"]
	qi, hasQ := col["question"]
	ai, hasA := col["answer"]
	cell := func(rec []string, i int) string {
		if i < len(rec) {
			return rec[i]
		}
		return ""
	}
	// rows hands each record to each. A record csv cannot parse is a bad
	// item naming its row, and reading goes on with the next (with lazy
	// quotes and free field counts csv rejects little); a failure to
	// read stops (csv.Reader would return it again at every call).
	rows := func(each func(rec []string, rowNo int) error) error {
		for rowNo := 2; ; rowNo++ {
			rec, err := cr.Read()
			if err == io.EOF {
				return nil
			}
			var perr *csv.ParseError
			switch {
			case errors.As(err, &perr):
				err = emit(Item{Bad: fmt.Sprintf("row %d: %v", rowNo, err)})
			case err != nil:
				return fmt.Errorf("reading row %d: %w", rowNo, err)
			default:
				err = each(rec, rowNo)
			}
			if err != nil {
				return err
			}
		}
	}
	if hasQ && hasA {
		// Long: one answer per row.
		return rows(func(rec []string, rowNo int) error {
			st := ""
			if hasS {
				st = cell(rec, si)
			}
			if strings.TrimSpace(cell(rec, ai)) == "" {
				return nil // an empty cell is no answer
			}
			q := strings.TrimSpace(cell(rec, qi))
			if q == "" {
				return emit(Item{Submission: Submission{Student: st, Answer: cell(rec, ai)}, Bad: fmt.Sprintf("row %d: an answer without a question", rowNo)})
			}
			return emit(Item{Submission: Submission{Student: st, Question: q, Answer: cell(rec, ai)}})
		})
	}
	if !hasS {
		si = 0
		for _, name := range studentColumns {
			if i, ok := col[name]; ok {
				si = i
				break
			}
		}
	}
	var qcols []int
	for i, h := range header {
		if i == si || slices.Contains(metaColumns, strings.ToLower(h)) || h == "" {
			continue
		}
		qcols = append(qcols, i)
	}
	// Wide: one row per student, one column per question.
	return rows(func(rec []string, _ int) error {
		st := cell(rec, si)
		for _, i := range qcols {
			a := cell(rec, i)
			if strings.TrimSpace(a) == "" {
				continue // an empty cell is no answer
			}
			if err := emit(Item{Submission: Submission{Student: st, Question: header[i], Answer: a}}); err != nil {
				return err
			}
		}
		return nil
	})
}

// ReadFolder reads a folder of STUDENT.yaml / STUDENT.yml / STUDENT.json
// files (question id → answer), in file-name order.
func ReadFolder(dir string, emit func(Item) error) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("%s: cannot read the submissions: %w", dir, unwrapPath(err))
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".yaml", ".yml", ".json":
			if err := readAnswerFile(filepath.Join(dir, e.Name()), emit); err != nil {
				return err
			}
		}
	}
	return nil
}

// readAnswerFile reads one student's file: a map of question id →
// answer; the student is the file's name without extension.
func readAnswerFile(path string, emit func(Item) error) error {
	student := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	answers, err := ReadAnswerMap(path)
	if err != nil {
		return emit(Item{Submission: Submission{Student: student}, Bad: err.Error()})
	}
	for _, a := range answers {
		if err := emit(Item{Submission: Submission{Student: student, Question: a.k, Answer: a.v}}); err != nil {
			return err
		}
	}
	return nil
}

// Answer is a question id and an answer, as read from a student's file.
type Answer struct{ Question, Text string }

// ReadAnswers reads a student's answers file (YAML, JSON, or text with
// `id: answer` lines), in file order.
func ReadAnswers(path string) ([]Answer, error) {
	kvs, err := ReadAnswerMap(path)
	if err != nil {
		return nil, err
	}
	out := make([]Answer, len(kvs))
	for i, x := range kvs {
		out[i] = Answer{Question: x.k, Text: x.v}
	}
	return out, nil
}

// ReadAnswerMap reads a question id → answer file in order.
func ReadAnswerMap(path string) ([]kv, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", path, unwrapPath(err))
	}
	if len(data) > 16<<20 {
		return nil, fmt.Errorf("%s: larger than 16 MiB", path)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		kvs, err := orderedObject(dec)
		if err != nil {
			return nil, fmt.Errorf("%s: want a JSON object of question id → answer: %v", path, err)
		}
		// {"answers": {id: answer}} (or "submitted_answers") wraps them.
		if len(kvs) == 1 && (kvs[0].k == "answers" || kvs[0].k == "submitted_answers") && strings.HasPrefix(kvs[0].v, "{") {
			inner := json.NewDecoder(strings.NewReader(kvs[0].v))
			inner.UseNumber()
			if in, err := orderedObject(inner); err == nil {
				return in, nil
			}
		}
		return kvs, nil
	case ".txt":
		return textAnswers(string(data)), nil
	}
	var ms yaml.MapSlice
	if err := yaml.UnmarshalWithOptions(data, &ms, yaml.UseOrderedMap()); err != nil {
		return nil, fmt.Errorf("%s: want a YAML map of question id → answer: %s", path, strings.TrimSpace(err.Error()))
	}
	var out []kv
	for _, it := range ms {
		out = append(out, kv{k: fmt.Sprint(it.Key), v: yamlScalar(it.Value)})
	}
	return out, nil
}

func yamlScalar(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case uint64, int64, int, float64, bool:
		return fmt.Sprint(x)
	}
	b, err := yaml.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(string(b))
}

// textAnswers reads `id: answer` lines; a line that does not start with
// an id continues the previous answer.
func textAnswers(s string) []kv {
	var out []kv
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") && len(out) == 0 {
			continue
		}
		if id, rest, ok := strings.Cut(line, ":"); ok && isID(id) {
			out = append(out, kv{k: strings.TrimSpace(id), v: strings.TrimSpace(rest)})
			continue
		}
		if len(out) > 0 {
			out[len(out)-1].v += "\n" + strings.TrimSpace(line)
		}
	}
	return out
}

// isID reports whether s looks like a question id (no spaces, no maths).
func isID(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 || s != strings.TrimLeft(s, " \t") {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}
