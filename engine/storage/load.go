package storage

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/ristretto/v2/z"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// ErrUnsorted: rows given to Load are not in (object, key) runs as required.
var ErrUnsorted = errors.New("storage: bulk-load rows are not sorted")

// loadBufferBytes is how much encoded row data Load hands badger at a time.
const loadBufferBytes = 4 << 20

// Load bulk-loads a new, empty store (RESTORE DATABASE): rows calls put for
// every row, all written at version at. Within one object the keys must be
// strictly increasing, and each object must come as one run (objects in any
// order); otherwise put returns an error wrapping ErrUnsorted. Anything already
// in the store is discarded. On success the applied LSN is at.
//
// Why: Apply goes through badger's memtables, L0 flushes and compactions,
// which on the small-memory profile stall writers and capped RESTORE at
// ~60 MB/s. Badger's StreamWriter builds the bottom level's tables directly
// from sorted input, with no memtable and no compaction. A backup already
// lists each object's rows in key order, so it is sorted input. The order is
// checked here rather than left to badger, whose writer goroutine panics on
// unsorted keys: a damaged or crafted backup file must fail the restore, not
// the server. Load must not run concurrently with any other write.
func (s *Badger) Load(at txlog.LSN, rows func(put func(obj uint32, key, val []byte) error) error) error {
	if at == 0 {
		return ErrZeroLSN
	}
	if s.closed.Load() {
		return ErrClosed
	}
	if err := s.later.waitAll(); err != nil { // ApplyLater's queue first
		return err
	}
	s.applyMu.Lock()
	defer s.applyMu.Unlock()
	if s.cache != nil {
		// Everything cached is replaced; a load in flight is marked dead
		// and discarded, and no new one registers while applyMu is held.
		s.cache.clear()
	}
	sw := s.db.NewStreamWriter()
	if err := sw.Prepare(); err != nil {
		sw.Cancel()
		return fmt.Errorf("bulk load: %w", err)
	}
	buf := z.NewBuffer(loadBufferBytes+loadBufferBytes/4, "storage.Load")
	defer buf.Release()
	send := func() error {
		if buf.LenNoPadding() == 0 {
			return nil
		}
		err := sw.Write(buf)
		buf.Reset()
		return err
	}
	var (
		cur     uint32
		started bool
		lastKey []byte
		done    = map[uint32]bool{}
		kv      pb.KV
	)
	put := func(obj uint32, key, val []byte) error {
		if !ValidObject(obj) {
			return ErrInvalidObject
		}
		switch {
		case !started || obj != cur:
			if done[obj] {
				return fmt.Errorf("object %d appears twice: %w", obj, ErrUnsorted)
			}
			if started {
				done[cur] = true
				kv = pb.KV{StreamId: cur, StreamDone: true}
				badger.KVToBuffer(&kv, buf)
			}
			cur, started = obj, true
		case bytes.Compare(key, lastKey) <= 0:
			return fmt.Errorf("object %d: %w", obj, ErrUnsorted)
		}
		lastKey = append(lastKey[:0], key...)
		kv = pb.KV{Key: AppendObjectKey(nil, obj, key), Value: val, Version: uint64(at), StreamId: obj}
		badger.KVToBuffer(&kv, buf)
		if buf.LenNoPadding() >= loadBufferBytes {
			return send()
		}
		return nil
	}
	err := rows(put)
	if err == nil {
		// The applied LSN, under the reserved metadata object (its own stream).
		kv = pb.KV{Key: appliedKey, Value: encodeLSN(at), Version: uint64(at), StreamId: metaObject}
		badger.KVToBuffer(&kv, buf)
		err = send()
	}
	if err != nil {
		sw.Cancel()
		return fmt.Errorf("bulk load: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("bulk load: %w", err)
	}
	s.applied.Store(uint64(at))
	s.persisted = at // written above, with the rows
	s.openedMax = at // what the store held before is gone
	return nil
}
