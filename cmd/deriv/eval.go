package main

import (
	"context"
	"fmt"
	"os"

	"deriv/engine"
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
	at, err := engine.ReadValues(p, data, c.At)
	if err != nil {
		return inputErr(err)
	}
	val, err := engine.Eval(context.Background(), p, nil, at, engine.DefaultBudget)
	if err != nil {
		return inputErr(err)
	}
	if c.JSON {
		return writeJSON(e.stdout, map[string]any{"of": engine.OfName(p), "shape": shapeJSON(p.Result.Body.Shape), "value": fastValue(val)})
	}
	fmt.Fprintf(e.stdout, "%s = %s\n", engine.OfName(p), formatValue(val))
	return nil
}
