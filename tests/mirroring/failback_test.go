package mirroring_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestFailbackAfterLoad: after the principal has committed a load, a manual
// failover and the failback both reach a first write on the new principal, and
// every row is there once. It is the end-to-end check of the former principal's
// redo position (engine Database.MarkApplied): before it, the old principal
// replayed every transaction it had committed itself before it could become
// principal again, and the first failback after docs/benchmarks.md's load
// took about 1.4 s. Times are logged, not asserted.
func TestFailbackAfterLoad(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	txns, perTxn := 20, 500
	if long() {
		txns = 200
	}
	var b strings.Builder
	for i := 0; i < txns; i++ {
		b.Reset()
		fmt.Fprintf(&b, "BEGIN TRAN; DECLARE @i int = 0; WHILE @i < %d BEGIN INSERT INTO %s.dbo.events (id, written_on) VALUES (%d + @i, @@SERVERNAME); SET @i += 1 END; COMMIT",
			perTxn, dbName, 1_000_000+i*perTxn)
		if err := c.exec(p, b.String()); err != nil {
			t.Fatalf("load transaction %d: %v", i, err)
		}
	}
	rows := txns * perTxn
	for i, hop := range [][2]int{{0, 1}, {1, 0}, {0, 1}} {
		cur, next := p, m
		if hop[0] == 1 {
			cur, next = m, p
		}
		c.waitRole(cur, "PRINCIPAL", "SYNCHRONIZED")
		c.waitRole(next, "MIRROR", "SYNCHRONIZED")
		start := time.Now()
		c.mustAlter(cur, "SET PARTNER FAILOVER")
		id := i + 1
		for {
			err := c.tryInsert(next, id)
			if err == nil {
				break
			}
			if time.Since(start) > failoverBound {
				t.Fatalf("failover %d: %s accepted no write: %v; %s", i+1, next.Name, err, c.describe())
			}
		}
		rows++
		t.Logf("failover %d after %d loaded rows: %s → %s, ALTER → first write %v", i+1, txns*perTxn, cur.Name, next.Name, time.Since(start).Round(time.Millisecond))
		if n, err := c.count(next, "events"); err != nil || n != rows {
			t.Fatalf("failover %d: %d rows on %s (%v), want %d", i+1, n, next.Name, err, rows)
		}
	}
}
