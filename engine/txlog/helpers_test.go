package txlog

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// testSegment is the segment size tests use, small so that tests cross segments.
const testSegment = 256 << 10

func testOptions() Options { return Options{SegmentSize: testSegment} }

func mustOpen(t testing.TB, dir string, opts Options) *Log {
	t.Helper()
	l, err := Open(dir, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// mustCommit appends recs and waits until they are durable.
func mustCommit(t testing.TB, l *Log, recs ...Record) LSN {
	t.Helper()
	lsn, err := l.Append(recs...)
	if err != nil {
		t.Fatalf("Append: %v", err)
	}
	if err := l.WaitDurable(context.Background(), lsn); err != nil {
		t.Fatalf("WaitDurable(%s): %v", lsn, err)
	}
	return lsn
}

// txn returns the records of a small transaction.
func txn(id uint64, value string) []Record {
	return []Record{
		Begin{Txn: id},
		Insert{Txn: id, Object: 1, Key: []byte(fmt.Sprintf("k%d", id)), After: []byte(value)},
		Commit{Txn: id},
	}
}

// scanAll returns every durable record with its LSN.
func scanAll(t testing.TB, l *Log) []Entry {
	t.Helper()
	var out []Entry
	err := l.Scan(0, func(lsn LSN, r Record) error {
		out = append(out, Entry{LSN: lsn, Record: cloneRecord(r)})
		return nil
	})
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return out
}

// cloneRecord deep-copies a record's byte slices (Scan's alias a reused buffer).
func cloneRecord(r Record) Record {
	rec, err := DecodeRecord(AppendRecord(nil, r))
	if err != nil {
		panic(err)
	}
	switch v := rec.(type) {
	case Insert:
		v.Key, v.After = bytes.Clone(v.Key), bytes.Clone(v.After)
		return v
	}
	enc := AppendRecord(nil, rec)
	rec, _ = DecodeRecord(bytes.Clone(enc))
	return rec
}

// commitLSNs returns the txn → LSN of every Commit in entries.
func commitLSNs(entries []Entry) map[uint64]LSN {
	m := map[uint64]LSN{}
	for _, e := range entries {
		if c, ok := e.Record.(Commit); ok {
			m[c.Txn] = e.LSN
		}
	}
	return m
}

// segmentFiles returns the segment file names in dir, sorted.
func segmentFiles(t testing.TB, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if _, ok := parseSegmentName(e.Name()); ok {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// lastSegment returns the path of the segment holding stream offset off.
func segmentPath(dir string, off uint64) string {
	return filepath.Join(dir, segmentName(off/testSegment))
}

// setSyncFile replaces l's fdatasync with fn and makes l write through the page
// cache (pwrite, then fn), so that tests can hold or fail a flush between its
// write and its sync; direct writes (direct.go) have no such moment. Call it
// right after mustOpen, before the first Append.
func setSyncFile(l *Log, fn func(*os.File) error) {
	l.segs.direct.off.Store(true)
	l.syncFile = fn
}
