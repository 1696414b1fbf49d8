package grammar

import (
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Program is a whole input: statements separated by newlines or ";".
type Program struct {
	Stmts []*Stmt `parser:"( Semi | Newline )* ( @@ ( ( Semi | Newline )+ @@? )* )?"`
}

// Stmt is one statement. Alternatives are tried in order: a declaration,
// then a definition, then a bare expression.
type Stmt struct {
	Pos  lexer.Position
	Decl *Decl `parser:"  @@"`
	Def  *Def  `parser:"| @@"`
	Expr *Seq  `parser:"| @@"`
}

// Decl declares names: `x, b ∈ R^d`, `w_i ∈ R^d, b_i ∈ R for i = 1..n`,
// `φ: R → R`, `i ∈ {1, …, n}`. Parts share the optional Range, which makes
// the parts whose names are subscripted by its index families.
type Decl struct {
	Pos   lexer.Position
	Parts []*DeclPart `parser:"@@ ( ',' @@ )*"`
	Range *Range      `parser:"( ','? @@ )?"`
}

// DeclPart is `targets ∈ space` (also "in", "\in" or ":"). The targets
// may elide members of a family: `w_1, w_2, …, w_n ∈ R^d`.
type DeclPart struct {
	Pos     lexer.Position
	Targets []*DeclName `parser:"@@ ( ',' @@ )*"`
	In      string      `parser:"@( '∈' | 'in' | '\\\\in' | ':' )"`
	Space   *Space      `parser:"@@"`
}

// DeclName is one entry of a declaration's name list: a name, or an
// ellipsis (…, ..., \dots, \ldots, \cdots) standing for the names between
// its neighbours.
type DeclName struct {
	Pos    lexer.Position
	Dots   string  `parser:"  @( '…' | '...' | '\\\\dots' | '\\\\ldots' | '\\\\cdots' )"`
	Target *Target `parser:"| @@"`
}

// Range is an index range: `for i = 1..n`, `i = 1, …, n`, `i ∈ {1, …, n}`.
type Range struct {
	Pos   lexer.Position
	For   bool      `parser:"@( 'for' | ( '\\\\text' | '\\\\mbox' | '\\\\textrm' ) '{' 'for' '}' )?"`
	Index *Target   `parser:"@@ ( '=' | '∈' | '\\\\in' | 'in' )"`
	Set   *Interval `parser:"( '{' @@ '}' | '\\\\{' @@ '\\\\}' | @@ )"`
}

// Interval is `lo..hi` or `lo, …, hi`.
type Interval struct {
	Pos lexer.Position
	Lo  *Dim `parser:"@@ ( '..' | ',' ( '…' | '...' | '\\\\dots' | '\\\\ldots' | '\\\\cdots' ) ',' )"`
	Hi  *Dim `parser:"@@"`
}

// Space is a set a name ranges over: the reals with dimensions, a function
// space (R^d → R^d), or an index set {1, …, n}.
type Space struct {
	Pos   lexer.Position
	Set   *Interval `parser:"  ( '{' @@ '}' | '\\\\{' @@ '\\\\}' )"`
	Reals *Reals    `parser:"| @@"`
}

// Reals is R, R^d, R^{m×n} or R^(m x n), optionally mapping to another
// Reals (a function space). R may be written R, ℝ, \mathbb{R}, \R, \Reals.
type Reals struct {
	Pos  lexer.Position
	R    string `parser:"@( 'R' | 'ℝ' | '\\\\R' | '\\\\Reals' | '\\\\mathbb' ( '{' 'R' '}' | 'R' ) | '\\\\mathbf' '{' 'R' '}' )"`
	Dims *Dims  `parser:"( '^' @@ )?"`
	To   *Reals `parser:"( ( '→' | '->' | '⟶' | '\\\\to' | '\\\\rightarrow' | '\\\\longrightarrow' ) @@ )?"`
}

// Dims are the exponent of R: `d`, `3`, `{d×d}`, `(n x d)`, `{d^{(1)}}`.
type Dims struct {
	Pos  lexer.Position
	List []*Dim `parser:"(  '{' @@ ( ( '×' | 'x' | '\\\\times' | ',' | '*' ) @@ )* '}'"`
	Alt  []*Dim `parser:" | '(' @@ ( ( '×' | 'x' | '\\\\times' | ',' | '*' ) @@ )* ')'"`
	One  *Dim   `parser:" | @@ )"`
}

// Dim is one dimension: a number or a (possibly labelled) name.
type Dim struct {
	Pos  lexer.Position
	Num  string  `parser:"  @Number"`
	Name *Target `parser:"| @@"`
}

// Target is a name as written on the left of a declaration or definition:
// `W`, `W1`, `w_i`, `W^{(1)}`, `x_j^{(l-1)}`, `\mathbf{x}`, `\sigma`.
type Target struct {
	Pos   lexer.Position
	Name  *Name      `parser:"@@"`
	Sub   *Subscript `parser:"@@?"`
	Label *Label     `parser:"@@?"`
	Sub2  *Subscript `parser:"@@?"`
}

// Name is an identifier, a LaTeX command (a Greek letter), or either
// wrapped in a font command (\mathbf{x}, \boldsymbol{x}, \vec{x}).
type Name struct {
	Pos  lexer.Position
	Font string `parser:"(   @( '\\\\mathbf' | '\\\\boldsymbol' | '\\\\bm' | '\\\\vec' | '\\\\mathrm' | '\\\\mathit' | '\\\\operatorname' ) '{'"`
	Text string `parser:"    @( Ident | Cmd ) '}' | @( Ident | Cmd ) )"`
}

// Subscript is `_i`, `_1`, `_{ij}`, `_{i,j}` or Unicode subscripts (₁, ᵢ).
type Subscript struct {
	Pos     lexer.Position
	Unicode string     `parser:"  @Subscript"`
	Items   []*SubItem `parser:"| '_' ( '{' @@ ( ','? @@ )* '}' | @@ )"`
}

// SubItem is one subscript: a number or a name.
type SubItem struct {
	Pos  lexer.Position
	Num  string `parser:"  @Number"`
	Name *Name  `parser:"| @@"`
}

// Label is a layer label: `^(1)`, `^{(1)}`, `^{(l-1)}`, or Unicode `⁽¹⁾`.
type Label struct {
	Pos     lexer.Position
	Unicode string   `parser:"  @Super"`
	Parts   []string `parser:"| '^' ( '{' '(' @( Ident | Number | '+' | '-' | '−' )+ ')' '}' | '(' @( Ident | Number | '+' | '-' | '−' )+ ')' )"`
}

// Def is a definition `target = body` or `target(params) = body`.
type Def struct {
	Pos    lexer.Position
	Target *Target   `parser:"@@"`
	Params []*Target `parser:"( '(' ( @@ ( ',' @@ )* )? ')' )?"`
	Eq     string    `parser:"@( '=' | ':=' | '≔' )"`
	Body   *Seq      `parser:"@@"`
}

// Seq is the flat contents of an expression: tokens and bracketed groups,
// left for the parser's precedence climbing. It parses itself (see
// Seq.Parse in seq.go), without recursion.
type Seq struct {
	Pos lexer.Position
	// EndPos is the position just past the last token.
	EndPos lexer.Position
	Items  []*Item
}

// Item is one token of an expression, or a bracketed group. Exactly one
// field besides Pos is set.
type Item struct {
	Pos    lexer.Position
	Group  *Group
	Ident  string
	Number string
	Cmd    string
	Super  string
	Sub    string
	Punct  string
}

// Group is a bracketed sequence: ( … ), [ … ], { … } or \{ … \}. Body is
// nil for an empty group.
type Group struct {
	Pos lexer.Position
	// EndPos is the position of the closing bracket.
	EndPos lexer.Position
	Open   string
	Body   *Seq
	Close  string
}

// Parser returns the participle parser for Program, built on first use
// (building it takes about 2 ms and 5,000 allocations, which commands
// that parse nothing, such as deriv --help, must not pay at start-up).
// ParseTokens needs it only for input fastParse rejects, to say what is
// wrong where. A built parser is safe for concurrent use.
var Parser = sync.OnceValue(buildParser)

// buildParser builds the participle parser for Program.
func buildParser() *participle.Parser[Program] {
	return participle.MustBuild[Program](
		participle.Lexer(scanDefinition{}),
		participle.UseLookahead(participle.MaxLookahead),
	)
}

// sliceLexer replays a token slice (see ParseTokens).
type sliceLexer struct {
	toks []lexer.Token
	i    int
}

func (s *sliceLexer) Next() (lexer.Token, error) {
	if s.i >= len(s.toks) {
		return lexer.EOFToken(lexer.Position{}), nil
	}
	t := s.toks[s.i]
	s.i++
	return t, nil
}

// ParseTokens parses tokens from Tokenize (possibly filtered by the caller;
// the last must be EOF) into a Program. Input the hand-written fastParse
// accepts never reaches participle; anything else is parsed by participle,
// whose errors carry the offending token's position.
func ParseTokens(toks []lexer.Token) (*Program, error) {
	if len(toks) > 0 && toks[len(toks)-1].EOF() {
		if prog, ok := fastParse(toks); ok {
			return prog, nil
		}
	}
	return parseParticiple(toks)
}

// parseParticiple is ParseTokens by participle alone.
func parseParticiple(toks []lexer.Token) (*Program, error) {
	peek, err := lexer.Upgrade(&sliceLexer{toks: toks})
	if err != nil {
		return nil, err
	}
	return Parser().ParseFromLexer(peek)
}
