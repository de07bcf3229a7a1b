package tests

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// partitionRowsMatch checks, through go-mssqldb, that sys.partitions.rows and
// sys.dm_db_partition_stats.row_count of every index of dbo.rc equal the
// rows a query counts (COUNT(*), or under the filtered index's filter).
func partitionRowsMatch(t *testing.T, db *sql.DB, step string) {
	t.Helper()
	var total, filtered int64
	if err := db.QueryRow("SELECT COUNT_BIG(*), COUNT_BIG(CASE WHEN f = 1 THEN 1 END) FROM dbo.rc").Scan(&total, &filtered); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	rows, err := db.Query(`SELECT i.name, i.has_filter, p.rows, ps.row_count FROM sys.indexes AS i
		JOIN sys.partitions AS p ON p.object_id = i.object_id AND p.index_id = i.index_id
		JOIN sys.dm_db_partition_stats AS ps ON ps.partition_id = p.partition_id
		WHERE i.object_id = OBJECT_ID('dbo.rc') ORDER BY i.index_id`)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var name string
		var hasFilter bool
		var prows, count int64
		if err := rows.Scan(&name, &hasFilter, &prows, &count); err != nil {
			t.Fatal(err)
		}
		want := total
		if hasFilter {
			want = filtered
		}
		if prows != want || count != want {
			t.Errorf("%s: index %s: sys.partitions.rows %d, row_count %d, want %d", step, name, prows, count, want)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Fatalf("%s: %d indexes listed, want 3", step, n)
	}
}

// TestRowCountsServer: the row counts sys.partitions answers from
// (engine/rowcounts.go) stay right through a real server's paths that the
// in-process test cannot take: go-mssqldb's bulk copy (INSERT BULK) and
// BULK INSERT from a file, a SIGKILL with an open transaction holding
// uncommitted rows and committed rows still queued for the store (crash
// recovery redoes the log; the figures are counted again and the open
// transaction's rows never count), and RESTORE … WITH REPLACE of an older
// backup.
func TestRowCountsServer(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "rowcounts"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE rcdb")
	db := srv.DB("rcdb")
	mustExec(t, db, "CREATE TABLE dbo.rc (id int NOT NULL PRIMARY KEY, v int NOT NULL, f int NOT NULL)")
	mustExec(t, db, "CREATE INDEX iv ON dbo.rc (v)")
	mustExec(t, db, "CREATE INDEX ifl ON dbo.rc (v) WHERE f = 1")
	mustExec(t, db, "INSERT dbo.rc VALUES (1, 1, 1), (2, 2, 0)")
	partitionRowsMatch(t, db, "first count")

	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var bulk [][]any
	for i := 100; i < 160; i++ {
		bulk = append(bulk, []any{i, i % 7, i % 2})
	}
	if _, err := copyIn(ctx, conn, "dbo.rc", mssql.BulkOptions{}, []string{"id", "v", "f"}, bulk); err != nil {
		t.Fatalf("bulk copy: %v", err)
	}
	conn.Close()
	partitionRowsMatch(t, db, "bulk copy")

	file := filepath.Join(t.TempDir(), "rc.txt")
	var text strings.Builder
	for i := 200; i < 230; i++ {
		fmt.Fprintf(&text, "%d\t%d\t%d\n", i, i%5, i%3)
	}
	if err := os.WriteFile(file, []byte(text.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, "BULK INSERT dbo.rc FROM '"+file+"'")
	partitionRowsMatch(t, db, "BULK INSERT")

	backup := filepath.Join(t.TempDir(), "rc.bak")
	mustExec(t, srv.DB("master"), "BACKUP DATABASE rcdb TO DISK = '"+backup+"'")
	mustExec(t, db, "DELETE dbo.rc WHERE id >= 200; INSERT dbo.rc VALUES (3, 3, 1)")
	partitionRowsMatch(t, db, "after the backup")

	// An open transaction's rows, and autocommits just acknowledged (their
	// store writes possibly still queued), at the moment of a SIGKILL.
	open, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := open.ExecContext(ctx, "BEGIN TRAN; INSERT dbo.rc VALUES (500, 1, 1), (501, 1, 1); DELETE dbo.rc WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	for i := 600; i < 620; i++ {
		mustExec(t, db, fmt.Sprintf("INSERT dbo.rc VALUES (%d, %d, 1)", i, i))
	}
	mustExec(t, db, "DELETE dbo.rc WHERE id BETWEEN 610 AND 614")
	srv.Kill()
	open.Close()
	srv.Restart()
	db = srv.DB("rcdb")
	partitionRowsMatch(t, db, "crash recovery")
	var n int64
	if err := db.QueryRow("SELECT COUNT_BIG(*) FROM dbo.rc WHERE id IN (500, 501)").Scan(&n); err != nil || n != 0 {
		t.Fatalf("the open transaction's rows after the crash: %d, %v", n, err)
	}
	mustExec(t, db, "INSERT dbo.rc VALUES (700, 7, 1)")
	partitionRowsMatch(t, db, "insert after crash recovery")

	srv.DB("rcdb").Close()
	mustExec(t, srv.DB("master"), "ALTER DATABASE rcdb SET SINGLE_USER WITH ROLLBACK IMMEDIATE")
	mustExec(t, srv.DB("master"), "RESTORE DATABASE rcdb FROM DISK = '"+backup+"' WITH REPLACE")
	mustExec(t, srv.DB("master"), "ALTER DATABASE rcdb SET MULTI_USER")
	db = srv.DB("rcdb")
	partitionRowsMatch(t, db, "RESTORE WITH REPLACE")
	if err := db.QueryRow("SELECT rows FROM sys.partitions WHERE object_id = OBJECT_ID('dbo.rc') AND index_id = 1").Scan(&n); err != nil || n != 92 {
		t.Fatalf("rows after RESTORE: %d, %v; want the backup's 92", n, err)
	}
	mustExec(t, db, "DELETE dbo.rc WHERE id < 150")
	partitionRowsMatch(t, db, "delete after RESTORE")
}
