package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog"
)

// A table that references itself is checked when the statement ends
// (issue #5). SQL Server's plan for a DELETE, UPDATE or MERGE of such a
// table writes every row before it checks the key, so a statement that
// deletes a whole tree (DELETE FROM node), or moves every key of a
// hierarchy together (UPDATE node SET id = id + 100, parent = parent +
// 100), succeeds when no row left references a key that went away; checked
// row by row, the first parent met before its child was refused with 547.
// A NO ACTION key whose child table is the parent row's own table is
// therefore noted by checkReferences and checked here once the statement's
// rows are all written; other actions and other tables still run per row,
// as their actions must. The child side (a row's new parent) is the
// rowBuilder's self-reference collector (rowbuilder.go).

// deferredRef is a parent row whose self-referencing key went away (old
// deleted, or updated to another key) and is checked at the end.
type deferredRef struct {
	tr   *tableRef
	fk   *catalog.ForeignKey
	old  Row
	stmt string
}

// deferSelf reports whether checkReferences leaves fk's check of a parent
// row of tr to checkDeferredReferences: a NO ACTION key of tr on tr, in a
// statement that checks at its end.
func (cs *cascadeRun) deferSelf(tr *tableRef, child *catalog.Table, action string) bool {
	return cs.deferSelfKeys && child == tr.t && !cascades(action)
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
		if ix := indexOn(d.tr.t, d.fk.RefColumns); ix != nil {
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
		if _, _, ok := fkSeekPrefix(d.tr.t, d.fk, d.old); ok {
			rows, err := s.referencingRows(ec, d.tr, d.fk, d.old, d.tr.t, d.stmt == "UPDATE")
			if err != nil {
				return err
			}
			if len(rows) > 0 {
				return refConflict(d.tr, d.tr.t, d.fk, d.stmt)
			}
			continue
		}
		// No index leads with the key's columns: the table is read once,
		// below, for all of this key's parent rows.
		held, made := byKey[d.fk]
		if !made {
			var err error
			if held, err = s.referencedKeys(ec, d.tr, d.fk); err != nil {
				return err
			}
			byKey[d.fk] = held
		}
		if k, ok := parentKeyOf(d.tr.t, d.fk, d.old); ok && held[k] {
			return refConflict(d.tr, d.tr.t, d.fk, d.stmt)
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

// checkAtEnd makes the statement's self-referencing keys wait for
// checkStatementEnd (rb, the statement's row builder, may be nil: DELETE
// writes no new rows). The function returned drops what a failed
// statement left deferred, as a kept plan's row builder is used again.
func (s *Session) checkAtEnd(ec *evalCtx, rb *rowBuilder) func() {
	ec.cascadeState().deferSelfKeys = true
	if rb != nil {
		rb.deferSelfReferences()
	}
	return func() {
		if rb != nil {
			rb.selfRefRows = nil
		}
	}
}

// checkStatementEnd runs the deferred checks once the statement's rows are
// written: first the keys that went away (the REFERENCE conflict SQL
// Server reports for a row left pointing at one), then the written rows'
// own parents.
func (s *Session) checkStatementEnd(ec *evalCtx, rb *rowBuilder) error {
	if err := s.checkDeferredReferences(ec); err != nil {
		return err
	}
	if rb == nil {
		return nil
	}
	return rb.checkSelfReferences(ec)
}
