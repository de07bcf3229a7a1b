package mirroring_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestPrincipalDiskFullWhileSuspended: with mirroring SUSPENDED the
// principal keeps the log the mirror has not received
// (log_reuse_wait_desc DATABASE_MIRRORING), and when its disk fills the
// failing statement gets what SQL Server reports then — 9002 "The
// transaction log for database '…' is full due to 'DATABASE_MIRRORING'."
// (severity 17), not 1105 — and rolls back. Once the disk has room, RESUME
// ships the kept log and the session is SYNCHRONIZED again with every
// acknowledged row on the mirror (issues #4, #6).
func TestPrincipalDiskFullWhileSuspended(t *testing.T) {
	fs := mountSmallFS(t, mirrorDiskFS)
	c := newCluster(t, setupOptions{principalData: filepath.Join(fs, "data")})
	p, m := c.principal, c.mirror
	db := p.DB(dbName)
	harness.MustExec(t, db, "CREATE TABLE dbo.big (id int NOT NULL PRIMARY KEY, payload varchar(4000) NOT NULL)")
	c.mustAlter(p, "SET PARTNER SUSPEND")
	c.waitState(p, "SUSPENDED")
	const rows = 100
	insert := func(first int) error {
		var b strings.Builder
		b.WriteString("INSERT dbo.big (id, payload) VALUES ")
		for i := range rows {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "(%d, REPLICATE('p', 4000))", first+i)
		}
		_, err := db.ExecContext(context.Background(), b.String())
		return err
	}
	filler := fillDisk(t, fs, (64+24)<<20)
	acked := 0
	var full mssql.Error
	for {
		if acked > 100_000 {
			t.Fatalf("no error after %d rows", acked)
		}
		err := insert(acked)
		if err == nil {
			acked += rows
			continue
		}
		if !errors.As(err, &full) {
			t.Fatalf("insert at %d on the full disk: %v, want SQL Server error 9002", acked, err)
		}
		break
	}
	t.Logf("the principal's disk full after %d rows: %d (severity %d) %s", acked, full.Number, full.Class, full.Message)
	want := "The transaction log for database '" + dbName + "' is full due to 'DATABASE_MIRRORING'."
	if full.Number != 9002 || full.Class != 17 || full.Message != want {
		t.Errorf("full disk while SUSPENDED: %d (severity %d) %q, want 9002 (severity 17) %q", full.Number, full.Class, full.Message, want)
	}
	wait, err := harness.QueryString(context.Background(), c.master(p), "SELECT log_reuse_wait_desc FROM sys.databases WHERE name = @p1", dbName)
	if err != nil || wait != "DATABASE_MIRRORING" {
		t.Errorf("log_reuse_wait_desc while suspended: %q (%v), want DATABASE_MIRRORING", wait, err)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	c.mustAlter(p, "SET PARTNER RESUME")
	c.waitRole(p, "PRINCIPAL", "SYNCHRONIZED")
	c.waitRole(m, "MIRROR", "SYNCHRONIZED")
	if err := insert(acked); err != nil {
		t.Fatalf("insert after RESUME: %v", err)
	}
	acked += rows
	c.manualFailover(p, m)
	if n, err := c.count(m, "big"); err != nil || n != acked {
		t.Errorf("rows on the new principal: %d (%v), want the %d acknowledged", n, err, acked)
	}
}
