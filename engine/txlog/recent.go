package txlog

// A mirror keeps the log it hardened last in memory for its redo (recentLog).
//
// Why: a mirror's redo scans the log it has just hardened (engine's redo
// loop, every redoCoalesce), and AppendBlocks writes it with O_DIRECT, which
// leaves nothing in the page cache: every scan read its bytes back from the
// device — a device read per scan on the one disk the next frame's harden
// needs, and its wait and wake-up on the mirror's two shared cores. Measured
// under tests/bench -suite mirrorab (session 33): the mirror process had read
// 25 MB from the disk after a minute and a half of load, and perf put the
// scanner's file reads at 2.6 % of its CPU at 16 sessions SAFETY FULL.
//
// The bytes are a copy of exactly what the appends wrote at their offsets,
// and only whole appends are kept, so a scan that finds its range here sees
// what the file holds. A scan still checks every block's checksum. Anything
// that rewrites the file below its durable end (TruncateAfter) forgets the
// copy first; nothing else does (the log only ever writes at or past its
// durable end, and recovery runs before any append).

// maxRecent bounds the copy: at the principal's top rate (~1.5 MB/s of log
// here) a redo window of 20 ms is ~30 KB, so 1 MiB serves a redo that lags by
// up to half a second; one that lags more reads the file, as before.
const maxRecent = 1 << 20

// recentLog is the copy: stream bytes [off, off+len(buf)). buf is only ever
// appended to or replaced, never written below its length, so a Scan may
// keep a snapshot of it without the log's lock.
type recentLog struct {
	off uint64
	buf []byte
}

// add appends the bytes just written at off. Caller holds l.mu.
func (r *recentLog) add(off uint64, b []byte) {
	if len(b) > maxRecent/2 {
		*r = recentLog{} // an append this large: a catching-up mirror, not a tail
		return
	}
	if len(r.buf) == 0 || off != r.off+uint64(len(r.buf)) {
		r.off, r.buf = off, append([]byte(nil), b...)
		return
	}
	if len(r.buf)+len(b) > maxRecent {
		// A new array holding the newest half: snapshots keep the old one.
		keep := r.buf[len(r.buf)-maxRecent/2:]
		buf := make([]byte, 0, maxRecent)
		r.off += uint64(len(r.buf) - len(keep))
		r.buf = append(buf, keep...)
	}
	r.buf = append(r.buf, b...)
}

// copyTo fills dst with the stream bytes at off and reports whether the copy
// holds all of them.
func (r recentLog) copyTo(dst []byte, off uint64) bool {
	if off < r.off || off+uint64(len(dst)) > r.off+uint64(len(r.buf)) {
		return false
	}
	copy(dst, r.buf[off-r.off:])
	return true
}

// end is the stream offset just past the copy (0 when empty).
func (r recentLog) end() uint64 {
	if len(r.buf) == 0 {
		return 0
	}
	return r.off + uint64(len(r.buf))
}
