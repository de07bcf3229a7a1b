package txlog

import (
	"errors"
	"fmt"
)

// Errors returned by the log. They are internal: no client sees them as they are.
// The engine maps them to SQL Server's errors at its edge: ErrCorrupt marks the
// database SUSPECT (error 9004, "An error occurred while processing the log for
// database '%.*ls'. ..."), a failed write or fsync becomes error 9001 ("The log for
// database '%.*ls' is not available.") and takes the database offline.
// Match them with errors.Is; the returned errors wrap them with context.
var (
	// ErrCorrupt: a block inside the durable log (not its torn tail) fails its
	// checksum or sequence check, or a valid block was found beyond a damaged one
	// that had already been made durable. The log refuses to guess (SUSPECT).
	ErrCorrupt = errors.New("txlog: log is corrupt (database SUSPECT)")

	// ErrClosed: the log was closed.
	ErrClosed = errors.New("txlog: log is closed")

	// ErrTruncated: the requested LSN lies before the retained log (RetainedFrom),
	// or a reader's position was truncated away underneath it.
	ErrTruncated = errors.New("txlog: LSN is no longer in the log")

	// ErrGap: blocks given to AppendBlocks do not start at the end of this log.
	ErrGap = errors.New("txlog: blocks are not contiguous with the end of the log")

	// ErrDiverged: blocks given to AppendBlocks overlap this log with different
	// bytes (the two logs have forked), or a reader's position was discarded by
	// TruncateAfter.
	ErrDiverged = errors.New("txlog: log has diverged")

	// ErrBadBlock: bytes given to AppendBlocks or DecodeBlock are not a valid block.
	ErrBadBlock = errors.New("txlog: invalid log block")

	// ErrPending: the operation needs a quiescent log, but appended records are not
	// yet durable.
	ErrPending = errors.New("txlog: appended records are not yet durable")

	// ErrNotDurable: the LSN given is not (yet) in the durable log.
	ErrNotDurable = errors.New("txlog: LSN is not durable")

	// ErrRecordTooLarge: a record's encoding does not fit a block.
	ErrRecordTooLarge = errors.New("txlog: record too large")

	// ErrLogFull: the log could not be extended (a new segment could not be
	// preallocated: the file system is full or over quota). Append returns it
	// before the records enter the log, so nothing was logged and the log stays
	// usable: a later Append succeeds once space is freed. The engine maps it to
	// error 9002.
	ErrLogFull = errors.New("txlog: no space to extend the log")

	// ErrFailed: a write or fdatasync of the log failed. What reached the disk is
	// unknown (fsyncgate: a failed fdatasync may have dropped the dirty pages, so
	// retrying it could report durable data that is not), so the log refuses all
	// further work and nothing more is acknowledged; the engine maps it to error
	// 9001 and takes the database offline. Reopening the log (restart) recovers
	// from what is really on disk.
	ErrFailed = errors.New("txlog: log write failed (log unavailable)")
)

// NewerFormatError: the log holds a control file or a block of a version
// newer than this release writes, or a record of a kind newer than this
// release knows inside a block it reads (docs/compatibility.md), that is, a
// newer release wrote it. Open refuses the log instead of taking such a block
// for a torn tail, which it would zero, and a scan or reader returns it
// instead of ErrCorrupt (SUSPECT). The engine reports it as SQL Server's 948.
// It wraps ErrBadBlock for a block or a record (DecodeBlock's callers match
// that).
type NewerFormatError struct {
	What      string // "log block", "log record" or "log control file"
	Version   int    // the version found; a record's kind
	Supported int    // the newest this release reads; the newest kind
}

func (e *NewerFormatError) Error() string {
	return fmt.Sprintf("txlog: %s version %d is newer than this release reads (%d)", e.What, e.Version, e.Supported)
}

func (e *NewerFormatError) Unwrap() error {
	if e.What == "log block" || e.What == "log record" {
		return ErrBadBlock
	}
	return nil
}

// DowngradeMessage is the text of SQL Server's 948 (severity 20) for database
// db written in format version by a newer release, this one reading up to
// supported. Its one home is here, the leaf both the engine (a database it
// refuses to open) and mirroring (the error an older mirror would meet) may
// import.
func DowngradeMessage(db string, version, supported int) string {
	return fmt.Sprintf("The database '%s' cannot be opened because it is version %d. This server supports version %d and earlier. A downgrade path is not supported.",
		db, version, supported)
}
