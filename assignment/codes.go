package assignment

// Codes are the stable diagnosis codes of SPEC §7.3, in the order a report
// lists them.
var Codes = []string{
	"transpose", "transposed-factor", "order", "sign", "factor",
	"missing-factor", "extra-factor", "wrong-derivative", "hadamard",
	"symmetric", "sum", "shape", "named-wrong", "other",
}

// KnownCode reports whether code is one of Codes.
func KnownCode(code string) bool {
	for _, c := range Codes {
		if c == code {
			return true
		}
	}
	return false
}
