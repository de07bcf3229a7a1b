package mirroring_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// dbName is the mirrored database of every test.
const dbName = "mdb"

// partnerTimeout is the session's PARTNER TIMEOUT (SQL Server's minimum, §1.4).
// MIRRORSQL_TIMEOUT overrides it (e.g. 10, SQL Server's default) to measure
// failover times at another TIMEOUT.
var partnerTimeout = envInt("MIRRORSQL_TIMEOUT", 5)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v >= 5 {
		return v
	}
	return def
}

// failoverBound bounds waits for a role change: TIMEOUT plus generous slack
// for a loaded 2-core machine. It is a failure bound, not an expectation.
var failoverBound = time.Duration(partnerTimeout+25) * time.Second

// setupOptions choose the shape of a session.
type setupOptions struct {
	witness bool // start a witness and SET WITNESS once SYNCHRONIZED
	proxies bool // route every mirroring address through a fault proxy
	// mirrorData and principalData are the mirror's and the principal's
	// data directories ("" a fresh temporary one), e.g. on a small file
	// system for a disk-full test.
	mirrorData, principalData string
	// metrics starts principal and mirror with --metrics-addr (metrics_test.go).
	metrics bool
	// pprof serves each instance's runtime profiles (--pprof) on a free
	// port, for tests that count the server's goroutines (cluster.pprof).
	pprof bool
	// binary runs principal and mirror from this mirrorsql binary ("" this
	// tree's), e.g. an earlier release's (upgrade_test.go).
	binary string
	// witnessBinary runs the witness from this binary ("" this tree's).
	witnessBinary string
}

// cluster is a mirroring session between principal and mirror (initial
// roles; after a failover the roles are swapped, see roleOf) with an
// optional witness.
type cluster struct {
	t                 *testing.T
	principal, mirror *harness.Server
	witness           *harness.Server // nil without a witness
	endpoint          map[*harness.Server]int
	proxy             map[*harness.Server]*proxy // instance → proxy in front of its endpoint
	meta              map[*harness.Server]*sql.DB
	pprof             map[*harness.Server]string // instance → --pprof address (setupOptions.pprof)
	backupDir         string
	metricsAddr       map[*harness.Server]string // host:port of /metrics, with setupOptions.metrics
}

// in returns c bound to t (a subtest): the same instances, proxies and
// pools, but helpers fail t instead of the test that built the cluster. A
// subtest must use it: FailNow on the parent from a subtest's goroutine ends
// the subtest with "subtest may have called FailNow on a parent test" and
// blames the wrong test.
func (c *cluster) in(t *testing.T) *cluster {
	cc := *c
	cc.t = t
	return &cc
}

// servers returns the instances of the cluster (principal, mirror[, witness]).
func (c *cluster) servers() []*harness.Server {
	s := []*harness.Server{c.principal, c.mirror}
	if c.witness != nil {
		s = append(s, c.witness)
	}
	return s
}

// address is the mirroring address other instances use to reach s.
func (c *cluster) address(s *harness.Server) string {
	if p := c.proxy[s]; p != nil {
		return p.Address()
	}
	return fmt.Sprintf("TCP://127.0.0.1:%d", c.endpoint[s])
}

// master is a pool on s's master database, for views and ALTER DATABASE.
func (c *cluster) master(s *harness.Server) *sql.DB {
	if c.meta[s] == nil {
		c.meta[s] = s.DB("master", "dial timeout=2")
	}
	return c.meta[s]
}

// exec runs a statement on s's master database and returns its error.
func (c *cluster) exec(s *harness.Server, q string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := c.master(s).ExecContext(ctx, q)
	return err
}

// mustExec runs a T-SQL script (GO separated) on s's master database.
func (c *cluster) mustExec(s *harness.Server, script string) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	conn, err := c.master(s).Conn(ctx)
	if err != nil {
		c.t.Fatalf("%s: connect: %v", s.Name, err)
	}
	defer conn.Close()
	if err := harness.RunScript(ctx, conn, script); err != nil {
		c.t.Fatalf("%s: %v\nscript:\n%s", s.Name, err, script)
	}
}

// newCluster starts the instances, creates their endpoints and the database
// on the principal, seeds the mirror by backup/restore WITH NORECOVERY and
// starts the session in the order of reference §7.3, then waits for
// SYNCHRONIZED and (optionally) sets the witness. TIMEOUT is partnerTimeout.
func newCluster(t *testing.T, opts setupOptions) *cluster {
	t.Helper()
	c := &cluster{t: t, endpoint: map[*harness.Server]int{}, proxy: map[*harness.Server]*proxy{}, meta: map[*harness.Server]*sql.DB{},
		pprof: map[*harness.Server]string{}, backupDir: t.TempDir()}
	start := func(o harness.Options) *harness.Server {
		var addr string
		if opts.pprof {
			addr = fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
			o.Args = append(o.Args, "--pprof", addr)
		}
		s := harness.Start(t, o)
		if addr != "" {
			c.pprof[s] = addr
		}
		return s
	}
	var pArgs, mArgs []string
	if opts.metrics {
		pArgs, mArgs = metricsArgs(t), metricsArgs(t)
	}
	c.principal = start(harness.Options{Name: "principal", DataDir: opts.principalData, Args: pArgs, Binary: opts.binary})
	c.mirror = start(harness.Options{Name: "mirror", DataDir: opts.mirrorData, Args: mArgs, Binary: opts.binary})
	if opts.metrics {
		c.metricsAddr = map[*harness.Server]string{c.principal: pArgs[1], c.mirror: mArgs[1]}
	}
	if opts.witness {
		c.witness = start(harness.Options{Name: "witness", Binary: opts.witnessBinary})
	}
	roles := map[*harness.Server]string{c.principal: "PARTNER", c.mirror: "ALL", c.witness: "WITNESS"}
	for _, s := range c.servers() {
		c.endpoint[s] = harness.FreePort(t)
		if opts.proxies {
			c.proxy[s] = newStrictProxy(t, fmt.Sprintf("127.0.0.1:%d", c.endpoint[s]), c.nameOfPID)
		}
		c.mustExec(s, fmt.Sprintf("CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ROLE = %s)", c.endpoint[s], roles[s]))
	}
	bak, trn := filepath.Join(c.backupDir, dbName+".bak"), filepath.Join(c.backupDir, dbName+".trn")
	c.mustExec(c.principal, fmt.Sprintf(`CREATE DATABASE %[1]s
GO
ALTER DATABASE %[1]s SET RECOVERY FULL
GO
USE %[1]s; CREATE TABLE dbo.kv (k int NOT NULL PRIMARY KEY, v int NOT NULL)
GO
USE %[1]s; CREATE TABLE dbo.events (id int NOT NULL PRIMARY KEY, written_on sysname NOT NULL)
GO
USE %[1]s; INSERT INTO dbo.kv (k, v) VALUES (1, 0), (2, 0), (3, 0)
GO
BACKUP DATABASE %[1]s TO DISK = '%[2]s' WITH FORMAT, INIT
GO
BACKUP LOG %[1]s TO DISK = '%[3]s' WITH INIT`, dbName, bak, trn))
	c.mustExec(c.mirror, fmt.Sprintf("RESTORE DATABASE %[1]s FROM DISK = '%[2]s' WITH NORECOVERY\nGO\nRESTORE LOG %[1]s FROM DISK = '%[3]s' WITH NORECOVERY", dbName, bak, trn))
	c.mustExec(c.mirror, fmt.Sprintf("ALTER DATABASE %s SET PARTNER = '%s'", dbName, c.address(c.principal)))
	c.mustExec(c.principal, fmt.Sprintf("ALTER DATABASE %s SET PARTNER = '%s'", dbName, c.address(c.mirror)))
	c.mustExec(c.principal, fmt.Sprintf("ALTER DATABASE %s SET PARTNER TIMEOUT %d", dbName, partnerTimeout))
	c.waitState(c.principal, "SYNCHRONIZED")
	if opts.witness {
		c.mustExec(c.principal, fmt.Sprintf("ALTER DATABASE %s SET WITNESS = '%s'", dbName, c.address(c.witness)))
		c.waitFor("witness CONNECTED on both partners", 30*time.Second, func() (bool, error) {
			for _, s := range []*harness.Server{c.principal, c.mirror} {
				r, err := c.row(s)
				if err != nil || r.WitnessState != "CONNECTED" {
					return false, err
				}
			}
			return true, nil
		})
	}
	return c
}

// nameOfPID maps a process id to the name of the cluster instance running
// as that process (via the owner of its client listening socket).
func (c *cluster) nameOfPID(pid int) string {
	for _, s := range c.servers() {
		if p, err := socketOwner(s.Port, true); err == nil && p == pid {
			return s.Name
		}
	}
	return ""
}

// mirroringRow is one row of sys.database_mirroring for dbName.
type mirroringRow struct {
	Role, State, Safety string
	Seq                 int64
	Partner, Witness    string
	WitnessState        string
	Timeout             int64
	Null                bool // mirroring columns are NULL (not mirrored)
}

func (r mirroringRow) String() string {
	if r.Null {
		return "not mirrored"
	}
	return fmt.Sprintf("%s/%s seq %d safety %s partner %s witness %s (%s)", r.Role, r.State, r.Seq, r.Safety, r.Partner, r.Witness, r.WitnessState)
}

// row reads s's sys.database_mirroring row for dbName.
func (c *cluster) row(s *harness.Server) (mirroringRow, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var role, state, safety, partner, witness, wstate sql.NullString
	var seq, timeout sql.NullInt64
	err := c.master(s).QueryRowContext(ctx, `SELECT m.mirroring_role_desc, m.mirroring_state_desc, m.mirroring_safety_level_desc,
		m.mirroring_role_sequence, m.mirroring_partner_name, m.mirroring_witness_name, m.mirroring_witness_state_desc, m.mirroring_connection_timeout
		FROM sys.database_mirroring m JOIN sys.databases d ON d.database_id = m.database_id WHERE d.name = @p1`, dbName).
		Scan(&role, &state, &safety, &seq, &partner, &witness, &wstate, &timeout)
	return mirroringRow{Role: role.String, State: state.String, Safety: safety.String, Seq: seq.Int64, Partner: partner.String,
		Witness: witness.String, WitnessState: wstate.String, Timeout: timeout.Int64, Null: !role.Valid}, err
}

// mustRow is row that fails the test on error.
func (c *cluster) mustRow(s *harness.Server) mirroringRow {
	c.t.Helper()
	r, err := c.row(s)
	if err != nil {
		c.t.Fatalf("%s: sys.database_mirroring: %v", s.Name, err)
	}
	return r
}

// waitFor is harness.WaitFor with the cluster's test.
func (c *cluster) waitFor(what string, d time.Duration, cond func() (bool, error)) {
	c.t.Helper()
	harness.WaitFor(c.t, what, d, cond)
}

// waitState waits until s reports mirroring state want.
func (c *cluster) waitState(s *harness.Server, want string) mirroringRow {
	c.t.Helper()
	return c.waitRow(s, "state "+want, func(r mirroringRow) bool { return r.State == want })
}

// waitRole waits until s reports role want (and, when state != "", that state).
func (c *cluster) waitRole(s *harness.Server, role, state string) mirroringRow {
	c.t.Helper()
	return c.waitRow(s, role+" "+state, func(r mirroringRow) bool { return r.Role == role && (state == "" || r.State == state) })
}

// waitRow waits until s's sys.database_mirroring row satisfies ok, failing
// the test after failoverBound with the last rows of every instance.
func (c *cluster) waitRow(s *harness.Server, what string, ok func(mirroringRow) bool) mirroringRow {
	c.t.Helper()
	r, reached := c.tryWaitRow(s, ok)
	if !reached {
		c.t.Fatalf("waiting for %s %s: not reached within %v; %s", s.Name, what, failoverBound, c.describe())
	}
	return r
}

// tryWaitRow is waitRow that reports false instead of failing.
func (c *cluster) tryWaitRow(s *harness.Server, ok func(mirroringRow) bool) (mirroringRow, bool) {
	deadline := time.Now().Add(failoverBound)
	for {
		r, err := c.row(s)
		if err == nil && ok(r) {
			return r, true
		}
		if time.Now().After(deadline) {
			return r, false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// tryWaitFailoverable waits until a failure of principal would be an
// automatic failover to mirror (§1.9.2: SYNCHRONIZED, and the failure happens
// while all three are connected): both partners SYNCHRONIZED in their roles and
// connected to the witness, and the witness knows principal as principal at its
// role sequence and heard it report SYNCHRONIZED there. A principal restarted a
// moment ago may have resynchronized and taken over (manual failover) before its
// dial to the witness completed; the witness then never saw it in that role,
// and killing it is a failure of the partner-partner quorum only, which SQL
// Server (and the witness machine) rightly does not fail over. It reports false
// after failoverBound.
func (c *cluster) tryWaitFailoverable(principal, mirror *harness.Server) bool {
	deadline := time.Now().Add(failoverBound)
	for {
		p, perr := c.row(principal)
		m, merr := c.row(mirror)
		if perr == nil && merr == nil && p.Role == "PRINCIPAL" && p.State == "SYNCHRONIZED" && p.WitnessState == "CONNECTED" &&
			m.Role == "MIRROR" && m.State == "SYNCHRONIZED" && m.WitnessState == "CONNECTED" {
			var pn, sync sql.NullString
			var seq sql.NullInt64
			err := c.master(c.witness).QueryRow("SELECT principal_server_name, role_sequence_number, partner_sync_state_desc FROM sys.database_mirroring_witnesses").Scan(&pn, &seq, &sync)
			if err == nil && pn.String == principal.Name && seq.Int64 == p.Seq && sync.String == "SYNCHRONIZED" {
				return true
			}
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// describe renders every instance's view of the session, for failure messages.
func (c *cluster) describe() string {
	var b strings.Builder
	for _, s := range []*harness.Server{c.principal, c.mirror} {
		r, err := c.row(s)
		fmt.Fprintf(&b, "%s: %v (err %v) %s; ", s.Name, r, err, c.positions(s))
	}
	if c.witness != nil {
		var pn, mn, safety, sync sql.NullString
		var seq sql.NullInt64
		err := c.master(c.witness).QueryRow("SELECT principal_server_name, mirror_server_name, safety_level_desc, role_sequence_number, partner_sync_state_desc FROM sys.database_mirroring_witnesses").Scan(&pn, &mn, &safety, &seq, &sync)
		fmt.Fprintf(&b, "witness: principal %s mirror %s safety %s seq %d sync %s (err %v)", pn.String, mn.String, safety.String, seq.Int64, sync.String, err)
	}
	return b.String()
}

// positions renders s's log positions and database state for failure
// messages: where a session that does not converge stands.
func (c *cluster) positions(s *harness.Server) string {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var end, failover, state sql.NullString
	err := c.master(s).QueryRowContext(ctx, `SELECT CONVERT(varchar(30), m.mirroring_end_of_log_lsn),
		CONVERT(varchar(30), m.mirroring_failover_lsn), d.state_desc
		FROM sys.database_mirroring m JOIN sys.databases d ON d.database_id = m.database_id WHERE d.name = @p1`, dbName).
		Scan(&end, &failover, &state)
	if err != nil {
		return fmt.Sprintf("(positions: %v)", err)
	}
	return fmt.Sprintf("end_of_log %s failover %s database %s", end.String, failover.String, state.String)
}

// other is the partner that is not s.
func (c *cluster) other(s *harness.Server) *harness.Server {
	if s == c.principal {
		return c.mirror
	}
	return c.principal
}

// failoverDSN is the application connection string naming first as the
// initial partner and the other partner as failover partner (§6).
func (c *cluster) failoverDSN(first *harness.Server) string {
	o := c.other(first)
	return first.DSN(dbName, "failoverpartner=127.0.0.1", "failoverport="+strconv.Itoa(o.Port), "connection timeout=3", "dial timeout=2")
}

// count returns SELECT COUNT(*) of table on s's dbName.
func (c *cluster) count(s *harness.Server, table string) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var n int
	err := c.master(s).QueryRowContext(ctx, fmt.Sprintf("SELECT COUNT(*) FROM %s.dbo.%s", dbName, table)).Scan(&n)
	return n, err
}

// ids returns the ids of dbo.events on s.
func (c *cluster) ids(s *harness.Server) (map[int]bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	rows, err := c.master(s).QueryContext(ctx, "SELECT id FROM "+dbName+".dbo.events")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]bool{}
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// alter runs ALTER DATABASE dbName <clause> on s.
func (c *cluster) alter(s *harness.Server, clause string) error {
	return c.exec(s, fmt.Sprintf("ALTER DATABASE %s %s", dbName, clause))
}

// manualFailover waits for cur to be SYNCHRONIZED, runs SET PARTNER
// FAILOVER on it — reissued while the mirror answers 1404 (busy: §5 asks
// to reissue), within failoverBound — and waits for oth to be principal.
func (c *cluster) manualFailover(cur, oth *harness.Server) {
	c.t.Helper()
	c.waitState(cur, "SYNCHRONIZED")
	start := time.Now()
	for err := c.alter(cur, "SET PARTNER FAILOVER"); err != nil; err = c.alter(cur, "SET PARTNER FAILOVER") {
		if errNumber(err) != 1404 || time.Since(start) > failoverBound {
			c.t.Fatalf("FAILOVER on %s: %v; %s", cur.Name, err, c.describe())
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.waitRole(oth, "PRINCIPAL", "")
}

// mustAlter is alter that fails the test on error.
func (c *cluster) mustAlter(s *harness.Server, clause string) {
	c.t.Helper()
	if err := c.alter(s, clause); err != nil {
		c.t.Fatalf("%s: ALTER DATABASE %s %s: %v", s.Name, dbName, clause, err)
	}
}

// containsAll reports the acknowledged ids missing from present.
func missing(acked []int, present map[int]bool) []int {
	var out []int
	for _, id := range acked {
		if !present[id] {
			out = append(out, id)
		}
	}
	return out
}

// errorLogHas reports whether s's error log since its start has a row
// containing text (sp_readerrorlog, as a DBA searches it).
func (c *cluster) errorLogHas(s *harness.Server, text string) bool {
	c.t.Helper()
	return c.errorLogCount(s, text) > 0
}

// errorLogCount counts the rows of s's error log since its start that
// contain text (sp_readerrorlog, as a DBA searches it).
func (c *cluster) errorLogCount(s *harness.Server, text string) int {
	c.t.Helper()
	rows, err := c.master(s).Query("EXEC sp_readerrorlog 0, 1, @p1", text)
	if err != nil {
		c.t.Fatalf("%s: sp_readerrorlog: %v", s.Name, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var at time.Time
		var info, line string
		if err := rows.Scan(&at, &info, &line); err != nil {
			c.t.Fatal(err)
		}
		if strings.Contains(line, text) {
			n++
		}
	}
	if err := rows.Err(); err != nil {
		c.t.Fatalf("%s: sp_readerrorlog: %v", s.Name, err)
	}
	return n
}

// wantRoleChangeLogged checks that s's error log has SQL Server's 1480 for
// a role change from → to caused by why.
func (c *cluster) wantRoleChangeLogged(s *harness.Server, from, to, why string) {
	c.t.Helper()
	text := fmt.Sprintf(`The mirrored database "%s" is changing roles from "%s" to "%s" because the mirroring session or availability group failed over due to %s.`, dbName, from, to, why)
	if !c.errorLogHas(s, text) {
		c.t.Errorf("%s: no error-log row with %q", s.Name, text)
	}
}
