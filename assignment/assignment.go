// Package assignment reads the assignment file of SPEC §7.1: one YAML file
// that drives grading (deriv grade), answer keys (deriv key) and graphs.
//
// Load and Parse are strict: a YAML syntax error, an unknown key, a
// program that does not parse, an `ask` that cannot be used and an
// instructor `answer` that is not the derivative are all errors positioned
// FILE:LINE:COL into the YAML (an *Error), reported before any submission
// is read.
package assignment

import (
	"fmt"
)

// Assignment is a parsed assignment file.
type Assignment struct {
	// File names the file in messages.
	File string
	// Title is printed in keys and reports (optional).
	Title string
	// Seed fixes the random points (default 1).
	Seed int64
	// Tolerance is the largest relative error that passes (default 1e-6).
	Tolerance float64
	// Questions in file order; ids are unique.
	Questions []*Question
}

// Question is one graded part.
type Question struct {
	// ID is stable: submissions and results name the question by it.
	ID string
	// Title and Text are printed in keys and reports (optional).
	Title, Text string
	// Program is the deriv program the question is about.
	Program string
	// Ask is what a user would type after `deriv`: "grad --wrt W^{(1)}",
	// "step --wrt w_i --rate η", with --of, --let, --through. Empty when
	// Expr is set.
	Ask string
	// Expr, instead of Ask, makes any expression equal to it correct.
	Expr string
	// Answer is the instructor's answer (optional): checked against the
	// derivation when the file loads, printed in keys.
	Answer string
	// Points is the question's maximum score (default 1).
	Points float64
	// Aliases are extra spellings of the program's names: W1 → W^{(1)}.
	Aliases map[string]string
	// Credit is the partial credit (0–1) per diagnosis code.
	Credit map[string]float64
	// Feedback is the text shown per diagnosis code.
	Feedback map[string]string
	// Wrong lists named wrong answers (diagnosis named-wrong).
	Wrong []string
	// Graph asks keys to draw the program's computation graph.
	Graph bool

	// Request is Ask parsed.
	Request Request

	// pos holds the YAML position of each field's value.
	pos  map[string]scalarPos
	file string
	seed int64
	tol  float64
}

// Question returns the question with the given id, or nil.
func (a *Assignment) Question(id string) *Question {
	for _, q := range a.Questions {
		if q.ID == id {
			return q
		}
	}
	return nil
}

// Error is a positioned error in the assignment file:
// FILE:LINE:COL: message.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}
