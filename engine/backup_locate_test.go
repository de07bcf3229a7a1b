package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestMediaHeaders: crossing a media file by its headers and frame lengths
// finds the sets RESTORE finds, at the same positions and sizes, through a
// plain set of an earlier release (read through) and framed ones (crossed);
// a file cut anywhere inside its last set is damaged media, not fewer sets.
func TestMediaHeaders(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; CREATE TABLE d.dbo.t (k int PRIMARY KEY, v nvarchar(400))")
	mustExec(t, s, "INSERT d.dbo.t SELECT value, REPLICATE(N'x', 300) FROM GENERATE_SERIES(1, 5000)")
	path := filepath.Join(dir, "media.bak")

	// A version-1 set as an earlier release wrote it: entries unframed.
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	h := &backupHeader{Version: backupVersion, Type: "LOG", Database: "old", Start: time.Now().UTC()}
	bw, err := newBackupWriter(f, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	bw.row(7, []byte("key"), []byte("value"))
	bw.log(make([]byte, 4096))
	if err := bw.finish(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, with := range []string{"NOINIT", "NOINIT, NO_COMPRESSION"} {
		mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+path+"' WITH "+with)
	}
	if got := execNumber(t, s, "BACKUP DATABASE d TO DISK = '"+path+"' WITH COMPRESSION"); got != 3098 {
		t.Fatalf("COMPRESSION onto plain media: %d, want 3098", got)
	}
	sets, err := readBackupSets(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	hs, err := mediaHeaders(path)
	if err != nil {
		t.Fatal(err)
	}
	describe := func(h backupHeader) string {
		return fmt.Sprintf("%d %s v%d %s %d bytes", h.Position, h.Database, h.Version, h.Compression, h.Size)
	}
	if len(hs) != len(sets) || len(hs) != 3 {
		t.Fatalf("mediaHeaders found %d sets, RESTORE %d; want 3", len(hs), len(sets))
	}
	for i := range hs {
		if got, want := describe(hs[i]), describe(sets[i].header); got != want {
			t.Errorf("set %d: %s, RESTORE reads %s", i+1, got, want)
		}
	}

	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	last := hs[len(hs)-1]
	start := len(b) - int(last.Size)
	for _, cut := range []int{start + 3, start + 200, len(b) - 5000, len(b) - 13, len(b) - 1} {
		p := filepath.Join(t.TempDir(), "cut.bak")
		if err := os.WriteFile(p, b[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		if hs, err := mediaHeaders(p); !errors.Is(err, errBackupCorrupt) {
			t.Errorf("cut at %d of %d: %d sets, %v; want damaged media", cut, len(b), len(hs), err)
		}
	}
}

// BenchmarkMediaEnd: what BACKUP … WITH NOINIT reads to find where it
// appends, on a media file of MIRRORSQL_BACKUP_MB MiB (default 8) of
// uncompressed sets: every set read through and checked (readBackupSets, as
// RESTORE reads the media; before mediaHeaders BACKUP read it so, decoding
// nothing) against the sets' headers and frame lengths.
func BenchmarkMediaEnd(b *testing.B) {
	mb := 8
	if v, err := strconv.Atoi(os.Getenv("MIRRORSQL_BACKUP_MB")); err == nil && v > 0 {
		mb = v
	}
	dir := b.TempDir()
	inst := openTestInstance(b, dir)
	b.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(b, inst, "master")
	ctx := context.Background()
	run := func(sql string) {
		if err := s.ExecBatch(ctx, sql, &collect{}); err != nil {
			b.Fatal(err)
		}
	}
	run("CREATE DATABASE d; CREATE TABLE d.dbo.t (k int PRIMARY KEY, v varchar(1000))")
	rows := mb << 20 / 1000 / 4 // four sets of a quarter each
	for i := 0; i < rows; i += 10000 {
		run(fmt.Sprintf("INSERT d.dbo.t SELECT value, REPLICATE('x', 990) FROM GENERATE_SERIES(%d, %d)", i+1, min(i+10000, rows)))
	}
	path := filepath.Join(dir, "media.bak")
	for range 4 {
		run("BACKUP DATABASE d TO DISK = '" + path + "' WITH NOINIT")
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("media file %.1f MiB, 4 sets", float64(st.Size())/(1<<20))
	b.Run("read-through", func(b *testing.B) {
		for b.Loop() {
			if _, err := readBackupSets(path, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("frame-headers", func(b *testing.B) {
		for b.Loop() {
			if _, err := mediaHeaders(path); err != nil {
				b.Fatal(err)
			}
		}
	})
}
