package docs_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestDocsExamples runs the T-SQL of Microsoft's mirroring pages as a DBA
// pastes it, with only host names and ports adapted (sqlcmd -v
// variables): the Windows-authentication example's endpoints, logins and
// SET PARTNER/WITNESS, "Prepare a Mirror Database" (including its RESTORE
// LOG … WITH FILE=1 of the full backup, which SQL Server refuses), the
// troubleshooting page's endpoint queries, the sp_dbmmonitor examples, the
// ALTER DATABASE page's manual failover, pause/resume, safety, timeout and
// removal. Each script in testdata runs through `mirrorsql sqlcmd`
// (without -b: the docs' own mistakes must fail as on SQL Server) on the
// instance its name gives. Its "-- expect: Msg …" lines are the errors SQL
// Server gives for it — any other error fails the test — and each
// "-- expect-output: regexp" must match the output.
func TestDocsExamples(t *testing.T) {
	names := map[string]string{"principal": "PARTNERHOST1", "mirror": "PARTNERHOST5", "witness": "WITNESSHOST4", "partner1": "PARTNERHOST1"}
	srv := map[string]*harness.Server{}
	for _, role := range []string{"principal", "mirror", "witness"} {
		srv[role] = harness.Start(t, harness.Options{Name: names[role]})
	}
	srv["partner1"] = srv["principal"]
	vars := []string{"BackupDir=" + t.TempDir(), "PrincipalHost=127.0.0.1", "MirrorHost=127.0.0.1", "WitnessHost=127.0.0.1"}
	for _, v := range []string{"PrincipalPort", "MirrorPort", "WitnessPort"} {
		vars = append(vars, v+"="+strconv.Itoa(harness.FreePort(t)))
	}
	// What the docs take as given: the partners' service account has a
	// login on both partners ("login already exists in master"), and the
	// AdventureWorks sample database is on the principal.
	for _, role := range []string{"principal", "mirror"} {
		harness.MustRunScript(t, srv[role].DB("master"), `CREATE LOGIN [Mydomain\dbousername] FROM WINDOWS`)
	}
	harness.MustRunScript(t, srv["principal"].DB("master"), `CREATE DATABASE AdventureWorks
GO
CREATE TABLE AdventureWorks.dbo.AddressType (AddressTypeID int IDENTITY PRIMARY KEY, Name nvarchar(50) NOT NULL)
GO
INSERT AdventureWorks.dbo.AddressType (Name) VALUES (N'Billing'), (N'Home'), (N'Shipping')`)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	state := func(s *harness.Server, want string) func() bool {
		return func() bool {
			var got string
			err := s.DB("master").QueryRowContext(ctx, `SELECT mirroring_state_desc + '/' + ISNULL(mirroring_witness_state_desc, 'NULL')
FROM sys.database_mirroring WHERE database_id = DB_ID('AdventureWorks')`).Scan(&got)
			return err == nil && got == want
		}
	}
	// Between scripts, the DBA waits for the session as the pages say to.
	waits := map[string]func(){
		"07_principal_monitor.sql": func() {
			waitUntil(t, ctx, "the session is SYNCHRONIZED with its witness", state(srv["principal"], "SYNCHRONIZED/CONNECTED"))
		},
		"09_principal_failover.sql": func() {
			// The witness's row names the database's backup family, the
			// family_guid of the partners' sys.database_recovery_status (it
			// was NULL).
			var family string
			if err := srv["principal"].DB("master").QueryRowContext(ctx, `SELECT CONVERT(char(36), family_guid)
FROM sys.database_recovery_status WHERE database_id = DB_ID('AdventureWorks')`).Scan(&family); err != nil {
				t.Fatal(err)
			}
			waitUntil(t, ctx, "the witness's family_guid is the principal's "+family, func() bool {
				var got *string
				err := srv["witness"].DB("master").QueryRowContext(ctx, `SELECT CONVERT(char(36), family_guid)
FROM sys.database_mirroring_witnesses WHERE database_name = 'AdventureWorks'`).Scan(&got)
				return err == nil && got != nil && *got == family
			})
		},
		"10_mirror_operations.sql": func() {
			// Both partners: the session settles after the role switch
			// (a SUSPEND during its reconnection was seen lost once).
			waitUntil(t, ctx, "PARTNERHOST5 is the principal, SYNCHRONIZED", state(srv["mirror"], "SYNCHRONIZED/CONNECTED"))
			waitUntil(t, ctx, "PARTNERHOST1 is its SYNCHRONIZED mirror", state(srv["principal"], "SYNCHRONIZED/CONNECTED"))
		},
		"11_partner1_recover.sql": func() {
			waitUntil(t, ctx, "PARTNERHOST1 has left the session", func() bool {
				var n int
				err := srv["principal"].DB("master").QueryRowContext(ctx, `SELECT COUNT(*) FROM sys.database_mirroring
WHERE database_id = DB_ID('AdventureWorks') AND mirroring_guid IS NULL`).Scan(&n)
				return err == nil && n == 1
			})
		},
	}

	runScripts(t, "testdata", srv, vars, waits)
}

// runScripts runs the .sql files of dir in name order, each through
// `mirrorsql sqlcmd` on the instance its name's second field gives (srv),
// after its wait if it has one, and checks the output against the script's
// expect lines (checkDocsOutput).
func runScripts(t *testing.T, dir string, srv map[string]*harness.Server, vars []string, waits map[string]func()) {
	t.Helper()
	scripts, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts in %s: %v", dir, err)
	}
	for _, path := range scripts {
		base := filepath.Base(path)
		role := strings.SplitN(strings.TrimSuffix(base, ".sql"), "_", 3)[1]
		s := srv[role]
		if s == nil {
			t.Fatalf("%s: no instance %q", base, role)
		}
		if w := waits[base]; w != nil {
			w()
		}
		text, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		args := append([]string{"sqlcmd", "-S", s.SqlcmdAddr(), "-U", "sa", "-P", s.Password, "-l", "10", "-i", path, "-v"}, vars...)
		out, _ := exec.Command(harness.Binary(t), args...).CombinedOutput()
		checkDocsOutput(t, base, substitute(string(text), vars), string(out))
	}
}

// substitute replaces the sqlcmd variables of text ($(Name), vars'
// Name=value): expect lines may name a port.
func substitute(text string, vars []string) string {
	var pairs []string
	for _, v := range vars {
		name, value, _ := strings.Cut(v, "=")
		pairs = append(pairs, "$("+name+")", value)
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

var msgLine = regexp.MustCompile(`(?m)^Msg \d+, Level \d+, State \d+`)

// checkDocsOutput compares sqlcmd's output of a script with the script's
// expect lines.
func checkDocsOutput(t *testing.T, name, script, out string) {
	t.Helper()
	expected := map[string]bool{}
	for _, line := range strings.Split(script, "\n") {
		line = strings.TrimSpace(line)
		if msg, ok := strings.CutPrefix(line, "-- expect: "); ok {
			expected[msg] = true
		}
		if re, ok := strings.CutPrefix(line, "-- expect-output: "); ok && !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("%s: no output matches %s\n%s", name, re, out)
		}
	}
	seen := map[string]bool{}
	for _, msg := range msgLine.FindAllString(out, -1) {
		seen[msg] = true
		if !expected[msg] {
			t.Errorf("%s: unexpected error %q\n%s", name, msg, out)
		}
	}
	for msg := range expected {
		if !seen[msg] {
			t.Errorf("%s: no %q\n%s", name, msg, out)
		}
	}
}

// waitUntil is harness.WaitFor for a condition without an error, bounded by
// what is left of ctx.
func waitUntil(t *testing.T, ctx context.Context, what string, cond func() bool) {
	t.Helper()
	deadline, _ := ctx.Deadline()
	harness.WaitFor(t, what, time.Until(deadline), func() (bool, error) { return cond(), nil })
}
