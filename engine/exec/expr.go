package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/catalog/types/funcs"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// evalCtx is what evaluation needs beyond the row: the session, the request's
// context, and the rows of enclosing queries (correlated subqueries).
type evalCtx struct {
	ctx   context.Context
	s     *Session
	outer []Row
	fctx  *funcs.Context
	// coll is the statement's copy of fctx under another collation
	// (collated); nil in an evalCtx not made by newEvalCtx.
	coll *funcs.Context
	// cascade is the statement's referential actions (cascade_paths.go),
	// shared by the copies with makes.
	cascade *cascadeRun
	// subq holds the statement's uncorrelated subquery results
	// (subquery_once.go), shared by the copies; nil: none are kept.
	subq *subqCache
}

func newEvalCtx(ctx context.Context, s *Session) *evalCtx {
	// One allocation for both: every statement makes one (the copies with
	// makes share the funcs.Context through the pointer, as before).
	a := &struct {
		ec evalCtx
		fc funcs.Context
		cc funcs.Context
		sq subqCache
	}{}
	a.fc = funcs.Context{Now: clockNow(), DateFirst: s.Opts.DateFirst, DateFormat: s.Opts.DateFormat,
		Language: s.Opts.Language}
	a.ec = evalCtx{ctx: ctx, s: s, fctx: &a.fc, coll: &a.cc, subq: &a.sq}
	return &a.ec
}

// collated is the statement's funcs.Context under coll, which is not the
// server's default: a string function whose arguments are in another
// collation evaluates under theirs (call.go). The statement keeps one such
// copy beside its own, made again when a call asks for another collation,
// instead of a copy per call and row: a statement evaluates one call at a
// time, no function keeps its Context past its call, and fctx does not
// change once made. The unfilled copy's collation is the default, which
// no caller asks for, so it is never taken for a filled one.
func (ec *evalCtx) collated(coll types.Collation) *funcs.Context {
	cc := ec.coll
	if cc == nil {
		cc = new(funcs.Context)
	} else if cc.Collation == coll {
		return cc
	}
	if ec.fctx != nil {
		*cc = *ec.fctx
	} else {
		*cc = funcs.Context{}
	}
	cc.Collation = coll
	return cc
}

// with returns an evalCtx whose innermost outer row is r (entering a subquery).
func (ec *evalCtx) with(r Row) *evalCtx {
	c := *ec
	c.outer = append(append([]Row(nil), ec.outer...), r)
	return &c
}

// expr is a compiled scalar expression with its static type.
type expr struct {
	typ  types.Type
	eval func(ec *evalCtx, row Row) (types.Value, error)
	// konst is set for constants (literals, folded expressions).
	konst *types.Value
	// col is the input column index for a plain column reference at depth 0, else -1.
	col int
	// deriv is how the expression got its collation (collation_precedence.go).
	deriv collDerivation
	// noColl says where a no-collation label (deriv derivNone) came from
	// (collation_conflict.go).
	noColl *noCollation
}

// pred is a compiled predicate (search condition) in three-valued logic.
type pred func(ec *evalCtx, row Row) (types.Bool3, error)

// admits reports whether row satisfies p; a nil p (no condition) admits
// every row. UNKNOWN is not admitted.
func (p pred) admits(ec *evalCtx, row Row) (bool, error) {
	if p == nil {
		return true, nil
	}
	b, err := p(ec, row)
	return b.IsTrue(), err
}

// compiler compiles expressions against a scope for one session.
type compiler struct {
	s  *Session
	sc *scope
	// allowAgg permits aggregate calls (they are collected, see aggScope).
	allowAgg bool
	// bareColumnDefault is set while compiling a column's DEFAULT that is
	// exactly NEWSEQUENTIALID(), the one place SQL Server allows it (302).
	bareColumnDefault bool
}

func constExpr(v types.Value, t types.Type) *expr {
	vv := v
	return &expr{typ: t, konst: &vv, col: -1, eval: func(*evalCtx, Row) (types.Value, error) { return vv, nil }}
}

// valueType is the static type of a constant value.
func valueType(v types.Value) types.Type {
	id := v.TypeID()
	switch {
	case id == types.Decimal || id == types.Numeric:
		return types.Type{ID: id, Precision: v.Precision(), Scale: v.Scale()}
	case id.IsString():
		n := len(v.Str())
		if id.IsUnicode() {
			n = types.TextLength(v.Str(), true) // UTF-16 units: N'😀' is nvarchar(2)
		}
		if n == 0 {
			n = 1
		}
		if (id.IsUnicode() && n > 4000) || n > 8000 {
			n = types.MaxLength
		}
		return types.Type{ID: id, Length: n}
	case id.IsBinary():
		n := len(v.Str())
		if n == 0 {
			n = 1
		}
		if n > 8000 {
			n = types.MaxLength
		}
		return types.Type{ID: id, Length: n}
	case id == types.Time || id == types.DateTime2 || id == types.DateTimeOffset:
		return types.Type{ID: id, Scale: v.Scale()}
	}
	return types.Type{ID: id}
}

func (c *compiler) expr(e ast.Expr) (*expr, error) {
	if c.sc != nil && c.sc.computed != nil {
		if f, ok := e.(*ast.FuncCall); ok && f.Over != nil {
			if i, ok := c.sc.computed[f.SQL()]; ok {
				return &expr{typ: c.sc.cols[i].typ, col: i, eval: func(_ *evalCtx, row Row) (types.Value, error) { return row[i], nil }}, nil
			}
		}
	}
	if c.sc != nil {
		if x, ok, err := c.groupingFunc(e); ok || err != nil {
			return x, err
		}
	}
	if c.sc != nil && c.sc.agg != nil {
		if x, ok, err := c.sc.agg.resolve(c, e); ok || err != nil {
			return x, err
		}
	}
	if c.sc != nil && c.sc.outer != nil {
		if x, ok := c.outerGroupKey(e); ok { // dba_outer_groupkey.go
			return x, nil
		}
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return c.expr(e.X)
	case *ast.Literal:
		v, err := literalValue(e)
		if err != nil {
			return nil, err
		}
		return constExpr(v, c.s.coercible(valueType(v))), nil // dbcollation.go
	case *ast.NullLit:
		// An untyped NULL: CASE, COALESCE and UNION take their type from the
		// other operands; alone it is int, as SQL Server reports it.
		return constExpr(types.Value{}, types.Type{ID: types.Unknown}), nil
	case *ast.Variable:
		return c.variable(e)
	case *ast.GlobalVar:
		return c.globalVar(e)
	case *ast.ColumnRef:
		return c.column(e.Name)
	case *ast.UnaryExpr:
		return c.unary(e)
	case *ast.BinaryExpr:
		if isPredOp(e.Op) {
			return c.predAsValue(e)
		}
		return c.arith(e)
	case *ast.FuncCall:
		if e.Star && len(e.Name.Parts) == 1 && (strings.EqualFold(e.Name.Last(), "CHECKSUM") || strings.EqualFold(e.Name.Last(), "BINARY_CHECKSUM")) {
			return c.checksumStar(e)
		}
		if jsonModifyOfJSON(e) {
			// The new value is JSON (JSON_QUERY, FOR JSON): inserted as is.
			call := *e
			call.Name = &ast.Name{Span: e.Name.Span, Parts: []*ast.Ident{{Name: funcs.JSONModifyJSON}}}
			return c.call(&call)
		}
		return c.call(e)
	case *ast.NextValueExpr:
		if e.Over != nil {
			return c.nextValueOver(e) // sequence_over.go
		}
		return c.nextValue(e) // sequence.go
	case *ast.CaseExpr:
		return c.caseExpr(e)
	case *ast.CastExpr:
		return c.cast(e.X, e.Type, nil, e.Try)
	case *ast.ConvertExpr:
		return c.cast(e.X, e.Type, e.Style, e.Try)
	case *ast.SubqueryExpr:
		return c.scalarSubquery(e.Query)
	case *ast.XMLMethodExpr:
		return c.xmlMethod(e) // xmlmethod.go
	case *ast.AtTimeZoneExpr:
		return c.atTimeZone(e) // timezone.go
	case *ast.CollateExpr:
		x, err := c.expr(e.X)
		if err != nil {
			return nil, err
		}
		coll, err := lookupCollation(c.s, e.Collation) // collation_names.go
		if err != nil {
			return nil, err
		}
		t := x.typ
		t.Collation = coll
		return &expr{typ: t, eval: x.eval, col: -1, deriv: derivExplicit}, nil
	case *ast.ExistsExpr, *ast.InExpr, *ast.BetweenExpr, *ast.LikeExpr, *ast.IsNullExpr, *ast.QuantifiedExpr, *ast.DistinctExpr:
		return c.predAsValue(e)
	}
	return nil, ErrNotSupported.New("The expression " + e.SQL())
}

// jsonModifyOfJSON reports JSON_MODIFY(doc, path, v) whose v is written as
// JSON_QUERY(…) or a FOR JSON subquery.
func jsonModifyOfJSON(f *ast.FuncCall) bool {
	if len(f.Name.Parts) != 1 || !strings.EqualFold(f.Name.Last(), "JSON_MODIFY") || len(f.Args) != 3 {
		return false
	}
	switch x := unparen(f.Args[2]).(type) {
	case *ast.FuncCall:
		return len(x.Name.Parts) == 1 && strings.EqualFold(x.Name.Last(), "JSON_QUERY")
	case *ast.SubqueryExpr:
		return x.Query.For != nil && x.Query.For.Kind == "JSON"
	}
	return false
}

// checksumStar compiles CHECKSUM(*) and BINARY_CHECKSUM(*): the function
// over every column of the FROM clause, in order. The columns are compiled
// as references so that scans read them.
func (c *compiler) checksumStar(f *ast.FuncCall) (*expr, error) {
	call := *f
	call.Star = false
	call.Args = nil
	if c.sc != nil {
		for _, col := range c.sc.cols {
			if col.hidden {
				continue
			}
			n := &ast.Name{Parts: []*ast.Ident{{Name: col.name}}}
			if col.qual != "" {
				n.Parts = []*ast.Ident{{Name: col.qual}, {Name: col.name}}
			}
			call.Args = append(call.Args, &ast.ColumnRef{Name: n})
		}
	}
	if len(call.Args) == 0 {
		return nil, &Error{Number: 102, Severity: 15, State: 1, Message: "Incorrect syntax near '*'."}
	}
	return c.call(&call)
}

func isPredOp(op ast.BinaryOp) bool {
	switch op {
	case ast.OpEq, ast.OpNe, ast.OpLt, ast.OpLe, ast.OpGt, ast.OpGe, ast.OpNotLt, ast.OpNotGt, ast.OpAnd, ast.OpOr:
		return true
	}
	return false
}

// predAsValue is a predicate used where T-SQL has no boolean values: it is a
// syntax error in SQL Server, reported here as such.
func (c *compiler) predAsValue(e ast.Expr) (*expr, error) {
	return nil, &Error{Number: 4145, Severity: 15, State: 1, Message: "An expression of non-boolean type specified in a context where a condition is expected, near '" + e.SQL() + "'.", Abort: AbortBatch}
}

func literalValue(l *ast.Literal) (types.Value, error) {
	switch l.Kind {
	case ast.LitInt, ast.LitDecimal, ast.LitFloat:
		return types.ParseNumericLiteral(l.Value)
	case ast.LitMoney:
		v, err := types.ParseNumericLiteral(strings.TrimPrefix(l.Value, "$"))
		if err != nil {
			return v, err
		}
		return types.Convert(v, types.TypeMoney, 0)
	case ast.LitString:
		if l.National {
			return types.NewNVarChar(l.Value), nil
		}
		return types.NewVarChar(l.Value), nil
	case ast.LitBinary:
		return types.NewVarBinary(decodeHexLiteral(l.Value)), nil
	}
	return types.Value{}, ErrNotSupported.New("The literal " + l.Text)
}

func decodeHexLiteral(s string) []byte {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if len(s)%2 == 1 {
		s = "0" + s
	}
	out := make([]byte, len(s)/2)
	for i := range out {
		out[i] = hexNibble(s[2*i])<<4 | hexNibble(s[2*i+1])
	}
	return out
}

func hexNibble(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return 0
}

func (c *compiler) column(n *ast.Name) (*expr, error) {
	if c.sc == nil {
		return nil, ErrInvalidColumn.New(n.Last())
	}
	col, depth, err := c.sc.lookup(n)
	if err != nil {
		return nil, c.atName(err, n) // module_source.go
	}
	idx := col.idx
	if c.s.subqWatch != nil {
		c.s.noteColumnRef(c.sc, depth) // subquery_once.go
	}
	if depth == 0 {
		return &expr{typ: col.typ, col: idx, deriv: col.deriv(), noColl: col.noColl, eval: func(_ *evalCtx, row Row) (types.Value, error) { return row[idx], nil }}, nil
	}
	return &expr{typ: col.typ, col: -1, deriv: col.deriv(), noColl: col.noColl, eval: func(ec *evalCtx, _ Row) (types.Value, error) {
		r := ec.outer[len(ec.outer)-depth]
		return r[idx], nil
	}}, nil
}

func (c *compiler) variable(v *ast.Variable) (*expr, error) {
	vr := c.s.lookupVar(v.Name)
	if vr == nil {
		return nil, ErrMustDeclare.New(v.Name)
	}
	if vr.table != nil {
		return nil, ErrMustDeclare.New(v.Name)
	}
	if vr.perCall && c.s.subqWatch != nil {
		c.s.noteVarPerCall() // subquery_once.go
	}
	if rec := c.s.recVars; rec != nil { // compiling a bound plan (boundplan.go): read through its slot
		sl := &varSlot{key: strings.ToLower(v.Name), typ: vr.typ, v: vr}
		*rec = append(*rec, sl)
		return &expr{typ: vr.typ, col: -1, eval: func(*evalCtx, Row) (types.Value, error) { return sl.v.val, nil }}, nil
	}
	return &expr{typ: vr.typ, col: -1, eval: func(*evalCtx, Row) (types.Value, error) { return vr.val, nil }}, nil
}

func (c *compiler) unary(e *ast.UnaryExpr) (*expr, error) {
	if e.Op == ast.OpNot {
		return c.predAsValue(e)
	}
	x, err := c.expr(e.X)
	if err != nil {
		return nil, err
	}
	switch e.Op {
	case ast.OpPlus:
		return x, nil
	case ast.OpNeg:
		if x.konst != nil {
			v, err := types.Negate(*x.konst)
			if err != nil {
				return nil, err
			}
			return constExpr(v, valueType(v)), nil
		}
		return &expr{typ: x.typ, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
			v, err := x.eval(ec, row)
			if err != nil {
				return v, err
			}
			return types.Negate(v)
		}}, nil
	case ast.OpBitNot:
		return &expr{typ: x.typ, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
			v, err := x.eval(ec, row)
			if err != nil {
				return v, err
			}
			return types.BitNot(v)
		}}, nil
	}
	return nil, ErrNotSupported.New("The operator " + e.Op.String())
}

var arithOps = map[ast.BinaryOp]types.ArithOp{
	ast.OpAdd: types.OpAdd, ast.OpSub: types.OpSub, ast.OpMul: types.OpMul, ast.OpDiv: types.OpDiv,
	ast.OpMod: types.OpMod, ast.OpBitAnd: types.OpBitAnd, ast.OpBitOr: types.OpBitOr, ast.OpBitXor: types.OpBitXor,
}

func (c *compiler) arith(e *ast.BinaryExpr) (*expr, error) {
	if e.Op == ast.OpShiftLeft || e.Op == ast.OpShiftRight {
		// x << n is LEFT_SHIFT(x, n) and x >> n RIGHT_SHIFT(x, n) (SQL
		// Server 2022), so they share the functions' types and errors.
		fn := "LEFT_SHIFT"
		if e.Op == ast.OpShiftRight {
			fn = "RIGHT_SHIFT"
		}
		return c.call(&ast.FuncCall{Span: e.Span, Name: &ast.Name{Span: e.Span, Parts: []*ast.Ident{{Span: e.Span, Name: fn}}}, Args: []ast.Expr{e.X, e.Y}})
	}
	op, ok := arithOps[e.Op]
	if !ok {
		return nil, ErrNotSupported.New("The operator " + e.Op.String())
	}
	x, err := c.expr(e.X)
	if err != nil {
		return nil, err
	}
	y, err := c.expr(e.Y)
	if err != nil {
		return nil, err
	}
	t, err := types.ResultType(op, x.typ, y.typ)
	if err != nil {
		return nil, err
	}
	var lab collLabel
	if t.ID.IsString() { // col + 'x' keeps the column's collation, implicit
		if lab, err = precedenceCollation("add", t, x, y); err != nil {
			return nil, err
		}
		t.Collation = lab.coll
	}
	concatNull := c.s.Opts.ConcatNullYieldsNull
	lenient := c.s.arithLenient() // arithabort.go
	eval := func(ec *evalCtx, row Row) (types.Value, error) {
		a, err := x.eval(ec, row)
		if err != nil {
			return a, err
		}
		b, err := y.eval(ec, row)
		if err != nil {
			return b, err
		}
		if !concatNull && op == types.OpAdd && t.ID.IsString() {
			if a.IsNull() {
				a = types.NewString(t.ID, "")
			}
			if b.IsNull() {
				b = types.NewString(t.ID, "")
			}
		}
		v, err := types.Arith(op, a, b)
		if err != nil {
			return softenArith(ec, lenient, t, err)
		}
		return v, nil
	}
	if x.konst != nil && y.konst != nil {
		if v, err := eval(nil, nil); err == nil {
			k := constExpr(v, t)
			k.deriv = lab.deriv // N'a' COLLATE X + N'b' stays explicit
			return k, nil
		}
	}
	return &expr{typ: t, col: -1, eval: eval, deriv: lab.deriv, noColl: lab.none}, nil
}

func (c *compiler) caseExpr(e *ast.CaseExpr) (*expr, error) {
	if allNullConstants(caseResults(e)...) {
		return nil, errCaseAllNull // builtin_checks.go
	}
	var operand *expr
	var err error
	if e.Operand != nil {
		if operand, err = c.expr(e.Operand); err != nil {
			return nil, err
		}
	}
	conds := make([]pred, len(e.Whens))
	results := make([]*expr, len(e.Whens))
	var resultTypes []types.Type
	for i, w := range e.Whens {
		if operand != nil {
			v, err := c.expr(w.Cond)
			if err != nil {
				return nil, err
			}
			conds[i] = comparePred(operand, v, types.OpEQ)
		} else if conds[i], err = c.pred(w.Cond); err != nil {
			return nil, err
		}
		if results[i], err = c.expr(w.Result); err != nil {
			return nil, err
		}
		resultTypes = append(resultTypes, results[i].typ)
	}
	var elseX *expr
	if e.Else != nil {
		if elseX, err = c.expr(e.Else); err != nil {
			return nil, err
		}
		resultTypes = append(resultTypes, elseX.typ)
	}
	t := dominantType(resultTypes)
	var lab collLabel
	if t.ID.IsString() {
		if lab, err = precedenceCollation("CASE", t, append(results, elseX)...); err != nil {
			return nil, err
		}
		t.Collation = lab.coll
	}
	return &expr{typ: t, col: -1, deriv: lab.deriv, noColl: lab.none, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		for i, cond := range conds {
			b, err := cond(ec, row)
			if err != nil {
				return types.Value{}, err
			}
			if b.IsTrue() {
				v, err := results[i].eval(ec, row)
				if err != nil {
					return v, err
				}
				return convertTo(v, t)
			}
		}
		if elseX == nil {
			return types.Null(t.ID), nil
		}
		v, err := elseX.eval(ec, row)
		if err != nil {
			return v, err
		}
		return convertTo(v, t)
	}}, nil
}

// dominantType is the result type of CASE, COALESCE, UNION and the like: the
// type of highest precedence, widened to hold every input.
func dominantType(ts []types.Type) types.Type {
	var best types.Type
	first := true
	for _, t := range ts {
		if t.ID == types.Unknown {
			continue
		}
		if first {
			best, first = t, false
			continue
		}
		// decimal with decimal or an integer: SQL Server's p = max(s1,s2) +
		// max(p1-s1, p2-s2); taking the larger p and s apart overflowed
		// (9.5 UNION ALL 20, bun's VALUES of prices: 8115).
		if t.ID == types.Decimal || t.ID == types.Numeric || best.ID == types.Decimal || best.ID == types.Numeric {
			if c, err := types.CommonType(best, t); err == nil && (c.ID == types.Decimal || c.ID == types.Numeric) {
				best = c
				continue
			}
		}
		if t.ID.Precedence() > best.ID.Precedence() {
			l := best.Length
			best = t
			if t.ID.IsString() && l > best.Length && best.Length != types.MaxLength {
				best.Length = l
			}
			continue
		}
		if t.ID == best.ID || (t.ID.IsString() && best.ID.IsString()) || (t.ID.IsBinary() && best.ID.IsBinary()) {
			if t.Length == types.MaxLength || (best.Length != types.MaxLength && t.Length > best.Length) {
				best.Length = t.Length
			}
			if t.Scale > best.Scale {
				best.Scale = t.Scale
			}
			if t.Precision > best.Precision {
				best.Precision = t.Precision
			}
		}
	}
	if first {
		return types.TypeInt
	}
	return best
}

// convertTo converts v to t implicitly, leaving values of the right type alone.
func convertTo(v types.Value, t types.Type) (types.Value, error) {
	if v.IsNull() {
		return types.Null(t.ID), nil
	}
	if v.TypeID() == t.ID && !t.ID.IsString() && t.ID != types.Decimal && t.ID != types.Numeric {
		return v, nil
	}
	if v.TypeID() == t.ID && t.ID.IsString() {
		return v, nil
	}
	return types.ImplicitConvert(v, t)
}

func (c *compiler) cast(x ast.Expr, dt *ast.DataType, style ast.Expr, try bool) (*expr, error) {
	t, err := castType(dt)
	if err != nil {
		if t, err = c.s.aliasCastType(dt, err); err != nil { // usertype.go
			return nil, err
		}
	}
	in, err := c.expr(x)
	if err != nil {
		return nil, err
	}
	if err := checkCastAllowed(in.typ.ID, t.ID); err != nil {
		return nil, err // builtin_checks.go
	}
	deriv := derivCoercible
	if t.ID.IsString() && in.typ.ID.IsString() {
		// CAST keeps the operand's collation and how it got it: a column's
		// stays implicit (SQL Server's "Collation precedence").
		t.Collation, deriv = in.typ.Collation, in.derivation()
	} else {
		t = c.s.coercible(t) // of a number, a date: the database's (dbcollation.go)
	}
	var styleX *expr
	if style != nil {
		if styleX, err = c.expr(style); err != nil {
			return nil, err
		}
	}
	opts := types.ConvertOptions{DateFormat: c.s.Opts.DateFormat}
	lenient := c.s.arithLenient() // arithabort.go
	eval := func(ec *evalCtx, row Row) (types.Value, error) {
		v, err := in.eval(ec, row)
		if err != nil {
			return v, err
		}
		st := 0
		if styleX != nil {
			sv, err := styleX.eval(ec, row)
			if err != nil {
				return sv, err
			}
			st = int(sv.Int64())
		}
		out, err := types.ConvertWith(v, t, st, opts)
		if err != nil && try {
			return types.Null(t.ID), nil
		}
		if err != nil {
			return softenArith(ec, lenient, t, err)
		}
		return out, nil
	}
	if in.konst != nil && (styleX == nil || styleX.konst != nil) {
		if v, err := eval(nil, nil); err == nil {
			x := constExpr(v, t)
			x.deriv = deriv
			return x, nil
		}
	}
	return &expr{typ: t, col: -1, eval: eval, deriv: deriv}, nil
}

// castType turns a parsed data type into a types.Type with CAST's defaults.
func castType(dt *ast.DataType) (types.Type, error) {
	var buf [2]int
	return types.ParseCastTypeName(dt.Name, typeArgs(dt, &buf), dt.Max)
}

// declType is a data type as written in DDL or DECLARE.
func declType(dt *ast.DataType) (types.Type, error) {
	var buf [2]int
	return types.ParseTypeName(dt.Name, typeArgs(dt, &buf), dt.Max)
}

// typeArgs returns dt's length, precision or scale arguments in buf: on the
// caller's stack, since the parsers keep none of them, where a slice of its
// own was an allocation per parameter declared at every sp_executesql call.
func typeArgs(dt *ast.DataType, buf *[2]int) []int {
	if dt.Params == 0 || dt.Max {
		return nil
	}
	switch strings.ToLower(dt.Name) {
	case "decimal", "numeric", "dec":
		if dt.Params == 2 {
			buf[0], buf[1] = dt.Precision, dt.Scale
			return buf[:2]
		}
		buf[0] = dt.Precision
	case "float":
		buf[0] = dt.Precision
	case "time", "datetime2", "datetimeoffset":
		buf[0] = dt.Scale
	default:
		buf[0] = dt.Length
	}
	return buf[:1]
}
