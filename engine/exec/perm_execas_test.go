package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestExecuteAsContexts runs the execution-context rules of perm_execas.go
// in-process, one batch per step on one sa session whose context carries
// from step to step: the context stack, modules' WITH EXECUTE AS on
// procedures, functions and triggers, EXECUTE AS CALLER, REVERT's scope
// (15199 in another database, nothing to undo inside a module) and the
// functions that name the context. Each step's trace is compared whole:
// "--" starts a result set, rows are "a|b", errors "error N/severity: text".
func TestExecuteAsContexts(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "execas")
	sa := newSASession(t, inst)
	for _, q := range []string{
		"CREATE DATABASE ea",
		"CREATE DATABASE eb",
		"CREATE LOGIN ann WITH PASSWORD = 'Passw0rd!ann'",
		"USE ea",
		"CREATE USER ann FOR LOGIN ann",
		"CREATE USER bot WITHOUT LOGIN",
		"CREATE TABLE dbo.t (id int PRIMARY KEY, who sysname NULL)",
		"CREATE TABLE dbo.audit (who sysname, orig sysname)",
		"GRANT SELECT, INSERT ON dbo.t TO ann",
		"CREATE FUNCTION dbo.whoami() RETURNS sysname WITH EXECUTE AS 'bot' AS BEGIN RETURN USER_NAME() END",
		"CREATE TRIGGER dbo.t_ins ON dbo.t WITH EXECUTE AS 'bot' AFTER INSERT AS INSERT dbo.audit SELECT USER_NAME(), ORIGINAL_LOGIN()",
		"CREATE PROCEDURE dbo.caller WITH EXECUTE AS OWNER AS SELECT USER_NAME(); EXECUTE AS CALLER; SELECT USER_NAME(); REVERT; SELECT USER_NAME()",
		"GRANT EXECUTE ON dbo.whoami TO ann",
		"GRANT EXECUTE ON dbo.caller TO ann",
	} {
		if err := sa.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, c := range []struct {
		name, q string
		want    []string
	}{
		{"own context", "SELECT SUSER_SNAME(), USER_NAME(), ORIGINAL_LOGIN()", []string{"--", "sa|dbo|sa"}},
		{"USER_NAME by id", "SELECT USER_NAME(1), USER_NAME(USER_ID('ann')), USER_ID('nobody')", []string{"--", "dbo|ann|NULL"}},
		{"enter ann", "EXECUTE AS USER = 'ann'; SELECT USER_NAME()", []string{"--", "ann"}},
		{"the context stays for the next batch", "SELECT SUSER_SNAME(), ORIGINAL_LOGIN()", []string{"--", "ann|sa"}},
		{"function runs as bot", "SELECT dbo.whoami(), USER_NAME()", []string{"--", "bot|ann"}},
		{"trigger runs as bot", "INSERT dbo.t VALUES (1, NULL)", nil},
		{"ann may not read the audit", "SELECT who FROM dbo.audit", []string{"error 229/14: The SELECT permission was denied on the object 'audit', database 'ea', schema 'dbo'."}},
		{"EXECUTE AS CALLER in an OWNER procedure", "EXEC dbo.caller", []string{"--", "dbo", "--", "ann", "--", "dbo"}},
		{"back to ann after the procedure", "SELECT USER_NAME()", []string{"--", "ann"}},
		{"ann is guest-less in eb", "SELECT COUNT(*) FROM eb.sys.objects", []string{`error 916/14: The server principal "ann" is not able to access the database "eb" under the current security context.`}},
		{"ann cannot become bot", "EXECUTE AS USER = 'bot'", []string{`error 15517/16: Cannot execute as the database principal because the principal "bot" does not exist, this type of principal cannot be impersonated, or you do not have permission.`}},
		{"leave ann", "REVERT; SELECT USER_NAME()", []string{"--", "dbo"}},
		{"the trigger wrote as bot", "SELECT who, orig FROM dbo.audit", []string{"--", "bot|sa"}},
		{"a user context cannot USE a database without guest", "EXECUTE AS USER = 'bot'; USE eb", []string{`error 916/14: The server principal "S-1-9-3-` + "X" + `" is not able to access the database "eb" under the current security context.`}},
		{"a user context reaches master as guest", "USE master; SELECT USER_NAME()", []string{"--", "guest"}},
		{"REVERT in another database", "REVERT", []string{"error 15199/16: The current security context cannot be reverted. Please switch to the original database where 'Execute As' was called and try it again."}},
		{"REVERT in its database", "USE ea; REVERT; SELECT USER_NAME()", []string{"--", "dbo"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := &aggTrace{}
			if err := sa.ExecBatch(ctx, c.q, out); err != nil {
				out.lines = append(out.lines, "returned: "+err.Error())
			}
			got := strings.Join(out.lines, "\n")
			if strings.Contains(c.q, "USE eb") { // the SID names the database and user ids
				got = sidPattern(got)
			}
			if want := strings.Join(c.want, "\n"); got != want {
				t.Errorf("%s:\n got %q\nwant %q", c.q, got, want)
			}
		})
	}
}

// sidPattern replaces the digits of a "S-1-9-3-d-u" login name by X.
func sidPattern(s string) string {
	i := strings.Index(s, "S-1-9-3-")
	if i < 0 {
		return s
	}
	j := i + len("S-1-9-3-")
	k := j
	for k < len(s) && (s[k] >= '0' && s[k] <= '9' || s[k] == '-') {
		k++
	}
	return s[:j] + "X" + s[k:]
}
