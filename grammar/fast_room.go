package grammar

import "github.com/alecthomas/participle/v2/lexer"

// fast is fastParse's cursor over the tokens (the last is EOF), with
// the slabs its nodes come from.
type fast struct {
	toks       []lexer.Token
	i          int
	aStmt      slab[Stmt]
	aDecl      slab[Decl]
	aDeclPart  slab[DeclPart]
	aDeclName  slab[DeclName]
	aRange     slab[Range]
	aInterval  slab[Interval]
	aSpace     slab[Space]
	aReals     slab[Reals]
	aDims      slab[Dims]
	aDim       slab[Dim]
	aTarget    slab[Target]
	aName      slab[Name]
	aSubscript slab[Subscript]
	aSubItem   slab[SubItem]
	aLabel     slab[Label]
	aDef       slab[Def]
	aSeq       slab[Seq]
	// The node lists (Decl.Parts, DeclPart.Targets, Dims.List, …) are
	// exact copies cut from these.
	lParts   ptrSlab[DeclPart]
	lNames   ptrSlab[DeclName]
	lDims    ptrSlab[Dim]
	lTargets ptrSlab[Target]
	lSubs    ptrSlab[SubItem]
	seqs     seqArena
}

// fastStart is a parse's first allocation: the cursor, the program, and
// the first chunk of each common node's slab, sized for the declarations
// and definition of a line of about 24 tokens (the programs of
// testdata/bench/sympy_cases.json have 13 to 39). Past that, a slab goes
// on in chunks of its own, twice the size of the last. Rarer nodes
// (ranges, subscripts, labels, nested groups) always come from their
// slab's own chunks, and the items of expressions from an arena sized to
// the tokens left at the first expression (see fast.seq), their lists
// from itemPtr while it lasts.
type fastStart struct {
	f        fast
	prog     Program
	stmts    [3]*Stmt
	stmt     [3]Stmt
	decl     [2]Decl
	declPart [2]DeclPart
	declName [3]DeclName
	space    [2]Space
	reals    [2]Reals
	dims     [2]Dims
	dim      [3]Dim
	target   [6]Target
	name     [6]Name
	def      [1]Def
	seq      [1]Seq
	part     [2]*DeclPart
	partName [3]*DeclName
	dimPtr   [4]*Dim
	itemPtr  [16]*Item
}

// newFast returns a cursor over toks and the program it fills.
func newFast(toks []lexer.Token) (*fast, *Program) {
	a := &fastStart{}
	p := &a.f
	p.toks = toks
	a.prog.Stmts = a.stmts[:0]
	p.aStmt.free, p.aDecl.free, p.aDeclPart.free, p.aDeclName.free = a.stmt[:0], a.decl[:0], a.declPart[:0], a.declName[:0]
	p.aSpace.free, p.aReals.free, p.aDims.free, p.aDim.free = a.space[:0], a.reals[:0], a.dims[:0], a.dim[:0]
	p.aTarget.free, p.aName.free, p.aDef.free, p.aSeq.free = a.target[:0], a.name[:0], a.def[:0], a.seq[:0]
	p.lParts.free, p.lNames.free, p.lDims.free = a.part[:0], a.partName[:0], a.dimPtr[:0]
	p.seqs.ptrs.free = a.itemPtr[:0]
	return p, &a.prog
}

// slab hands out nodes of one type from chunks, a few allocations per
// parse instead of one per node (allocation was most of the parse's
// cost). A node a failed alternative took is simply not used.
type slab[T any] struct {
	free []T // the current chunk: its nodes so far, with room for more
	// next is the size of the next chunk to make (0: start at 4).
	next int
}

// new returns a pointer to a fresh copy of v.
func (s *slab[T]) new(v T) *T {
	if len(s.free) == cap(s.free) {
		s.next = min(max(s.next, 4), 64)
		s.free = make([]T, 0, s.next)
		s.next *= 2
	}
	// Appending within the chunk changes only its length.
	s.free = append(s.free, v)
	return &s.free[len(s.free)-1]
}

// ptrSlab hands out exact copies of node lists, cut from chunks as slab
// cuts nodes (the lists are read only, so they may share a chunk).
type ptrSlab[T any] slab[*T]

// carve returns a copy of list (nil for none) with no room to grow.
func (s *ptrSlab[T]) carve(list []*T) []*T {
	if len(list) == 0 {
		return nil
	}
	if cap(s.free)-len(s.free) < len(list) {
		s.next = max(min(s.next, 64), 16, len(list))
		s.free = make([]*T, 0, s.next)
		s.next *= 2
	}
	at := len(s.free)
	s.free = append(s.free, list...)
	return s.free[at:len(s.free):len(s.free)]
}
