package main

import (
	"encoding/json"
	"fmt"
	"math"

	"deriv/engine"
	"deriv/symbolic"
)

// JSON documents of SPEC §6. Field order follows the spec.

type exprJSON struct {
	Text  string `json:"text"`
	ASCII string `json:"ascii,omitempty"`
	LaTeX string `json:"latex"`
}

type symbolJSON struct {
	Shape      []string `json:"shape"`
	Function   string   `json:"function,omitempty"`
	Family     string   `json:"family,omitempty"`
	Definition string   `json:"definition,omitempty"`
	Inferred   bool     `json:"inferred,omitempty"`
}

// MarshalJSON omits "shape" for functions, where it means nothing.
func (s symbolJSON) MarshalJSON() ([]byte, error) {
	type plain symbolJSON
	if s.Function != "" {
		return json.Marshal(struct {
			Function string `json:"function"`
		}{s.Function})
	}
	if s.Shape == nil {
		s.Shape = []string{}
	}
	return json.Marshal(plain(s))
}

type bindingJSON struct {
	Name  string `json:"name"`
	Text  string `json:"text"`
	LaTeX string `json:"latex"`
}

type reportJSON struct {
	Verdict        string       `json:"verdict"`
	Points         int          `json:"points"`
	MaxRelError    jsonFloat    `json:"max_rel_error"`
	Diagnosis      string       `json:"diagnosis,omitempty"`
	Counterexample *counterJSON `json:"counterexample,omitempty"`
}

type counterJSON struct {
	Values   map[string]any `json:"values"`
	Expected any            `json:"expected"`
	Claimed  any            `json:"claimed"`
}

type derivativeJSON struct {
	Wrt   string        `json:"wrt"`
	Shape []string      `json:"shape"`
	Text  string        `json:"text"`
	ASCII string        `json:"ascii"`
	LaTeX string        `json:"latex"`
	Where []bindingJSON `json:"where"`
	// LHS is the left-hand side of a result in index notation
	// (∂f_i/∂W_{jk}), whose text is then the right-hand side.
	LHS   string      `json:"lhs,omitempty"`
	Value any         `json:"value,omitempty"`
	Check *reportJSON `json:"check,omitempty"`
}

type gradJSON struct {
	Of          string                `json:"of"`
	Function    exprJSON              `json:"function"`
	Symbols     map[string]symbolJSON `json:"symbols"`
	Derivatives []derivativeJSON      `json:"derivatives"`
}

// jsonFloat writes non-finite numbers as strings, which JSON cannot hold.
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return json.Marshal(fmt.Sprint(v))
	}
	return json.Marshal(v)
}

func printAll(e *symbolic.Expr) exprJSON {
	return exprJSON{Text: symbolic.Print(e, symbolic.Text), ASCII: symbolic.Print(e, symbolic.ASCII), LaTeX: symbolic.Print(e, symbolic.LaTeX)}
}

func shapeJSON(s symbolic.Shape) []string {
	d := s.Dims()
	if d == nil {
		return []string{}
	}
	return d
}

// symbolsJSON describes every name of the program.
func symbolsJSON(p *symbolic.Program) map[string]symbolJSON {
	out := map[string]symbolJSON{}
	for _, k := range p.Order {
		s := p.Symbols[k]
		if s == nil {
			continue
		}
		j := symbolJSON{Shape: shapeJSON(s.Shape), Inferred: !s.Declared && s.Kind == symbolic.SymVar}
		switch s.Kind {
		case symbolic.SymFunc:
			j.Function = functionSig(s)
		case symbolic.SymFamily:
			j.Family = s.Index + " = 1.." + string(s.Count)
		case symbolic.SymIndex:
			j.Family = "1.." + string(s.Count)
		case symbolic.SymDef:
			if s.Def != nil && s.Def.Body != nil {
				j.Definition = symbolic.Print(s.Def.Body, symbolic.Text)
			}
		}
		out[k] = j
	}
	return out
}

// functionSig writes a function's signature: "R → R", "R^d → R^d".
func functionSig(s *symbolic.Symbol) string {
	dom := "R"
	if len(s.Domain) == 1 {
		dom = symbolic.PrintShape(s.Domain[0], symbolic.ASCII)
	} else if len(s.Domain) > 1 {
		dom = ""
		for i, d := range s.Domain {
			if i > 0 {
				dom += " × "
			}
			dom += symbolic.PrintShape(d, symbolic.ASCII)
		}
	}
	return dom + " → " + symbolic.PrintShape(s.Range, symbolic.ASCII)
}

func reportToJSON(r *engine.Report) *reportJSON {
	if r == nil {
		return nil
	}
	j := &reportJSON{Verdict: r.Verdict.String(), Points: r.Points, MaxRelError: jsonFloat(r.MaxRelError)}
	if r.Diagnosis != nil {
		j.Diagnosis = r.Diagnosis.Message
	}
	if c := r.Counterexample; c != nil {
		j.Counterexample = &counterJSON{Values: c.Values, Expected: c.Expected, Claimed: c.Claimed}
	}
	return j
}

func derivJSON(p *symbolic.Program, rs []derived, showCheck bool) gradJSON {
	g := gradJSON{Of: engine.OfName(p), Symbols: symbolsJSON(p), Derivatives: []derivativeJSON{}}
	if p.Result != nil && p.Result.Body != nil {
		g.Function = printAll(p.Result.Body)
	}
	for _, r := range rs {
		dj := derivativeJSON{
			Wrt: r.Wrt.Key(), Shape: shapeJSON(r.Shape),
			Text: r.Body(symbolic.Text), ASCII: r.Body(symbolic.ASCII), LaTeX: r.Body(symbolic.LaTeX),
			Where: []bindingJSON{}, Value: fastValue(r.value),
		}
		if r.Index != nil {
			dj.LHS = r.Head(symbolic.Text)
			dj.Shape = shapeJSON(symbolic.Shape(r.Index.Axes))
		}
		if showCheck {
			dj.Check = reportToJSON(r.Report)
		}
		if len(r.Wrt.Sub) > 0 {
			dj.Wrt = symbolic.Print(r.Wrt, symbolic.Text)
		}
		for _, w := range r.Where {
			dj.Where = append(dj.Where, bindingJSON{Name: symbolic.Print(w.Var(), symbolic.Text), Text: symbolic.Print(w.Expr, symbolic.Text), LaTeX: symbolic.Print(w.Expr, symbolic.LaTeX)})
		}
		g.Derivatives = append(g.Derivatives, dj)
	}
	return g
}

// formatValue writes a JSON-ready value compactly for text output.
func formatValue(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
