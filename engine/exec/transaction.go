package exec

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// Transaction is an open transaction: its lock owner and, for every database it
// wrote, the writes not yet committed. A transaction that writes to several
// databases commits them one after another.
type Transaction struct {
	owner *txn.Owner
	desc  uint64
	// dbs are the databases the transaction joined, in join order: a
	// slice, not a map, since it is one or two (dbsBuf backs those), and
	// every autocommit write builds one (a map cost two allocations).
	dbs    []*dbTxn
	dbsBuf [2]*dbTxn
	// implicit: started by the executor for one statement (autocommit).
	implicit bool
	// sysTime stamps the temporal rows the transaction writes (temporal.go).
	sysTime time.Time
	// points are a SNAPSHOT transaction's read points (snapshot.go).
	points readPoints
	// logMark is BEGIN TRAN name WITH MARK's, nil for an unmarked transaction.
	logMark *TxnMark

	// ownerBuf is owner's memory and first the first joined database's
	// state (dbTx): an autocommit write allocated the transaction, its
	// lock owner and its database's state separately (three allocations,
	// now one). A Transaction is never copied.
	ownerBuf  txn.Owner
	first     txnDB
	firstUsed bool
}

// txnDB is one joined database's state, its writes and their write set,
// allocated together.
type txnDB struct {
	d  dbTxn
	w  Writes
	ws storage.WriteSet
}

type dbTxn struct {
	id     int32 // db.ID()
	db     Database
	writes *Writes
	// cat is the transaction's view of the catalog: the committed one until the
	// transaction runs DDL, then its own clone.
	cat *catalog.Database
	// owner is the SID ALTER AUTHORIZATION ON DATABASE (or CREATE
	// DATABASE) gave the database in this transaction, nil if none: master's
	// sys.databases.owner_sid takes it once the transaction commits
	// (owner.go), as the database's own record (its catalog) does.
	owner []byte
}

// savepoint is what a SAVE TRANSACTION (or a statement start) can roll back to:
// a mark per database the transaction had joined. Every statement of an
// explicit transaction takes one, so the usual one or two databases live in
// buf (one allocation per savepoint, no maps).
type savepoint struct {
	dbs []dbMark
	buf [2]dbMark
}

// dbMark is one database's position at a savepoint.
type dbMark struct {
	id    int32
	mark  storage.Mark
	cat   *catalog.Database // the transaction's catalog copy then, or nil
	drops int               // len(writes.Drops) then
	owner []byte            // dbTxn.owner then
}

// find returns the savepoint's mark for database id, or nil when the
// transaction joined that database after the savepoint.
func (sp *savepoint) find(id int32) *dbMark {
	for i := range sp.dbs {
		if sp.dbs[i].id == id {
			return &sp.dbs[i]
		}
	}
	return nil
}

// newDescriptor is a transaction's TDS descriptor (ENVCHANGE 8, the
// transaction-manager requests): an identifier, not a secret, so the
// runtime's per-thread generator (math/rand/v2) serves; crypto/rand cost ~1.5
// µs of every autocommit statement. Never 0 (0 means "no transaction").
func newDescriptor() uint64 {
	for {
		if d := rand.Uint64(); d != 0 {
			return d
		}
	}
}

// beginTx starts the session's transaction if none is open.
func (s *Session) beginTx(implicit bool) *Transaction {
	if s.tx == nil {
		t := &Transaction{desc: newDescriptor(), implicit: implicit}
		t.owner = &t.ownerBuf
		s.srv.Locks().InitOwner(t.owner, s.SPID)
		t.owner.SetDeadlockPriority(s.Opts.DeadlockPriority)
		t.owner.SetKin(s.lockKin()) // cursor_scrolllocks.go
		t.dbs = t.dbsBuf[:0]
		s.tx = t
	}
	return s.tx
}

// db returns the transaction's state for database id, or nil when the
// transaction has not joined it.
func (t *Transaction) db(id int32) *dbTxn {
	for _, d := range t.dbs {
		if d.id == id {
			return d
		}
	}
	return nil
}

// dbTx returns the transaction's state for db, joining db to the transaction.
func (t *Transaction) dbTx(db Database) *dbTxn {
	d := t.db(db.ID())
	if d == nil {
		var id uint64
		if g, ok := db.(interface{ NewTxnID() uint64 }); ok {
			id = g.NewTxnID()
		}
		// One allocation for the three (every autocommit write joins one),
		// none for the first database: it is in the transaction's.
		a := &t.first
		if t.firstUsed {
			a = new(txnDB)
		}
		t.firstUsed = true
		a.w = Writes{TxnID: id, Set: &a.ws}
		a.d = dbTxn{id: db.ID(), db: db, writes: &a.w}
		d = &a.d
		t.dbs = append(t.dbs, d)
	}
	return d
}

// catalogFor is the catalog a statement of this session sees for db: its own
// uncommitted DDL, or the committed catalog.
func (s *Session) catalogFor(db Database) *catalog.Database {
	if s.tx != nil {
		if d := s.tx.db(db.ID()); d != nil && d.writes.Catalog != nil {
			return d.writes.Catalog
		}
	}
	return db.Catalog()
}

// mutableCatalog returns the transaction's own copy of db's catalog for DDL.
// The copy is published whole at commit, so the first copy a transaction takes
// of a shared database's catalog is taken under the catalog's X lock
// (lockCatalog), held to the transaction's end: a concurrent DDL transaction
// waits for this one's commit and copies its result instead of overwriting it
// (two concurrent CREATE TABLE would otherwise lose one table). The session's
// own temp database is not shared and takes no lock. The error is the lock's
// (timeout, deadlock victim, cancel).
func (s *Session) mutableCatalog(ctx context.Context, db Database) (*catalog.Database, error) {
	if err := checkWritable(db); err != nil { // readonly_db.go
		return nil, err
	}
	return s.copyCatalog(ctx, db)
}

// copyCatalog is mutableCatalog without the write check.
func (s *Session) copyCatalog(ctx context.Context, db Database) (*catalog.Database, error) {
	d := s.beginTx(true).dbTx(db)
	if d.writes.Catalog == nil {
		if t, temp := db.(*tempDatabase); !temp || t.shared {
			if err := s.lockCatalog(ctx, db); err != nil {
				return nil, err
			}
		}
		d.writes.Catalog = db.Catalog().Clone()
	}
	return d.writes.Catalog, nil
}

// mark takes a savepoint over every database the transaction has joined.
func (t *Transaction) mark() *savepoint {
	sp := &savepoint{}
	sp.dbs = sp.buf[:0]
	for _, d := range t.dbs {
		m := dbMark{id: d.id, mark: d.writes.Set.Mark(), drops: len(d.writes.Drops), owner: d.owner}
		if d.writes.Catalog != nil {
			m.cat = d.writes.Catalog.Clone()
		}
		sp.dbs = append(sp.dbs, m)
	}
	return sp
}

// rollbackTo undoes everything done since sp; the savepoint stays usable.
func (t *Transaction) rollbackTo(sp *savepoint) {
	for _, d := range t.dbs {
		m := sp.find(d.id)
		if m == nil {
			d.writes.Set.Reset()
			d.writes.Catalog = nil
			d.writes.Drops = nil
			d.owner = nil
			continue
		}
		d.writes.Set.RollbackTo(m.mark)
		if m.cat != nil {
			d.writes.Catalog = m.cat.Clone()
		} else {
			d.writes.Catalog = nil
		}
		d.writes.Drops = d.writes.Drops[:m.drops]
		d.owner = m.owner
	}
}

// release ends sp keeping the writes made since.
func (t *Transaction) release(sp *savepoint) {
	for _, m := range sp.dbs {
		if d := t.db(m.id); d != nil {
			d.writes.Set.Release(m.mark)
		}
	}
}

// commitTx commits the open transaction in every database it wrote and releases
// its locks.
func (s *Session) commitTx(ctx context.Context) error {
	t := s.tx
	if t == nil {
		return nil
	}
	s.tx = nil
	defer s.srv.Locks().ReleaseAll(t.owner)
	defer t.points.releaseAll()
	dbs := t.dbs
	if len(dbs) > 1 { // in id order, as before
		dbs = slices.Clone(dbs)
		slices.SortFunc(dbs, func(a, b *dbTxn) int { return cmp.Compare(a.id, b.id) })
	}
	for _, d := range dbs {
		// A mark goes into the log of every database the transaction
		// updated (a mark's point is the same in all of them: "Use Marked
		// Transactions to Recover Related Databases Consistently").
		d.writes.Mark = t.logMark
		gone := dropStatsRecords(d.db, d.writes) // stats_drop.go
		if err := d.db.Commit(ctx, d.writes); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		forgetDroppedStats(d.db, gone)
	}
	if err := s.recordOwners(dbs); err != nil { // owner.go
		return err
	}
	if r, ok := s.srv.(MarkRecorder); ok && t.logMark != nil {
		for _, d := range dbs {
			if d.writes.MarkLSN != 0 {
				r.RecordMark(ctx, d.db.Name(), d.writes)
			}
		}
	}
	return nil
}

// abortTx discards the open transaction and releases its locks.
func (s *Session) abortTx() {
	t := s.tx
	if t == nil {
		return
	}
	s.tx = nil
	t.points.releaseAll()
	s.srv.Locks().ReleaseAll(t.owner)
}

// rollbackAll rolls the whole transaction back, as ROLLBACK or an aborting error
// does, and reports it.
func (s *Session) rollbackAll(ctx context.Context, out Output) {
	desc := s.TransactionDescriptor()
	for s.nest.Active() {
		if _, err := s.nest.Rollback(""); err != nil {
			break
		}
	}
	s.abortTx()
	if out != nil && desc != 0 {
		_ = out.Transaction(TranRolledBack, desc)
	}
}

// lock acquires a lock for the current transaction, honouring SET LOCK_TIMEOUT.
func (s *Session) lock(ctx context.Context, res txn.Resource, mode txn.Mode, dur txn.Duration) error {
	t := s.beginTx(true)
	return s.srv.Locks().Lock(ctx, t.owner, res, mode, dur, txn.LockTimeout(s.Opts.LockTimeout))
}

// writtenDatabases lists the ids of the databases t has written in, in id
// order (nil for a nil t): where DBCC OPENTRAN finds it.
func (t *Transaction) writtenDatabases() []int32 {
	if t == nil {
		return nil
	}
	var ids []int32
	for _, d := range t.dbs {
		if d.writes != nil && d.writes.Set != nil && d.writes.Set.Len() > 0 {
			ids = append(ids, d.id)
		}
	}
	slices.Sort(ids)
	return ids
}
