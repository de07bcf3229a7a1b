package storage

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// Options configure OpenBadger. The zero value of every field but Dir is a usable
// default.
type Options struct {
	// Dir is the badger directory of one database.
	Dir string
	// Logger receives badger's warnings and errors (nil: slog.Default()). Badger's
	// INFO and DEBUG output is dropped.
	Logger *slog.Logger
	// HousekeepingInterval is how often the discard timestamp is advanced and the
	// value log garbage-collected (0: one minute; negative: never, except when
	// CollectGarbage is called).
	HousekeepingInterval time.Duration
	// GCDiscardRatio is RunValueLogGC's discard ratio (0: 0.5).
	GCDiscardRatio float64
	// InMemory opens badger without files (tests and benchmarks only; Sync is a
	// no-op and nothing survives Close).
	InMemory bool
	// MinFreeBytes is the free space CheckSpace requires on Dir's file system
	// (0: DefaultMinFreeBytes; negative: no check). See space.go for why.
	MinFreeBytes int64
	// CacheBytes is the buffer pool's budget: how many bytes of hot objects
	// (keys, values and bookkeeping) this store keeps in memory to answer
	// scans and point reads without badger (cache.go). 0 turns it off.
	// Objects are loaded only after they have been read, so an idle store
	// holds nothing.
	CacheBytes int64
	// CacheBudget, when set, is a budget shared with other stores (an
	// instance's databases) and replaces CacheBytes.
	CacheBudget *CacheBudget

	// cacheLoadAfter overrides defaultLoadAfterRows (tests).
	cacheLoadAfter int64
	// cacheEager loads every object on its first read or write,
	// synchronously (tests: the conformance suite with the cache on).
	cacheEager bool
}

// DefaultCacheBytes is the buffer pool budget a server uses unless told
// otherwise (mirrorsql serve --buffer-pool-mb).
const DefaultCacheBytes = 512 << 20

const (
	defaultHousekeeping = time.Minute
	defaultDiscardRatio = 0.5
)

// badgerOptions is the small-memory profile measured in style.md ("Badger: facts
// measured here"): 8 MiB memtables (so one badger txn holds ~10k sets, which is why
// Apply chunks), bounded caches, two compactors, no conflict detection (our lock
// manager serializes conflicting writers) and no per-write fsync (our log is the
// durability point; Sync is the checkpoint hook).
//
// SSTables are written uncompressed and there is no block cache: badger then
// serves every block as a slice of the mmap'd table file, with no decompression,
// no allocation and no cache insert per 4 KiB block, which made 1M-row scans
// faster (docs/benchmarks-tsql.md, "Scan read path"). A block cache only saves
// decompression, so without compression it would be pure overhead. Tables
// written by an older profile keep their own compression flag and stay readable
// (badger decompresses them per block read).
func badgerOptions(o Options) badger.Options {
	dir := o.Dir
	if o.InMemory {
		dir = ""
	}
	return badger.DefaultOptions(dir).
		WithInMemory(o.InMemory).
		WithMemTableSize(8 << 20).
		WithNumMemtables(2).
		WithValueThreshold(64 << 10).
		WithCompression(options.None).
		WithBlockCacheSize(0).
		WithIndexCacheSize(4 << 20).
		WithNumLevelZeroTables(2).
		WithNumLevelZeroTablesStall(4).
		WithValueLogFileSize(16 << 20).
		WithNumCompactors(2).
		WithNumGoroutines(2).
		WithDetectConflicts(false).
		WithSyncWrites(false).
		WithLogger(quietLogger{log: o.logger()})
}

func (o Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.Default()
}

func (o Options) housekeepingInterval() time.Duration {
	if o.HousekeepingInterval == 0 {
		return defaultHousekeeping
	}
	return o.HousekeepingInterval
}

func (o Options) discardRatio() float64 {
	if o.GCDiscardRatio <= 0 || o.GCDiscardRatio >= 1 {
		return defaultDiscardRatio
	}
	return o.GCDiscardRatio
}

// quietLogger adapts slog to badger.Logger, dropping everything below WARNING.
type quietLogger struct{ log *slog.Logger }

func (l quietLogger) Errorf(f string, args ...any) {
	l.log.Error(fmt.Sprintf(f, args...), "component", "badger")
}

func (l quietLogger) Warningf(f string, args ...any) {
	l.log.Warn(fmt.Sprintf(f, args...), "component", "badger")
}

func (quietLogger) Infof(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}
