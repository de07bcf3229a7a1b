package exec

import (
	"context"
	"errors"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// IGNORE_DUP_KEY = ON on a unique index or PRIMARY KEY / UNIQUE constraint:
// an INSERT (VALUES, SELECT, EXEC, OUTPUT INTO, BULK INSERT) leaves out each
// row whose key is already in the index — stored before the statement or
// written by an earlier row of it — and goes on; the statement sends
// "Duplicate key was ignored." once, before its DONE, and counts only the
// rows it inserted. UPDATE, MERGE and index builds still fail with
// 2601 / 2627 / 1505, as the CREATE INDEX page says the option does not
// apply to them.

// errDupKeyIgnored is insertRow's answer for a row an INSERT leaves out:
// callers skip the row (no OUTPUT, no trigger row, not counted).
var errDupKeyIgnored = errors.New("exec: duplicate key ignored (IGNORE_DUP_KEY)")

// warnDupKeyIgnored is SQL Server's 3604, an informational message: the
// statement does not fail and clients raise no error for it.
var warnDupKeyIgnored = &Error{Number: 3604, Severity: 10, State: 1, Message: "Duplicate key was ignored."}

// errIgnoreDupNonUnique: IGNORE_DUP_KEY = ON needs a unique index.
var errIgnoreDupNonUnique = &Error{Number: 1916, Severity: 16, State: 1, Message: "CREATE INDEX options nonunique and ignore_dup_key are mutually exclusive."}

// ignoresDupKey reports whether a duplicate in ix is left out rather than
// an error for a row written by stmt (insertRow's statement name).
func ignoresDupKey(ix *catalog.Index, stmt string) bool {
	return ix.IgnoreDupKey && ix.Unique && stmt == "INSERT"
}

// ignoreDuplicate records that the current statement left out a row.
func (s *Session) ignoreDuplicate() error {
	s.dupKeyIgnored = true
	return errDupKeyIgnored
}

// secondaryDupIgnored checks, before any entry of row is written, the
// unique secondary indexes of tr with IGNORE_DUP_KEY = ON: a key already
// there means the INSERT leaves the row out. The key is X-locked as
// putIndexEntry would lock it, so the answer holds until the transaction
// ends.
func (s *Session) secondaryDupIgnored(ctx context.Context, tr *tableRef, row Row, stmt string) (bool, error) {
	for _, ix := range tr.t.Indexes[1:] {
		if !ignoresDupKey(ix, stmt) {
			continue
		}
		if in, err := s.inIndex(ctx, tr, ix, row); err != nil || !in { // filtered.go
			return false, err
		}
		k, err := indexKey(tr.t, ix, row)
		if err != nil {
			return false, err
		}
		if err := s.lockRow(ctx, tr, ix.StoreID, k); err != nil {
			return false, err
		}
		if _, exists, err := s.latestReader(tr.db).Get(ctx, ix.StoreID, k, storage.Latest); err != nil {
			return false, err
		} else if exists {
			return true, nil
		}
	}
	return false, nil
}

// flushDupKeyWarning sends 3604 once for a statement that left rows out.
func (s *Session) flushDupKeyWarning(out Output) error {
	if !s.dupKeyIgnored {
		return nil
	}
	s.dupKeyIgnored = false
	return out.Message(warnDupKeyIgnored)
}
