package mirroring_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestDowngradeRefused: a data directory that a newer release wrote, in a
// format this one does not read, is refused at start with SQL Server's 948
// (docs/compatibility.md: downgrade is not supported) and left untouched, so
// that the newer binary still opens it. The newer formats are made by
// raising the version fields of this release's files: the log's blocks of
// one database, then the server catalog.
func TestDowngradeRefused(t *testing.T) {
	s := harness.Start(t, harness.Options{Name: "downgraded"})
	harness.MustRunScript(t, s.DB("master"), `CREATE DATABASE shop
GO
USE shop
CREATE TABLE dbo.orders (id int NOT NULL PRIMARY KEY)
INSERT INTO dbo.orders VALUES (1), (2), (3)`)
	id, err := harness.QueryString(t.Context(), s.DB("master"), "SELECT DB_ID('shop')")
	if err != nil {
		t.Fatal(err)
	}
	s.Stop()
	logDir := filepath.Join(s.DataDir, "db"+id, "log") // docs/compatibility.md, "What is on disk"

	for _, tc := range []struct {
		name, want string
		write      func(newer bool)
	}{
		{"log blocks", "The database 'shop' cannot be opened because it is version 2. This server supports version 1 and earlier. A downgrade path is not supported.",
			func(newer bool) { setLogBlockVersions(t, logDir, map[bool]uint16{true: 2, false: 1}[newer]) }},
		{"server catalog", "The database 'master' cannot be opened because it is version 2. This server supports version 1 and earlier. A downgrade path is not supported.",
			func(newer bool) {
				p := filepath.Join(s.DataDir, "master", "server.json")
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				from, to := []byte(`"version": 1,`), []byte(`"version": 2,`)
				if !newer {
					from, to = to, from
				}
				if !bytes.Contains(b, from) {
					t.Fatalf("server.json has no %s", from)
				}
				if err := os.WriteFile(p, bytes.Replace(b, from, to, 1), 0o644); err != nil {
					t.Fatal(err)
				}
			}},
	} {
		t.Run(strings.ReplaceAll(tc.name, " ", "-"), func(t *testing.T) {
			tc.write(true)
			before := snapshotDir(t, logDir)
			if err := s.TryRestart(); err == nil {
				t.Fatal("the server started on a newer release's data directory")
			}
			if !strings.Contains(s.Output(), tc.want) {
				t.Fatalf("the refusal does not say %q:\n%s", tc.want, s.Output())
			}
			if !bytes.Equal(snapshotDir(t, logDir), before) {
				t.Fatal("the refused start changed shop's log")
			}
			tc.write(false)
			s.Restart()
			if got, err := harness.QueryString(t.Context(), s.DB("master"), "SELECT COUNT(*) FROM shop.dbo.orders"); err != nil || got != "3" {
				t.Fatalf("after the refusal: %s rows (%v), want 3", got, err)
			}
			s.Stop()
		})
	}
}

// setLogBlockVersions sets the version field of every log block in dir's
// segments to v, as a release with a newer block format would have written
// them.
func setLogBlockVersions(t *testing.T, dir string, v uint16) {
	t.Helper()
	segs, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil || len(segs) == 0 {
		t.Fatalf("log segments in %s: %v %v", dir, segs, err)
	}
	n := 0
	for _, p := range segs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for off := 0; off+48 <= len(b); off += 512 {
			if string(b[off:off+4]) == "MSLB" {
				binary.LittleEndian.PutUint16(b[off+34:], v)
				n++
			}
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if n == 0 {
		t.Fatalf("no log block in %s", dir)
	}
}

// TestNewerRecordKindRefused: a log block of this release's version holding
// a record of a kind this release does not know, which a newer release wrote
// and crashed before a checkpoint, is refused at start with 948 naming the
// kinds, and left as it was; before, recovery marked the database SUSPECT
// (the block passes its checksum: it is not damage).
func TestNewerRecordKindRefused(t *testing.T) {
	s := harness.Start(t, harness.Options{Name: "newerkind"})
	harness.MustRunScript(t, s.DB("master"), `CREATE DATABASE shop
GO
CREATE TABLE shop.dbo.orders (id int NOT NULL PRIMARY KEY)
GO
CHECKPOINT
GO
INSERT INTO shop.dbo.orders VALUES (1), (2), (3)`)
	id, err := harness.QueryString(t.Context(), s.DB("master"), "SELECT DB_ID('shop')")
	if err != nil {
		t.Fatal(err)
	}
	s.Kill() // recovery then redoes the INSERT's block from the log
	logDir := filepath.Join(s.DataDir, "db"+id, "log")
	setLastRecordKind(t, logDir, true)
	before := snapshotDir(t, logDir)
	if err := s.TryRestart(); err == nil {
		t.Fatal("the server started on a log with a record of a newer kind")
	}
	const want = "The database 'shop' cannot be opened because it is version 13. This server supports version 12 and earlier. A downgrade path is not supported."
	if !strings.Contains(s.Output(), want) {
		t.Fatalf("the refusal does not say %q:\n%s", want, s.Output())
	}
	if !bytes.Equal(snapshotDir(t, logDir), before) {
		t.Fatal("the refused start changed shop's log")
	}
	setLastRecordKind(t, logDir, false)
	s.Restart()
	if got, err := harness.QueryString(t.Context(), s.DB("master"), "SELECT COUNT(*) FROM shop.dbo.orders"); err != nil || got != "3" {
		t.Fatalf("with the kind put back: %s rows (%v), want 3", got, err)
	}
}

// setLastRecordKind gives the first record of the last log block in dir's
// segments the kind after the newest this release knows (13), sealing the
// block's checksum again as a newer release would have written it, or
// (newer false) puts the kind it had back.
func setLastRecordKind(t *testing.T, dir string, newer bool) {
	t.Helper()
	segs, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil || len(segs) == 0 {
		t.Fatalf("log segments in %s: %v %v", dir, segs, err)
	}
	var p string
	var b []byte
	last := -1
	for _, seg := range segs { // in stream order: the names are zero-padded numbers
		sb, err := os.ReadFile(seg)
		if err != nil {
			t.Fatal(err)
		}
		for off := 0; off+48 <= len(sb); off += 512 {
			if string(sb[off:off+4]) == "MSLB" && binary.LittleEndian.Uint16(sb[off+32:]) > 0 {
				p, b, last = seg, sb, off
			}
		}
	}
	if last < 0 {
		t.Fatalf("no log block with records in %s", dir)
	}
	_, k := binary.Uvarint(b[last+36:])
	at := last + 36 + k
	if newer {
		lastRecordKind = b[at]
		b[at] = 13
	} else {
		b[at] = lastRecordKind
	}
	used := int(binary.LittleEndian.Uint32(b[last+28:]))
	binary.LittleEndian.PutUint32(b[last+4:], crc32.Checksum(b[last+8:last+used], crc32.MakeTable(crc32.Castagnoli)))
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// lastRecordKind is the kind setLastRecordKind replaced.
var lastRecordKind byte

// snapshotDir is the concatenated contents of dir's files, in name order,
// without the zero bytes that end them.
func snapshotDir(t *testing.T, dir string) []byte {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		// Zeros are not log content: a segment the killed server was still
		// preallocating, or the next one the refused start prepares in the
		// background, is zero-filled (or zero-extended) whatever it holds,
		// so only the bytes up to each file's last non-zero one count.
		b = bytes.TrimRight(b, "\x00")
		if len(b) == 0 {
			continue
		}
		out = append(append(out, e.Name()...), b...)
	}
	return out
}
