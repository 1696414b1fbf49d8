package assignment

import (
	"fmt"
	"strings"

	"deriv/engine"
)

// Request is a question's `ask` parsed: a deriv command and its flags.
type Request struct {
	// Command is "grad", "jacobian", "hessian", "step" or "expr".
	Command string
	// Wrt lists the --wrt variables as written.
	Wrt []string
	// Of, Let, Through and Rate are the flags of the same names.
	Of      string
	Let     []string
	Through []string
	Rate    string
}

// Kind is the engine's kind of derivative (0 for step and expr).
func (r Request) Kind() engine.Kind {
	switch r.Command {
	case "grad", "step":
		return engine.Grad
	case "jacobian":
		return engine.Jacobian
	case "hessian":
		return engine.Hessian
	}
	return 0
}

// ParseAsk parses an ask line: `grad --wrt V`, `jacobian --wrt V`,
// `hessian --wrt V`, `step --wrt V --rate η`, each with optional --of,
// --let (repeatable) and --through; flags as `--flag value` or
// `--flag=value`, values quoted with ' or " when they hold spaces.
func ParseAsk(s string) (Request, error) {
	words, err := splitWords(s)
	if err != nil {
		return Request{}, err
	}
	if len(words) == 0 {
		return Request{}, fmt.Errorf("empty; want grad, jacobian, hessian or step with --wrt")
	}
	r := Request{Command: words[0]}
	switch r.Command {
	case "grad", "jacobian", "hessian", "step":
	default:
		return Request{}, fmt.Errorf("unknown command %q; want grad, jacobian, hessian or step (or expr: EXPR)", r.Command)
	}
	for i := 1; i < len(words); i++ {
		w := words[i]
		if !strings.HasPrefix(w, "--") {
			return Request{}, fmt.Errorf("unexpected %q; flags are --wrt, --of, --let, --through, --rate", w)
		}
		name, val, hasVal := strings.Cut(w[2:], "=")
		if !hasVal {
			if i+1 >= len(words) {
				return Request{}, fmt.Errorf("--%s needs a value", name)
			}
			i++
			val = words[i]
		}
		val = strings.TrimSpace(val)
		if val == "" {
			return Request{}, fmt.Errorf("--%s needs a value", name)
		}
		switch name {
		case "wrt":
			r.Wrt = append(r.Wrt, engine.SplitList(val)...)
		case "of":
			r.Of = val
		case "let":
			r.Let = append(r.Let, val)
		case "through":
			r.Through = append(r.Through, engine.SplitList(val)...)
		case "rate":
			if r.Command != "step" {
				return Request{}, fmt.Errorf("--rate is a flag of step")
			}
			r.Rate = val
		default:
			return Request{}, fmt.Errorf("unknown flag --%s; flags are --wrt, --of, --let, --through, --rate", name)
		}
	}
	if len(r.Wrt) == 0 {
		return Request{}, fmt.Errorf("%s needs --wrt", r.Command)
	}
	for _, w := range r.Wrt {
		if w == "" {
			return Request{}, fmt.Errorf("--wrt has an empty name")
		}
	}
	if r.Command == "step" && r.Rate == "" {
		r.Rate = "η"
	}
	return r, nil
}

// splitWords splits s at spaces outside quotes and brackets.
func splitWords(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	in := false
	var quote rune
	depth := 0
	flush := func() {
		if in {
			out = append(out, cur.String())
			cur.Reset()
			in = false
		}
	}
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
				continue
			}
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case (r == ' ' || r == '\t' || r == '\n') && depth == 0:
			flush()
		default:
			switch r {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				depth--
			}
			cur.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed quote %c", quote)
	}
	flush()
	return out, nil
}
