package tests

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// clusteredSetup makes a heap with rows clustered by a non-unique key
// (rows moved onto the key plus uniquifier, the nonclustered index
// rebuilt), writes to it, and a second table clustered then turned back
// into a heap by DROP INDEX: all of it DDL and DML in the log.
const clusteredSetup = `CREATE TABLE dbo.ev (id int NOT NULL, day int NOT NULL, note varchar(10) NULL)
INSERT dbo.ev VALUES (1, 2, 'a'), (2, 1, 'b'), (3, 2, 'c'), (4, 1, 'd')
CREATE INDEX ix_note ON dbo.ev (note)
CREATE CLUSTERED INDEX cx_day ON dbo.ev (day)
INSERT dbo.ev VALUES (5, 2, 'e')
UPDATE dbo.ev SET day = 1 WHERE id = 3
CREATE TABLE dbo.gone (k int, v int)
CREATE CLUSTERED INDEX cx_k ON dbo.gone (k)
INSERT dbo.gone VALUES (1, 1), (1, 2)
DROP INDEX cx_k ON dbo.gone`

// checkClustered checks what clusteredSetup made, in database db: dbo.ev
// clustered (index_id 1, no heap row) with its rows in key order and
// duplicates in the order they came, its nonclustered index pointing at
// them, DBCC clean; a new duplicate goes after the others (the
// uniquifiers continue); dbo.gone a heap with both rows.
func checkClustered(t *testing.T, db *sql.DB, where string) {
	t.Helper()
	if got, want := harness.RowsText(t, db, "SELECT ISNULL(name, '-'), index_id, type_desc, is_unique FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.ev') ORDER BY index_id"),
		"cx_day 1 CLUSTERED false|ix_note 2 NONCLUSTERED false|"; got != want {
		t.Errorf("%s: dbo.ev's indexes %q, want %q", where, got, want)
	}
	if got, want := harness.RowsText(t, db, "SELECT id FROM dbo.ev"), "2|4|3|1|5|"; got != want {
		t.Errorf("%s: dbo.ev in clustered key order %q, want %q", where, got, want)
	}
	if got, want := harness.RowsText(t, db, "SELECT id FROM dbo.ev WITH (INDEX(ix_note)) WHERE note IN ('c', 'e')"), "3|5|"; got != want {
		t.Errorf("%s: through ix_note %q, want %q", where, got, want)
	}
	if _, err := db.Exec("DBCC CHECKTABLE ('dbo.ev') WITH NO_INFOMSGS"); err != nil {
		t.Errorf("%s: DBCC CHECKTABLE: %v", where, err)
	}
	mustExec(t, db, "INSERT dbo.ev VALUES (6, 1, 'f')")
	if got, want := harness.RowsText(t, db, "SELECT id FROM dbo.ev WHERE day = 1"), "2|4|3|6|"; got != want {
		t.Errorf("%s: a new duplicate: %q, want %q", where, got, want)
	}
	mustExec(t, db, "DELETE dbo.ev WHERE id = 6")
	if got, want := harness.RowsText(t, db, "SELECT index_id, type_desc FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.gone')")+
		harness.RowsText(t, db, "SELECT COUNT(*) FROM dbo.gone"), "0 HEAP|2|"; got != want {
		t.Errorf("%s: dbo.gone %q, want %q (a heap with both rows)", where, got, want)
	}
}

// TestClusteredIndexAcrossRestartAndRestore: a non-unique clustered index
// made on a heap with rows, and one dropped again, are the same after a
// SIGKILL right after them and a restart (recovery replays the catalog
// change and the moved rows), and in a BACKUP restored under another name.
func TestClusteredIndexAcrossRestartAndRestore(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "cxdb"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE cx")
	mustExec(t, srv.DB("cx"), clusteredSetup)
	checkClustered(t, srv.DB("cx"), "before the kill")
	srv.Kill()
	srv.Restart()
	checkClustered(t, srv.DB("cx"), "after SIGKILL and restart")

	file := filepath.Join(t.TempDir(), "cx.bak")
	mustExec(t, srv.DB("master"), "BACKUP DATABASE cx TO DISK = '"+file+"'")
	mustExec(t, srv.DB("master"), "RESTORE DATABASE cx2 FROM DISK = '"+file+"'")
	checkClustered(t, srv.DB("cx2"), "restored")
}

// TestClusteredDuplicatesConcurrent: sessions inserting the same
// non-unique clustered key at once each get a free uniquifier — a
// candidate another session took meanwhile is found under its lock and
// the next one tried — so no row overwrites another: every insert is a
// row, and DBCC finds each in the nonclustered index.
func TestClusteredDuplicatesConcurrent(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "cxdup"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE cxd")
	db := srv.DB("cxd")
	mustExec(t, db, "CREATE TABLE dbo.d (k int NOT NULL, id int NOT NULL, INDEX cx CLUSTERED (k), INDEX ix_id (id))")
	const sessions, each = 4, 30
	errs := make(chan error, sessions)
	for s := 0; s < sessions; s++ {
		go func(s int) {
			for i := 0; i < each; i++ {
				q := "INSERT dbo.d VALUES (1, @p1)"
				if i%3 == 0 { // some in a transaction of two duplicates
					q = "BEGIN TRAN INSERT dbo.d VALUES (1, @p1) INSERT dbo.d VALUES (2, @p1) COMMIT"
				}
				if _, err := db.Exec(q, s*1000+i); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}(s)
	}
	for s := 0; s < sessions; s++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	want := sessions*each + sessions*(each/3)
	if got := harness.RowsText(t, db, "SELECT COUNT(*), COUNT(DISTINCT CAST(k AS varchar(10)) + ':' + CAST(id AS varchar(10))) FROM dbo.d"); got != itoa(want)+" "+itoa(want)+"|" {
		t.Errorf("rows, distinct rows: %q, want %d of each", got, want)
	}
	if _, err := db.Exec("DBCC CHECKTABLE ('dbo.d') WITH NO_INFOMSGS"); err != nil {
		t.Errorf("DBCC CHECKTABLE: %v", err)
	}
}

// TestClusteredDuplicateNotBlocked: an insert of a key value another
// transaction has an uncommitted duplicate of does not wait for it (SQL
// Server's inserts of one value do not block each other): with SET
// LOCK_TIMEOUT 500 it succeeds, where waiting on the other row's lock is
// 1222. Both rows are there after the commit, and after a rollback of the
// first only the second.
func TestClusteredDuplicateNotBlocked(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "cxblock"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE cxb")
	db := srv.DB("cxb")
	mustExec(t, db, "CREATE TABLE dbo.d (day date NOT NULL, n int NOT NULL, INDEX cx CLUSTERED (day))")
	ctx := context.Background()
	for _, end := range []string{"COMMIT", "ROLLBACK"} {
		holder, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		other, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		mustExec(t, db, "DELETE dbo.d")
		if _, err := holder.ExecContext(ctx, "BEGIN TRAN INSERT dbo.d VALUES ('2026-11-27', 1)"); err != nil {
			t.Fatal(err)
		}
		if _, err := other.ExecContext(ctx, "SET LOCK_TIMEOUT 500 INSERT dbo.d VALUES ('2026-11-27', 2)"); err != nil {
			t.Fatalf("a duplicate beside an uncommitted one (then %s): %v", end, err)
		}
		if _, err := holder.ExecContext(ctx, end); err != nil {
			t.Fatal(err)
		}
		want := "1|2|"
		if end == "ROLLBACK" {
			want = "2|"
		}
		if got := harness.RowsText(t, db, "SELECT n FROM dbo.d ORDER BY n"); got != want {
			t.Errorf("after %s: %q, want %q", end, got, want)
		}
		if _, err := db.Exec("DBCC CHECKTABLE ('dbo.d') WITH NO_INFOMSGS"); err != nil {
			t.Errorf("DBCC CHECKTABLE after %s: %v", end, err)
		}
		holder.Close()
		other.Close()
	}
}
