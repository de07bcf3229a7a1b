package mirroring_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestMirrorSnapshot: reading a mirror the way SQL Server allows, through a
// database snapshot (§1.15). While an application keeps inserting on the
// principal, a snapshot created on the mirror shows every row acknowledged
// before CREATE DATABASE and none acknowledged after it returned (at most
// the one insert in flight), and keeps showing exactly that while redo goes
// on; a second snapshot shows more. Writes to it fail with 3906, the mirror
// database itself stays unreadable (954), a snapshot is refused while the
// session is SUSPENDED (1822). It survives a kill -9 and restart of the
// mirror, and a manual failover: it stays on its instance, now the
// principal, with the same rows (and cannot be reverted to: 3104); the new
// mirror takes snapshots in turn.
func TestMirrorSnapshot(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	w := startWriter(t, c.failoverDSN(p), 1)
	w.waitAckBy(time.Time{}, p.Name, 30*time.Second)
	c.waitFor("50 rows acknowledged", 60*time.Second, func() (bool, error) { return w.count() >= 50, nil })

	snap1 := c.snapshotOn(m, "snap1", w)
	c.waitFor("100 more rows acknowledged", 60*time.Second, func() (bool, error) { return w.count() >= len(snap1)+100, nil })
	if again := c.snapshotIDs(m, "snap1"); !maps.Equal(again, snap1) {
		t.Fatalf("snap1 changed while redo went on: %d rows, then %d", len(snap1), len(again))
	}
	snap2 := c.snapshotOn(m, "snap2", w)
	if len(snap2) <= len(snap1) {
		t.Fatalf("a later snapshot shows %d rows, snap1 %d: want more", len(snap2), len(snap1))
	}

	t.Run("read-only", func(t *testing.T) {
		c := c.in(t)
		for _, q := range []string{
			"INSERT INTO snap1.dbo.events (id, written_on) VALUES (-1, 'x')",
			"UPDATE snap1.dbo.kv SET v = v + 1",
			"CREATE TABLE snap1.dbo.nope (x int)",
		} {
			if err := c.exec(m, q); errNumber(err) != 3906 {
				t.Errorf("%s: %v, want error 3906", q, err)
			}
		}
		if _, err := c.count(m, "events"); errNumber(err) != 954 {
			t.Errorf("reading the mirror database itself: %v, want error 954", err)
		}
		var src, ro int
		if err := c.master(m).QueryRow("SELECT source_database_id, CAST(is_read_only AS int) FROM sys.databases WHERE name = 'snap1'").Scan(&src, &ro); err != nil {
			t.Fatal(err)
		}
		var mdbID int
		if err := c.master(m).QueryRow("SELECT DB_ID('" + dbName + "')").Scan(&mdbID); err != nil {
			t.Fatal(err)
		}
		if src != mdbID || ro != 1 {
			t.Errorf("sys.databases snap1: source_database_id %d (mdb is %d), is_read_only %d", src, mdbID, ro)
		}
		// A login whose connection string names the snapshot.
		var n int
		if err := m.DB("snap1").QueryRow("SELECT COUNT(*) FROM dbo.events").Scan(&n); err != nil || n != len(snap1) {
			t.Errorf("login to snap1: %d rows (%v), want %d", n, err, len(snap1))
		}
		if err := c.exec(m, "DROP DATABASE "+dbName); err == nil {
			t.Errorf("DROP DATABASE of the mirror with snapshots succeeded")
		}
	})

	t.Run("suspended", func(t *testing.T) {
		c := c.in(t)
		c.mustAlter(p, "SET PARTNER SUSPEND")
		c.waitRow(m, "mirror SUSPENDED", func(r mirroringRow) bool { return r.State == "SUSPENDED" })
		err := c.exec(m, fmt.Sprintf("CREATE DATABASE snapx ON (NAME = %[1]s, FILENAME = '/nowhere/snapx.ss') AS SNAPSHOT OF %[1]s", dbName))
		if errNumber(err) != 1822 {
			t.Errorf("snapshot of a SUSPENDED mirror: %v, want error 1822", err)
		}
		c.mustAlter(p, "SET PARTNER RESUME")
		c.waitState(p, "SYNCHRONIZED")
	})

	m.Restart()
	c.waitState(m, "SYNCHRONIZED")
	if got := c.snapshotIDs(m, "snap1"); !maps.Equal(got, snap1) {
		t.Fatalf("snap1 after the mirror's kill -9 and restart: %d rows, want %d", len(got), len(snap1))
	}

	// A reader on snap1: a role switch restarts the database and its
	// snapshots, disconnecting their users (§1.15).
	ctx := context.Background()
	reader, err := m.DB("snap1").Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	if _, err := reader.ExecContext(ctx, "SELECT COUNT(*) FROM dbo.events"); err != nil {
		t.Fatal(err)
	}
	c.manualFailover(p, m)
	w.waitAckBy(time.Now(), m.Name, failoverBound)
	if _, err := reader.ExecContext(ctx, "SELECT COUNT(*) FROM dbo.events"); err == nil {
		t.Errorf("a session in snap1 lived through the failover; want it disconnected")
	}
	for name, want := range map[string]map[int]bool{"snap1": snap1, "snap2": snap2} {
		if got := c.snapshotIDs(m, name); !maps.Equal(got, want) {
			t.Errorf("%s on the new principal after failover: %d rows, want %d", name, len(got), len(want))
		}
	}
	// SQL Server does not revert a mirrored database to a snapshot: its
	// mirror could not follow.
	if err := c.exec(m, "RESTORE DATABASE "+dbName+" FROM DATABASE_SNAPSHOT = 'snap1'"); errNumber(err) != 3104 {
		t.Errorf("revert of the mirrored principal: %v, want error 3104", err)
	}
	c.waitState(p, "SYNCHRONIZED")
	c.snapshotOn(p, "snap3", w) // the new mirror
	for _, name := range []string{"snap1", "snap2"} {
		c.mustExec(m, "DROP DATABASE "+name)
	}
	c.mustExec(p, "DROP DATABASE snap3")
}

// snapshotOn creates database snapshot name of dbName on s while w writes,
// checks it holds every row w had acknowledged before and nothing beyond
// what w had sent when CREATE returned, and returns its ids.
func (c *cluster) snapshotOn(s *harness.Server, name string, w *writer) map[int]bool {
	c.t.Helper()
	before := w.acked()
	c.mustExec(s, fmt.Sprintf("CREATE DATABASE %[1]s ON (NAME = %[2]s, FILENAME = '/nowhere/%[1]s.ss') AS SNAPSHOT OF %[2]s", name, dbName))
	after := w.acked()
	ids := c.snapshotIDs(s, name)
	if lost := missing(before, ids); len(lost) > 0 {
		c.t.Fatalf("%s on %s lacks %d rows acknowledged before it was created: %v", name, s.Name, len(lost), head(lost))
	}
	limit := 1 // the writer's one insert in flight
	if len(after) > 0 {
		limit = slices.Max(after) + 1
	}
	for id := range ids {
		if id > limit {
			c.t.Fatalf("%s on %s shows row %d, acknowledged only after it was created (last before: %d)", name, s.Name, id, limit-1)
		}
	}
	c.t.Logf("%s on %s: %d rows (%d acknowledged before CREATE, %d when it returned)", name, s.Name, len(ids), len(before), len(after))
	return ids
}

// snapshotIDs returns the ids of dbo.events in snapshot name on s.
func (c *cluster) snapshotIDs(s *harness.Server, name string) map[int]bool {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	rows, err := c.master(s).QueryContext(ctx, "SELECT id FROM "+name+".dbo.events")
	if err != nil {
		c.t.Fatalf("read %s on %s: %v", name, s.Name, err)
	}
	defer rows.Close()
	out := map[int]bool{}
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			c.t.Fatal(err)
		}
		out[id] = true
	}
	if err := rows.Err(); err != nil {
		c.t.Fatal(err)
	}
	return out
}
