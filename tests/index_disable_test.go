package tests

import (
	"database/sql"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// indexDisableSetup disables a nonclustered index and writes past it, lets a
// duplicate in under a disabled unique index, and disables a clustered
// index: catalog changes of the log like any DDL.
const indexDisableSetup = `CREATE TABLE dbo.p (id int CONSTRAINT pk_p PRIMARY KEY, a int NULL, code varchar(10) NULL)
CREATE INDEX ix_a ON dbo.p (a)
CREATE UNIQUE INDEX ux_code ON dbo.p (code)
INSERT dbo.p VALUES (1, 10, 'x'), (2, 20, 'y')
ALTER INDEX ix_a ON dbo.p DISABLE
ALTER INDEX ux_code ON dbo.p DISABLE
INSERT dbo.p VALUES (3, 20, 'x')
CREATE TABLE dbo.off (id int CONSTRAINT pk_off PRIMARY KEY)
INSERT dbo.off VALUES (1)
ALTER INDEX pk_off ON dbo.off DISABLE`

// checkIndexDisabled checks what indexDisableSetup made, on db: the flags,
// 8655 on the table whose clustered index is disabled, 1505 rebuilding the
// unique index over its duplicate, and the nonclustered index rebuilt with
// the row written while it was disabled.
func checkIndexDisabled(t *testing.T, db *sql.DB, where string) {
	t.Helper()
	if got, want := harness.RowsText(t, db, "SELECT name, is_disabled FROM sys.indexes WHERE object_id IN (OBJECT_ID('dbo.p'), OBJECT_ID('dbo.off')) ORDER BY object_id, index_id"),
		"pk_p false|ix_a true|ux_code true|pk_off true|"; got != want {
		t.Errorf("%s: is_disabled %q, want %q", where, got, want)
	}
	_, err := db.Exec("SELECT * FROM dbo.off")
	wantSQLError(t, err, 8655, "The query processor is unable to produce a plan because the index 'pk_off' on table or view 'off' is disabled.")
	_, err = db.Exec("ALTER INDEX ux_code ON dbo.p REBUILD")
	wantSQLError(t, err, 1505, "")
	mustExec(t, db, "ALTER INDEX ix_a ON dbo.p REBUILD")
	if got, want := harness.RowsText(t, db, "SELECT id FROM dbo.p WHERE a = 20 ORDER BY id"), "2|3|"; got != want {
		t.Errorf("%s: through the rebuilt ix_a %q, want %q", where, got, want)
	}
	if _, err := db.Exec("DBCC CHECKTABLE ('dbo.p') WITH NO_INFOMSGS"); err != nil {
		t.Errorf("%s: DBCC CHECKTABLE: %v", where, err)
	}
}

// TestIndexDisableAcrossRestart: ALTER INDEX … DISABLE is the same after a
// SIGKILL right after it and a restart, as recovery replays the catalog.
func TestIndexDisableAcrossRestart(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "ixdis"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE ixd")
	mustExec(t, srv.DB("ixd"), indexDisableSetup)
	srv.Kill()
	srv.Restart()
	checkIndexDisabled(t, srv.DB("ixd"), "after SIGKILL and restart")
}
