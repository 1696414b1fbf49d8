package grade

// Verdicts (SPEC §7.3).
const (
	Correct    = "correct"
	Incorrect  = "incorrect"
	Ungradable = "ungradable"
)

// Result is the grade of one answer (SPEC §7.3, one JSON line each).
type Result struct {
	Student  string  `json:"student"`
	Question string  `json:"question"`
	Verdict  string  `json:"verdict"`
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
	// Diagnosis lists the likely mistakes of an incorrect answer (empty
	// otherwise), most specific first.
	Diagnosis []Diagnosis `json:"diagnosis"`
	// Feedback is the question's feedback for the diagnosed codes.
	Feedback string `json:"feedback,omitempty"`
	// Error says why an answer is ungradable, positioned in the answer.
	Error *ErrorInfo `json:"error,omitempty"`
	// MaxRelError is the largest relative error against the derivative
	// (1 for a wrong shape), when the answer could be evaluated.
	MaxRelError *float64 `json:"max_rel_error,omitempty"`
	// Answer is the answer as submitted (for reports; not in JSON).
	Answer string `json:"-"`
	// sig fingerprints the answer's values: equal answers (mathematically)
	// share it.
	sig string
}

// Diagnosis is one likely mistake: a stable code (assignment.Codes) and
// a sentence naming the sub-expression.
type Diagnosis struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ErrorInfo positions an ungradable answer's problem: 1-based line and
// column in the answer (1:1 for the answer as a whole, such as a budget;
// 0:0 when the problem is not in the text, such as an unknown question).
type ErrorInfo struct {
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

// Codes returns the diagnosis codes in order.
func (r *Result) Codes() []string {
	out := make([]string, len(r.Diagnosis))
	for i, d := range r.Diagnosis {
		out[i] = d.Code
	}
	return out
}
