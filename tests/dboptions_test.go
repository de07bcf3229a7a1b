package tests

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// Database options travel with the database (issues #4 #5): they are kept in
// the database's own logged catalog, so a kill -9, a BACKUP restored on
// another instance or over the database itself, and a revert to a database
// snapshot all bring back what ALTER DATABASE … SET last set — except
// TRUSTWORTHY, which SQL Server keeps per instance and a restored copy
// starts without. The mirroring side is tests/mirroring/dboptions_test.go.

// databaseOptions is sys.databases' view of database name's options, as one
// comparable line.
func databaseOptions(t *testing.T, master *sql.DB, name string) string {
	t.Helper()
	var si, rcsi, trust bool
	var compat int
	var recovery, access string
	err := master.QueryRow(`SELECT snapshot_isolation_state, is_read_committed_snapshot_on, compatibility_level,
recovery_model_desc, user_access_desc, is_trustworthy_on FROM sys.databases WHERE name = @p1`, name).Scan(&si, &rcsi, &compat, &recovery, &access, &trust)
	if err != nil {
		t.Fatalf("sys.databases row of %s: %v", name, err)
	}
	return fmt.Sprintf("snapshot=%v rcsi=%v compat=%d recovery=%s access=%s trustworthy=%v", si, rcsi, compat, recovery, access, trust)
}

// mustSnapshotRead runs a SNAPSHOT transaction reading dbo.t over
// go-mssqldb: it fails with 3952 unless ALLOW_SNAPSHOT_ISOLATION is ON.
func mustSnapshotRead(t *testing.T, db *sql.DB, want int) {
	t.Helper()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSnapshot})
	if err != nil {
		t.Fatalf("BEGIN TRAN under SNAPSHOT: %v", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM dbo.t").Scan(&n); err != nil || n != want {
		t.Fatalf("SNAPSHOT read: %d rows, %v; want %d", n, err, want)
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("COMMIT of the SNAPSHOT transaction: %v", err)
	}
}

// waitNoSessions waits until no session uses database name, as RESTORE needs.
func waitNoSessions(t *testing.T, master *sql.DB, name string) {
	t.Helper()
	harness.WaitFor(t, "sessions in "+name+" to end", time.Minute, func() (bool, error) {
		v, err := harness.QueryString(context.Background(), master, "SELECT COUNT(*) FROM sys.dm_exec_sessions WHERE database_id = DB_ID(@p1)", name)
		return v == "0", err
	})
}

// TestDatabaseOptionsTravelWithBackup sets options, kills the server (-9),
// backs the database up after the restart and restores it on a second
// instance and over itself: the options come back from the backup.
func TestDatabaseOptionsTravelWithBackup(t *testing.T) {
	a := harness.Start(t, harness.Options{Name: "opta"})
	master := a.DB("master")
	harness.MustRunScript(t, master, `CREATE DATABASE optdb
GO
ALTER DATABASE optdb SET ALLOW_SNAPSHOT_ISOLATION ON
GO
ALTER DATABASE optdb SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE
GO
ALTER DATABASE optdb SET COMPATIBILITY_LEVEL = 130
GO
ALTER DATABASE optdb SET RECOVERY SIMPLE, RESTRICTED_USER
GO
ALTER DATABASE optdb SET TRUSTWORTHY ON
GO
`)
	optdb := a.DB("optdb")
	harness.MustRunScript(t, optdb, "CREATE TABLE dbo.t (id int PRIMARY KEY)\nGO\nINSERT dbo.t VALUES (1), (2)\nGO\n")
	optdb.Close()
	a.Kill()
	a.Restart()
	master = a.DB("master")
	const set = "snapshot=true rcsi=true compat=130 recovery=SIMPLE access=RESTRICTED_USER"
	if got := databaseOptions(t, master, "optdb"); got != set+" trustworthy=true" {
		t.Fatalf("after kill -9 and restart: %s; want %s trustworthy=true", got, set)
	}
	file := filepath.Join(t.TempDir(), "optdb.bak")
	harness.MustExec(t, master, "BACKUP DATABASE optdb TO DISK = '"+file+"'")

	t.Run("restored on another instance", func(t *testing.T) {
		b := harness.Start(t, harness.Options{Name: "optb"})
		harness.MustExec(t, b.DB("master"), "RESTORE DATABASE optdb FROM DISK = '"+file+"'")
		if got := databaseOptions(t, b.DB("master"), "optdb"); got != set+" trustworthy=false" {
			t.Errorf("restored copy: %s; want %s trustworthy=false", got, set)
		}
		mustSnapshotRead(t, b.DB("optdb"), 2)
	})
	t.Run("restored over itself", func(t *testing.T) {
		harness.MustRunScript(t, master, `ALTER DATABASE optdb SET ALLOW_SNAPSHOT_ISOLATION OFF
GO
ALTER DATABASE optdb SET COMPATIBILITY_LEVEL = 150, MULTI_USER
GO
`)
		waitNoSessions(t, master, "optdb")
		harness.MustExec(t, master, "RESTORE DATABASE optdb FROM DISK = '"+file+"' WITH REPLACE")
		if got := databaseOptions(t, master, "optdb"); got != set+" trustworthy=false" {
			t.Errorf("restored over itself: %s; want %s trustworthy=false", got, set)
		}
		mustSnapshotRead(t, a.DB("optdb"), 2)
	})
}

// TestDatabaseOptionsRevertToSnapshot: RESTORE … FROM DATABASE_SNAPSHOT puts
// back the options the database had when the snapshot was made.
func TestDatabaseOptionsRevertToSnapshot(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "optrv"})
	master := srv.DB("master")
	harness.MustRunScript(t, master, `CREATE DATABASE rv
GO
ALTER DATABASE rv SET ALLOW_SNAPSHOT_ISOLATION ON
GO
ALTER DATABASE rv SET COMPATIBILITY_LEVEL = 140
GO
`)
	rv := srv.DB("rv")
	harness.MustRunScript(t, rv, "CREATE TABLE dbo.t (id int PRIMARY KEY)\nGO\nINSERT dbo.t VALUES (1)\nGO\n")
	rv.Close()
	snapFile := filepath.Join(t.TempDir(), "rv.ss")
	harness.MustRunScript(t, master, `CREATE DATABASE rv_snap ON (NAME = rv, FILENAME = '`+snapFile+`') AS SNAPSHOT OF rv
GO
ALTER DATABASE rv SET ALLOW_SNAPSHOT_ISOLATION OFF
GO
ALTER DATABASE rv SET READ_COMMITTED_SNAPSHOT ON, COMPATIBILITY_LEVEL = 110, RECOVERY BULK_LOGGED
GO
`)
	const changed = "snapshot=false rcsi=true compat=110 recovery=BULK_LOGGED access=MULTI_USER trustworthy=false"
	if got := databaseOptions(t, master, "rv"); got != changed {
		t.Fatalf("before the revert: %s; want %s", got, changed)
	}
	waitNoSessions(t, master, "rv")
	harness.MustExec(t, master, "RESTORE DATABASE rv FROM DATABASE_SNAPSHOT = 'rv_snap'")
	const then = "snapshot=true rcsi=false compat=140 recovery=FULL access=MULTI_USER trustworthy=false"
	if got := databaseOptions(t, master, "rv"); got != then {
		t.Errorf("after the revert: %s; want the snapshot's %s", got, then)
	}
	mustSnapshotRead(t, srv.DB("rv"), 1)
}

// TestDatabaseOptionsTravelWithLogBackup: an option changed after the full
// backup reaches the restored copy through the log backup (RESTORE LOG
// redoes the logged change), as it reaches a mirror.
func TestDatabaseOptionsTravelWithLogBackup(t *testing.T) {
	a := harness.Start(t, harness.Options{Name: "optla"})
	dir := t.TempDir()
	full, logf := filepath.Join(dir, "lg.bak"), filepath.Join(dir, "lg.trn")
	harness.MustRunScript(t, a.DB("master"), `CREATE DATABASE lg
GO
ALTER DATABASE lg SET RECOVERY FULL
GO
CREATE TABLE lg.dbo.t (id int PRIMARY KEY)
GO
BACKUP DATABASE lg TO DISK = '`+full+`'
GO
ALTER DATABASE lg SET ALLOW_SNAPSHOT_ISOLATION ON
GO
ALTER DATABASE lg SET COMPATIBILITY_LEVEL = 120
GO
BACKUP LOG lg TO DISK = '`+logf+`'
GO
`)
	b := harness.Start(t, harness.Options{Name: "optlb"})
	master := b.DB("master")
	harness.MustExec(t, master, "RESTORE DATABASE lg FROM DISK = '"+full+"' WITH NORECOVERY")
	const before = "snapshot=false rcsi=false compat=160 recovery=FULL access=MULTI_USER trustworthy=false"
	if got := databaseOptions(t, master, "lg"); got != before {
		t.Errorf("restored full backup: %s; want %s", got, before)
	}
	harness.MustExec(t, master, "RESTORE LOG lg FROM DISK = '"+logf+"' WITH RECOVERY")
	const after = "snapshot=true rcsi=false compat=120 recovery=FULL access=MULTI_USER trustworthy=false"
	if got := databaseOptions(t, master, "lg"); got != after {
		t.Errorf("after RESTORE LOG: %s; want %s", got, after)
	}
}
