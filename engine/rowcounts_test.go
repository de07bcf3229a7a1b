package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// rowCountCheck compares, for every index of d.dbo.t, sys.partitions.rows,
// sys.dm_db_partition_stats.row_count and the planner's ApproxRows with the
// rows a query reads (COUNT(*) through the index, or under its filter) and
// with a fresh walk of the committed store: the maintained figure must be
// what counting again would give.
func rowCountCheck(t *testing.T, inst *Instance, s *exec.Session, step string) {
	t.Helper()
	db := inst.Database("d")
	cat := db.Catalog()
	tab := cat.Table("dbo", "t")
	if tab == nil {
		t.Fatalf("%s: no table t", step)
	}
	for _, ix := range tab.Indexes {
		want := mustExec(t, s, "SELECT COUNT_BIG(*) FROM d.dbo.t"+map[bool]string{true: " WHERE f = 1", false: ""}[ix.Filter != ""])[0]
		views := mustExec(t, s, fmt.Sprintf("USE d; SELECT p.rows, ps.row_count FROM sys.partitions AS p JOIN sys.dm_db_partition_stats AS ps ON ps.partition_id = p.partition_id WHERE p.object_id = OBJECT_ID('dbo.t') AND p.index_id = %d", ix.IndexID))
		if len(views) != 1 || views[0] != want+","+want {
			t.Errorf("%s: index %d (%s): sys.partitions.rows, dm_db_partition_stats.row_count = %v, want %s", step, ix.IndexID, ix.Name, views, want)
		}
		n, _, err := countEntries(db.store, ix.StoreID, storage.Latest)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := exec.ApproxRows(db, ix.StoreID); !ok || fmt.Sprint(got) != want || got != n {
			t.Errorf("%s: index %d (%s): ApproxRows = %d, %v; want %s (a fresh walk counts %d)", step, ix.IndexID, ix.Name, got, ok, want, n)
		}
	}
}

// TestRowCountsMaintained runs every way rows come and go — and ways they
// must not — on a table with a clustered primary key, a nonclustered index
// and a filtered index, checking after each step that the figures kept by
// the commits match the rows (rowCountCheck). The table is counted once at
// the start; every later figure is maintained, not recounted, which
// TestRowCountsNotWalked shows.
func TestRowCountsMaintained(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	defer func() { inst.Close() }()
	mustExec(t, s, "USE d; CREATE TABLE t (id int PRIMARY KEY, v int, f int, pad varchar(50)); CREATE INDEX iv ON t (v); CREATE INDEX ifl ON t (v) WHERE f = 1; CREATE TABLE src (id int, v int)")
	mustExec(t, s, "INSERT t SELECT TOP 50 ROW_NUMBER() OVER (ORDER BY (SELECT 1)), 1, 0, 'x' FROM sys.all_columns")
	rowCountCheck(t, inst, s, "first count")
	steps := []struct {
		name, sql string
		wantErr   bool
	}{
		{"insert", "INSERT t VALUES (1000, 5, 1, 'a'), (1001, 6, 1, 'b')", false},
		{"update in place", "UPDATE t SET pad = REPLICATE('y', 40) WHERE id < 20", false},
		{"update moving the key", "UPDATE t SET id = id + 5000, f = 1 WHERE id BETWEEN 20 AND 29", false},
		{"delete", "DELETE t WHERE id BETWEEN 30 AND 34", false},
		{"merge", "INSERT src VALUES (1, 9), (2000, 9), (2001, 9); MERGE t AS d USING src AS s ON d.id = s.id WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT (id, v, f) VALUES (s.id, s.v, 1);", false},
		{"rollback", "BEGIN TRAN; INSERT t VALUES (3000, 1, 1, 'r'); DELETE t WHERE id = 2; ROLLBACK", false},
		{"savepoint rollback", "BEGIN TRAN; INSERT t VALUES (3001, 1, 1, 'kept'); SAVE TRAN sp; INSERT t VALUES (3002, 1, 1, 'undone'); DELETE t WHERE id = 3; ROLLBACK TRAN sp; COMMIT", false},
		{"statement failing halfway", "INSERT t SELECT id + 4000, v, f, pad FROM t WHERE id < 10 UNION ALL SELECT 1000, 0, 0, 'dup'", true},
		{"insert then delete in one transaction", "BEGIN TRAN; INSERT t VALUES (3003, 1, 0, 'gone'); DELETE t WHERE id = 3003; DELETE t WHERE id = 4; COMMIT", false},
		{"index rebuild", "ALTER INDEX ALL ON t REBUILD", false},
		{"index drop and create", "DROP INDEX ifl ON t; CREATE INDEX ifl ON t (v) WHERE f = 1", false},
		{"truncate", "TRUNCATE TABLE t", false},
		{"select into and back", "INSERT t VALUES (1, 1, 1, 'a'), (2, 2, 0, 'b'); SELECT * INTO t2 FROM t; INSERT t SELECT id + 10, v, f, pad FROM t2; DROP TABLE t2", false},
		{"drop and recreate", "DROP TABLE t; CREATE TABLE t (id int PRIMARY KEY, v int, f int, pad varchar(50)); CREATE INDEX iv ON t (v); CREATE INDEX ifl ON t (v) WHERE f = 1; INSERT t VALUES (7, 7, 1, 'n')", false},
	}
	for _, st := range steps {
		out := &collect{}
		err := s.ExecBatch(context.Background(), "USE d; "+st.sql, out)
		if err == nil && len(out.errs) > 0 {
			err = out.errs[0]
		}
		if (err != nil) != st.wantErr {
			t.Fatalf("%s: error %v, want error %v", st.name, err, st.wantErr)
		}
		rowCountCheck(t, inst, s, st.name)
	}

	// Another session's open transaction is not counted; the session's own
	// uncommitted rows are, for itself.
	other := newTestSession(t, inst, "d")
	mustExec(t, other, "BEGIN TRAN; INSERT t VALUES (8, 8, 1, 'open'), (9, 9, 0, 'open'); DELETE t WHERE id = 7")
	if got := mustExec(t, s, "SELECT rows FROM d.sys.partitions WHERE object_id = OBJECT_ID('d.dbo.t') AND index_id = 1"); strings.Join(got, " ") != "1" {
		t.Errorf("another session's open transaction: rows %v, want 1 (committed)", got)
	}
	if got := mustExec(t, other, "SELECT index_id, rows FROM sys.partitions WHERE object_id = OBJECT_ID('dbo.t') ORDER BY index_id"); strings.Join(got, " ") != "1,2 2,2 3,1" {
		t.Errorf("the session's own open transaction: rows %v, want 1,2 2,2 3,1", got)
	}
	mustExec(t, other, "COMMIT")
	rowCountCheck(t, inst, s, "the other session's commit")

	// Restart: crash recovery redoes the log; the figures are counted again.
	mustExec(t, s, "USE d; INSERT t VALUES (100, 1, 1, 'before restart')")
	inst, s = restartTestInstance(t, inst, dir, "d", s, other)
	if _, ok := exec.ApproxRows(inst.Database("d"), inst.Database("d").Catalog().Table("dbo", "t").RowStore().StoreID); ok {
		t.Errorf("after a restart the figures are known before anything counted them")
	}
	rowCountCheck(t, inst, s, "restart")
	mustExec(t, s, "INSERT t VALUES (101, 1, 1, 'after restart')")
	rowCountCheck(t, inst, s, "insert after restart")
}

// TestRowCountsNotWalked: once counted, sys.partitions and
// sys.dm_db_partition_stats answer from the figures the commits keep, not
// by walking the table: a row written into the store behind the engine's
// back (no commit) does not show until DBCC UPDATEUSAGE … WITH COUNT_ROWS
// counts again, as SQL Server's UPDATEUSAGE corrects its metadata. On the
// old code (every query walked the rows) the stray row showed at once.
func TestRowCountsNotWalked(t *testing.T) {
	inst, s := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	mustExec(t, s, "USE d; CREATE TABLE t (id int PRIMARY KEY); INSERT t VALUES (1), (2), (3)")
	q := "SELECT p.rows, ps.row_count FROM sys.partitions AS p JOIN sys.dm_db_partition_stats AS ps ON ps.partition_id = p.partition_id WHERE p.object_id = OBJECT_ID('t')"
	if got := mustExec(t, s, q); strings.Join(got, " ") != "3,3" {
		t.Fatalf("rows %v, want 3,3", got)
	}
	db := inst.Database("d")
	var b storage.Batch
	b.Put(db.Catalog().Table("dbo", "t").RowStore().StoreID, []byte("stray"), []byte("x"))
	if err := db.store.Apply(&b, db.store.AppliedLSN()); err != nil {
		t.Fatal(err)
	}
	spaceRows := func() string {
		got := mustExec(t, s, "EXEC sp_spaceused 't'")
		if len(got) != 1 {
			t.Fatalf("sp_spaceused: %v", got)
		}
		return strings.TrimSpace(strings.Split(got[0], ",")[1])
	}
	if got := mustExec(t, s, q); strings.Join(got, " ") != "3,3" {
		t.Errorf("after a store write no commit made: rows %v, want 3,3 (the figure, not a walk)", got)
	}
	if got := spaceRows(); got != "3" {
		t.Errorf("after a store write no commit made: sp_spaceused rows %s, want 3 (the figure, not a walk)", got)
	}
	mustExec(t, s, "DBCC UPDATEUSAGE (0, 't') WITH COUNT_ROWS")
	if got := mustExec(t, s, q); strings.Join(got, " ") != "4,4" {
		t.Errorf("after DBCC UPDATEUSAGE: rows %v, want 4,4 (counted again)", got)
	}
	if got := spaceRows(); got != "4" {
		t.Errorf("after DBCC UPDATEUSAGE: sp_spaceused rows %s, want 4", got)
	}
	for _, bad := range []struct {
		sql  string
		want int32
	}{{"DBCC UPDATEUSAGE (0, 'nope')", 2501}, {"DBCC UPDATEUSAGE ('nodb')", 2520}} {
		if n := batchErrorNumber(s, bad.sql); n != bad.want {
			t.Errorf("%s: error %d, want %d", bad.sql, n, bad.want)
		}
	}
	mustExec(t, s, "DBCC UPDATEUSAGE (d) WITH NO_INFOMSGS; DBCC UPDATEUSAGE (0, 't', 1)")
}
