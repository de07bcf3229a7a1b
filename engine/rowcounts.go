package engine

import (
	"context"
	"fmt"
	"slices"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Row counts without reading the rows (issues #4 #5): sys.partitions.rows,
// sys.dm_db_partition_stats, sp_spaceused and the planner's cardinality.
//
// What is kept. For each stored object (a heap or clustered index, a
// nonclustered index) that something has asked about: its entries and their
// bytes (key + value), as of the committed store. Nothing is persisted: the
// figures live in memory, next to the commits that change them.
//
// How they stay right. Commit already tells an insert from an update from a
// delete — it reads every written key's before image to log it — so it
// knows each transaction's change to each object's entries and bytes
// (countDeltas). The change is added when the commit leaves the in-flight
// list (commitTracker.done), under the tracker's mutex. An object is counted
// once, lazily, on the first question: by walking its entries as of a read
// point taken under that same mutex (as PinReadPoint does), so every commit
// at or below the read point is in the walk and every commit above it was
// still in flight and adds its change to the figure afterwards — or, since
// concurrent commits apply in any order, left the list before an older one
// did and is kept (earlyCommit) until no count can need it. A rolled
// back transaction (or savepoint, or failed statement) never reaches
// Commit, so it never counts.
//
// Why it cannot drift forever. Only Commit moves the figures; every other
// way rows reach the store forgets them, so the next question counts again:
// redo (crash recovery at open, a mirror's redo, RESTORE LOG, a failover's
// catch-up: scanRedo), RevertTo (a principal becoming mirror undoes its
// tail), a DDL commit's dropped objects, and DBCC UPDATEUSAGE (ForgetRowCounts,
// as SQL Server's UPDATEUSAGE corrects its own counts). A restart, a RESTORE
// (a new Database) and a failover's new principal start with none.
//
// Rows of other sessions' open transactions are not in the figure (they are
// in their write sets, not the store); the asking session adds its own
// (exec/rowcount.go). SQL Server documents sys.partitions.rows as
// approximate and counts uncommitted inserts too; what this keeps is the
// committed count, which is what a reader of the table would get back.

// rowCount is one object's figures. n and bytes are guarded by
// commitTracker.mu; ready is closed when the first count has finished.
type rowCount struct {
	at       txlog.LSN // counted as of this LSN: commits above it add their change
	n, bytes int64
	err      error
	ready    chan struct{}
}

// objDelta is one commit's change to one object.
type objDelta struct {
	obj      uint32
	n, bytes int64
}

// addDelta adds (n, bytes) for obj to ds: the batch is in object order, so
// the last element is nearly always the one.
func addDelta(ds []objDelta, obj uint32, n, bytes int64) []objDelta {
	if k := len(ds) - 1; k >= 0 && ds[k].obj == obj {
		ds[k].n += n
		ds[k].bytes += bytes
		return ds
	}
	for i := range ds {
		if ds[i].obj == obj {
			ds[i].n += n
			ds[i].bytes += bytes
			return ds
		}
	}
	return append(ds, objDelta{obj: obj, n: n, bytes: bytes})
}

// earlyCommit is the change of a commit that left the in-flight list while
// an older commit was still in it: concurrent commits apply in any order
// (database.go). A count started before the older commit is done walks the
// store as of the older commit's read point, which leaves this commit's
// writes out, and this commit, done already, adds nothing afterwards — the
// figure would be off for good. So a count starts from the walk plus the
// early commits above its read point (StoredSize). Once no older commit is
// in flight, every later count's read point is at or above an early commit,
// whose writes its walk then sees: the entry is dropped.
type earlyCommit struct {
	lsn    txlog.LSN
	deltas []objDelta
	drops  []uint32
}

// done ends lsn's time in flight, as applied does, adding the commit's
// changes to the counted objects and forgetting the objects it dropped (their
// storage may be reused by a rebuild in the same commit: counted again).
// Called with deltas only when the commit's writes were applied.
func (t *commitTracker) done(lsn txlog.LSN, deltas []objDelta, drops []uint32) {
	t.mu.Lock()
	t.removeLocked(lsn)
	t.keepEarlyLocked(lsn, deltas, drops)
	if len(t.counts) > 0 {
		for _, obj := range drops {
			delete(t.counts, obj)
		}
		for _, d := range deltas {
			if c := t.counts[d.obj]; c != nil && lsn > c.at {
				c.n += d.n
				c.bytes += d.bytes
			}
		}
	}
	t.mu.Unlock()
}

// keepEarlyLocked keeps lsn's change when an older commit is still in
// flight, and drops the kept changes no count can need any longer.
func (t *commitTracker) keepEarlyLocked(lsn txlog.LSN, deltas []objDelta, drops []uint32) {
	if len(t.inflight) == 0 {
		t.early = nil
		return
	}
	oldest := t.inflight[0]
	t.early = slices.DeleteFunc(t.early, func(e earlyCommit) bool { return e.lsn < oldest })
	if lsn > oldest && len(deltas)+len(drops) > 0 {
		t.early = append(t.early, earlyCommit{lsn: lsn, deltas: slices.Clone(deltas), drops: slices.Clone(drops)})
	}
}

// earlyLocked is what the early commits above at changed in obj, and
// whether one of them dropped it (the walk then counts storage that is
// gone or rebuilt: the figure is answered but not kept).
func (t *commitTracker) earlyLocked(obj uint32, at txlog.LSN) (n, bytes int64, dropped bool) {
	for _, e := range t.early {
		if e.lsn <= at {
			continue
		}
		for _, d := range e.deltas {
			if d.obj == obj {
				n += d.n
				bytes += d.bytes
			}
		}
		dropped = dropped || slices.Contains(e.drops, obj)
	}
	return n, bytes, dropped
}

// forgetCounts drops every figure: the store changed other than by Commit.
func (t *commitTracker) forgetCounts() {
	t.mu.Lock()
	t.counts = nil
	t.mu.Unlock()
}

// ForgetRowCounts drops the figures of objs (all of them when objs is
// empty): DBCC UPDATEUSAGE's recount starts from the store.
func (db *Database) ForgetRowCounts(objs ...uint32) {
	t := &db.commits
	if len(objs) == 0 {
		t.forgetCounts()
		return
	}
	t.mu.Lock()
	for _, obj := range objs {
		delete(t.counts, obj)
	}
	t.mu.Unlock()
}

// ApproxRowCount is the planner's figure (docs/conventions.md): the committed
// entries of stored object obj if they have been counted since the database
// opened (by sys.partitions, sp_spaceused, DBCC UPDATEUSAGE or StoredSize),
// without any I/O; ok is false when they have not.
func (db *Database) ApproxRowCount(obj uint32) (n int64, ok bool) {
	t := &db.commits
	t.mu.Lock()
	defer t.mu.Unlock()
	c := t.counts[obj]
	if c == nil {
		return 0, false
	}
	select {
	case <-c.ready:
		return c.n, c.err == nil
	default:
		return 0, false
	}
}

// StoredSize returns the committed entries of stored object obj and their
// bytes (keys and values), counting them once if nobody has since the
// database opened or the figures were last forgotten.
func (db *Database) StoredSize(ctx context.Context, obj uint32) (rows, bytes int64, err error) {
	t := &db.commits
	t.mu.Lock()
	if c := t.counts[obj]; c != nil {
		t.mu.Unlock()
		select {
		case <-c.ready:
		case <-ctx.Done():
			return 0, 0, ctx.Err()
		}
		t.mu.Lock()
		rows, bytes, err = c.n, c.bytes, c.err
		t.mu.Unlock()
		if err == nil {
			return rows, bytes, nil
		}
		// The count that was waited for failed: count again below.
		t.mu.Lock()
		if t.counts[obj] == c {
			delete(t.counts, obj)
		}
	}
	// The read point of PinReadPoint: every commit at or below it is in the
	// store; every one above it is in flight and will add its change, or
	// was done before an older one and is kept in early.
	var at txlog.LSN
	if len(t.inflight) > 0 {
		at = t.inflight[0] - 1
	} else if end := db.log.EndOfLog(); end > 0 {
		at = end - 1
	}
	asOf := db.version(at)
	release, err := db.store.Pin(asOf)
	if err != nil {
		t.mu.Unlock()
		return 0, 0, fmt.Errorf("count rows: %w", err)
	}
	// The commits done above at, before an older one: not in the walk, and
	// past adding themselves (keepEarlyLocked).
	earlyN, earlyBytes, dropped := t.earlyLocked(obj, at)
	c := &rowCount{at: at, n: earlyN, bytes: earlyBytes, ready: make(chan struct{})}
	if t.counts == nil {
		t.counts = map[uint32]*rowCount{}
	}
	t.counts[obj] = c
	t.mu.Unlock()

	n, b, err := countEntries(db.store, obj, asOf)
	release()
	t.mu.Lock()
	if err != nil || dropped {
		c.err = err
		if t.counts[obj] == c {
			delete(t.counts, obj)
		}
	}
	if err == nil {
		c.n += n
		c.bytes += b
	}
	rows, bytes = c.n, c.bytes
	close(c.ready)
	t.mu.Unlock()
	if err != nil {
		return 0, 0, fmt.Errorf("count rows: %w", err)
	}
	return rows, bytes, nil
}

// countEntries walks obj's entries as of asOf: what the lazy count costs,
// once (today's cost of every sys.partitions query before issue #5's
// counters).
func countEntries(r storage.Reader, obj uint32, asOf txlog.LSN) (n, bytes int64, err error) {
	it, err := r.NewIterator(obj, nil, nil, false, asOf)
	if err != nil {
		return 0, 0, err
	}
	defer it.Close()
	for it.Next() {
		n++
		bytes += int64(len(it.Key()) + len(it.Value()))
	}
	return n, bytes, it.Err()
}
