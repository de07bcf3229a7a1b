package tests

import (
	"context"
	"database/sql"
	"strconv"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestClientOpenTran: the blocking investigation a DBA runs from a second
// connection while another session sleeps with an open transaction. DBCC
// OPENTRAN names that session as the oldest active transaction of the
// database it wrote in (not of another database, and not before it wrote),
// with the transaction's name; DBCC INPUTBUFFER shows the batch that left
// it open; sys.dm_tran_active_transactions lists it; after COMMIT they are
// empty again.
func TestClientOpenTran(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "opentran"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE ot")
	db := srv.DB("ot")
	mustExec(t, db, "CREATE TABLE dbo.t (i int)")
	ctx := context.Background()
	a, b := appConn(t, db), appConn(t, db)
	var spidA int
	if err := a.QueryRowContext(ctx, "SELECT @@SPID").Scan(&spidA); err != nil {
		t.Fatal(err)
	}
	openTran := func(target string) map[string]string {
		t.Helper()
		rows, err := b.QueryContext(ctx, "DBCC OPENTRAN("+target+") WITH TABLERESULTS, NO_INFOMSGS")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		got := map[string]string{}
		for rows.Next() {
			var k string
			var v sql.NullString
			if err := rows.Scan(&k, &v); err != nil {
				t.Fatal(err)
			}
			got[k] = v.String
		}
		return got
	}

	if _, err := a.ExecContext(ctx, "BEGIN TRAN nightly_load"); err != nil {
		t.Fatal(err)
	}
	if got := openTran("ot"); len(got) != 0 {
		t.Errorf("a transaction that wrote nothing yet: %v, want no open transaction", got)
	}
	const batch = "INSERT dbo.t VALUES (1) /* left open */"
	if _, err := a.ExecContext(ctx, batch); err != nil {
		t.Fatal(err)
	}
	got := openTran("ot")
	if got["OLDACT_SPID"] != itoa(spidA) || got["OLDACT_NAME"] != "nightly_load" || got["OLDACT_LSN"] == "" || got["OLDACT_STARTTIME"] == "" {
		t.Errorf("DBCC OPENTRAN(ot): %v; want session %d's nightly_load", got, spidA)
	}
	if got := openTran("master"); len(got) != 0 {
		t.Errorf("DBCC OPENTRAN(master): %v; the transaction wrote in ot only", got)
	}
	var event, info string
	var params int
	if err := b.QueryRowContext(ctx, "DBCC INPUTBUFFER("+itoa(spidA)+") WITH NO_INFOMSGS").Scan(&event, &params, &info); err != nil || info != batch || event != "Language Event" {
		t.Errorf("DBCC INPUTBUFFER: %q %d %q (%v); want the batch %q", event, params, info, err, batch)
	}
	var name string
	if err := b.QueryRowContext(ctx, "SELECT name FROM sys.dm_tran_active_transactions WHERE transaction_id = "+itoa(spidA)).Scan(&name); err != nil || name != "nightly_load" {
		t.Errorf("sys.dm_tran_active_transactions: %q (%v)", name, err)
	}
	if _, err := a.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	if got := openTran("ot"); len(got) != 0 {
		t.Errorf("after COMMIT: %v, want no open transaction", got)
	}
	if _, err := b.ExecContext(ctx, "DBCC INPUTBUFFER(32000)"); err == nil {
		t.Errorf("DBCC INPUTBUFFER of no session: no error, want 7955")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
