package exec

import (
	"bytes"
	"context"

	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// Before images the executor already read.
//
// Database.Commit logs every written key with its committed value (the
// before image) and reads it from the store. A single-row INSERT has just
// read that key from the store (the duplicate-key check) and an UPDATE or
// DELETE has just re-read its target row, both while holding the key's X
// lock, which the transaction keeps until its commit has returned. No other
// transaction can commit that key in between, so what the executor read is
// exactly what Commit would read: it records it here and Commit skips one
// store read per row on the serial path of every single-row write.
//
// Only reads that came from the store count (not the transaction's own
// earlier writes to the key, which the write set answers), and only the
// first maxBeforeHints of a transaction: single-row statements are the point;
// larger transactions let Commit read the rest.

// maxBeforeHints bounds the hints one transaction keeps in one database.
const maxBeforeHints = 4

// beforeHint is the committed value of one key (found=false: no row) that
// the transaction read from the store under the key's X lock.
type beforeHint struct {
	obj   uint32
	key   []byte
	val   []byte
	found bool
}

// noteBefore records a store read of (obj, key) made under the key's X lock.
// val must not be modified afterwards (Get results are the caller's copies);
// nor must key when keep is set: the hint keeps it instead of a copy.
func (w *Writes) noteBefore(obj uint32, key, val []byte, found, keep bool) {
	if len(w.hints) >= maxBeforeHints {
		return
	}
	for _, h := range w.hints {
		if h.obj == obj && bytes.Equal(h.key, key) {
			return
		}
	}
	if w.hints == nil {
		w.hints = w.hintBuf[:0] // in the Writes, allocated with it
	}
	if !keep {
		key = bytes.Clone(key)
	}
	w.hints = append(w.hints, beforeHint{obj: obj, key: key, val: val, found: found})
}

// BeforeImage reports the committed value of (obj, key) as the transaction
// read it from the store under the key's X lock, if it did: known=false means
// the caller must read the store itself. The returned slice is shared and
// must not be modified. Valid only while the transaction holds its locks,
// which is the whole of Database.Commit.
func (w *Writes) BeforeImage(obj uint32, key []byte) (val []byte, found, known bool) {
	for _, h := range w.hints {
		if h.obj == obj && bytes.Equal(h.key, key) {
			return h.val, h.found, true
		}
	}
	return nil, false, false
}

// lockedGet reads (obj, key) through the transaction's write set, as
// s.reader(db).Get does, for a caller that holds the key's X lock, and
// records a value that came from the store as the key's before image.
func (s *Session) lockedGet(ctx context.Context, db Database, obj uint32, key []byte) ([]byte, bool, error) {
	return s.lockedGetKeep(ctx, db, obj, key, false)
}

// lockedGetKeep is lockedGet for a key that nobody modifies afterwards when
// keep is set: the before image keeps the key itself, not a copy (an
// INSERT's new row key, which insertRow builds and never changes; one
// allocation less per inserted row).
func (s *Session) lockedGetKeep(ctx context.Context, db Database, obj uint32, key []byte, keep bool) ([]byte, bool, error) {
	var w *Writes
	if s.tx != nil {
		if d := s.tx.db(db.ID()); d != nil {
			w = d.writes
			if _, _, inSet := w.Set.Lookup(obj, key); inSet {
				return w.Set.Get(ctx, db.Store(), obj, key, storage.Latest)
			}
		}
	}
	v, found, err := db.Store().Get(ctx, obj, key, storage.Latest)
	if err != nil {
		return nil, false, err
	}
	if w == nil && s.tx != nil {
		// The first write of the transaction to db follows this read.
		w = s.tx.dbTx(db).writes
	}
	if w != nil {
		w.noteBefore(obj, key, v, found, keep)
	}
	return v, found, nil
}
