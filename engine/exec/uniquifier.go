package exec

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"strconv"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txn"
)

// A non-unique clustered index is the row store as a unique one is, but its
// rows are keyed by the index key followed by SQL Server's uniquifier: 4
// bytes (big-endian, so duplicates stay in insertion order), 0 for the
// first row of a key value and one more than the largest stored for each
// duplicate. The key encoding is prefix-free (catalog/types/key.go), so the
// rows of one key value are exactly the keys in [prefix, prefixEnd(prefix))
// — the range a seek on the key reads. The uniquifier is in no column: it
// is not in SELECT *, and a row keeps it until its key changes.

// uniquifierLen is the size of the uniquifier after a clustered key.
const uniquifierLen = 4

// errUniquifierExhausted is SQL Server's 666: a key value has used every
// uniquifier.
func errUniquifierExhausted(rs *catalog.Index) *Error {
	return &Error{Number: 666, Severity: 16, State: 2, Message: "The maximum system-generated unique value for a duplicate group was exceeded for index with partition ID " +
		strconv.FormatInt(partitionID(rs.StoreID), 10) + ". Dropping and re-creating the index may resolve this; otherwise, use another clustering key."}
}

// uniquified reports a row store keyed by a non-unique clustered index.
func uniquified(rs *catalog.Index) bool { return rs.IndexID == 1 && !rs.Unique }

// keyOfPrefix reports whether key is a stored row key of the key value
// prefix: prefix followed by a uniquifier.
func keyOfPrefix(key, prefix []byte) bool {
	return len(key) == len(prefix)+uniquifierLen && string(key[:len(prefix)]) == string(prefix)
}

// uniquifiedKey returns a free row key for a new row of key value prefix in
// tr's uniquified row store, holding its X lock. A table being rebuilt onto
// new storage (by this transaction alone: the table is schema-locked)
// numbers duplicates from tr.uniq, without reading or locking; the caller
// locks the key. Otherwise the next uniquifier follows the largest in the
// store or this transaction's writes (nextUniquifier); a
// candidate whose lock another transaction holds (its uncommitted row) is
// passed over without waiting, as SQL Server's inserts of one key value do
// not block each other, and one committed meanwhile (found under the lock)
// too.
func (s *Session) uniquifiedKey(ctx context.Context, tr *tableRef, prefix []byte) ([]byte, error) {
	rs := tr.t.RowStore()
	if tr.uniq != nil {
		u, seen := tr.uniq[string(prefix)]
		if seen && u == math.MaxUint32 {
			return nil, errUniquifierExhausted(rs)
		}
		if seen {
			u++
		}
		tr.uniq[string(prefix)] = u
		return binary.BigEndian.AppendUint32(prefix, u), nil
	}
	next, err := s.nextUniquifier(tr, prefix)
	if err != nil {
		return nil, err
	}
	dbid := uint32(tr.db.ID())
	if err := s.lock(ctx, txn.ObjectResource(dbid, uint32(tr.t.ID)), txn.ModeIX, txn.ForTransaction); err != nil {
		return nil, err
	}
	owner := s.beginTx(true).owner
	for ; next <= math.MaxUint32; next++ {
		key := binary.BigEndian.AppendUint32(append([]byte(nil), prefix...), uint32(next))
		res := txn.Resource{Kind: txn.Key, Database: dbid, Object: rs.StoreID, Key: string(key)}
		switch err := s.srv.Locks().Lock(ctx, owner, res, txn.ModeX, txn.ForTransaction, 0); {
		case errors.Is(err, txn.ErrLockTimeout):
		case err != nil:
			return nil, err
		default:
			if _, exists, err := s.lockedGet(ctx, tr.db, rs.StoreID, key); err != nil {
				return nil, err
			} else if !exists {
				return key, nil
			}
		}
	}
	return nil, errUniquifierExhausted(rs)
}

// nextUniquifier is one more than the largest uniquifier of key value
// prefix in the store or in this transaction's writes — a deleted one too:
// a gap is harmless, and so the write set is read in place, without the
// merged iterator's clone (0 for the first row); MaxUint32+1 when that one
// is taken.
func (s *Session) nextUniquifier(tr *tableRef, prefix []byte) (uint64, error) {
	rs, end := tr.t.RowStore(), prefixEnd(prefix)
	next := uint64(0)
	note := func(k []byte) {
		if keyOfPrefix(k, prefix) {
			next = max(next, uint64(binary.BigEndian.Uint32(k[len(prefix):]))+1)
		}
	}
	if s.tx != nil {
		if d := s.tx.db(tr.db.ID()); d != nil {
			if k, ok := d.writes.Set.LastKey(rs.StoreID, prefix, end); ok {
				note(k)
			}
		}
	}
	it, err := tr.db.Store().NewIterator(rs.StoreID, prefix, end, true, storage.Latest)
	if err != nil {
		return 0, err
	}
	defer it.Close()
	if it.Next() {
		note(it.Key())
	}
	return next, it.Err()
}

// updatedRowKey is the row key of new, the updated values of the row stored
// under key: key itself while the clustered key value is unchanged. For a
// uniquified row store a changed value gets a free key (locked) when
// allocate is set, and only its prefix otherwise (updateRows allocates in
// its second pass, after the statement's old rows are gone).
func (s *Session) updatedRowKey(ctx context.Context, tr *tableRef, key []byte, new Row, allocate bool) ([]byte, error) {
	rs := tr.t.RowStore()
	if rs.IsHeap() {
		return key, nil
	}
	k, err := indexKey(tr.t, rs, new)
	if err != nil || !uniquified(rs) {
		return k, err
	}
	if keyOfPrefix(key, k) {
		return key, nil
	}
	if !allocate {
		return k, nil
	}
	return s.uniquifiedKey(ctx, tr, k)
}
