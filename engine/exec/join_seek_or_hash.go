package exec

import (
	"io"
	"math"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// A join seeking its right table by a key that may find many rows (issue
// #5). With ON o.CustID = c.CustID and a nonclustered index on o.CustID,
// every left row cost a seek and a lookup per order it found: 500
// customers LEFT JOIN 10,000 orders read 10,519 pages where a scan of the
// orders (31 pages) into a hash table would do. SQL Server weighs the two
// with its estimates; here the seek's cost comes from the index's
// statistics (the rows one key finds: join_small_stats.go keyEstimate) and
// the left side's size is learned by reading it ahead:
//
//	seeks cost  n × (semiRowsPerSeek + rowsPerKey × lookupRows)
//	            (× 1 instead of lookupRows when the index covers the
//	            query or is the clustered one)
//	hash costs  the right table's rows (a scan)
//
// so the join reads up to limit = rows / seek cost left rows: if the left
// side ends within them it seeks per row, as before; otherwise it builds
// the hash table first and probes it with the rows read ahead, then the
// rest. Where the choice cannot be made — no statistics (a #temp table),
// a read that holds its locks (a scan would lock every row,
// as seektip.go keeps seeks), an UPDATE's or DELETE's target (read in
// update mode) — the join seeks, as it did.

// seekOrHash reports whether a join whose right table tr (entry tn) is
// sought by ap, a seek that may find many rows, may choose at open between
// seeking and hashing: an equality prefix alone (a range has no rows per
// key), and tn not the UPDATE's or DELETE's target.
func (s *Session) seekOrHash(tn *ast.TableName, tr *tableRef, ap *accessPath) bool {
	if len(ap.eq) == 0 || len(ap.rng) > 0 || ap.alts != nil || ap.fixed != nil || ap.semi != nil || ap.scan {
		return false
	}
	return s.cursors == nil || tn != s.cursors.targetDecl
}

// seekLimit is how many left rows the join may seek the right table for
// before a hash join costs less: ok is false when the seeks stay whatever
// the left side's size.
func (j *adaptiveJoin) seekLimit(ec *evalCtx) (limit int, ok bool, err error) {
	if holdsReadLocks(j.s, j.tr) {
		return 0, false, nil
	}
	perKey, rows, found, err := j.s.keyEstimate(ec, j.tr, j.ap) // join_small_stats.go
	if err != nil || !found {
		return 0, false, err
	}
	// A seek costs about a dozen scanned rows (semijoin.go), and each row
	// it finds one more, or a lookup's worth (seektip.go) when the index
	// needs one.
	cost := semiRowsPerSeek + perKey
	if j.ap.ix.IndexID != 1 && coveringPlan(j.tr.t, j.ap.ix, j.mask.need()) == nil {
		cost = semiRowsPerSeek + perKey*lookupRows
	}
	n := rows / cost
	if n >= math.MaxInt32/2 {
		return 0, false, nil
	}
	return int(n), true, nil
}

// readLeftAhead reads up to limit+1 rows of li, copies (a scan may reuse its
// row); small reports that li ended within limit.
func readLeftAhead(li rowIter, limit int) (rows []Row, small bool, err error) {
	for len(rows) <= limit {
		r, err := li.Next()
		if err == io.EOF {
			return rows, true, nil
		}
		if err != nil {
			return nil, false, err
		}
		rows = append(rows, append(Row(nil), r...))
	}
	return rows, false, nil
}

// replayIter returns rows, then the rest of it.
type replayIter struct {
	rows []Row
	it   rowIter
}

func (r *replayIter) Next() (Row, error) {
	if len(r.rows) > 0 {
		row := r.rows[0]
		r.rows = r.rows[1:]
		return row, nil
	}
	return r.it.Next()
}

func (r *replayIter) Close() { r.it.Close() }

// openSeekOrHash starts it (a join with a seek that may find many rows,
// j.ap) with its left side li: seeks when li proves small, else the hash
// table built first.
func (it *adaptiveJoinIter) openSeekOrHash(li rowIter) error {
	it.li, it.mode = li, modeLoopOnly
	limit, ok, err := it.j.seekLimit(it.ec)
	if err != nil || !ok {
		return err
	}
	rows, small, err := readLeftAhead(li, limit)
	if err != nil {
		return err
	}
	it.li = &replayIter{rows: rows, it: li}
	if small {
		return nil
	}
	if err := it.startBuild(); err != nil {
		return err
	}
	for it.mode == modeBuilding {
		if err := it.build(-1); err != nil {
			return err
		}
	}
	return nil
}
