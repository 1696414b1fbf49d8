package grade

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func collect(t *testing.T, read func(emit func(Item) error) error) []Item {
	t.Helper()
	var out []Item
	require.NoError(t, read(func(it Item) error { out = append(out, it); return nil }))
	return out
}

// TestReadJSONL: both record forms, answers in the object's order, bad
// lines as Bad items, blank lines skipped, numbers as written.
func TestReadJSONL(t *testing.T) {
	in := `{"student": "a", "question": "q1", "answer": "x"}

{"student": "b", "answers": {"q2": "y", "q1": 3, "q3": "z"}}
[1, 2]
{"student": "c"}
{"student": "d", "question": "q1", "answer": "x", "extra": {"k": [1]}}
`
	items := collect(t, func(emit func(Item) error) error { return ReadJSONL(strings.NewReader(in), emit) })
	require.Len(t, items, 7)
	assert.Equal(t, Submission{"a", "q1", "x"}, items[0].Submission)
	assert.Equal(t, []string{"q2", "q1", "q3"}, []string{items[1].Question, items[2].Question, items[3].Question})
	assert.Equal(t, "3", items[2].Answer)
	assert.Contains(t, items[4].Bad, "line 4")
	assert.Contains(t, items[5].Bad, "line 5")
	assert.Equal(t, "c", items[5].Student)
	assert.Equal(t, Submission{"d", "q1", "x"}, items[6].Submission)
}

// TestReadCSV: long and wide forms; empty cells are no answers; platform
// columns are not questions; quoted cells keep commas and newlines.
func TestReadCSV(t *testing.T) {
	long := "student,question,answer\na,q1,\"f(x, y)\"\na,q2,\nb,q1,\"δ = x\n2 δ\"\n"
	items := collect(t, func(emit func(Item) error) error { return ReadCSV(strings.NewReader(long), false, emit) })
	require.Len(t, items, 2)
	assert.Equal(t, "f(x, y)", items[0].Answer)
	assert.Equal(t, "δ = x\n2 δ", items[1].Answer)

	wide := "\ufeffName,Email,SID,q1,q2\nAda,a@x,1,x,\nBo,b@x,2,,y\n"
	items = collect(t, func(emit func(Item) error) error { return ReadCSV(strings.NewReader(wide), false, emit) })
	require.Len(t, items, 2)
	assert.Equal(t, Submission{"1", "q1", "x"}, items[0].Submission, "the SID names the student")
	assert.Equal(t, Submission{"2", "q2", "y"}, items[1].Submission)
}

// TestReadCSVRowErrors: a row csv cannot parse is one Bad item naming
// its row (the header is row 1) and the rows after it are still read; a
// failure to read stops with an error after the rows read so far (it
// used to repeat forever: csv.Reader returns it at every call).
func TestReadCSVRowErrors(t *testing.T) {
	cr := func(in string, then error) func(emit func(Item) error) error {
		return func(emit func(Item) error) error {
			return ReadCSV(io.MultiReader(strings.NewReader(in), iotest.ErrReader(then)), false, emit)
		}
	}
	var items []Item
	emit := func(it Item) error { items = append(items, it); return nil }
	err := cr("student,question,answer\na,q1,x\n", errors.New("disk failed"))(emit)
	require.ErrorContains(t, err, "reading row 3: disk failed")
	require.Len(t, items, 1)
	assert.Equal(t, Submission{"a", "q1", "x"}, items[0].Submission)

	items = nil
	err = cr("student,q1,q2\na,x,y\n", errors.New("disk failed"))(emit)
	require.ErrorContains(t, err, "reading row 3")
	require.Len(t, items, 2)
}

// TestReadAnswerFiles: a student's YAML, JSON (bare or wrapped) and text
// answers, in file order.
func TestReadAnswerFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.yaml":   "q2: y\nq1: \"(x)\"\n",
		"b.json":   `{"q2": "y", "q1": "(x)"}`,
		"c.json":   `{"answers": {"q2": "y", "q1": "(x)"}}`,
		"d.txt":    "q2: y\nq1: (x)\n",
		"e.txt":    "q2: δ = x\n2 δ\nq1: (x)\n",
		"bad.json": `[1]`,
	}
	for name, data := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644))
	}
	for _, name := range []string{"a.yaml", "b.json", "c.json", "d.txt"} {
		got, err := ReadAnswers(filepath.Join(dir, name))
		require.NoError(t, err, name)
		assert.Equal(t, []Answer{{"q2", "y"}, {"q1", "(x)"}}, got, name)
	}
	got, err := ReadAnswers(filepath.Join(dir, "e.txt"))
	require.NoError(t, err)
	assert.Equal(t, []Answer{{"q2", "δ = x\n2 δ"}, {"q1", "(x)"}}, got)
	_, err = ReadAnswers(filepath.Join(dir, "bad.json"))
	assert.Error(t, err)

	items := collect(t, func(emit func(Item) error) error { return ReadFolder(dir, emit) })
	var students []string
	for _, it := range items {
		students = append(students, it.Student)
	}
	assert.Equal(t, []string{"a", "a", "b", "b", "bad", "c", "c"}, students, "folder order; a bad file is one Bad item")
}
