package tests

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestExtendedPropertiesSurviveKill: an extended property is part of the
// database's logged catalog, so an acknowledged sp_addextendedproperty
// (and an update) survives SIGKILL and restart, with its sql_variant
// value and type.
func TestExtendedPropertiesSurviveKill(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "extprops"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE ep")
	db := srv.DB("ep")
	mustExec(t, db, "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v nvarchar(10) NULL)")
	mustExec(t, db, "EXEC sp_addextendedproperty N'MS_Description', N'the table', N'SCHEMA', N'dbo', N'TABLE', N't'")
	mustExec(t, db, "EXEC sp_addextendedproperty N'MS_Description', N'a value', N'SCHEMA', N'dbo', N'TABLE', N't', N'COLUMN', N'v'")
	mustExec(t, db, "EXEC sp_updateextendedproperty N'MS_Description', N'the value', N'SCHEMA', N'dbo', N'TABLE', N't', N'COLUMN', N'v'")
	mustExec(t, db, "EXEC sp_addextendedproperty N'Level', 7")
	srv.Kill()
	srv.Restart()
	rows, err := srv.DB("ep").Query("SELECT class, minor_id, name, CAST(value AS nvarchar(50)), CAST(SQL_VARIANT_PROPERTY(value, 'BaseType') AS sysname) FROM sys.extended_properties ORDER BY class, minor_id")
	if err != nil {
		t.Fatal(err)
	}
	got := readAllSets(t, rows)
	want := [][]string{{"0", "0", "Level", "7", "int"}, {"1", "0", "MS_Description", "the table", "nvarchar"}, {"1", "2", "MS_Description", "the value", "nvarchar"}}
	if len(got) != 1 || len(got[0]) != len(want) {
		t.Fatalf("after SIGKILL and restart: %v, want %v", got, want)
	}
	for i, r := range want {
		for j, v := range r {
			if got[0][i][j] != v {
				t.Errorf("row %d column %d = %q, want %q (rows %v)", i, j, got[0][i][j], v, got[0])
			}
		}
	}
}
