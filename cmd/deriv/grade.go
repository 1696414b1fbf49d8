package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"deriv/assignment"
	"deriv/grade"
)

// gradeCmd grades submissions against an assignment (SPEC §7.3).
type gradeCmd struct {
	Assignment   string        `arg:"" help:"The assignment file (YAML, SPEC §7.1)." placeholder:"ASSIGNMENT.yaml"`
	Submissions  []string      `arg:"" optional:"" help:"Submissions: JSON Lines, CSV (long or wide), a folder of STUDENT.yaml/.json, or - for JSON Lines on standard input." placeholder:"SUBMISSIONS"`
	Format       string        `help:"Output: jsonl (a result per answer, streamed), csv (a gradebook), gradescope or prairielearn (as --gradescope, --prairielearn)." enum:"jsonl,csv,gradescope,prairielearn" default:"jsonl"`
	Gradescope   bool          `help:"Grade one submission inside Gradescope's autograder (reads ROOT/autograder/submission, writes ROOT/autograder/results/results.json)."`
	Prairielearn bool          `name:"prairielearn" help:"Grade one submission as PrairieLearn's external grader (reads ROOT/grade/data/data.json, writes ROOT/grade/results/results.json)."`
	Root         string        `help:"The platform's root directory (for tests)." default:"/" placeholder:"DIR"`
	Report       string        `help:"Write the class report to FILE (Markdown, or HTML when FILE ends in .html)." placeholder:"FILE"`
	Jobs         int           `short:"j" help:"Answers graded in parallel (default: all cores)." default:"0"`
	TimeLimit    time.Duration `name:"time-limit" help:"The time budget of one answer." default:"2s"`
	MaxBytes     int           `name:"max-bytes" help:"The size budget of one answer, in bytes." default:"4096"`
	MaxDepth     int           `name:"max-depth" help:"The nesting budget of one answer." default:"200"`
}

func (c *gradeCmd) Run(e *env) error {
	ctx := context.Background()
	switch c.Format {
	case "gradescope":
		c.Gradescope = true
	case "prairielearn":
		c.Prairielearn = true
	}
	a, err := assignment.Load(c.Assignment)
	if err != nil {
		return inputErr(err)
	}
	if c.TimeLimit <= 0 || c.MaxBytes <= 0 || c.MaxDepth <= 0 {
		return inputErr(errors.New("deriv: --time-limit, --max-bytes and --max-depth must be positive"))
	}
	g, err := grade.New(ctx, a, grade.Options{Limits: assignment.Limits{Bytes: c.MaxBytes, Depth: c.MaxDepth}, Time: c.TimeLimit})
	if err != nil {
		return inputErr(err)
	}
	switch {
	case c.Gradescope && c.Prairielearn:
		return inputErr(errors.New("deriv: --gradescope and --prairielearn exclude each other"))
	case c.Gradescope:
		res, err := g.Gradescope(ctx, c.Root)
		if res != nil {
			fmt.Fprintf(e.stdout, "score %s; results in %s\n", fmtScore(res.Score), filepath.Join(c.Root, "autograder", "results", "results.json"))
		}
		if err != nil {
			return inputErr(err)
		}
		return nil
	case c.Prairielearn:
		res, err := g.PrairieLearn(ctx, c.Root)
		if res != nil {
			fmt.Fprintf(e.stdout, "score %s (gradable: %v); results in %s\n", fmtScore(res.Score), res.Gradable, filepath.Join(c.Root, "grade", "results", "results.json"))
		}
		if err != nil {
			return inputErr(err)
		}
		return nil
	}
	if len(c.Submissions) == 0 {
		return inputErr(errors.New("deriv: grade needs submissions (a file, a folder, or - for standard input)"))
	}
	for _, s := range c.Submissions {
		if s == "-" {
			continue
		}
		if _, err := os.Stat(s); err != nil {
			return inputErr(fmt.Errorf("deriv: %s: cannot read the submissions: %w", s, errors.Unwrap(err)))
		}
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	book := grade.NewGradebook(a)
	var rep *grade.Report
	if c.Report != "" {
		rep = grade.NewReport(a)
	}
	read := func(emit func(grade.Item) error) error {
		for _, s := range c.Submissions {
			if err := grade.ReadSubmissions(s, e.stdin, emit); err != nil {
				return err
			}
		}
		return nil
	}
	err = g.Run(ctx, c.Jobs, read, func(r grade.Result) error {
		if rep != nil {
			rep.Add(r)
		}
		if c.Format == "csv" {
			book.Add(r)
			return nil
		}
		if err := enc.Encode(r); err != nil {
			return err
		}
		// Streamed: each result leaves as soon as it is graded.
		return out.Flush()
	})
	if c.Format == "csv" {
		if werr := book.WriteCSV(out); werr != nil && err == nil {
			err = werr
		}
	}
	if rep != nil {
		if werr := writeReport(c.Report, rep); werr != nil {
			out.Flush()
			return inputErr(werr)
		}
	}
	if err != nil {
		out.Flush()
		return inputErr(fmt.Errorf("deriv: %w", err))
	}
	return nil
}

// writeReport writes the class report, HTML when path ends in .html/.htm.
func writeReport(path string, rep *grade.Report) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("deriv: --report: %w", err)
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".html" || ext == ".htm" {
		err = rep.WriteHTML(f)
	} else {
		err = rep.WriteMarkdown(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func fmtScore(v float64) string { return fmt.Sprintf("%g", v) }
