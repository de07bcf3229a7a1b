package mirroring_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// events reads dbo.events on s as id → written_on, and checks that the
// secondary index ix_written_on counts the same rows as the table.
func (c *cluster) events(s *harness.Server) map[int]string {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	rows, err := c.master(s).QueryContext(ctx, "SELECT id, written_on FROM "+dbName+".dbo.events")
	if err != nil {
		c.t.Fatalf("%s: read events: %v; %s", s.Name, err, c.describe())
	}
	defer rows.Close()
	out := map[int]string{}
	for rows.Next() {
		var id int
		var on string
		if err := rows.Scan(&id, &on); err != nil {
			c.t.Fatal(err)
		}
		out[id] = on
	}
	if err := rows.Err(); err != nil {
		c.t.Fatal(err)
	}
	var viaIndex int
	if err := c.master(s).QueryRowContext(ctx, "SELECT COUNT(*) FROM "+dbName+".dbo.events WITH (INDEX(ix_written_on))").Scan(&viaIndex); err != nil {
		c.t.Fatalf("%s: count through ix_written_on: %v", s.Name, err)
	}
	if viaIndex != len(out) {
		c.t.Errorf("%s: ix_written_on counts %d rows, the table %d", s.Name, viaIndex, len(out))
	}
	return out
}

// TestReviewForcedServiceDivergentRows (review, issues #4 #6): under SAFETY
// OFF the mirror freezes (SIGSTOP) while writers go on committing on the
// principal, so the principal's log runs ahead of anything the mirror got;
// then the principal dies (SIGKILL), the mirror is restarted and forced into
// service (FORCE_SERVICE_ALLOW_DATA_LOSS), and the new principal writes rows
// of its own — among them ids the old principal had written in its lost
// tail, with other values. When the old principal comes back it must take
// the MIRROR role, SUSPENDED, and after RESUME and a failover back it must
// hold exactly the forced principal's rows and values: its divergent tail
// must not come back, whole or in part (table or secondary index).
func TestReviewForcedServiceDivergentRows(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	c.mustExec(p, "USE "+dbName+"; CREATE INDEX ix_written_on ON dbo.events (written_on)")
	c.mustAlter(p, "SET PARTNER SAFETY OFF")
	c.waitRow(m, "SAFETY OFF", func(r mirroringRow) bool { return r.Safety == "OFF" })
	const base, n = 1_000_000, 4
	w := startPinnedWriters(t, p.DSN(dbName, "connection timeout=3", "dial timeout=2"), n, base)
	time.Sleep(1 * time.Second)
	m.Pause()
	time.Sleep(1500 * time.Millisecond) // the divergent tail: commits the mirror cannot receive
	p.Kill()
	w.stop()
	m.Kill()
	onOldPrincipal := len(w.acks)

	m.Restart()
	c.waitState(m, "DISCONNECTED")
	c.mustAlter(m, "SET PARTNER FORCE_SERVICE_ALLOW_DATA_LOSS")
	c.waitRole(m, "PRINCIPAL", "")
	kept := c.events(m)
	// The forced principal's own rows: the ids the old principal
	// acknowledged last (its tail, unless the mirror had them) written
	// again with another value, and new ids.
	var acked []int
	for id := range w.acks {
		acked = append(acked, id)
	}
	sort.Ints(acked)
	var rewritten, lostTail int
	for _, id := range acked[len(acked)-min(len(acked), 200):] {
		if _, ok := kept[id]; ok {
			continue
		}
		lostTail++
		if rewritten < 50 {
			c.mustExec(m, fmt.Sprintf("INSERT INTO %s.dbo.events (id, written_on) VALUES (%d, 'forced')", dbName, id))
			rewritten++
		}
	}
	if lostTail == 0 {
		t.Fatalf("the forced principal has every one of the %d acknowledged rows: no divergent tail to test (the mirror was frozen)", onOldPrincipal)
	}
	c.insertEvents(m, 5_000_000, 5_000_020)
	want := c.events(m)

	p.Restart()
	if _, ok := c.tryWaitRow(p, func(r mirroringRow) bool { return r.Role == "MIRROR" }); !ok {
		t.Fatalf("old principal does not take the MIRROR role after forced service; %s", c.describe())
	}
	c.mustAlter(m, "SET PARTNER RESUME")
	c.waitRole(m, "PRINCIPAL", "SYNCHRONIZED")
	c.waitRole(p, "MIRROR", "SYNCHRONIZED")
	// A SessionAccept the old principal sent while SUSPENDED, crossing the
	// RESUME, once made the new principal find no common point with the uncut
	// tail (1412) and suspend again (session 12, h6); the accept now describes
	// the log up to the fork point only (partner acceptSession).
	if strings.Contains(m.Output(), "error=1412") {
		t.Errorf("the new principal reported 1412 (no common point) after RESUME; %s", c.describe())
	}
	c.mustAlter(m, "SET PARTNER SAFETY FULL") // FAILOVER needs it (1477)
	c.manualFailover(m, p)
	got := c.events(p)
	var back, differ, gone []int
	for id, on := range got {
		v, ok := want[id]
		switch {
		case !ok:
			back = append(back, id)
		case v != on:
			differ = append(differ, id)
		}
	}
	for id := range want {
		if _, ok := got[id]; !ok {
			gone = append(gone, id)
		}
	}
	sort.Ints(back)
	sort.Ints(differ)
	sort.Ints(gone)
	if len(back)+len(differ)+len(gone) > 0 {
		t.Errorf("old principal after failing back: %d rows of its divergent tail came back %v, %d rows with the old value %v, %d of the forced principal's rows missing %v",
			len(back), head(back), len(differ), head(differ), len(gone), head(gone))
	}
	t.Logf("%d rows acknowledged by the old principal, %d of its last 200 lost with its tail (%d written again as 'forced')", onOldPrincipal, lostTail, rewritten)
}
