package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestReviewExecuteAsUserStaysInDatabase (review, session 9): EXECUTE AS
// USER is scoped to its database, as in SQL Server: a db_owner that
// impersonates dbo (whose login is the database owner, here sa) gets dbo's
// rights in that database and none of sa's at the server: no sysadmin, no
// CREATE LOGIN, no other database.
func TestReviewExecuteAsUserStaysInDatabase(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "reviewexecas")
	sa := newSASession(t, inst)
	for _, q := range []string{
		"CREATE DATABASE rea",
		"CREATE DATABASE other",
		"CREATE TABLE other.dbo.secret (v int)",
		"USE rea",
		"CREATE LOGIN lo WITH PASSWORD = 'Passw0rd!lo'",
		"CREATE USER lo FOR LOGIN lo",
		"ALTER ROLE db_owner ADD MEMBER lo",
	} {
		out := &aggTrace{}
		if err := sa.ExecBatch(ctx, q, out); err != nil || strings.Contains(strings.Join(out.lines, ";"), "error") {
			t.Fatalf("%s: %v %q", q, err, out.lines)
		}
	}
	lo, err := inst.NewSession("lo", "rea", exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	run := func(q string) string {
		out := &aggTrace{}
		if err := lo.ExecBatch(ctx, q, out); err != nil {
			out.lines = append(out.lines, "returned: "+err.Error())
		}
		return strings.Join(out.lines, ";")
	}
	if got := run("EXECUTE AS USER = 'dbo'; SELECT USER_NAME()"); got != "--;dbo" {
		t.Fatalf("EXECUTE AS USER = 'dbo': %q", got)
	}
	for _, c := range []struct{ name, q string }{
		{"sysadmin", "SELECT IS_SRVROLEMEMBER('sysadmin')"},
		{"CREATE LOGIN", "CREATE LOGIN evil WITH PASSWORD = 'Passw0rd!ev'; SELECT 1"},
		{"other database", "SELECT COUNT(*) FROM other.dbo.secret"},
		{"server role", "ALTER SERVER ROLE sysadmin ADD MEMBER lo; SELECT 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := run(c.q)
			if c.name == "sysadmin" {
				if got != "--;0" {
					t.Errorf("%s as dbo impersonated by a db_owner: %q, want 0", c.q, got)
				}
				return
			}
			if !strings.Contains(got, "error") {
				t.Errorf("%s ran as dbo impersonated by a db_owner: %q", c.q, got)
			}
		})
	}
	out := &aggTrace{}
	if err := sa.ExecBatch(ctx, "SELECT COUNT(*) FROM sys.server_principals WHERE name = 'evil'; SELECT IS_SRVROLEMEMBER('sysadmin', 'lo')", out); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(out.lines, ";"); got != "--;0;--;0" {
		t.Errorf("server state after: %q", got)
	}
}
