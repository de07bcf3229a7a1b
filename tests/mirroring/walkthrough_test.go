package mirroring_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestDBAWalkthrough is a DBA following Microsoft's documentation with
// sqlcmd: the scripts in testdata/walkthrough run in SQLCMD mode (:CONNECT
// between the three instances, -v variables, -b) through `mirrorsql
// sqlcmd`, against three server processes: endpoints and logins, the
// mirror database by backup and restore, SET PARTNER and SET WITNESS as the
// Windows-authentication example issues them (back to back), the monitor
// procedures, a manual failover and back, a high-performance session whose
// principal is lost and forced service, RESUME when the old principal
// returns, an automatic failover under a go-mssqldb writer that names the
// failover partner, then SUSPEND/RESUME, TIMEOUT, SET PARTNER OFF, RESTORE
// ... WITH RECOVERY of the former mirror and DROP ENDPOINT. Between scripts the test does what the DBA does
// outside T-SQL: it kills and restarts processes. Each script checks the
// session itself and raises an error (sqlcmd exits 1) when it differs from
// what the docs say; the certificate example is TestCertificateMirroring.
func TestDBAWalkthrough(t *testing.T) {
	names := []string{"PARTNERHOST1", "PARTNERHOST5", "WITNESSHOST4"}
	var srv [3]*harness.Server
	var port [3]int
	for i, n := range names {
		srv[i] = harness.Start(t, harness.Options{Name: n})
		port[i] = harness.FreePort(t)
	}
	p, m, w := srv[0], srv[1], srv[2]
	endpoint := func(i int) string { return "TCP://127.0.0.1:" + strconv.Itoa(port[i]) }
	vars := []string{
		"PrincipalServer=" + p.SqlcmdAddr(), "MirrorServer=" + m.SqlcmdAddr(), "WitnessServer=" + w.SqlcmdAddr(),
		"PrincipalName=" + names[0], "MirrorName=" + names[1],
		"PrincipalPort=" + strconv.Itoa(port[0]), "MirrorPort=" + strconv.Itoa(port[1]), "WitnessPort=" + strconv.Itoa(port[2]),
		"PrincipalEndpoint=" + endpoint(0), "MirrorEndpoint=" + endpoint(1), "WitnessEndpoint=" + endpoint(2),
		"BackupDir=" + t.TempDir(), "ScriptDir=" + filepath.Join("testdata", "walkthrough"),
	}
	sqlcmd := func(first *harness.Server, script string) string {
		t.Helper()
		args := append([]string{"sqlcmd", "-S", first.SqlcmdAddr(), "-U", "sa", "-P", first.Password, "-b", "-l", "10",
			"-i", filepath.Join("testdata", "walkthrough", script), "-v"}, vars...)
		out, err := exec.Command(harness.Binary(t), args...).CombinedOutput()
		if err != nil {
			t.Fatalf("sqlcmd -i %s: %v\n%s", script, err, out)
		}
		return string(out)
	}

	sqlcmd(p, "1_endpoints.sql")
	sqlcmd(p, "2_partners.sql")
	sqlcmd(p, "3_monitor_failover.sql")
	sqlcmd(p, "4_safety_off.sql")
	// High performance (SAFETY OFF) ships the log asynchronously: killed
	// before the mirror hardened it, the script's last row is lost by the
	// forced service, as SQL Server loses it (ALLOW_DATA_LOSS). The test
	// checks that row later, so it kills the principal once the mirror's
	// end of log has reached the principal's.
	waitMirrorCaughtUp(t, p, m)
	p.Kill()
	sqlcmd(m, "5_force_service.sql")
	p.Restart()
	sqlcmd(m, "6_resume.sql")

	// The application: a go-mssqldb writer whose connection string names
	// both partners writes through an automatic failover (the principal,
	// now PARTNERHOST5, is killed; PARTNERHOST1 and the witness have quorum).
	db, err := sql.Open("sqlserver", m.DSN("AdventureWorks", "failoverpartner=127.0.0.1", "failoverport="+strconv.Itoa(p.Port),
		"connection timeout=3", "dial timeout=2"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), failoverBound+30*time.Second)
	defer cancel()
	var (
		mu    sync.Mutex
		acked []int
	)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { // one row at a time; a failed insert is retried as a new row
		defer close(done)
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			_, err := db.ExecContext(ctx, "INSERT dbo.Orders (Customer, Amount) VALUES (@p1, 4)", fmt.Sprintf("writer %d", i))
			if err == nil {
				mu.Lock()
				acked = append(acked, i)
				mu.Unlock()
				continue
			}
			if ctx.Err() != nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(acked) }
	waitUntil(t, ctx, "the writer commits on PARTNERHOST5", func() bool { return count() >= 20 })
	m.Kill()
	before := count()
	waitUntil(t, ctx, "the writer commits on PARTNERHOST1 after the automatic failover", func() bool { return count() >= before+20 })
	close(stop)
	<-done

	var rows int
	if err := p.DB("AdventureWorks").QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.Orders WHERE Customer LIKE 'writer %'").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if rows < len(acked) {
		t.Errorf("PARTNERHOST1 has %d writer rows, the writer was told %d committed", rows, len(acked))
	}
	for _, customer := range []string{"Written on the new principal", "Before the principal is lost", "Written after forced service"} {
		var n int
		if err := p.DB("AdventureWorks").QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.Orders WHERE Customer = @p1", customer).Scan(&n); err != nil || n != 1 {
			t.Errorf("row %q: %d (%v), want 1", customer, n, err)
		}
	}

	m.Restart() // it returns as the mirror
	out := sqlcmd(p, "7_remove.sql")
	orders := -1
	if m := regexp.MustCompile(`orders\s*\n-+\s*\n\s*(\d+)`).FindStringSubmatch(out); m != nil {
		orders, _ = strconv.Atoi(m[1])
	}
	if orders < 5+len(acked) { // 2 rows at first, 3 by the DBA, the writer's
		t.Errorf("the recovered former mirror has %d orders, want at least %d:\n%s", orders, 5+len(acked), out)
	}
}

// waitUntil polls cond until it holds or ctx ends.
func waitUntil(t *testing.T, ctx context.Context, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("timed out waiting until %s", what)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// waitMirrorCaughtUp waits until mirror's sys.database_mirroring
// mirroring_end_of_log_lsn (its hardened log) has reached principal's.
func waitMirrorCaughtUp(t *testing.T, principal, mirror *harness.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), failoverBound)
	defer cancel()
	pools := map[*harness.Server]*sql.DB{principal: principal.DB("master"), mirror: mirror.DB("master")}
	endOfLog := func(s *harness.Server) *big.Int {
		v, err := harness.QueryString(ctx, pools[s], "SELECT mirroring_end_of_log_lsn FROM sys.database_mirroring WHERE database_id = DB_ID('AdventureWorks')")
		n, ok := new(big.Int).SetString(v, 10)
		if err != nil || !ok {
			t.Fatalf("%s: mirroring_end_of_log_lsn %q (%v)", s.Name, v, err)
		}
		return n
	}
	want := endOfLog(principal)
	waitUntil(t, ctx, "the mirror hardens the principal's log", func() bool { return endOfLog(mirror).Cmp(want) >= 0 })
}
