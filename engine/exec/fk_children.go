package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txn"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Finding the rows that reference a parent row being deleted or whose key
// changes (issue #5). Reading the whole child table for every such parent
// row made a statement grow with the square of its rows (20 s for 10,000
// cascading deletes). SQL Server seeks an index whose leading columns are
// the foreign key's, or joins the statement's deleted keys to the child
// table once; so do we:
//
//   - an index (clustered or not, unfiltered, enabled) whose leading key
//     columns are the key's columns, in any order, is sought for each
//     parent row: the rows read are the newest, as the scan's were;
//   - otherwise, for the statement's own target rows (all X-locked before
//     the first is checked), the child table is read once, at the first
//     parent row, into a hash of the key's values; each parent row looks
//     its key up and reads each candidate again, so a child the statement
//     itself has since deleted, or whose key it set NULL, is not counted.
//     Rows other transactions hold are waited for before the hash is made,
//     and afterwards only the candidates: a child another transaction
//     adds to a target must wait for the target's X lock.
//     A cascade's deeper levels hash their child tables too: their parent
//     rows are X-locked only as the cascade reaches them, so the child
//     table is locked SIX for the rest of the statement before its hash is
//     made (no other transaction adds a child meanwhile; SQL Server's scan
//     of a table without an index on the key blocks its writers as well).
//     A row the statement could move into a parent's key after the hash
//     was made (a self-referencing UPDATE; ON UPDATE CASCADE or SET
//     DEFAULT on those columns, unless the cascades' rows are written when
//     the statement ends, fk_cascade_writes.go) would be missed, so those
//     keys read the child table per row still.

// referencingRows returns the rows of ctr whose fk columns equal the
// parent row's (old, a row of parent) referenced columns, as the newest
// committed rows have them once every row of ctr another transaction holds
// is free: one of those may be an uncommitted child of old. update is an
// UPDATE of old's key rather than a DELETE.
func (s *Session) referencingRows(ec *evalCtx, ctr *tableRef, fk *catalog.ForeignKey, old Row, parent *catalog.Table, update bool) ([]Row, error) {
	defer s.readLatest()() // snapshot.go: against the current rows
	if ix, prefix, ok := fkSeekPrefix(ctr.t, fk, old); ok {
		if prefix == nil {
			return nil, nil // a NULL key: nothing references it
		}
		// A child another transaction writes holds its key of ix X (the
		// row store's, or the nonclustered entry putIndexEntry and
		// removeIndexKey lock): those under the prefix are waited for.
		if err := s.waitHeldKeys(ec.ctx, ctr, ix.StoreID, prefix, prefixEnd(prefix)); err != nil {
			return nil, err
		}
		return s.seekReferencing(ec, ctr, fk, ix, prefix, old)
	}
	cs := ec.cascadeState()
	if cs.targetsLocked && hashableKey(ctr.t, fk, parent, update, cs.atEnd) {
		if k, ok := parentKeyOf(ctr.t, fk, old); ok {
			return s.hashedReferencing(ec, cs, ctr, fk, k, old)
		}
	}
	if err := s.waitHeldRows(ec.ctx, ctr); err != nil {
		return nil, err
	}
	rows, err := s.childRows(ec, ctr)
	if err != nil {
		return nil, err
	}
	out := rows[:0]
	for _, crow := range rows {
		if references(ctr.t, fk, crow, old) {
			out = append(out, crow)
		}
	}
	return out, nil
}

// childRows reads every row of ctr.
func (s *Session) childRows(ec *evalCtx, ctr *tableRef) ([]Row, error) {
	it, err := s.scan(ec, ctr, nil, nil, false)
	if err != nil {
		return nil, err
	}
	return drain(it)
}

// fkSeekPrefix finds an index of child whose leading key columns are fk's
// columns and returns the key prefix of old's referenced values in it
// (nil when one is NULL). ok is false when there is no such index, or a
// value does not convert exactly to the child column's type.
func fkSeekPrefix(child *catalog.Table, fk *catalog.ForeignKey, old Row) (ix *catalog.Index, prefix []byte, ok bool) {
	n := len(fk.Columns)
	for _, cand := range child.Indexes {
		if cand.IsHeap() || cand.Filter != "" || cand.Disabled || len(cand.Columns) < n {
			continue
		}
		vals, typs, desc := make([]types.Value, n), make([]types.Type, n), make([]bool, n)
		match := true
		for j, kc := range cand.Columns[:n] {
			i := slicesIndex(fk.Columns, kc.Column)
			if i < 0 {
				match = false
				break
			}
			v := old[fk.RefColumns[i]]
			if v.IsNull() {
				return cand, nil, true
			}
			ct := child.Columns[kc.Column].Type
			cv, exact := exactConvert(v, ct)
			if !exact {
				return nil, nil, false
			}
			vals[j], typs[j], desc[j] = cv, ct, kc.Desc
		}
		if !match {
			continue
		}
		k, err := types.AppendKey(nil, vals, typs, desc)
		if err != nil {
			return nil, nil, false
		}
		return cand, k, true
	}
	return nil, nil, false
}

// slicesIndex is the position of c in cols, or -1.
func slicesIndex(cols []int, c int) int {
	for i, x := range cols {
		if x == c {
			return i
		}
	}
	return -1
}

// seekReferencing reads the rows of ctr under key prefix of index ix and
// keeps those that reference old.
func (s *Session) seekReferencing(ec *evalCtx, ctr *tableRef, fk *catalog.ForeignKey, ix *catalog.Index, prefix []byte, old Row) ([]Row, error) {
	var rows []Row
	if ix == ctr.t.RowStore() {
		it, err := s.scan(ec, ctr, prefix, prefixEnd(prefix), false)
		if err != nil {
			return nil, err
		}
		if rows, err = drain(it); err != nil {
			return nil, err
		}
	} else {
		it, err := s.reader(ctr.db).NewIterator(ix.StoreID, prefix, prefixEnd(prefix), false, storage.Latest)
		if err != nil {
			return nil, err
		}
		var keys [][]byte
		for it.Next() {
			keys = append(keys, append([]byte(nil), it.Value()...)) // the row's key
		}
		err = it.Err()
		it.Close()
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			row, err := s.lookupRow(ec.ctx, ctr, k)
			if err != nil {
				return nil, err
			}
			if row != nil {
				rows = append(rows, row)
			}
		}
	}
	out := rows[:0]
	for _, crow := range rows {
		if references(ctr.t, fk, crow, old) {
			out = append(out, crow)
		}
	}
	return out, nil
}

// hashableKey reports whether the statement cannot move a row of child
// into one of fk's keys: an UPDATE does not change child's own rows (a
// self-referencing key), and no key of child on fk's columns sets them to
// a parent's new key or a default — unless the statement writes its
// cascades' rows when it ends (atEnd, fk_cascade_writes.go): then none
// moves while the hash is used.
func hashableKey(child *catalog.Table, fk *catalog.ForeignKey, parent *catalog.Table, update, atEnd bool) bool {
	if update && child == parent {
		return false
	}
	if atEnd {
		return true
	}
	for _, g := range child.ForeignKeys {
		overlaps := false
		for _, c := range g.Columns {
			if slicesIndex(fk.Columns, c) >= 0 {
				overlaps = true
				break
			}
		}
		if overlaps && (g.OnDelete == "SET_DEFAULT" || g.OnUpdate == "CASCADE" || g.OnUpdate == "SET_DEFAULT") {
			return false
		}
	}
	return true
}

// parentKeyOf encodes old's referenced values as child's fk columns hold
// them: the hash key of childKeyHash. ok is false for a NULL or a value
// that does not convert exactly.
func parentKeyOf(child *catalog.Table, fk *catalog.ForeignKey, old Row) (string, bool) {
	vals := make([]types.Value, len(fk.Columns))
	typs := make([]types.Type, len(fk.Columns))
	for i, c := range fk.Columns {
		v := old[fk.RefColumns[i]]
		if v.IsNull() {
			return "", false
		}
		ct := child.Columns[c].Type
		cv, exact := exactConvert(v, ct)
		if !exact {
			return "", false
		}
		vals[i], typs[i] = cv, ct
	}
	k, err := types.AppendKey(nil, vals, typs, nil)
	return string(k), err == nil
}

// childKeyHash encodes child row crow's fk columns (ok false: one is NULL,
// so the row references nothing).
func childKeyHash(child *catalog.Table, fk *catalog.ForeignKey, crow Row) (string, bool) {
	vals := make([]types.Value, len(fk.Columns))
	typs := make([]types.Type, len(fk.Columns))
	for i, c := range fk.Columns {
		if crow[c].IsNull() {
			return "", false
		}
		vals[i], typs[i] = crow[c], child.Columns[c].Type
	}
	k, err := types.AppendKey(nil, vals, typs, nil)
	return string(k), err == nil
}

// hashedReferencing looks parent key k up in the statement's hash of
// ctr's rows by fk (made at the first lookup) and reads each candidate
// again: the rows that still reference old.
func (s *Session) hashedReferencing(ec *evalCtx, cs *cascadeRun, ctr *tableRef, fk *catalog.ForeignKey, k string, old Row) ([]Row, error) {
	byKey, made := cs.children[fk]
	if !made {
		if len(cs.chain) > 1 {
			// A cascade's deeper level: its parent rows are X-locked one
			// by one as the cascade reaches them, not before the hash is
			// made, so no other transaction may add a child until the
			// statement ends.
			if err := s.lockChildTable(ec, ctr); err != nil {
				return nil, err
			}
		}
		if err := s.waitHeldRows(ec.ctx, ctr); err != nil {
			return nil, err
		}
		rows, err := s.childRows(ec, ctr)
		if err != nil {
			return nil, err
		}
		byKey = map[string][]Row{}
		for _, crow := range rows {
			if ck, ok := childKeyHash(ctr.t, fk, crow); ok {
				byKey[ck] = append(byKey[ck], crow)
			}
		}
		if cs.children == nil {
			cs.children = map[*catalog.ForeignKey]map[string][]Row{}
		}
		cs.children[fk] = byKey
	}
	var out []Row
	n := len(ctr.t.Columns)
	rs := ctr.t.RowStore().StoreID
	for _, crow := range byKey[k] {
		key := []byte(crow[n].Str())
		// Once the hash is made, a row another transaction holds matters
		// only if it is a candidate: a new child of a target would wait
		// for the target's X lock.
		if made {
			if err := s.waitHeldKeys(ec.ctx, ctr, rs, key, append(key[:len(key):len(key)], 0)); err != nil {
				return nil, err
			}
		}
		fresh, err := s.lookupRow(ec.ctx, ctr, key)
		if err != nil {
			return nil, err
		}
		if fresh != nil && references(ctr.t, fk, fresh, old) {
			out = append(out, fresh)
		}
	}
	return out, nil
}

// lockChildTable locks ctr's table SIX until the statement ends: rows other
// transactions have written and not committed are waited for, and none can
// be written until then (a session's own temp tables take no locks). SIX,
// not S: the cascade then writes the rows it finds (IX), and two statements
// each holding S and converting to SIX would deadlock (1205); SIX makes the
// second wait instead (TestCascadeLevelsConcurrent).
func (s *Session) lockChildTable(ec *evalCtx, ctr *tableRef) error {
	if t, temp := ctr.db.(*tempDatabase); temp && !t.shared {
		return nil
	}
	return s.lock(ec.ctx, txn.ObjectResource(uint32(ctr.db.ID()), uint32(ctr.t.ID)), txn.ModeSIX, txn.ForStatement)
}

// outputsInto reports an OUTPUT … INTO: its rows are written while the
// statement runs, and may be children its hash would not have.
func outputsInto(o *ast.OutputClause) bool {
	return o != nil && o.Into != nil
}
