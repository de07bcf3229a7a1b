package exec

import (
	"context"
	"errors"
	"strings"

	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The table lock of an INSERT (… VALUES, … SELECT, … EXEC), UPDATE, DELETE,
// MERGE or BULK INSERT, taken before it reads or writes a row (issue #4:
// data safety under concurrent DDL).
//
// A DML statement binds its target — the table's columns, indexes, CHECK
// and FOREIGN KEY constraints, triggers — from the catalog as it is when
// the statement starts, and took the table's IX lock only at its first row.
// DDL holds the table's X lock until it commits, so a statement that bound
// the table while an ALTER TABLE (or CREATE INDEX, or a constraint added)
// was running waited at that lock and then worked from the old definition:
// rows rewritten by ADD COLUMN failed to decode ("corrupt row", 50000), and
// a CHECK added meanwhile was not checked (the row was written against it).
// SQL Server holds a schema-stability lock from compilation and compiles
// again when the schema changed. Here the statement takes the table's IX
// lock once it has bound the target, and when the database's catalog is no
// longer the one it bound from, it is run again from the start (binding
// anew; a kept plan no longer holds). Nothing has been read or written by
// then, so running it again is what a later start would have done. Once the
// IX lock is held no DDL on the table can commit until the transaction
// ends; DDL on other tables changes the catalog pointer too and costs one
// needless new start at most.

// errStaleTarget reports that the statement's target changed definition
// between binding and its table lock; the dispatch runs it again.
var errStaleTarget = errors.New("exec: the DML target changed definition before its table lock")

// staleTries bounds the new starts of one statement; the last start does
// not check (as before this lock existed), so a statement always ends.
const staleTries = 3

// lockTarget takes the statement's IX lock on tr's table and returns
// errStaleTarget when tr was bound from a catalog that is no longer the
// session's view of its database. Temp tables and table variables belong to
// the session and are not checked.
func (s *Session) lockTarget(ctx context.Context, tr *tableRef) error {
	return s.lockTargetIn(ctx, tr, txn.ModeIX)
}

// lockTargetIn is lockTarget taking the table lock in mode, IX or a mode
// that includes it (a MERGE that locks the whole table takes UIX at once:
// taking IX first and the table lock then deadlocks two such statements).
func (s *Session) lockTargetIn(ctx context.Context, tr *tableRef, mode txn.Mode) error {
	if tr == nil || tr.t == nil {
		return nil
	}
	if err := checkWritable(tr.db); err != nil { // readonly_db.go
		return err
	}
	if _, temp := tr.db.(*tempDatabase); temp {
		return nil
	}
	if err := s.lock(ctx, txn.ObjectResource(uint32(tr.db.ID()), uint32(tr.t.ID)), mode, txn.ForTransaction); err != nil {
		return err
	}
	if s.staleOff == 0 && tr.cat != s.catalogFor(tr.db) {
		return errStaleTarget
	}
	return nil
}

// runBound runs a DML statement, again from the start when its target
// changed definition before its table lock (lockTarget).
func (s *Session) runBound(run func() error) error {
	for range staleTries - 1 {
		if err := run(); !errors.Is(err, errStaleTarget) {
			return err
		}
	}
	s.staleOff++
	defer func() { s.staleOff-- }()
	return run()
}

// targetTableMode is the table lock an INSERT, UPDATE or DELETE takes on
// its target before its first row: X under TABLOCK or TABLOCKX on the
// target — its own hints, or those of the FROM entry a one-part target
// names — else IX. SQL Server takes an exclusive table lock there:
// "Specifying the TABLOCK hint on a table that is the target of an INSERT
// statement has the same effect as specifying the TABLOCKX hint. An
// exclusive lock is taken on the table" (INSERT, "Locking behavior");
// "Using the TABLOCK hint causes the delete operation to take an exclusive
// lock on the table instead of a row or page lock" (DELETE). Before, an
// INSERT ignored both (IX and key locks only: another session's INSERT
// went ahead), and an UPDATE or DELETE took IX first and X at its read, so
// two of them under TABLOCKX could each hold IX and wait for the other.
func targetTableMode(target ast.TableExpr, from []ast.TableExpr) txn.Mode {
	for _, h := range targetHints(target, from) {
		if n := strings.ToUpper(h.Name); n == "TABLOCK" || n == "TABLOCKX" {
			return txn.ModeX
		}
	}
	return txn.ModeIX
}

// targetHints are the table hints on an INSERT's, UPDATE's or DELETE's
// target: its own, and those of the FROM entry a one-part target names.
func targetHints(target ast.TableExpr, from []ast.TableExpr) []*ast.Option {
	tn, ok := target.(*ast.TableName)
	if !ok {
		return nil
	}
	hs := tn.Hints
	if tn.Alias == nil && len(tn.Name.Parts) == 1 {
		if decl, ok := fromAliasDecl(from, tn.Name.Last()).(*ast.TableName); ok {
			hs = append(hs[:len(hs):len(hs)], decl.Hints...)
		}
	}
	return hs
}

// targetRowMode is the lock an UPDATE or DELETE takes on each row it
// changes (collectTargets), in tr's clustered index: X, but RangeX-X — the
// key and the range before it — when the target is read under
// SERIALIZABLE, the session's level or a HOLDLOCK or SERIALIZABLE hint
// on it. SQL Server shows RangeX-X there for an UPDATE of one row by its
// key as for a range ("UPDATE c … WHERE c.Id = 138": one KEY RangeX-X,
// the table and page IX), so an INSERT into the gap before the row waits
// (its RangeI-N conflicts) until the transaction ends. A heap has no key
// ranges (SQL Server locks its rows by RID): X. The mode is worked out
// each time the statement runs, as its isolation level may differ from
// the one a kept plan was built under.
func (s *Session) targetRowMode(tr *tableRef, target ast.TableExpr, from []ast.TableExpr) txn.Mode {
	if tr == nil || tr.t == nil || tr.t.RowStore().IsHeap() {
		return txn.ModeX
	}
	iso := s.Opts.Isolation
	if hs := targetHints(target, from); len(hs) > 0 {
		if h, err := parseLockHints(hs, iso); err == nil { // a conflict is refused where the target is read
			iso = h.isolation(iso)
		}
	}
	if iso == txn.Serializable {
		return txn.ModeRangeXX
	}
	return txn.ModeX
}
