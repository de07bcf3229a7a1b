package exec

import "io"

// Backward scans: ORDER BY the clustered key DESC (the "latest N rows" every
// application pages through) reads the row store from its end, as SQL
// Server's backward clustered index scan does, so TOP and OFFSET/FETCH stop
// after the rows they return instead of sorting the whole table
// (sortorder.go decides; colMask.rev carries the decision to the read).
//
// A SERIALIZABLE read takes key-range locks through its range iterator
// (keyrange.go), which walks forward only: the backward read then reads its
// range forward, with the same locks, and hands the rows out in reverse. It
// reads the whole range, as the sort it replaces did.

// scanDir is scanLocked reading backward when reverse is set.
func (s *Session) scanDir(ec *evalCtx, tr *tableRef, lower, upper []byte, mask *colMask, rl *readLocks, reverse bool) (rowIter, error) {
	if !reverse {
		return s.scanLocked(ec, tr, lower, upper, mask, rl)
	}
	if rl == nil || !rl.ranged {
		return s.scanRows(ec, tr, lower, upper, true, mask, rl)
	}
	// Rows are kept, so each must be its own slice: decode every column the
	// mask asks for into fresh rows (reuse off).
	it, err := s.scanRows(ec, tr, lower, upper, false, mask, rl)
	if err != nil {
		return nil, err
	}
	if si, ok := it.(*scanIter); ok {
		si.reuse = false
	}
	defer it.Close()
	var rows []Row
	for {
		r, err := it.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	return &sliceIter{rows: rows}, nil
}
