package main

import (
	"fmt"
	"sort"
	"strings"

	"deriv/symbolic"
)

// parseCmd prints the program back in canonical form with every name's
// shape (SPEC §5, §6 "parse --json").
type parseCmd struct {
	programFlags
}

type parseJSON struct {
	Text    string                `json:"text"`
	ASCII   string                `json:"ascii"`
	LaTeX   string                `json:"latex"`
	Symbols map[string]symbolJSON `json:"symbols"`
}

func (c *parseCmd) Run(e *env) error {
	p, err := c.load(e)
	if err != nil {
		return err
	}
	doc := parseJSON{
		Text:    symbolic.PrintProgram(p, symbolic.Text),
		ASCII:   symbolic.PrintProgram(p, symbolic.ASCII),
		LaTeX:   symbolic.PrintProgram(p, symbolic.LaTeX),
		Symbols: symbolsJSON(p),
	}
	if c.JSON {
		return writeJSON(e.stdout, doc)
	}
	fmt.Fprintln(e.stdout, strings.TrimRight(doc.Text, "\n"))
	fmt.Fprintln(e.stdout, "\nshapes:")
	keys := make([]string, 0, len(doc.Symbols))
	for k := range doc.Symbols {
		keys = append(keys, k)
	}
	sort.SliceStable(keys, func(i, j int) bool { return orderOf(p, keys[i]) < orderOf(p, keys[j]) })
	for _, k := range keys {
		s := doc.Symbols[k]
		desc := describeSymbol(p.Symbols[k], s)
		fmt.Fprintf(e.stdout, "  %-8s %s\n", k, desc)
	}
	fmt.Fprintln(e.stdout, "\nascii:")
	fmt.Fprintln(e.stdout, indent(doc.ASCII))
	fmt.Fprintln(e.stdout, "\nlatex:")
	fmt.Fprintln(e.stdout, indent(doc.LaTeX))
	return nil
}

func orderOf(p *symbolic.Program, k string) int {
	for i, o := range p.Order {
		if o == k {
			return i
		}
	}
	return len(p.Order)
}

func describeSymbol(s *symbolic.Symbol, j symbolJSON) string {
	if s == nil {
		return ""
	}
	var desc string
	switch s.Kind {
	case symbolic.SymFunc:
		desc = "function " + j.Function
	case symbolic.SymIndex:
		desc = "index " + j.Family
	case symbolic.SymFamily:
		desc = s.Shape.String() + " for " + j.Family
	case symbolic.SymDef:
		desc = s.Shape.String() + " (defined)"
	default:
		desc = s.Shape.String()
	}
	if j.Inferred {
		desc += " (inferred)"
	}
	return desc
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return "  " + strings.Join(lines, "\n  ")
}
