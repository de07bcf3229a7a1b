package storage

import (
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

// Free-space guard. Badger writes through memory-mapped files that it creates
// sparse (memtable WALs of 2×MemTableSize, value log files, tables built in
// place): when the file system fills, a store to a page of such a file is not an
// error but a SIGBUS that kills the process. Badger write errors are therefore
// not a usable signal of a full disk. Instead the engine asks CheckSpace before it
// logs a transaction: the transaction is refused (error 1105) while less than
// Options.MinFreeBytes is free on the store's file system, so the mapped files
// always have room to grow into, nothing is logged that could not be applied,
// and the database works again as soon as space is freed.

// ErrNoSpace: the store's file system has less free space than
// Options.MinFreeBytes. Nothing was written. The engine maps it to SQL Server's
// error 1105 (filegroup full).
var ErrNoSpace = errors.New("storage: not enough free disk space")

// DefaultMinFreeBytes is Options.MinFreeBytes when zero: room for the sparse files
// badger may map at once for one database (a 16 MiB memtable WAL, a 32 MiB value
// log file, tables being flushed) with a margin.
const DefaultMinFreeBytes = 64 << 20

// spaceRecheck bounds how stale a "plenty free" answer may be; a reading within
// spaceNearFactor×MinFreeBytes of the limit is never reused.
const (
	spaceRecheck    = 20 * time.Millisecond
	spaceNearFactor = 4
)

// spaceGuard caches the last free-space reading of a directory.
type spaceGuard struct {
	dir     string
	min     uint64
	free    func(dir string) (uint64, error) // bytes available to unprivileged users
	checked atomic.Int64                     // unix nanoseconds of the last reading
	last    atomic.Uint64                    // free bytes at the last reading
}

func newSpaceGuard(dir string, minFree int64) *spaceGuard {
	g := &spaceGuard{dir: dir, free: freeBytes}
	if minFree == 0 {
		minFree = DefaultMinFreeBytes
	}
	if minFree > 0 {
		g.min = uint64(minFree)
	}
	return g
}

// check returns ErrNoSpace when less than the minimum is free. Readings far
// from the limit are reused for spaceRecheck; near it every call reads again, so
// that freed space is seen at once.
func (g *spaceGuard) check() error {
	if g == nil || g.min == 0 || g.free == nil {
		return nil
	}
	now := time.Now().UnixNano()
	if last := g.last.Load(); last >= spaceNearFactor*g.min && now-g.checked.Load() < int64(spaceRecheck) {
		return nil
	}
	free, err := g.free(g.dir)
	if err != nil {
		return nil // unknown: do not refuse work on a failed statfs
	}
	g.last.Store(free)
	g.checked.Store(now)
	if free < g.min {
		return fmt.Errorf("%s has %d bytes free, %d required: %w", g.dir, free, g.min, ErrNoSpace)
	}
	return nil
}

// CheckSpace returns an error wrapping ErrNoSpace when the store's file system
// has less than Options.MinFreeBytes free. Call it before logging a write that
// the store will have to apply. It is cheap (a cached statfs) and safe for
// concurrent use; in-memory stores and platforms without statfs always pass.
func (s *Badger) CheckSpace() error {
	if s.closed.Load() {
		return ErrClosed
	}
	return s.space.check()
}
