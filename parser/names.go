package parser

import (
	"strings"

	"deriv/grammar"
	"deriv/symbolic"
)

// extraNames are LaTeX letters that are not Greek but name variables.
var extraNames = map[string]string{"ell": "ℓ"}

// canonName maps a spelling of a name to its canonical form: Greek letters
// by ASCII name or LaTeX command become the letter (sigma, \sigma → σ);
// other commands are returned with ok = false.
//
// A Greek name followed by digits is one name, as W1 is: delta2 and
// \delta2 (tokenize joins the command and its digits) are δ2, the name the
// ASCII and LaTeX printers spell so.
func canonName(s string) (string, bool) {
	cmd, isCmd := strings.CutPrefix(s, `\`)
	word := s
	if isCmd {
		word = cmd
	}
	base, digits := splitDigits(word)
	if len(base) >= minGreekLen {
		if g, ok := symbolic.Greek[base]; ok {
			return g + digits, true
		}
	}
	if isCmd {
		if n, ok := extraNames[base]; ok {
			return n + digits, true
		}
		return s, false
	}
	return s, true
}

// minGreekLen is the length of the shortest spelled Greek letter ("mu"):
// a shorter word (x, W) is never looked up.
var minGreekLen = func() int {
	n := 1 << 30
	for k := range symbolic.Greek {
		n = min(n, len(k))
	}
	return n
}()

// splitDigits splits s into a leading part and its trailing ASCII digits.
func splitDigits(s string) (string, string) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	return s[:i], s[i:]
}

// nameOf returns the canonical text of a grammar name.
func nameOf(n *grammar.Name) (string, error) {
	text := n.Text
	name, ok := canonName(text)
	if !ok {
		return "", errUnexpected(posOf(n.Pos), text)
	}
	return name, nil
}

// unSuper maps Unicode superscript characters back to plain ones.
var unSuper = map[rune]rune{'ᵀ': 'T'}

// unSub maps Unicode subscript characters to plain ones.
var unSub = map[rune]rune{
	'₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9',
	'₊': '+', '₋': '-', '₍': '(', '₎': ')', 'ᵢ': 'i', 'ⱼ': 'j', 'ₖ': 'k', 'ₗ': 'l', 'ₙ': 'n', 'ₘ': 'm', 'ₜ': 't',
}

func init() {
	for _, r := range "0123456789+-()nitlk" {
		if s, ok := symbolic.Superscript(string(r)); ok {
			unSuper[[]rune(s)[0]] = r
		}
	}
}

// plain maps a string of Unicode super- or subscripts to plain characters.
func plain(s string, table map[rune]rune) string {
	var b strings.Builder
	for _, r := range s {
		if p, ok := table[r]; ok {
			b.WriteRune(p)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// labelOf returns the text of a layer label ("1", "l-1") and whatever
// follows it in a Unicode superscript (W⁽¹⁾ᵀ leaves "T").
func labelOf(lb *grammar.Label) (label, rest string, err error) {
	if lb.Unicode != "" {
		s := plain(lb.Unicode, unSuper)
		if !strings.HasPrefix(s, "(") || !strings.Contains(s, ")") {
			return "", "", errMisplacedSuper(posOf(lb.Pos), lb.Unicode)
		}
		end := strings.Index(s, ")")
		return s[1:end], s[end+1:], nil
	}
	return strings.ReplaceAll(strings.Join(lb.Parts, ""), "−", "-"), "", nil
}

// targetName is a declared or defined name split into its parts.
type targetName struct {
	base  string
	label string
	subs  []string
	pos   symbolic.Pos
}

// key is the symbol key of the target taken as a whole name: subscripts
// become part of the name (W_1).
func (t targetName) key() string {
	if len(t.subs) == 0 {
		return symbolic.VarKey(t.base, t.label)
	}
	return symbolic.VarKey(t.base+"_"+strings.Join(t.subs, ""), t.label)
}

// targetOf splits a grammar target.
func targetOf(t *grammar.Target) (targetName, error) {
	out := targetName{pos: posOf(t.Pos)}
	base, err := nameOf(t.Name)
	if err != nil {
		return out, err
	}
	out.base = base
	for _, s := range []*grammar.Subscript{t.Sub, t.Sub2} {
		if s == nil {
			continue
		}
		if s.Unicode != "" {
			out.subs = append(out.subs, plain(s.Unicode, unSub))
			continue
		}
		for _, it := range s.Items {
			if it.Num != "" {
				out.subs = append(out.subs, it.Num)
				continue
			}
			n, err := nameOf(it.Name)
			if err != nil {
				return out, err
			}
			out.subs = append(out.subs, n)
		}
	}
	if t.Label != nil {
		label, rest, err := labelOf(t.Label)
		if err != nil {
			return out, err
		}
		if rest != "" {
			return out, errMisplacedSuper(posOf(t.Label.Pos), t.Label.Unicode)
		}
		out.label = label
	}
	return out, nil
}
