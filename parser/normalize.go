package parser

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"deriv/grammar"
	"deriv/symbolic"
)

// Normalize is symbolic.NormalizeText: the compatibility normalisation
// (NFKC) that matters for names, applied before anything reads the text
// (µ is μ, ｘ is x, 𝑥 is x; superscripts, subscripts, ½, ℝ and 𝟙 stay).
//
// NormalizeText maps rune by rune, so the runes that it leaves alone and
// most programs are made of (ASCII, the operators, super- and
// subscripts, ℝ, Greek letters: see keptRune) are passed over here
// first, without its table lookups; from the first other rune on, it
// does the work.
func Normalize(s string) string {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError && keptRune(r) {
			i += size
			continue
		}
		rest := symbolic.NormalizeText(s[i:])
		if rest == s[i:] {
			return s
		}
		return s[:i] + rest
	}
	return s
}

// keptRune reports a rune NormalizeText is known to keep as it is
// (TestKeptRunes holds the two together): the operators, superscripts
// and subscripts of the lexer, ℝ, and the Greek letters Α–Ω and α–ω.
func keptRune(r rune) bool {
	switch {
	case r >= 'Α' && r <= 'Ω' || r >= 'α' && r <= 'ω':
		return true
	case r == 'ℝ':
		return true
	}
	return grammar.IsOperatorRune(r)
}

// scriptOf returns the script of a letter for the mixed-script check, or
// nil for letters common to all scripts.
func scriptOf(r rune) *unicode.RangeTable {
	for _, t := range []*unicode.RangeTable{unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Armenian, unicode.Cherokee, unicode.Han, unicode.Arabic, unicode.Hebrew} {
		if unicode.Is(t, r) {
			return t
		}
	}
	return nil
}

// scriptNames names the scripts scriptOf tells apart.
var scriptNames = map[*unicode.RangeTable]string{
	unicode.Latin: "Latin", unicode.Greek: "Greek", unicode.Cyrillic: "Cyrillic", unicode.Armenian: "Armenian",
	unicode.Cherokee: "Cherokee", unicode.Han: "Han", unicode.Arabic: "Arabic", unicode.Hebrew: "Hebrew",
}

// checkScripts reports a name that mixes letters of two scripts (a
// Cyrillic а among Latin letters looks the same but is another name),
// at the first letter of the second script. Greek with Latin is allowed
// (δx, αW), unless a Greek letter in it looks Latin (an omicron ο among
// Latin letters, a capital Α or Ρ).
func checkScripts(name string, at symbolic.Pos) error {
	if isASCII(name) {
		// ASCII letters are all Latin: nothing to mix.
		return nil
	}
	var first *unicode.RangeTable
	off := 0
	for off < len(name) {
		r, size := utf8.DecodeRuneInString(name[off:])
		if t := scriptOf(r); t != nil {
			switch {
			case first == nil:
				first = t
			case t != first && !(isLatinGreek(t) && isLatinGreek(first) && !latinLookalike(name)):
				return symbolic.Errorf(at+symbolic.Pos(off), "the name %s mixes %s and %s letters (%q is %s): retype it in one script",
					name, scriptNames[first], scriptNames[t], string(r), scriptNames[t])
			}
		}
		off += size
	}
	return nil
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isLatinGreek(t *unicode.RangeTable) bool { return t == unicode.Latin || t == unicode.Greek }

// greekLookalikes are the Greek letters that look like Latin ones.
const greekLookalikes = "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο"

// latinLookalike reports whether name has a Greek letter that looks Latin.
func latinLookalike(name string) bool {
	return strings.ContainsAny(name, greekLookalikes)
}
