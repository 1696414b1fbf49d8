package symbolic

// Jacobian returns ∂f/∂wrt for a vector f: Rⁿ → Rᵐ as an m×n matrix (a
// row for a scalar f, a column for a scalar wrt), by forward mode over the
// function's DAG. It fails with a positioned *Error when an intermediate
// would need three axes (a matrix depending on a vector wrt), and for a
// matrix f or a matrix wrt.
func Jacobian(p *Program, wrt *Expr, opts GradOptions) (*Derivative, error) {
	c, def, root, err := setup(p, wrt, opts)
	if err != nil {
		return nil, err
	}
	if c.target.Shape.IsMatrix() {
		return nil, Errorf(NoPos, "the Jacobian with respect to the matrix %s needs more than two axes", Print(wrt, Text))
	}
	if root.Shape.IsMatrix() && !root.Shape.IsRow() {
		return nil, Errorf(NoPos, "the Jacobian of the matrix-valued %s needs more than two axes", fname(def))
	}
	if len(opts.Through) > 0 {
		return nil, Errorf(NoPos, "--through applies to gradients only")
	}
	j, err := c.tangent(root, map[*Expr]*Expr{})
	if err != nil {
		return nil, err
	}
	shape := Matrix(root.Shape.Rows(), c.target.Shape.Rows())
	if root.Shape.IsRow() {
		shape = Matrix(root.Shape.Cols(), c.target.Shape.Rows())
	}
	if j == nil {
		j = Zero(shape)
	}
	j, err = c.simplify(j)
	if err != nil {
		return nil, err
	}
	return c.finish(def, wrt, j, shape, opts)
}

// Hessian returns the matrix of second derivatives of a scalar f with
// respect to a vector (or scalar) wrt, n×n: the Jacobian of the gradient.
// It fails as Grad and Jacobian do, and for a matrix wrt.
func Hessian(p *Program, wrt *Expr, opts GradOptions) (*Derivative, error) {
	c, def, root, err := setup(p, wrt, opts)
	if err != nil {
		return nil, err
	}
	if !root.Shape.IsScalar() {
		return nil, Errorf(NoPos, "the Hessian needs a scalar %s, but it is a %s", fname(def), root.Shape)
	}
	if c.target.Shape.IsMatrix() {
		return nil, Errorf(NoPos, "the Hessian with respect to the matrix %s needs four axes", Print(wrt, Text))
	}
	if len(opts.Through) > 0 {
		return nil, Errorf(NoPos, "--through applies to gradients only")
	}
	g, err := c.gradient(root)
	if err != nil {
		return nil, err
	}
	g = c.in.intern(g)
	c.dep.reset() // the tangent pass asks about g's nodes afresh
	h, err := c.tangent(g, map[*Expr]*Expr{})
	if err != nil {
		return nil, err
	}
	shape := Matrix(c.target.Shape.Rows(), c.target.Shape.Rows())
	if h == nil {
		h = Zero(shape)
	}
	h, err = c.simplify(h)
	if err != nil {
		return nil, err
	}
	return c.finish(def, wrt, h, shape, opts)
}
