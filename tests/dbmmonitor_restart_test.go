package tests

import (
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestMonitorSurvivesRestart: the database mirroring monitor's setup — the
// "Database Mirroring Monitor Job" with its update period and a database's
// thresholds — lives in msdb (msdb.dbo.sysjobs, msdb.dbo.dbm_monitor_alerts),
// as SQL Server keeps it (reference §4.1, §4.3), so a DBA's setup script
// runs once and a restart, even a kill, keeps it.
func TestMonitorSurvivesRestart(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "dbmmonitor"})
	db := srv.DB("master")
	mustExec(t, db, "CREATE DATABASE watched")
	// Before sp_dbmmonitorupdate has made msdb's tables there is nothing to
	// read (32041).
	if _, err := db.Exec("EXEC msdb..sp_dbmmonitorresults N'watched'"); err == nil || !strings.Contains(err.Error(), "(32041)") {
		t.Errorf("sp_dbmmonitorresults before any update: %v, want error 32041", err)
	}
	mustExec(t, db, "EXEC sp_dbmmonitoraddmonitoring 7")
	mustExec(t, db, "EXEC sp_dbmmonitorchangealert N'watched', 2, 512, 1")
	mustExec(t, db, "EXEC sp_dbmmonitorchangealert N'watched', 5, 48")
	srv.Kill()
	srv.Restart()
	db = srv.DB("master")

	var period int
	if err := db.QueryRow("EXEC sp_dbmmonitorhelpmonitoring").Scan(&period); err != nil || period != 7 {
		t.Errorf("update period after restart: %d (%v), want 7", period, err)
	}
	var job string
	if err := db.QueryRow("SELECT name FROM msdb.dbo.sysjobs WHERE name = N'Database Mirroring Monitor Job'").Scan(&job); err != nil {
		t.Errorf("msdb.dbo.sysjobs: %v, want the monitor job", err)
	}
	for _, tc := range []struct {
		alert, threshold int
		enabled          bool
	}{{2, 512, true}, {5, 48, true}} {
		var id, th int
		var en bool
		if err := db.QueryRow("EXEC sp_dbmmonitorhelpalert N'watched', @p1", tc.alert).Scan(&id, &th, &en); err != nil || th != tc.threshold || en != tc.enabled {
			t.Errorf("alert %d after restart: threshold %d enabled %v (%v), want %d %v", tc.alert, th, en, err, tc.threshold, tc.enabled)
		}
	}
	var sendQueue int
	if err := db.QueryRow("SELECT send_queue FROM msdb.dbo.dbm_monitor_alerts WHERE database_id = DB_ID(N'watched')").Scan(&sendQueue); err != nil || sendQueue != 512 {
		t.Errorf("msdb.dbo.dbm_monitor_alerts.send_queue = %d (%v), want 512", sendQueue, err)
	}

	mustExec(t, db, "EXEC sp_dbmmonitordropmonitoring")
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM msdb.dbo.sysjobs WHERE name = N'Database Mirroring Monitor Job'").Scan(&n); err != nil || n != 0 {
		t.Errorf("jobs after sp_dbmmonitordropmonitoring: %d (%v), want 0", n, err)
	}
}
