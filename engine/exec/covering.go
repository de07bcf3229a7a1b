package exec

import (
	"fmt"
	"io"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// Covering nonclustered reads (issue #5). A nonclustered index entry is
// the index's key columns — then, for a nonunique index, the row key —
// and its value is the row key, which for a clustered table is the
// clustered key's columns. When every column a query takes from the table
// is one of those and its key encoding gives the value back
// (types.KeyDecodable: integers, money, bit, date, datetime), the rows
// are built from the entries alone, as SQL Server reads a covering index:
// SELECT COUNT(*) FROM big WHERE cat = 7 reads the index's range, not a
// lookup per row. INCLUDE columns are not kept in our entries and strings
// are keyed by collation sort key, so a query needing either still looks
// its rows up.
//
// Locks: a READ COMMITTED read waits for the index keys another
// transaction holds (lockedIterator) and a SERIALIZABLE one takes ranges
// on them (rangeIterator) — what SQL Server's covering seek locks. A read
// that holds row locks (REPEATABLE READ, UPDLOCK, XLOCK) locks each row
// and then reads it, so that the values it returns are the locked row's:
// it keeps the lookups.

// coverCol is one column a covering read takes from an entry.
type coverCol struct {
	col  int // table column; -1: skipped
	typ  types.Type
	desc bool
}

// coverPlan reads rows from the entries of one nonclustered index.
type coverPlan struct {
	ncols   int
	typs    []types.Type // the table's column types, for the NULLs of the columns not read
	entry   []coverCol   // the index's key columns, in the entry key
	rowKey  []coverCol   // the clustered key's columns, in the row key (the entry's value)
	wantKey bool         // the hidden row key column
}

// coveringPlan returns how to build the rows need asks for from ix's
// entries, or nil when one of those columns is not in them (need nil: all
// columns, which an index never has).
func coveringPlan(t *catalog.Table, ix *catalog.Index, need []bool) *coverPlan {
	if need == nil || ix.IndexID == 1 || ix.IsHeap() || len(need) != len(t.Columns)+1 {
		return nil
	}
	p := &coverPlan{ncols: len(t.Columns), wantKey: need[len(t.Columns)]}
	got := make([]bool, len(t.Columns))
	add := func(cols []catalog.IndexColumn) ([]coverCol, bool) {
		out := make([]coverCol, len(cols))
		last := -1
		for i, kc := range cols {
			c := kc.Column
			if c < 0 || c >= len(t.Columns) {
				return nil, false
			}
			ct := t.Columns[c].Type
			out[i] = coverCol{col: -1, typ: ct, desc: kc.Desc}
			if need[c] && !got[c] && types.KeyDecodable(ct) && t.Columns[c].Computed == "" {
				out[i].col, got[c], last = c, true, i
			}
		}
		return out[:last+1], true // columns after the last one read are not parsed
	}
	var ok bool
	if p.entry, ok = add(ix.Columns); !ok {
		return nil
	}
	if rs := t.RowStore(); !rs.IsHeap() && rs.IndexID == 1 {
		if p.rowKey, ok = add(rs.Columns); !ok {
			return nil
		}
	}
	for c := range t.Columns {
		if need[c] && !got[c] {
			return nil
		}
	}
	p.typs = make([]types.Type, len(t.Columns))
	for i, c := range t.Columns {
		p.typs[i] = c.Type
	}
	return p
}

// row builds the row of one index entry (key, value).
func (p *coverPlan) row(key, val []byte) (Row, error) {
	row := make(Row, p.ncols+1)
	for i, ct := range p.typs {
		row[i] = types.Null(ct.ID)
	}
	if err := p.decode(row, p.entry, key); err != nil {
		return nil, err
	}
	if err := p.decode(row, p.rowKey, val); err != nil {
		return nil, err
	}
	if p.wantKey {
		row[p.ncols] = types.NewVarBinary(val)
	} else {
		row[p.ncols] = types.Null(types.VarBinary)
	}
	return row, nil
}

func (p *coverPlan) decode(row Row, cols []coverCol, b []byte) error {
	for _, c := range cols {
		v, n, ok := types.DecodeKeyValue(b, c.typ, c.desc)
		if !ok {
			return fmt.Errorf("index entry %x: %w", b, types.ErrCorruptRow)
		}
		if c.col >= 0 {
			row[c.col] = v
		}
		b = b[n:]
	}
	return nil
}

// coveringIter returns the rows of index iterator it built by p.
func coveringIter(it storage.Iterator, p *coverPlan) rowIter {
	if li, ok := it.(*lockedIterator); ok {
		li.recheck = true // readlock.go
	}
	return &funcIter{next: func() (Row, error) {
		if !it.Next() {
			if err := it.Err(); err != nil {
				return nil, err
			}
			return nil, io.EOF
		}
		return p.row(it.Key(), it.Value())
	}, close: func() { it.Close() }}
}
