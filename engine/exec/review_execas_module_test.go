package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestReviewModuleExecuteAsNeedsImpersonate (review, session 10): to give a
// procedure, function or trigger WITH EXECUTE AS 'user', its creator must be
// allowed to impersonate that user (Microsoft, EXECUTE AS Clause:
// "you must have IMPERSONATE permissions on the specified principal … You
// can always impersonate yourself"), else 15151. Nothing was checked: a
// user with CREATE PROCEDURE in its own schema wrote a procedure WITH
// EXECUTE AS 'dbo' and read what only dbo may.
func TestReviewModuleExecuteAsNeedsImpersonate(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "reviewexecasmod")
	sa := newSASession(t, inst)
	for _, q := range []string{
		"CREATE DATABASE rem",
		"USE rem",
		"CREATE TABLE dbo.secret (v int)",
		"INSERT dbo.secret VALUES (42)",
		"CREATE LOGIN lo WITH PASSWORD = 'Passw0rd!lo'",
		"CREATE USER lo FOR LOGIN lo",
		"CREATE USER other WITHOUT LOGIN",
		"CREATE USER granted WITHOUT LOGIN",
		"GRANT IMPERSONATE ON USER::granted TO lo",
		"CREATE SCHEMA s AUTHORIZATION lo",
		"GRANT CREATE PROCEDURE, CREATE FUNCTION, CREATE TABLE TO lo",
	} {
		out := &aggTrace{}
		if err := sa.ExecBatch(ctx, q, out); err != nil || strings.Contains(strings.Join(out.lines, ";"), "error") {
			t.Fatalf("%s: %v %q", q, err, out.lines)
		}
	}
	lo, err := inst.NewSession("lo", "rem", exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.EndSession(lo)
	run := func(q string) string {
		out := &aggTrace{}
		if err := lo.ExecBatch(ctx, q, out); err != nil {
			out.lines = append(out.lines, "returned: "+err.Error())
		}
		return strings.Join(out.lines, ";")
	}
	denied := func(user string) string {
		return "error 15151/16: Cannot execute as the user '" + user + "', because it does not exist or you do not have permission."
	}
	if got := run("CREATE TABLE s.t (v int)"); got != "" {
		t.Fatalf("CREATE TABLE s.t: %q", got)
	}
	for _, tc := range []struct{ name, create, want, exec, result string }{
		{"procedure as dbo", "CREATE PROCEDURE s.p WITH EXECUTE AS 'dbo' AS SELECT v FROM dbo.secret", denied("dbo"), "", ""},
		{"procedure as another user", "CREATE PROCEDURE s.p2 WITH EXECUTE AS N'other' AS SELECT 1", denied("other"), "", ""},
		{"procedure as a missing user", "CREATE PROCEDURE s.p3 WITH EXECUTE AS 'nobody' AS SELECT 1", denied("nobody"), "", ""},
		{"function as dbo", "CREATE FUNCTION s.f() RETURNS int WITH EXECUTE AS 'dbo' AS BEGIN RETURN (SELECT MAX(v) FROM dbo.secret) END", denied("dbo"), "", ""},
		{"trigger as dbo", "CREATE TRIGGER s.tr ON s.t WITH EXECUTE AS 'dbo' AFTER INSERT AS SELECT 1", denied("dbo"), "", ""},
		{"procedure as itself", "CREATE PROCEDURE s.own WITH EXECUTE AS 'lo' AS SELECT USER_NAME()", "", "EXEC s.own", "--;lo"},
		{"procedure as self", "CREATE PROCEDURE s.self WITH EXECUTE AS SELF AS SELECT USER_NAME()", "", "EXEC s.self", "--;lo"},
		{"procedure as an impersonable user", "CREATE PROCEDURE s.imp WITH EXECUTE AS 'granted' AS SELECT USER_NAME()", "", "EXEC s.imp", "--;granted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(tc.create); got != tc.want {
				t.Errorf("%s:\n got %q\nwant %q", tc.create, got, tc.want)
			}
			if tc.exec != "" {
				if got := run(tc.exec); got != tc.result {
					t.Errorf("%s:\n got %q\nwant %q", tc.exec, got, tc.result)
				}
			}
		})
	}
	if got := run("SELECT COUNT(*) FROM sys.objects WHERE name IN ('p', 'p2', 'p3', 'f', 'tr')"); got != "--;0" {
		t.Errorf("modules made despite 15151: %q", got)
	}
}
