package tests

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// diskFullFS is the size of the tmpfs TestDiskFull mounts: room for the system
// databases' preallocated log segments, badger's files and the 64 MiB the
// engine keeps free (storage.DefaultMinFreeBytes), with a filler taking the rest.
const diskFullFS = 256 << 20

// mountTmpfs mounts a tmpfs of size bytes on a new directory and unmounts it at
// cleanup (registered first, so it runs after the server using it is gone). It
// skips the test when mounting is not permitted (not root, no CAP_SYS_ADMIN).
func mountTmpfs(t *testing.T, size int64) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "fs")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d", size)); err != nil {
		t.Skipf("disk-full test needs a small file system: mount -t tmpfs on %s: %v (run as root to enable)", dir, err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// freeBytes is the space available on dir's file system.
func freeBytes(t *testing.T, dir string) int64 {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	return int64(st.Bavail) * st.Bsize
}

// writeFiller writes a file of n bytes (tmpfs allocates pages as they are
// written, so a sparse file would not take the space).
func writeFiller(t *testing.T, path string, n int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 1<<20)
	for i := range chunk {
		chunk[i] = 0xA5
	}
	for n > 0 {
		c := min(n, int64(len(chunk)))
		if _, err := f.Write(chunk[:c]); err != nil {
			t.Fatalf("write filler: %v", err)
		}
		n -= c
	}
}

// TestDiskFull checks "a full disk gives error 9002 (log full) or 1105 and
// nothing committed is lost" against a real server process whose data
// directory is on a small tmpfs: writers insert 100-row transactions until the
// disk is full; the failing statement reports 1105 or 9002 and its transaction
// rolls back; the server keeps running and serves reads; after the filler file
// is deleted the same database accepts writes again; and after a restart
// every acknowledged row is present and no refused row is.
func TestDiskFull(t *testing.T) {
	fs := mountTmpfs(t, diskFullFS)
	srv := harness.Start(t, harness.Options{Name: "diskfull", DataDir: filepath.Join(fs, "data")})
	mustExec(t, srv.DB("master"), "CREATE DATABASE df")
	db := srv.DB("df")
	mustExec(t, db, "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, payload varchar(4000) NOT NULL)")

	// Leave 40 MiB above the engine's 64 MiB reserve.
	filler := filepath.Join(fs, "filler")
	writeFiller(t, filler, freeBytes(t, fs)-(64<<20)-(40<<20))
	t.Logf("free after filler: %d MiB", freeBytes(t, fs)>>20)

	const rows = 100
	insert := func(first int) error {
		var b strings.Builder
		b.WriteString("INSERT dbo.t (id, payload) VALUES ")
		for i := range rows {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "(%d, REPLICATE('p', 4000))", first+i)
		}
		_, err := db.ExecContext(context.Background(), b.String())
		return err
	}
	acked := 0
	var full mssql.Error
	for n := 0; ; n++ {
		if n > 1000 {
			t.Fatalf("no error after %d rows", acked)
		}
		err := insert(acked)
		if err == nil {
			acked += rows
			continue
		}
		if !errors.As(err, &full) || (full.Number != 1105 && full.Number != 9002) {
			t.Fatalf("insert at %d: %v, want error 1105 or 9002\n%s", acked, err, srv.Output())
		}
		break
	}
	t.Logf("disk full after %d rows: %d (severity %d) %s", acked, full.Number, full.Class, full.Message)
	if full.Class != 17 {
		t.Errorf("severity %d, want 17", full.Class)
	}
	want := map[int32]string{
		1105: "Could not allocate space for object 'dbo.t'",
		9002: "The transaction log for database 'df' is full due to '",
	}[full.Number]
	if !strings.HasPrefix(full.Message, want) {
		t.Errorf("message %q, want prefix %q", full.Message, want)
	}
	checkRows := func(stage string, want int) {
		t.Helper()
		var n, lo, hi int
		if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*), ISNULL(MIN(id), 0), ISNULL(MAX(id), -1) FROM dbo.t").Scan(&n, &lo, &hi); err != nil {
			t.Fatalf("%s: count rows: %v", stage, err)
		}
		if n != want || lo != 0 || hi != want-1 {
			t.Fatalf("%s: %d rows (ids %d..%d), want exactly the %d acknowledged (ids 0..%d)", stage, n, lo, hi, want, want-1)
		}
	}
	checkRows("disk full", acked)
	// No "the next insert fails too" check: badger's background work (a
	// memtable flush deleting its WAL, a compaction deleting old tables) can
	// free space above the reserve again, and then a commit rightly succeeds.
	if !srv.Running() {
		t.Fatalf("server exited on a full disk\n%s", srv.Output())
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := insert(acked); err != nil {
			t.Fatalf("insert after freeing space: %v", err)
		}
		acked += rows
	}
	checkRows("space freed", acked)

	srv.Stop()
	srv.Restart()
	db = srv.DB("df")
	checkRows("after restart", acked)
}

// TestDiskFullLogBackupPending: a FULL-recovery database with a full backup
// and no log backup since keeps its log for BACKUP LOG
// (log_reuse_wait_desc LOG_BACKUP); when the disk fills, the failing
// statement gets SQL Server's 9002 naming that reason, not 1105 (issue #4).
func TestDiskFullLogBackupPending(t *testing.T) {
	fs := mountTmpfs(t, diskFullFS)
	srv := harness.Start(t, harness.Options{Name: "logbackup", DataDir: filepath.Join(fs, "data")})
	bak := t.TempDir() // backups off the small file system
	mustExec(t, srv.DB("master"), "CREATE DATABASE lb; ALTER DATABASE lb SET RECOVERY FULL")
	mustExec(t, srv.DB("master"), "BACKUP DATABASE lb TO DISK = @p1", filepath.Join(bak, "lb.bak"))
	db := srv.DB("lb")
	mustExec(t, db, "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, payload varchar(4000) NOT NULL)")
	writeFiller(t, filepath.Join(fs, "filler"), freeBytes(t, fs)-(64<<20)-(24<<20))
	var full mssql.Error
	for acked := 0; ; acked += 100 {
		if acked > 100_000 {
			t.Fatalf("no error after %d rows", acked)
		}
		var b strings.Builder
		b.WriteString("INSERT dbo.t (id, payload) VALUES ")
		for i := range 100 {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "(%d, REPLICATE('p', 4000))", acked+i)
		}
		_, err := db.ExecContext(context.Background(), b.String())
		if err == nil {
			continue
		}
		if !errors.As(err, &full) {
			t.Fatalf("insert at %d: %v, want SQL Server error 9002", acked, err)
		}
		break
	}
	want := "The transaction log for database 'lb' is full due to 'LOG_BACKUP'."
	if full.Number != 9002 || full.Class != 17 || full.Message != want {
		t.Errorf("full disk with a log backup pending: %d (severity %d) %q, want 9002 (severity 17) %q", full.Number, full.Class, full.Message, want)
	}
	var wait string
	if err := srv.DB("master").QueryRow("SELECT log_reuse_wait_desc FROM sys.databases WHERE name = 'lb'").Scan(&wait); err != nil || wait != "LOG_BACKUP" {
		t.Errorf("log_reuse_wait_desc: %q (%v), want LOG_BACKUP", wait, err)
	}
}
