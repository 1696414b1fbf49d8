package grade

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"deriv/engine"
	"deriv/symbolic"
)

// diagnose names the likely mistakes of a wrong answer with values vals.
func (pq *question) diagnose(pt *part, answer *symbolic.Expr, vals []*mat.Dense) []Diagnosis {
	var out []Diagnosis
	has := map[string]bool{}
	addD := func(code, msg string) {
		if !has[code] {
			has[code] = true
			out = append(out, Diagnosis{Code: code, Message: msg})
		}
	}
	tol := pq.tol
	match := func(want []*mat.Dense) bool {
		rel, same := engine.RelError(want, vals)
		return same && rel <= tol
	}
	for _, w := range pq.wrong {
		if w.vals != nil && match(w.vals) {
			addD("named-wrong", w.msg)
		}
	}
	_, sameShape := engine.RelError(pt.want, vals)
	if match(transposed(pt.want)) {
		addD("transpose", "the answer is the transpose of the derivative")
	}
	if sameShape {
		if k, ok := scalarMultiple(pt.want, vals, tol); ok {
			if k < 0 && approx(k, -1) {
				addD("sign", "the sign is wrong: the answer is −1 times the derivative")
			} else if k != 0 {
				addD("factor", "off by a constant factor: the answer is "+niceNumber(k)+" times the derivative")
				if k < 0 {
					addD("sign", "the sign is wrong")
				}
			}
		}
	}
	for _, m := range pt.mutants {
		if match(m.vals) {
			addD(m.code, m.msg)
		}
	}
	if pt.prev != nil && len(out) == 0 {
		// A step: compare the updates (answer − previous iterate).
		if dS, dR := minus(vals, pt.prev), minus(pt.want, pt.prev); dS != nil && dR != nil {
			if k, ok := scalarMultiple(dR, dS, tol); ok {
				switch {
				case approx(k, -1):
					addD("sign", "the update goes up the gradient: it should subtract η times the gradient")
				case approx(k, 0):
					addD("other", "the answer does not change the variable: the gradient term is missing")
				default:
					addD("factor", "the update is "+niceNumber(k)+" times the right one: check the constant factor of the gradient")
				}
			} else if rel, same := engine.RelError(transposed(dR), dS); same && rel <= tol {
				addD("transpose", "the gradient in the update is transposed")
			} else if rel, same := engine.RelError(minus(pt.want, pt.prev), vals); same && rel <= tol {
				addD("other", "the answer is only the update: the previous iterate is missing")
			} else if rel, same := engine.RelError(minus(pt.prev, pt.want), vals); same && rel <= tol {
				addD("other", "the answer is only the update: the previous iterate is missing")
			}
		}
	}
	if len(out) == 0 {
		// A mistake and a sign or a constant factor on top.
		for _, m := range pt.mutants {
			if k, ok := scalarMultiple(m.vals, vals, tol); ok && !approx(k, 1) && simpleFactor(k) {
				addD(m.code, m.msg)
				if approx(k, -1) {
					addD("sign", "and the sign is wrong")
				} else {
					addD("factor", "and the answer is off by a factor of "+niceNumber(k))
				}
			}
		}
	}
	if !sameShape && !has["transpose"] {
		ans := "a scalar"
		if answer != nil && !answer.Shape.IsScalar() {
			ans = "of shape " + answer.Shape.String()
		}
		want := "a scalar"
		if !pt.shape.IsScalar() {
			want = "of shape " + pt.shape.String()
		}
		if answer == nil || !answer.Shape.Equal(pt.shape) {
			addD("shape", fmt.Sprintf("the answer is %s, but the derivative is %s", ans, want))
		} else {
			addD("shape", fmt.Sprintf("the answer has the wrong shape; the derivative is %s", want))
		}
	}
	if len(out) == 0 {
		rel, _ := engine.RelError(pt.want, vals)
		addD("other", fmt.Sprintf("the answer differs from the derivative (relative error %.3g)", rel))
	}
	return out
}

func approx(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d < 1e-6
}

// niceNumber writes k as an integer, a simple fraction or a decimal.
func niceNumber(k float64) string {
	if r := roundTo(k, 1e4); abs(k-r) < 1e-7*max(1, abs(k)) {
		return fmt.Sprintf("%g", r)
	}
	for den := 2.0; den <= 12; den++ {
		if n := roundTo(k*den, 1); abs(k*den-n) < 1e-6 {
			return fmt.Sprintf("%g/%g", n, den)
		}
	}
	return fmt.Sprintf("%.6g", k)
}

func roundTo(x, scale float64) float64 {
	v := x * scale
	if v < 0 {
		return -float64(int64(-v+0.5)) / scale
	}
	return float64(int64(v+0.5)) / scale
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
