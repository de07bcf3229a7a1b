package tests

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestClientLoginOptions: go-mssqldb logs in with LOGIN7 fODBC and gets SQL
// Server's ODBC defaults, @@OPTIONS 5432 (ARITHABORT is OFF for
// applications; it was 5496); DBCC USEROPTIONS lists exactly the options
// @@OPTIONS has (it left out arithabort, ansi_warnings, ansi_padding and
// ansi_null_dflt_on); a pooled connection's reset (RESETCONNECTION) returns
// to the login's defaults.
func TestClientLoginOptions(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "loginopts"})
	db := srv.DB("master")
	defer db.Close()
	db.SetMaxOpenConns(1) // the next request reuses, and resets, the same session
	ctx := context.Background()

	// userOptionBits are DBCC USEROPTIONS rows and their @@OPTIONS bits.
	userOptionBits := map[string]int{"quoted_identifier": 256, "arithabort": 64, "ansi_null_dflt_on": 1024,
		"ansi_warnings": 8, "ansi_padding": 16, "ansi_nulls": 32, "concat_null_yields_null": 4096, "xact_abort": 16384}
	check := func(t *testing.T, conn *sql.Conn, wantOpts int) {
		t.Helper()
		var opts int
		if err := conn.QueryRowContext(ctx, "SELECT @@OPTIONS").Scan(&opts); err != nil {
			t.Fatal(err)
		}
		if opts != wantOpts {
			t.Errorf("@@OPTIONS = %d, want %d", opts, wantOpts)
		}
		rows, err := conn.QueryContext(ctx, "DBCC USEROPTIONS")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		listed := map[string]bool{}
		for rows.Next() {
			var name, value string
			if err := rows.Scan(&name, &value); err != nil {
				t.Fatal(err)
			}
			if _, ok := userOptionBits[name]; ok {
				listed[name] = true
			}
		}
		for _, name := range slices.Sorted(maps.Keys(userOptionBits)) {
			if bitSet := opts&userOptionBits[name] != 0; listed[name] != bitSet {
				t.Errorf("DBCC USEROPTIONS lists %s: %v; @@OPTIONS has it: %v", name, listed[name], bitSet)
			}
		}
	}
	conn := appConn(t, db)
	check(t, conn, 5432)
	connExec(t, conn, "SET ARITHABORT ON SET ANSI_NULLS OFF SET XACT_ABORT ON")
	check(t, conn, 5432+64-32+16384)
	conn.Close()

	// database/sql resets a pooled session before reusing it.
	mustExec(t, db, "SELECT 1")
	var opts int
	if err := db.QueryRowContext(ctx, "SELECT @@OPTIONS").Scan(&opts); err != nil {
		t.Fatal(err)
	}
	if opts != 5432 {
		t.Errorf("@@OPTIONS after reset = %d, want 5432", opts)
	}
}
