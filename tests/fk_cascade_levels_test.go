package tests

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"
)

// TestCascadeLevelsConcurrent: a three-level ON DELETE CASCADE without
// indexes reads its grandchild table once per statement
// (engine/exec/fk_children.go), under a table lock held to the statement's
// end. Concurrent DELETEs of different parents must neither deadlock one
// another (two shared table locks each converting to write the rows did) nor
// let a grandchild inserted meanwhile outlive its parent.
func TestCascadeLevelsConcurrent(t *testing.T) {
	const deleters, inserters, parents = 6, 4, 60
	var setup strings.Builder
	setup.WriteString(`CREATE TABLE dbo.lp (id int PRIMARY KEY);
CREATE TABLE dbo.lc (id int PRIMARY KEY, pid int NOT NULL REFERENCES dbo.lp (id) ON DELETE CASCADE);
CREATE TABLE dbo.lg (id int IDENTITY PRIMARY KEY, cid int NOT NULL REFERENCES dbo.lc (id) ON DELETE CASCADE);
`)
	for i := range parents {
		fmt.Fprintf(&setup, "INSERT dbo.lp VALUES (%d); INSERT dbo.lc VALUES (%d, %d), (%d, %d); INSERT dbo.lg (cid) VALUES (%d), (%d), (%d);\n",
			i, 2*i, i, 2*i+1, i, 2*i, 2*i, 2*i+1)
	}
	db := workersDB(t, deleters+inserters, setup.String())
	var deadlocks atomic.Int32
	const hold = "WAITFOR DELAY '00:00:00.003'; COMMIT"
	runWorkers(t, deleters+inserters, func(w int) error {
		for k := w; k < parents; k += deleters + inserters {
			var q string
			if w < deleters {
				q = fmt.Sprintf("DELETE dbo.lp WHERE id = %d", k)
			} else {
				q = fmt.Sprintf("INSERT dbo.lg (cid) VALUES (%d)", 2*((k+1)%parents))
			}
			_, err := db.Exec("SET XACT_ABORT ON; BEGIN TRAN; " + q + "; " + hold)
			var me mssql.Error
			switch {
			case err == nil:
			case errors.As(err, &me) && me.Number == 1205:
				deadlocks.Add(1)
			case errors.As(err, &me) && me.Number == 547 && w >= deleters:
			default:
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return nil
	})
	if n := deadlocks.Load(); n != 0 {
		t.Errorf("%d deadlocks (1205) between statements on different rows", n)
	}
	var orphans int
	if err := db.QueryRow(`SELECT (SELECT COUNT(*) FROM dbo.lg WHERE cid NOT IN (SELECT id FROM dbo.lc))
 + (SELECT COUNT(*) FROM dbo.lc WHERE pid NOT IN (SELECT id FROM dbo.lp))`).Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	if orphans != 0 {
		t.Fatalf("%d rows outlived their parent", orphans)
	}
}
