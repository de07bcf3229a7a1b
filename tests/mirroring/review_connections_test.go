package mirroring_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// connRow is what TestReviewMirroringConnections reads of one row of
// sys.dm_db_mirroring_connections.
type connRow struct {
	peer                 string
	state, loginState    int
	stateDesc            string
	accept               bool
	connect, login, last time.Time
	sent, recv           int64
	fragsSent, fragsRecv int64
	sends, receives      int64
}

func (c *cluster) mirroringConnections(s *harness.Server) map[string]connRow {
	c.t.Helper()
	rows, err := c.master(s).Query(`SELECT principal_name, state, state_desc, login_state, is_accept, connect_time, login_time,
		last_activity_time, total_bytes_sent, total_bytes_received, total_fragments_sent, total_fragments_received,
		total_sends, total_receives FROM sys.dm_db_mirroring_connections`)
	if err != nil {
		c.t.Fatalf("%s: sys.dm_db_mirroring_connections: %v", s.Name, err)
	}
	defer rows.Close()
	out := map[string]connRow{}
	for rows.Next() {
		var r connRow
		if err := rows.Scan(&r.peer, &r.state, &r.stateDesc, &r.loginState, &r.accept, &r.connect, &r.login, &r.last,
			&r.sent, &r.recv, &r.fragsSent, &r.fragsRecv, &r.sends, &r.receives); err != nil {
			c.t.Fatal(err)
		}
		if _, dup := out[r.peer]; dup {
			c.t.Errorf("%s: two connections to %s", s.Name, r.peer)
		}
		out[r.peer] = r
	}
	if err := rows.Err(); err != nil {
		c.t.Fatal(err)
	}
	return out
}

// TestReviewMirroringConnections: sys.dm_db_mirroring_connections as a DBA
// reads it (reference §3.6). Each instance lists one LOGGED_IN, ONLINE
// (login_state 12) connection per peer, opened by exactly one of the two
// ends (is_accept); its counters move with the log shipped — the
// principal's bytes, fragments and sends to the mirror, the mirror's
// receives — and last_activity_time with them. The view lists mirroring
// connections only: they are not client connections, so they are not in
// sys.dm_exec_connections. A peer that stops leaves the view.
func TestReviewMirroringConnections(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	p, m, w := c.principal, c.mirror, c.witness
	peers := map[*harness.Server][]*harness.Server{p: {m, w}, m: {p, w}, w: {p, m}}
	before := map[*harness.Server]map[string]connRow{}
	for s, want := range peers {
		got := c.mirroringConnections(s)
		before[s] = got
		if len(got) != len(want) {
			t.Errorf("%s: %d mirroring connections %v, want one to each of %d peers", s.Name, len(got), got, len(want))
		}
		for _, peer := range want {
			r, ok := got[peer.Name]
			if !ok {
				t.Errorf("%s: no connection to %s", s.Name, peer.Name)
				continue
			}
			if r.state != 4 || r.stateDesc != "LOGGED_IN" || r.loginState != 12 {
				t.Errorf("%s to %s: state %d %s, login_state %d; want 4 LOGGED_IN, 12", s.Name, peer.Name, r.state, r.stateDesc, r.loginState)
			}
			if r.login.Before(r.connect) || r.last.Before(r.login) {
				t.Errorf("%s to %s: connect_time %v, login_time %v, last_activity_time %v out of order", s.Name, peer.Name, r.connect, r.login, r.last)
			}
		}
		var joined int
		if err := c.master(s).QueryRow("SELECT COUNT(*) FROM sys.dm_exec_connections e JOIN sys.dm_db_mirroring_connections m ON m.connection_id = e.connection_id").Scan(&joined); err != nil || joined != 0 {
			t.Errorf("%s: %d mirroring connections in sys.dm_exec_connections (%v), want none", s.Name, joined, err)
		}
	}
	for _, pair := range [][2]*harness.Server{{p, m}, {p, w}, {m, w}} {
		a, b := before[pair[0]][pair[1].Name], before[pair[1]][pair[0].Name]
		if a.accept == b.accept {
			t.Errorf("%s–%s: is_accept %t on both ends, want the connection accepted on exactly one", pair[0].Name, pair[1].Name, a.accept)
		}
	}

	c.mustExec(p, fmt.Sprintf("USE %s; INSERT INTO dbo.events (id, written_on) SELECT value, REPLICATE('x', 100) FROM GENERATE_SERIES(1, 2000)", dbName))
	c.waitState(p, "SYNCHRONIZED")
	pa, pb := before[p][m.Name], c.mirroringConnections(p)[m.Name]
	ma, mb := before[m][p.Name], c.mirroringConnections(m)[p.Name]
	const logBytes = 100 << 10 // 2,000 rows of 100 bytes and more
	if pb.sent-pa.sent < logBytes || pb.fragsSent <= pa.fragsSent || pb.sends <= pa.sends || !pb.last.After(pa.last) {
		t.Errorf("the principal's connection to the mirror after 2,000 rows: bytes sent %d → %d, fragments %d → %d, sends %d → %d, last activity %v → %v; want at least %d more bytes and every counter moved",
			pa.sent, pb.sent, pa.fragsSent, pb.fragsSent, pa.sends, pb.sends, pa.last, pb.last, logBytes)
	}
	if mb.recv-ma.recv < logBytes || mb.fragsRecv <= ma.fragsRecv || mb.receives <= ma.receives {
		t.Errorf("the mirror's connection to the principal after 2,000 rows: bytes received %d → %d, fragments %d → %d, receives %d → %d; want at least %d more bytes and every counter moved",
			ma.recv, mb.recv, ma.fragsRecv, mb.fragsRecv, ma.receives, mb.receives, logBytes)
	}

	m.Stop()
	c.waitState(p, "DISCONNECTED")
	c.waitFor("the principal's view without the mirror's connection", 10*time.Second, func() (bool, error) {
		got := c.mirroringConnections(p)
		_, toMirror := got[m.Name]
		_, toWitness := got[w.Name]
		return !toMirror && toWitness, nil
	})
}
