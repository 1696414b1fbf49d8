package engine

import (
	"errors"
	"fmt"
	"runtime/debug"

	"deriv/symbolic"
)

// InternalError is a bug in deriv caught at the library's boundary: a
// panic inside an operation becomes this error, so that one bad input
// never brings down a batch. Stack holds the goroutine's stack for a bug
// report; adapters show Error() only.
type InternalError struct {
	Value any
	Stack []byte
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("deriv: internal error: %v (this is a bug in deriv, please report it)", e.Value)
}

// recoverInternal turns a panic into an *InternalError in *err. Every
// exported operation defers it.
func recoverInternal(err *error) {
	if r := recover(); r != nil {
		*err = &InternalError{Value: r, Stack: debug.Stack()}
	}
}

// inProgram attaches p's text to a positioned error that came from a later
// stage (differentiation, evaluation) without it.
func inProgram(err error, p *symbolic.Program) error {
	var se *symbolic.Error
	if errors.As(err, &se) && se.Src == "" && se.Pos != symbolic.NoPos {
		se.WithSource(p.Src, p.File)
	}
	return err
}

// relabel names the flag or file a positioned error came from.
func relabel(err error, name string) error {
	var se *symbolic.Error
	if errors.As(err, &se) {
		se.File = name
	}
	return err
}
