package exec

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// SET STATISTICS IO ON: after each statement, SQL Server's message 3615
// per table the statement read, in the order it first read them — what a
// developer compares between two forms of a query.
//
// The counts are mirrorsql's own work, in SQL Server's terms: "Scan count"
// is the number of range scans opened on the table or its indexes (a point
// lookup by key is a seek and counts 0, as a unique seek does in SQL
// Server); "logical reads" is one per point lookup and per scan opened, plus
// one per 8,060 bytes of rows read (a page's worth of row data). There are
// no physical, read-ahead or LOB page counts to report separately: the
// store's cache and files are not SQL Server's pages, so those read 0.

// ioStats counts one statement's reads per stored object.
type ioStats struct {
	order   []ioKey
	objects map[ioKey]*ioCounts
}

type ioKey struct {
	db  Database
	obj uint32
}

type ioCounts struct {
	scans, gets atomic.Int64
	bytes       atomic.Int64 // of rows read by scans (read-ahead goroutines add too)
}

func (st *ioStats) counts(db Database, obj uint32) *ioCounts {
	k := ioKey{db, obj}
	c := st.objects[k]
	if c == nil {
		c = &ioCounts{}
		st.objects[k] = c
		st.order = append(st.order, k)
	}
	return c
}

// countingReader counts the reads of one database's store into st.
type countingReader struct {
	r  storage.Reader
	st *ioStats
	db Database
}

func (c countingReader) Get(ctx context.Context, obj uint32, key []byte, asOf txlog.LSN) ([]byte, bool, error) {
	c.st.counts(c.db, obj).gets.Add(1)
	return c.r.Get(ctx, obj, key, asOf)
}

func (c countingReader) NewIterator(obj uint32, lower, upper []byte, reverse bool, asOf txlog.LSN) (storage.Iterator, error) {
	n := c.st.counts(c.db, obj)
	n.scans.Add(1)
	it, err := c.r.NewIterator(obj, lower, upper, reverse, asOf)
	if err != nil {
		return nil, err
	}
	return &countingIter{Iterator: it, n: n}, nil
}

type countingIter struct {
	storage.Iterator
	n *ioCounts
}

func (it *countingIter) Next() bool {
	if !it.Iterator.Next() {
		return false
	}
	it.n.bytes.Add(int64(len(it.Key()) + len(it.Value())))
	return true
}

// startIOStats begins counting one statement's reads; the returned
// function reports them (message 3615 per table) and restores the
// enclosing statement's counting, so a procedure's statements report
// their own reads, as SQL Server's do.
func (s *Session) startIOStats() func(out Output) {
	prev := s.ioStats
	st := &ioStats{objects: map[ioKey]*ioCounts{}}
	s.ioStats = st
	return func(out Output) {
		s.ioStats = prev
		// One line per table, summing its objects: a seek on a nonclustered
		// index and the lookups into the clustered one are one table's reads
		// in SQL Server's report ("Scan count 1, logical reads 501"), not two
		// lines naming the same table.
		type tableIO struct {
			db          Database
			name        string
			scans, read int64
		}
		var tables []*tableIO
		for _, k := range st.order {
			name := s.storedObjectTable(k.db, k.obj)
			if name == "" {
				continue // the identity and sequence records, system objects
			}
			c := st.objects[k]
			var ti *tableIO
			for _, x := range tables {
				if x.db == k.db && x.name == name {
					ti = x
					break
				}
			}
			if ti == nil {
				ti = &tableIO{db: k.db, name: name}
				tables = append(tables, ti)
			}
			ti.scans += c.scans.Load()
			ti.read += c.gets.Load() + c.scans.Load() + c.bytes.Load()/8060
		}
		for _, ti := range tables {
			_ = out.Message(&Error{Number: 3615, Severity: 0, State: 1, Message: fmt.Sprintf(
				"Table '%s'. Scan count %d, logical reads %d, physical reads 0, page server reads 0, read-ahead reads 0, page server read-ahead reads 0, lob logical reads 0, lob physical reads 0, lob page server reads 0, lob read-ahead reads 0, lob page server read-ahead reads 0.",
				ti.name, ti.scans, ti.read)})
		}
	}
}

// storedObjectTable names the table whose row store or index is stored
// object obj of db, or "".
func (s *Session) storedObjectTable(db Database, obj uint32) string {
	cat := s.catalogFor(db)
	if cat == nil {
		return ""
	}
	for _, t := range cat.Tables {
		for _, ix := range t.Indexes {
			if ix.StoreID == obj {
				return t.Name
			}
		}
	}
	return ""
}
