package txlog

import (
	"fmt"
	"time"
)

// Kind identifies a record type. The numbers are part of the on-disk and on-wire
// format (a mirror decodes its principal's records): never renumber, only add.
type Kind uint8

// Record kinds.
const (
	KindBegin          Kind = 1  // a transaction starts
	KindInsert         Kind = 2  // a row was inserted (after image)
	KindUpdate         Kind = 3  // a row was updated (before and after images)
	KindDelete         Kind = 4  // a row was deleted (before image)
	KindCommit         Kind = 5  // a transaction committed
	KindAbort          Kind = 6  // a transaction rolled back (its undo is complete)
	KindDDL            Kind = 7  // a schema change (opaque to the log)
	KindCheckpoint     Kind = 8  // a checkpoint: active transactions and the redo start
	KindBackupEnd      Kind = 9  // the end of a full or log backup
	KindMirroringBegin Kind = 10 // mirroring starts from this point
	KindRoleChange     Kind = 11 // a mirroring role change (failover)
	KindFork           Kind = 12 // a new recovery fork (forced service, RESTORE WITH RECOVERY)

	// newestKind is the highest kind this release reads: a checksummed
	// block holding a higher one was written by a newer release
	// (NewerFormatError), which the previous rule took for damage.
	newestKind = KindFork
)

var kindNames = [...]string{
	KindBegin: "BEGIN", KindInsert: "INSERT", KindUpdate: "UPDATE", KindDelete: "DELETE",
	KindCommit: "COMMIT", KindAbort: "ABORT", KindDDL: "DDL", KindCheckpoint: "CHECKPOINT",
	KindBackupEnd: "BACKUP_END", KindMirroringBegin: "MIRRORING_BEGIN",
	KindRoleChange: "ROLE_CHANGE", KindFork: "FORK",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Record is one typed log record. The set of implementations is closed (the
// unexported method); callers type-switch on the concrete types below.
//
// Byte slices in records returned by this package (DecodeRecord, Reader, Scan) alias
// the block they were read from: they are valid for as long as the caller keeps them
// and must not be modified. Empty slices decode as nil.
type Record interface {
	Kind() Kind
	appendFields(b []byte) []byte
}

// Begin starts transaction Txn.
type Begin struct{ Txn uint64 }

// Insert records that Txn inserted row Key with image After into object Object.
type Insert struct {
	Txn    uint64
	Object uint32
	Key    []byte
	After  []byte
}

// Update records that Txn changed row Key of Object from Before to After.
type Update struct {
	Txn    uint64
	Object uint32
	Key    []byte
	Before []byte
	After  []byte
}

// Delete records that Txn deleted row Key of Object, whose image was Before.
type Delete struct {
	Txn    uint64
	Object uint32
	Key    []byte
	Before []byte
}

// Commit makes Txn's changes permanent once the commit record is durable. Time is the
// wall-clock commit time (stored as Unix nanoseconds, decoded in UTC; the zero Time
// round-trips as the zero Time). It serves point-in-time restore (STOPAT).
//
// Mark is the name of a transaction begun WITH MARK and MarkDescription its
// description, "" for an unmarked one: RESTORE … STOPATMARK / STOPBEFOREMARK
// find the mark by name in the log, as SQL Server's do. They are encoded only
// when Mark is set, so an unmarked commit's record is what it always was.
type Commit struct {
	Txn             uint64
	Time            time.Time
	Mark            string
	MarkDescription string
}

// Abort records that Txn rolled back and that its undo is complete.
type Abort struct{ Txn uint64 }

// DDL carries a schema change made by Txn; Payload is the catalog's own encoding.
type DDL struct {
	Txn     uint64
	Payload []byte
}

// ActiveTxn is a transaction open at a checkpoint and the LSN of its first record
// (undo must reach back that far).
type ActiveTxn struct {
	Txn   uint64
	First LSN
}

// Checkpoint records that every change logged before RedoStart is in the page store
// (badger was synced before the checkpoint was logged), and which transactions were
// open. Redo after a crash starts at RedoStart.
type Checkpoint struct {
	RedoStart LSN
	Active    []ActiveTxn
}

// BackupEnd marks the end of a backup; Payload is the backup's own description
// (backup set id, type). A log chain is checked against these markers.
type BackupEnd struct {
	Payload []byte
}

// MirroringBegin marks the point from which a mirror's log is a copy of this log;
// RoleSeq is the role sequence the mirroring session starts with.
type MirroringBegin struct {
	RoleSeq uint64
	Payload []byte
}

// RoleChange records a mirroring role change: RoleSeq is the new role sequence (it
// only grows); Payload is mirroring's own description (new principal, kind of failover).
type RoleChange struct {
	RoleSeq uint64
	Payload []byte
}

// Fork starts a new recovery fork: after forced service (or RESTORE WITH RECOVERY) the
// log continues after ForkLSN, the last record both forks share; any other log after
// ForkLSN belongs to an abandoned fork and must be discarded (Log.TruncateAfter).
type Fork struct {
	RoleSeq uint64
	ForkLSN LSN
	Payload []byte
}

// Kind implementations.
func (Begin) Kind() Kind          { return KindBegin }
func (Insert) Kind() Kind         { return KindInsert }
func (Update) Kind() Kind         { return KindUpdate }
func (Delete) Kind() Kind         { return KindDelete }
func (Commit) Kind() Kind         { return KindCommit }
func (Abort) Kind() Kind          { return KindAbort }
func (DDL) Kind() Kind            { return KindDDL }
func (Checkpoint) Kind() Kind     { return KindCheckpoint }
func (BackupEnd) Kind() Kind      { return KindBackupEnd }
func (MirroringBegin) Kind() Kind { return KindMirroringBegin }
func (RoleChange) Kind() Kind     { return KindRoleChange }
func (Fork) Kind() Kind           { return KindFork }

// TxnOf returns the transaction a record belongs to, and false for records that
// belong to none (checkpoint, markers, role changes, forks).
func TxnOf(r Record) (uint64, bool) {
	switch r := r.(type) {
	case Begin:
		return r.Txn, true
	case Insert:
		return r.Txn, true
	case Update:
		return r.Txn, true
	case Delete:
		return r.Txn, true
	case Commit:
		return r.Txn, true
	case Abort:
		return r.Txn, true
	case DDL:
		return r.Txn, true
	}
	return 0, false
}
