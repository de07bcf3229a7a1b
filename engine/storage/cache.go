package storage

import (
	"bytes"
	"math"
	"sync"
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/btree"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// The buffer pool (issue #5): an in-memory, MVCC-correct copy of hot objects
// inside *Badger, so that scans and point reads of a cached object never touch
// badger's merge iterator (~180 ns a row: item parsing, version skipping,
// value copy; two thirds of a GROUP BY's CPU). SQL Server and PostgreSQL both
// read from a buffer pool; this is ours, kept per object rather than per page
// because badger, not us, owns the pages.
//
// Shape. Each cached object is a copy-on-write B-tree of immutable entries
// (centry: a key and the versions of it a reader may need). A write builds new
// entries and replaces the old ones; a reader takes an O(1) Clone of the tree
// and iterates it without locks, picking in each entry the newest version at
// or below its read LSN.
//
// Which reads it answers. An object is loaded from badger as of an LSN V (the
// newest version in the store when the load began, Badger.maxVersion: after
// a crash that is above the applied LSN); from then on Apply writes every version
// into the cache as well, so the cache answers exactly the reads as of an LSN
// at or above its floor. The load keeps, besides each key's newest version,
// the versions the readers pinned when it began can read (a database
// snapshot, a SNAPSHOT transaction's or an RCSI statement's read point), so
// the floor starts at the lowest pin, or V when none is lower; readers older
// than that (a snapshot or backup pinned after the load, below its floor) go
// to badger, which still has their versions (they are pinned). A write at
// version at raises the floor to min(at, lowest pin) and keeps, of the key
// it writes, the versions above the floor and the newest at or below it:
// usually just the new one (pruneFloor).
//
// Replays. Redo may apply a batch again at its own, older version, and a
// group commit may apply versions out of order (on distinct keys). Merging
// by version handles both as long as the cache knows each key's newest
// version, so deletes stay as tombstones (an object with too many leaves the
// cache and is loaded again without them). A write at or below the load's
// V, though, may be a replay of a put older than a delete the load could not
// see (the key was absent as of V): when the key's entry holds no version at
// or below V (there is none, or it holds only versions written since the
// load), the entry cannot tell, and the key's versions are read from badger
// (keyVersions). Merged into such an entry, the replay would show through to
// pinned readers between V and the entry's oldest version.
//
// Consistency with Apply. Apply, ApplyGroup, DropObject and Load hold applyMu
// across their badger write and their cache update; a load registers its
// object and reads V under applyMu, so every write is either in badger at a
// version <= V (and read by the load) or recorded by the cache after the
// registration (and merged into the loaded tree by version, idempotently).
// DropObject, Load and a failed Apply remove objects from the cache; an
// object removed while its load runs is marked dead and the load's result is
// discarded, so a load can never resurrect a dropped object.
//
// Memory. Options.CacheBytes bounds the bytes accounted (keys, values and a
// per-entry overhead); when it is exceeded whole objects are evicted, least
// recently used first. An object whose load alone exceeds the budget is not
// cached (until it is dropped). Nothing is cached until an object has been
// read enough (loadAfterRows), so an idle server's memory does not grow.

// defaultLoadAfterRows is how many rows read from badger (scanned rows, one
// per point read) make an object worth loading: one full scan of a table of
// that size, or that many point reads.
const defaultLoadAfterRows = 8192

// treeDegree is the B-tree degree of cached objects (nodes of up to 63
// entries): wide enough for shallow trees, small enough that the node copies
// of a copy-on-write write stay cheap.
const treeDegree = 32

// CacheBudget is a buffer pool budget that several stores share: an
// instance's databases together stay within it (Options.CacheBudget). Each
// store evicts its own least recently used objects while the shared total is
// over the limit, so a database that loads makes room from its own objects
// and the total stays bounded by the limit plus the object being loaded.
type CacheBudget struct {
	limit int64
	used  atomic.Int64
	tick  atomic.Int64 // LRU clock shared by the stores

	mu     sync.Mutex // guards caches; taken before a cache's mu
	caches map[*cache]struct{}
}

// NewCacheBudget returns a budget of limit bytes (nil when limit <= 0: no
// buffer pool).
func NewCacheBudget(limit int64) *CacheBudget {
	if limit <= 0 {
		return nil
	}
	return &CacheBudget{limit: limit, caches: map[*cache]struct{}{}}
}

// Used is the bytes accounted over every store sharing the budget.
func (b *CacheBudget) Used() int64 { return b.used.Load() }

// cache is a Badger's buffer pool; nil when Options.CacheBytes is 0 and no
// Options.CacheBudget is given.
type cache struct {
	b         *CacheBudget
	loadAfter int64
	eager     bool // load on first read or write, synchronously (tests)

	// objs is the published map of cached objects (loading or ready). It is
	// replaced, never modified, under mu; readers load it without locks.
	objs atomic.Pointer[map[uint32]*cachedObject]
	used atomic.Int64 // bytes accounted over this store's objects

	mu      sync.Mutex        // guards replacing objs, and tooBig
	tooBig  map[uint32]bool   // objects whose load exceeded the budget
	evicted map[uint32]uint32 // evictions per object (readmitLater)
	heat    sync.Map          // uint32 -> *atomic.Int64: rows read from badger
	loadMu  chan struct{}     // one background load at a time
	wg      sync.WaitGroup    // background loads, waited for by Close

	loads, evictions, hitScans, hitGets, oldReads atomic.Int64

	// afterRead, when set (tests only, before any load), runs in a load
	// between its badger read and its merge, so that a test can write while
	// a load is in flight at a point of its choosing.
	afterRead func(id uint32)
}

// CacheStats are the buffer pool's counters (Badger.CacheStats).
type CacheStats struct {
	Objects   int   // objects cached (ready or loading)
	Bytes     int64 // bytes accounted
	Budget    int64 // Options.CacheBytes
	Loads     int64 // loads finished
	Evictions int64 // objects evicted for space
	HitScans  int64 // iterators served from the cache
	HitGets   int64 // point reads served from the cache
	// OldReads are reads of a cached object as of an LSN below its floor
	// (too old for the versions it keeps), answered by badger instead.
	OldReads int64
}

// cachedObject is one object in the cache.
type cachedObject struct {
	id      uint32
	lastUse atomic.Int64

	mu    sync.RWMutex
	tree  *entryTree // the writers' tree (while loading: writes since registration)
	snap  *entryTree // a clone of tree for readers; nil after a write
	ready bool       // loaded: readers at or above floor may use it
	dead  bool       // removed from the cache; writes and loads ignore it
	floor txlog.LSN  // lowest read LSN the cache answers
	base  txlog.LSN  // the LSN the object was loaded as of
	bytes int64      // accounted size
	tombs int        // entries whose newest version is a delete

	// flat is snap flattened, once a full scan built it (cache_iter.go);
	// set under mu, read without it.
	flat atomic.Pointer[flatView]
}

func newCache(o Options) *cache {
	b := o.CacheBudget
	if b == nil {
		b = NewCacheBudget(o.CacheBytes)
	}
	if b == nil {
		return nil
	}
	c := &cache{
		b:         b,
		loadAfter: o.cacheLoadAfter,
		eager:     o.cacheEager,
		tooBig:    map[uint32]bool{},
		evicted:   map[uint32]uint32{},
		loadMu:    make(chan struct{}, 1),
	}
	if c.loadAfter <= 0 {
		c.loadAfter = defaultLoadAfterRows
	}
	c.objs.Store(&map[uint32]*cachedObject{})
	c.register()
	return c
}

// entryTree is the B-tree of a cached object's entries, in key order.
type entryTree = btree.BTreeG[*centry]

func newTree() *entryTree { return btree.NewG(treeDegree, lessCentry) }

// object returns the cached object id (loading or ready), or nil.
func (c *cache) object(id uint32) *cachedObject { return (*c.objs.Load())[id] }

// publish replaces the object map with a copy changed by edit. Callers hold mu.
func (c *cache) publish(edit func(m map[uint32]*cachedObject)) {
	old := *c.objs.Load()
	m := make(map[uint32]*cachedObject, len(old)+1)
	for k, v := range old {
		m[k] = v
	}
	edit(m)
	c.objs.Store(&m)
}

// account adds delta bytes to this store's total and the shared budget's.
func (c *cache) account(delta int64) {
	c.used.Add(delta)
	c.b.used.Add(delta)
}

// touch marks o as used now (LRU, over every store sharing the budget).
func (c *cache) touch(o *cachedObject) { o.lastUse.Store(c.b.tick.Add(1)) }

// readTree returns a stable tree of o for a read as of asOf, or nil when the
// cache cannot answer it (o is loading or dead, or asOf is below its floor:
// old is then true).
func (o *cachedObject) readTree(asOf txlog.LSN) (t *entryTree, old bool) {
	o.mu.RLock()
	if !o.ready || o.dead || asOf < o.floor {
		old = o.ready && !o.dead
		o.mu.RUnlock()
		return nil, old
	}
	t = o.snap
	o.mu.RUnlock()
	if t != nil {
		return t, false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.ready || o.dead || asOf < o.floor {
		return nil, o.ready && !o.dead
	}
	if o.snap == nil {
		// Clone changes tree's copy-on-write context: exclusive lock.
		o.snap = o.tree.Clone()
	}
	return o.snap, false
}

// removeLocked takes id out of the cache (DropObject, eviction, a failed write).
// Callers hold mu. It reports the object removed, if any.
func (c *cache) removeLocked(id uint32) *cachedObject {
	o := c.object(id)
	if o == nil {
		return nil
	}
	c.publish(func(m map[uint32]*cachedObject) { delete(m, id) })
	o.mu.Lock()
	o.dead = true
	c.dropFlatLocked(o)
	c.account(-o.bytes)
	o.bytes = 0
	o.tree, o.snap = nil, nil
	o.mu.Unlock()
	return o
}

// drop forgets everything about id: DropObject (the id may come back as a
// new, empty object: TRUNCATE, index rebuild).
func (c *cache) drop(id uint32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.removeLocked(id)
	delete(c.tooBig, id)
	delete(c.evicted, id)
	c.heat.Delete(id)
}

// clear empties the cache (Load, a failed write).
func (c *cache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for id := range *c.objs.Load() {
		c.removeLocked(id)
	}
	clear(c.tooBig)
	clear(c.evicted)
	c.heat.Clear()
}

// evict removes ready objects, least recently used first over every store
// sharing the budget, until the bytes accounted fit it.
func (c *cache) evict() {
	b := c.b
	if b.used.Load() <= b.limit {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.used.Load() > b.limit {
		var victim *cachedObject
		var owner *cache
		for oc := range b.caches {
			for _, o := range *oc.objs.Load() {
				o.mu.RLock()
				ready := o.ready
				o.mu.RUnlock()
				if ready && (victim == nil || o.lastUse.Load() < victim.lastUse.Load()) {
					victim, owner = o, oc
				}
			}
		}
		if victim == nil {
			return
		}
		owner.mu.Lock()
		if owner.object(victim.id) == victim {
			owner.removeLocked(victim.id)
			owner.evictions.Add(1)
			owner.readmitLater(victim.id)
		}
		owner.mu.Unlock()
	}
}

// readmitLater makes an evicted object earn its next load: it must be read
// loadAfter << n rows again after its n-th eviction (n capped at 16), so two
// hot objects that do not fit together stop evicting and reloading each
// other on every scan (each load is a whole badger scan) and the one read
// most keeps its place. Callers hold c.mu.
func (c *cache) readmitLater(id uint32) {
	n := c.evicted[id] + 1
	c.evicted[id] = n
	h, _ := c.heat.LoadOrStore(id, new(atomic.Int64))
	h.(*atomic.Int64).Store(-(c.loadAfter << min(n, 16)))
}

// register makes c's objects candidates for the budget's eviction.
func (c *cache) register() {
	c.b.mu.Lock()
	c.b.caches[c] = struct{}{}
	c.b.mu.Unlock()
}

// unregister empties c and withdraws it from the budget (its store closes).
func (c *cache) unregister() {
	c.b.mu.Lock()
	delete(c.b.caches, c)
	c.b.mu.Unlock()
	c.clear()
}

// applied records the operations of b (normalized: sorted by object and key,
// one per key), written at version at, in the cached objects they touch.
// Callers hold applyMu and have written b to badger. floor returns the
// lowest pinned LSN (see pruneFloor); chain reads a key's versions from
// badger (Badger.keyVersions).
func (c *cache) applied(b *Batch, at txlog.LSN, floor func() txlog.LSN, chain chainFunc) {
	objs := *c.objs.Load()
	if len(objs) == 0 {
		return
	}
	ops := b.ops
	for len(ops) > 0 {
		id := ops[0].ObjectID
		n := 1
		for n < len(ops) && ops[n].ObjectID == id {
			n++
		}
		run := ops[:n]
		ops = ops[n:]
		if o := objs[id]; o != nil && !c.write(o, run, at, floor, chain) {
			c.mu.Lock()
			if c.object(id) == o {
				c.removeLocked(id)
			}
			c.mu.Unlock()
		}
	}
	c.evict()
}

// chainFunc returns every version badger holds of (object, key), newest
// first.
type chainFunc func(obj uint32, key []byte) ([]cversion, error)

// maxTombstones is how many deleted keys an object keeps before it is
// dropped from the cache (and loaded again later, without them), when they
// are also at least half its entries.
const maxTombstones = 4096

// write applies the operations run (all of o's object) to o's tree. It
// reports false when o must leave the cache (too many deleted keys, or
// badger could not be read).
func (c *cache) write(o *cachedObject, run []Op, at txlog.LSN, floor func() txlog.LSN, chain chainFunc) bool {
	// Copy keys and values into one block: the batch's slices belong to the
	// caller once Apply returns.
	size := 0
	for _, op := range run {
		size += len(op.Key) + len(op.Value)
	}
	block := make([]byte, 0, size)
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.dead {
		return true
	}
	var delta int64
	f := o.floor
	if o.ready {
		// Readers below min(at, lowest pin) go to badger from now on.
		f = max(f, min(at, floor()))
		o.floor = f
	} else {
		f = 0 // while loading keep every version: merged after the load
	}
	for _, op := range run {
		start := len(block)
		block = append(block, op.Key...)
		key := block[start:len(block):len(block)]
		start = len(block)
		block = append(block, op.Value...)
		v := cversion{lsn: at, value: block[start:len(block):len(block)], del: op.Delete}
		probe := getProbe(key)
		old, _ := o.tree.Get(probe)
		putProbe(probe)
		var e *centry
		if o.ready && at <= o.base && (old == nil || old.oldest() > o.base) {
			// The load read badger as of base, where keys deleted at or
			// below base are absent: this write may be a replay of one
			// older than such a delete. An entry whose versions are all
			// above base (written since the load) does not know either:
			// merged into it, the replay would show through to readers
			// between base and its newer versions. Badger knows.
			vs, err := chain(o.id, key)
			if err != nil || len(vs) == 0 {
				return false
			}
			e = mergeEntry(key, nil, vs, f)
		} else {
			e = mergeEntry(key, old, []cversion{v}, f)
		}
		if old != nil {
			delta -= old.size()
			if old.del {
				o.tombs--
			}
		}
		delta += e.size()
		if e.del {
			o.tombs++
		}
		o.tree.ReplaceOrInsert(e)
	}
	o.snap = nil
	c.dropFlatLocked(o)
	o.bytes += delta
	c.account(delta)
	return o.tombs <= maxTombstones || 2*o.tombs < o.tree.Len()
}

// statsNow returns the counters.
func (c *cache) statsNow() CacheStats {
	if c == nil {
		return CacheStats{}
	}
	return CacheStats{
		Objects:   len(*c.objs.Load()),
		Bytes:     c.used.Load(),
		Budget:    c.b.limit,
		Loads:     c.loads.Load(),
		Evictions: c.evictions.Load(),
		HitScans:  c.hitScans.Load(),
		HitGets:   c.hitGets.Load(),
		OldReads:  c.oldReads.Load(),
	}
}

// CacheStats reports the buffer pool's counters (zero when it is off).
func (s *Badger) CacheStats() CacheStats { return s.cache.statsNow() }

// pruneFloor is the lowest pinned read LSN (Latest when none). A write at
// version at raises its object's floor to min(at, pruneFloor) and keeps, of
// each key it writes, only the versions a read at or above that floor needs:
// usually just the new one. Readers pin before they look at the floor, so a
// pinned reader keeps its versions, and a later reader below the floor goes
// to badger, which keeps what every pinned and newer reader needs (the
// discard point never passes a pin). Every read the engine makes outside
// BACKUP is as of Latest, so in practice nothing but the newest version is
// kept.
func (s *Badger) pruneFloor() txlog.LSN {
	s.pinMu.Lock()
	defer s.pinMu.Unlock()
	f := Latest
	for l := range s.pins {
		f = min(f, l)
	}
	return f
}

// onceFloor returns a function computing s.pruneFloor once.
func (s *Badger) onceFloor() func() txlog.LSN {
	var f txlog.LSN
	done := false
	return func() txlog.LSN {
		if !done {
			f, done = s.pruneFloor(), true
		}
		return f
	}
}

// cacheApplied records b, written to badger at version at, in the cache.
// Callers hold applyMu.
func (s *Badger) cacheApplied(b *Batch, at txlog.LSN, floor func() txlog.LSN) {
	if s.cache != nil {
		s.cache.applied(b, at, floor, s.keyVersions)
	}
}

// cacheFailed empties the cache after a write that failed: part of it may be
// in badger, so no cached object can be trusted to match badger any more.
// Callers hold applyMu.
func (s *Badger) cacheFailed() {
	if s.cache != nil {
		s.cache.clear()
	}
}

// loadBatchObjects loads the objects b writes (eager cache, tests: so that
// the cache records every version from the first write on).
func (s *Badger) loadBatchObjects(b *Batch) {
	var last uint32
	for i, op := range b.ops {
		if i == 0 || op.ObjectID != last {
			s.ensureLoaded(op.ObjectID)
			last = op.ObjectID
		}
	}
}

// keyVersions returns every version badger holds of (obj, key), newest
// first, deletes included (chainFunc).
func (s *Badger) keyVersions(obj uint32, key []byte) ([]cversion, error) {
	txn := s.db.NewTransactionAt(math.MaxUint64, false)
	defer txn.Discard()
	k := AppendObjectKey(nil, obj, key)
	opt := badger.DefaultIteratorOptions
	opt.AllVersions = true
	opt.PrefetchValues = false
	opt.Prefix = k
	it := txn.NewIterator(opt)
	defer it.Close()
	var out []cversion
	for it.Seek(k); it.Valid(); it.Next() {
		item := it.Item()
		if !bytes.Equal(item.Key(), k) {
			break
		}
		v := cversion{lsn: txlog.LSN(item.Version()), del: item.IsDeletedOrExpired()}
		if !v.del {
			var err error
			if v.value, err = item.ValueCopy(nil); err != nil {
				return nil, err
			}
		}
		out = append(out, v)
	}
	return out, nil
}
