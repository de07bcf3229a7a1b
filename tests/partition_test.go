package tests

import (
	"errors"
	"path/filepath"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestPartitioningAcrossRestartAndRestore: partition functions, schemes
// and the placement of a table on one are catalog DDL, so they survive
// SIGKILL and a restart, a SPLIT made before the kill included, and come
// back with BACKUP/RESTORE under another name; SWITCH moves rows in the
// transaction, so they too survive the kill. SWITCH's messages name the
// tables database.schema.table.
func TestPartitioningAcrossRestartAndRestore(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "partdb"})
	master := srv.DB("master")
	mustExec(t, master, "CREATE DATABASE pt")
	pt := srv.DB("pt")
	mustExec(t, pt, `CREATE PARTITION FUNCTION pfK (int) AS RANGE RIGHT FOR VALUES (100, 200)
CREATE PARTITION SCHEME psK AS PARTITION pfK ALL TO ([PRIMARY])`)
	mustExec(t, pt, "CREATE TABLE dbo.t (k int NOT NULL, v int NULL, CONSTRAINT pk_t PRIMARY KEY (k)) ON psK (k)")
	mustExec(t, pt, "CREATE TABLE dbo.stage (k int NOT NULL, v int NULL, CONSTRAINT pk_stage PRIMARY KEY (k))")
	mustExec(t, pt, "INSERT dbo.t VALUES (1, 1), (150, 2), (160, 3), (250, 4)")
	mustExec(t, pt, "ALTER PARTITION FUNCTION pfK() SPLIT RANGE (300)")
	_, err := pt.Exec("ALTER TABLE dbo.t SWITCH PARTITION 2 TO dbo.t")
	var me mssql.Error
	if !errors.As(err, &me) || me.Number != 4955 || me.Message != "ALTER TABLE SWITCH statement failed. The source table 'pt.dbo.t' and target table 'pt.dbo.t' are same." {
		t.Fatalf("SWITCH to itself: %v, want 4955 naming pt.dbo.t", err)
	}
	mustExec(t, pt, "ALTER TABLE dbo.t SWITCH PARTITION 2 TO dbo.stage")

	check := func(t *testing.T, dbName string) {
		t.Helper()
		db := srv.DB(dbName)
		var bounds, rows string
		var p int
		err := db.QueryRow(`SELECT
  (SELECT STRING_AGG(CAST(v.value AS varchar(10)), ',') WITHIN GROUP (ORDER BY v.boundary_id)
     FROM sys.partition_range_values v JOIN sys.partition_functions f ON f.function_id = v.function_id WHERE f.name = 'pfK'),
  (SELECT STRING_AGG(CAST(p.rows AS varchar(10)), ',') WITHIN GROUP (ORDER BY p.partition_number)
     FROM sys.partitions p JOIN sys.indexes i ON i.object_id = p.object_id AND i.index_id = p.index_id
     JOIN sys.partition_schemes s ON s.data_space_id = i.data_space_id
     WHERE p.object_id = OBJECT_ID('dbo.t') AND p.index_id = 1 AND s.name = 'psK'),
  $PARTITION.pfK(350)`).Scan(&bounds, &rows, &p)
		if err != nil {
			t.Fatal(err)
		}
		if bounds != "100,200,300" || rows != "1,0,1,0" || p != 4 {
			t.Errorf("%s: boundaries %q, rows per partition %q, $PARTITION(350) %d; want 100,200,300 / 1,0,1,0 / 4", dbName, bounds, rows, p)
		}
		var staged int
		if err := db.QueryRow("SELECT COUNT(*) FROM dbo.stage WHERE k BETWEEN 100 AND 199").Scan(&staged); err != nil || staged != 2 {
			t.Errorf("%s: %d rows switched out, %v; want 2", dbName, staged, err)
		}
	}
	check(t, "pt")
	srv.Kill()
	srv.Restart()
	check(t, "pt")

	file := filepath.Join(t.TempDir(), "pt.bak")
	master = srv.DB("master")
	mustExec(t, master, "BACKUP DATABASE pt TO DISK = '"+file+"'")
	mustExec(t, master, "RESTORE DATABASE pt2 FROM DISK = '"+file+"'")
	check(t, "pt2")
}
