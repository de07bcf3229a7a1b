package exec

import (
	"io"
	"math"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

var aggregateNames = map[string]bool{
	"COUNT": true, "COUNT_BIG": true, "SUM": true, "AVG": true, "MIN": true, "MAX": true,
	"STRING_AGG": true, "STDEV": true, "VAR": true, "CHECKSUM_AGG": true,
	"APPROX_COUNT_DISTINCT": true, "STDEVP": true, "VARP": true,
	"APPROX_PERCENTILE_CONT": true, "APPROX_PERCENTILE_DISC": true,
}

func isAggregate(f *ast.FuncCall) bool {
	return f.Over == nil && len(f.Name.Parts) == 1 && aggregateNames[strings.ToUpper(f.Name.Last())]
}

// collectAggregates finds the aggregate calls of this query level (not inside
// subqueries), keyed by their canonical SQL text.
func collectAggregates(exprs []ast.Expr, into map[string]*ast.FuncCall, order *[]string) {
	for _, e := range exprs {
		if e == nil {
			continue
		}
		ast.Inspect(e, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SubqueryExpr, *ast.ExistsExpr, *ast.Query:
				return false
			case *ast.InExpr:
				if n.Query != nil {
					collectAggregates([]ast.Expr{n.X}, into, order)
					return false
				}
			case *ast.FuncCall:
				if isAggregate(n) {
					k := n.SQL()
					if into[k] == nil {
						into[k] = n
						*order = append(*order, k)
					}
					return false
				}
			}
			return true
		})
	}
}

// aggScope resolves expressions after grouping: group-by expressions and
// aggregate calls become columns of the aggregated row.
type aggScope struct {
	keys  map[string]int // canonical SQL of a group key or aggregate → column
	byCol map[int]int    // input column of a plain-column group key → column
	inner *scope
	cols  []types.Type
	// grouping serves GROUPING()/GROUPING_ID() (rollup.go); nil without GROUP BY.
	grouping *groupingInfo
	// keyNotNull[i] is set when group key i is never NULL (see notNull): its
	// expression is, and no ROLLUP/CUBE/GROUPING SETS subtotal row nulls it.
	keyNotNull []bool
	// clause is the clause being compiled and grouped whether there is a
	// GROUP BY: together they pick the error for a column that is neither
	// grouped nor aggregated (8118 … 8127). written maps each table
	// source's exposed name (lower case) to the name as the FROM clause
	// writes it, which those errors print ('dbo.t.a', 'z.a').
	clause  aggClause
	grouped bool
	written map[string]string
}

// aggClause is the part of a grouped query an expression belongs to.
type aggClause int

const (
	clauseSelect aggClause = iota
	clauseHaving
	clauseOrderBy
)

// notGroupedError is SQL Server's error for column c, neither grouped nor
// aggregated, in the clause being compiled.
func (a *aggScope) notGroupedError(c scopeCol) error {
	name := c.name
	if c.qual != "" {
		q := a.written[c.qual]
		if q == "" {
			q = c.qual
		}
		name = q + "." + name
	}
	kinds := [2][3]errorKind{
		{ErrNotInAggregate, ErrHavingNotInAgg, ErrOrderNotInAggregate},
		{ErrNotInGroupBy, ErrHavingNotInGroupBy, ErrOrderNotInGroupBy},
	}
	g := 0
	if a.grouped {
		g = 1
	}
	return kinds[g][a.clause].New(name)
}

// setClause records the clause compiled next in sc's grouped query, if any.
func (sc *scope) setClause(c aggClause) {
	if sc.agg != nil {
		sc.agg.clause = c
	}
}

func (a *aggScope) resolve(c *compiler, e ast.Expr) (*expr, bool, error) {
	if p, ok := e.(*ast.ParenExpr); ok {
		return a.resolve(c, p.X)
	}
	switch e.(type) {
	case *ast.Literal, *ast.NullLit, *ast.Variable, *ast.GlobalVar:
		return nil, false, nil
	}
	if i, ok := a.keys[e.SQL()]; ok {
		t := a.cols[i]
		return &expr{typ: t, col: i, eval: func(_ *evalCtx, row Row) (types.Value, error) { return row[i], nil }}, true, nil
	}
	if cr, ok := e.(*ast.ColumnRef); ok {
		if col, depth, err := a.inner.lookup(cr.Name); err == nil && depth == 0 {
			// The same column written differently (t.a vs a) matches by position.
			if i, ok := a.byCol[col.idx]; ok {
				t := a.cols[i]
				return &expr{typ: t, col: i, eval: func(_ *evalCtx, row Row) (types.Value, error) { return row[i], nil }}, true, nil
			}
			return nil, true, a.notGroupedError(col)
		}
	}
	return nil, false, nil
}

// aggState accumulates one aggregate over a group.
type aggState struct {
	fn       string
	count    int64
	acc      types.Value
	has      bool
	distinct map[string]bool
	strs     []string
	sep      string
	// sortKeys are STRING_AGG's WITHIN GROUP keys, one per string.
	sortKeys []Row
	// mean and m2 are STDEV/VAR's running mean and sum of squared
	// deviations (Welford's method: stable for large values).
	mean, m2 float64
	// vals are APPROX_PERCENTILE_CONT/DISC's values (agg_percentile.go).
	vals []types.Value
}

// aggregate is a compiled aggregate call.
type aggregate struct {
	fn       string
	arg      *expr // nil for COUNT(*)
	sep      *expr
	distinct bool
	typ      types.Type
	argType  types.Type
	// within is STRING_AGG's WITHIN GROUP (ORDER BY …).
	within *withinGroup
	// sumInt: SUM or AVG, without DISTINCT, of an integer argument into
	// an int or bigint accumulator (add's int64 fast path).
	sumInt bool
	// percentile and desc are APPROX_PERCENTILE_CONT/DISC's argument and
	// WITHIN GROUP direction (agg_percentile.go).
	percentile float64
	desc       bool
}

func (c *compiler) compileAggregate(f *ast.FuncCall) (*aggregate, error) {
	name := strings.ToUpper(f.Name.Last())
	a := &aggregate{fn: name, distinct: f.Distinct}
	if name == "APPROX_COUNT_DISTINCT" {
		// The exact distinct count is within the documented error bound
		// (2 % with 97 % probability): COUNT_BIG(DISTINCT x).
		if f.Distinct || len(f.Args) != 1 {
			return nil, ErrWrongArgCount.New("approx_count_distinct", 1)
		}
		name = "COUNT_BIG"
		a.fn, a.distinct = name, true
	}
	if name == "APPROX_PERCENTILE_CONT" || name == "APPROX_PERCENTILE_DISC" {
		return a, c.compileApproxPercentile(f, a) // agg_percentile.go
	}
	if f.Star {
		if name != "COUNT" && name != "COUNT_BIG" {
			return nil, &Error{Number: 102, Severity: 15, State: 1, Message: "Incorrect syntax near '*'."}
		}
	} else {
		if len(f.Args) == 0 {
			return nil, ErrWrongArgCount.New(strings.ToLower(name), 1)
		}
		inner := &compiler{s: c.s, sc: c.sc}
		x, err := inner.expr(f.Args[0])
		if err != nil {
			return nil, err
		}
		a.arg, a.argType = x, x.typ
		if name == "STRING_AGG" {
			if len(f.Args) != 2 {
				return nil, ErrWrongArgCount.New("string_agg", 2)
			}
			if a.sep, err = inner.expr(f.Args[1]); err != nil {
				return nil, err
			}
			if a.within, err = inner.compileWithinGroup(f.WithinGroup); err != nil {
				return nil, err
			}
		}
	}
	switch name {
	case "COUNT":
		a.typ = types.TypeInt
	case "COUNT_BIG":
		a.typ = types.TypeBigInt
	case "MIN", "MAX":
		// The MAX page: "MAX can be used with numeric, char, varchar,
		// uniqueidentifier, or datetime columns, but not with bit columns";
		// bit, the LOB types and xml are 8117.
		switch a.argType.ID {
		case types.Bit, types.Text, types.NText, types.Image, types.XML:
			return nil, &Error{Number: 8117, Severity: 16, State: 1, Message: "Operand data type " + a.argType.ID.Name() + " is invalid for " + strings.ToLower(name) + " operator."}
		}
		a.typ = a.argType
	case "SUM", "AVG":
		t := a.argType
		switch t.ID {
		case types.TinyInt, types.SmallInt, types.Int:
			a.typ = types.TypeInt
		case types.BigInt:
			a.typ = types.TypeBigInt
		case types.Decimal, types.Numeric:
			s := t.Scale
			if name == "AVG" && s < 6 {
				s = 6
			}
			a.typ = types.DecimalType(38, s)
		case types.Money, types.SmallMoney:
			a.typ = types.TypeMoney
		case types.Real, types.Float:
			a.typ = types.TypeFloat
		default:
			return nil, &Error{Number: 8117, Severity: 16, State: 1, Message: "Operand data type " + t.ID.Name() + " is invalid for " + strings.ToLower(name) + " operator."}
		}
	case "STRING_AGG":
		// The STRING_AGG page's return types: (max) input stays (max), other
		// strings are nvarchar(4000) / varchar(8000), anything else is
		// converted to nvarchar(4000); a result longer than 8000 bytes is 9829.
		switch {
		case a.argType.ID.IsString() && !a.argType.ID.IsUnicode():
			a.typ = types.VarCharType(8000)
		default:
			a.typ = types.NVarCharType(4000)
		}
		if a.argType.ID.IsString() && a.argType.IsMax() {
			a.typ.Length = types.MaxLength
		}
	case "CHECKSUM_AGG":
		if !isInteger(a.argType) {
			return nil, &Error{Number: 8117, Severity: 16, State: 1, Message: "Operand data type " + a.argType.ID.Name() + " is invalid for checksum_agg operator."}
		}
		a.typ = types.TypeInt
	case "STDEV", "STDEVP", "VAR", "VARP":
		if !a.argType.ID.IsNumeric() {
			return nil, &Error{Number: 8117, Severity: 16, State: 1, Message: "Operand data type " + a.argType.ID.Name() + " is invalid for " + strings.ToLower(name) + " operator."}
		}
		a.typ = types.TypeFloat
	default:
		a.typ = types.TypeFloat
	}
	a.sumInt = (name == "SUM" || name == "AVG") && !a.distinct && isInteger(a.argType) &&
		(a.typ.ID == types.Int || a.typ.ID == types.BigInt)
	return a, nil
}

func (a *aggregate) add(ec *evalCtx, st *aggState, row Row) error {
	if a.arg == nil {
		st.count++
		return nil
	}
	var v types.Value
	if a.arg.col >= 0 {
		v = row[a.arg.col] // a plain column: no call
	} else {
		var err error
		if v, err = a.arg.eval(ec, row); err != nil {
			return err
		}
	}
	if v.IsNull() {
		ec.s.nullEliminated = true // warning 8153
		return nil
	}
	if a.distinct {
		if st.distinct == nil {
			st.distinct = map[string]bool{}
		}
		k := rowKey([]types.Value{v}, []types.Type{a.argType})
		if st.distinct[k] {
			return nil
		}
		st.distinct[k] = true
	}
	st.count++
	if a.sumInt && st.has && st.acc.TypeID() == a.typ.ID && v.TypeID() == a.argType.ID {
		// SUM/AVG of integers into an int or bigint: add in int64 and keep
		// the result when it fits; on overflow the general path below
		// raises the same error as before.
		x, y := st.acc.Int64(), v.Int64()
		if s := x + y; (s > x) == (y > 0) {
			if a.typ.ID == types.BigInt {
				st.acc = types.NewBigInt(s)
				return nil
			}
			if s >= math.MinInt32 && s <= math.MaxInt32 {
				st.acc = types.NewInt(int32(s))
				return nil
			}
		}
	}
	switch a.fn {
	case "COUNT", "COUNT_BIG":
	case "MIN", "MAX":
		if !st.has {
			st.acc, st.has = v, true
			return nil
		}
		var c int
		var err error
		if a.argType.ID == types.SQLVariant { // by base-type family first
			c, err = types.CompareVariant(v, st.acc, a.argType.Collation, types.ConvertOptions{})
		} else {
			c, err = types.Compare(v, st.acc, a.argType.Collation)
		}
		if err != nil {
			return err
		}
		if (a.fn == "MIN" && c < 0) || (a.fn == "MAX" && c > 0) {
			st.acc = v
		}
	case "SUM", "AVG":
		cv, err := types.ImplicitConvert(v, a.typ)
		if err != nil {
			return err
		}
		if !st.has {
			st.acc, st.has = cv, true
			return nil
		}
		if st.acc, err = types.Add(st.acc, cv); err != nil {
			return err
		}
		if a.typ.ID == types.Decimal {
			st.acc, err = types.Convert(st.acc, a.typ, 0)
		}
		return err
	case "STRING_AGG":
		s, err := asText(v)
		if err != nil {
			return err
		}
		if st.strs == nil {
			sv, err := a.sep.eval(ec, row)
			if err != nil {
				return err
			}
			st.sep, _ = asText(sv)
		}
		st.strs = append(st.strs, s)
		return a.within.add(ec, st, row)
	case "CHECKSUM_AGG":
		// SQL Server's CHECKSUM_AGG folds the group's values with XOR, so
		// it is independent of row order and changes when any value does.
		x := v.Int64()
		if st.has {
			x ^= st.acc.Int64()
		}
		st.acc, st.has = types.NewInt(int32(x)), true
	case "APPROX_PERCENTILE_CONT", "APPROX_PERCENTILE_DISC":
		st.vals = append(st.vals, v)
	case "STDEV", "STDEVP", "VAR", "VARP":
		f, err := types.Convert(v, types.TypeFloat, 0)
		if err != nil {
			return err
		}
		x := f.Float64()
		d := x - st.mean
		st.mean += d / float64(st.count)
		st.m2 += d * (x - st.mean)
		st.has = true
	}
	return nil
}

func (a *aggregate) result(st *aggState) (types.Value, error) {
	switch a.fn {
	case "COUNT":
		return types.NewInt(int32(st.count)), nil
	case "COUNT_BIG":
		return types.NewBigInt(st.count), nil
	case "AVG":
		if !st.has {
			return types.Null(a.typ.ID), nil
		}
		n, err := types.ImplicitConvert(types.NewBigInt(st.count), a.typ)
		if err != nil {
			return types.Value{}, err
		}
		q, err := types.Div(st.acc, n)
		if err != nil {
			return q, err
		}
		return types.Convert(q, a.typ, 0)
	case "STDEV", "STDEVP", "VAR", "VARP":
		// The sample forms need two values, the population forms one.
		n := float64(st.count)
		if a.fn == "STDEV" || a.fn == "VAR" {
			n--
		}
		if !st.has || n < 1 {
			return types.Null(types.Float), nil
		}
		v := st.m2 / n
		if a.fn == "STDEV" || a.fn == "STDEVP" {
			v = math.Sqrt(v)
		}
		return types.NewFloat(v), nil
	case "APPROX_PERCENTILE_CONT", "APPROX_PERCENTILE_DISC":
		return a.approxPercentile(st)
	case "STRING_AGG":
		if st.strs == nil {
			return types.Null(a.typ.ID), nil
		}
		if err := a.within.sort(st); err != nil {
			return types.Value{}, err
		}
		out := strings.Join(st.strs, st.sep)
		if !a.typ.IsMax() && types.TextLength(out, a.typ.ID.IsUnicode())*bytesPerUnit(a.typ.ID) > 8000 {
			return types.Value{}, &Error{Number: 9829, Severity: 16, State: 1, Message: "STRING_AGG aggregation result exceeded the limit of 8000 bytes. Use LOB types to avoid result truncation."}
		}
		return types.NewString(a.typ.ID, out), nil
	}
	if !st.has {
		return types.Null(a.typ.ID), nil
	}
	return st.acc, nil
}

// groupIter groups its input by keys and computes aggregates; each output row is
// the key values followed by the aggregate results. Without GROUP BY one row is
// produced even for empty input.
func groupIter(ec *evalCtx, in rowIter, keys []*expr, aggs []*aggregate, keyTypes []types.Type) (rowIter, error) {
	defer in.Close()
	if g := rawGroupFor(in, keys, aggs); g != nil && rawAggregates {
		return g.run(ec, in.(*scanIter)) // on the stored rows: rawagg.go
	}
	type group struct {
		keys   Row
		states []aggState
	}
	// The hash key is the memcomparable encoding of the key values (equal
	// under SQL comparison gives equal bytes), built in a reused buffer; the
	// map lookup by string(buf) does not allocate, so a row of an existing
	// group costs no allocation for grouping.
	groups := map[string]*group{}
	var order []*group
	kv := make(Row, len(keys))
	var kb []byte
	// One integer key (GROUP BY grp): groups by the int64 itself, which is
	// what its memcomparable key encodes, without building the key bytes
	// or hashing a string. NULLs form one group of their own.
	var ints map[int64]*group
	var nullGroup *group // also the only group without GROUP BY
	if len(keys) == 1 && isInteger(keyTypes[0]) {
		ints = map[int64]*group{}
	}
	for {
		row, err := in.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		for i, k := range keys {
			if k.col >= 0 {
				kv[i] = row[k.col] // a plain column: no call
				continue
			}
			if kv[i], err = k.eval(ec, row); err != nil {
				return nil, err
			}
		}
		var g *group
		if len(keys) == 0 {
			// No GROUP BY (SELECT COUNT(*), SUM(v) FROM …): one group.
			if g = nullGroup; g == nil {
				g = &group{states: make([]aggState, len(aggs))}
				nullGroup = g
				order = append(order, g)
			}
		} else if ints != nil {
			v := kv[0]
			if !v.IsNull() && !isInteger(types.Type{ID: v.TypeID()}) {
				if v, err = convertTo(v, keyTypes[0]); err != nil {
					return nil, err
				}
			}
			if v.IsNull() {
				if g = nullGroup; g == nil {
					g = &group{keys: append(Row(nil), kv...), states: make([]aggState, len(aggs))}
					nullGroup = g
					order = append(order, g)
				}
			} else if g = ints[v.Int64()]; g == nil {
				g = &group{keys: append(Row(nil), kv...), states: make([]aggState, len(aggs))}
				ints[v.Int64()] = g
				order = append(order, g)
			}
		} else {
			kb = types.EncodeGroupKey(kb[:0], kv, keyTypes)
			if g = groups[string(kb)]; g == nil {
				g = &group{keys: append(Row(nil), kv...), states: make([]aggState, len(aggs))}
				groups[string(kb)] = g
				order = append(order, g)
			}
		}
		for i, a := range aggs {
			if err := a.add(ec, &g.states[i], row); err != nil {
				return nil, err
			}
		}
	}
	if len(keys) == 0 && len(order) == 0 {
		order = append(order, &group{states: make([]aggState, len(aggs))})
	}
	rows := make([]Row, 0, len(order))
	for _, g := range order {
		out := make(Row, 0, len(keys)+len(aggs))
		out = append(out, g.keys...)
		for i, a := range aggs {
			v, err := a.result(&g.states[i])
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		rows = append(rows, out)
	}
	return &sliceIter{rows: rows}, nil
}

// starError is the error for SELECT * (or t.*) in a grouped query: SQL
// Server names the first column the star expands to that is not grouped.
func (a *aggScope) starError(src *scope, qual *ast.Name) error {
	cols, err := src.starCols(qual)
	if err != nil {
		return err
	}
	for _, c := range cols {
		if _, ok := a.byCol[c.idx]; !ok {
			return a.notGroupedError(c)
		}
	}
	return a.notGroupedError(scopeCol{name: "*"})
}

// bytesPerUnit is the bytes one character of a (non-max) string type takes:
// two for the UTF-16 code units of nchar/nvarchar, one for char/varchar.
func bytesPerUnit(id types.TypeID) int {
	if id.IsUnicode() {
		return 2
	}
	return 1
}
