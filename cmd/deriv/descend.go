package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"deriv/descend"
	"deriv/engine"
	"deriv/symbolic"
)

// descendCmd runs gradient descent numerically and reports which weights
// stay equal (SPEC §7.6; worksheet section 1).
type descendCmd struct {
	programFlags
	Wrt   string  `help:"The parameters to update, comma-separated (default: the weights and biases: W…, w…, b…)." placeholder:"V[,V…]"`
	Steps int     `help:"Number of gradient-descent steps." default:"5"`
	Rate  float64 `help:"Step size η." default:"0.1"`
	At    string  `help:"Start from the values in VALUES.json." placeholder:"VALUES.json"`
	Init  string  `help:"Set every entry of the named weights to a constant, e.g. W1=0.3,W2=0.3 (others: --at, or random)." placeholder:"W=a[,…]"`
	Seed  int64   `help:"Seed for the random starting values and sizes." default:"1"`
	Dims  string  `help:"Sizes of dimension symbols, e.g. d=3,n=4." placeholder:"d=N,…"`
}

func (c *descendCmd) Run(e *env) error {
	p, err := c.loadFunction(e)
	if err != nil {
		return err
	}
	wrt := c.Wrt
	if wrt == "" {
		var names []string
		for _, v := range descend.Params(p) {
			names = append(names, symbolic.Print(v, symbolic.Text))
		}
		if len(names) == 0 {
			return inputErr(fmt.Errorf("deriv: descend: no weights found (names such as W1, w, b); name the parameters with --wrt"))
		}
		wrt = strings.Join(names, ",")
	}
	params, err := engine.Targets(p, "--wrt", wrt)
	if err != nil {
		return inputErr(err)
	}
	dims, err := engine.ParseDims(c.Dims)
	if err != nil {
		return inputErr(err)
	}
	init, err := parseInit(c.Init)
	if err != nil {
		return inputErr(err)
	}
	init = expandAll(p, init, params)
	opts := descend.Options{Steps: c.Steps, Rate: c.Rate, Init: init, Seed: c.Seed, Dims: dims}
	if c.Steps < 1 {
		return inputErr(fmt.Errorf("deriv: --steps %d: want at least 1 step", c.Steps))
	}
	if c.Rate <= 0 {
		return inputErr(fmt.Errorf("deriv: --rate %v: want a positive step size", c.Rate))
	}
	if c.At != "" {
		data, err := os.ReadFile(c.At)
		if err != nil {
			return inputErr(fmt.Errorf("deriv: --at: %v", err))
		}
		// Weights that --init sets may be left out of the values.
		if data, err = descend.CompleteValues(p, data, init, dims); err != nil {
			return inputErr(err)
		}
		if opts.Start, err = engine.ReadValues(p, data, c.At); err != nil {
			return inputErr(err)
		}
	}
	res, err := descend.Run(context.Background(), p, params, opts)
	if err != nil {
		return inputErr(err)
	}
	if c.JSON {
		return writeJSON(e.stdout, descendJSON(res, init))
	}
	writeDescent(e.stdout, p, res, init)
	return nil
}

// allWeights is the --init key that names every parameter: "--init 0.3"
// or "--init const=0.3".
const allWeights = "\x00all"

// expandAll replaces the all-weights entry of init by one per parameter.
func expandAll(p *symbolic.Program, init map[string]float64, params []*symbolic.Expr) map[string]float64 {
	a, ok := init[allWeights]
	if !ok {
		return init
	}
	delete(init, allWeights)
	for _, w := range params {
		name := symbolic.Print(baseName(w), symbolic.Text)
		if _, set := init[name]; !set {
			init[name] = a
		}
	}
	return init
}

func baseName(w *symbolic.Expr) *symbolic.Expr {
	cp := *w
	cp.Sub = nil
	return &cp
}

// parseInit reads "W1=0.3,W2=0.3"; a bare number or const=a sets every
// parameter.
func parseInit(s string) (map[string]float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	out := map[string]float64{}
	for _, kv := range engine.SplitList(s) {
		if x, err := strconv.ParseFloat(strings.TrimSpace(kv), 64); err == nil {
			out[allWeights] = x
			continue
		}
		k, v, ok := strings.Cut(kv, "=")
		if strings.TrimSpace(k) == "const" || strings.TrimSpace(k) == "all" {
			k = allWeights
		}
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if !ok || strings.TrimSpace(k) == "" || err != nil {
			return nil, fmt.Errorf("deriv: --init %q: want NAME=NUMBER, such as W1=0.3", kv)
		}
		out[strings.TrimSpace(k)] = x
	}
	return out, nil
}

func writeDescent(w io.Writer, p *symbolic.Program, r *descend.Result, init map[string]float64) {
	fmt.Fprintf(w, "gradient descent on %s: %d steps, η = %g\n", r.Of, len(r.Iterates)-1, r.Rate)
	if len(init) > 0 {
		var parts []string
		for _, k := range sortedKeys(init) {
			parts = append(parts, fmt.Sprintf("%s = %g", k, init[k]))
		}
		fmt.Fprintf(w, "constant start: every entry of %s\n", strings.Join(parts, ", every entry of "))
	}
	var dims []string
	for d, n := range r.Sizes {
		dims = append(dims, fmt.Sprintf("%s = %d", d, n))
	}
	slices.Sort(dims)
	if len(dims) > 0 {
		fmt.Fprintf(w, "sizes: %s\n", strings.Join(dims, ", "))
	}
	fmt.Fprintln(w, "gradients:")
	for _, g := range r.Gradients {
		fmt.Fprintf(w, "  %s\n", g)
	}
	for _, it := range r.Iterates {
		fmt.Fprintf(w, "step %d: %s = %.6g\n", it.Step, r.Of, it.Loss)
		for _, k := range sortedKeys(it.Values) {
			fmt.Fprintf(w, "  %s = %s\n", k, descentValue(it.Values[k]))
		}
	}
	fmt.Fprintln(w, "equal weights:")
	for _, f := range r.Findings {
		fmt.Fprintf(w, "  %s\n", f.Message)
	}
	if len(init) > 0 && !r.Symmetric {
		set := map[string]bool{}
		for name := range init {
			set[descend.InitKey(p, name)] = true
		}
		var random []string
		for _, w := range r.Params {
			if !set[w.Key()] {
				random = append(random, symbolic.Print(baseName(w), symbolic.Text))
			}
		}
		if len(random) > 0 {
			fmt.Fprintf(w, "note: %s started from other values (random or --at), which can tell units apart; give them a constant with --init to test constant initialisation\n", strings.Join(random, ", "))
		}
	}
	if r.Symmetric {
		fmt.Fprintln(w, "verdict: symmetric — units that start equal stay equal under gradient descent; initialise the weights randomly to break the symmetry")
	} else {
		fmt.Fprintln(w, "verdict: no symmetry — the weights become distinct, so this starting point is fine")
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// descentValue writes a JSON-ready value with 4 significant digits.
func descentValue(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'g', 4, 64)
	case []float64:
		parts := make([]string, len(x))
		for i, f := range x {
			parts[i] = strconv.FormatFloat(f, 'g', 4, 64)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case [][]float64:
		rows := make([]string, len(x))
		for i, r := range x {
			rows[i] = descentValue(r)
		}
		return "[" + strings.Join(rows, ", ") + "]"
	}
	return fmt.Sprint(v)
}

func descendJSON(r *descend.Result, init map[string]float64) any {
	type finding struct {
		Name     string `json:"name"`
		Kind     string `json:"kind"`
		Stayed   bool   `json:"stays_equal"`
		BrokenAt int    `json:"distinct_at,omitempty"`
		Message  string `json:"message"`
	}
	type iterate struct {
		Step   int            `json:"step"`
		Loss   float64        `json:"value"`
		Values map[string]any `json:"values"`
	}
	var its []iterate
	for _, it := range r.Iterates {
		its = append(its, iterate{it.Step, it.Loss, it.Values})
	}
	var fs []finding
	for _, f := range r.Findings {
		fs = append(fs, finding{f.Name, f.Kind, f.Stayed, max(f.BrokenAt, 0), f.Message})
	}
	sizes := map[string]int{}
	for d, n := range r.Sizes {
		sizes[string(d)] = n
	}
	return map[string]any{"of": r.Of, "rate": r.Rate, "steps": len(r.Iterates) - 1, "init": init, "sizes": sizes,
		"gradients": r.Gradients, "iterates": its, "equal": fs, "symmetric": r.Symmetric}
}
