package tests

import (
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// checkSQLError reports (without stopping the test) unless err is SQL Server
// error n with severity sev and message text msg ("" for any text).
func checkSQLError(t *testing.T, what string, err error, n int32, sev uint8, msg string) {
	t.Helper()
	var me mssql.Error
	if !errors.As(err, &me) {
		t.Errorf("%s: error = %v, want SQL Server error %d", what, err, n)
		return
	}
	text := strings.TrimPrefix(me.Message, "login error: ")
	if me.Number != n || me.Class != sev || (msg != "" && text != msg) {
		t.Errorf("%s: error = %d (severity %d) %q, want %d (severity %d) %q", what, me.Number, me.Class, text, n, sev, msg)
	}
}

// copyDir copies the regular files of directory src (no subdirectories: a
// log directory has none) into a new directory dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.Mkdir(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		in, err := os.Open(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(filepath.Join(dst, e.Name()))
		if err == nil {
			_, err = io.Copy(out, in)
			if cerr := out.Close(); err == nil {
				err = cerr
			}
		}
		in.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
}

// databaseLogDir is the directory of database name's log on srv.
func databaseLogDir(t *testing.T, srv *harness.Server, name string) string {
	t.Helper()
	var logFile string
	if err := srv.DB("master").QueryRow("SELECT physical_name FROM sys.master_files WHERE database_id = DB_ID(@p1) AND type = 1", name).Scan(&logFile); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(filepath.Dir(logFile), "log")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() || !strings.HasPrefix(dir, srv.DataDir) {
		t.Fatalf("%s's log directory %s: %v", name, dir, err)
	}
	return dir
}

// databaseState is what sys.databases.state_desc and
// DATABASEPROPERTYEX(name, 'Status') show for database name.
func databaseState(t *testing.T, master *sql.DB, name string) (stateDesc, status string) {
	t.Helper()
	if err := master.QueryRow("SELECT state_desc, CAST(DATABASEPROPERTYEX(name, 'Status') AS nvarchar(60)) FROM sys.databases WHERE name = @p1", name).Scan(&stateDesc, &status); err != nil {
		t.Fatal(err)
	}
	return stateDesc, status
}

// TestFailedLogOfflineThenSetOnline: a database whose log failed (its files
// removed under the server: 9001) is OFFLINE as SQL Server shows it — access
// gets 942, not "in the middle of a restore" (927), sys.databases and
// DATABASEPROPERTYEX say OFFLINE — and once the DBA has put the log back,
// ALTER DATABASE … SET ONLINE runs recovery on it: every acknowledged commit
// is there, the refused one is not, and the database takes writes again
// (issue #4).
func TestFailedLogOfflineThenSetOnline(t *testing.T) {
	srv, parent := startOnOwnDir(t, "flog")
	master := srv.DB("master")
	mustExec(t, master, "CREATE DATABASE flog")
	db := srv.DB("flog")
	mustExec(t, db, "CREATE TABLE dbo.t (id int PRIMARY KEY, v varchar(50))")
	for i := 1; i <= 30; i++ {
		mustExec(t, db, "INSERT dbo.t VALUES (@p1, 'acked')", i)
	}
	logDir := databaseLogDir(t, srv, "flog")
	saved := filepath.Join(parent, "log-copy")
	copyDir(t, logDir, saved)
	if err := os.RemoveAll(logDir); err != nil {
		t.Fatal(err)
	}

	_, err := db.Exec("INSERT dbo.t VALUES (31, 'refused')")
	checkSQLError(t, "commit to the removed log", err, 9001, 21, "The log for database 'flog' is not available. Check the operating system error log for related error messages. Resolve any errors and restart the database.")
	if sd, st := databaseState(t, master, "flog"); sd != "OFFLINE" || st != "OFFLINE" {
		t.Errorf("after the log failed: state_desc %q, DATABASEPROPERTYEX Status %q; want OFFLINE, OFFLINE", sd, st)
	}
	const offline = "Database 'flog' cannot be opened because it is offline."
	_, err = master.Exec("USE flog")
	checkSQLError(t, "USE of the database whose log failed", err, 942, 14, offline)
	_, err = master.Exec("SELECT COUNT(*) FROM flog.dbo.t")
	checkSQLError(t, "a three-part name into it", err, 942, 14, offline)

	// The DBA repairs the fault (the log is back where it was) and brings the
	// database online: recovery replays the log.
	if err := os.Rename(saved, logDir); err != nil {
		t.Fatal(err)
	}
	mustExec(t, master, "ALTER DATABASE flog SET ONLINE")
	if sd, st := databaseState(t, master, "flog"); sd != "ONLINE" || st != "ONLINE" {
		t.Errorf("after SET ONLINE: state_desc %q, DATABASEPROPERTYEX Status %q; want ONLINE, ONLINE", sd, st)
	}
	rows := func(stage string, want int) {
		t.Helper()
		var n, sum int
		if err := srv.DB("flog").QueryRow("SELECT COUNT(*), ISNULL(SUM(id), 0) FROM dbo.t").Scan(&n, &sum); err != nil {
			t.Errorf("%s: %v", stage, err)
			return
		}
		if n != want || sum != want*(want+1)/2 {
			t.Errorf("%s: %d rows (ids summing to %d), want the %d acknowledged", stage, n, sum, want)
		}
	}
	rows("after SET ONLINE", 30)
	if _, err := srv.DB("flog").Exec("INSERT dbo.t VALUES (31, 'after repair')"); err != nil {
		t.Errorf("insert after SET ONLINE: %v", err)
	}
	rows("after an insert", 31)

	srv.Stop()
	srv.Restart()
	rows("after restart", 31)
}

// bindReadOnly turns dir read-only under a running server with a bind mount
// of dir on itself, remounted read-only: what the server opens or creates
// from now on is refused (EROFS); the files it holds open stay writable, as
// on a file system that fails part way. unmount (also run at cleanup) makes
// dir writable again. It needs root and skips the test without it.
func bindReadOnly(t *testing.T, dir string) (unmount func()) {
	t.Helper()
	if err := syscall.Mount(dir, dir, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("needs a bind mount (root): %v", err)
	}
	mounted := true
	unmount = func() {
		if mounted {
			if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
				t.Errorf("unmount %s: %v", dir, err)
			}
			mounted = false
		}
	}
	t.Cleanup(unmount)
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("remount read-only: %v", err)
	}
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		f.Close()
		t.Fatal("the directory is still writable")
	}
	return unmount
}

// TestCheckpointOnReadOnlyStorage: a CHECKPOINT that cannot write its
// control file (the file system turned read-only) answers SQL Server's 5120
// naming the file and the operating-system error, not "Msg 50000 Internal
// error"; the database stays ONLINE (the control file still names the last
// good checkpoint), takes commits, and checkpoints again once the storage is
// writable (issue #4).
func TestCheckpointOnReadOnlyStorage(t *testing.T) {
	srv, _ := startOnOwnDir(t, "rockpt")
	mustExec(t, srv.DB("master"), "CREATE DATABASE rock")
	db := srv.DB("rock")
	mustExec(t, db, "CREATE TABLE dbo.t (id int PRIMARY KEY, v varchar(50)); INSERT dbo.t VALUES (1, 'before')")
	logDir := databaseLogDir(t, srv, "rock")
	unmount := bindReadOnly(t, srv.DataDir)

	_, err := db.Exec("CHECKPOINT")
	control := filepath.Join(logDir, "control.tmp")
	checkSQLError(t, "CHECKPOINT on read-only storage", err, 5120, 16,
		`Unable to open the physical file "`+control+`". Operating system error 19: "19(The media is write protected.)".`)
	if sd, st := databaseState(t, srv.DB("master"), "rock"); sd != "ONLINE" || st != "ONLINE" {
		t.Errorf("after the failed checkpoint: state_desc %q, Status %q; want ONLINE", sd, st)
	}
	if _, err := db.Exec("INSERT dbo.t VALUES (2, 'read-only')"); err != nil {
		t.Errorf("commit after the failed checkpoint: %v", err)
	}
	unmount()
	if _, err := db.Exec("CHECKPOINT"); err != nil {
		t.Errorf("CHECKPOINT with the storage writable again: %v", err)
	}
	srv.Stop()
	srv.Restart()
	var n int
	if err := srv.DB("rock").QueryRow("SELECT COUNT(*) FROM dbo.t").Scan(&n); err != nil || n != 2 {
		t.Errorf("after restart: %d rows (%v), want 2", n, err)
	}
}
