package exec

import (
	"context"
	"encoding/binary"
	"sync"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// Sequence values outside transactions, as SQL Server hands them out.
//
// A sequence's definition lives in the catalog (CREATE/ALTER/DROP are
// transactional DDL), but its values do not: NEXT VALUE FOR takes the next
// one from an in-memory allocator under a short mutex, so a transaction
// that used a sequence holds no lock on it, and a rollback does not give
// its values back. Durability works like SQL Server's CACHE: before the
// allocator hands out a value it has durably reserved a block of up to
// seqCache values by a small transaction of its own (a log record under
// catalog.ObjectIdentity, key "seq"+id: committed, fsynced, mirrored and
// backed up like identity counters). After a crash or restart the
// allocator continues after the last reserved value, so no value is handed
// out twice; up to seqCache-1 values may be skipped, which SQL Server
// allows too.
//
// The record carries the definition it belongs to (the sequence's
// modify_date): after ALTER SEQUENCE … RESTART, or DROP and CREATE under a
// reused id, a stale record is ignored. ALTER without RESTART keeps the
// allocator's position: alterSequence stores it in the definition, and a
// record of an older definition that is further along (values reserved
// while the ALTER's transaction was open) still counts at load. A
// sequence created or altered by the still open transaction has no
// committed definition to follow: its values are taken the old way, from
// the transaction's catalog copy (they then do go back on rollback, with
// the sequence itself).

// seqCache is how many values one durable reservation covers (SQL Server's
// default CACHE is 50).
const seqCache = 50

type seqAllocKey struct {
	db Database
	id int32
}

var (
	seqAllocsMu sync.Mutex
	seqAllocs   = map[seqAllocKey]*seqAlloc{}
)

// seqAlloc hands out one sequence's values.
type seqAlloc struct {
	mu      sync.Mutex
	loaded  bool
	fp      int64 // the definition followed: Modified in Unix nanoseconds
	started bool
	cur     int64 // the last value handed out (when started)
	avail   int   // values reserved durably and not yet handed out
	// reserved is the last value of the durable reservation: what a
	// restart would continue after.
	reserved int64
}

func seqAllocFor(db Database, id int32) *seqAlloc {
	seqAllocsMu.Lock()
	defer seqAllocsMu.Unlock()
	k := seqAllocKey{db, id}
	a := seqAllocs[k]
	if a == nil {
		a = &seqAlloc{}
		seqAllocs[k] = a
	}
	return a
}

func seqRecordKey(id int32) []byte {
	return binary.BigEndian.AppendUint32([]byte("seq"), uint32(id))
}

// sync makes the allocator follow q, the committed definition: loading its
// position from the durable record the first time, restarting it after
// ALTER … RESTART. The caller holds a.mu.
func (a *seqAlloc) sync(ctx context.Context, db Database, q *catalog.Sequence) error {
	fp := q.Modified.UnixNano()
	if a.loaded && a.fp == fp {
		return nil
	}
	if !a.loaded {
		a.started, a.cur = q.Started, q.Current
		v, found, err := db.Store().Get(ctx, catalog.ObjectIdentity, seqRecordKey(q.ID), storage.Latest)
		if err != nil {
			return err
		}
		if found && len(v) == 16 {
			// Every value up to the reserved one may have been handed out.
			r, rfp := int64(binary.BigEndian.Uint64(v)), int64(binary.BigEndian.Uint64(v[8:]))
			switch {
			case rfp == fp:
				a.started, a.cur = true, r
			case q.Started && (q.Increment > 0 && r > a.cur || q.Increment < 0 && r < a.cur):
				// An ALTER without RESTART since the record: the position
				// it stored was taken when the ALTER ran, and other
				// sessions may have reserved further (under the old
				// definition) before it committed.
				a.cur = r
			}
		}
		a.reserved = a.cur
	} else if !q.Started {
		a.started = false // ALTER … RESTART [WITH n]
	} else if !a.started {
		a.started, a.cur = true, q.Current
	}
	a.loaded, a.fp, a.avail = true, fp, 0
	return nil
}

// next hands out the next value of q (the committed definition).
func (a *seqAlloc) next(ctx context.Context, db Database, q *catalog.Sequence) (int64, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.sync(ctx, db, q); err != nil {
		return 0, err
	}
	if a.avail == 0 {
		if err := a.reserve(ctx, db, q); err != nil {
			return 0, err
		}
	}
	c := *q
	c.Started, c.Current = a.started, a.cur
	v, err := advanceSequence(&c)
	if err != nil {
		return 0, err
	}
	a.started, a.cur = true, v
	a.avail--
	return v, nil
}

// reserve durably records the value seqCache steps ahead (or the last one
// before the sequence is exhausted) before any of them is handed out.
func (a *seqAlloc) reserve(ctx context.Context, db Database, q *catalog.Sequence) error {
	// This allocator is the record's only writer on this server, so a
	// record it did not write came from elsewhere — the log of a partner
	// that served as principal meanwhile, a restore: continue after it.
	v, found, err := db.Store().Get(ctx, catalog.ObjectIdentity, seqRecordKey(q.ID), storage.Latest)
	if err != nil {
		return err
	}
	if found && len(v) == 16 && int64(binary.BigEndian.Uint64(v[8:])) == a.fp {
		if r := int64(binary.BigEndian.Uint64(v)); !a.started || r != a.reserved {
			a.started, a.cur = true, r
		}
	}
	c := *q
	c.Started, c.Current = a.started, a.cur
	n := 0
	for ; n < seqCache; n++ {
		if _, err := advanceSequence(&c); err != nil {
			if n == 0 {
				return err // 11728
			}
			break
		}
	}
	g, ok := db.(interface{ NewTxnID() uint64 })
	if ok {
		rec := binary.BigEndian.AppendUint64(nil, uint64(c.Current))
		rec = binary.BigEndian.AppendUint64(rec, uint64(a.fp))
		ws := storage.NewWriteSet(0)
		if err := ws.Put(catalog.ObjectIdentity, seqRecordKey(q.ID), rec); err != nil {
			return err
		}
		// Its own transaction: durable whether the caller's commits or not.
		if err := db.Commit(context.WithoutCancel(ctx), &Writes{TxnID: g.NewTxnID(), Set: ws}); err != nil {
			return err
		}
	}
	a.avail, a.reserved = n, c.Current
	return nil
}

// position is the allocator's last value handed out for q (durable: the
// last value reserved), for sys.sequences.current_value (ALTER SEQUENCE);
// ok is false when it has handed out none since the definition's last
// restart.
func (a *seqAlloc) position(ctx context.Context, db Database, q *catalog.Sequence, durable bool) (cur int64, ok bool, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.sync(ctx, db, q); err != nil {
		return 0, false, err
	}
	if durable && a.started {
		return a.reserved, true, nil
	}
	return a.cur, a.started, nil
}

// committedSequence is the committed definition of q when the session's
// view of it is that definition (not created or altered by its open
// transaction), else nil.
func committedSequence(db Database, key string, q *catalog.Sequence) *catalog.Sequence {
	c := db.Catalog().Sequences[key]
	if c == nil || q == nil || c.ID != q.ID || !c.Modified.Equal(q.Modified) {
		return nil
	}
	return c
}

// ForgetSequences makes db's sequence allocators reload their position from
// the store on their next use, dropping the values they hold in memory. The
// engine calls it when the store's reservation records changed under them
// without passing through an allocator: RevertTo (a cut fork) and role changes
// (a mirror's redo wrote its principal's records). Without it an allocator
// could hand out values of a reservation the partner also handed out.
func ForgetSequences(db Database) {
	seqAllocsMu.Lock()
	var mine []*seqAlloc
	for k, a := range seqAllocs {
		if k.db == db {
			mine = append(mine, a)
		}
	}
	seqAllocsMu.Unlock()
	for _, a := range mine {
		a.mu.Lock()
		a.loaded, a.avail = false, 0
		a.mu.Unlock()
	}
}

// DropSequences forgets db's allocators entirely (DROP DATABASE, close).
func DropSequences(db Database) {
	seqAllocsMu.Lock()
	defer seqAllocsMu.Unlock()
	for k := range seqAllocs {
		if k.db == db {
			delete(seqAllocs, k)
		}
	}
}
