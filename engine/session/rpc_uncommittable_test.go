package session

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/tds/tdstest"
)

// TestRPCUncommittableAtEnd: an RPC request (here go-mssqldb's
// sp_executesql for a parameterized query) that leaves its transaction
// uncommittable — XACT_ABORT ON, an error caught by TRY — ends as a SQL
// batch does: SQL Server rolls the transaction back and raises 3998
// "Uncommittable transaction is detected at the end of the batch. The
// transaction is rolled back." Before, the doomed transaction stayed open
// after the request (@@TRANCOUNT 1) and the client heard nothing.
func TestRPCUncommittableAtEnd(t *testing.T) {
	inst, err := engine.Open(engine.Config{DataDir: t.TempDir(), ServerName: "rpc", SAPassword: "Test!Passw0rd", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.Close() })
	srv := tdstest.StartServer(t, &Handler{Inst: inst})
	db, err := sql.Open("sqlserver", srv.DSN("sa", "Test!Passw0rd", "encrypt=disable"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	c, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, "CREATE TABLE dbo.t (id int PRIMARY KEY); INSERT dbo.t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query string
		doomed      bool
	}{
		{"doomed", "SET XACT_ABORT ON; BEGIN TRY INSERT dbo.t VALUES (@p1) END TRY BEGIN CATCH END CATCH", true},
		{"committable", "BEGIN TRY INSERT dbo.t VALUES (@p1) END TRY BEGIN CATCH END CATCH", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := c.ExecContext(ctx, "SET XACT_ABORT OFF; BEGIN TRAN"); err != nil {
				t.Fatal(err)
			}
			_, err := c.ExecContext(ctx, tc.query, 1) // an RPC: sp_executesql
			var me mssql.Error
			got3998 := errors.As(err, &me) && me.Number == 3998
			if got3998 != tc.doomed {
				t.Fatalf("error %v; want 3998: %v", err, tc.doomed)
			}
			if tc.doomed && (me.Class != 16 || me.State != 1 || me.Message != "Uncommittable transaction is detected at the end of the batch. The transaction is rolled back.") {
				t.Fatalf("3998 as %+v", me)
			}
			var n int
			if err := c.QueryRowContext(ctx, "SELECT @@TRANCOUNT").Scan(&n); err != nil {
				t.Fatal(err)
			}
			want := 1
			if tc.doomed {
				want = 0
			}
			if n != want {
				t.Fatalf("@@TRANCOUNT after the request = %d, want %d", n, want)
			}
			if n > 0 {
				if _, err := c.ExecContext(ctx, "ROLLBACK"); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
