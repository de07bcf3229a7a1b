package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestReviewNoExecInstanceStatements (review, session 9): SET NOEXEC,
// PARSEONLY and SHOWPLAN_TEXT stop every statement, also those the
// instance runs rather than the executor (databases, logins, backup,
// mirroring, KILL): SSMS's Parse and Display Estimated Plan send a DBA's
// script under these options, and a DROP DATABASE in it must not run.
func TestReviewNoExecInstanceStatements(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "reviewnoexec")
	s := newSASession(t, inst)
	run := func(q string) string {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			out.lines = append(out.lines, "returned: "+err.Error())
		}
		return strings.Join(out.lines, ";")
	}
	bak := t.TempDir() + "/x.bak"
	for _, q := range []string{"CREATE DATABASE keepme", "CREATE LOGIN keeplogin WITH PASSWORD = 'Passw0rd!k'", "CREATE TABLE keepme.dbo.t (i int)"} {
		if got := run(q); strings.Contains(got, "error") {
			t.Fatalf("%s: %s", q, got)
		}
	}
	stmts := []string{
		"DROP DATABASE keepme",
		"ALTER DATABASE keepme MODIFY NAME = renamed",
		"ALTER DATABASE keepme SET READ_ONLY",
		"DROP LOGIN keeplogin",
		"CREATE DATABASE madeunder",
		"BACKUP DATABASE keepme TO DISK = '" + bak + "'",
		"DROP TABLE keepme.dbo.t",
	}
	check := "SELECT (SELECT COUNT(*) FROM sys.databases WHERE name = 'keepme' AND is_read_only = 0), (SELECT COUNT(*) FROM sys.databases WHERE name IN ('renamed', 'madeunder')), " +
		"(SELECT COUNT(*) FROM sys.server_principals WHERE name = 'keeplogin'), (SELECT COUNT(*) FROM keepme.sys.tables WHERE name = 't')"
	for _, opt := range []string{"NOEXEC", "PARSEONLY", "SHOWPLAN_TEXT"} {
		for _, q := range stmts {
			t.Run(opt+"/"+q, func(t *testing.T) {
				batch := "SET " + opt + " ON"
				if opt == "NOEXEC" {
					batch += "; " + q + "; SET NOEXEC OFF"
				} else {
					batch += "\n" // these options must be alone in their batch
					run(batch)
					batch = q
				}
				got := run(batch)
				if opt != "NOEXEC" {
					got += " / " + run("SET "+opt+" OFF")
				}
				if after := run(check); after != "--;1|0|1|1" {
					t.Fatalf("%s under SET %s ON ran (%q): %q", q, opt, got, after)
				}
			})
		}
	}
}
