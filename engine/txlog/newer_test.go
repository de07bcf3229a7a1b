package txlog

import (
	"bytes"
	"encoding/binary"
	"errors"
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
