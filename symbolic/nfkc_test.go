package symbolic

import "testing"

// TestNormalizeText: the NFKC mappings for names, and the characters the
// language gives a meaning of their own, which stay.
func TestNormalizeText(t *testing.T) {
	for in, want := range map[string]string{
		"µ":            "μ",
		"ｘ＋ｙ":          "x+y",
		"𝑥 𝐱 𝓛 𝛼 𝝈":    "x x L α σ",
		"ϕ ϑ ϵ":        "φ θ ε",
		"x² xᵀ w₁ ½ ℝ": "x² xᵀ w₁ ½ ℝ",
		"𝟙 ℓ":          "𝟙 ℓ",
		"𝟐x":           "2x",
		"plain ascii":  "plain ascii",
	} {
		if got := NormalizeText(in); got != want {
			t.Errorf("NormalizeText(%q) = %q, want %q", in, got, want)
		}
	}
}
