package tests

import (
	"errors"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestDDLTriggerSurvivesRestart: a database-scoped DDL trigger is catalog
// state that rides the log like any module: after a SIGKILL restart it is
// still in sys.triggers (disabled state included) and still fires — its
// ROLLBACK undoes the DROP TABLE and ends the batch with 3609.
func TestDDLTriggerSurvivesRestart(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "ddltrg"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE ddltrg")
	db := srv.DB("ddltrg")
	mustExec(t, db, "CREATE TABLE dbo.keep (a int)")
	mustExec(t, db, "CREATE TRIGGER safety ON DATABASE FOR DROP_TABLE, ALTER_TABLE AS PRINT 'no'; ROLLBACK;")
	mustExec(t, db, "CREATE TRIGGER audit ON DATABASE FOR DDL_DATABASE_LEVEL_EVENTS AS PRINT 'audit'")
	mustExec(t, db, "DISABLE TRIGGER audit ON DATABASE")
	srv.Kill()
	srv.Restart()
	db = srv.DB("ddltrg")
	rows, err := db.Query("SELECT name, parent_class_desc, is_disabled FROM sys.triggers ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var name, parent string
		var disabled bool
		if err := rows.Scan(&name, &parent, &disabled); err != nil {
			t.Fatal(err)
		}
		if disabled {
			name += " (disabled)"
		}
		got = append(got, name+" "+parent)
	}
	rows.Close()
	if len(got) != 2 || got[0] != "audit (disabled) DATABASE" || got[1] != "safety DATABASE" {
		t.Fatalf("sys.triggers after restart = %q, want audit (disabled) and safety, both DATABASE", got)
	}
	_, err = db.Exec("DROP TABLE dbo.keep")
	var me mssql.Error
	if !errors.As(err, &me) || me.All[len(me.All)-1].Number != 3609 {
		t.Fatalf("DROP TABLE after restart: %v, want 3609", err)
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM sys.tables WHERE name = 'keep'").Scan(&n); err != nil || n != 1 {
		t.Fatalf("table after the rolled-back DROP: %d (%v), want 1", n, err)
	}
}
