package engine

import (
	"errors"

	"deriv/numeric"
	"deriv/symbolic"
)

// programFault reports whether a verification error is the program's own
// fault rather than a limit of the check: a family member outside its
// family (w_0), or a function undefined at every point drawn
// (log(−x² − 1)). Derive then fails with it instead of showing an
// unchecked result. The second kind is reworded to say so.
func programFault(err error, of string) (error, bool) {
	switch {
	case errors.Is(err, numeric.ErrOutsideFamily):
		return err, true
	case errors.Is(err, numeric.ErrNoPoint):
		var se *symbolic.Error
		if errors.As(err, &se) {
			cp := *se
			cp.Msg = of + " cannot be evaluated at any point deriv drew (so no derivative of it can be checked): " + se.Msg
			return &cp, true
		}
		return err, true
	}
	return err, false
}

// isProgramFault is programFault for a switch: it rewrites *err in place.
func isProgramFault(err *error, of string) bool {
	e, ok := programFault(*err, of)
	*err = e
	return ok
}
