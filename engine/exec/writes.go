package exec

import (
	"context"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// Database is what the executor needs from one open database. The engine
// implements it; the executor never sees the log, badger or mirroring directly.
type Database interface {
	// ID is database_id; Name its current name.
	ID() int32
	Name() string
	// Catalog is the last committed catalog. It is immutable: DDL clones it.
	Catalog() *catalog.Database
	// Store reads committed rows (storage.Latest or an LSN).
	Store() storage.Reader
	// Commit makes a transaction's writes to this database durable and visible:
	// log records, group-commit fsync, the high-safety mirror wait, then apply.
	// The caller holds the transaction's locks until Commit returns.
	Commit(ctx context.Context, w *Writes) error
	// CheckAccess returns the error a session gets when it uses the database now
	// (927 restoring, 954 mirror, 955 no quorum, 922 recovering …), or nil.
	CheckAccess() error
	// NextIdentity reserves the next identity value of a table (not transactional,
	// as in SQL Server) given its seed and increment.
	NextIdentity(table int32, seed, increment int64) int64
	// IdentityCurrent is IDENT_CURRENT: the last identity value given out, and
	// whether one was.
	IdentityCurrent(table int32) (int64, bool)
	// SeeIdentity raises the table's identity to at least v (explicit inserts with
	// IDENTITY_INSERT ON).
	SeeIdentity(table int32, v int64, increment int64)
}

// Writes is what a transaction changed in one database: the row and index writes,
// and for DDL the new catalog and the storage objects to drop.
type Writes struct {
	TxnID   uint64
	Set     *storage.WriteSet
	Catalog *catalog.Database // non-nil when the transaction changed the schema
	Drops   []uint32          // storage objects whose rows go at commit
	// DatabaseOptions marks a transaction that changes only the database's
	// options (ALTER DATABASE … SET, dboptions.go), which a READ_ONLY
	// database allows: SET READ_WRITE is one.
	DatabaseOptions bool
	// Mark is set when the transaction was begun WITH MARK (its commit
	// record names the mark, msdb.dbo.logmarkhistory lists it). The
	// database's Commit sets MarkLSN and MarkTime to the commit record's.
	Mark     *TxnMark
	MarkLSN  uint64
	MarkTime time.Time

	hints   []beforeHint // before images read under X locks (beforehint.go)
	hintBuf [maxBeforeHints]beforeHint
}

// TxnMark is a marked transaction's mark: BEGIN TRAN Name WITH MARK
// 'Description', begun by login User.
type TxnMark struct {
	Name, Description, User string
}

// MarkRecorder is implemented by a Server that keeps the history of marked
// transactions (msdb.dbo.logmarkhistory): it is told of each database's
// marked commit once the transaction has committed.
type MarkRecorder interface {
	RecordMark(ctx context.Context, database string, w *Writes)
}

// Empty reports a transaction that changed nothing in the database.
func (w *Writes) Empty() bool {
	return w.Set.Len() == 0 && w.Catalog == nil && len(w.Drops) == 0
}
