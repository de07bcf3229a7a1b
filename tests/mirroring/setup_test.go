package mirroring_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestSetupAndViews: after the §7.1 setup with a witness, the catalog views
// on all three instances describe the session as reference §3/§4 say, and
// the mirror copy cannot be opened by clients (§6.5) while master can.
func TestSetupAndViews(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	p, m, w := c.principal, c.mirror, c.witness

	t.Run("database_mirroring", func(t *testing.T) {
		c := c.in(t)
		tests := []struct {
			s             *harness.Server
			role, partner string
		}{
			{p, "PRINCIPAL", c.address(m)},
			{m, "MIRROR", c.address(p)},
		}
		for _, tc := range tests {
			r := c.mustRow(tc.s)
			if r.Role != tc.role || r.State != "SYNCHRONIZED" || r.Safety != "FULL" {
				t.Errorf("%s: got %v, want %s SYNCHRONIZED safety FULL", tc.s.Name, r, tc.role)
			}
			if r.Seq < 1 {
				t.Errorf("%s: role sequence %d, want ≥ 1", tc.s.Name, r.Seq)
			}
			if !equalFoldAddr(r.Partner, tc.partner) {
				t.Errorf("%s: partner name %q, want %q", tc.s.Name, r.Partner, tc.partner)
			}
			if !equalFoldAddr(r.Witness, c.address(w)) || r.WitnessState != "CONNECTED" {
				t.Errorf("%s: witness %q (%s), want %q CONNECTED", tc.s.Name, r.Witness, r.WitnessState, c.address(w))
			}
			if r.Timeout != int64(partnerTimeout) {
				t.Errorf("%s: mirroring_connection_timeout %d, want %d", tc.s.Name, r.Timeout, partnerTimeout)
			}
		}
		if a, b := c.mustRow(p), c.mustRow(m); a.Seq != b.Seq {
			t.Errorf("role sequence differs: principal %d, mirror %d", a.Seq, b.Seq)
		}
	})

	t.Run("databases_state", func(t *testing.T) {
		c := c.in(t)
		for _, tc := range []struct {
			s    *harness.Server
			want string
		}{{p, "ONLINE"}, {m, "RESTORING"}} {
			got, err := harness.QueryString(context.Background(), c.master(tc.s), "SELECT state_desc FROM sys.databases WHERE name = @p1", dbName)
			if err != nil || got != tc.want {
				t.Errorf("%s: sys.databases.state_desc = %q (%v), want %s", tc.s.Name, got, err, tc.want)
			}
		}
	})

	t.Run("endpoints", func(t *testing.T) {
		c := c.in(t)
		for _, tc := range []struct {
			s    *harness.Server
			role string
		}{{p, "PARTNER"}, {m, "ALL"}, {w, "WITNESS"}} {
			var state, role string
			err := c.master(tc.s).QueryRow("SELECT state_desc, role_desc FROM sys.database_mirroring_endpoints").Scan(&state, &role)
			if err != nil || state != "STARTED" || role != tc.role {
				t.Errorf("%s: endpoint state %q role %q (%v), want STARTED %s", tc.s.Name, state, role, err, tc.role)
			}
			var port int
			if err := c.master(tc.s).QueryRow("SELECT port FROM sys.tcp_endpoints WHERE type_desc = 'DATABASE_MIRRORING'").Scan(&port); err != nil || port != c.endpoint[tc.s] {
				t.Errorf("%s: sys.tcp_endpoints port %d (%v), want %d", tc.s.Name, port, err, c.endpoint[tc.s])
			}
		}
	})

	t.Run("witnesses", func(t *testing.T) {
		c := c.in(t)
		var db, pname, mname, safety string
		var seq int64
		err := c.master(w).QueryRow("SELECT database_name, principal_server_name, mirror_server_name, safety_level_desc, role_sequence_number FROM sys.database_mirroring_witnesses").
			Scan(&db, &pname, &mname, &safety, &seq)
		if err != nil {
			t.Fatalf("witness: sys.database_mirroring_witnesses: %v", err)
		}
		if db != dbName || safety != "FULL" || seq != c.mustRow(p).Seq {
			t.Errorf("witness row: db %q safety %q seq %d; want %s FULL seq %d", db, safety, seq, dbName, c.mustRow(p).Seq)
		}
		t.Logf("witness sees principal %q mirror %q", pname, mname)
		var n int
		if err := c.master(p).QueryRow("SELECT COUNT(*) FROM sys.database_mirroring_witnesses").Scan(&n); err != nil || n != 0 {
			t.Errorf("principal: %d witness rows (%v), want 0", n, err)
		}
	})

	t.Run("connections", func(t *testing.T) {
		c := c.in(t)
		for _, s := range c.servers() {
			rows, err := c.master(s).Query("SELECT state_desc, principal_name FROM sys.dm_db_mirroring_connections")
			if err != nil {
				t.Fatalf("%s: %v", s.Name, err)
			}
			peers := map[string]string{}
			for rows.Next() {
				var st, name string
				if err := rows.Scan(&st, &name); err != nil {
					t.Fatal(err)
				}
				peers[name] = st
			}
			rows.Close()
			want := 2 // each instance talks to the two others
			if len(peers) != want {
				t.Errorf("%s: mirroring connections %v, want one to each of the %d other instances", s.Name, peers, want)
			}
		}
	})

	t.Run("performance_counters", func(t *testing.T) {
		// SQLServer:Database Mirroring counters (reference §4.5): the
		// principal's log hardened by the mirror, the mirror's received and
		// redone log, cumulative; queues current; role-foreign counters 0.
		c := c.in(t)
		if err := c.tryInsert(p, 900001); err != nil {
			t.Fatalf("insert: %v", err)
		}
		counter := func(s *harness.Server, name string) (int64, error) {
			var v int64
			err := c.master(s).QueryRow("SELECT cntr_value FROM sys.dm_os_performance_counters WHERE object_name = 'SQLServer:Database Mirroring' AND counter_name = @p1 AND instance_name = @p2", name, dbName).Scan(&v)
			return v, err
		}
		// Every counter of the object is there on both partners, as a
		// script that reads one by name expects.
		names := []string{"Bytes Received/sec", "Bytes Sent/sec", "Log Bytes Received/sec", "Log Bytes Redone from Cache/sec",
			"Log Bytes Sent from Cache/sec", "Log Bytes Sent/sec", "Log Compressed Bytes Rcvd/sec", "Log Compressed Bytes Sent/sec",
			"Log Harden Time (ms)", "Log Remaining for Undo KB", "Log Scanned for Undo KB", "Log Send Flow Control Time (ms)",
			"Log Send Queue KB", "Mirrored Write Transactions/sec", "Pages Sent/sec", "Receives/sec", "Redo Bytes/sec", "Redo Queue KB",
			"Send/Receive Ack Time", "Sends/sec", "Transaction Delay"}
		for _, s := range []*harness.Server{p, m} {
			for _, name := range names {
				if _, err := counter(s, name); err != nil {
					t.Errorf("%s: counter %q: %v", s.Name, name, err)
				}
			}
		}
		for _, tc := range []struct {
			s        *harness.Server
			positive []string
			zero     []string
		}{
			{p, []string{"Log Bytes Sent/sec", "Mirrored Write Transactions/sec"}, []string{"Log Bytes Received/sec", "Redo Bytes/sec", "Redo Queue KB"}},
			{m, []string{"Log Bytes Received/sec", "Redo Bytes/sec"}, []string{"Log Bytes Sent/sec", "Log Send Queue KB", "Mirrored Write Transactions/sec", "Transaction Delay"}},
		} {
			for _, name := range tc.positive {
				deadline := time.Now().Add(failoverBound) // redo may lag the insert: wait, do not time it
				for {
					v, err := counter(tc.s, name)
					if err == nil && v > 0 {
						break
					}
					if time.Now().After(deadline) {
						t.Fatalf("%s: %q = %d (%v), want > 0", tc.s.Name, name, v, err)
					}
					time.Sleep(100 * time.Millisecond)
				}
			}
			for _, name := range tc.zero {
				if v, err := counter(tc.s, name); err != nil || v != 0 {
					t.Errorf("%s: %q = %d (%v), want 0 (not this role's counter)", tc.s.Name, name, v, err)
				}
			}
		}
	})

	t.Run("error_log", func(t *testing.T) {
		// DBAs find mirroring's state changes in the error log through T-SQL:
		// messages 1440/1441 with SQL Server's text, searched by sp_readerrorlog.
		c := c.in(t)
		for _, tc := range []struct {
			s    *harness.Server
			role string
		}{{p, "principal"}, {m, "mirror"}} {
			want := "Database mirroring is active with database '" + dbName + "' as the " + tc.role + " copy."
			rows, err := c.master(tc.s).Query("EXEC sp_readerrorlog 0, 1, N'Database mirroring is active', @p1", "as the "+tc.role)
			if err != nil {
				t.Fatalf("%s: sp_readerrorlog: %v", tc.s.Name, err)
			}
			found := 0
			for rows.Next() {
				var at time.Time
				var info, text string
				if err := rows.Scan(&at, &info, &text); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(text, tc.role) {
					t.Errorf("%s: search for %q returned %q", tc.s.Name, tc.role, text)
				}
				if strings.Contains(text, want) {
					found++
				}
			}
			rows.Close()
			if found == 0 {
				t.Errorf("%s: no error-log row with %q", tc.s.Name, want)
			}
		}
		_, err := c.master(p).Exec("EXEC xp_readerrorlog 1")
		if errNumber(err) != 22004 {
			t.Errorf("xp_readerrorlog 1 (an archived log, not kept): %v, want error 22004", err)
		}
	})

	t.Run("monitor_procs", func(t *testing.T) {
		// The database mirroring monitor as Database Mirroring Monitor and
		// DBA scripts drive it (reference §4.3): a status row per update with
		// the role and state of each partner, SQL Server's errors.
		c := c.in(t)
		for _, tc := range []struct {
			s    *harness.Server
			role int
		}{{p, 1}, {m, 2}} {
			db := c.master(tc.s)
			if _, err := db.Exec("EXEC sp_dbmmonitoraddmonitoring 1"); err != nil && errNumber(err) != 32033 {
				t.Fatalf("%s: sp_dbmmonitoraddmonitoring: %v", tc.s.Name, err)
			}
			var period int
			if err := db.QueryRow("EXEC sp_dbmmonitorhelpmonitoring").Scan(&period); err != nil || period != 1 {
				t.Errorf("%s: update period %d (%v), want 1", tc.s.Name, period, err)
			}
			if _, err := db.Exec("EXEC msdb..sp_dbmmonitorupdate @p1", dbName); err != nil {
				t.Errorf("%s: sp_dbmmonitorupdate: %v", tc.s.Name, err)
			}
			// The row sp_dbmmonitoraddmonitoring's first update wrote is
			// under 15 seconds old: this update recorded none (§4.1).
			var stored int
			if err := db.QueryRow("SELECT COUNT(*) FROM msdb.dbo.dbm_monitor_data WHERE database_id = DB_ID(@p1)", dbName).Scan(&stored); err != nil || stored != 1 {
				t.Errorf("%s: msdb.dbo.dbm_monitor_data rows %d (%v), want 1", tc.s.Name, stored, err)
			}
			var name string
			var role, state int
			rows, err := db.Query("EXEC msdb..sp_dbmmonitorresults @p1, 0, 0", dbName)
			if err != nil {
				t.Fatalf("%s: sp_dbmmonitorresults: %v", tc.s.Name, err)
			}
			n := 0
			for rows.Next() {
				cols, _ := rows.Columns()
				vals := make([]any, len(cols))
				vals[0], vals[1], vals[2] = &name, &role, &state
				for i := 3; i < len(vals); i++ {
					vals[i] = new(any)
				}
				if err := rows.Scan(vals...); err != nil {
					t.Fatal(err)
				}
				n++
			}
			rows.Close()
			if n != 1 || name != dbName || role != tc.role || state != 4 {
				t.Errorf("%s: sp_dbmmonitorresults mode 0: %d rows, last (%q role %d state %d), want one row (%s role %d state 4 SYNCHRONIZED)", tc.s.Name, n, name, role, state, dbName, tc.role)
			}
			if _, err := db.Exec("EXEC msdb..sp_dbmmonitorupdate N'master'"); errNumber(err) != 32039 {
				t.Errorf("%s: sp_dbmmonitorupdate of an unmirrored database: %v, want 32039", tc.s.Name, err)
			}
			if _, err := db.Exec("EXEC sp_dbmmonitordropmonitoring"); err != nil {
				t.Errorf("%s: sp_dbmmonitordropmonitoring: %v", tc.s.Name, err)
			}
		}
	})

	t.Run("mirror_not_openable", func(t *testing.T) {
		c := c.in(t)
		db, err := sql.Open("sqlserver", m.DSN(dbName, "connection timeout=3"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		err = db.Ping()
		// Issue #6 point 10 and reference §6.5: why first (954), then 4060 and
		// 18456, as a single-user database's 924 comes before its 4060.
		if got := fmt.Sprint(errNumbers(err)); got != "[954 4060 18456]" {
			t.Errorf("login to the mirror database: errors %s (%v), want [954 4060 18456]", got, err)
		}
		for _, n := range errNumbers(err)[:1] {
			if n == 18456 || n == 18488 {
				t.Errorf("first login error is %d: failover-partner clients would stop retrying (§6.4)", n)
			}
		}
		if err := c.master(m).Ping(); err != nil {
			t.Errorf("master on the mirror: %v", err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, err = c.master(m).ExecContext(ctx, "USE "+dbName)
		if errNumber(err) != 954 {
			t.Errorf("USE %s on the mirror: %v, want error 954", dbName, err)
		}
		_, err = c.master(m).ExecContext(ctx, fmt.Sprintf("SELECT COUNT(*) FROM %s.dbo.kv", dbName))
		if errNumber(err) != 954 {
			t.Errorf("three-part name on the mirror: %v, want error 954", err)
		}
		// BACKUP of the mirror copy: 3059 then 3013, as SQL Server (ref §1.13).
		for _, stmt := range []string{"BACKUP DATABASE %s TO DISK = '%s.bak'", "BACKUP LOG %s TO DISK = '%s.trn'"} {
			_, err = c.master(m).ExecContext(ctx, fmt.Sprintf(stmt, dbName, filepath.Join(t.TempDir(), dbName)))
			if got := fmt.Sprint(errNumbers(err)); got != "[3059 3013]" {
				t.Errorf("%s on the mirror: errors %s (%v), want [3059 3013]", stmt, got, err)
			}
		}
	})
}

// equalFoldAddr compares mirroring addresses case-insensitively.
func equalFoldAddr(a, b string) bool { return strings.EqualFold(a, b) }
