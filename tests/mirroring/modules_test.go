package mirroring_test

import (
	"context"
	"testing"
	"time"
)

// TestModulesSurviveFailover: a scalar function, an inline table-valued
// function, a trigger and a sequence created on the principal live in the
// database catalog, hence in the log: after a manual failover the new
// principal runs them, and the sequence continues after the block of 50
// values the old principal reserved in the log (as SQL Server's sequence
// cache: values may be skipped on failover, never repeated).
func TestModulesSurviveFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	cur, oth := c.principal, c.mirror
	c.mustExec(cur, `USE `+dbName+`
GO
CREATE FUNCTION dbo.twice (@x int) RETURNS int AS BEGIN RETURN @x * 2 END
GO
CREATE FUNCTION dbo.upto (@n int) RETURNS TABLE AS RETURN (SELECT k FROM dbo.kv WHERE k <= @n)
GO
CREATE TABLE dbo.audit (k int)
GO
CREATE TRIGGER dbo.kv_ins ON dbo.kv AFTER INSERT AS INSERT dbo.audit SELECT k FROM inserted
GO
CREATE SEQUENCE dbo.seq START WITH 100
GO
SELECT NEXT VALUE FOR dbo.seq`)
	c.manualFailover(cur, oth)

	db := oth.DB(dbName)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "INSERT dbo.kv (k, v) VALUES (4, 0)"); err != nil {
		t.Fatalf("INSERT on the new principal %s: %v", oth.Name, err)
	}
	tests := []struct {
		name, query string
		want        int64
	}{
		{"scalar function", "SELECT dbo.twice(21)", 42},
		{"inline table-valued function", "SELECT COUNT(*) FROM dbo.upto(3)", 3},
		{"trigger fired", "SELECT COUNT(*) FROM dbo.audit WHERE k = 4", 1},
		{"sequence continues", "SELECT NEXT VALUE FOR dbo.seq", 150},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got int64
			if err := db.QueryRowContext(ctx, tt.query).Scan(&got); err != nil {
				t.Fatalf("%s on %s: %v", tt.query, oth.Name, err)
			}
			if got != tt.want {
				t.Errorf("%s on %s = %d, want %d", tt.query, oth.Name, got, tt.want)
			}
		})
	}
}
