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
