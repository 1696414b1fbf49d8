package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"deriv/assignment"
	"deriv/key"
)

// keyCmd writes an answer key from an assignment file (SPEC §7.4).
type keyCmd struct {
	Assignment string `arg:"" help:"The assignment file (YAML, SPEC §7.1)." placeholder:"ASSIGNMENT.yaml"`
	Exam       bool   `help:"Write \\documentclass{exam} with \\question[points] and solution environments."`
	Md         bool   `name:"md" help:"Write Markdown with KaTeX-safe $$…$$ maths."`
	Steps      bool   `help:"Add each answer's derivation: the forward definitions and the backward chain of δ's."`
	PDF        bool   `name:"pdf" help:"Run pdflatex and write the PDF (to --output, default the assignment's name with .pdf)."`
	Output     string `short:"o" help:"Write the key (or the PDF) to FILE instead of standard output." placeholder:"FILE"`
}

func (c *keyCmd) Run(e *env) error {
	if c.Md && (c.Exam || c.PDF) {
		return inputErr(errors.New("deriv: key: --md cannot be combined with --exam or --pdf"))
	}
	a, err := assignment.Load(c.Assignment)
	if err != nil {
		return inputErr(err)
	}
	k, err := key.Build(context.Background(), a, key.Options{Steps: c.Steps})
	if err != nil {
		return inputErr(err)
	}
	format := key.Article
	switch {
	case c.Exam:
		format = key.Exam
	case c.Md:
		format = key.Markdown
	}
	doc := k.Write(format)
	if c.PDF {
		out := c.Output
		if out == "" {
			out = strings.TrimSuffix(filepath.Base(c.Assignment), filepath.Ext(c.Assignment)) + ".pdf"
		}
		if err := key.PDF(doc, out); err != nil {
			return inputErr(err)
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", out)
		return nil
	}
	if c.Output != "" {
		if err := os.WriteFile(c.Output, []byte(doc), 0o644); err != nil {
			return inputErr(fmt.Errorf("deriv: %v", err))
		}
		return nil
	}
	fmt.Fprint(e.stdout, doc)
	return nil
}
