package numeric

import "errors"

// skipped counts the points of a check at which no draw was defined or
// finite (ErrNoPoint, ErrNoFinitePoint: exp(10³(3 − a)) overflows unless
// a > 2.3, which most draws miss). Such a point is left out and the verdict rests on the
// others, as it does for a function defined only in part of its domain;
// only when every point is left out does the check fail, with the first
// point's error.
type skipped struct {
	n     int
	first error
}

// undefined reports whether err says that no draw of the point was
// defined, counting it.
func (s *skipped) undefined(err error) bool {
	if err == nil || !errors.Is(err, ErrNoPoint) && !errors.Is(err, ErrNoFinitePoint) {
		return false
	}
	if s.first == nil {
		s.first = err
	}
	s.n++
	return true
}

// report lowers rep.Points by the points left out, or returns the first
// error when every point was.
func (s *skipped) report(rep *Report) error {
	if s.n == 0 {
		return nil
	}
	if s.n >= rep.Points {
		return s.first
	}
	rep.Points -= s.n
	return nil
}
