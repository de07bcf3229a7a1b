package exec

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// Read-ahead for long scans (issue #5, performance).
//
// Reading a row out of badger (merge iterator, item parsing) and decoding it
// costs about two thirds of a GROUP BY's CPU; the operators above the scan
// (filter, grouping, aggregates, hash build) the rest. A scan that has read
// readAheadAfter rows hands its storage iterator to one goroutine that reads
// and decodes the following rows into batches while the statement's goroutine
// consumes the previous ones: on two cores the two halves overlap, the way
// SQL Server and PostgreSQL run a scan beside its consumer.
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
// Memory is bounded: readAheadBatches batches of readAheadBatch decoded rows,
// whatever the table's size.
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
)

// scanReadAhead switches read-ahead on; tests switch it off to compare.
var scanReadAhead = true

// readAheadStarts counts the read-aheads started, for tests.
var readAheadStarts atomic.Int64

// raBatch is a run of decoded rows. rows[:n] are valid; err (io.EOF at the
// end) is what stopped the reader after them, nil if it will go on.
type raBatch struct {
	rows []Row
	n    int
	err  error
}

// readAhead is the consumer's side of a read-ahead scan. Batches circulate:
// the reader takes one from free, fills it and sends it on full; the consumer
// hands it back to free once every row in it has been consumed, so a row stays
// valid until the Next after it (the reuse contract of scanIter, and more).
type readAhead struct {
	full chan *raBatch
	free chan *raBatch
	stop chan struct{} // closed by close: the reader must return
	done chan struct{} // closed by the reader when it returns
	cur  *raBatch
	i    int
}

// startReadAhead starts the reader goroutine on it, which from now on belongs
// to that goroutine until close returns. name is the table's display name for
// decode errors.
func startReadAhead(ctx context.Context, it storage.Iterator, typs []types.Type, need []bool, name string) *readAhead {
	ra := &readAhead{
		full: make(chan *raBatch, readAheadBatches),
		free: make(chan *raBatch, readAheadBatches),
		stop: make(chan struct{}),
		done: make(chan struct{}),
	}
	width := len(typs) + 1
	for range readAheadBatches {
		slab := make([]types.Value, readAheadBatch*width)
		b := &raBatch{rows: make([]Row, readAheadBatch)}
		for j := range b.rows {
			b.rows[j] = Row(slab[j*width : (j+1)*width : (j+1)*width])
		}
		ra.free <- b
	}
	readAheadStarts.Add(1)
	go ra.read(ctx, it, typs, need, name)
	return ra
}

// read is the reader goroutine: it fills batches until the iterator ends,
// fails, or close asks it to stop.
func (ra *readAhead) read(ctx context.Context, it storage.Iterator, typs []types.Type, need []bool, name string) {
	defer close(ra.done)
	ncol := len(typs)
	for n := 0; ; {
		var b *raBatch
		select {
		case b = <-ra.free:
		case <-ra.stop:
			return
		}
		b.n, b.err = 0, nil
		for b.n < len(b.rows) {
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
			row := b.rows[b.n]
			if _, err := types.DecodeRowProjected(row[:ncol], it.Value(), typs, need); err != nil {
				b.err = fmt.Errorf("read %s: %w", name, err)
				break
			}
			if need[ncol] {
				row[ncol] = types.NewVarBinary(it.Key())
			} else {
				row[ncol] = types.Null(types.VarBinary)
			}
			b.n++
		}
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

// close stops the reader and waits until it has returned, so that the caller
// may close the iterator it was reading.
func (ra *readAhead) close() {
	close(ra.stop)
	<-ra.done
}
