package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The compiled VALUES of a kept INSERT plan (issues #4 and #5, CPU per
// single-row INSERT).
//
// A dmlPlan (dmlplan.go) keeps an INSERT's target, column map and row
// builder; its VALUES were compiled on every execution (a compiler, a
// scope and a closure per value: 6 of the statement's ~44 allocations and
// the code to build them). insertCompiled keeps them too, compiled as the
// kept UPDATE/DELETE parts are (dmlcompiled.go): every variable a value
// reads is read through a slot of the plan (compiler.variable), which a hit
// points at this execution's variable, so values are read when the
// statement runs, as without it.
//
// Which statements. Those a dmlPlan is kept for (INSERT … VALUES into one
// table named by one or two parts, without WITH or TOP) whose every value
// is DEFAULT or consists only of what boundExpr allows — literals,
// variables, operators, CASE, CAST/CONVERT and the like; no function call
// (GETDATE(), NEWID() and NEXT VALUE FOR must be evaluated per execution; a
// UDF runs statements), no subquery, no column reference.
//
// Exactness. The compiled values are used only under their plan, so the
// plan's checks hold first (the session's database, the table's committed
// catalog pointer, no private catalog in the transaction, every SET option,
// no CTE of the name). On top of those, on every hit every variable a value
// reads exists in the batch's scope, is a scalar and has the type (length,
// precision, scale, collation) it was compiled for; otherwise the values
// are compiled afresh and that compile is kept instead. A compile that
// failed (a type error, a row of the wrong length) is never kept, so a kept
// part is evaluated only where the compile would have succeeded, in the
// same order (row by row, value by value), and its evaluation errors are
// the ones the uncompiled path gives. VALUES need no permission re-check:
// compiling them resolves no object (the INSERT's own permission is checked
// at statement dispatch, which a plan never skips).
//
// Everything else runs on every execution as without it: identity, DEFAULTs,
// computed columns, CHECK and FOREIGN KEY validation (the plan's
// rowBuilder), the key and row encoding, locks, duplicate checks, OUTPUT
// and triggers.
type insertCompiled struct {
	// rows holds each VALUES row's compiled values; nil stands for DEFAULT.
	rows [][]*expr
	// conv is valuesTypes(rows): the type each column's values take first.
	conv []types.Type
	vars []*varSlot
	busy bool
}

// keptInsertValues reports whether an INSERT's VALUES allow a kept compiled
// part (the list above).
func keptInsertValues(st *ast.InsertStmt) bool {
	for _, r := range st.Values {
		for _, e := range r {
			if _, ok := e.(*ast.DefaultExpr); !ok && !boundExpr(e) {
				return false
			}
		}
	}
	return true
}

// useInsertCompiled returns p's compiled VALUES marked busy when they may
// be used now (see above), nil when they must be compiled.
func (s *Session) useInsertCompiled(p *dmlPlan) *insertCompiled {
	c := p.values
	if c == nil || c.busy || s.dml.noCompiled || !s.pointSlots(c.vars) {
		return nil
	}
	c.busy = true
	s.dml.compiledHits++
	return c
}

// insertValues evaluates an INSERT's VALUES into source rows and the
// positions given as DEFAULT ((row, value) pairs), checking each row's
// length against the column list (cols). p is the statement's plan (nil on
// a miss; name is the target's name when the statement may be planned);
// its compiled values are used when they may be, else the values are
// compiled here, and kept when recordValues allows — in p, or returned for
// the plan the caller makes.
func (s *Session) insertValues(ec *evalCtx, st *ast.InsertStmt, cols []int, p *dmlPlan, name *ast.Name) (src []Row, defaults map[[2]int]bool, kept *insertCompiled, err error) {
	if p != nil {
		if c := s.useInsertCompiled(p); c != nil {
			defer c.release()
			src, defaults, err = c.eval(ec)
			return src, defaults, nil, err
		}
	}
	record := s.recordValues(st, name, p)
	if record {
		outer := s.recVars
		s.recVars = &[]*varSlot{}
		defer func() { s.recVars = outer }()
	}
	// Every row is compiled before any is evaluated: the column types of a
	// multi-row VALUES come from all its rows (valuesTypes).
	comp := &insertCompiled{rows: make([][]*expr, 0, len(st.Values))}
	c := &compiler{s: s, sc: &scope{}}
	for _, r := range st.Values {
		if len(r) != len(cols) {
			if len(st.Columns) == 0 {
				return nil, nil, nil, ErrColumnCountMismatch.New()
			}
			if len(r) > len(cols) {
				return nil, nil, nil, ErrInsertValueCount.New()
			}
			return nil, nil, nil, ErrInsertColumnCount.New()
		}
		xs := make([]*expr, len(r))
		for i, e := range r {
			if _, ok := e.(*ast.DefaultExpr); ok {
				continue // nil: DEFAULT
			}
			x, err := c.expr(e)
			if err != nil {
				return nil, nil, nil, err
			}
			xs[i] = x
		}
		comp.rows = append(comp.rows, xs)
	}
	comp.conv = valuesTypes(comp.rows)
	if src, defaults, err = comp.eval(ec); err != nil {
		return nil, nil, nil, err
	}
	if record {
		comp.vars = *s.recVars
		if p != nil {
			p.values = comp
		} else {
			kept = comp
		}
	}
	return src, defaults, kept, nil
}

// valuesTypes is what a multi-row VALUES converts each column's values to
// before they are converted to the target column's type: the rows'
// highest-precedence type, as UNION ALL gives (the Table Value Constructor
// page: the values of a column are implicitly converted to the type of
// highest precedence, so (1, 'a'), (2, 1) into (int, char) fails with 245 on
// 'a'). Nil when no value needs it (one row, or rows of the same types: the
// common ORM batch of parameters); a column whose values already all have
// the type has Unknown.
func valuesTypes(rows [][]*expr) []types.Type {
	if len(rows) < 2 {
		return nil
	}
	var conv []types.Type
	col := make([]types.Type, 0, len(rows))
	for j := range rows[0] {
		col = col[:0]
		for _, xs := range rows {
			if xs[j] != nil {
				col = append(col, xs[j].typ)
			}
		}
		t := dominantType(col)
		if t.ID == types.Unknown {
			continue
		}
		for _, ct := range col {
			if ct != t && ct.ID != types.Unknown {
				if conv == nil {
					conv = make([]types.Type, len(rows[0]))
				}
				conv[j] = t
				break
			}
		}
	}
	return conv
}

// recordValues reports whether an INSERT's VALUES are compiled to be kept:
// kept parts are on, the statement may be planned (name) and its values
// allow it, and p (nil on a miss) has none in use.
func (s *Session) recordValues(st *ast.InsertStmt, name *ast.Name, p *dmlPlan) bool {
	return name != nil && !s.dml.noCompiled && !s.dml.off && (p == nil || p.values == nil || !p.values.busy) && keptInsertValues(st)
}

// oneValuesRow is eval's result for a VALUES of one row of up to four values.
type oneValuesRow struct {
	src  [1]Row
	vals [4]types.Value
}

// eval evaluates the kept values, row by row and value by value as the
// compile-and-evaluate loop of insertValues does.
func (c *insertCompiled) eval(ec *evalCtx) ([]Row, map[[2]int]bool, error) {
	var src []Row
	var one *oneValuesRow
	if len(c.rows) == 1 && len(c.rows[0]) <= len(one.vals) {
		// The usual parameterized INSERT: one row of a few values, in one
		// allocation with the row list, not two.
		one = new(oneValuesRow)
		src = one.src[:0]
	} else {
		src = make([]Row, 0, len(c.rows))
	}
	var defaults map[[2]int]bool
	for ri, xs := range c.rows {
		var row Row
		if one != nil {
			row = one.vals[:len(xs):len(xs)]
		} else {
			row = make(Row, len(xs))
		}
		for i, x := range xs {
			if x == nil {
				if defaults == nil {
					defaults = map[[2]int]bool{}
				}
				defaults[[2]int{ri, i}] = true
				continue
			}
			var err error
			if row[i], err = x.eval(ec, nil); err != nil {
				return nil, nil, err
			}
			if c.conv != nil && c.conv[i].ID != types.Unknown && x.typ != c.conv[i] {
				if row[i], err = convertTo(row[i], c.conv[i]); err != nil {
					return nil, nil, err
				}
			}
		}
		src = append(src, row)
	}
	return src, defaults, nil
}

// release ends a use of the compiled values.
func (c *insertCompiled) release() {
	if c != nil {
		c.busy = false
	}
}
