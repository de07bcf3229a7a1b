package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// FOREIGN KEY checks against concurrent writers (issues #4 #5). Both sides
// read the newest committed rows, and lock so that no interleaving of two
// transactions leaves a child without its parent:
//
//   - A child row written (INSERT, UPDATE, MERGE) locks its parent's key S
//     until the statement ends, then reads it: a parent another transaction
//     deleted, inserted or whose key it changed is waited for, and judged as
//     that transaction leaves it (547 after a delete commits, found after an
//     insert commits). Held to the statement's end, the lock keeps the
//     parent until the child row's own X lock is taken.
//   - A parent deleted (or whose referenced key changes) is X-locked first
//     (collectTargets); its check then waits for every child row another
//     transaction holds — rows inserted and not committed are known only by
//     their X locks — and reads the children as they are after those
//     commit or roll back. A child written after that waits for the
//     parent's X lock. SQL Server's scan of the child table meets the same
//     X-locked rows and waits the same way.
//   - A statement's own DELETE or UPDATE targets are all X-locked before
//     the first is checked (collectTargets), so no other transaction can
//     add a child of any of them after that first check has waited for
//     the held rows: the child table read once then, and each candidate
//     read again, finds what a read per parent row would
//     (fk_children.go). A cascade's deeper levels lock their rows as
//     they reach them, so a child table read once there is locked SIX until
//     the statement ends first.

// checkForeignKey verifies that the referenced row exists (547 otherwise).
func (s *Session) checkForeignKey(ec *evalCtx, tr *tableRef, fk *catalog.ForeignKey, row Row, stmt string) error {
	vals := make([]types.Value, len(fk.Columns))
	for i, c := range fk.Columns {
		if row[c].IsNull() {
			return nil
		}
		vals[i] = row[c]
	}
	parent := tr.cat.Tables[fk.RefTable]
	if parent == nil {
		return nil
	}
	ptr := &tableRef{db: tr.db, cat: tr.cat, t: parent}
	ix := indexOn(parent, fk.RefColumns)
	found := false
	if ix != nil {
		prow := make(Row, len(parent.Columns)+1)
		for i, c := range fk.RefColumns {
			cv, err := types.ImplicitConvert(vals[i], parent.Columns[c].Type)
			if err != nil {
				return err
			}
			prow[c] = cv
		}
		k, err := indexKey(parent, ix, prow)
		if err != nil {
			return err
		}
		if found, err = s.parentExists(ec.ctx, ptr, ix, k); err != nil {
			return err
		}
	}
	if !found {
		return fkConflict(tr, fk, parent, stmt)
	}
	return nil
}

// fkConflict is the 547 of a child row of tr whose parent (in table parent)
// does not exist.
func fkConflict(tr *tableRef, fk *catalog.ForeignKey, parent *catalog.Table, stmt string) error {
	cols := make([]string, len(fk.RefColumns))
	for i, c := range fk.RefColumns {
		cols[i] = parent.Columns[c].Name
	}
	return ErrConstraintConflict.New(stmt, "FOREIGN KEY", fk.Name, tr.db.Name(), parent.Schema+"."+parent.Name, ", column '"+strings.Join(cols, "', '")+"'")
}

// parentExists reports whether ptr has a row with key k in unique index ix,
// as the newest committed rows say once the keys it reads are locked S for
// the statement. Through a nonclustered index two keys are locked: the
// index key (an uncommitted insert of the parent holds it) and the row the
// entry names (a delete or key change holds the row, not the entry); the
// entry is read again under the row's lock, as that writer may have
// removed it.
func (s *Session) parentExists(ctx context.Context, ptr *tableRef, ix *catalog.Index, k []byte) (bool, error) {
	defer s.readLatest()() // snapshot.go: against the current rows
	r := s.reader(ptr.db)
	rs := ptr.t.RowStore()
	if err := s.lockParentKey(ctx, ptr, ix.StoreID, k); err != nil {
		return false, err
	}
	v, found, err := r.Get(ctx, ix.StoreID, k, storage.Latest)
	if err != nil || !found || ix.StoreID == rs.StoreID {
		return found, err
	}
	if err := s.lockParentKey(ctx, ptr, rs.StoreID, v); err != nil {
		return false, err
	}
	_, found, err = r.Get(ctx, ix.StoreID, k, storage.Latest)
	return found, err
}

// lockParentKey locks key of store obj of ptr's database S until the
// statement ends (a session's own temp tables take no locks).
func (s *Session) lockParentKey(ctx context.Context, ptr *tableRef, obj uint32, key []byte) error {
	if t, temp := ptr.db.(*tempDatabase); temp && !t.shared {
		return nil
	}
	return s.lock(ctx, txn.KeyResource(uint32(ptr.db.ID()), obj, key), txn.ModeS, txn.ForStatement)
}

// indexOn finds a unique index whose key columns are exactly cols.
func indexOn(t *catalog.Table, cols []int) *catalog.Index {
	for _, ix := range t.Indexes {
		if !ix.Unique || ix.Filter != "" || len(ix.Columns) != len(cols) {
			continue
		}
		match := true
		for i, c := range ix.Columns {
			if c.Column != cols[i] {
				match = false
				break
			}
		}
		if match {
			return ix
		}
	}
	return nil
}

// uniqueKeyChanged reports whether an update of old to new changes a column
// of a unique index of t: the keys a foreign key can reference.
func uniqueKeyChanged(t *catalog.Table, old, new Row) bool {
	for _, ix := range t.Indexes {
		if !ix.Unique {
			continue
		}
		for _, c := range ix.Columns {
			if cmp, err := types.Compare(old[c.Column], new[c.Column], t.Columns[c.Column].Type.Collation); err != nil || cmp != 0 {
				return true
			}
		}
	}
	return false
}

// checkReferences enforces FOREIGN KEYs that point at a row being deleted
// (new nil) or updated to new — only those whose referenced columns change:
// NO ACTION fails with 547, CASCADE deletes the children (or gives them
// new's key), SET NULL and SET DEFAULT set their columns. The caller holds
// old's X lock. The children's AFTER triggers fire for the cascaded rows
// when the statement ends (cascade_triggers.go).
func (s *Session) checkReferences(ec *evalCtx, tr *tableRef, old, new Row, stmt string) error {
	cs := ec.cascadeState()
	key := tr.cat.Key(tr.t.Schema, tr.t.Name)
	defer cs.enter(key)()
	for _, ref := range cs.referencing(tr.cat, key) { // cascade_paths.go
		child, fk := ref.child, ref.fk
		if fk.Disabled || new != nil && !refChanged(tr.t, fk, old, new) {
			continue
		}
		action := fk.OnDelete
		if new != nil {
			action = fk.OnUpdate
		}
		if cs.deferKey(action) { // fk_deferred.go: checked when the statement ends
			cs.deferred = append(cs.deferred, deferredRef{tr: tr, child: child, fk: fk, old: old, stmt: stmt})
			continue
		}
		if cascades(action) && cs.onChain(tr.cat.Key(child.Schema, child.Name)) {
			return errCascadePaths.New(fk.Name, child.Name)
		}
		ctr := &tableRef{db: tr.db, cat: tr.cat, t: child}
		rows, err := s.referencingRows(ec, ctr, fk, old, tr.t, new != nil) // fk_children.go
		if err != nil {
			return err
		}
		for _, crow := range rows {
			switch {
			case action == "CASCADE" && new == nil:
				if err := s.cascadeDelete(ec, ctr, fk, old, crow, stmt); err != nil {
					return err
				}
				continue
			case action == "CASCADE" || action == "SET_NULL" || action == "SET_DEFAULT":
				if err := s.cascadeUpdate(ec, ctr, fk, action, old, new, crow, stmt); err != nil {
					return err
				}
				continue
			}
			return refConflict(tr, child, fk, stmt)
		}
	}
	return nil
}

// refConflict is the 547 of a row of child left referencing, by fk, a
// parent row of tr that stmt deletes or whose key it changes.
func refConflict(tr *tableRef, child *catalog.Table, fk *catalog.ForeignKey, stmt string) error {
	cols := make([]string, len(fk.Columns))
	for i, c := range fk.Columns {
		cols[i] = child.Columns[c].Name
	}
	return ErrConstraintConflict.New(stmt, "REFERENCE", fk.Name, tr.db.Name(), child.Schema+"."+child.Name, ", column '"+strings.Join(cols, "', '")+"'")
}

// refChanged reports whether fk's referenced columns differ between old and new.
func refChanged(parent *catalog.Table, fk *catalog.ForeignKey, old, new Row) bool {
	for _, c := range fk.RefColumns {
		if cmp, err := types.Compare(old[c], new[c], parent.Columns[c].Type.Collation); err != nil || cmp != 0 {
			return true
		}
	}
	return false
}

// references reports whether child row crow's fk columns equal the parent
// row's referenced columns (a NULL references nothing).
func references(child *catalog.Table, fk *catalog.ForeignKey, crow, parent Row) bool {
	for i, c := range fk.Columns {
		if crow[c].IsNull() {
			return false
		}
		cmp, err := types.Compare(crow[c], parent[fk.RefColumns[i]], child.Columns[c].Type.Collation)
		if err != nil || cmp != 0 {
			return false
		}
	}
	return true
}

// waitHeldRows waits (instant S, the session's LOCK_TIMEOUT) for each row
// of tr's row store another transaction holds X now.
func (s *Session) waitHeldRows(ctx context.Context, tr *tableRef) error {
	return s.waitHeldKeys(ctx, tr, tr.t.RowStore().StoreID, nil, nil)
}

// waitHeldKeys is waitHeldRows for the keys in [lower, upper) of store obj
// of tr (nil: unbounded).
func (s *Session) waitHeldKeys(ctx context.Context, tr *tableRef, obj uint32, lower, upper []byte) error {
	if t, temp := tr.db.(*tempDatabase); temp && !t.shared {
		return nil
	}
	locks := s.srv.Locks()
	owner := s.beginTx(true).owner
	db := uint32(tr.db.ID())
	for _, k := range locks.KeysHeld(owner, db, obj, lower, upper, txn.ModeS) {
		res := txn.Resource{Kind: txn.Key, Database: db, Object: obj, Key: k}
		if _, err := locks.LockInstant(ctx, owner, res, txn.ModeS, txn.LockTimeout(s.Opts.LockTimeout)); err != nil {
			return err
		}
	}
	return nil
}

// lockedChild X-locks child row crow and reads it again under the lock: it
// is nil when the row is gone or no longer references parent row old.
func (s *Session) lockedChild(ec *evalCtx, ctr *tableRef, fk *catalog.ForeignKey, old, crow Row) (Row, error) {
	key := []byte(crow[len(ctr.t.Columns)].Str())
	if err := s.lockRow(ec.ctx, ctr, ctr.t.RowStore().StoreID, key); err != nil {
		return nil, err
	}
	fresh, err := s.lookupLockedRow(ec.ctx, ctr, key)
	if err != nil || fresh == nil || !references(ctr.t, fk, fresh, old) {
		return nil, err
	}
	return fresh, nil
}

// cascadeDelete deletes child row crow of parent row old (ON DELETE
// CASCADE), and what references it in turn, under the child's X lock: the
// row is read again under it, and left alone if it no longer references old.
// stmt is the statement's name, which every 547 it causes gives.
func (s *Session) cascadeDelete(ec *evalCtx, ctr *tableRef, fk *catalog.ForeignKey, old, crow Row, stmt string) error {
	fresh, err := s.lockedChild(ec, ctr, fk, old, crow)
	if err != nil || fresh == nil {
		return err
	}
	trig := s.cascadeSet(ctr, "DELETE", fk.Columns) // cascade_triggers.go
	if err := s.checkReferences(ec, ctr, fresh, nil, stmt); err != nil {
		return err
	}
	ec.cascadeState().cascaded.forget(ctr, fresh) // fk_cascade_writes.go
	if err := s.deleteRow(ec.ctx, ctr, fresh); err != nil {
		return err
	}
	if trig != nil {
		trig.collect(fresh, nil)
	}
	return nil
}

// cascadeUpdate changes child row crow of parent row old, under the
// child's X lock as cascadeDelete does: its fk columns take new's key
// (CASCADE), NULL or their defaults (a default must reference a parent:
// 547 otherwise). What references the child's changed keys is checked in
// turn. The row is completed and checked as an UPDATE's is (rowversion,
// computed columns, NOT NULL, CHECK), but for its foreign keys: in a
// statement that checks at its end the change is written, and its new
// keys checked, then (fk_cascade_writes.go).
func (s *Session) cascadeUpdate(ec *evalCtx, ctr *tableRef, fk *catalog.ForeignKey, action string, old, new, crow Row, stmt string) error {
	fresh, err := s.lockedChild(ec, ctr, fk, old, crow)
	if err != nil || fresh == nil {
		return err
	}
	cs := ec.cascadeState()
	rb, err := s.cascadeBuilder(ctr, cs, stmt) // fk_cascade_writes.go
	if err != nil {
		return err
	}
	nrow := append(Row(nil), fresh...)
	if cs.atEnd {
		if prev := cs.cascaded.pending(ctr, fresh); prev != nil {
			nrow = append(nrow[:0], prev...) // fk_cascade_writes.go: reached by a second key
		}
	}
	for i, c := range fk.Columns {
		col := ctr.t.Columns[c]
		switch action {
		case "CASCADE":
			if nrow[c], err = types.ImplicitConvert(new[fk.RefColumns[i]], col.Type); err != nil {
				return err
			}
		case "SET_NULL":
			if !col.Nullable {
				return ErrNullNotAllowed.New(col.Name, ctr.nullErrorName(), stmt)
			}
			nrow[c] = types.Null(col.Type.ID)
		default: // SET_DEFAULT
			v, err := rb.defaultValue(ec, c)
			if err != nil {
				return err
			}
			if nrow[c], err = rb.store(c, v); err != nil {
				return err
			}
		}
	}
	if action == "SET_DEFAULT" && !cs.atEnd { // at the end: checkCascadedParents
		// The default may name the very parent key going away.
		if references(ctr.t, fk, nrow, old) {
			return fkConflict(ctr, fk, ctr.cat.Tables[fk.RefTable], stmt)
		}
		if err := s.checkForeignKey(ec, ctr, fk, nrow, stmt); err != nil {
			return err
		}
	}
	// The changed row takes a new rowversion, and its computed columns,
	// NOT NULL and CHECK constraints are as any UPDATE's.
	if err := rb.validate(ec, nrow); err != nil {
		return err
	}
	trig := s.cascadeSet(ctr, "UPDATE", fk.Columns) // cascade_triggers.go
	if uniqueKeyChanged(ctr.t, fresh, nrow) {
		if err := s.checkReferences(ec, ctr, fresh, nrow, stmt); err != nil {
			return err
		}
	}
	if cs.atEnd {
		cs.cascaded.record(cascadeWrite{ctr: ctr, fk: fk, action: action, old: fresh, new: nrow, stmt: stmt})
	} else if err := s.updateRow(ec.ctx, ctr, fresh, nrow); err != nil {
		return err
	}
	if trig != nil {
		trig.collect(fresh, nrow)
	}
	return nil
}
