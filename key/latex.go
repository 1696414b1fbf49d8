package key

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"deriv/symbolic"
)

// Format is a key's output format.
type Format uint8

const (
	// Article is a LaTeX article (the default).
	Article Format = iota
	// Exam is \documentclass{exam}: \question[points] with the answers in
	// solution environments (printed with the class option "answers",
	// which the key sets; remove it to print the questions alone).
	Exam
	// Markdown is Markdown with $$…$$ displays that KaTeX renders.
	Markdown
)

// Write writes the key in format f.
func (k *Key) Write(f Format) string {
	switch f {
	case Exam:
		return k.exam()
	case Markdown:
		return k.markdown()
	}
	return k.article()
}

func (k *Key) preamble(class string) string {
	var b strings.Builder
	b.WriteString(class + "\n\\usepackage{amsmath,amssymb}\n")
	if k.Graphs {
		b.WriteString("\\usepackage{tikz}\n")
	}
	return b.String()
}

func (k *Key) heading() string {
	t := k.Title
	if t == "" {
		t = "Answer key"
	} else {
		t += " — answer key"
	}
	return t
}

func (k *Key) article() string {
	var b strings.Builder
	b.WriteString(k.preamble(`\documentclass[11pt]{article}`))
	b.WriteString("\\setlength{\\parindent}{0pt}\n\\setlength{\\parskip}{0.7ex}\n\\emergencystretch=2em\n")
	fmt.Fprintf(&b, "\\title{%s}\n\\author{}\n\\date{}\n\\begin{document}\n\\maketitle\n", titleLaTeX(k.heading(), nil))
	for _, it := range k.Items {
		fmt.Fprintf(&b, "\n\\section*{%s}\n", itemHeading(it))
		if t := strings.TrimSpace(it.Q.Text); t != "" {
			b.WriteString(t + "\n\n")
		}
		b.WriteString(programBlock(it))
		b.WriteString(answerBlocks(it, false))
	}
	b.WriteString("\n\\end{document}\n")
	return b.String()
}

func (k *Key) exam() string {
	var b strings.Builder
	b.WriteString("% Answer key: remove the class option \"answers\" to print the questions alone.\n")
	b.WriteString(k.preamble(`\documentclass[11pt,answers]{exam}`))
	fmt.Fprintf(&b, "\\emergencystretch=2em\n\\begin{document}\n\\begin{center}\n{\\Large %s}\n\\end{center}\n\n\\begin{questions}\n", titleLaTeX(k.heading(), nil))
	for _, it := range k.Items {
		fmt.Fprintf(&b, "\n\\question[%s] \\textbf{%s}\n\n", points(it.Q.Points), itemHeading(it))
		if t := strings.TrimSpace(it.Q.Text); t != "" {
			b.WriteString(t + "\n\n")
		}
		b.WriteString(programBlock(it))
		b.WriteString("\\begin{solution}\n")
		b.WriteString(answerBlocks(it, false))
		b.WriteString("\\end{solution}\n")
	}
	b.WriteString("\n\\end{questions}\n\\end{document}\n")
	return b.String()
}

func points(p float64) string { return strconv.FormatFloat(p, 'f', -1, 64) }

// itemHeading is "ID. title".
func itemHeading(it *Item) string {
	h := escapeText(it.Q.ID)
	if it.Q.Title != "" {
		var scope *symbolic.Program
		if ref, err := it.Q.Reference(context.Background()); err == nil {
			scope = ref.Scope
		}
		h += ". " + titleLaTeX(it.Q.Title, scope)
	}
	return h
}

// display is a display of maths: \[ … \] (LaTeX) or $$ … $$ (Markdown,
// on lines of their own).
func display(body string, md bool) string {
	if md {
		return "$$\n" + body + "\n$$\n\n"
	}
	return "\\[\n" + body + "\n\\]\n"
}

// programBlock typesets the program, one statement a line.
func programBlock(it *Item) string { return programDisplay(it, false) }

func programDisplay(it *Item, md bool) string {
	lines := make([]string, 0, len(it.Program)+len(it.Let))
	for _, l := range it.Program {
		lines = append(lines, "&"+l)
	}
	for _, l := range it.Let {
		lines = append(lines, `&\text{with } `+l)
	}
	intro := "The program:\n"
	if md {
		intro = "The program:\n\n"
	}
	return intro + display("\\begin{aligned}\n"+strings.Join(lines, " \\\\\n")+"\n\\end{aligned}", md)
}

// answerBlocks writes every answer of the item: the equation, its where
// list, the verification line, the derivation and the graph.
func answerBlocks(it *Item, md bool) string {
	var b strings.Builder
	par := "\n"
	if md {
		par = "\n\n"
	}
	bold := func(s string) string {
		if md {
			return "**" + s + "**"
		}
		return `\textbf{` + s + `}`
	}
	if it.Expr {
		b.WriteString(bold("Answer.") + " Any expression equal to" + par)
		b.WriteString(display(symbolic.Print(it.Answers[0].RHS, symbolic.LaTeX), md))
		return b.String()
	}
	for _, a := range it.Answers {
		who := "derived by deriv"
		if a.Agrees {
			who = "derived by deriv; the instructor's answer is equal"
		}
		if a.Instructor {
			who = "the instructor's, checked by deriv"
		}
		b.WriteString(bold("Answer") + " (" + who + "):" + par)
		b.WriteString(display(equation(a.LHS, a.LHSText, a.RHS), md))
		if len(a.Where) > 0 {
			b.WriteString("where" + par)
			b.WriteString(display(aligned(a.Where), md))
		}
		if a.Points > 0 {
			fmt.Fprintf(&b, "Verified at %d random points (%s).%s", a.Points, a.Method, par)
		}
		if s := a.Steps; s != nil && len(s.Backward) > 0 {
			if !md {
				b.WriteString(par)
			}
			b.WriteString(bold("Derivation.") + " Forward pass:" + par)
			b.WriteString(display(aligned(s.Forward), md))
			n := 0
			for _, l := range s.Backward {
				if l.Checked > 0 {
					n = l.Checked
				}
			}
			b.WriteString("Backward pass, from the output to the variable")
			if n > 0 {
				fmt.Fprintf(&b, " (lines marked $\\checkmark$ verified against finite differences at %d random points; each $\\delta$ is built from local derivatives verified on their own)", n)
			}
			b.WriteString(":" + par)
			b.WriteString(display(aligned(s.Backward), md))
		}
	}
	if it.Graph != nil {
		if !md {
			b.WriteString(par)
		}
		b.WriteString(bold("Computation graph.") + par)
		if md {
			b.WriteString("```mermaid\n" + it.Graph.Mermaid() + "```\n\n")
		} else {
			b.WriteString("\\begin{center}\n\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n" + it.Graph.TikZ() + "}\n\\end{center}\n")
		}
	}
	return b.String()
}

// aligned writes lines "name &= expr" (or "name &= head = expr") as the
// body of an aligned environment, each broken when too wide.
func aligned(lines []Line) string {
	var out []string
	for _, l := range lines {
		lhsText := l.NameText
		if l.Head != "" {
			lhsText += " = ∂ℓ/∂" + l.NameText // the head's width, roughly
		}
		out = append(out, alignedLine(l.Name, lhsText, l.Head, l.Expr, l.Checked))
	}
	return "\\begin{aligned}\n" + strings.Join(out, " \\\\\n") + "\n\\end{aligned}"
}

// alignedLine is one line of an aligned block: name &= [head =] expr,
// broken like equation.
func alignedLine(name, lhsText, head string, e *symbolic.Expr, checked int) string {
	first := name + " &= "
	if head != "" {
		first += head + " = "
	}
	mark := ""
	if checked > 0 {
		mark = `\quad\checkmark`
	}
	rhs := symbolic.Print(e, symbolic.LaTeX)
	if width(lhsText)+3+width(symbolic.Print(e, symbolic.Text)) <= maxWidth {
		return first + rhs + mark
	}
	lines := pack(split(e), maxWidth-width(lhsText)-3, maxWidth-4)
	return first + strings.Join(lines, " \\\\\n&\\quad ") + mark
}
