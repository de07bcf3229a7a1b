package exec

import (
	"fmt"
	"io"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// colMask records which columns of one base table a SELECT references, so its
// scans decode only those (a projected decode: `SELECT id FROM big WHERE val =
// 7` never builds the pad strings or the hidden row key).
//
// Marking happens while the statement compiles: every column reference that
// resolves to the table's scope (scope.find, starCols) marks its column. The
// mask takes effect only once active is set, which buildSelect does after it
// has compiled every expression that reads the source's rows (WHERE, GROUP BY,
// aggregates, HAVING, windows, select list, ORDER BY, correlated subqueries
// compiled inside them). Sources built for DML, MERGE or index builds are never
// activated: they read rows by position and always get every column.
//
// An active mask also lets the scan reuse one row buffer: buildSelect's
// operators either consume a row before asking for the next (filter, group,
// project, the left side of a nested loop) or copy it (joins, sorts, drains).
type colMask struct {
	used   []bool // by table column; the last entry is the hidden row key
	active bool
	// gate is the column-permission check of the table's read, nil unless
	// column-level permission rows apply to the user (colperm.go).
	gate *colGate
	// rev: read the table backward — buildSelect sets it when the ORDER BY
	// is the clustered key order reversed (sortorder.go, backscan.go).
	rev bool
}

func newColMask(ncols int) *colMask { return &colMask{used: make([]bool, ncols+1)} }

func (m *colMask) mark(col int) {
	if col >= 0 && col < len(m.used) {
		m.used[col] = true
	}
}

// need returns the columns to decode: nil (all) unless the mask is active.
func (m *colMask) need() []bool {
	if m == nil || !m.active {
		return nil
	}
	return m.used
}

// ctxCheckEvery is how many rows a scan or filter reads between checks of the
// statement's context (cancellation by Attention, deadlines): often enough to
// stop within a millisecond, rarely enough to cost nothing per row.
const ctxCheckEvery = 256

// scanIter streams the rows of a table's row store: the table's columns and
// the hidden row key. With an active colMask it decodes only the referenced
// columns (the others are NULL) and reuses one row buffer; otherwise every
// row is a fresh, fully decoded slice.
type scanIter struct {
	it    storage.Iterator
	ec    *evalCtx
	tr    *tableRef
	typs  []types.Type
	need  []bool // nil: every column and the key
	reuse bool
	row   Row
	n     int // rows read, for the periodic context check

	// ahead: whether the scan may read ahead (readahead.go) once it has read
	// readAheadAfter rows; ra is the read-ahead once started.
	ahead bool
	ra    *readAhead

	// pre, when set (by the WHERE above the scan, before the first Next),
	// drops stored rows that cannot satisfy it before they are decoded.
	pre *rawFilter
}

func (it *scanIter) Next() (Row, error) {
	if it.ra != nil {
		return it.ra.next()
	}
	if it.ahead && it.n == readAheadAfter {
		if !acquireReadAhead() {
			it.ahead = false // every slot is taken: read on this goroutine
		} else {
			it.ra = startReadAhead(it.ec.ctx, it.it, it.typs, it.need, it.pre, it.tr.displayName())
			return it.ra.next()
		}
	}
	for {
		if !it.it.Next() {
			if err := it.it.Err(); err != nil {
				return nil, err
			}
			return nil, io.EOF
		}
		it.n++
		if it.n%ctxCheckEvery == 0 {
			if err := it.ec.ctx.Err(); err != nil {
				return nil, err
			}
		}
		if it.pre == nil || it.pre.keep(it.it.Value()) {
			break
		}
		if it.ahead && it.n == readAheadAfter {
			return it.Next() // hand over to the read-ahead at the same point as without pre
		}
	}
	ncol := len(it.typs)
	row := it.row
	if !it.reuse || row == nil {
		row = make(Row, ncol+1)
		if it.reuse {
			it.row = row
		}
	}
	if _, err := types.DecodeRowProjected(row[:ncol], it.it.Value(), it.typs, it.need); err != nil {
		return nil, fmt.Errorf("read %s: %w", it.tr.displayName(), err)
	}
	if it.need == nil || it.need[ncol] {
		row[ncol] = types.NewVarBinary(it.it.Key())
	} else {
		row[ncol] = types.Null(types.VarBinary)
	}
	return row, nil
}

func (it *scanIter) Close() {
	if it.ra != nil {
		it.ra.close()
		it.ra = nil
		releaseReadAhead()
	}
	it.it.Close()
}

// scanCols is scan with a column mask (nil: every column), taking no
// locks: what a table variable or a statement's own work table needs.
func (s *Session) scanCols(ec *evalCtx, tr *tableRef, lower, upper []byte, reverse bool, mask *colMask) (rowIter, error) {
	return s.scanRows(ec, tr, lower, upper, reverse, mask, nil)
}

// scanLocked is a forward scan of tr's row store in [lower, upper) that
// locks the rows it reads as rl says (nil: none; readlock.go).
func (s *Session) scanLocked(ec *evalCtx, tr *tableRef, lower, upper []byte, mask *colMask, rl *readLocks) (rowIter, error) {
	return s.scanRows(ec, tr, lower, upper, false, mask, rl)
}

func (s *Session) scanRows(ec *evalCtx, tr *tableRef, lower, upper []byte, reverse bool, mask *colMask, rl *readLocks) (rowIter, error) {
	rs := tr.t.RowStore()
	r := s.reader(tr.db)
	var it storage.Iterator
	var err error
	if rl != nil && rl.ranged {
		it, err = s.newRangeIterator(ec.ctx, r, rs.StoreID, lower, upper, rl) // keyrange.go
	} else {
		it, err = r.NewIterator(rs.StoreID, lower, upper, reverse, storage.Latest)
	}
	if err != nil {
		return nil, err
	}
	need := mask.need()
	// Not a transaction's write set (see readahead.go), and no row locks:
	// they are taken on the session's goroutine.
	ahead := need != nil && committedOnly(r) && scanReadAhead && rl == nil
	if rl != nil && !rl.ranged {
		it = newLockedIterator(ec.ctx, it, rl, r, lower, upper, reverse)
	}
	return &scanIter{it: it, ec: ec, tr: tr, typs: tr.t.ColumnTypes(), need: need, reuse: need != nil,
		ahead: ahead}, nil
}
