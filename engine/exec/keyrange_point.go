package exec

import "context"

// A SERIALIZABLE point read that finds no row (issues #4 #5). SQL Server's
// equality seek on a unique index locks the key it finds (S, or U for an
// UPDATE, DELETE or MERGE reading its target); where there is no row it
// locks the gap the key would go in: a key-range lock on the next key —
// RangeS-S, RangeS-U in update mode — or on the end of the index (the
// locking guide's "Key-range locking": "Singleton fetch of nonexistent
// value"). The read locked the missing key by value (S, or U) instead:
//
//   - sys.dm_tran_locks showed a KEY lock on a key no row has, and none on
//     the next key;
//   - the HOLDLOCK upsert by UPDATE (UPDATE t WITH (HOLDLOCK) … WHERE id =
//     @id; IF @@ROWCOUNT = 0 INSERT …) deadlocked when two sessions ran it
//     for one new key: both took S on the missing key, then each INSERT's
//     X waited for the other's S (1205 for one of them). SQL Server
//     queues the second UPDATE at the first one's RangeS-U, and it then
//     finds the row the first inserted.
//
// pointGapLocked is that read: the key locked as rl says and read; when
// there is no row, the lock taken for it is given back and the gap is
// locked through a rangeIterator over [key, key+0) (keyrange.go), which
// locks the next key in rl's range mode, waiting for an uncommitted insert
// in the gap as any range read does. A row committed there meanwhile is
// read under that range lock.
func (s *Session) pointGapLocked(ctx context.Context, tr *tableRef, key []byte, need []bool, rl *readLocks) (Row, error) {
	fresh, skip, err := rl.lockKeyFresh(ctx, key)
	if err != nil || skip {
		return nil, err
	}
	if rl.latest {
		defer s.readLatest()()
	}
	row, err := s.lookupRowCols(ctx, tr, key, need)
	if row != nil || err != nil || !fresh {
		return row, err // a key the transaction held already (its own delete) keeps that lock
	}
	rl.release(key)
	hi := append(key[:len(key):len(key)], 0)
	// plainReader: locking the gap is no read of the statement's (SET STATISTICS
	// IO counts the seek once, as SQL Server's singleton lookup).
	// The iterator keeps a copy of rl (heldLocks): handing it rl itself made
	// every point read's readLocks escape to the heap, gap or not.
	ri, err := s.newRangeIterator(ctx, s.plainReader(tr.db), tr.t.RowStore().StoreID, key, hi, heldLocks(true, rl))
	if err != nil {
		return nil, err
	}
	defer ri.Close()
	if !ri.Next() {
		return nil, ri.Err()
	}
	return s.lookupRowCols(ctx, tr, key, need)
}
