package engine

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Read points: the consistent views SNAPSHOT transactions and
// READ_COMMITTED_SNAPSHOT statements read (issues #4 #5).
//
// Every commit writes its rows at version db.version(its commit LSN), so a
// read as of a version v sees exactly the commits with LSN <= v — provided
// each of them is already in the store (or queued: storage.ApplyLater's
// reads wait for queued writes). Commits finish out of LSN order (group
// commit, the mirror's wait), so the newest LSN applied is not such a point:
// a commit below it may still be on its way, and a reader as of it would see
// that commit's rows appear later. commitTracker keeps the commits appended
// but not yet applied; a read point is just below the oldest of them, or the
// end of the log when there are none.

// commitTracker lists the commits between their log append and their store
// apply. Its mutex is held across the append, so that no commit can take an
// LSN below a read point being computed.
type commitTracker struct {
	mu       sync.Mutex
	inflight []txlog.LSN // ascending: appended in LSN order under mu

	// counts are the row counts of the objects asked about (rowcounts.go):
	// under mu, so that a commit leaves inflight and adds its changes at once.
	counts map[uint32]*rowCount
	// early are the changes of the commits that left inflight before an
	// older commit did (rowcounts.go), under mu.
	early []earlyCommit
	// older wakes the commits waiting in waitOlder when one leaves inflight
	// (its L is mu).
	older sync.Cond
}

// appendCommit appends a commit's records and registers the commit as in
// flight; the caller calls applied(lsn) once its writes are applied or
// queued, or once it gives up.
func (db *Database) appendCommit(recs *txlog.Encoded) (txlog.LSN, error) {
	t := &db.commits
	t.mu.Lock()
	defer t.mu.Unlock()
	lsn, err := db.log.AppendEncoded(recs)
	if err == nil {
		t.inflight = append(t.inflight, lsn)
	}
	return lsn, err
}

// applied ends lsn's time in flight.
func (t *commitTracker) applied(lsn txlog.LSN) {
	t.mu.Lock()
	t.removeLocked(lsn)
	t.mu.Unlock()
}

func (t *commitTracker) removeLocked(lsn txlog.LSN) {
	if i := slices.Index(t.inflight, lsn); i >= 0 {
		t.inflight = slices.Delete(t.inflight, i, i+1)
		t.older.Broadcast()
	}
}

// waitOlder returns once no commit older than lsn is in flight. A commit
// calls it before it returns to its client, so that the session's next read
// point (PinReadPoint: just below the oldest commit in flight) includes the
// session's own commit: without it a commit that finished ahead of an older
// one of the same group flush returned, and the session's next
// READ_COMMITTED_SNAPSHOT statement read as of before it — its own update
// unseen, a read-modify-write lost (TestReviewAccessPathsUnderConcurrentWrites).
// The older commits are durable already (the log is written in LSN order)
// and only have their apply to queue, so the wait is short; none of them
// waits for a younger one.
func (t *commitTracker) waitOlder(lsn txlog.LSN) {
	t.mu.Lock()
	if t.older.L == nil {
		// Set once, under mu: a waiter that Broadcast woke reads L in
		// Cond.Wait without mu, so L must not be written again after.
		t.older.L = &t.mu
	}
	for len(t.inflight) > 0 && t.inflight[0] < lsn {
		t.older.Wait()
	}
	t.mu.Unlock()
}

// PinReadPoint implements exec's versioned database: the store version as of
// which a read sees every commit that has returned to its client and none
// that has not been applied, pinned (storage.Badger.Pin) until release, and
// the catalog committed then.
func (db *Database) PinReadPoint() (asOf txlog.LSN, cat *catalog.Database, release func(), err error) {
	t := &db.commits
	t.mu.Lock()
	var at txlog.LSN
	if len(t.inflight) > 0 {
		at = t.inflight[0] - 1
	} else if end := db.log.EndOfLog(); end > 0 {
		at = end - 1
	}
	asOf = db.version(at)
	// Pinned under mu: no commit applies meanwhile, so the discard point
	// (at most the applied LSN) is still at or below asOf.
	release, err = db.store.Pin(asOf)
	cat = db.Catalog()
	t.mu.Unlock()
	return asOf, cat, release, err
}

// Row versioning options (ALTER DATABASE … SET ALLOW_SNAPSHOT_ISOLATION |
// READ_COMMITTED_SNAPSHOT), kept on the open database so that every read
// can check them without the server catalog's lock.
const (
	optAllowSnapshot uint32 = 1 << iota
	optReadCommittedSnapshot
)

// versioningOptions are the row versioning options of an open database.
type versioningOptions struct{ bits atomic.Uint32 }

// load sets the options from database name's options o (dboptions.go).
func (v *versioningOptions) load(name string, o *catalog.DatabaseOptions) {
	var b uint32
	if o.On("ALLOW_SNAPSHOT_ISOLATION", defaultAllowSnapshot(name)) {
		b |= optAllowSnapshot
	}
	if o.On("READ_COMMITTED_SNAPSHOT", false) {
		b |= optReadCommittedSnapshot
	}
	v.bits.Store(b)
}

// ReadVersioning implements exec's versioned database.
func (db *Database) ReadVersioning() (allowSnapshot, readCommittedSnapshot bool) {
	b := db.versioning.bits.Load()
	return b&optAllowSnapshot != 0, b&optReadCommittedSnapshot != 0
}

// defaultAllowSnapshot is ALLOW_SNAPSHOT_ISOLATION of a database that never
// set it: ON in master and msdb, as SQL Server installs them.
func defaultAllowSnapshot(name string) bool {
	switch name {
	case "master", "msdb":
		return true
	}
	return false
}
