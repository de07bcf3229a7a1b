package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// sigtermDeadline is how long these tests wait for a server to exit after
// SIGTERM: far more than the server's own bound on closing its storage (10 s,
// cmd/mirrorsql storageCloseTimeout) on a loaded machine. It is not a speed
// check: before the bound, a server whose storage had failed never exited.
const sigtermDeadline = 90 * time.Second

// notClosedCleanlyLog is the error-log message a database whose storage
// could not be closed gets (engine/close_bounded.go).
const notClosedCleanlyLog = "database could not be closed cleanly"

// startOnOwnDir starts a server on a data directory inside a test directory,
// so that the test can remove or move the data directory itself.
func startOnOwnDir(t *testing.T, name string) (*harness.Server, string) {
	t.Helper()
	parent := t.TempDir()
	srv := harness.Start(t, harness.Options{Name: name, DataDir: filepath.Join(parent, "data")})
	return srv, parent
}

// wantFailedShutdown checks how a server whose storage failed ended: with a
// non-zero status, and the error log naming each database it could not close
// once, not once a second.
func wantFailedShutdown(t *testing.T, srv *harness.Server, exitErr error, logFrom int) {
	t.Helper()
	if exitErr == nil {
		t.Errorf("server exited with status 0 after its storage failed; want non-zero")
	}
	out := srv.Output()[logFrom:]
	seen := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		if !strings.Contains(line, notClosedCleanlyLog) {
			continue
		}
		if seen[line] {
			t.Errorf("logged more than once: %s", line)
		}
		seen[line] = true
	}
	if len(seen) == 0 {
		t.Errorf("the error log does not say a database could not be closed cleanly:\n%s", out)
	}
}

// TestSIGTERMEndsServerWhoseDataDirIsRemoved: a data directory removed under
// a running server (rm -rf, a disk unmounted) must not leave a process that
// SIGTERM cannot stop (issue #4).
func TestSIGTERMEndsServerWhoseDataDirIsRemoved(t *testing.T) {
	srv, _ := startOnOwnDir(t, "rmdata")
	mustExec(t, srv.DB("master"), "CREATE DATABASE gone")
	mustExec(t, srv.DB("gone"), "CREATE TABLE dbo.t (id int PRIMARY KEY, v varchar(50)); INSERT dbo.t VALUES (1, 'a'), (2, 'b')")
	from := len(srv.Output())
	if err := os.RemoveAll(srv.DataDir); err != nil {
		t.Fatal(err)
	}
	err := srv.Terminate(sigtermDeadline)
	wantFailedShutdown(t, srv, err, from)
}

// TestSIGTERMWithDataDirAwayKeepsCommits: storage that fails for a while (the
// data directory moved away, as a volume unmounted and mounted again) makes
// the shutdown fail, but loses nothing acknowledged: the log holds every
// commit, and the next start on the directory, back in place, replays it.
func TestSIGTERMWithDataDirAwayKeepsCommits(t *testing.T) {
	srv, parent := startOnOwnDir(t, "awaydata")
	mustExec(t, srv.DB("master"), "CREATE DATABASE away")
	db := srv.DB("away")
	mustExec(t, db, "CREATE TABLE dbo.t (id int PRIMARY KEY, v varchar(50))")
	for i := 1; i <= 50; i++ {
		mustExec(t, db, "INSERT dbo.t VALUES (@p1, REPLICATE('x', @p1))", i)
	}
	away := filepath.Join(parent, "away")
	from := len(srv.Output())
	if err := os.Rename(srv.DataDir, away); err != nil {
		t.Fatal(err)
	}
	// A commit while the directory is away goes to the log file the server
	// holds open; if it is acknowledged, it must survive too.
	want := 50
	if _, err := db.Exec("INSERT dbo.t VALUES (51, 'while away')"); err == nil {
		want = 51
	}
	t.Logf("%d rows acknowledged", want)
	err := srv.Terminate(sigtermDeadline)
	wantFailedShutdown(t, srv, err, from)

	if err := os.Rename(away, srv.DataDir); err != nil {
		t.Fatal(err)
	}
	srv.Restart()
	var n, sum int
	if err := srv.DB("away").QueryRow("SELECT COUNT(*), SUM(id) FROM dbo.t").Scan(&n, &sum); err != nil {
		t.Fatal(err)
	}
	if n != want || sum != want*(want+1)/2 {
		t.Fatalf("after restart: %d rows (ids summing to %d), want %d acknowledged rows (%d)", n, sum, want, want*(want+1)/2)
	}
	// And the database stays writable.
	mustExec(t, srv.DB("away"), "INSERT dbo.t VALUES (1000, 'after')")
}

// TestOneDatabaseStorageRemovedOthersServe: the files of one database removed
// under a running server (issue #4). Its next commit gets SQL Server's 9001
// (the log it wrote to has no name any more: acknowledging it would be a lie)
// and it goes OFFLINE; the other databases keep serving; SIGTERM still ends
// the server; and at the next start the database is SUSPECT (5120, 3414),
// not created again empty under its name.
func TestOneDatabaseStorageRemovedOthersServe(t *testing.T) {
	srv, _ := startOnOwnDir(t, "onegone")
	master := srv.DB("master")
	mustExec(t, master, "CREATE DATABASE good; CREATE DATABASE bad")
	for _, name := range []string{"good", "bad"} {
		mustExec(t, srv.DB(name), "CREATE TABLE dbo.t (id int PRIMARY KEY, v varchar(50)); INSERT dbo.t VALUES (1, 'a'), (2, 'b')")
	}
	var logFile string
	if err := master.QueryRow("SELECT physical_name FROM sys.master_files WHERE database_id = DB_ID('bad') AND type = 1").Scan(&logFile); err != nil {
		t.Fatal(err)
	}
	badDir := filepath.Dir(logFile)
	if !strings.HasPrefix(badDir, srv.DataDir) || badDir == srv.DataDir {
		t.Fatalf("bad's log is %s, not in a directory of its own under %s", logFile, srv.DataDir)
	}
	if err := os.RemoveAll(badDir); err != nil {
		t.Fatal(err)
	}

	_, err := srv.DB("bad").Exec("INSERT dbo.t VALUES (3, 'c')")
	wantSQLError(t, err, 9001, "The log for database 'bad' is not available. Check the operating system error log for related error messages. Resolve any errors and restart the database.")
	state := func(name string) string {
		t.Helper()
		var s string
		// A new pool each time: the one from before a restart holds dead connections.
		if err := srv.DB("master").QueryRow("SELECT state_desc FROM sys.databases WHERE name = @p1", name).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if got := state("bad"); got != "OFFLINE" {
		t.Errorf("bad is %s after its log failed, want OFFLINE", got)
	}
	good := srv.DB("good")
	mustExec(t, good, "INSERT dbo.t VALUES (3, 'c')")
	if got := state("good"); got != "ONLINE" {
		t.Errorf("good is %s, want ONLINE", got)
	}

	from := len(srv.Output())
	err = srv.Terminate(sigtermDeadline)
	wantFailedShutdown(t, srv, err, from)
	for _, line := range strings.Split(srv.Output()[from:], "\n") {
		if strings.Contains(line, notClosedCleanlyLog) && strings.Contains(line, "database=good") {
			t.Errorf("a healthy database was not closed cleanly: %s", line)
		}
	}

	srv.Restart()
	var n int
	if err := srv.DB("good").QueryRow("SELECT COUNT(*) FROM dbo.t").Scan(&n); err != nil || n != 3 {
		t.Fatalf("good after restart: %d rows, %v; want 3", n, err)
	}
	if got := state("bad"); got != "SUSPECT" {
		t.Errorf("bad is %s after a restart without its files, want SUSPECT", got)
	}
	// The text log quotes the message, so its quotes come escaped.
	out := strings.ReplaceAll(srv.Output(), `\"`, `"`)
	for _, want := range []string{`Unable to open the physical file "` + filepath.Join(badDir, "log") + `". Operating system error 2`, "preventing the database 'bad'"} {
		if !strings.Contains(out, want) {
			t.Errorf("the error log at restart does not say %q", want)
		}
	}
	_, err = srv.DB("bad").Exec("SELECT 1")
	if err == nil {
		t.Errorf("a login into bad, SUSPECT without its files, succeeded")
	}
}

// TestSIGTERMWithDataDirReadOnlyKeepsCommits: the data directory turns
// read-only under a running server (a file system remounted read-only after
// errors: EROFS for every file the server creates, a badger flush among them).
// SIGTERM still ends the server, non-zero; once the directory is writable
// again, the next start has every acknowledged commit. It needs root (a
// read-only bind mount) and skips without it.
func TestSIGTERMWithDataDirReadOnlyKeepsCommits(t *testing.T) {
	srv, _ := startOnOwnDir(t, "rodata")
	mustExec(t, srv.DB("master"), "CREATE DATABASE ro")
	db := srv.DB("ro")
	mustExec(t, db, "CREATE TABLE dbo.t (id int PRIMARY KEY, v varchar(50))")
	for i := 1; i <= 20; i++ {
		mustExec(t, db, "INSERT dbo.t VALUES (@p1, 'before')", i)
	}
	unmount := bindReadOnly(t, srv.DataDir)
	want := 20
	if _, err := db.Exec("INSERT dbo.t VALUES (21, 'read-only')"); err == nil {
		want = 21
	}
	t.Logf("%d rows acknowledged", want)
	from := len(srv.Output())
	err := srv.Terminate(sigtermDeadline)
	wantFailedShutdown(t, srv, err, from)

	unmount()
	srv.Restart()
	var n, sum int
	if err := srv.DB("ro").QueryRow("SELECT COUNT(*), SUM(id) FROM dbo.t").Scan(&n, &sum); err != nil {
		t.Fatal(err)
	}
	if n != want || sum != want*(want+1)/2 {
		t.Fatalf("after restart: %d rows (ids summing to %d), want %d acknowledged rows", n, sum, want)
	}
	mustExec(t, srv.DB("ro"), "INSERT dbo.t VALUES (1000, 'after')")
}
