package mirroring_test

import (
	"testing"
)

// TestClusteredIndexSurvivesFailover: a non-unique clustered index made on
// a heap with rows (the rows move onto the key plus a uniquifier, the
// nonclustered index is rebuilt), writes through it, and DROP INDEX of
// another table's clustered index are redone on the mirror: after a manual
// failover the new principal has the same indexes and rows in key order,
// DBCC finds nothing, and a new duplicate goes after the others.
func TestClusteredIndexSurvivesFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	cur, oth := c.principal, c.mirror
	c.mustExec(cur, "USE "+dbName+`
GO
CREATE TABLE dbo.ev (id int NOT NULL, day int NOT NULL, note varchar(10) NULL)
INSERT dbo.ev VALUES (1, 2, 'a'), (2, 1, 'b'), (3, 2, 'c'), (4, 1, 'd')
CREATE INDEX ix_note ON dbo.ev (note)
CREATE CLUSTERED INDEX cx_day ON dbo.ev (day)
INSERT dbo.ev VALUES (5, 2, 'e')
UPDATE dbo.ev SET day = 1 WHERE id = 3
CREATE TABLE dbo.gone (k int, v int)
CREATE CLUSTERED INDEX cx_k ON dbo.gone (k)
INSERT dbo.gone VALUES (1, 1), (1, 2)
DROP INDEX cx_k ON dbo.gone`)
	c.manualFailover(cur, oth)

	db := oth.DB(dbName)
	var indexes, order, viaNote, gone string
	err := db.QueryRow(`SELECT
  (SELECT STRING_AGG(ISNULL(name, '-') + ':' + CAST(index_id AS varchar(10)) + ':' + type_desc, ',') WITHIN GROUP (ORDER BY index_id)
     FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.ev')),
  (SELECT STRING_AGG(CAST(id AS varchar(10)), ',') FROM dbo.ev),
  (SELECT STRING_AGG(CAST(id AS varchar(10)), ',') FROM dbo.ev WITH (INDEX(ix_note)) WHERE note IN ('c', 'e')),
  (SELECT STRING_AGG(type_desc, ',') FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.gone')) + ':' + (SELECT CAST(COUNT(*) AS varchar(10)) FROM dbo.gone)`).
		Scan(&indexes, &order, &viaNote, &gone)
	if err != nil {
		t.Fatalf("on %s after failover: %v", oth.Name, err)
	}
	if indexes != "cx_day:1:CLUSTERED,ix_note:2:NONCLUSTERED" || order != "2,4,3,1,5" || viaNote != "3,5" || gone != "HEAP:2" {
		t.Errorf("on %s after failover: indexes %q, rows %q, through ix_note %q, dbo.gone %q; want cx_day:1:CLUSTERED,ix_note:2:NONCLUSTERED / 2,4,3,1,5 / 3,5 / HEAP:2",
			oth.Name, indexes, order, viaNote, gone)
	}
	if _, err := db.Exec("DBCC CHECKTABLE ('dbo.ev') WITH NO_INFOMSGS"); err != nil {
		t.Errorf("DBCC CHECKTABLE on the new principal: %v", err)
	}
	if _, err := db.Exec("INSERT dbo.ev VALUES (6, 1, 'f')"); err != nil {
		t.Fatalf("insert on the new principal: %v", err)
	}
	var day1 string
	if err := db.QueryRow("SELECT STRING_AGG(CAST(id AS varchar(10)), ',') FROM dbo.ev WHERE day = 1").Scan(&day1); err != nil || day1 != "2,4,3,6" {
		t.Errorf("a new duplicate on the new principal: %q, %v; want 2,4,3,6", day1, err)
	}
}
