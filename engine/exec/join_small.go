package exec

import (
	"io"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The small side of an inner join drives (issue #5). Joins run as written,
// the left table outside, and the commonest batch update is written with
// the big table first:
//
//	UPDATE t SET … FROM dbo.big t JOIN @changes s ON t.id = s.id
//	DELETE t FROM dbo.big t JOIN #gone g ON g.id = t.id
//	UPDATE dbo.big SET … FROM (VALUES …) s (id, v) WHERE dbo.big.id = s.id
//
// which read every row of big (and, for a table variable, the whole
// variable again per row of big). SQL Server reads the small side and
// seeks big by its key once per row. smallSideJoin does the same when the
// other side proves small: at each open it reads at most limit rows of it;
// if it ends within them the join seeks the left table once per buffered
// row, otherwise it closes it and runs the join as written (which reads
// those rows again — at most limit of them, the price of not knowing).
//
// Only where a seek cannot cost much more than the written plan's read:
// the ON fixes a unique key of the left table (one row per seek), or seeks
// its clustered index (a range of the rows the scan would read, with no
// lookups), and the left table has no seek of its own from the WHERE (then
// the written plan reads only that range). The rows are the same; only
// their order changes, which an inner join without ORDER BY does not
// promise. Locks are the reads' own: each seek takes, on the rows it
// reads, the locks the scan would have taken on them, and an UPDATE's or
// DELETE's targets are locked by collectTargets as before — on fewer rows
// read, fewer locks, never other ones.

// smallSideRows is how many rows of the other side always drive: 64 point
// reads cost about what reading 800 rows of a scan does (semijoin.go).
// Up to smallSideMax rows drive a left table of at least semiRowsPerSeek
// rows per row (counted, or its figure known: rowsAtLeast).
const (
	smallSideRows = semiFreeSeeks
	smallSideMax  = 4096
)

// smallSideJoin returns the inner join j (built as written: written) as a
// source that, at each open, lets its right side drive when it is small;
// written itself when j does not qualify (or anything about it fails to
// build: the written plan raises what is wrong). own are the WHERE's conjuncts
// that the left table may seek on by itself (ownTableConds).
func (s *Session) smallSideJoin(j *ast.Join, outer *scope, own []ast.Expr, written *source) *source {
	if j.Kind != ast.InnerJoin || j.On == nil || !smallDriver(j.Right) {
		return written
	}
	lt, ok := j.Left.(*ast.TableName)
	if !ok || lt.SystemTime != nil || accessHinted(lt.Hints) || !s.plainTable(lt) {
		return written
	}
	ltr, found, err := s.resolveTableName(lt.Name)
	if err != nil || !found || ltr.t == nil {
		return written // as written: the usual path raises what is wrong
	}
	if gate, err := s.checkTableRead(ltr); err != nil || gate != nil { // colperm.go
		return written // column-checked reads keep the written plan's checks
	}
	if rt, ok := j.Right.(*ast.TableName); ok {
		if rtr, found, err := s.resolveTableName(rt.Name); err == nil && found && rtr.t != nil {
			if gate, err := s.checkTableRead(rtr); err != nil || gate != nil {
				return written
			}
		}
	}
	alias := identName(lt.Alias)
	on := conjuncts(j.On)
	conds := append(append([]ast.Expr(nil), on...), own...)
	// The seek must come from the right side's values: without them in
	// scope (the WHERE alone, or ON's conditions on the left table alone)
	// there is none.
	if chooseAccess(ltr.t, s.nullSafeBounds(tableScope(ltr, alias, outer), conds)) != nil {
		return written
	}
	var rtr *tableRef // the right side's table, when it is one
	if rt, ok := j.Right.(*ast.TableName); ok {
		if tr, found, err := s.resolveTableName(rt.Name); err == nil && found && tr.t != nil {
			// A table the WHERE seeks is small when its range is: read
			// that (join_small_stats.go). Otherwise count it.
			if chooseAccess(tr.t, s.nullSafeBounds(tableScope(tr, identName(rt.Alias), outer), own)) == nil {
				if rows, ok := ApproxRows(tr.db, tr.t.RowStore().StoreID); ok && rows > smallSideRows {
					return written // known to be large: no need to read it to find out
				}
				rtr = tr
			}
		}
	}
	// ON's conjuncts on the right side alone filter it too, as they do
	// the written plan's (join_once.go): a small view is read as small.
	right, err := s.buildTableExpr(j.Right, outer, append(append([]ast.Expr(nil), own...), ownTableConds(on)...))
	if err != nil {
		return written // as written
	}
	ap := chooseAccess(ltr.t, s.nullSafeBounds(tableScope(ltr, alias, right.sc), conds))
	if ap == nil || ap.alts != nil || ap.semi != nil {
		return written
	}
	// A nonclustered index that may find many rows per key (a foreign
	// key's) drives only as far as its statistics allow (perKeyCost).
	byStats := !(ap.ix.IndexID == 1 || ap.ix.Unique && len(ap.eq) == len(ap.ix.Columns))
	if byStats && len(ap.eq) == 0 { // a range alone: no rows per key
		return written
	}
	left, err := s.buildTableExpr(lt, right.sc, conds)
	if err != nil {
		return written
	}
	combined := concatScopes(left.sc, right.sc)
	combined.outer = outer
	if combined.width() != written.sc.width() {
		return written // not the written plan's row: keep it
	}
	onPred, err := (&compiler{s: s, sc: combined}).pred(j.On)
	if err != nil {
		return written
	}
	d := &smallDrive{s: s, left: left, ltr: ltr, right: right, rtr: rtr, written: written, on: onPred, rw: right.sc.width()}
	if byStats {
		d.byStats = ap
	}
	// The written plan's scope and masks: the query compiles against them
	// (its column masks decide what the written plan's scans decode); the
	// driving plan's rows have the same columns in the same places, and its
	// own scans, whose masks no one activates, decode every column.
	return &source{sc: written.sc, masks: written.masks, open: d.open}
}

// smallDriver reports whether te is a source that smallSideJoin may read
// ahead to learn its size: a table, a table variable, a derived table, a
// VALUES list or a table-valued function — not a join (its own plan), nor
// a DML table source (OUTPUT rows of a nested INSERT … SELECT: once).
func smallDriver(te ast.TableExpr) bool {
	switch t := te.(type) {
	case *ast.ParenTable:
		return smallDriver(t.Table)
	case *ast.TableName:
		return t.SystemTime == nil && !accessHinted(t.Hints)
	case *ast.VariableTable, *ast.DerivedTable, *ast.ValuesTable, *ast.TableFunc:
		return true
	}
	return false
}

// smallDrive is a join that decides at open which side drives.
type smallDrive struct {
	s           *Session
	left, right *source   // left is sought with a right row in its outer scope
	ltr         *tableRef // the left (sought) table
	rtr         *tableRef // the right side's base table, nil for other sources
	written     *source
	on          pred
	rw          int
	// byStats, when set, is the left table's seek on a nonunique
	// nonclustered index: its rows per key decide (join_small_stats.go).
	byStats *accessPath
}

func (d *smallDrive) open(ec *evalCtx) (rowIter, error) {
	rows, small, err := d.readSmall(ec)
	if err != nil {
		return nil, err
	}
	if !small {
		return d.written.open(ec)
	}
	d.shareMask()
	return rightDrivenRows(ec, &sliceIter{rows: rows}, d.left, d.on, d.rw), nil
}

// readSmall reads the right side's rows when it proves small enough to
// drive: at most smallSideRows, or up to smallSideMax when the left table
// holds semiRowsPerSeek rows for each. A right table is counted first (its
// keys, not its rows) so a large one is not read twice, and drives only
// within smallSideRows: beyond, the written plan hashes it (hashjoin.go),
// where other sources are read again per left row or looped over in memory.
func (d *smallDrive) readSmall(ec *evalCtx) ([]Row, bool, error) {
	if d.rtr != nil {
		if many, err := d.s.rowsAtLeast(d.rtr, smallSideRows+1); err != nil || many { // semijoin.go
			return nil, false, err
		}
	}
	ri, err := d.right.open(ec)
	if err != nil {
		return nil, false, err
	}
	defer ri.Close()
	var rows []Row
	for {
		r, err := ri.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false, err
		}
		if len(rows) == smallSideMax {
			return nil, false, nil
		}
		rows = append(rows, append(Row(nil), r...)) // a scan may reuse its row
	}
	if d.byStats != nil {
		ok, err := d.seeksCheaper(ec, len(rows)) // join_small_stats.go
		return rows, ok, err
	}
	if len(rows) <= smallSideRows {
		return rows, true, nil
	}
	big, err := d.s.rowsAtLeast(d.ltr, len(rows)*semiRowsPerSeek)
	return rows, big, err
}

// shareMask gives the driving plan's left table the columns the query
// reads of it, as the written plan's scan knows them (the query compiled
// against the written plan's scope): a nonclustered seek that covers them
// then needs no lookup. Its own mask keeps what ON and the seek name. Once
// the written mask is active (the query's compile has ended), both stay
// as they are.
func (d *smallDrive) shareMask() {
	if len(d.written.masks) == 0 || len(d.left.masks) != 1 {
		return
	}
	wm, lm := d.written.masks[0], d.left.masks[0]
	if lm.active || !wm.active || len(wm.used) != len(lm.used) {
		return
	}
	for i, u := range wm.used {
		lm.used[i] = lm.used[i] || u
	}
	lm.active = true
}
