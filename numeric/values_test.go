package numeric

import (
	"errors"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"deriv/symbolic"
)

func valuesProgram() *symbolic.Program {
	p := program(map[string]dims{"x": vec("d"), "W⁽¹⁾": matr("n", "d"), "y": nil})
	p.Symbols["w"] = &symbolic.Symbol{Name: "w", Kind: symbolic.SymFamily, Shape: vec("d"), Index: "i", Count: "n"}
	return p
}

func TestReadValues(t *testing.T) {
	for _, key := range []string{"W^{(1)}", "W^(1)", "W⁽¹⁾"} {
		t.Run(key, func(t *testing.T) {
			doc := `{"x": [1, 2], "` + key + `": [[1, 2], [3, 4], [5, 6]], "y": 0.5, "w": [[1, 0], [0, 1], [2, 2]]}`
			env, err := ReadValues(valuesProgram(), []byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			if env.Dims["d"] != 2 || env.Dims["n"] != 3 {
				t.Errorf("dims %v", env.Dims)
			}
			if !mat.Equal(env.Vals["W⁽¹⁾"], dense(3, 2, 1, 2, 3, 4, 5, 6)) {
				t.Errorf("W⁽¹⁾ = %v", mat.Formatted(env.Vals["W⁽¹⁾"]))
			}
		})
	}
}

func TestReadValuesErrors(t *testing.T) {
	cases := []struct{ name, doc, want string }{
		{"not json", `{"x": [1,`, "not a JSON object"},
		{"unknown", `{"x": [1, 2], "W1": [[1, 2]], "y": 1, "w": [[1, 2]], "q": 1}`, `unknown name "W1"`},
		{"missing", `{"x": [1, 2], "W^(1)": [[1, 2]], "w": [[1, 2]]}`, "missing a value for y"},
		{"mismatch", `{"x": [1, 2, 3], "W^(1)": [[1, 2]], "y": 1, "w": [[1, 2]]}`, `"x" has shape 3×1, but d = 2`},
		{"ragged", `{"x": [1, 2], "W^(1)": [[1, 2], [3]], "y": 1, "w": [[1, 2]]}`, "ragged"},
		{"duplicate", `{"x": [1, 2], "W^(1)": [[1, 2]], "W⁽¹⁾": [[1, 2]], "y": 1, "w": [[1, 2]]}`, "name the same variable"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadValues(valuesProgram(), []byte(c.doc))
			var se *symbolic.Error
			if !errors.As(err, &se) || !strings.Contains(se.Msg, c.want) {
				t.Errorf("got %v, want a *symbolic.Error containing %q", err, c.want)
			}
		})
	}
}

func TestValueJSON(t *testing.T) {
	cases := []struct {
		name  string
		v     *mat.Dense
		shape symbolic.Shape
		want  string
	}{
		{"scalar", dense(1, 1, 2), nil, "2"},
		{"vector", dense(2, 1, 1, 2), vec("d"), "[1 2]"},
		{"matrix", dense(2, 2, 1, 2, 3, 4), matr("d", "d"), "[[1 2] [3 4]]"},
		{"row", dense(1, 2, 1, 2), matr("1", "d"), "[[1 2]]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := fmtAny(ValueJSON(c.v, c.shape)); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}
