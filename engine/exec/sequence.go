package exec

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Sequences (CREATE SEQUENCE, NEXT VALUE FOR). The definition is catalog
// DDL; values come from a non-transactional allocator with durable
// reservations (sequence_alloc.go), as in SQL Server: no lock is held to
// the end of the transaction that took a value, and a rollback does not
// give values back.

// Sequence errors.
var (
	errSeqZeroIncrement = errorKind{11700, 16, 1, "The increment for sequence object '%s' cannot be zero.", AbortStatement}
	errSeqStartRange    = errorKind{11703, 16, 1, "The start value for sequence object '%s' must be between the minimum and maximum value of the sequence object.", AbortStatement}
	errSeqMinMax        = errorKind{11705, 16, 1, "The minimum value for sequence object '%s' must be less than its maximum value.", AbortStatement}
	errSeqType          = errorKind{11702, 16, 1, "The sequence object '%s' must be of data type int, bigint, smallint, tinyint, or decimal or numeric with a scale of 0, or any user-defined data type that is based on one of the above integer data types.", AbortStatement}
	errSeqExhausted     = errorKind{11728, 16, 1, "The sequence object '%s' has reached its minimum or maximum value. Restart the sequence object to allow new values to be generated.", AbortStatement}
	errSeqNotFound      = errorKind{208, 16, 1, "Invalid object name '%s'.", AbortBatch}
	// A row limit would take values for rows never returned.
	errNextValueRowLimit = errorKind{11739, 15, 1, "NEXT VALUE FOR function cannot be used if ROWCOUNT option has been set, or the query contains TOP or OFFSET.", AbortStatement}
)

// selectsNextValue reports whether a select list calls NEXT VALUE FOR
// (not counting subqueries, which are queries of their own).
func selectsNextValue(core *ast.SelectCore) bool {
	found := false
	for _, it := range core.Items {
		ast.Inspect(it, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.NextValueExpr:
				found = true
			case *ast.SubqueryExpr:
				return false
			}
			return !found
		})
	}
	return found
}

// sequenceRange is the value range of a sequence's type.
func sequenceRange(t types.Type) (lo, hi int64, ok bool) {
	switch t.ID {
	case types.TinyInt:
		return 0, 255, true
	case types.SmallInt:
		return math.MinInt16, math.MaxInt16, true
	case types.Int:
		return math.MinInt32, math.MaxInt32, true
	case types.BigInt:
		return math.MinInt64, math.MaxInt64, true
	case types.Decimal, types.Numeric:
		// Values are kept in int64; wider decimals are limited to its range.
		return math.MinInt64, math.MaxInt64, t.Scale == 0
	}
	return 0, 0, false
}

func (s *Session) createSequence(ctx context.Context, st *ast.CreateSequenceStmt) error {
	_, cat, schema, err := s.ddlTarget(ctx, st.Name)
	if err != nil {
		return err
	}
	name := st.Name.Last()
	if st.Alter {
		q := cat.Sequences[cat.Key(schema, name)]
		if q == nil {
			return &Error{Number: 15151, Severity: 16, State: 1, Message: "Cannot alter the sequence '" + name + "', because it does not exist or you do not have permission."}
		}
		return s.alterSequence(ctx, st, q)
	}
	if cat.ObjectExists(schema, name) {
		return ErrObjectExists.New(name)
	}
	typ, typName := types.TypeBigInt, "bigint"
	if st.Type != nil {
		if typ, err = declType(st.Type); err != nil {
			return err
		}
		typName = strings.ToLower(st.Type.Name)
	}
	q0 := catalog.Sequence{}
	if typName == "decimal" || typName == "numeric" {
		q0.Precision = uint8(typ.Precision)
	}
	lo, hi, ok := sequenceRange(typ)
	if !ok {
		return errSeqType.New(name)
	}
	num := func(x ast.Expr, def int64) (int64, error) { return s.seqNumber(ctx, x, def) }
	q := &catalog.Sequence{Schema: schema, Name: name, TypeName: typName, Precision: q0.Precision}
	if err := s.seqCache(ctx, st, q); err != nil {
		return err
	}
	if q.Increment, err = num(st.Increment, 1); err != nil {
		return err
	}
	if q.Min, err = num(st.Min, lo); err != nil {
		return err
	}
	if q.Max, err = num(st.Max, hi); err != nil {
		return err
	}
	start := q.Min
	if q.Increment < 0 {
		start = q.Max
	}
	if q.Start, err = num(st.Start, start); err != nil {
		return err
	}
	if err := checkSequence(q); err != nil {
		return err
	}
	q.Cycle = st.Cycle
	q.Created = time.Now().UTC()
	q.Modified = q.Created
	q.ID = cat.NewObjectID()
	cat.Sequences[cat.Key(schema, name)] = q
	return nil
}

// seqNumber evaluates a sequence option's constant, or returns def for nil.
func (s *Session) seqNumber(ctx context.Context, x ast.Expr, def int64) (int64, error) {
	if x == nil {
		return def, nil
	}
	vt, err := s.evalScalar(ctx, x)
	if err != nil {
		return 0, err
	}
	return vt.v.Int64(), nil
}

// checkSequence validates a sequence's options (11700, 11705, 11703).
func checkSequence(q *catalog.Sequence) error {
	switch {
	case q.Increment == 0:
		return errSeqZeroIncrement.New(q.Name)
	case q.Min >= q.Max:
		return errSeqMinMax.New(q.Name)
	case q.Start < q.Min || q.Start > q.Max:
		return errSeqStartRange.New(q.Name)
	}
	return nil
}

// alterSequence is ALTER SEQUENCE: options not given keep their values;
// RESTART [WITH n] makes the next value n (default: the start value).
func (s *Session) alterSequence(ctx context.Context, st *ast.CreateSequenceStmt, q *catalog.Sequence) error {
	typ, err := types.ParseTypeName(q.TypeName, nil, false)
	if err != nil {
		typ = types.TypeBigInt
	}
	lo, hi, _ := sequenceRange(typ)
	c := *q
	if db, err := s.resolveDatabase(st.Name.Part(2)); err == nil {
		if cq := committedSequence(db, db.Catalog().Key(q.Schema, q.Name), q); cq != nil {
			// Keep the allocator's position (durable: no value twice).
			if c.Current, c.Started, err = seqAllocFor(db, cq.ID).position(ctx, db, cq, true); err != nil {
				return err
			}
		}
	}
	if c.Increment, err = s.seqNumber(ctx, st.Increment, c.Increment); err != nil {
		return err
	}
	if st.NoMin {
		c.Min = lo
	} else if c.Min, err = s.seqNumber(ctx, st.Min, c.Min); err != nil {
		return err
	}
	if st.NoMax {
		c.Max = hi
	} else if c.Max, err = s.seqNumber(ctx, st.Max, c.Max); err != nil {
		return err
	}
	c.Cycle = (c.Cycle || st.Cycle) && !st.NoCycle
	if st.Cache != nil || st.NoCache {
		if err := s.seqCache(ctx, st, &c); err != nil {
			return err
		}
	}
	if st.Restart {
		if c.Start, err = s.seqNumber(ctx, st.RestartAt, c.Start); err != nil {
			return err
		}
		c.Started = false
	}
	if err := checkSequence(&c); err != nil {
		return err
	}
	c.Modified = time.Now().UTC()
	*q = c
	return nil
}

// nextValue compiles NEXT VALUE FOR: each evaluation (each row) takes the
// next value through the transaction's catalog.
func (c *compiler) nextValue(e *ast.NextValueExpr) (*expr, error) {
	s := c.s
	n := e.Sequence
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		return nil, err
	}
	schema := s.objectSchema(s.catalogFor(db), n.Part(1), n.Last()) // names.go
	key := s.catalogFor(db).Key(schema, n.Last())
	q := s.catalogFor(db).Sequences[key]
	if q == nil {
		return nil, errSeqNotFound.New(nameText(n))
	}
	// Taking a value changes the sequence: UPDATE on it, as SQL Server (perm.go).
	if err := s.checkObject(db, s.catalogFor(db), schema, n.Last(), "UPDATE"); err != nil {
		return nil, err
	}
	typ := sequenceValueType(q) // sequence_range.go
	take := func(ec *evalCtx) (types.Value, error) {
		ctx := context.Background()
		if ec != nil {
			ctx = ec.ctx
		}
		v, err := s.takeSequenceValue(ctx, db, key, n)
		if err != nil {
			return types.Value{}, err
		}
		return convertTo(types.NewBigInt(v), typ)
	}
	g, slot := c.sc.seqGroup(key)
	return &expr{typ: typ, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		return g.value(slot, row, func() (types.Value, error) { return take(ec) })
	}}, nil
}

// seqRowGroup makes the NEXT VALUE FOR calls of one sequence in one query
// scope (a select list) return one value per row, as SQL Server does: "the
// same value will be returned for all columns referencing the same sequence
// within a row in the result set". The operators give no row number to an
// expression, so a new row is recognized by either sign: a call that
// already gave the current value asks again, or the input row is another
// slice. Both hold for every row of a plain select list; the one case they
// miss (a reused input buffer where, row after row, a different call is the
// only one evaluated, under CASE) hands out a repeated value within the
// sequence's order, never one of another sequence.
type seqRowGroup struct {
	calls int          // compiled calls; slot i is bit i of used
	used  uint64       // the calls that gave cur since it was taken
	row   *types.Value // &row[0] of the row cur was taken for
	cur   types.Value
	valid bool
}

// seqGroup registers one more NEXT VALUE FOR of the sequence key in sc and
// returns its group and slot; sc nil (or more than 64 calls) gives a group
// of its own.
func (sc *scope) seqGroup(key string) (*seqRowGroup, int) {
	if sc == nil {
		return &seqRowGroup{calls: 1}, 0
	}
	if sc.seqRows == nil {
		sc.seqRows = map[string]*seqRowGroup{}
	}
	g := sc.seqRows[key]
	if g == nil || g.calls == 64 {
		g = &seqRowGroup{}
		sc.seqRows[key] = g
	}
	g.calls++
	return g, g.calls - 1
}

// value is call slot's value for row: the row's value if another call of
// the group took it, else a new one from take.
func (g *seqRowGroup) value(slot int, row Row, take func() (types.Value, error)) (types.Value, error) {
	var first *types.Value
	if len(row) > 0 {
		first = &row[0]
	}
	bit := uint64(1) << uint(slot)
	if g.valid && g.used&bit == 0 && g.row == first {
		g.used |= bit
		return g.cur, nil
	}
	v, err := take()
	if err != nil {
		g.valid = false
		return v, err
	}
	g.cur, g.row, g.used, g.valid = v, first, bit, true
	return v, nil
}

// advanceSequence hands out q's next value: Start first, then Current +
// Increment, wrapping to the other bound under CYCLE.
func advanceSequence(q *catalog.Sequence) (int64, error) {
	if !q.Started {
		q.Started, q.Current = true, q.Start
		return q.Current, nil
	}
	next := q.Current + q.Increment
	overflow := (q.Increment > 0 && next < q.Current) || (q.Increment < 0 && next > q.Current)
	if overflow || next > q.Max || next < q.Min {
		if !q.Cycle {
			return 0, errSeqExhausted.New(q.Name)
		}
		next = q.Min
		if q.Increment < 0 {
			next = q.Max
		}
	}
	q.Current = next
	return next, nil
}

// seqCache records CACHE [n] / NO CACHE for sys.sequences' is_cached and
// cache_size (values are allocated the same way either way).
func (s *Session) seqCache(ctx context.Context, st *ast.CreateSequenceStmt, q *catalog.Sequence) error {
	q.NoCache, q.CacheSize = st.NoCache, 0
	if st.Cache != nil {
		n, err := s.seqNumber(ctx, st.Cache, 0)
		if err != nil {
			return err
		}
		q.CacheSize = n
	}
	return nil
}

// sequenceTypeInfo is a sequence's system_type_id and precision as
// sys.sequences shows them.
func sequenceTypeInfo(q *catalog.Sequence) (id, prec uint8) {
	switch q.TypeName {
	case "tinyint":
		return 48, 3
	case "smallint":
		return 52, 5
	case "int":
		return 56, 10
	case "decimal", "numeric":
		id = 106
		if q.TypeName == "numeric" {
			id = 108
		}
		if q.Precision == 0 {
			return id, 18
		}
		return id, q.Precision
	}
	return 127, 19
}

// sequenceExhausted reports sys.sequences' is_exhausted for a sequence whose
// last value is cur: it does not cycle and the next value would pass
// MAXVALUE (MINVALUE for a decreasing one), so NEXT VALUE FOR fails (11728)
// until it is restarted.
func sequenceExhausted(q *catalog.Sequence, cur int64) bool {
	if q.Cycle {
		return false
	}
	if q.Increment > 0 {
		return cur > q.Max-q.Increment
	}
	return cur < q.Min-q.Increment
}
