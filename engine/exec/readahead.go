package exec

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync/atomic"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// Read-ahead for long scans (issue #5, performance).
//
// Reading a row out of badger (merge iterator, item parsing) and decoding it
// costs about two thirds of a GROUP BY's CPU; the operators above the scan
// (filter, grouping, aggregates, hash build) the rest. A scan that has read
// readAheadAfter rows hands its storage iterator to two goroutines, one
// reading rows out of it and one decoding them, in batches, while the
// statement's goroutine consumes the previous ones: on two cores the stages
// overlap, the way SQL Server and PostgreSQL run a scan beside its consumer.
//
// What stays the same: rows arrive in key order, each exactly once, and an
// error (a corrupt row, a storage error, the statement's context ending) is
// returned at the position where it happened, after every row before it. Only
// scans that already hand out a reused row buffer (an active colMask, i.e.
// buildSelect's sources, see colMask) read ahead, and only on a database's
// badger store: its iterators read a snapshot of the store and never the
// session's own uncommitted writes (a transaction's write set is read through
// writeSetReader, which the statement may change while it scans, so such
// scans never read ahead). Short scans, point reads and scans stopped early
// (TOP, EXISTS) never start the goroutine.
//
// Memory is bounded: readAheadBatches batches of readAheadBatch rows per
// stage, whatever the table's size.
const (
	// readAheadAfter is how many rows a scan reads itself before it starts
	// reading ahead: a goroutine and its batches cost a few microseconds,
	// nothing next to a scan this long.
	readAheadAfter = 4096
	// readAheadBatch is the rows per batch: one channel hand-off per batch
	// keeps synchronization far below the per-row cost.
	readAheadBatch = 256
	// readAheadBatches is how many batches exist: one being filled, one being
	// consumed, the rest queued.
	readAheadBatches = 4
	// readAheadScan bounds the rows read into one batch when a pre-filter
	// drops most of them.
	readAheadScan = 16 * readAheadBatch
)

// scanReadAhead switches read-ahead on; tests switch it on and off to
// compare. It is off: measured over TDS A/B on the two-core machine
// (docs/benchmarks-tsql.md, 2026-11-28), a read-ahead scan cost 1.44× the CPU
// per row of the 1M-row filtered scan, 1.04× of GROUP BY, 1.19× of the 1M-row
// stream and lost rows/s on all three (0.91×, 0.76×, 0.96× medians); only
// the join gained rows/s (1.16×) at the same CPU, by taking a second core's
// share of a contended machine. It pays only where a core is idle, and a
// server's other sessions keep its cores busy.
var scanReadAhead = false

// readAheadStarts counts the read-aheads started, for tests.
var readAheadStarts atomic.Int64

// readAheadRunning counts the read-aheads of the process now running. A
// read-ahead only pays when a core would otherwise be idle; measured on a
// busy machine it costs 10–25 % more CPU per scan (hand-offs, cache traffic)
// for no gain in wall time. So at most half the cores' worth run at once
// (one on two cores); other long scans read on their statement's goroutine,
// as many concurrent sessions keep the cores busy anyway (SQL Server's
// parallelism limits serve the same end).
var readAheadRunning atomic.Int64

// acquireReadAhead reserves a read-ahead slot; the caller that got one
// releases it with releaseReadAhead once its read-ahead is closed.
func acquireReadAhead() bool {
	if readAheadRunning.Add(1) > int64(max(1, runtime.GOMAXPROCS(0)/2)) {
		readAheadRunning.Add(-1)
		return false
	}
	return true
}

func releaseReadAhead() { readAheadRunning.Add(-1) }

// raBatch is a run of decoded rows. rows[:n] are valid; err (io.EOF at the
// end) is what stopped the reader after them, nil if it will go on.
type raBatch struct {
	rows []Row
	n    int
	err  error
}

// rawBatch is a run of stored rows as read from the iterator: the key and
// value bytes of row i are buf[ends[2i-1]:ends[2i]] and
// buf[ends[2i]:ends[2i+1]] (from 0 for the first key), copied because the
// iterator reuses its buffers; err as in raBatch.
type rawBatch struct {
	buf  []byte
	ends []int
	err  error
}

func (r *rawBatch) len() int { return len(r.ends) / 2 }

// row returns the key and value of row i.
func (r *rawBatch) row(i int) (key, val []byte) {
	start := 0
	if i > 0 {
		start = r.ends[2*i-1]
	}
	return r.buf[start:r.ends[2*i]], r.buf[r.ends[2*i]:r.ends[2*i+1]]
}

// readAhead is the consumer's side of a read-ahead scan: two goroutines
// ahead of it, one reading the storage iterator into raw batches, one
// decoding them into row batches (badger's iterator and row decoding cost
// about the same, so the three stages — read, decode, the statement's own
// work — keep two cores busy). Batches circulate: a stage takes a free batch,
// fills it and sends it on; the decoder returns raw batches once decoded, the
// consumer row batches once every row in it has been consumed, so a row stays
// valid until the Next after it (the reuse contract of scanIter, and more).
type readAhead struct {
	full    chan *raBatch
	free    chan *raBatch
	rawFull chan *rawBatch
	rawFree chan *rawBatch
	stop    chan struct{} // closed by close: the stages must return
	done    chan struct{} // closed when both stages have returned
	cur     *raBatch
	i       int
}

// startReadAhead starts the stages on it, which from now on belongs to the
// reading stage until close returns. name is the table's display name for
// decode errors.
func startReadAhead(ctx context.Context, it storage.Iterator, typs []types.Type, need []bool, pre *rawFilter, name string) *readAhead {
	ra := &readAhead{
		full:    make(chan *raBatch, readAheadBatches),
		free:    make(chan *raBatch, readAheadBatches),
		rawFull: make(chan *rawBatch, readAheadBatches),
		rawFree: make(chan *rawBatch, readAheadBatches),
		stop:    make(chan struct{}),
		done:    make(chan struct{}),
	}
	width := len(typs) + 1
	for range readAheadBatches {
		slab := make([]types.Value, readAheadBatch*width)
		b := &raBatch{rows: make([]Row, readAheadBatch)}
		for j := range b.rows {
			b.rows[j] = Row(slab[j*width : (j+1)*width : (j+1)*width])
		}
		ra.free <- b
		ra.rawFree <- &rawBatch{ends: make([]int, 0, 2*readAheadBatch)}
	}
	readAheadStarts.Add(1)
	readDone := make(chan struct{})
	wantKey := need == nil || need[len(typs)]
	go func() {
		defer close(readDone)
		ra.read(ctx, it, pre, wantKey)
	}()
	go func() {
		defer close(ra.done)
		ra.decode(typs, need, name)
		<-readDone
	}()
	return ra
}

// read is the reading stage: it copies rows out of the iterator into raw
// batches until the iterator ends, fails, the context ends, or close asks it
// to stop. Rows pre rejects are not copied; a batch is handed on after at
// most readAheadScan rows read, so a selective filter still delivers its
// rows (and its errors) in steps. Keys are copied only when wantKey (the
// statement reads the hidden row key): asking a buffer pool iterator for a
// key it does not hold inline costs a cache miss per row.
func (ra *readAhead) read(ctx context.Context, it storage.Iterator, pre *rawFilter, wantKey bool) {
	for n := 0; ; {
		var b *rawBatch
		select {
		case b = <-ra.rawFree:
		case <-ra.stop:
			return
		}
		b.buf, b.ends, b.err = b.buf[:0], b.ends[:0], nil
		for scanned := 0; len(b.ends) < 2*readAheadBatch && scanned < readAheadScan; scanned++ {
			if !it.Next() {
				b.err = it.Err()
				if b.err == nil {
					b.err = io.EOF
				}
				break
			}
			n++
			if n%ctxCheckEvery == 0 {
				if err := ctx.Err(); err != nil {
					b.err = err
					break
				}
			}
			if pre != nil && !pre.keep(it.Value()) {
				continue
			}
			if wantKey {
				b.buf = append(b.buf, it.Key()...)
			}
			b.ends = append(b.ends, len(b.buf))
			b.buf = append(b.buf, it.Value()...)
			b.ends = append(b.ends, len(b.buf))
		}
		select {
		case ra.rawFull <- b:
		case <-ra.stop:
			return
		}
		if b.err != nil {
			return
		}
	}
}

// decode is the decoding stage: raw batches in, row batches out, in order;
// a row that does not decode ends the scan with its error after the rows
// before it.
func (ra *readAhead) decode(typs []types.Type, need []bool, name string) {
	ncol := len(typs)
	for {
		var raw *rawBatch
		select {
		case raw = <-ra.rawFull:
		case <-ra.stop:
			return
		}
		var b *raBatch
		select {
		case b = <-ra.free:
		case <-ra.stop:
			return
		}
		b.n, b.err = 0, raw.err
		for i := range raw.len() {
			key, val := raw.row(i)
			row := b.rows[b.n]
			if _, err := types.DecodeRowProjected(row[:ncol], val, typs, need); err != nil {
				b.err = fmt.Errorf("read %s: %w", name, err)
				break
			}
			if need[ncol] {
				row[ncol] = types.NewVarBinary(key)
			} else {
				row[ncol] = types.Null(types.VarBinary)
			}
			b.n++
		}
		ra.rawFree <- raw // never blocks: there are only readAheadBatches raw batches
		select {
		case ra.full <- b:
		case <-ra.stop:
			return
		}
		if b.err != nil {
			return
		}
	}
}

// next returns the next row, or the error that ended the scan (io.EOF at the
// end); after an error it keeps returning it.
func (ra *readAhead) next() (Row, error) {
	for {
		if b := ra.cur; b != nil {
			if ra.i < b.n {
				ra.i++
				return b.rows[ra.i-1], nil
			}
			if b.err != nil {
				return nil, b.err
			}
			ra.free <- b // never blocks: there are only readAheadBatches batches
			ra.cur = nil
		}
		ra.cur, ra.i = <-ra.full, 0
	}
}

// close stops the stages and waits until both have returned, so that the
// caller may close the iterator they were reading.
func (ra *readAhead) close() {
	close(ra.stop)
	<-ra.done
}
