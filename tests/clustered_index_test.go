package tests

import (
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
	if got, want := queryRows(t, db, "SELECT ISNULL(name, '-'), index_id, type_desc, is_unique FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.ev') ORDER BY index_id"),
		"cx_day 1 CLUSTERED false|ix_note 2 NONCLUSTERED false|"; got != want {
		t.Errorf("%s: dbo.ev's indexes %q, want %q", where, got, want)
	}
	if got, want := queryRows(t, db, "SELECT id FROM dbo.ev"), "2|4|3|1|5|"; got != want {
		t.Errorf("%s: dbo.ev in clustered key order %q, want %q", where, got, want)
	}
	if got, want := queryRows(t, db, "SELECT id FROM dbo.ev WITH (INDEX(ix_note)) WHERE note IN ('c', 'e')"), "3|5|"; got != want {
		t.Errorf("%s: through ix_note %q, want %q", where, got, want)
	}
	if _, err := db.Exec("DBCC CHECKTABLE ('dbo.ev') WITH NO_INFOMSGS"); err != nil {
		t.Errorf("%s: DBCC CHECKTABLE: %v", where, err)
	}
	mustExec(t, db, "INSERT dbo.ev VALUES (6, 1, 'f')")
	if got, want := queryRows(t, db, "SELECT id FROM dbo.ev WHERE day = 1"), "2|4|3|6|"; got != want {
		t.Errorf("%s: a new duplicate: %q, want %q", where, got, want)
	}
	mustExec(t, db, "DELETE dbo.ev WHERE id = 6")
	if got, want := queryRows(t, db, "SELECT index_id, type_desc FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.gone')")+
		queryRows(t, db, "SELECT COUNT(*) FROM dbo.gone"), "0 HEAP|2|"; got != want {
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
