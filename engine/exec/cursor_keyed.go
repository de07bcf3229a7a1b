package exec

import (
	"context"
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// KEYSET and DYNAMIC cursors. OPEN runs the cursor's query once with the
// store key of every base row each result row comes from; the cursor keeps
// those keys (its members, in the query's order) and no values. A FETCH
// reads the member's base rows by key and computes the select list from
// them, so it sees every change made since OPEN, by this session or any
// other:
//
//   - KEYSET: a member whose base row is gone fetches with
//     @@FETCH_STATUS = -2; membership and order are those of OPEN.
//   - DYNAMIC: a member whose row is gone, or no longer satisfies the
//     WHERE clause, is passed over; rows inserted after OPEN join the
//     members at their place in the query's order (cursor_dynamic.go), and
//     FETCH ABSOLUTE is refused (16925) as SQL Server does.
//
// The conversions SQL Server makes: a query the cursor cannot follow to
// its base rows — DISTINCT, GROUP BY or aggregates, a window function, a
// set operation, a source that is not a base table (a derived table, a
// function, a table variable, FOR SYSTEM_TIME; a view or CTE of one table
// is read through, cursor_view.go) — gives a STATIC read-only cursor, and
// TYPE_WARNING says so (16956); TOP or OFFSET makes a DYNAMIC cursor
// KEYSET (its limit fixes the membership); a KEYSET cursor over a table
// without a unique index is STATIC (cursor_view.go). A DYNAMIC cursor
// needs no unique index: the row store key identifies a heap row too, as
// SQL Server's RID does.

// sensitivity is what a cursor sees of changes made after OPEN.
type sensitivity uint8

const (
	sensStatic sensitivity = iota
	sensKeyset
	sensDynamic
)

// concurrency is a cursor's DECLARE concurrency option.
type concurrency uint8

const (
	ccDefault concurrency = iota // OPTIMISTIC for an updatable cursor
	ccReadOnly
	ccScrollLocks
	ccOptimistic
)

var errCursorSchema = errorKind{16943, 16, 1, "Could not complete cursor operation because the table schema changed after the cursor was declared.", AbortStatement}

var warnCursorType = &Error{Number: 16956, Severity: 10, State: 2, Message: "The created cursor is not of the requested type."}

// cursorKeys is a KEYSET or DYNAMIC cursor's members and what a FETCH
// needs to compute their rows.
type cursorKeys struct {
	bases []cursorBase
	width int     // the length of a source row
	items []*expr // the select list, over a source row
	where pred    // the WHERE clause, over a source row (nil: none)
	keys  [][]string
	// cur is the current member's stored base rows as its last FETCH read
	// them (nil for a NULL-extended base): what a positioned UPDATE or
	// DELETE compares under OPTIMISTIC concurrency.
	cur [][]byte
	// seen is what the API cursor fetches last read of each member
	// (cursor_api.go).
	seen map[int][][]byte
	// dyn is how a DYNAMIC cursor finds rows inserted since OPEN, nil for
	// KEYSET (cursor_dynamic.go).
	dyn *dynamicMembers
	// buf is a DYNAMIC API cursor's fetch buffer, its members in order;
	// after says an empty one is past the last row rather than before the
	// first (cursor_api_dynamic.go).
	buf   []int
	after bool
}

// cursorBase is one base table of a keyed cursor's FROM clause.
type cursorBase struct {
	tr   *tableRef
	qual string // the table's alias or name, lower case
	off  int    // its first column in a source row; its key follows its columns
}

// keyedSource is one FROM source of a keyed cursor's query.
type keyedSource struct {
	tr   *tableRef
	qual string
}

// keyedShape reports whether q is a query a KEYSET or DYNAMIC cursor can
// follow to its base rows, and its base tables.
func (s *Session) keyedShape(q *ast.Query) (*ast.SelectCore, []keyedSource, bool) {
	core, ok := q.Body.(*ast.SelectCore)
	if !ok || q.For != nil || q.With != nil || core.Distinct || core.Into != nil || len(core.GroupBy) > 0 || core.Having != nil || len(core.From) == 0 {
		return nil, nil, false
	}
	var exprs []ast.Expr
	for _, it := range core.Items {
		if it.Var != nil {
			return nil, nil, false
		}
		exprs = append(exprs, it.Expr)
	}
	aggs := map[string]*ast.FuncCall{}
	var order []string
	collectAggregates(exprs, aggs, &order)
	if len(aggs) > 0 || hasWindowCall(exprs) {
		return nil, nil, false
	}
	for _, te := range core.From {
		if !plainJoins(te) {
			return nil, nil, false
		}
	}
	var srcs []keyedSource
	for _, te := range flattenFrom(core.From) {
		tn, ok := te.(*ast.TableName)
		if !ok || tn.SystemTime != nil {
			return nil, nil, false
		}
		if len(tn.Name.Parts) == 1 && s.lookupCTE(tn.Name.Last()) != nil {
			return nil, nil, false
		}
		tr, found, err := s.resolveTable(tn.Name)
		if err != nil || !found {
			return nil, nil, false
		}
		qual := tn.Name.Last()
		if tn.Alias != nil {
			qual = tn.Alias.Name
		}
		srcs = append(srcs, keyedSource{tr: tr, qual: strings.ToLower(qual)})
	}
	return core, srcs, true
}

// plainJoins reports whether a FROM item joins tables without APPLY.
func plainJoins(te ast.TableExpr) bool {
	switch t := te.(type) {
	case *ast.Join:
		return t.Kind != ast.CrossApply && t.Kind != ast.OuterApply && plainJoins(t.Left) && plainJoins(t.Right)
	case *ast.ParenTable:
		return plainJoins(t.Table)
	}
	return true
}

// hasWindowCall reports a function call with OVER in exprs.
func hasWindowCall(exprs []ast.Expr) bool {
	found := false
	for _, x := range exprs {
		ast.Inspect(x, func(n ast.Node) bool {
			if f, ok := n.(*ast.FuncCall); ok && f.Over != nil {
				found = true
			}
			return !found
		})
	}
	return found
}

// openKeyed opens c as a KEYSET or DYNAMIC cursor, setting c.sens, c.cols
// and c.pos; it returns nil (and c unchanged) when c is to be STATIC.
func (s *Session) openKeyed(ctx context.Context, c *cursor, out Output) (*cursorKeys, error) {
	if c.asked == sensStatic {
		return nil, nil
	}
	q, core, srcs, ok := s.keyedQuery(c.decl.Query) // cursor_view.go
	sens := c.asked
	if ok && sens == sensDynamic && (core.Top != nil || q.Offset != nil) {
		sens = sensKeyset
	}
	if ok && sens == sensKeyset && !strings.HasPrefix(c.name, apiCursorPrefix) && keysetNeedsUnique(srcs) {
		ok = false // T-SQL cursors only: cursor_view.go
	}
	if (!ok || sens != c.asked) && typeWarning(c.decl) {
		if err := out.Message(warnCursorType); err != nil {
			return nil, err
		}
	}
	if !ok {
		return nil, nil
	}
	// The query with each base row's key after the select list.
	kq, kcore := *q, *core
	kcore.Items = append([]*ast.SelectItem(nil), core.Items...)
	for i, b := range srcs {
		kcore.Items = append(kcore.Items, &ast.SelectItem{
			Expr:  &ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{{Name: b.qual}, {Name: rowKeyRef}}}},
			Alias: &ast.Ident{Name: fmt.Sprintf("\x00k%d", i)},
		})
	}
	kq.Body = &kcore
	p, err := s.buildQuery(&kq, nil, nil)
	if err != nil {
		return nil, err
	}
	k, err := s.compileKeyed(core, srcs)
	if err != nil {
		return nil, err
	}
	cols := p.resultColumns()
	vis := len(cols) - len(srcs)
	if sens == sensDynamic {
		k.dyn = &dynamicMembers{plan: p, vis: vis, inserts: s.basesInserted(k)} // cursor_dynamic.go
	}
	rows, err := s.planRows(ctx, p)
	if err != nil {
		return nil, err
	}
	k.keys = memberKeys(rows, vis, len(srcs))
	c.cols, c.rows, c.sens = cols[:vis], nil, sens
	return k, nil
}

// memberKeys takes the base rows' keys that follow the vis visible columns
// of each row of a keyed cursor's query ("" for a NULL-extended base).
func memberKeys(rows []Row, vis, bases int) [][]string {
	keys := make([][]string, len(rows))
	for i, r := range rows {
		ks := make([]string, bases)
		for j := range ks {
			if v := r[vis+j]; !v.IsNull() {
				ks[j] = v.Str()
			}
		}
		keys[i] = ks
	}
	return keys
}

func typeWarning(d *ast.DeclareCursorStmt) bool {
	for _, o := range d.Options {
		if o == "TYPE_WARNING" {
			return true
		}
	}
	return false
}

// compileKeyed compiles the select list and WHERE of core over a row of
// its FROM sources, the row a FETCH assembles from the base rows it reads.
func (s *Session) compileKeyed(core *ast.SelectCore, srcs []keyedSource) (*cursorKeys, error) {
	src, err := s.buildFrom(core.From, nil, nil)
	if err != nil {
		return nil, err
	}
	sc := src.sc
	k := &cursorKeys{}
	for _, c := range sc.cols {
		k.width = max(k.width, c.idx+1)
	}
	for _, b := range srcs {
		off := -1
		for _, c := range sc.cols {
			if c.hidden && c.name == rowKeyCol && c.qual == b.qual {
				off = c.idx - len(b.tr.t.Columns)
			}
		}
		if off < 0 {
			return nil, ErrInvalidObject.New(b.qual)
		}
		k.bases = append(k.bases, cursorBase{tr: b.tr, qual: b.qual, off: off})
	}
	cp := &compiler{s: s, sc: sc}
	for _, it := range core.Items {
		if st, ok := it.Expr.(*ast.Star); ok {
			scs, err := sc.starCols(st.Qualifier)
			if err != nil {
				return nil, err
			}
			for _, c := range scs {
				idx := c.idx
				k.items = append(k.items, &expr{typ: c.typ, col: idx, eval: func(_ *evalCtx, row Row) (types.Value, error) { return row[idx], nil }})
			}
			continue
		}
		x, err := cp.expr(it.Expr)
		if err != nil {
			return nil, err
		}
		k.items = append(k.items, x)
	}
	if core.Where != nil {
		if k.where, err = cp.pred(core.Where); err != nil {
			return nil, err
		}
	}
	return k, nil
}

// readMember reads member i's base rows and computes its row; ok is false
// when a base row is gone (or, for a DYNAMIC cursor, the row no longer
// satisfies the WHERE clause).
func (s *Session) readMember(ctx context.Context, c *cursor, i int) (Row, [][]byte, bool, error) {
	k := c.keyed
	src := make(Row, k.width)
	bases := make([][]byte, len(k.bases))
	for j := range k.bases {
		key := k.keys[i][j]
		if key == "" {
			continue // the NULL-extended side of an outer join: NULLs
		}
		if err := s.cursorTableCurrent(&k.bases[j]); err != nil {
			return nil, nil, false, err
		}
		b := k.bases[j]
		n := len(b.tr.t.Columns)
		if err := s.fetchLock(ctx, b.tr, key); err != nil {
			return nil, nil, false, err
		}
		stored, found, err := s.storedRow(ctx, b.tr, key) // cursor_positioned.go
		if err != nil || !found {
			return nil, nil, false, err
		}
		r, err := decodeStoredRow(b.tr, []byte(key), stored, nil)
		if err != nil {
			return nil, nil, false, err
		}
		copy(src[b.off:b.off+n+1], r)
		bases[j] = stored
	}
	var ec *evalCtx // made only for an expression: plain columns are copied
	if c.sens == sensDynamic && k.where != nil {
		// A WHERE that cannot be evaluated again (a variable of the batch
		// that opened the cursor) keeps the member.
		ec = newEvalCtx(ctx, s)
		if b, err := k.where(ec, src); err == nil && !b.IsTrue() {
			return nil, nil, false, nil
		}
	}
	row := make(Row, len(k.items))
	for j, x := range k.items {
		if x.col >= 0 {
			row[j] = src[x.col]
			continue
		}
		if ec == nil {
			ec = newEvalCtx(ctx, s)
		}
		v, err := x.eval(ec, src)
		if err != nil {
			return nil, nil, false, err
		}
		row[j] = v
	}
	return row, bases, true, nil
}

// fetchLock locks the row of tr stored under key before a FETCH reads it,
// as a point read of it locks at the session's isolation level
// (readlock.go): READ COMMITTED waits out a writer, REPEATABLE READ and
// SERIALIZABLE hold S until the transaction ends.
func (s *Session) fetchLock(ctx context.Context, tr *tableRef, key string) error {
	var l readLocks
	on, err := s.readLocksFor(ctx, tr, true, false, &l)
	if err != nil || !on {
		return err
	}
	_, _, err = l.lockKey(ctx, []byte(key))
	return err
}

// fetchKeyed moves a KEYSET or DYNAMIC cursor and reads its new row;
// status is @@FETCH_STATUS.
func (s *Session) fetchKeyed(ctx context.Context, c *cursor, dir string, k int64) (Row, int32, error) {
	n := c.members()
	c.hole, c.keyed.cur = false, nil
	if c.sens == sensKeyset {
		c.pos = movePos(c.pos, n, dir, k)
		if c.pos < 0 || c.pos >= n {
			return nil, -1, nil
		}
		row, bases, ok, err := s.readMember(ctx, c, c.pos)
		if err != nil || !ok {
			c.hole = err == nil
			return nil, -2, err
		}
		c.keyed.cur = bases
		return row, 0, s.scrollLock(ctx, c)
	}
	// DYNAMIC: take on rows inserted since the last FETCH, then walk the
	// members in the direction of the fetch, passing over those that are
	// gone.
	if err := s.refreshDynamic(ctx, c); err != nil {
		return nil, -1, err
	}
	n = c.members()
	from, step, count := c.pos+1, 1, int64(1)
	switch dir {
	case "PRIOR":
		from, step = c.pos-1, -1
	case "FIRST":
		from = 0
	case "LAST":
		from, step = n-1, -1
	case "RELATIVE":
		switch {
		case k < 0:
			from, step, count = c.pos-1, -1, -k
		case k == 0:
			from, count = c.pos, 1
		default:
			count = k
		}
	}
	for i := from; i >= 0 && i < n; i += step {
		row, bases, ok, err := s.readMember(ctx, c, i)
		if err != nil {
			return nil, -1, err
		}
		if !ok {
			continue
		}
		if count--; count > 0 {
			continue
		}
		c.pos, c.keyed.cur = i, bases
		return row, 0, s.scrollLock(ctx, c)
	}
	c.pos = n
	if step < 0 {
		c.pos = -1
	}
	if dir == "RELATIVE" && k == 0 {
		c.pos = n
	}
	return nil, -1, nil
}

// cursorTableCurrent checks that a keyed cursor's base table is still the
// one OPEN read (a newer catalog version of the same table is taken on): a
// table dropped, or whose columns or row store changed, since gives SQL
// Server's 16943 rather than rows decoded with the old definition.
func (s *Session) cursorTableCurrent(b *cursorBase) error {
	cat := s.catalogFor(b.tr.db)
	cur := cat.Table(b.tr.t.Schema, b.tr.t.Name)
	if cur == b.tr.t {
		return nil
	}
	old := b.tr.t
	if cur == nil || cur.ID != old.ID || len(cur.Columns) != len(old.Columns) || cur.RowStore().StoreID != old.RowStore().StoreID {
		return errCursorSchema.New()
	}
	for i, c := range cur.Columns {
		if c.Type != old.Columns[i].Type {
			return errCursorSchema.New()
		}
	}
	b.tr = &tableRef{db: b.tr.db, cat: cat, t: cur}
	return nil
}
