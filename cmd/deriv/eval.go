package main

import (
	"fmt"
	"os"

	"deriv/numeric"
)

// evalCmd evaluates the function at a point given as JSON (SPEC §6).
type evalCmd struct {
	programFlags
	At string `help:"The point: a JSON file of values (SPEC §6)." required:"" placeholder:"VALUES.json"`
}

func (c *evalCmd) Run(e *env) error {
	p, err := c.loadFunction(e)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(c.At)
	if err != nil {
		return inputErr(fmt.Errorf("deriv: --at: %v", err))
	}
	at, err := numeric.ReadValues(p, data)
	if err != nil {
		return inputErr(relabel(err, c.At))
	}
	comp, err := numeric.Compile(p, p.Result.Body)
	if err != nil {
		return inputErr(err)
	}
	v, err := comp.Eval(at)
	if err != nil {
		return inputErr(err)
	}
	val := numeric.ValueJSON(v, p.Result.Body.Shape)
	if c.JSON {
		return writeJSON(e.stdout, map[string]any{"of": ofNameKey(p), "shape": shapeJSON(p.Result.Body.Shape), "value": val})
	}
	fmt.Fprintf(e.stdout, "%s = %s\n", ofNameKey(p), formatValue(val))
	return nil
}
