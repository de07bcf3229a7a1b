package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestReviewPermissionReadThroughWrite (review, session 9): a user granted
// UPDATE, DELETE and INSERT on dbo.t but not SELECT must not read dbo.t
// through a write. SQL Server requires SELECT on the columns an OUTPUT
// clause returns, a WHERE clause tests, or a SET expression reads, and
// answers 229 for SELECT; a write that reads no column of the table runs.
func TestReviewPermissionReadThroughWrite(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "reviewpermread")
	sa := newSASession(t, inst)
	for _, q := range []string{
		"CREATE DATABASE rr",
		"USE rr",
		"CREATE TABLE dbo.t (id int PRIMARY KEY, secret varchar(20) NULL)",
		"INSERT dbo.t VALUES (1, 'topsecret'), (2, 'classified')",
		"CREATE LOGIN w WITH PASSWORD = 'Passw0rd!w'",
		"CREATE USER w FOR LOGIN w",
		"GRANT UPDATE, DELETE, INSERT ON dbo.t TO w",
	} {
		if err := sa.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	w, err := inst.NewSession("w", "rr", exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	const denied = "error 229/14: The SELECT permission was denied on the object 't', database 'rr', schema 'dbo'."
	for _, c := range []struct {
		name, q string
		want    string // the trace's first line
	}{
		{"UPDATE OUTPUT inserted", "UPDATE dbo.t SET secret = secret OUTPUT inserted.secret WHERE 1 = 0", denied},
		{"UPDATE OUTPUT deleted", "BEGIN TRAN; UPDATE dbo.t SET secret = 'x' OUTPUT deleted.secret; ROLLBACK", denied},
		{"DELETE OUTPUT deleted", "BEGIN TRAN; DELETE dbo.t OUTPUT deleted.secret; ROLLBACK", denied},
		{"UPDATE WHERE column", "UPDATE dbo.t SET secret = secret WHERE secret LIKE 't%' AND 1 = 0", denied},
		{"DELETE WHERE column", "DELETE dbo.t WHERE secret LIKE 'top%' AND 1 = 0", denied},
		{"UPDATE SET reads column", "UPDATE dbo.t SET secret = secret WHERE 1 = 0", denied},
		{"UPDATE no read", "UPDATE dbo.t SET secret = secret + '' WHERE 1 = 0", denied},
		{"UPDATE constant", "BEGIN TRAN; UPDATE dbo.t SET secret = 'x'; ROLLBACK", ""},
		{"DELETE everything", "BEGIN TRAN; DELETE dbo.t; ROLLBACK", ""},
		{"INSERT OUTPUT inserted", "INSERT dbo.t OUTPUT inserted.secret VALUES (3, 'c')", denied},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := &aggTrace{}
			if err := w.ExecBatch(ctx, c.q, out); err != nil {
				out.lines = append(out.lines, "returned: "+err.Error())
			}
			got := ""
			for _, l := range out.lines {
				if strings.HasPrefix(l, "error") || strings.HasPrefix(l, "returned") || l != "--" {
					got = l
					break
				}
			}
			if got != c.want {
				t.Errorf("%s: first line %q (all %q), want %q", c.q, got, out.lines, c.want)
			}
		})
	}
}
