package tests

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"
)

// Kept UPDATE/DELETE plans with their compiled source, SET list and WHERE
// (engine/exec/dmlcompiled.go) through go-mssqldb: the same UPDATE by key
// on one connection, as a driver sends it again and again (sp_executesql
// and a prepared statement), must see every change another connection
// makes meanwhile — DENY (229), a column DENY (230), a CHECK added (547),
// a trigger, an index, dropped columns (207) — and an explicit
// transaction's rollback; every increment it reports must be in the table.
func TestDMLCompiledOverTDS(t *testing.T) {
	srv := startPermServer(t, "dmlcompiled")
	ctx := context.Background()
	admin := srv.DB("permdb")
	mustExec(t, admin, "CREATE TABLE dbo.dc (id int PRIMARY KEY, v int NOT NULL, w int NULL)")
	mustExec(t, admin, "CREATE TABLE dbo.dc_log (n int IDENTITY PRIMARY KEY, id int NOT NULL)")
	mustExec(t, admin, "INSERT dbo.dc VALUES (1, 0, NULL), (2, 0, NULL), (3, 0, NULL)")
	mustExec(t, admin, "GRANT SELECT, UPDATE, DELETE ON dbo.dc TO app")

	const update = "UPDATE dbo.dc SET v = v + @p2 WHERE id = @p1"
	appDB, app, prep := appConnPrepared(t, srv, update)

	added := map[int]int{} // by id, the increments the server reported done
	// upd runs the update both ways and expects n rows, or the error number;
	// n < 0: one row, its count not checked (a trigger's INSERT adds its own).
	upd := func(step string, id, d int, n int64, errNum int32) {
		t.Helper()
		for _, how := range []string{"sp_executesql", "prepared"} {
			var res sql.Result
			var err error
			if how == "prepared" {
				res, err = prep.ExecContext(ctx, id, d)
			} else {
				res, err = app.ExecContext(ctx, update, id, d)
			}
			var me mssql.Error
			switch {
			case errNum != 0:
				if !errors.As(err, &me) || me.Number != errNum {
					t.Errorf("%s (%s): got %v; want error %d", step, how, err, errNum)
				}
			case err != nil:
				t.Errorf("%s (%s): %v", step, how, err)
			default:
				if got, _ := res.RowsAffected(); n >= 0 && got != n {
					t.Errorf("%s (%s): %d rows, want %d", step, how, got, n)
				}
				added[id] += d * int(max(n, 1))
			}
		}
	}
	value := func(id int) int {
		t.Helper()
		var v int
		if err := admin.QueryRowContext(ctx, "SELECT v FROM dbo.dc WHERE id = @p1", id).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}

	upd("granted", 1, 1, 1, 0)
	upd("granted, again", 2, 1, 1, 0)
	upd("no such row", 9, 1, 0, 0)
	mustExec(t, admin, "DENY SELECT ON dbo.dc TO app")
	upd("after DENY", 1, 1, 0, 229)
	mustExec(t, admin, "REVOKE SELECT ON dbo.dc FROM app")
	mustExec(t, admin, "GRANT SELECT ON dbo.dc TO app")
	upd("granted again", 1, 1, 1, 0)
	mustExec(t, admin, "DENY SELECT ON dbo.dc (v) TO app")
	upd("after a column DENY", 1, 1, 0, 230)
	mustExec(t, admin, "REVOKE SELECT ON dbo.dc (v) FROM app")
	upd("column DENY revoked", 1, 1, 1, 0)
	mustExec(t, admin, "ALTER TABLE dbo.dc ADD CONSTRAINT ck_v CHECK (v < 100)")
	upd("under a CHECK", 2, 1, 1, 0)
	upd("against a CHECK", 2, 1000, 0, 547)
	mustExec(t, admin, "CREATE TRIGGER dbo.tr_dc ON dbo.dc AFTER UPDATE AS INSERT dbo.dc_log (id) SELECT id FROM inserted")
	upd("with a trigger", 3, 1, -1, 0)
	var logged int
	if err := admin.QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.dc_log WHERE id = 3").Scan(&logged); err != nil || logged != 2 {
		t.Errorf("the trigger logged %d updates (%v), want 2", logged, err)
	}
	mustExec(t, admin, "DROP TRIGGER dbo.tr_dc")
	mustExec(t, admin, "CREATE INDEX ix_v ON dbo.dc (v)")
	upd("with an index on v", 3, 1, 1, 0)
	mustExec(t, admin, "DROP INDEX ix_v ON dbo.dc")
	mustExec(t, admin, "ALTER TABLE dbo.dc DROP COLUMN w")
	upd("after DROP COLUMN w", 3, 1, 1, 0)
	if _, err := app.ExecContext(ctx, update, "2", 1); err != nil { // @p1 nvarchar now
		t.Errorf("a string key: %v", err)
	} else {
		added[2]++
	}

	tx, err := appDB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := tx.ExecContext(ctx, update, 1, 5); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	for id := 1; id <= 3; id++ {
		if got := value(id); got != added[id] {
			t.Errorf("id %d: v = %d, want %d", id, got, added[id])
		}
	}

	const del = "DELETE FROM dbo.dc WHERE id = @p1"
	for i, want := range []int64{1, 0, 1} {
		res, err := app.ExecContext(ctx, del, []int{3, 3, 2}[i])
		if err != nil {
			t.Fatalf("delete %d: %v", i, err)
		}
		if n, _ := res.RowsAffected(); n != want {
			t.Errorf("delete %d: %d rows, want %d", i, n, want)
		}
	}
	mustExec(t, admin, "ALTER TABLE dbo.dc DROP CONSTRAINT ck_v")
	mustExec(t, admin, "ALTER TABLE dbo.dc DROP COLUMN v")
	upd("after DROP COLUMN v", 1, 1, 0, 207)
}
