package key

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

func (k *Key) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", k.heading())
	for _, it := range k.Items {
		fmt.Fprintf(&b, "## %s (%s points)\n\n", itemHeading(it), points(it.Q.Points))
		if t := strings.TrimSpace(it.Q.Text); t != "" {
			b.WriteString(t + "\n\n")
		}
		b.WriteString(programDisplay(it, true))
		b.WriteString(answerBlocks(it, true))
	}
	return b.String()
}

var (
	displayMath = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)\$\$(.+?)\$\$`) })
	inlineMath  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\$([^$\n]+?)\$`) })
)

// Fragment is a piece of maths in a Markdown key.
type Fragment struct {
	TeX     string `json:"tex"`
	Display bool   `json:"display"`
}

// MathFragments lists the maths of a Markdown key ($$…$$ displays and
// $…$ inline), for rendering each with KaTeX. Mermaid blocks are skipped.
func MathFragments(md string) []Fragment {
	var out []Fragment
	var text strings.Builder
	inFence := false
	for _, line := range strings.SplitAfter(md, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
			continue
		}
		if !inFence {
			text.WriteString(line)
		}
	}
	s := text.String()
	for _, m := range displayMath().FindAllStringSubmatch(s, -1) {
		out = append(out, Fragment{TeX: strings.TrimSpace(m[1]), Display: true})
	}
	rest := displayMath().ReplaceAllString(s, "")
	for _, m := range inlineMath().FindAllStringSubmatch(rest, -1) {
		out = append(out, Fragment{TeX: m[1]})
	}
	return out
}
