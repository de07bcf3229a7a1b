package txlog

import (
	"fmt"
	"os"
	"strconv"
	"sync/atomic"
	"unsafe"
)

// Direct, synchronous log writes.
//
// A flush or a mirror's harden writes log blocks with one write(2) on an
// O_DIRECT|O_DSYNC descriptor of the segment, from a directAlign-aligned buffer,
// instead of pwrite(2) into the page cache followed by fdatasync(2). The bytes
// on disk are the same, and the write returns once they are durable, so the
// torn-tail rules of the block format and every caller's contract are
// unchanged. Measured on this project's VM (docs/benchmarks-txlog.md, session
// 9): a 1.5–4 KiB durable write costs ~0.8× the CPU and ~0.9× the latency.
//
// Settled before it was used:
//
//   - Lifetime. The direct descriptor of a segment is opened on first use by
//     reopening the segment's own open file through /proc/self/fd, so it names
//     the same inode whatever happened to the path, and it lives in the
//     segments' table next to that file: remove (TruncateBefore, TruncateAfter)
//     and close close both together, under the same lock that hands them out. A
//     segment that is removed and created again gets a new file and a new
//     descriptor. A write never races a removal of its own segment: writers
//     write at or above the durable end, which no truncation removes, and Go's
//     os.File keeps a closed descriptor's number from being reused while a
//     write through it is in progress.
//   - Preallocation is unchanged: segments are still created zero-filled
//     (buffered writes + fsync) before any block is written into them, so a
//     direct write overwrites allocated blocks and needs no metadata.
//   - Readers (recovery, Reader, Scan, the shipping reader, AppendBlocks'
//     comparison, backup) keep reading through the buffered descriptor: Linux
//     keeps the page cache coherent with O_DIRECT writes (it writes back and
//     invalidates the written range), so they read what was written
//     (TestDirectWritesReadBack).
//   - Fallback. When the file system refuses (open or write fails with EINVAL:
//     no O_DIRECT support, or a logical block size that the 512-byte block
//     alignment does not meet), the segments switch to pwrite + fdatasync for
//     good; EINVAL is returned before anything is written, so the same write
//     is then done the buffered way (TestDirectWriteFallback).
//   - A flush whose written blocks are shipped before they are synced (a
//     written hook is set: the mirroring sender, written.go) keeps pwrite +
//     fdatasync, so that the mirror's harden still overlaps the local one.

// directAlign is the alignment of the buffer, offset and length of a direct
// write: the page size, which satisfies any logical block size up to 4 KiB for
// the buffer. Offsets and lengths are multiples of BlockAlign; a device that
// needs more refuses with EINVAL and the log falls back.
const directAlign = 4096

// directState is a segments' use of direct writes.
type directState struct {
	off    atomic.Bool // direct writes disabled (Options.BufferedWrites or fallback)
	writes atomic.Uint64
	// write is the direct write (tests replace it to simulate a refusal).
	write func(d *os.File, b []byte, off int64) (int, error)
}

// alignedBuf returns a slice of length n whose first byte is directAlign-aligned,
// reusing buf when it is large enough (and already aligned).
func alignedBuf(buf []byte, n int) []byte {
	if cap(buf) >= n && isAligned(buf[:cap(buf)]) {
		return buf[:n]
	}
	b := make([]byte, max(n, 64<<10)+directAlign)
	k := 0
	if r := int(uintptr(unsafe.Pointer(&b[0])) % directAlign); r != 0 {
		k = directAlign - r
	}
	return b[k : k+n : k+max(n, 64<<10)]
}

func isAligned(b []byte) bool {
	return len(b) > 0 && uintptr(unsafe.Pointer(&b[0]))%directAlign == 0
}

// writeSyncAt writes b at stream offset off and makes it durable, through the
// segment's direct descriptor when it can; b must not cross a segment boundary.
// It reports synced=false when it wrote through the page cache instead (direct
// writes off, b unaligned, or refused just now): the caller then fdatasyncs f.
func (s *segments) writeSyncAt(b []byte, off uint64) (f *os.File, synced bool, err error) {
	if s.direct.off.Load() || !isAligned(b) || off%BlockAlign != 0 || len(b)%BlockAlign != 0 {
		f, err := s.writeAt(b, off)
		return f, false, err
	}
	idx := s.index(off)
	if s.index(off+uint64(len(b))-1) != idx {
		return nil, false, fmt.Errorf("write of %d bytes at %d crosses a segment boundary", len(b), off)
	}
	f, err = s.file(idx, true)
	if err != nil {
		return nil, false, err
	}
	s.prepare(idx + 1)
	if d := s.directFile(idx, f); d != nil {
		_, err := s.direct.write(d, b, int64(off%s.size))
		if err == nil {
			s.direct.writes.Add(1)
			return f, true, nil
		}
		if !isInvalid(err) {
			return nil, false, fmt.Errorf("write log: %w", err)
		}
	}
	// Refused (or not available): nothing was written; do it the buffered way,
	// and from now on always.
	s.disableDirect()
	f, err = s.writeAt(b, off)
	return f, false, err
}

// directFile returns segment idx's direct descriptor, opening it from f (the
// segment's open file) on first use; nil when direct writes are off or the
// descriptor cannot be opened (the caller then falls back for good).
func (s *segments) directFile(idx uint64, f *os.File) *os.File {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d, ok := s.directs[idx]; ok {
		return d
	}
	if s.files[idx] != f || s.direct.off.Load() {
		return nil // removed meanwhile, or disabled: the caller falls back
	}
	d, err := os.OpenFile("/proc/self/fd/"+strconv.Itoa(int(f.Fd())), os.O_WRONLY|oDirect|oDSync, 0)
	if err != nil {
		// No /proc, no O_DIRECT here (EINVAL), no permission, no descriptor
		// left: nothing is written yet, so the caller falls back.
		return nil
	}
	s.directs[idx] = d
	return d
}

// disableDirect switches the segments to buffered writes for good and closes
// the direct descriptors.
func (s *segments) disableDirect() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.direct.off.Store(true)
	for i, d := range s.directs {
		d.Close()
		delete(s.directs, i)
	}
}

// closeDirectLocked closes segment idx's direct descriptor, if any. Caller
// holds s.mu.
func (s *segments) closeDirectLocked(idx uint64) {
	if d, ok := s.directs[idx]; ok {
		d.Close()
		delete(s.directs, idx)
	}
}
