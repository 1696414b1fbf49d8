package symbolic

import "testing"

// BenchmarkPrint prints the worksheet's answers in each style.
func BenchmarkPrint(b *testing.B) {
	cases := printCases()
	for _, st := range []Style{Text, ASCII, LaTeX} {
		b.Run(st.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, c := range cases {
					_ = Print(c.e, st)
				}
			}
		})
	}
}

// BenchmarkPrintDeep prints a left-nested product of 1000 factors
// (a linear chain, as a long derivative can be).
func BenchmarkPrintDeep(b *testing.B) {
	e := prVar("x")
	for range 1000 {
		e = prMul(e, prT(prVar("A")))
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = Print(e, Text)
	}
}

// BenchmarkEqualHash compares and hashes the worksheet's answers.
func BenchmarkEqualHash(b *testing.B) {
	cases := printCases()
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range cases {
			if !Equal(c.e, c.e) {
				b.Fatal("not equal to itself")
			}
			_ = Hash(c.e)
		}
	}
}
