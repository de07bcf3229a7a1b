package exec

import (
	"io"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// MERGE's target sought per source row (issue #5). runMerge read the whole
// target and compared every source row with every target row, so the
// upsert every ORM sends —
//
//	MERGE t WITH (HOLDLOCK) USING (VALUES (@id, @v)) AS s(id, v) ON t.id = s.id
//	  WHEN MATCHED THEN UPDATE … WHEN NOT MATCHED THEN INSERT …
//
// read all of t for one row. SQL Server runs a nested loop: the source
// outside, the target sought by the ON's key. When the ON lets an index of
// the target seek by source columns (or constants), the target is built as
// a table source whose outer scope is the source's, as drivingJoin builds a
// join's inner table, and opened once per source row with that row in
// scope. The ON still judges each row the seek returns.
//
// The seek is taken on the clustered index (the rows themselves) or on a
// unique index whose whole key the ON fixes (one lookup per source row).
// Whatever the source's size that costs little more than the scan, which
// reads the whole target and finds each source row's candidates in a hash
// of it (merge_hash.go), where a seek reads a subset of it once per source
// row. A nonunique nonclustered index may look up most of
// the table per source row, so it keeps the scan. WHEN NOT MATCHED BY
// SOURCE needs every target row, so it scans too, as does a view target
// (its WHERE filters the base rows) and a target whose INDEX or FORCESCAN
// hint chooses another read.
//
// Locks: the seek reads through the target's own hints (openAccess), marked
// as a DML target like UPDATE's. Under HOLDLOCK or SERIALIZABLE the
// equality seek on a unique key locks the key whether or not its row
// exists (readlock.go), so a concurrent INSERT of a missing key waits
// until the MERGE's transaction ends — the point of the HOLDLOCK upsert.
// As in SQL Server, those locks are update (U) locks: two such upserts of
// the same key queue behind each other instead of both taking S and then
// deadlocking when each converts to X for its write; REPEATABLE READ holds
// U on the rows it finds. The scan path locks the same way (mergeScan,
// merge_lock.go); under READ COMMITTED it reads without locks, waits for
// the rows others hold and reads them again (catchUp), and either path
// locks each row it changes X and reads it again before judging it.

// mergeSeekTarget returns the target as a source sought per source row of
// src (open it with ec.with(sourceRow)), or nil when MERGE reads the whole
// target.
func (s *Session) mergeSeekTarget(st *ast.MergeStmt, tr *tableRef, alias string, src *source, isView bool) (*source, error) {
	tn, ok := st.Target.(*ast.TableName)
	if !ok || isView || tn.SystemTime != nil || tr.t == nil {
		return nil, nil
	}
	if len(tn.Name.Parts) == 1 && s.lookupCTE(tn.Name.Last()) != nil {
		return nil, nil
	}
	for _, w := range st.Whens {
		if w.Match == ast.NotMatchedBySource {
			return nil, nil
		}
	}
	for _, h := range tn.Hints {
		if h.Name == "INDEX" || h.Name == "FORCESCAN" {
			return nil, nil
		}
	}
	on := conjuncts(st.On)
	ap := chooseAccess(tr.t, s.seekBounds(tableScope(tr, alias, src.sc), on))
	if ap == nil || ap.semi != nil || ap.scan {
		return nil, nil
	}
	// A nonclustered index that is not fixed to one row looks up each row
	// it finds: a category of 60 rows reads 60 pages where the scan of a
	// 3,000-row target reads 10. Without estimates that seek is not taken.
	if ap.ix.IndexID != 1 && !((ap.ix.Unique || ap.ix.Primary) && len(ap.eq) == len(ap.ix.Columns)) {
		return nil, nil
	}
	// The seek reads the target as MERGE's scan did: the statement's
	// permissions were checked on the target (mergePerms), not SELECT.
	prev := s.perm.blind
	s.perm.blind = &blindTarget{db: tr.db.Name(), id: tr.t.ID, depth: s.depth()}
	tsrc, err := s.buildTableExpr(tn, src.sc, on)
	s.perm.blind = prev
	if err != nil {
		return nil, err
	}
	if tsrc.table == nil || tsrc.table.t != tr.t || tsrc.sc.width() != len(tr.t.Columns)+1 {
		return nil, nil // resolved to something else: scan as before
	}
	tsrc.table.dmlTarget = true
	h := tsrc.table.hints
	if u, holds := mergeReadHints(h, s.Opts.Isolation); holds { // merge_lock.go
		tsrc.table.hints = &u
	}
	return tsrc, nil
}

// mergeSought returns the target rows the seek finds for source row sr, in
// the order it reads them; each is a fresh copy the caller may keep.
func mergeSought(ec *evalCtx, tsrc *source, sr Row) ([]Row, error) {
	it, err := tsrc.open(ec.with(sr))
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var rows []Row
	for {
		r, err := it.Next()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		rows = append(rows, append(Row(nil), r...))
	}
}
