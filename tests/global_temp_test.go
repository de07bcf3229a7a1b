package tests

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestGlobalTempTableAcrossSessions: a ##table one connection creates is
// visible to and writable by another; #tables are not; the ##table is
// dropped when the connection that created it closes.
func TestGlobalTempTableAcrossSessions(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "gtt"})
	ctx := context.Background()
	creatorDB := srv.DB("master")
	creator, err := creatorDB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	other, err := srv.DB("master").Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	harness.MustRunScript(t, creator, "CREATE TABLE ##shared (id int PRIMARY KEY, v varchar(10))\nGO\nINSERT ##shared VALUES (1, 'a')\nGO\nCREATE TABLE #mine (id int)\nGO\n")

	if _, err := other.ExecContext(ctx, "INSERT ##shared VALUES (2, 'b')"); err != nil {
		t.Fatalf("INSERT into another session's ##table: %v", err)
	}
	var n int
	if err := creator.QueryRowContext(ctx, "SELECT COUNT(*) FROM ##shared").Scan(&n); err != nil || n != 2 {
		t.Fatalf("creator sees %d rows, %v; want 2 (its own and the other session's)", n, err)
	}
	if err := other.QueryRowContext(ctx, "SELECT CASE WHEN OBJECT_ID('tempdb..##shared') IS NULL THEN 0 ELSE 1 END").Scan(&n); err != nil || n != 1 {
		t.Fatalf("OBJECT_ID('tempdb..##shared') from the other session: %d, %v; want an id", n, err)
	}
	_, err = other.ExecContext(ctx, "SELECT * FROM #mine")
	var me mssql.Error
	if !errors.As(err, &me) || me.Number != 208 {
		t.Fatalf("another session's #table: %v; want 208", err)
	}

	creator.Close()
	creatorDB.Close() // ends the creator's session: the pool kept it open
	waitDropped(t, other, "##shared")
	// The name is free again.
	if _, err := other.ExecContext(ctx, "CREATE TABLE ##shared (x int)"); err != nil {
		t.Fatalf("CREATE TABLE ##shared again: %v", err)
	}
}

// TestGlobalTempTableOutlivesCreatorWhileInUse: when the creator ends while
// another session's transaction uses the ##table, the drop waits for that
// transaction (its lock request shows in sys.dm_tran_locks), the other
// session keeps its rows until COMMIT, and then the table goes.
func TestGlobalTempTableOutlivesCreatorWhileInUse(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "gtu"})
	ctx := context.Background()
	creatorDB := srv.DB("master")
	creator, err := creatorDB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	harness.MustRunScript(t, creator, "CREATE TABLE ##inuse (id int)\nGO\n")
	other, err := srv.DB("master").Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.ExecContext(ctx, "BEGIN TRAN; INSERT ##inuse VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	creator.Close()
	creatorDB.Close()
	watch := srv.DB("master")
	var waiting int
	for deadline := time.Now().Add(20 * time.Second); waiting == 0; time.Sleep(20 * time.Millisecond) {
		if err := watch.QueryRow("SELECT COUNT(*) FROM sys.dm_tran_locks WHERE request_status = 'WAIT'").Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting == 0 && time.Now().After(deadline) {
			t.Fatal("the creator's end did not wait for the transaction using its ##table")
		}
	}
	var n int
	if err := other.QueryRowContext(ctx, "SELECT COUNT(*) FROM ##inuse").Scan(&n); err != nil || n != 1 {
		t.Fatalf("the other session's rows while the drop waits: %d, %v; want 1", n, err)
	}
	if _, err := other.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatalf("COMMIT: %v", err)
	}
	waitDropped(t, other, "##inuse")
}

// waitDropped waits until table is gone for conn (208). The server sees a
// disconnect when it reads the socket, and the drop may wait for locks:
// poll for that rather than sleep a fixed time.
func waitDropped(t *testing.T, conn *sql.Conn, table string) {
	t.Helper()
	var me mssql.Error
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		_, err := conn.ExecContext(context.Background(), "SELECT * FROM "+table)
		if errors.As(err, &me) && me.Number == 208 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s after its creator's session ended: %v; want 208", table, err)
		}
	}
}
