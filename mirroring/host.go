package mirroring

import (
	"context"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Host is the instance as the manager sees it. The engine implements it; cmd wires
// it (docs/conventions.md: mirroring never imports engine).
type Host interface {
	ServerName() string                    // @@SERVERNAME
	Database(name string) (Database, bool) // an open database by name
}

// Database is one database as the manager sees it.
//
// Calls from the manager are serialized per manager. The engine must not call
// back into the Manager synchronously from BecomePrincipal, BecomeMirror,
// SetAccessError or SetMirrorWait other than through Status, PartnerInstance,
// Witnessed and Connections (which read a snapshot and never block on the
// manager's state lock); the commit wait installed with SetMirrorWait never takes
// that lock either.
type Database interface {
	Name() string
	Log() *txlog.Log       // principal: Reader/Notify; mirror: AppendBlocks/HardenedLSN/TruncateAfter
	RecoveryModel() string // "FULL", "SIMPLE", "BULK_LOGGED" (1465 unless FULL)
	Restoring() bool       // true while the database is RESTORING (a mirror, or restored WITH NORECOVERY)
	RedoneLSN() txlog.LSN  // how far the engine's redo has applied the log (the engine tails the log itself while RESTORING)
	// SetMirrorWait installs (or removes, with nil) the SAFETY FULL commit wait:
	// after a commit record is durable locally the engine calls f with its LSN
	// and acknowledges the commit only when f returns nil (§1.5).
	SetMirrorWait(f func(ctx context.Context, lsn txlog.LSN) error)
	BecomePrincipal(ctx context.Context) error // finish redo to the end of the hardened log, go ONLINE
	BecomeMirror(ctx context.Context) error    // close to clients (end their sessions), go RESTORING, start tailing the log with redo
	SetAccessError(err error)                  // nil = clients may use it; else the error sessions get (955, 954, 952)
}

// SpaceChecker is implemented by databases whose page store needs free disk
// space to apply log: the engine's store writes through sparse memory-mapped
// files, where a full disk is not an error but a SIGBUS that kills the process
// (engine/storage/space.go). A principal checks before it logs a commit; a
// mirror checks before it hardens received log (harden.go), so that it never
// hardens, and acknowledges, log that its redo would crash applying.
type SpaceChecker interface {
	CheckSpace() error
}

// Reverter is implemented by databases that can undo, in their page store, the
// transactions committed after lsn. The manager calls it just before it cuts a
// divergent log tail with TruncateAfter(lsn), so the store matches the log the
// partners share again.
type Reverter interface {
	RevertTo(ctx context.Context, lsn txlog.LSN) error
}
