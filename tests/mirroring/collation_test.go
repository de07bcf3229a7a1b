package mirroring_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestDatabaseCollationFollowsFailover: ALTER DATABASE … COLLATE on the
// principal is a catalog change logged like any DDL, so the mirror's redo
// carries it: after a failover the new principal's database has the new
// default collation, its literals compare under it and its metadata (a
// catalog view's names) too (issue #5).
func TestDatabaseCollationFollowsFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	c.mustExec(p, fmt.Sprintf(`ALTER DATABASE %[1]s SET SINGLE_USER WITH ROLLBACK IMMEDIATE
GO
ALTER DATABASE %[1]s COLLATE Latin1_General_CS_AS
GO
ALTER DATABASE %[1]s SET MULTI_USER`, dbName))
	c.manualFailover(p, m)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	got, err := harness.QueryString(ctx, m.DB(dbName), `SELECT CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS nvarchar(128))
  + CASE WHEN 'a' = 'A' THEN ' literals ci' ELSE ' literals cs' END
  + CASE WHEN EXISTS (SELECT 1 FROM sys.tables WHERE name = 'KV') THEN ' names ci' ELSE ' names cs' END`)
	if want := "Latin1_General_CS_AS literals cs names cs"; err != nil || got != want {
		t.Fatalf("new principal after ALTER DATABASE … COLLATE and a failover: %q, %v; want %q", got, err, want)
	}
}
