package symbolic

import "strings"

// NormalizeText applies the compatibility normalisation (NFKC) that matters for
// names, before anything else reads the text (SPEC §2.2): the micro sign µ
// is μ, full-width letters, digits and operators (ｘ, ＋) are their ASCII
// forms, the ideographic space is a space, the Greek symbol variants ϕ ϑ ϵ
// ϱ ϖ ϰ ϐ are φ θ ε ρ π κ β, the Ohm, Kelvin and Ångström signs are Ω, K,
// Å, and mathematical alphanumeric letters (𝑥, 𝐱, 𝓛, 𝛼) are plain
// letters.
//
// It deliberately leaves alone the compatibility characters that the
// language gives a meaning of their own, which full NFKC would destroy:
// superscripts and subscripts (x², xᵀ, w₁), ½, ℝ, ℓ and the double-struck
// 𝟙. Text that needs no change is returned as is (no allocation).
func NormalizeText(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { _, ok := nfkc(r); return ok })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if m, ok := nfkc(r); ok {
			b.WriteRune(m)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// compat maps single compatibility characters to their NFKC forms.
var compat = map[rune]rune{
	'µ': 'μ', '\u3000': ' ',
	'ϕ': 'φ', 'ϑ': 'θ', 'ϵ': 'ε', 'ϱ': 'ρ', 'ϖ': 'π', 'ϰ': 'κ', 'ϐ': 'β', 'ϴ': 'Θ',
	'Ω': 'Ω', 'K': 'K', 'Å': 'Å',
	'ℎ': 'h', 'ℬ': 'B', 'ℰ': 'E', 'ℱ': 'F', 'ℋ': 'H', 'ℐ': 'I', 'ℒ': 'L', 'ℳ': 'M', 'ℛ': 'R',
	'ℯ': 'e', 'ℊ': 'g', 'ℴ': 'o', 'ℭ': 'C', 'ℌ': 'H', 'ℑ': 'I', 'ℨ': 'Z',
}

// nfkc returns the normal form of r when it differs.
func nfkc(r rune) (rune, bool) {
	if r < 0x80 {
		return 0, false
	}
	if m, ok := compat[r]; ok {
		return m, true
	}
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		// Full-width ASCII.
		return r - 0xFF01 + '!', true
	case r >= 0x1D400 && r <= 0x1D6A3:
		// Mathematical Latin letters: 13 styles of A–Z, a–z.
		k := (r - 0x1D400) % 52
		if k < 26 {
			return 'A' + k, true
		}
		return 'a' + k - 26, true
	case r >= 0x1D6A8 && r <= 0x1D7C9:
		// Mathematical Greek letters: 5 styles of 58 (Α–Ω, ∇, α–ω,
		// ∂ and six variants).
		return mathGreek((r - 0x1D6A8) % 58)
	case r >= 0x1D7CE && r <= 0x1D7FF && r != 0x1D7D9:
		// Mathematical digits (but 𝟙, the all-ones vector, stays).
		return '0' + (r-0x1D7CE)%10, true
	}
	return 0, false
}

// mathGreek maps the offset of a mathematical Greek letter within its
// style to the plain letter.
func mathGreek(k rune) (rune, bool) {
	switch {
	case k < 25:
		// Α … Ω, with ϴ at 17.
		if k == 17 {
			return 'Θ', true
		}
		return 'Α' + k, true
	case k == 25:
		return '∇', true
	case k < 51:
		return 'α' + k - 26, true
	case k == 51:
		return '∂', true
	}
	return []rune("εθκφρπ")[k-52], true
}
