package txlog

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"
)

// TestNewerFormatRefused: a log that a newer release wrote on (blocks or a
// control file of a higher version) is refused by Open with
// *NewerFormatError and left as it was. Before, such a block read as a torn
// tail: everything from it on was zeroed, the newer release's commits lost.
func TestNewerFormatRefused(t *testing.T) {
	for _, tc := range []struct {
		name   string
		modify func(t *testing.T, dir string, victim Block)
		what   string
	}{
		{"last block", func(t *testing.T, dir string, victim Block) { setBlockVersion(t, dir, victim.Offset, 2) }, "log block"},
		{"control file", func(t *testing.T, dir string, _ Block) {
			p := filepath.Join(dir, "control")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			b[7] = '2'
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, "log control file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			blocks := closedLogOfCommits(t, dir, 20, "some row")
			victim := blocks[len(blocks)-1]
			tc.modify(t, dir, victim)
			before := readSegment(t, dir, victim.Offset)

			l2, err := Open(dir, testOptions())
			var newer *NewerFormatError
			if !errors.As(err, &newer) || newer.What != tc.what || newer.Version != 2 || newer.Supported != 1 {
				if l2 != nil {
					l2.Close()
				}
				t.Fatalf("Open = %v, want a %s of version 2 refused", err, tc.what)
			}
			if !bytes.Equal(readSegment(t, dir, victim.Offset), before) {
				t.Fatal("Open changed the log it refused")
			}
		})
	}
}

func setBlockVersion(t *testing.T, dir string, off uint64, v uint16) {
	t.Helper()
	f, err := os.OpenFile(segmentPath(dir, off), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b [2]byte
	binary.LittleEndian.PutUint16(b[:], v)
	if _, err := f.WriteAt(b[:], int64(off%testSegment)+34); err != nil {
		t.Fatal(err)
	}
}

func readSegment(t *testing.T, dir string, off uint64) []byte {
	t.Helper()
	b, err := os.ReadFile(segmentPath(dir, off))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestNewerRecordKind: a block of this release's version that passes its
// checksum but holds a record of a kind newer than this release knows was
// written by a newer release: Scan and a Reader return *NewerFormatError
// (the engine's 948), not ErrCorrupt (SUSPECT), as they did before.
func TestNewerRecordKind(t *testing.T) {
	dir := t.TempDir()
	blocks := closedLogOfCommits(t, dir, 20, "some row")
	victim := blocks[len(blocks)-1]
	setFirstRecordKind(t, dir, victim, byte(newestKind)+1)

	l, err := Open(dir, testOptions())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer l.Close()
	check := func(what string, err error) {
		t.Helper()
		var newer *NewerFormatError
		if !errors.As(err, &newer) || newer.What != "log record" || newer.Version != int(newestKind)+1 || newer.Supported != int(newestKind) || errors.Is(err, ErrCorrupt) {
			t.Fatalf("%s = %v, want a newer log record kind refused, not ErrCorrupt", what, err)
		}
	}
	check("Scan", l.Scan(0, func(LSN, Record) error { return nil }))
	r, err := l.NewReader(MakeLSN(victim.Offset, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = r.TryNext()
	check("Reader.TryNext", err)
}

// setFirstRecordKind rewrites the kind byte of b's first record and seals the
// block's checksum again, as a newer release writing that kind would have.
func setFirstRecordKind(t *testing.T, dir string, b Block, kind byte) {
	t.Helper()
	raw := append([]byte(nil), b.Raw...)
	_, k := binary.Uvarint(raw[headerSize:])
	raw[headerSize+k] = kind
	used := binary.LittleEndian.Uint32(raw[28:])
	binary.LittleEndian.PutUint32(raw[4:], crc32.Checksum(raw[8:used], castagnoli))
	f, err := os.OpenFile(segmentPath(dir, b.Offset), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(raw, int64(b.Offset%testSegment)); err != nil {
		t.Fatal(err)
	}
}
