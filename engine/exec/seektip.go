package exec

import (
	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The tipping point (issue #5). A SELECT whose WHERE seeks a nonclustered
// index that does not cover it reads one index entry and looks one row up
// per row found; `WHERE cat > 50` over half a table read 2,653 pages
// where a scan of the clustered index reads 26. SQL Server estimates the
// rows from the index's statistics and scans past the point where the
// lookups cost more than the scan; so does seekTip, in this engine's
// terms: the seek must read more pages than the scan (statsio.go: a read
// per range opened, its index entries' bytes and a read per lookup,
// against one read plus the row store's bytes, 8,060 to a page) and cost
// more CPU (a lookup costs about lookupRows scanned rows).
//
// When. At the plan's first execution, with the values it runs with —
// a parameter's or variable's value is sniffed, as SQL Server compiles a
// plan for the first values it sees — once the SELECT has compiled every
// column it reads (a covering index never tips). The choice is kept with
// the plan and made again, with the values of that execution, when the
// table's statistics are rebuilt or when enough rows changed to make them
// stale (which rebuilds them): SQL Server's recompile on a statistics
// change. Either read returns the same rows — the WHERE filters every row
// read — so a cached plan run with other values is at worst slower, never
// wrong.
//
// Where not. A seek whose value names a column (a join's inner table, a
// correlated subquery: it runs once per outer row, and a scan would be
// read again for each), an index hint, FORCESEEK, a read whose order an
// ORDER BY or TOP relies on, a read that holds its locks (REPEATABLE
// READ, SERIALIZABLE, UPDLOCK, XLOCK, TABLOCK: a scan would lock every
// row), an UPDATE's or DELETE's read, and a database that keeps no row
// counts (a #temp table) keep the seek, as before.

// pageBytes is the row bytes a logical read counts for (statsio.go).
const pageBytes = 8060

// seekTip is a nonclustered seek the first execution may turn into a
// scan of the row store.
type seekTip struct {
	ap   *accessPath
	keep bool // ORDER BY reads in ap's order (sortorder.go)
	// pinned: this execution's choice is made (tippedSort), pinAP.
	pinned  bool
	pinAP   *accessPath
	decided bool
	scan    bool
	gen     int64 // the table's histGen when decided (stats_usage.go)
	mods    int64 // the table's modifications when decided
	stale   int64 // the modifications after which the statistics are stale
	est     float64
}

// newSeekTip returns the tip of the planner's own choice ap for a table,
// nil when ap is not a seek that may tip.
func newSeekTip(ap *accessPath) *seekTip {
	if ap == nil || ap.ix.IndexID <= 1 || ap.semi != nil || ap.scan || ap.fixed != nil || pathCorrelated(ap) {
		return nil
	}
	if ap.alts == nil && ap.ix.Unique && len(ap.eq) == len(ap.ix.Columns) {
		return nil // one row at most: never past the tipping point, no statistics to build
	}
	return &seekTip{ap: ap}
}

// pathCorrelated reports whether ap or one of its alternatives seeks a
// value that names a column.
func pathCorrelated(ap *accessPath) bool {
	if ap.correlated {
		return true
	}
	for _, alt := range ap.alts {
		if pathCorrelated(alt) {
			return true
		}
	}
	return false
}

// path is the read of tr for this execution: tip's seek, or nil (a scan)
// when it tipped.
func (tip *seekTip) path(ec *evalCtx, s *Session, tr *tableRef, mask *colMask) *accessPath {
	if tip == nil {
		return nil
	}
	if tip.pinned {
		return tip.pinAP
	}
	if tip.keep || mask == nil || !mask.active || holdsReadLocks(s, tr) {
		return tip.ap
	}
	var tu *tableUsage
	if u := s.usageFor(tr); u != nil { // resolved once per tableRef: no lock
		tu = u.t
	}
	if !tip.decided || tu != nil && (tu.histGen.Load() != tip.gen || tu.mods.Load()-tip.mods > tip.stale) {
		tip.decide(ec, s, tr, mask)
	}
	if tip.scan {
		return nil
	}
	return tip.ap
}

// decide estimates the seek's rows and compares its reads with a scan's.
func (tip *seekTip) decide(ec *evalCtx, s *Session, tr *tableRef, mask *colMask) {
	tip.decided, tip.scan = true, false
	tip.stale = 1 << 62
	if tu := tableUsageOf(tr.db, tr.t.ID); tu != nil {
		tip.mods = tu.mods.Load()
	}
	rc, ok := tr.db.(RowCounter)
	if !ok || coveringPlan(tr.t, tip.ap.ix, mask.need()) != nil {
		tip.keep = true // neither changes between executions
		return
	}
	x := statsTarget{id: tip.ap.ix.IndexID, name: tip.ap.ix.Name}
	c, err := s.statisticsFor(ec.ctx, tr.db, tr.t, x, true) // stats_store.go
	if err != nil || c == nil {
		return
	}
	var newer float64 // rows modified since the statistics were built
	if tu := tableUsageOf(tr.db, tr.t.ID); tu != nil {
		tip.gen, tip.mods = tu.histGen.Load(), tu.mods.Load()
		if h := tu.storedHist(x.id); h != nil {
			tip.stale = autoUpdateThreshold(c.rows) - (tip.mods - h.base)
			newer = float64(max(tip.mods-h.base, 0))
		}
	}
	est, ok := estimatePath(ec, tr.t, tip.ap, c, newer) // stats_estimate.go
	if !ok {
		return
	}
	rows, bytes, err := rc.StoredSize(ec.ctx, tr.t.RowStore().StoreID)
	if err != nil {
		return
	}
	if c.rows > 0 {
		est *= float64(rows) / float64(c.rows) // the histogram scaled to the rows now
	}
	tip.est = est
	entryBytes := 0.0
	if n, b, err := rc.StoredSize(ec.ctx, tip.ap.ix.StoreID); err == nil && n > 0 {
		entryBytes = float64(b) / float64(n)
	}
	ranges := float64(max(len(tip.ap.alts), 1))
	seek := ranges + est*(1+entryBytes/pageBytes)
	scan := 1 + float64(bytes)/pageBytes
	tip.scan = seek > scan && est*lookupRows > float64(rows)
}

// lookupRows is the rows a scan reads for the CPU one lookup costs. A
// lookup is a point read of the row store (a search of the store's
// levels); a scanned row is the next entry, decoded and filtered. Measured
// (BenchmarkSeekTippingPoint, 100,000 rows): a lookup costs about six
// scanned rows that the WHERE must decode, and sixty that the raw
// pre-filter drops undecoded (rawfilter.go). Counting pages alone, as SQL
// Server's tipping point does (its lookups are random page reads), would
// scan for 1 % of the rows, where the lookups cost less CPU than decoding
// the other 99 %; four keeps the scan to reads that cost no more CPU
// than the lookups would.
const lookupRows = 4

// holdsReadLocks reports whether a read of tr holds the locks it takes to
// the end of the transaction or statement (see readlock.go).
func holdsReadLocks(s *Session, tr *tableRef) bool {
	h := tr.hints
	iso := h.isolation(s.Opts.Isolation)
	if h != nil && (h.mode != txn.ModeNone || h.tableLock || h.tableX) {
		return true
	}
	return iso == txn.RepeatableRead || iso == txn.Serializable
}

// namesColumn reports whether e names a column or holds a subquery (which
// may name an outer one).
func namesColumn(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ColumnRef, *ast.Query:
			found = true
		}
		return !found
	})
	return found
}

// tippedSort is p, the rows of a SELECT whose ORDER BY (keys) src's
// tippable seek reads in order, sorted when that seek tips to a scan. An
// ORDER BY without TOP or OFFSET reads every row the seek finds, so the
// tipping point weighs the seek's lookups against a scan and a sort, as
// SQL Server's plan does; the order the seek gives needed no sort, which
// was removed at compile time and kept the seek however many rows it
// looked up. Each execution makes the choice first and pins it, so the
// source's open reads the way the sort was chosen for.
func (s *Session) tippedSort(p *plan, keys []sortKey, src *source, c *compiler, outer *scope) (*plan, error) {
	sorted, err := s.sortAndLimit(p, keys, nil, nil, c, src.sc, outer)
	if err != nil {
		return nil, err
	}
	tip, tr, mask := src.tip, src.table, src.masks[0]
	return &plan{cols: p.cols, open: func(ec *evalCtx) (rowIter, error) {
		tip.pinned = false
		tip.pinAP = tip.path(ec, s, tr, mask)
		tip.pinned = true
		if tip.pinAP == nil {
			return sorted.open(ec)
		}
		return p.open(ec)
	}}, nil
}
