package tests

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// doneProcs are the procedures of the DONEPROC tests: one that only
// returns a status, and one whose statements are DDL, DML, a nested EXEC
// and RETURN, each of which completes with a DONEINPROC under NOCOUNT OFF.
var doneProcs = []string{
	"CREATE PROCEDURE dbo.ret7 AS RETURN 7",
	"CREATE PROCEDURE dbo.inner1 AS RETURN 1",
	`CREATE PROCEDURE dbo.mixed AS
	CREATE TABLE #t (a int)
	INSERT #t VALUES (1)
	DROP TABLE #t
	EXEC dbo.inner1
	RETURN 3`,
	"CREATE PROCEDURE dbo.mixed_nocount AS SET NOCOUNT ON; EXEC dbo.mixed",
}

// TestClientExecDoneProc: an EXEC of a procedure at the top of a SQL batch
// ends as SQL Server ends it, with the procedure's RETURNSTATUS and a
// DONEPROC (go-mssqldb reads the status into a ReturnStatus argument; a
// batch used to send neither), and inside a procedure every statement —
// DDL, a nested EXEC, RETURN included — completes with a DONEINPROC under
// SET NOCOUNT OFF (counted as go-mssqldb's message queue counts them).
func TestClientExecDoneProc(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "doneproc"})
	db := srv.DB("master")
	for _, q := range doneProcs {
		mustExec(t, db, q)
	}
	t.Run("return status of a batch EXEC", func(t *testing.T) {
		for _, tc := range []struct {
			batch string
			want  mssql.ReturnStatus
		}{
			{"EXEC dbo.ret7", 7},
			{"EXEC dbo.mixed", 3},
			{"DECLARE @r int; EXEC @r = dbo.ret7; SELECT @r AS r", 7},
			{"EXEC dbo.ret7; EXEC dbo.inner1", 1}, // the last one read wins
			// EXEC of a string ends as Babelfish's TDS layer ends it: status 0.
			{"EXEC dbo.ret7; EXEC('DECLARE @x int')", 0},
		} {
			rs := mssql.ReturnStatus(-1)
			if _, err := db.Exec(tc.batch, &rs); err != nil {
				t.Fatalf("%s: %v", tc.batch, err)
			}
			if rs != tc.want {
				t.Errorf("%s: return status %d, want %d", tc.batch, rs, tc.want)
			}
		}
	})
	t.Run("completion tokens", func(t *testing.T) {
		checkBoundaries(t, db, []boundaryCase{
			// CREATE, INSERT, DROP, inner1's RETURN, the EXEC of inner1,
			// RETURN: 6 DONEINPROC, then the DONEPROC.
			{"exec dbo.mixed", 7},
			// Under NOCOUNT ON only the INSERT's DONEINPROC; then the top
			// EXEC's DONEPROC.
			{"exec dbo.mixed_nocount", 2},
			// RETURN's DONEINPROC, then the DONEPROC.
			{"exec dbo.ret7", 2},
			// A dynamic batch is a nested frame: its CREATE and DROP
			// complete with DONEINPROC, the EXEC with a DONEPROC (it
			// ended with the DROP's DONE).
			{"exec('create table #q (a int); drop table #q')", 3},
			{"set nocount on; exec('create table #q (a int); drop table #q')", 2},
		})
	})
}

// boundaryCase is a batch and the result set boundaries (done tokens, as
// go-mssqldb's message queue reports them) it should give.
type boundaryCase struct {
	query string
	want  int
}

// checkBoundaries runs each case on a connection of its own and compares
// its boundaries (countBoundaries).
func checkBoundaries(t *testing.T, db *sql.DB, cases []boundaryCase) {
	t.Helper()
	for _, tc := range cases {
		conn, err := db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		b, _ := countBoundaries(t, conn, tc.query)
		conn.Close()
		if b != tc.want {
			t.Errorf("%s: %d done tokens, want %d", tc.query, b, tc.want)
		}
	}
}

// TestClientExecDoneProcFreeTDS reads the token stream FreeTDS's tsql
// receives (TDSDUMP) for a batch EXEC: the RETURNSTATUS token (0x79),
// printed by tsql as "(return status = 7)", then DONEPROC (0xfe) as the
// last token, with no DONE after it.
func TestClientExecDoneProcFreeTDS(t *testing.T) {
	tsql := needTSQL(t)
	srv := harness.Start(t, harness.Options{Name: "doneprocft"})
	mustExec(t, srv.DB("master"), doneProcs[0])
	dump := filepath.Join(t.TempDir(), "tds.log")
	cmd := exec.Command(tsql, "-H", "127.0.0.1", "-p", strings.TrimPrefix(srv.Addr(), "127.0.0.1:"), "-U", "sa", "-P", srv.Password)
	cmd.Env = append(os.Environ(), "TDSVER=7.4", "TDSDUMP="+dump)
	cmd.Stdin = strings.NewReader("exec dbo.ret7\ngo\nquit\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("tsql: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "(return status = 7)") {
		t.Errorf("tsql output lacks the return status:\n%s", out)
	}
	b, err := os.ReadFile(dump)
	if err != nil {
		t.Fatal(err)
	}
	// The markers of the EXEC's response, in order, as FreeTDS logs them.
	var markers []string
	for _, line := range strings.Split(string(b), "\n") {
		if i := strings.Index(line, "marker is "); i >= 0 {
			markers = append(markers, strings.Fields(line[i+len("marker is "):])[0])
		}
	}
	want := []string{"79(RETURNSTATUS)", "fe(DONEPROC)"}
	if len(markers) < 2 || strings.Join(markers[len(markers)-2:], " ") != strings.Join(want, " ") {
		t.Errorf("last token markers %q, want %q", markers, want)
	}
}

// TestClientBatchStatementDone: at the top of a batch every statement but a
// variable declaration completes with a DONE ([MS-TDS] 2.2.7.6), DDL, SET
// options, transaction statements and IF/WHILE conditions included (they
// sent none, so a batch of them ended with one DONE). go-mssqldb's message
// queue turns each into a result set boundary; RowsAffected still sums the
// DML counts only; FreeTDS's tsql logs one DONE token per statement.
func TestClientBatchStatementDone(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "batchdone"})
	db := srv.DB("master")
	checkBoundaries(t, db, []boundaryCase{
		{"CREATE TABLE #d (a int)", 1},
		{"CREATE TABLE #d (a int); CREATE INDEX ix ON #d (a); DROP TABLE #d", 3},
		{"SET NOCOUNT ON; SET ANSI_NULLS ON", 2},
		{"BEGIN TRAN; SAVE TRAN s; COMMIT", 3},
		{"IF 1 = 0 PRINT 'no'", 1},
		// Every kind of statement, not a list: USE, CHECKPOINT, roles.
		{"USE master; CHECKPOINT", 2},
		{"CREATE ROLE r_bd; DROP ROLE r_bd", 2},
		// The declaration sends nothing; the batch's final DONE follows it.
		{"DECLARE @i int", 1},
		{"DECLARE @i int; SET @i = 1", 1},
	})
	res, err := db.Exec("CREATE TABLE #r (a int); INSERT #r VALUES (1), (2); SET NOCOUNT OFF; DROP TABLE #r")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 2 {
		t.Errorf("RowsAffected %d, want 2", n)
	}

	tsql := needTSQL(t)
	dump := filepath.Join(t.TempDir(), "tds.log")
	cmd := exec.Command(tsql, "-H", "127.0.0.1", "-p", strings.TrimPrefix(srv.Addr(), "127.0.0.1:"), "-U", "sa", "-P", srv.Password)
	cmd.Env = append(os.Environ(), "TDSVER=7.4", "TDSDUMP="+dump)
	cmd.Stdin = strings.NewReader("create table #f (a int) set nocount on drop table #f\ngo\nquit\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tsql: %v\n%s", err, out)
	}
	b, err := os.ReadFile(dump)
	if err != nil {
		t.Fatal(err)
	}
	// The batch's tokens: everything FreeTDS logs after it sent the query.
	log := string(b)
	log = log[strings.LastIndex(log, "Changed query state from IDLE to WRITING"):]
	if n := strings.Count(log, "marker is  fd(DONE)"); n != 3 {
		t.Errorf("%d DONE tokens for three statements, want 3:\n%s", n, log)
	}
	// The SET's DONE: status DONE_MORE, CurCmd 0x00B9 (as in a SQL Server
	// trace of SET statements), no count.
	if want := "fd0100b900" + strings.Repeat("00", 8); !strings.Contains(receivedHex(log), want) {
		t.Errorf("no DONE %s for the SET statement in the response %s", want, receivedHex(log))
	}
}

// receivedHex returns the payloads of the packets a FreeTDS TDSDUMP log
// shows as received, concatenated in hex, without their 8-byte headers.
func receivedHex(log string) string {
	var out, pkt strings.Builder
	in := false
	flush := func() {
		if p := pkt.String(); len(p) > 16 {
			out.WriteString(p[16:])
		}
		pkt.Reset()
	}
	for _, line := range strings.Split(log, "\n") {
		switch {
		case strings.Contains(line, "Received packet"):
			flush()
			in = true
		case in && len(line) > 5 && line[4] == ' ' && strings.Trim(line[:4], "0123456789abcdef") == "":
			// "0000 04 01 00 15 00 35 01 00-fd 00 … |ascii|"
			hexPart, _, _ := strings.Cut(line[5:], "|")
			pkt.WriteString(strings.NewReplacer(" ", "", "-", "").Replace(hexPart))
		default:
			if in && strings.TrimSpace(line) != "" {
				flush()
				in = false
			}
		}
	}
	flush()
	return out.String()
}

// needTSQL returns FreeTDS's tsql, or skips the test without it — fails it in
// CI (.ci/run sets CI and installs freetds-bin).
func needTSQL(t *testing.T) string {
	t.Helper()
	tsql, err := exec.LookPath("tsql")
	if err == nil {
		return tsql
	}
	if os.Getenv("CI") != "" {
		t.Fatal("FreeTDS tsql not installed (install freetds-bin; .ci/run does)")
	}
	t.Skip("FreeTDS tsql not installed (install freetds-bin; .ci/run does)")
	return ""
}
