package mirroring_test

import (
	"testing"
)

// TestIndexDisableSurvivesFailover: ALTER INDEX … DISABLE of a nonclustered
// and of a clustered index, and rows written past the disabled index, are
// redone on the mirror: after a manual failover the new principal has the
// same flags, refuses the table whose clustered index is disabled (8655),
// and REBUILD enables the nonclustered index with every row in it.
func TestIndexDisableSurvivesFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	cur, oth := c.principal, c.mirror
	c.mustExec(cur, "USE "+dbName+`
GO
CREATE TABLE dbo.p (id int CONSTRAINT pk_p PRIMARY KEY, a int NULL)
CREATE INDEX ix_a ON dbo.p (a)
INSERT dbo.p VALUES (1, 10), (2, 20)
ALTER INDEX ix_a ON dbo.p DISABLE
INSERT dbo.p VALUES (3, 20)
CREATE TABLE dbo.off (id int CONSTRAINT pk_off PRIMARY KEY)
ALTER INDEX pk_off ON dbo.off DISABLE`)
	c.manualFailover(cur, oth)

	db := oth.DB(dbName)
	var flags string
	if err := db.QueryRow(`SELECT STRING_AGG(name + ':' + CAST(is_disabled AS varchar(1)), ',') WITHIN GROUP (ORDER BY object_id, index_id)
  FROM sys.indexes WHERE object_id IN (OBJECT_ID('dbo.p'), OBJECT_ID('dbo.off'))`).Scan(&flags); err != nil {
		t.Fatalf("on %s after failover: %v", oth.Name, err)
	}
	if flags != "pk_p:0,ix_a:1,pk_off:1" {
		t.Errorf("is_disabled on %s after failover: %q, want pk_p:0,ix_a:1,pk_off:1", oth.Name, flags)
	}
	if _, err := db.Exec("SELECT * FROM dbo.off"); errNumber(err) != 8655 {
		t.Errorf("reading the table whose clustered index is disabled: %v, want 8655", err)
	}
	if _, err := db.Exec("ALTER INDEX ix_a ON dbo.p REBUILD"); err != nil {
		t.Fatalf("REBUILD on the new principal: %v", err)
	}
	var ids string
	if err := db.QueryRow("SELECT STRING_AGG(CAST(id AS varchar(10)), ',') WITHIN GROUP (ORDER BY id) FROM dbo.p WHERE a = 20").Scan(&ids); err != nil || ids != "2,3" {
		t.Errorf("through the rebuilt ix_a: %q, %v; want 2,3", ids, err)
	}
}
