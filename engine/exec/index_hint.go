package exec

import (
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Table hints that choose how a table is read (Microsoft's "Table Hints
// (Transact-SQL)"): INDEX (name | id [, …]) reads through the named index —
// a seek when the query's conditions fix its leading key, otherwise a scan
// of it (with a lookup of each row's columns when it is nonclustered);
// INDEX (0) scans the heap or clustered index, INDEX (1) reads the
// clustered index. FORCESEEK allows only a seek (8622 when the conditions
// give none), FORCESEEK (ix (col, …)) a seek of ix on those leading key
// columns, FORCESCAN only a scan. A developer checks the choice with SET
// STATISTICS IO (a seek's scan count and logical reads are not a scan's),
// so a hint the server ignored shows there, and a query that depends on
// FORCESEEK's refusal to scan must be refused here too.
//
// With several indexes in INDEX (a, b) SQL Server intersects them; here the
// first is read and the query's filter does the rest (same rows).
var (
	errHintIndexMissing  = errorKind{308, 16, 1, "Index '%s' on table '%s' (specified in the FROM clause) does not exist.", AbortStatement}
	errHintIndexDisabled = errorKind{315, 16, 1, "Index \"%s\" on table \"%s\" (specified in the FROM clause) is disabled or resides in a filegroup which is not online.", AbortStatement}
	errHintIndexID       = errorKind{307, 16, 1, "Index ID %d on table '%s' (specified in the FROM clause) does not exist.", AbortStatement}
	errHintIndexIDOff    = errorKind{316, 16, 1, "The index ID %d on table \"%s\" (specified in the FROM clause) is disabled or resides in a filegroup which is not online.", AbortStatement}
	// 8622 is the optimizer's: the statement never runs, and the batch ends.
	errHintNoPlan       = errorKind{8622, 16, 1, "Query processor could not produce a query plan because of the hints defined in this query. Resubmit the query without specifying any hints and without using SET FORCEPLAN.", AbortBatch}
	errHintSeekAndScan  = errorKind{10746, 15, 1, "The FORCESCAN hint is specified simultaneously with the FORCESEEK hint. Remove one of the hints and resubmit the query.", AbortBatch}
	errHintSeekAndIndex = errorKind{10747, 15, 1, "The parameterized FORCESEEK hint cannot be simultaneously used with INDEX hints or a non-parameterized FORCESEEK hint on the same object. Use either INDEX hints and a non-parameterized FORCESEEK hint or use a parameterized FORCESEEK hint without INDEX hints for each table or view.", AbortBatch}
	errHintScanIndexes  = errorKind{10750, 15, 1, "The FORCESCAN hint cannot be used with more than one INDEX hint. Remove the extra INDEX hints and resubmit the query.", AbortBatch}
	errHintSeekColumn   = errorKind{362, 16, 1, "The query processor could not produce a query plan because the name '%s' in the FORCESEEK hint on table or view '%s' did not match the key column names of the index '%s'.", AbortBatch}
	errHintSeekTooMany  = errorKind{365, 16, 1, "The query processor could not produce a query plan because the FORCESEEK hint on table or view '%s' specified more seek columns than the number of key columns in index '%s'.", AbortBatch}
	errHintSeekZero     = errorKind{10749, 16, 1, "The FORCESEEK hint cannot be used with index 0. Correct the index provided to the FORCESEEK hint and resubmit the query.", AbortBatch}
)

// accessHints is what a table's hints say about the way to read it.
type accessHints struct {
	index     *catalog.Index // INDEX (…) or FORCESEEK (ix (…)): the index to read (the first named)
	rowStore  bool           // INDEX (0): scan the heap or clustered index
	forceSeek bool
	seekCols  int // FORCESEEK (ix (c1, …)): how many leading key columns the seek must fix
	forceScan bool
}

// tableAccessHints reads the INDEX, FORCESEEK and FORCESCAN hints among hs
// for tr (nil when there are none); table is the name as the FROM clause
// wrote it. Naming an index that does not exist is 308 (by id 307), a
// disabled one 315 (316).
func tableAccessHints(tr *tableRef, table *ast.Name, hs []*ast.Option) (*accessHints, error) {
	if tr == nil || tr.t == nil || len(hs) == 0 {
		return nil, nil
	}
	var ah accessHints
	seen, indexes, paramSeek := false, 0, false
	for _, h := range hs {
		switch strings.ToUpper(h.Name) {
		case "FORCESCAN":
			ah.forceScan, seen = true, true
		case "FORCESEEK":
			ah.forceSeek, seen = true, true
			if h.Value == nil {
				continue
			}
			paramSeek = true
			ix, err := hintIndex(tr, table, h)
			if err != nil {
				return nil, err
			}
			if ix == nil {
				return nil, errHintSeekZero.New()
			}
			if len(h.Sub) > len(ix.Columns) {
				return nil, errHintSeekTooMany.New(tr.t.Name, ix.Name)
			}
			for i, c := range h.Sub {
				name := hintWord(c)
				if !strings.EqualFold(tr.t.Columns[ix.Columns[i].Column].Name, name) {
					return nil, errHintSeekColumn.New(name, tr.t.Name, ix.Name)
				}
			}
			ah.index, ah.seekCols = ix, len(h.Sub)
		case "INDEX":
			vals := append([]*ast.Option{h}, h.Sub...)
			for _, v := range vals {
				ix, err := hintIndex(tr, table, v)
				if err != nil {
					return nil, err
				}
				indexes++
				if ix == nil {
					ah.rowStore = true
				} else if ah.index == nil || paramSeek {
					ah.index = ix
				}
				seen = true
			}
		}
	}
	if !seen {
		return nil, nil
	}
	switch {
	case ah.forceSeek && ah.forceScan:
		return nil, errHintSeekAndScan.New()
	case paramSeek && indexes > 0:
		return nil, errHintSeekAndIndex.New()
	case ah.forceScan && indexes > 1:
		return nil, errHintScanIndexes.New()
	case ah.rowStore && ah.index != nil && ah.index.IndexID != 1:
		// INDEX (0) beside another index: no access path reads both.
		e := errHintNoPlan.New()
		e.State = 2
		return nil, e
	}
	if ah.rowStore && ah.index != nil {
		ah.index = nil // INDEX (0, 1): the clustered index, scanned
	}
	return &ah, nil
}

// hintIndex resolves one INDEX value (or FORCESEEK's index): nil for id
// 0 (the heap or clustered index, scanned), else the index.
func hintIndex(tr *tableRef, table *ast.Name, h *ast.Option) (*catalog.Index, error) {
	if lit, ok := h.Value.(*ast.Literal); ok {
		id, err := strconv.Atoi(lit.Text)
		if err == nil {
			if id == 0 {
				return nil, nil
			}
			for _, ix := range tr.t.Indexes {
				if int(ix.IndexID) == id && !ix.IsHeap() {
					if ix.Disabled {
						return nil, errHintIndexIDOff.New(id, nameText(table))
					}
					return ix, nil
				}
			}
			return nil, errHintIndexID.New(id, nameText(table))
		}
	}
	name := hintWord(h)
	ix := tr.t.Index(name)
	if ix == nil || ix.IsHeap() {
		return nil, errHintIndexMissing.New(name, nameText(table))
	}
	if ix.Disabled {
		return nil, errHintIndexDisabled.New(name, nameText(table))
	}
	return ix, nil
}

// hintWord is a hint value written as a name.
func hintWord(h *ast.Option) string {
	switch v := h.Value.(type) {
	case *ast.ColumnRef:
		if v.Name != nil {
			return v.Name.Last()
		}
	case nil:
		return h.Word
	}
	return ""
}

// choose picks the access path the hints allow for a table whose scope is
// sc under conds (ah nil: the planner's own choice, chooseAccess).
func (ah *accessHints) choose(s *Session, t *catalog.Table, sc *scope, conds []ast.Expr) (*accessPath, error) {
	bounds := s.seekBounds(sc, conds)
	if ah == nil {
		return chooseAccess(t, bounds), nil
	}
	switch {
	case ah.rowStore:
		if ah.forceSeek {
			return nil, errHintNoPlan.New()
		}
		return nil, nil
	case ah.forceScan && ah.index == nil:
		return nil, nil
	}
	if ah.index != nil && ah.index.Filter != "" && !s.filterImplied(t, sc, ah.index, conds) {
		return nil, errHintNoPlan.New() // filter_implied.go
	}
	among := t.Indexes
	if ah.index != nil {
		among = []*catalog.Index{ah.index}
	}
	var ap *accessPath
	if !ah.forceScan {
		ap = chooseAccessAmong(t, among, bounds)
		if ap != nil && ah.seekCols > 0 {
			fixed := len(ap.eq)
			if len(ap.rng) > 0 {
				fixed++
			}
			if fixed < ah.seekCols {
				ap = nil // FORCESEEK (ix (a, b)) seeks on both
			}
		}
	}
	if ap == nil && ah.forceSeek && !mentionsLeadingKey(s, sc, among, conds) {
		return nil, errHintNoPlan.New()
	}
	if ap == nil && ah.index != nil && ah.index.IndexID > 1 && ah.index.Filter == "" {
		// No seek: scan the whole nonclustered index, looking each row up.
		ap = &accessPath{ix: ah.index, scan: true}
	}
	return ap, nil
}

// mentionsLeadingKey reports whether a condition names one of the
// indexes' leading key columns: SQL
// Server can seek on more shapes than seekBounds finds (IN lists, IS NULL,
// OR of ranges, <>), so a FORCESEEK is refused only when no condition could
// give any seek; one the planner cannot use is read with a scan, the
// filter giving the same rows.
func mentionsLeadingKey(s *Session, sc *scope, among []*catalog.Index, conds []ast.Expr) bool {
	local := &compiler{s: s, sc: sc}
	leading := map[int]bool{}
	for _, ix := range among {
		if ix.IsHeap() || ix.Filter != "" || ix.Disabled || len(ix.Columns) == 0 {
			continue
		}
		leading[ix.Columns[0].Column] = true
	}
	found := false
	for _, c := range conds {
		ast.Inspect(c, func(nd ast.Node) bool {
			switch x := nd.(type) {
			case *ast.Query:
				return false
			case *ast.ColumnRef:
				if col, err := local.column(x.Name); err == nil && col.col >= 0 && leading[col.col] {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// accessHinted reports whether hs choose the access path: such a table is
// joined by a nested loop, which reads it the way they say, and not by a
// hash join over its own choice.
func accessHinted(hs []*ast.Option) bool {
	for _, h := range hs {
		switch strings.ToUpper(h.Name) {
		case "INDEX", "FORCESEEK", "FORCESCAN":
			return true
		}
	}
	return false
}
