package readability

import (
	"strings"
	"unicode"
)

// Tokens splits a Text-style expression into the tokens a reader counts:
// names (with their subscripts and layer labels: W2, t₁, W⁽²⁾, J_Φ),
// numbers (2, 0.5, ½), operators (+ − ⊙ ⊘ / .^ =), each superscript
// operator (ᵀ, ⁻¹, ⁻ᵀ, ², ³) and each bracket. Juxtaposition is not a
// token, and neither is white space.
func Tokens(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case isNameStart(r):
			j := i + 1
			for j < len(rs) && (isNameStart(rs[j]) && rs[j] != '∂' || unicode.IsDigit(rs[j]) && !isSup(rs[j]) || isSubDigit(rs[j])) {
				j++
			}
			if j+1 < len(rs) && rs[j] == '_' {
				if rs[j+1] == '{' {
					k := j + 1
					for k < len(rs) && rs[k] != '}' {
						k++
					}
					j = min(k+1, len(rs))
				} else {
					j += 2
				}
			}
			if j < len(rs) && rs[j] == '⁽' {
				k := j
				for k < len(rs) && rs[k] != '⁾' {
					k++
				}
				j = min(k+1, len(rs))
			}
			out = append(out, string(rs[i:j]))
			i = j
		case unicode.IsDigit(r) && !isSup(r) || r == '.' && i+1 < len(rs) && unicode.IsDigit(rs[i+1]):
			j := i + 1
			for j < len(rs) && (unicode.IsDigit(rs[j]) || rs[j] == '.' && j+1 < len(rs) && unicode.IsDigit(rs[j+1])) {
				j++
			}
			out = append(out, string(rs[i:j]))
			i = j
		case r == '⁻' && i+1 < len(rs):
			out = append(out, string(rs[i:i+2]))
			i += 2
		case r == '.' && i+1 < len(rs) && strings.ContainsRune("^*/", rs[i+1]):
			out = append(out, string(rs[i:i+2]))
			i += 2
		default:
			out = append(out, string(r))
			i++
		}
	}
	return out
}

func isNameStart(r rune) bool {
	return unicode.IsLetter(r) && !isSup(r) || r == '∂' || r == 'ℓ'
}

// isSup reports a superscript character (ᵀ, ⁿ, ², ⁻, …), which follows a
// name as an operator of its own.
func isSup(r rune) bool {
	return strings.ContainsRune("ᵀᵗⁿⁱˡᵏ⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾", r)
}

func isSubDigit(r rune) bool { return r >= '₀' && r <= '₉' }

// Count is the number of tokens of s (see Tokens).
func Count(s string) int { return len(Tokens(s)) }
