package symbolic

import "strings"

var superDigits = map[rune]rune{
	'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
	'+': '⁺', '-': '⁻', '(': '⁽', ')': '⁾', 'n': 'ⁿ', 'i': 'ⁱ', 't': 'ᵗ', 'l': 'ˡ', 'k': 'ᵏ',
}

// Superscript writes s in Unicode superscript characters, or returns ok =
// false when some character has none.
func Superscript(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		sr, ok := superDigits[r]
		if !ok {
			return "", false
		}
		b.WriteRune(sr)
	}
	return b.String(), true
}

// VarKey is the key of a name with an optional layer label, in the text
// spelling: "W" , "W⁽¹⁾" for W^{(1)}, "x^(l-1)" when the label has no
// superscript form. Symbols, JSON and dimension names use it.
func VarKey(base, label string) string {
	if label == "" {
		return base
	}
	if sup, ok := Superscript("(" + label + ")"); ok {
		return base + sup
	}
	return base + "^(" + label + ")"
}

// Key returns the symbol key of a variable, call or derivative node: its
// base name with its label (VarKey), subscripts not included.
func (e *Expr) Key() string { return VarKey(e.Name, e.Label) }
