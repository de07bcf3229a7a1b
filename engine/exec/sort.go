package exec

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"unsafe"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sortMemoryBudget is the bytes of rows (estimated by rowMemSize) one ORDER BY
// keeps in memory. Beyond it the sort spills: the rows held are sorted and
// written to a temp file as a run, and the result is a k-way merge of the
// runs, so a sort's memory stays near this budget plus one read buffer per
// run whatever the input size. A variable so tests can force spilling.
var sortMemoryBudget int64 = 32 << 20

// sortTempDir is where spilled runs go ("" = os.TempDir()).
var sortTempDir = ""

// spillReadBuffer is the read buffer of each run during the merge.
const spillReadBuffer = 32 << 10

var valueSize = int64(unsafe.Sizeof(types.Value{}))

// rowMemSize estimates the heap a copied row occupies: its slice, its values
// and the bytes of its strings.
func rowMemSize(r Row) int64 {
	n := int64(24) + int64(len(r))*valueSize
	for _, v := range r {
		if v.TypeID().IsString() || v.TypeID() == types.VarBinary || v.TypeID() == types.Binary {
			n += int64(len(v.Str()))
		}
	}
	return n
}

// externalSort reads every row of it (closing it) and returns them ordered by
// keys, stably (equal keys keep input order), with the number of rows. Rows
// up to budget bytes are sorted in memory; a larger input is spilled in
// sorted runs to one unlinked temp file and merged while the result is read.
// The returned iterator's rows are the caller's to keep.
func externalSort(it rowIter, keys []sortKey, budget int64) (rowIter, int64, error) {
	defer it.Close()
	var (
		buf   []Row
		size  int64
		total int64
		sp    *spill
	)
	fail := func(err error) (rowIter, int64, error) {
		if sp != nil {
			sp.close()
		}
		return nil, 0, err
	}
	for {
		r, err := it.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		r = append(Row(nil), r...)
		buf = append(buf, r)
		size += rowMemSize(r)
		total++
		if size > budget && len(buf) > 1 {
			if sp == nil {
				if sp, err = newSpill(); err != nil {
					return fail(err)
				}
			}
			if err := sortRows(buf, keys); err != nil {
				return fail(err)
			}
			if err := sp.writeRun(buf); err != nil {
				return fail(err)
			}
			clear(buf)
			buf, size = buf[:0], 0
		}
	}
	if err := sortRows(buf, keys); err != nil {
		return fail(err)
	}
	if sp == nil {
		return &sliceIter{rows: buf}, total, nil
	}
	// The rows still held are the last run; they stay in memory.
	m, err := sp.merge(keys, buf)
	if err != nil {
		return fail(err)
	}
	return m, total, nil
}

// spill is the temp file of one sort's runs. The file is unlinked as soon as
// it is created, so it disappears with the process whatever happens.
type spill struct {
	f    *os.File
	w    *bufio.Writer
	off  int64
	runs []spillRun
	enc  []byte
	typs []types.Type
}

type spillRun struct{ off, len int64 }

func newSpill() (*spill, error) {
	f, err := os.CreateTemp(sortTempDir, "mirrorsql-sort-*")
	if err != nil {
		return nil, fmt.Errorf("sort: create spill file: %w", err)
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, fmt.Errorf("sort: unlink spill file: %w", err)
	}
	return &spill{f: f, w: bufio.NewWriterSize(f, 256<<10)}, nil
}

// writeRun appends sorted rows as one run. Record format, per row:
// uvarint length, then uvarint column count, one TypeID byte per column and
// the values in catalog/types' row encoding (types.EncodeRow), so every value
// comes back with its exact type, scale and precision.
func (s *spill) writeRun(rows []Row) error {
	start := s.off
	for _, r := range rows {
		rec, err := s.encode(r)
		if err != nil {
			return err
		}
		var hdr [binary.MaxVarintLen64]byte
		h := binary.PutUvarint(hdr[:], uint64(len(rec)))
		if _, err := s.w.Write(hdr[:h]); err != nil {
			return fmt.Errorf("sort: write spill: %w", err)
		}
		if _, err := s.w.Write(rec); err != nil {
			return fmt.Errorf("sort: write spill: %w", err)
		}
		s.off += int64(h + len(rec))
	}
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("sort: write spill: %w", err)
	}
	s.runs = append(s.runs, spillRun{off: start, len: s.off - start})
	return nil
}

func (s *spill) encode(r Row) ([]byte, error) {
	s.typs = s.typs[:0]
	b := binary.AppendUvarint(s.enc[:0], uint64(len(r)))
	for _, v := range r {
		if !v.IsNull() && v.TypeID() == types.Unknown {
			return nil, errors.New("sort: untyped value")
		}
		b = append(b, byte(v.TypeID()))
		s.typs = append(s.typs, types.Type{ID: v.TypeID()})
	}
	b, err := types.EncodeRow(b, r, s.typs)
	if err != nil {
		return nil, fmt.Errorf("sort: encode row: %w", err)
	}
	s.enc = b
	return b, nil
}

func (s *spill) close() {
	if s.f != nil {
		s.f.Close()
		s.f = nil
	}
}

// merge returns an iterator over the runs and the in-memory last run, in
// order. Ties go to the earlier run: runs hold consecutive stretches of the
// input, so the merge is stable like the in-memory sort.
func (s *spill) merge(keys []sortKey, last []Row) (rowIter, error) {
	m := &mergeIter{sp: s, h: mergeHeap{keys: keys}}
	for i, run := range s.runs {
		c := &runCursor{run: i, r: bufio.NewReaderSize(io.NewSectionReader(s.f, run.off, run.len), spillReadBuffer)}
		if err := m.advance(c); err != nil {
			s.close()
			return nil, err
		}
	}
	if len(last) > 0 {
		c := &runCursor{run: len(s.runs), mem: last}
		if err := m.advance(c); err != nil {
			s.close()
			return nil, err
		}
	}
	if m.h.err != nil {
		s.close()
		return nil, m.h.err
	}
	return m, nil
}

// runCursor reads one run: from the spill file (r) or from memory (mem).
type runCursor struct {
	run int
	r   *bufio.Reader
	mem []Row
	cur Row
	rec []byte
}

// next loads the cursor's next row into cur; io.EOF at the end of the run.
func (c *runCursor) next() error {
	if c.r == nil {
		if len(c.mem) == 0 {
			return io.EOF
		}
		c.cur, c.mem[0] = c.mem[0], nil
		c.mem = c.mem[1:]
		return nil
	}
	n, err := binary.ReadUvarint(c.r)
	if err == io.EOF {
		return io.EOF
	}
	if err != nil || n > 1<<31 {
		return fmt.Errorf("sort: read spill: %w", errOr(err, errors.New("bad record length")))
	}
	if cap(c.rec) < int(n) {
		c.rec = make([]byte, n)
	}
	c.rec = c.rec[:n]
	if _, err := io.ReadFull(c.r, c.rec); err != nil {
		return fmt.Errorf("sort: read spill: %w", err)
	}
	row, err := decodeSpillRow(c.rec)
	if err != nil {
		return err
	}
	c.cur = row
	return nil
}

func errOr(err, alt error) error {
	if err != nil {
		return err
	}
	return alt
}

// decodeSpillRow decodes a record written by spill.encode.
func decodeSpillRow(b []byte) (Row, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, errors.New("sort: read spill: bad column count")
	}
	ids, rest := b[k:k+int(n)], b[k+int(n):]
	typs := make([]types.Type, n)
	for i, id := range ids {
		typs[i] = types.Type{ID: types.TypeID(id)}
	}
	row := make(Row, n)
	if _, err := types.DecodeRowInto(row, rest, typs); err != nil {
		return nil, fmt.Errorf("sort: read spill: %w", err)
	}
	return row, nil
}

// mergeIter yields the smallest current row of its cursors.
type mergeIter struct {
	sp *spill
	h  mergeHeap
}

// advance loads c's next row and (re)inserts c, or drops it at its end.
func (m *mergeIter) advance(c *runCursor) error {
	if err := c.next(); err == io.EOF {
		return nil
	} else if err != nil {
		return err
	}
	heap.Push(&m.h, c)
	return nil
}

func (m *mergeIter) Next() (Row, error) {
	if m.h.Len() == 0 {
		return nil, io.EOF
	}
	c := m.h.cs[0]
	row := c.cur
	if err := c.next(); err == io.EOF {
		heap.Pop(&m.h)
	} else if err != nil {
		return nil, err
	} else {
		heap.Fix(&m.h, 0)
	}
	if m.h.err != nil {
		return nil, m.h.err
	}
	return row, nil
}

func (m *mergeIter) Close() { m.sp.close() }

// mergeHeap is a min-heap of cursors by (current row, run).
type mergeHeap struct {
	cs   []*runCursor
	keys []sortKey
	err  error
}

func (h *mergeHeap) Len() int { return len(h.cs) }
func (h *mergeHeap) Less(i, j int) bool {
	c, err := compareRows(h.cs[i].cur, h.cs[j].cur, h.keys)
	if err != nil && h.err == nil {
		h.err = err
	}
	if c != 0 {
		return c < 0
	}
	return h.cs[i].run < h.cs[j].run
}
func (h *mergeHeap) Swap(i, j int) { h.cs[i], h.cs[j] = h.cs[j], h.cs[i] }
func (h *mergeHeap) Push(x any)    { h.cs = append(h.cs, x.(*runCursor)) }
func (h *mergeHeap) Pop() any {
	c := h.cs[len(h.cs)-1]
	h.cs = h.cs[:len(h.cs)-1]
	return c
}
