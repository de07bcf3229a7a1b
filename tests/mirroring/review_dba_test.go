package mirroring_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"
)

// sqlErr is the first SQL Server error of err as "number/severity/state text",
// or the Go error when it carries none.
func sqlErr(err error) string {
	var e mssql.Error
	if !errors.As(err, &e) {
		return fmt.Sprint(err)
	}
	return fmt.Sprintf("%d/%d/%d %s", e.Number, e.Class, e.State, e.Message)
}

// TestReviewDBAMaintenanceOnTheMirror: what a DBA's maintenance run on the
// mirror server gets (session 31 review). DBCC CHECKDB, CHECKALLOC,
// CHECKCATALOG and UPDATEUSAGE naming the mirror copy are refused with 954,
// as SQL Server does for a database it cannot open — they reported "0
// allocation errors and 0 consistency errors" for a copy they had not
// checked, so a nightly CHECKDB job over every database passed on the
// mirror. A database left RESTORING by a restore gets 927 the same way. The
// way SQL Server's docs check a mirror, DBCC CHECKDB on a database snapshot
// of it, works.
func TestReviewDBAMaintenanceOnTheMirror(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	c.waitState(m, "SYNCHRONIZED")

	mirrorErr := fmt.Sprintf(`954/14/1 The database "%s" cannot be opened. It is acting as a mirror database.`, dbName)
	for _, q := range []string{
		"DBCC CHECKDB(" + dbName + ")",
		"DBCC CHECKDB(" + dbName + ") WITH NO_INFOMSGS",
		"DBCC CHECKDB(N'" + dbName + "', NOINDEX)",
		"DBCC CHECKALLOC(" + dbName + ")",
		"DBCC CHECKCATALOG(" + dbName + ")",
		"DBCC UPDATEUSAGE(" + dbName + ")",
		"DBCC CHECKTABLE('" + dbName + ".dbo.kv')", // refused before this review too
	} {
		if got := sqlErr(c.exec(m, q)); got != mirrorErr {
			t.Errorf("mirror: %s:\n got %s\nwant %s", q, got, mirrorErr)
		}
	}

	// The documented way: a snapshot of the mirror is checked.
	c.mustExec(m, fmt.Sprintf("CREATE DATABASE %[1]s_check ON (NAME = %[1]s, FILENAME = '/nowhere/%[1]s_check.ss') AS SNAPSHOT OF %[1]s", dbName))
	if err := c.exec(m, "DBCC CHECKDB("+dbName+"_check) WITH NO_INFOMSGS"); err != nil {
		t.Errorf("DBCC CHECKDB on a snapshot of the mirror: %v", err)
	}

	// A copy being restored (not mirrored) is 927.
	bak := filepath.Join(c.backupDir, "restoring.bak")
	c.mustExec(p, "CREATE DATABASE restoring\nGO\nBACKUP DATABASE restoring TO DISK = '"+bak+"' WITH INIT")
	c.mustExec(m, "RESTORE DATABASE restoring FROM DISK = '"+bak+"' WITH NORECOVERY")
	restoringErr := "927/14/2 Database 'restoring' cannot be opened. It is in the middle of a restore."
	for _, q := range []string{"DBCC CHECKDB(restoring)", "DBCC CHECKALLOC(restoring)", "DBCC UPDATEUSAGE(restoring)"} {
		if got := sqlErr(c.exec(m, q)); got != restoringErr {
			t.Errorf("%s:\n got %s\nwant %s", q, got, restoringErr)
		}
	}
	// The principal's copy is checked as before.
	if err := c.exec(p, "DBCC CHECKDB("+dbName+") WITH NO_INFOMSGS"); err != nil {
		t.Errorf("DBCC CHECKDB on the principal: %v", err)
	}
}
