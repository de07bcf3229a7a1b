package storage

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// errLoadAborted stops a load whose object became too big, was dropped, or
// whose store is closing.
var errLoadAborted = errors.New("storage: cache load aborted")

// Loads copy keys and values into blocks of up to loadBlockBytes and entries
// into slabs of up to loadSlabEntries: a million-row table costs a few hundred
// allocations instead of two million, which keeps the load fast and the
// garbage collector's object count low. A block stays alive while any entry
// in it does. Blocks and slabs start small and double, so that a small hot
// object (a lookup table) holds about what it is accounted for, not a whole
// block and slab (the budget only counts rows: cache_entry.go size).
const (
	loadBlockBytes      = 256 << 10
	loadSlabEntries     = 1024
	loadFirstBlockBytes = 2 << 10
	loadFirstSlab       = 8
	loadCheckEvery      = 4096 // rows between checks for Close
)

// noteRead records rows read from badger for object id, and starts loading
// it in the background once it has been read enough (one load at a time; a
// busy loader means a later read tries again).
func (s *Badger) noteRead(id uint32, rows int64) {
	c := s.cache
	if c == nil || rows <= 0 {
		return
	}
	h, _ := c.heat.Load(id)
	if h == nil {
		h, _ = c.heat.LoadOrStore(id, new(atomic.Int64))
	}
	if h.(*atomic.Int64).Add(rows) < c.loadAfter || c.object(id) != nil {
		return
	}
	select {
	case c.loadMu <- struct{}{}:
	default:
		return
	}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer func() { <-c.loadMu }()
		if err := s.loadObject(id); err != nil && !errors.Is(err, errLoadAborted) {
			s.opts.logger().Warn("storage buffer pool load", "object", id, "err", err)
		}
	}()
}

// ensureLoaded loads id synchronously when the cache is eager (tests) and it
// is not cached yet.
func (s *Badger) ensureLoaded(id uint32) {
	if c := s.cache; c != nil && c.eager && c.object(id) == nil {
		if err := s.loadObject(id); err != nil && !errors.Is(err, errLoadAborted) {
			s.opts.logger().Warn("storage buffer pool load", "object", id, "err", err)
		}
	}
}

// loadObject copies object id from badger into the cache (see cache.go for
// why it is consistent with concurrent writes). It does nothing when id is
// cached or loading already, or known to be too big.
func (s *Badger) loadObject(id uint32) error {
	c := s.cache
	if s.closed.Load() {
		return errLoadAborted
	}
	// Register under applyMu: no write is half done, and every write so far
	// is at a version <= v. Pin v before letting writes go on, so the
	// discard point cannot pass it (it is at most the applied LSN, <= v).
	//
	// v is not the applied LSN alone: after a crash badger holds the writes
	// made since the last Sync above the applied LSN it stored, and recovery
	// finds them present and leaves that LSN where it was. A load as of it
	// missed them, and from then on every read as of Latest was answered
	// without them: the rows of the transactions committed since the last
	// checkpoint vanished from a database the moment its table was cached
	// (TestCacheLoadAfterCrash; a new principal after a power loss of both
	// partners, tests/mirroring TestReviewBothPartnersKilled).
	s.applyMu.Lock()
	c.mu.Lock()
	if c.object(id) != nil || c.tooBig[id] {
		c.mu.Unlock()
		s.applyMu.Unlock()
		return nil
	}
	o := &cachedObject{id: id, tree: newTree()}
	c.touch(o)
	c.publish(func(m map[uint32]*cachedObject) { m[id] = o })
	c.mu.Unlock()
	//
	// The load keeps, besides each key's newest version, the versions that
	// the readers pinned now may read (floor: a database snapshot, a read
	// point of a SNAPSHOT transaction or an RCSI statement): without them a
	// snapshot older than the load — on a mirror, whose tables are loaded
	// only when a snapshot reads them, or after a restart — reads badger
	// for good. Pinning floor keeps those versions in badger while the load
	// reads them.
	v := s.maxVersion()
	floor := min(v, s.pruneFloor())
	release, err := s.Pin(floor)
	s.applyMu.Unlock()
	if err != nil {
		s.abandon(o, false)
		if errors.Is(err, ErrClosed) {
			return errLoadAborted
		}
		return fmt.Errorf("load object %d: %w", id, err)
	}
	defer release()

	loaded, size, tombs, err := s.readObject(o, v, floor)
	if errors.Is(err, errTooBig) && floor < v {
		// The versions the pinned readers need do not fit beside the rows:
		// cache the rows as of v alone (those readers read badger), as a
		// load did before it kept versions, rather than nothing at all.
		floor = v
		loaded, size, tombs, err = s.readObject(o, v, floor)
	}
	if err != nil {
		s.abandon(o, errors.Is(err, errTooBig))
		if errors.Is(err, errTooBig) {
			return errLoadAborted
		}
		return fmt.Errorf("load object %d: %w", id, err)
	}
	if c.afterRead != nil {
		c.afterRead(id)
	}

	// Finish under applyMu, so that no write runs and badger can be asked
	// about single keys (below).
	s.applyMu.Lock()
	defer s.applyMu.Unlock()
	o.mu.Lock()
	if o.dead {
		o.mu.Unlock()
		return errLoadAborted
	}
	// Merge the writes recorded while loading (every version kept) into the
	// loaded entries (versions at or below v), by version.
	var ferr error
	o.tree.Ascend(func(w *centry) bool {
		old, _ := loaded.Get(w)
		var e *centry
		if oldest := w.versions()[len(w.older)]; old == nil && oldest.lsn <= v {
			// A replay of a write older than a delete at or below v would
			// come back to life: take the key's versions from badger.
			vs, err := s.keyVersions(o.id, w.key)
			if err != nil {
				ferr = err
				return false
			}
			if len(vs) == 0 {
				return true
			}
			e = mergeEntry(w.key, nil, vs, floor)
		} else {
			e = mergeEntry(w.key, old, w.versions(), floor)
		}
		if old != nil {
			size -= old.size()
			if old.del {
				tombs--
			}
		}
		size += e.size()
		if e.del {
			tombs++
		}
		loaded.ReplaceOrInsert(e)
		return true
	})
	if ferr != nil {
		o.mu.Unlock()
		s.abandon(o, false)
		return fmt.Errorf("load object %d: %w", o.id, ferr)
	}
	delta := size - o.bytes
	o.tree, o.snap = loaded, nil
	o.bytes = size
	o.floor, o.base = floor, v
	o.tombs = tombs
	o.ready = true
	o.mu.Unlock()
	c.account(delta)
	c.loads.Add(1)
	c.touch(o)
	c.evict()
	return nil
}

// errTooBig stops a load that exceeds the budget.
var errTooBig = errors.New("storage: object larger than the buffer pool")

// readObject reads object id as of v from badger into a new tree: of each
// key the versions above floor and the newest at or below it (floor <= v),
// at their real versions, as mergeEntry keeps them; a key whose newest
// version at or below floor is a delete and that has none above is left
// out, as the load as of v alone leaves out deleted keys. A delete below
// newer versions stays: it tells a replay of an older write (redo, merged
// into the entry below) that the key was gone at floor. It stops with
// errTooBig when the object outgrows the budget, and with errLoadAborted
// when the object is removed or the store closes meanwhile. tombs counts the
// entries whose newest version is a delete.
func (s *Badger) readObject(o *cachedObject, v, floor txlog.LSN) (t *entryTree, size int64, tombs int, err error) {
	txn := s.db.NewTransactionAt(uint64(v), false)
	defer txn.Discard()
	opt := badger.DefaultIteratorOptions
	opt.PrefetchValues = false
	opt.Prefix = objectPrefix(o.id)
	// Every version only when a pinned reader may need older ones: the
	// iterator then also returns deletes and versions below floor.
	opt.AllVersions = floor < v
	it := txn.NewIterator(opt)
	defer it.Close()

	t = newTree()
	var (
		block []byte
		slab  []centry
		n     int     // keys read
		cur   *centry // the entry of the key being read; nil: the key is left out
		last  []byte  // a copy of the key being read
		below bool    // the key's versions are read down to floor
	)
	// copyIn copies b into the current block, starting a new one when full.
	copyIn := func(b []byte) []byte {
		if len(block)+len(b) > cap(block) {
			next := min(max(2*cap(block), loadFirstBlockBytes), loadBlockBytes)
			block = make([]byte, 0, max(next, len(b)))
		}
		start := len(block)
		block = append(block, b...)
		return block[start:len(block):len(block)]
	}
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		k := item.Key()[prefixLen:]
		ver := txlog.LSN(item.Version())
		del := item.IsDeletedOrExpired()
		if opt.AllVersions && n > 0 && bytes.Equal(last, k) {
			// An older version of the key (AllVersions, newest first).
			if below {
				continue
			}
			below = ver <= floor
			ov := cversion{lsn: ver, del: del}
			if !del {
				if err := item.Value(func(val []byte) error { ov.value = copyIn(val); return nil }); err != nil {
					return nil, 0, 0, fmt.Errorf("read value: %w", err)
				}
			}
			size -= cur.size()
			cur.older = append(cur.older, ov)
			size += cur.size()
			continue
		}
		cur, below = nil, ver <= floor
		if opt.AllVersions {
			last = append(last[:0], k...) // its own buffer: k is badger's
		}
		if n++; n%loadCheckEvery == 0 && (s.closed.Load() || o.isDead()) {
			return nil, 0, 0, errLoadAborted
		}
		if del && below {
			continue // gone for every reader at or above floor
		}
		key := copyIn(k)
		var val []byte
		if !del {
			if err := item.Value(func(b []byte) error { val = copyIn(b); return nil }); err != nil {
				return nil, 0, 0, fmt.Errorf("read value: %w", err)
			}
		} else {
			tombs++
		}
		if len(slab) == cap(slab) {
			slab = make([]centry, 0, min(max(2*cap(slab), loadFirstSlab), loadSlabEntries))
		}
		slab = append(slab, centry{pfx: keyPrefix(key), key: key, value: val, lsn: ver, del: del})
		cur = &slab[len(slab)-1]
		t.ReplaceOrInsert(cur)
		size += cur.size()
		if size > s.cache.b.limit {
			return nil, 0, 0, errTooBig
		}
	}
	return t, size, tombs, nil
}

func (o *cachedObject) isDead() bool {
	o.mu.RLock()
	defer o.mu.RUnlock()
	return o.dead
}

// abandon removes o, whose load failed, from the cache (if it is still
// there); tooBig remembers that its object does not fit.
func (s *Badger) abandon(o *cachedObject, tooBig bool) {
	c := s.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.object(o.id) == o {
		c.removeLocked(o.id)
		if tooBig {
			c.tooBig[o.id] = true
			// noteRead then never reaches the threshold: no load attempt
			// (and no applyMu) per read. drop forgets it.
			h, _ := c.heat.LoadOrStore(o.id, new(atomic.Int64))
			h.(*atomic.Int64).Store(math.MinInt64 / 2)
		}
	}
}
