package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Row versioning reads: SNAPSHOT isolation and READ_COMMITTED_SNAPSHOT
// (issues #4 #5).
//
// The store keeps every committed row version under the LSN that wrote it,
// so a consistent view is a read as of one version (a read point,
// engine/readpoint.go) pinned against badger's garbage collection for as
// long as it is used. Which point a read uses:
//
//   - SET TRANSACTION ISOLATION LEVEL SNAPSHOT inside an explicit
//     transaction: one point per database, taken at the transaction's first
//     read of it and kept to its end (Transaction.points);
//   - SNAPSHOT outside one, and READ COMMITTED in a database with
//     READ_COMMITTED_SNAPSHOT ON: one point per statement (Session.stmtPoints,
//     statementReads);
//   - otherwise none: the newest committed rows (storage.Latest), as before.
//
// Reads that guard a write always read the newest committed rows, under the
// key's X lock: duplicate-key and foreign-key checks, and the re-read of a
// row an UPDATE/DELETE/MERGE is about to change (collectTargets), which
// under SNAPSHOT is also where an update conflict (3960) is detected. Under
// READ COMMITTED an UPDATE, DELETE or MERGE reads the newest committed rows
// throughout, with READ_COMMITTED_SNAPSHOT too (execStatement), so it
// cannot lose an update nor miss a row committed while it ran.

// versionedDatabase is a Database whose committed rows can be read as of a
// consistent point (engine.Database; a session's temp database is not).
type versionedDatabase interface {
	// ReadVersioning reports ALLOW_SNAPSHOT_ISOLATION and READ_COMMITTED_SNAPSHOT.
	ReadVersioning() (allowSnapshot, readCommittedSnapshot bool)
	// PinReadPoint returns the store version a consistent read uses now, pinned
	// until release, and the catalog committed at that point.
	PinReadPoint() (asOf txlog.LSN, cat *catalog.Database, release func(), err error)
}

// readPoint is one database's pinned read view.
type readPoint struct {
	asOf    txlog.LSN
	cat     *catalog.Database
	release func()
}

// readPoints are the read points of one scope, by database id.
type readPoints map[int32]*readPoint

// take returns the scope's point for db, pinning one at the first use.
func (p *readPoints) take(vd versionedDatabase, id int32) (*readPoint, error) {
	if rp := (*p)[id]; rp != nil {
		return rp, nil
	}
	asOf, cat, release, err := vd.PinReadPoint()
	if err != nil {
		return nil, err
	}
	if *p == nil {
		*p = readPoints{}
	}
	rp := &readPoint{asOf: asOf, cat: cat, release: release}
	(*p)[id] = rp
	return rp, nil
}

// releaseAll unpins every point of the scope.
func (p readPoints) releaseAll() {
	for _, rp := range p {
		rp.release()
	}
}

var (
	// ErrSnapshotNotAllowed is SQL Server's 3952: SNAPSHOT in a database
	// without ALLOW_SNAPSHOT_ISOLATION.
	ErrSnapshotNotAllowed = errorKind{3952, 16, 1, "Snapshot isolation transaction failed accessing database '%s' because snapshot isolation is not allowed in this database. Use ALTER DATABASE to allow snapshot isolation.", AbortStatement}
	// ErrSnapshotDDLChanged is SQL Server's 3961: a SNAPSHOT transaction
	// used a table another transaction's DDL changed since its snapshot (the
	// catalog is not versioned).
	ErrSnapshotDDLChanged = errorKind{3961, 16, 1, "Snapshot isolation transaction failed in database '%s' because the object accessed by the statement has been modified by a DDL statement in another concurrent transaction since the start of this transaction. It is disallowed because the metadata is not versioned. A concurrent update to metadata can lead to inconsistency if mixed with snapshot isolation.", AbortTransaction}
	// ErrSnapshotUpdateConflict is SQL Server's 3960: a SNAPSHOT transaction
	// wrote a row another transaction changed since its snapshot. It rolls
	// the transaction back.
	ErrSnapshotUpdateConflict = errorKind{3960, 16, 2, "Snapshot isolation transaction aborted due to update conflict. You cannot use snapshot isolation to access table '%s' directly or indirectly in database '%s' to update, delete, or insert the row that has been modified or deleted by another transaction. Retry the transaction or change the isolation level for the update/delete statement.", AbortTransaction}
)

// readPointFor returns the point the session's reads of db use now, or nil
// for the newest committed rows.
func (s *Session) readPointFor(db Database) (*readPoint, error) {
	iso := s.Opts.Isolation
	if iso != txn.Snapshot && iso != txn.ReadCommitted || s.latestReads > 0 {
		return nil, nil
	}
	vd, ok := db.(versionedDatabase)
	if !ok {
		return nil, nil
	}
	allow, rcsi := vd.ReadVersioning()
	switch {
	case iso == txn.Snapshot:
		if !allow {
			return nil, ErrSnapshotNotAllowed.New(db.Name())
		}
		if s.tx != nil && s.nest.Active() {
			return s.tx.points.take(vd, db.ID())
		}
		return s.stmtPoints.take(vd, db.ID())
	case rcsi:
		return s.stmtPoints.take(vd, db.ID())
	}
	return nil, nil
}

// checkSnapshotAllowed fails a SNAPSHOT transaction's use of db when db
// does not allow snapshot isolation (3952): at a table's name resolution and
// at a row write; reads fail the same way in readPointFor.
func (s *Session) checkSnapshotAllowed(db Database) error {
	if s.Opts.Isolation != txn.Snapshot {
		return nil
	}
	if vd, ok := db.(versionedDatabase); ok {
		if allow, _ := vd.ReadVersioning(); !allow {
			return ErrSnapshotNotAllowed.New(db.Name())
		}
	}
	return nil
}

// checkSnapshotMetadata fails a SNAPSHOT transaction's use of table t of
// db (as cat, the catalog the statement sees, defines it) with 3961 when
// another transaction's DDL changed or created it since the transaction's
// snapshot: its rows as of the snapshot may be gone (TRUNCATE and index
// rebuilds drop storage unversioned) or no longer fit its definition.
func (s *Session) checkSnapshotMetadata(db Database, cat *catalog.Database, t *catalog.Table) error {
	rp := s.snapshotPoint(db)
	if rp == nil || rp.cat == nil || cat == rp.cat {
		return nil
	}
	if d := s.txDB(db); d != nil && d.writes.Catalog == cat {
		return nil // the transaction's own DDL
	}
	old := rp.cat.Table(t.Schema, t.Name)
	if old == nil || old.ID != t.ID || !old.Modified.Equal(t.Modified) || len(old.Indexes) != len(t.Indexes) ||
		old.RowStore().StoreID != t.RowStore().StoreID {
		return ErrSnapshotDDLChanged.New(db.Name())
	}
	return nil
}

// snapshotPoint is the SNAPSHOT read point of db the session holds, or nil
// when its reads of db are not a SNAPSHOT transaction's.
func (s *Session) snapshotPoint(db Database) *readPoint {
	if s.Opts.Isolation != txn.Snapshot {
		return nil
	}
	if s.tx != nil && s.nest.Active() {
		return s.tx.points[db.ID()]
	}
	return s.stmtPoints[db.ID()]
}

// checkUpdateConflict is called with a target row's X lock held, before the
// row is changed: under SNAPSHOT a row another transaction changed or
// deleted since the snapshot is an update conflict (3960). The comparison is
// by value (the newest committed row against the snapshot's), so a change
// that wrote back the very bytes the snapshot has goes unnoticed.
func (s *Session) checkUpdateConflict(ctx context.Context, tr *tableRef, key []byte) error {
	rp := s.snapshotPoint(tr.db)
	if rp == nil {
		return nil
	}
	obj := tr.t.RowStore().StoreID
	if d := s.txDB(tr.db); d != nil {
		if _, _, own := d.writes.Set.Lookup(obj, key); own {
			return nil // the transaction's own write is its to change
		}
	}
	cur, found, err := tr.db.Store().Get(ctx, obj, key, storage.Latest)
	if err != nil {
		return err
	}
	old, had, err := tr.db.Store().Get(ctx, obj, key, rp.asOf)
	if err != nil {
		return err
	}
	if had != found || string(old) != string(cur) {
		return ErrSnapshotUpdateConflict.New(tr.displayName(), tr.db.Name())
	}
	return nil
}

// txDB is the open transaction's state for db, or nil.
func (s *Session) txDB(db Database) *dbTxn {
	if s.tx == nil {
		return nil
	}
	return s.tx.db(db.ID())
}

// readLatest makes the session's reads see the newest committed rows until
// the returned function is called: the checks of a write (foreign keys)
// run against the current rows under every isolation level, as SQL Server's.
func (s *Session) readLatest() func() {
	s.latestReads++
	return func() { s.latestReads-- }
}

// findsTargetRows reports the statements that read the rows they change:
// under READ COMMITTED they read the newest committed rows, also with
// READ_COMMITTED_SNAPSHOT.
func findsTargetRows(st ast.Statement) bool {
	switch st.(type) {
	case *ast.UpdateStmt, *ast.DeleteStmt, *ast.MergeStmt:
		return true
	}
	return false
}

// statementReads begins a statement's scope of read points; the caller
// defers endStatementReads(saved).
func (s *Session) statementReads() (saved readPoints) {
	saved, s.stmtPoints = s.stmtPoints, nil
	return saved
}

// endStatementReads releases the statement's read points and restores the
// enclosing statement's.
func (s *Session) endStatementReads(saved readPoints) {
	if s.stmtPoints != nil {
		s.stmtPoints.releaseAll()
	}
	s.stmtPoints = saved
}

// committedOnly reports whether r reads the badger store alone (newest or
// as of a read point), not a transaction's write set.
func committedOnly(r storage.Reader) bool {
	if a, ok := r.(storage.AsOfReader); ok {
		r = a.R
	}
	_, ok := r.(*storage.Badger)
	return ok
}

// errReader fails every read with err (3952, a pin that failed).
type errReader struct{ err error }

func (r errReader) Get(context.Context, uint32, []byte, txlog.LSN) ([]byte, bool, error) {
	return nil, false, r.err
}

func (r errReader) NewIterator(uint32, []byte, []byte, bool, txlog.LSN) (storage.Iterator, error) {
	return nil, r.err
}
