package numeric

import "math"

// scalarFunc is an elementwise builtin: its value, its derivative, the
// domain it is defined on and the message when an argument falls outside.
type scalarFunc struct {
	f, df func(float64) float64
	// ok reports whether t is in the domain; nil means every real.
	ok  func(float64) bool
	msg string
	// kink marks functions not differentiable at 0 (relu, abs, sign,
	// step): points near 0 are redrawn.
	kink bool
}

func sigmoid(t float64) float64 {
	if t >= 0 {
		return 1 / (1 + math.Exp(-t))
	}
	e := math.Exp(t)
	return e / (1 + e)
}

func softplus(t float64) float64 {
	if t > 0 {
		return t + math.Log1p(math.Exp(-t))
	}
	return math.Log1p(math.Exp(t))
}

func step(t float64) float64 {
	if t > 0 {
		return 1
	}
	return 0
}

func sign(t float64) float64 {
	switch {
	case t > 0:
		return 1
	case t < 0:
		return -1
	}
	return 0
}

func zero(float64) float64 { return 0 }

// scalarFuncs are the elementwise builtins of symbolic.Funcs by canonical
// name.
var scalarFuncs = map[string]scalarFunc{
	"exp": {f: math.Exp, df: math.Exp},
	"log": {f: math.Log, df: func(t float64) float64 { return 1 / t },
		ok: func(t float64) bool { return t > 0 }, msg: "log of a non-positive number"},
	"sqrt": {f: math.Sqrt, df: func(t float64) float64 { return 0.5 / math.Sqrt(t) },
		ok: func(t float64) bool { return t >= 0 }, msg: "square root of a negative number"},
	"sin": {f: math.Sin, df: math.Cos},
	"cos": {f: math.Cos, df: func(t float64) float64 { return -math.Sin(t) }},
	"tan": {f: math.Tan, df: func(t float64) float64 { c := math.Cos(t); return 1 / (c * c) },
		ok: func(t float64) bool { return math.Abs(math.Cos(t)) > 1e-12 }, msg: "tan at a pole"},
	"tanh": {f: math.Tanh, df: func(t float64) float64 { h := math.Tanh(t); return 1 - h*h }},
	"sinh": {f: math.Sinh, df: math.Cosh},
	"cosh": {f: math.Cosh, df: math.Sinh},
	"arcsin": {f: math.Asin, df: func(t float64) float64 { return 1 / math.Sqrt(1-t*t) },
		ok: func(t float64) bool { return t >= -1 && t <= 1 }, msg: "arcsin of a number outside [−1, 1]"},
	"arccos": {f: math.Acos, df: func(t float64) float64 { return -1 / math.Sqrt(1-t*t) },
		ok: func(t float64) bool { return t >= -1 && t <= 1 }, msg: "arccos of a number outside [−1, 1]"},
	"arctan":   {f: math.Atan, df: func(t float64) float64 { return 1 / (1 + t*t) }},
	"abs":      {f: math.Abs, df: sign, kink: true},
	"sign":     {f: sign, df: zero, kink: true},
	"relu":     {f: func(t float64) float64 { return math.Max(t, 0) }, df: step, kink: true},
	"step":     {f: step, df: zero, kink: true},
	"softplus": {f: softplus, df: sigmoid},
	"σ":        {f: sigmoid, df: func(t float64) float64 { s := sigmoid(t); return s * (1 - s) }},
}
