package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog"
)

// A DELETE, UPDATE or MERGE checks its foreign keys when the statement ends
// (issue #5), as SQL Server's plan does: it writes every row — the
// cascades' too — before it checks a key. So a statement that deletes a
// whole tree (DELETE FROM node), moves every key of a hierarchy together
// (UPDATE node SET id = id + 100, parent = parent + 100), or swaps two
// referenced keys (UPDATE t SET k = CASE k WHEN 1 THEN 2 WHEN 2 THEN 1 END)
// succeeds when no row left references a key that went away; checked row
// by row, the first parent met before its child was refused with 547.
//
//   - A NO ACTION key on a parent row whose key went away (deleted, or
//     updated to another key) is noted by checkReferences, whichever table
//     the child is, and checked here once the statement's rows are all
//     written: 547 (REFERENCE) when no row has the key now and a row
//     references it.
//   - The rows a cascade changes (ON UPDATE CASCADE, SET NULL, SET DEFAULT)
//     are found against the tables as the statement began and written
//     here, before the checks (fk_cascade_writes.go): a child row moves
//     once, by its own old key, even when another parent row takes that
//     key in the same statement. Their new keys are then checked against
//     the next parents (547, FOREIGN KEY), and the keys they left against
//     the next children, as above.
//   - The child side of the statement's own rows (a row's new parent) is
//     the rowBuilder's self-reference collector (rowbuilder.go); a parent
//     in another table is not changed by the statement but through a
//     cascade, which is checked from the parent's side.
//
// Every 547 names the statement (DELETE, UPDATE or MERGE), as SQL Server's
// does, however deep the cascade that met it.

// deferredRef is a parent row of tr whose key referenced by child went
// away (old deleted, or updated to another key) and is checked at the end.
type deferredRef struct {
	tr    *tableRef
	child *catalog.Table
	fk    *catalog.ForeignKey
	old   Row
	stmt  string
}

// deferKey reports whether checkReferences leaves the check of a key with
// action to checkDeferredReferences: a NO ACTION key, in a statement that
// checks at its end.
func (cs *cascadeRun) deferKey(action string) bool {
	return cs.atEnd && !cascades(action)
}

// checkDeferredReferences checks the parent rows checkReferences deferred:
// each key that no row of the table has now must have no row referencing
// it (547 otherwise). The rows are read once the statement has written
// them all, so its own deleted and moved rows are not counted.
func (s *Session) checkDeferredReferences(ec *evalCtx) error {
	cs := ec.cascadeState()
	refs := cs.deferred
	cs.deferred = nil
	byKey := map[*catalog.ForeignKey]map[string]bool{} // referenced keys, per key without an index to seek
	for _, d := range refs {
		ctr := &tableRef{db: d.tr.db, cat: d.tr.cat, t: d.child}
		// A DELETE moves no row into a key unless a cascade wrote the
		// table; an UPDATE or MERGE may (a swap).
		retaken := d.stmt != "DELETE" || cs.cascaded.wrote[d.tr.t]
		if ix := indexOn(d.tr.t, d.fk.RefColumns); ix != nil && retaken {
			k, err := indexKey(d.tr.t, ix, d.old)
			if err != nil {
				return err
			}
			// Another row took the key (an UPDATE swapping keys): its
			// children reference that row.
			if found, err := s.parentExists(ec.ctx, d.tr, ix, k); err != nil || found {
				return err
			}
		}
		if _, _, ok := fkSeekPrefix(d.child, d.fk, d.old); ok {
			rows, err := s.referencingRows(ec, ctr, d.fk, d.old, d.tr.t, d.stmt != "DELETE")
			if err != nil {
				return err
			}
			if len(rows) > 0 {
				return refConflict(d.tr, d.child, d.fk, d.stmt)
			}
			continue
		}
		// No index leads with the key's columns: the table is read once,
		// below, for all of this key's parent rows.
		held, made := byKey[d.fk]
		if !made {
			var err error
			if held, err = s.referencedKeys(ec, ctr, d.fk); err != nil {
				return err
			}
			byKey[d.fk] = held
		}
		if k, ok := parentKeyOf(d.child, d.fk, d.old); ok && held[k] {
			return refConflict(d.tr, d.child, d.fk, d.stmt)
		}
	}
	return nil
}

// referencedKeys reads ctr once, after the rows other transactions hold
// are free, and returns the fk keys its rows reference.
func (s *Session) referencedKeys(ec *evalCtx, ctr *tableRef, fk *catalog.ForeignKey) (map[string]bool, error) {
	defer s.readLatest()() // snapshot.go: against the current rows
	if err := s.waitHeldRows(ec.ctx, ctr); err != nil {
		return nil, err
	}
	rows, err := s.childRows(ec, ctr)
	if err != nil {
		return nil, err
	}
	keys := map[string]bool{}
	for _, crow := range rows {
		if k, ok := childKeyHash(ctr.t, fk, crow); ok {
			keys[k] = true
		}
	}
	return keys, nil
}

// checkAtEnd makes the statement's foreign keys wait for
// checkStatementEnd (rb, the statement's row builder, may be nil: DELETE
// writes no new rows). The function returned drops what a failed
// statement left deferred, as a kept plan's row builder is used again.
func (s *Session) checkAtEnd(ec *evalCtx, rb *rowBuilder) func() {
	ec.cascadeState().atEnd = true
	if rb != nil {
		rb.deferSelfReferences()
	}
	return func() {
		if rb != nil {
			rb.selfRefRows = nil
		}
	}
}

// checkStatementEnd writes the rows the statement's cascades changed and
// runs the deferred checks once the statement's rows are written: first
// the keys that went away (the REFERENCE conflict SQL Server reports for a
// row left pointing at one), then the cascaded rows' new parents, then the
// written rows' own parents.
func (s *Session) checkStatementEnd(ec *evalCtx, rb *rowBuilder) error {
	if err := s.writeCascaded(ec); err != nil { // fk_cascade_writes.go
		return err
	}
	if err := s.checkDeferredReferences(ec); err != nil {
		return err
	}
	if err := s.checkCascadedParents(ec); err != nil {
		return err
	}
	if rb == nil {
		return nil
	}
	return rb.checkSelfReferences(ec)
}
