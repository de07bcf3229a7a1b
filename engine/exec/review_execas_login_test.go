package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestReviewExecuteAsLoginFromUserContext (review, session 10): a user
// context holds no server-level identity, so EXECUTE AS LOGIN inside one
// fails (15406) even for the login the user maps to — SQL Server refuses
// it the same way. A db_owner that impersonated dbo (whose login is the
// database owner, sa) then ran EXECUTE AS LOGIN = 'sa': the "impersonate
// your own login" shortcut compared with the context's login and made the
// session sysadmin. The same login outside a user context still may.
func TestReviewExecuteAsLoginFromUserContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "reviewexecaslogin")
	sa := newSASession(t, inst)
	for _, q := range []string{
		"CREATE DATABASE rel",
		"USE rel",
		"CREATE LOGIN lo WITH PASSWORD = 'Passw0rd!lo'",
		"CREATE USER lo FOR LOGIN lo",
		"ALTER ROLE db_owner ADD MEMBER lo",
		"CREATE USER nologin WITHOUT LOGIN",
	} {
		out := &aggTrace{}
		if err := sa.ExecBatch(ctx, q, out); err != nil || strings.Contains(strings.Join(out.lines, ";"), "error") {
			t.Fatalf("%s: %v %q", q, err, out.lines)
		}
	}
	for _, tc := range []struct{ name, q, want string }{
		{"dbo then login sa", "EXECUTE AS USER = 'dbo'; EXECUTE AS LOGIN = 'sa'; SELECT IS_SRVROLEMEMBER('sysadmin')",
			"error 15406/16: Cannot execute as the server principal because the principal \"sa\" does not exist, this type of principal cannot be impersonated, or you do not have permission.;--;0"},
		{"own user then own login", "EXECUTE AS USER = 'lo'; EXECUTE AS LOGIN = 'lo'; SELECT SUSER_SNAME(), USER_NAME()",
			"error 15406/16: Cannot execute as the server principal because the principal \"lo\" does not exist, this type of principal cannot be impersonated, or you do not have permission.;--;lo|lo"},
		{"own login outside a user context", "EXECUTE AS LOGIN = 'lo'; SELECT SUSER_SNAME(), IS_SRVROLEMEMBER('sysadmin')", "--;lo|0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lo, err := inst.NewSession("lo", "rel", exec.SessionInfo{})
			if err != nil {
				t.Fatal(err)
			}
			defer inst.EndSession(lo)
			out := &aggTrace{}
			if err := lo.ExecBatch(ctx, tc.q, out); err != nil {
				out.lines = append(out.lines, "returned: "+err.Error())
			}
			if got := strings.Join(out.lines, ";"); got != tc.want {
				t.Errorf("%s:\n got %q\nwant %q", tc.q, got, tc.want)
			}
		})
	}
}
