package symbolic

// builtShape computes the shape of a node this package builds from the
// shapes of its operands. It follows the rules of SPEC §2.3: a scalar side
// of +, −, ⊙ and ⊘ broadcasts; a product with a scalar side has the other
// side's shape; a matrix product of an a.Rows()×a.Cols() and a
// b.Rows()×b.Cols() operand is a.Rows()×b.Cols(), normalised (1×1 is a
// scalar, n×1 a column vector). It never fails: operands are assumed to be
// well-typed, and an inconsistent product still gets a shape.
func builtShape(op Op, args []*Expr) Shape {
	switch op {
	case OpAdd, OpSub, OpHad, OpHDiv:
		if args[0].Shape.IsScalar() {
			return args[1].Shape
		}
		return args[0].Shape
	case OpNeg, OpDiv, OpHPow, OpPow, OpInv, OpPrime:
		return args[0].Shape
	case OpMul:
		a, b := args[0].Shape, args[1].Shape
		switch {
		case a.IsScalar():
			return b
		case b.IsScalar():
			return a
		}
		return matrixLike(a.Rows(), b.Cols(), a, b)
	case OpT:
		return args[0].Shape.T()
	case OpSum:
		return args[2].Shape
	}
	return nil
}

// builtCallShape is the shape of a builtin function applied to arg: elementwise
// functions and softmax keep the argument's shape, reductions give a
// scalar, diag turns a vector into a square matrix and a matrix into the
// vector of its diagonal.
// The rule is the function's entry in the one table (FuncInfo.Shape).
func builtCallShape(name string, arg *Expr) Shape {
	switch Funcs[name].Shape {
	case ShapeDiag:
		if arg.Shape.IsVector() {
			return Matrix(arg.Shape[0], arg.Shape[0])
		}
		return Vector(arg.Shape.Rows())
	case ShapeToScalar, ShapeSquareToScalar:
		return nil
	}
	return arg.Shape
}
