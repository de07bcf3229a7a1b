package mirroring_test

import (
	"context"
	"testing"
	"time"
)

// TestDropRevertedAfterForcedService (issues #4, #6): DDL that drops storage
// in a former principal's divergent tail — DROP TABLE, TRUNCATE TABLE, DROP
// INDEX committed while the mirror was down — is undone when the old
// principal rejoins as mirror after forced service, with its data: the
// engine performs a drop only once the mirror has hardened it. After failing
// back, the old principal serves the tables and index as the new principal's
// log has them.
func TestDropRevertedAfterForcedService(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	c.mustExec(p, "USE "+dbName+"; CREATE TABLE dt (k int PRIMARY KEY, v varchar(10)); INSERT dt VALUES (1,'a'),(2,'b'); "+
		"CREATE TABLE tt (k int PRIMARY KEY, v varchar(10)); CREATE INDEX ix_v ON tt (v); INSERT tt VALUES (1,'a'),(2,'b'),(3,'c')")
	c.waitRole(p, "PRINCIPAL", "SYNCHRONIZED")

	// The divergent tail: the mirror is gone, the principal runs exposed.
	m.Kill()
	c.waitState(p, "DISCONNECTED")
	c.mustExec(p, "USE "+dbName+"; DROP TABLE dt; DROP INDEX ix_v ON tt")
	c.mustExec(p, "USE "+dbName+"; TRUNCATE TABLE tt")
	c.mustExec(p, "CHECKPOINT") // a reclaim pass: the mirror has hardened none of it
	p.Kill()

	m.Restart()
	c.waitState(m, "DISCONNECTED")
	c.mustAlter(m, "SET PARTNER FORCE_SERVICE_ALLOW_DATA_LOSS")
	c.waitRole(m, "PRINCIPAL", "")
	c.mustExec(m, "USE "+dbName+"; INSERT tt VALUES (4,'d')")

	p.Restart()
	if _, ok := c.tryWaitRow(p, func(r mirroringRow) bool { return r.Role == "MIRROR" }); !ok {
		t.Fatalf("old principal does not take the MIRROR role; %s", c.describe())
	}
	c.mustAlter(m, "SET PARTNER RESUME")
	c.waitRole(m, "PRINCIPAL", "SYNCHRONIZED")
	c.waitRole(p, "MIRROR", "SYNCHRONIZED")
	c.mustAlter(m, "SET PARTNER FAILOVER")
	c.waitRole(p, "PRINCIPAL", "")

	queries := []struct{ query, want string }{
		{"SELECT COUNT(*) FROM " + dbName + ".dbo.dt", "2"},
		{"SELECT COUNT(*) FROM " + dbName + ".dbo.tt", "4"},
		{"SELECT COUNT(*) FROM " + dbName + ".dbo.tt WITH (INDEX(ix_v)) WHERE v IN ('b','d')", "2"},
	}
	for _, q := range queries {
		var got string
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := c.master(p).QueryRowContext(ctx, q.query).Scan(&got)
		cancel()
		if err != nil || got != q.want {
			t.Errorf("%s on the old principal after failing back: %s (%v), want %s", q.query, got, err, q.want)
		}
	}
	if t.Failed() {
		t.Log(c.describe())
	}
}
