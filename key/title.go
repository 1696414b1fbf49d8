package key

import (
	"strings"
	"unicode"

	"deriv/engine"
	"deriv/symbolic"
)

// unicodeLaTeX spells the Unicode maths characters a title may hold.
var unicodeLaTeX = map[rune]string{
	'α': `\alpha `, 'β': `\beta `, 'γ': `\gamma `, 'δ': `\delta `, 'ε': `\varepsilon `, 'η': `\eta `, 'θ': `\theta `,
	'λ': `\lambda `, 'μ': `\mu `, 'ν': `\nu `, 'π': `\pi `, 'ρ': `\rho `, 'σ': `\sigma `, 'τ': `\tau `, 'φ': `\phi `,
	'ϕ': `\phi `, 'χ': `\chi `, 'ψ': `\psi `, 'ω': `\omega `, 'ξ': `\xi `, 'ζ': `\zeta `, 'κ': `\kappa `,
	'Γ': `\Gamma `, 'Δ': `\Delta `, 'Θ': `\Theta `, 'Λ': `\Lambda `, 'Σ': `\Sigma `, 'Φ': `\Phi `, 'Ψ': `\Psi `, 'Ω': `\Omega `,
	'∂': `\partial `, 'ℓ': `\ell `, '∇': `\nabla `, '…': `\ldots `, '⋯': `\cdots `, '·': `\cdot `, '×': `\times `,
	'⊙': `\odot `, '−': `-`, '→': `\to `, '∈': `\in `, '≤': `\le `, '≥': `\ge `, '≠': `\ne `, '‖': `\|`,
	'ᵀ': `^{\top}`, '⁻': `^{-}`, '¹': `^{1}`, '²': `^{2}`, '³': `^{3}`, '½': `\tfrac{1}{2}`, 'ℝ': `\mathbb{R}`,
	'⊤': `\top `, '∑': `\sum `, '√': `\sqrt `, '∞': `\infty `,
	'₀': `_{0}`, '₁': `_{1}`, '₂': `_{2}`, '₃': `_{3}`, '₄': `_{4}`, '⁽': `^{(`, '⁾': `)}`,
}

// mathText spells a maths string in LaTeX: Unicode symbols become
// commands, LaTeX text is kept.
func mathText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if l, ok := unicodeLaTeX[r]; ok {
			b.WriteString(l)
			continue
		}
		switch r {
		case '#', '%', '&':
			b.WriteString(`\` + string(r))
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// isWord reports a token of prose: ASCII letters and digits (a trailing
// comma or period allowed), at least two of them, or a dash.
func isWord(tok string) bool {
	if tok == "---" || tok == "--" || tok == "—" || tok == "–" {
		return true
	}
	tok = strings.TrimRight(tok, ",.;:")
	if len([]rune(tok)) < 2 {
		return false
	}
	for _, r := range tok {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

// isPunct reports a token of punctuation only (&, —, :).
func isPunct(tok string) bool {
	for _, r := range tok {
		if !strings.ContainsRune("&%#:;,.!?()-—–'\"", r) {
			return false
		}
	}
	return tok != ""
}

// titleLaTeX spells a question's title (prose mixed with maths, "∂f/∂w_i
// with φ = σ") for LaTeX and KaTeX: words stay text, runs of maths
// tokens go between $…$ (parsed in the question's program when they
// parse, for \frac{\partial f}{\partial w_i}; else respelled symbol by
// symbol).
func titleLaTeX(s string, scope *symbolic.Program) string {
	if strings.Contains(s, "$") {
		return s // already LaTeX
	}
	var out []string
	var run []string
	flush := func() {
		if len(run) == 0 {
			return
		}
		m := strings.Join(run, " ")
		out = append(out, "$"+mathRun(m, scope)+"$")
		run = nil
	}
	toks := strings.Fields(s)
	for i, tok := range toks {
		// "A long sum": a one-letter article before a word is prose.
		article := (tok == "A" || tok == "a") && i+1 < len(toks) && isWord(toks[i+1])
		if isWord(tok) || isPunct(tok) || article {
			flush()
			out = append(out, escapeText(tok))
			continue
		}
		run = append(run, tok)
	}
	flush()
	return strings.Join(out, " ")
}

// mathRun spells one run of maths.
func mathRun(m string, scope *symbolic.Program) string {
	if scope != nil {
		if e, err := engine.ParseExpr(scope, m); err == nil {
			return symbolic.Print(e, symbolic.LaTeX)
		}
	}
	// Spaces separate factors ("d/dw f"): keep a thin space between
	// letters, which maths mode would otherwise run together.
	rs := []rune(m)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(rs[i+1]) {
			b.WriteString(`\,`)
			continue
		}
		b.WriteRune(r)
	}
	return mathText(b.String())
}

// escapeText escapes prose for LaTeX outside maths.
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\textbackslash{}`, "&", `\&`, "%", `\%`, "#", `\#`, "_", `\_`, "{", `\{`, "}", `\}`, "~", `\textasciitilde{}`, "^", `\textasciicircum{}`, "—", "---", "–", "--").Replace(s)
}
