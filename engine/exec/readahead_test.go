package exec

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// fakeIter is a storage.Iterator over n generated rows (int id, varchar
// name); the row at corruptAt (if >= 0) does not decode, and failAt (if >= 0)
// ends iteration with errStorage. It records whether it was closed and fails
// the test when used after Close.
type fakeIter struct {
	t                  *testing.T
	typs               []types.Type
	n, i               int
	corruptAt, failAt  int
	key, val           []byte
	err                error
	closed, usedClosed bool
}

var errStorage = errors.New("storage failed")

func (f *fakeIter) Next() bool {
	if f.closed {
		f.usedClosed = true
		return false
	}
	if f.i >= f.n || f.i == f.failAt {
		if f.i == f.failAt {
			f.err = errStorage
		}
		return false
	}
	f.key = binary.BigEndian.AppendUint32(f.key[:0], uint32(f.i))
	if f.i == f.corruptAt {
		f.val = append(f.val[:0], 0xff)
	} else {
		var err error
		f.val, err = types.EncodeRow(f.val[:0], []types.Value{types.NewInt(int32(f.i)), types.NewVarChar(string(rune('a' + f.i%26)))}, f.typs)
		if err != nil {
			f.t.Error(err)
		}
	}
	f.i++
	return true
}

func (f *fakeIter) Key() []byte   { return f.key }
func (f *fakeIter) Value() []byte { return f.val }
func (f *fakeIter) Err() error    { return f.err }
func (f *fakeIter) Close() error  { f.closed = true; return nil }

// TestReadAhead reads through readAhead and checks that every row arrives in
// order, once, with its key, that a failure arrives after exactly the rows
// before it and is repeated, and that close stops the reader (the iterator is
// not touched afterwards, which -race also checks).
func TestReadAhead(t *testing.T) {
	typs := []types.Type{{ID: types.Int}, {ID: types.VarChar, Length: 10, Collation: types.DefaultCollation}}
	cases := []struct {
		name       string
		rows       int
		corruptAt  int
		failAt     int
		cancelAt   int // cancel the context after this many rows consumed (-1: never)
		closeAfter int // stop consuming and close after this many rows (-1: read to the end)
		needName   bool
		wantRows   int
		wantErr    func(error) bool
	}{
		{name: "empty", rows: 0, corruptAt: -1, failAt: -1, cancelAt: -1, closeAfter: -1, wantErr: isEOF},
		{name: "one", rows: 1, corruptAt: -1, failAt: -1, cancelAt: -1, closeAfter: -1, wantRows: 1, wantErr: isEOF},
		{name: "one batch", rows: readAheadBatch, corruptAt: -1, failAt: -1, cancelAt: -1, closeAfter: -1, wantRows: readAheadBatch, wantErr: isEOF},
		{name: "batch plus one", rows: readAheadBatch + 1, corruptAt: -1, failAt: -1, cancelAt: -1, closeAfter: -1, needName: true, wantRows: readAheadBatch + 1, wantErr: isEOF},
		{name: "many batches", rows: 20 * readAheadBatch, corruptAt: -1, failAt: -1, cancelAt: -1, closeAfter: -1, needName: true, wantRows: 20 * readAheadBatch, wantErr: isEOF},
		{name: "corrupt row mid batch", rows: 5000, corruptAt: 1234, failAt: -1, cancelAt: -1, closeAfter: -1, wantRows: 1234, wantErr: func(err error) bool { return errors.Is(err, types.ErrCorruptRow) }},
		{name: "storage error at batch edge", rows: 5000, corruptAt: -1, failAt: 3 * readAheadBatch, cancelAt: -1, closeAfter: -1, wantRows: 3 * readAheadBatch, wantErr: func(err error) bool { return errors.Is(err, errStorage) }},
		{name: "close early", rows: 100000, corruptAt: -1, failAt: -1, cancelAt: -1, closeAfter: 10, wantRows: 10},
		{name: "close without reading", rows: 100000, corruptAt: -1, failAt: -1, cancelAt: -1, closeAfter: 0},
		{name: "cancelled", rows: 1000000, corruptAt: -1, failAt: -1, cancelAt: 300, closeAfter: -1, wantErr: func(err error) bool { return errors.Is(err, context.Canceled) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := &fakeIter{t: t, typs: typs, n: c.rows, corruptAt: c.corruptAt, failAt: c.failAt}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			need := []bool{true, c.needName, true}
			ra := startReadAhead(ctx, f, typs, need, nil, "dbo.t")
			got := 0
			var err error
			for c.closeAfter < 0 || got < c.closeAfter {
				var row Row
				if row, err = ra.next(); err != nil {
					break
				}
				if len(row) != 3 || row[0].IsNull() || int(row[0].Int64()) != got {
					t.Fatalf("row %d: %v", got, row)
				}
				if wantKey := string(binary.BigEndian.AppendUint32(nil, uint32(got))); row[2].Str() != wantKey {
					t.Fatalf("row %d: key %x, want %x", got, row[2].Str(), wantKey)
				}
				if name := row[1]; c.needName == name.IsNull() || (c.needName && name.Str() != string(rune('a'+got%26))) {
					t.Fatalf("row %d: name %v (needed %v)", got, name, c.needName)
				}
				got++
				if got == c.cancelAt {
					cancel()
				}
			}
			ra.close()
			_ = f.Close()
			if c.cancelAt < 0 && got != c.wantRows {
				t.Errorf("read %d rows, want %d", got, c.wantRows)
			}
			if c.wantErr != nil {
				if !c.wantErr(err) {
					t.Errorf("error %v", err)
				}
				if _, again := ra.next(); again != err {
					t.Errorf("second error %v, want %v again", again, err)
				}
			} else if err != nil {
				t.Errorf("error %v", err)
			}
			if c.cancelAt >= 0 && f.i >= c.rows {
				t.Errorf("cancelled scan read all %d rows", f.i)
			}
			if f.usedClosed {
				t.Error("iterator used after close")
			}
		})
	}
}

func isEOF(err error) bool { return err == io.EOF }

// TestAcquireReadAhead checks the process-wide cap: half the cores' worth of
// read-aheads (at least one) at once, a slot free again once released.
func TestAcquireReadAhead(t *testing.T) {
	for _, procs := range []int{1, 2, 3, 8} {
		t.Run(fmt.Sprintf("GOMAXPROCS=%d", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			got := 0
			for acquireReadAhead() {
				got++
				if got > 64 {
					break
				}
			}
			if want := max(1, procs/2); got != want {
				t.Errorf("%d slots, want %d", got, want)
			}
			releaseReadAhead()
			if !acquireReadAhead() {
				t.Error("no slot after a release")
			}
			for range got {
				releaseReadAhead()
			}
			if n := readAheadRunning.Load(); n != 0 {
				t.Errorf("%d slots still held", n)
			}
		})
	}
}
