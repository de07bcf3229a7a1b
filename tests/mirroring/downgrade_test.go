package mirroring_test

import (
	"bytes"
	"encoding/binary"
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

// snapshotDir is the concatenated contents of dir's files, in name order.
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
		out = append(append(out, e.Name()...), b...)
	}
	return out
}
