package tests

import (
	"bytes"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestRowVersionAfterRestart: rowversion values keep growing across a
// SIGKILL and restart — a value handed out after the restart is above every
// committed one (an equal or smaller value would let an optimistic
// concurrency check pass against a changed row), and @@DBTS continues too.
func TestRowVersionAfterRestart(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "rowversion"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE rv")
	db := srv.DB("rv")
	mustExec(t, db, "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v int NOT NULL, rv rowversion)")
	for i := 0; i < 50; i++ {
		mustExec(t, db, "INSERT dbo.t (id, v) VALUES (@p1, 0)", i)
	}
	mustExec(t, db, "UPDATE dbo.t SET v = 1 WHERE id < 10")
	var before []byte
	if err := db.QueryRow("SELECT MAX(rv) FROM dbo.t").Scan(&before); err != nil || len(before) != 8 {
		t.Fatalf("max rowversion before: %x, %v", before, err)
	}
	srv.Kill()
	srv.Restart()
	db = srv.DB("rv")
	mustExec(t, db, "UPDATE dbo.t SET v = 2 WHERE id = 49")
	var after, dbts []byte
	if err := db.QueryRow("SELECT rv, @@DBTS FROM dbo.t WHERE id = 49").Scan(&after, &dbts); err != nil {
		t.Fatal(err)
	}
	if bytes.Compare(after, before) <= 0 {
		t.Errorf("rowversion after restart %x is not above the committed maximum %x", after, before)
	}
	if !bytes.Equal(dbts, after) {
		t.Errorf("@@DBTS %x, want the last value handed out %x", dbts, after)
	}
}
