package tests

import (
	"errors"
	"fmt"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestBuiltinProcErrorsUnderXactAbort: SQL Server's system procedures
// raise their own errors (the 15000–15999 block) with RAISERROR, which SET
// XACT_ABORT ON does not apply to — the transaction stays open and
// committable and the batch goes on to its next statement. An engine error
// while a system procedure runs a statement (a duplicate key inside
// sp_MSforeachtable's command) rolls the transaction back as anywhere.
func TestBuiltinProcErrorsUnderXactAbort(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "procxact"})
	ctx := t.Context()
	conn, err := srv.DB("master").Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{"CREATE DATABASE procxact", "USE procxact", "CREATE TABLE dbo.xa (id int PRIMARY KEY)", "INSERT dbo.xa VALUES (0)", "SET XACT_ABORT ON"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	state := func() (tc, xs int) {
		t.Helper()
		if err := conn.QueryRowContext(ctx, "SELECT @@TRANCOUNT, XACT_STATE()").Scan(&tc, &xs); err != nil {
			t.Fatal(err)
		}
		return tc, xs
	}
	rows := func() (n int) {
		t.Helper()
		if err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.xa").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for i, tc := range []struct {
		name, exec string
		number     int32
		aborts     bool
	}{
		{"sp_rename duplicate name", "EXEC sp_rename 'dbo.xa', 'xa'", 15335, false},
		{"sp_rename unknown object", "EXEC sp_rename 'dbo.nothere', 'y'", 15248, false},
		{"sp_helpindex unknown table", "EXEC sp_helpindex 'dbo.nothere'", 15009, false},
		{"sp_addrolemember unknown role", "EXEC sp_addrolemember 'norole', 'dbo'", 15151, false},
		{"engine error inside sp_MSforeachtable", "EXEC sp_MSforeachtable 'INSERT INTO ? VALUES (0)'", 2627, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := rows()
			id := 100 + i
			// The error, then a statement of the same batch: it runs
			// only if the error did not end the batch.
			_, err := conn.ExecContext(ctx, fmt.Sprintf("BEGIN TRAN; INSERT dbo.xa VALUES (%d); %s; INSERT dbo.xa VALUES (%d)", id, tc.exec, id+50))
			var me mssql.Error
			if !errors.As(err, &me) || me.Number != tc.number {
				t.Fatalf("error = %v, want %d", err, tc.number)
			}
			tran, xs := state()
			if tc.aborts {
				// Whether the rest of the batch runs is not checked: an
				// error inside dynamic SQL does not end the caller's batch
				// here (runDynamic), a separate matter.
				var kept int
				if err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.xa WHERE id = @p1", id).Scan(&kept); err != nil {
					t.Fatal(err)
				}
				if tran != 0 || xs != 0 || kept != 0 {
					t.Fatalf("@@TRANCOUNT %d, XACT_STATE() %d, the transaction's row kept %d; want it rolled back", tran, xs, kept)
				}
				return
			}
			if tran != 1 || xs != 1 {
				t.Fatalf("@@TRANCOUNT %d, XACT_STATE() %d; want 1, 1 (open and committable)", tran, xs)
			}
			if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
				t.Fatal(err)
			}
			if got := rows(); got != before+2 {
				t.Fatalf("rows %d → %d; want both INSERTs of the batch committed", before, got)
			}
		})
	}
	// 119 is a compile error of the batch, which XACT_ABORT does not
	// apply to (Microsoft's SET XACT_ABORT page).
	t.Run("positional after named", func(t *testing.T) {
		if _, err := conn.ExecContext(ctx, "BEGIN TRAN; INSERT dbo.xa VALUES (200)"); err != nil {
			t.Fatal(err)
		}
		_, err := conn.ExecContext(ctx, "EXEC sp_rename @objname = 'dbo.xa', 'y'")
		var me mssql.Error
		if !errors.As(err, &me) || me.Number != 119 {
			t.Fatalf("error = %v, want 119", err)
		}
		if tran, xs := state(); tran != 1 || xs != 1 {
			t.Fatalf("@@TRANCOUNT %d, XACT_STATE() %d; want 1, 1", tran, xs)
		}
		if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
			t.Fatal(err)
		}
	})
}
