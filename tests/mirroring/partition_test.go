package mirroring_test

import (
	"testing"
)

// TestPartitioningSurvivesFailover: partition functions and schemes, a
// table placed on one and a SPLIT RANGE are DDL in the log: after a manual
// failover the new principal has the same function (boundaries), scheme
// (destinations) and partitioned table, and places rows as the old one did.
func TestPartitioningSurvivesFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	cur, oth := c.principal, c.mirror
	c.mustExec(cur, "USE "+dbName+`
GO
CREATE PARTITION FUNCTION pfMirr (int) AS RANGE LEFT FOR VALUES (10, 20)
CREATE PARTITION SCHEME psMirr AS PARTITION pfMirr ALL TO ([PRIMARY])
GO
CREATE TABLE dbo.pmirr (k int NOT NULL PRIMARY KEY, v int) ON psMirr (k)
INSERT dbo.pmirr VALUES (5, 1), (15, 2), (25, 3), (35, 4)
ALTER PARTITION FUNCTION pfMirr() SPLIT RANGE (30)`)
	c.manualFailover(cur, oth)

	db := oth.DB(dbName)
	var bounds, rows, scheme string
	var p int
	err := db.QueryRow(`SELECT
  (SELECT STRING_AGG(CAST(v.value AS varchar(10)), ',') WITHIN GROUP (ORDER BY v.boundary_id)
     FROM sys.partition_range_values v JOIN sys.partition_functions f ON f.function_id = v.function_id WHERE f.name = 'pfMirr'),
  (SELECT STRING_AGG(CAST(p.rows AS varchar(10)), ',') WITHIN GROUP (ORDER BY p.partition_number)
     FROM sys.partitions p WHERE p.object_id = OBJECT_ID('dbo.pmirr') AND p.index_id = 1),
  (SELECT s.name + ':' + CAST(COUNT(*) AS varchar(10)) FROM sys.partition_schemes s
     JOIN sys.destination_data_spaces d ON d.partition_scheme_id = s.data_space_id GROUP BY s.name),
  $PARTITION.pfMirr(31)`).Scan(&bounds, &rows, &scheme, &p)
	if err != nil {
		t.Fatalf("on %s after failover: %v", oth.Name, err)
	}
	// ALL TO keeps PRIMARY as the next used filegroup: one destination more.
	if bounds != "10,20,30" || rows != "1,1,1,1" || scheme != "psMirr:5" || p != 4 {
		t.Errorf("on %s after failover: boundaries %q, rows %q, scheme %q, $PARTITION(31) %d; want 10,20,30 / 1,1,1,1 / psMirr:5 / 4",
			oth.Name, bounds, rows, scheme, p)
	}
	if _, err := db.Exec("INSERT dbo.pmirr VALUES (45, 5)"); err != nil {
		t.Fatalf("insert on the new principal: %v", err)
	}
}
