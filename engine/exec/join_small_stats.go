package exec

import "math"

// A nonunique nonclustered index driving a join (issue #5). The typical
// foreign key —
//
//	SELECT … FROM dbo.orders o JOIN @picked c ON o.cust = c.id
//	SELECT … FROM dbo.orders o JOIN dbo.customers c ON o.cust = c.code
//	  WHERE c.id BETWEEN @a AND @b
//
// with a nonclustered index on orders(cust) — read every order, because a
// seek on such an index may find any number of rows per key, each looked
// up in the row store. SQL Server weighs that with the index's density
// vector: the rows an average key finds. smallDrive does the same once
// the driving side's rows are read (their number is known, not guessed):
// n seeks of rowsPerKey rows, each row a lookup costing lookupRows scanned
// rows (seektip.go), against the scan of the whole left table that the
// written plan reads:
//
//	n × (1 + rowsPerKey × lookupRows) ≤ rows of the left table
//
// A key of a few rows drives for thousands of driving rows; a status
// column with three values never does.

// seeksCheaper reports whether n seeks of d.byStats cost less than the
// written plan's scan of the left table. Without statistics (a #temp
// table) the written plan stays.
func (d *smallDrive) seeksCheaper(ec *evalCtx, n int) (bool, error) {
	perKey, ok, err := d.s.rowsPerKey(ec, d.ltr, d.byStats)
	if err != nil || !ok {
		return false, err
	}
	cost := float64(n) * (1 + perKey*lookupRows)
	if cost >= math.MaxInt32 {
		return false, nil
	}
	return d.s.rowsAtLeast(d.ltr, int(math.Ceil(cost))) // semijoin.go
}

// rowsPerKey is the rows a seek of ap finds for one value of its
// equalities on average: the table's rows × the density of that prefix of
// the index's key (1 / its distinct values), from the index's statistics
// (built now if it has none, as the tipping point builds them).
func (s *Session) rowsPerKey(ec *evalCtx, tr *tableRef, ap *accessPath) (float64, bool, error) {
	perKey, _, ok, err := s.keyEstimate(ec, tr, ap)
	return perKey, ok, err
}

// keyEstimate is rowsPerKey and the table's rows it is computed from (the
// maintained count, else the statistics').
func (s *Session) keyEstimate(ec *evalCtx, tr *tableRef, ap *accessPath) (perKey, rows float64, ok bool, err error) {
	x := statsTarget{id: ap.ix.IndexID, name: ap.ix.Name}
	c, err := s.statisticsFor(ec.ctx, tr.db, tr.t, x, true) // stats_store.go
	if err != nil || c == nil || len(ap.eq) == 0 || len(c.density) < len(ap.eq) {
		return 0, 0, false, err
	}
	rows = float64(c.rows)
	if now, ok := ApproxRows(tr.db, tr.t.RowStore().StoreID); ok {
		rows = float64(now) // the density applies to the rows now
	}
	return rows * c.density[len(ap.eq)-1], rows, true, nil
}
