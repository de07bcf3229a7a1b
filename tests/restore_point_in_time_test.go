package tests

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestRestorePointInTime is the DBA's recovery after a bad DELETE, through
// go-mssqldb against a server process: note the time, the DELETE, more
// work, the tail-log backup, then a copy restored from the full backup and
// the log WITH STOPAT the noted time (the deleted rows are back, the later
// row is not) and another WITH STOPATMARK a marked transaction (BEGIN TRAN
// … WITH MARK, listed in msdb.dbo.logmarkhistory). Before, STOPAT and the
// mark were ignored and both copies held the whole log.
func TestRestorePointInTime(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "pit"})
	master := srv.DB("master")
	dir := t.TempDir()
	file := func(name string) string { return "'" + filepath.Join(dir, name) + "'" }
	mustExec(t, master, "CREATE DATABASE pit")
	mustExec(t, master, "ALTER DATABASE pit SET RECOVERY FULL")
	db := srv.DB("pit")
	mustExec(t, db, "CREATE TABLE dbo.orders (id int NOT NULL PRIMARY KEY, qty int NOT NULL)")
	mustExec(t, db, "INSERT dbo.orders VALUES (1, 10), (2, 20), (3, 30)")
	mustExec(t, master, "BACKUP DATABASE pit TO DISK = "+file("pit.bak")+" WITH INIT")
	mustExec(t, db, "BEGIN TRAN RaiseQty WITH MARK 'raise every quantity'; UPDATE dbo.orders SET qty = qty + 1; COMMIT TRAN RaiseQty")
	var noted string
	if err := db.QueryRow("SELECT CONVERT(varchar(27), SYSDATETIME(), 121)").Scan(&noted); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, "DELETE dbo.orders WHERE id <= 2") // the bad DELETE
	mustExec(t, db, "INSERT dbo.orders VALUES (4, 40)")
	mustExec(t, master, "BACKUP LOG pit TO DISK = "+file("pit.trn")+" WITH INIT")

	var mark string
	if err := master.QueryRow("SELECT mark_name + '|' + description FROM msdb.dbo.logmarkhistory WHERE database_name = 'pit'").Scan(&mark); err != nil || mark != "RaiseQty|raise every quantity" {
		t.Errorf("msdb.dbo.logmarkhistory: %q, %v", mark, err)
	}
	for _, c := range []struct{ name, stop, want string }{
		{"pit_time", "STOPAT = '" + noted + "'", "1:11 2:21 3:31"},
		{"pit_mark", "STOPBEFOREMARK = 'RaiseQty'", "1:10 2:20 3:30"},
	} {
		mustExec(t, master, "RESTORE DATABASE "+c.name+" FROM DISK = "+file("pit.bak")+" WITH NORECOVERY")
		mustExec(t, master, "RESTORE LOG "+c.name+" FROM DISK = "+file("pit.trn")+" WITH RECOVERY, "+c.stop)
		rows, err := master.Query("SELECT CONVERT(varchar(10), id) + ':' + CONVERT(varchar(10), qty) FROM " + c.name + ".dbo.orders ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var r string
			if err := rows.Scan(&r); err != nil {
				t.Fatal(err)
			}
			got = append(got, r)
		}
		rows.Close()
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s (%s): rows %q, want %q", c.name, c.stop, strings.Join(got, " "), c.want)
		}
	}
	// A point beyond the log backup leaves the copy restoring.
	mustExec(t, master, "RESTORE DATABASE pit_later FROM DISK = "+file("pit.bak")+" WITH NORECOVERY")
	mustExec(t, master, "RESTORE LOG pit_later FROM DISK = "+file("pit.trn")+" WITH RECOVERY, STOPAT = '2999-12-31'")
	var state string
	if err := master.QueryRow("SELECT state_desc FROM sys.databases WHERE name = 'pit_later'").Scan(&state); err != nil || state != "RESTORING" {
		t.Errorf("STOPAT after the log backup: %q, %v; want RESTORING", state, err)
	}
}
