package tests

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewLogChainUnderWrites (review, issue #4): a full backup and then a
// chain of log backups are taken while writers commit two-row transactions
// (ids 2k and 2k+1). Each prefix of the chain — the full backup and the first
// k log backups — restored under a new name (WITH NORECOVERY, then the last
// log WITH RECOVERY) must hold every transaction acknowledged before its last
// log backup started, no row that was never attempted, no half of a
// transaction, and a secondary index that counts the same rows as the table.
// This is the DBA's point-in-time recovery after losing a server.
func TestReviewLogChainUnderWrites(t *testing.T) {
	const writers, logs = 4, 4
	srv := harness.Start(t, harness.Options{Name: "logchain"})
	master := srv.DB("master")
	mustExec(t, master, "CREATE DATABASE lc")
	mustExec(t, master, "ALTER DATABASE lc SET RECOVERY FULL")
	db := srv.DB("lc")
	mustExec(t, db, "CREATE TABLE dbo.ev (id int NOT NULL PRIMARY KEY, w int NOT NULL, pad varchar(200) NOT NULL)")
	mustExec(t, db, "CREATE INDEX ix_w ON dbo.ev (w, id)")

	var mu sync.Mutex
	attempted, acked := map[int]bool{}, map[int]bool{}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := sql.Open("sqlserver", srv.DSN("lc"))
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			conn.SetMaxOpenConns(1)
			for k := w * 1_000_000; ctx.Err() == nil; k++ {
				mu.Lock()
				attempted[2*k] = true
				mu.Unlock()
				_, err := conn.ExecContext(context.Background(), "BEGIN TRAN; INSERT dbo.ev VALUES (@p1, @p3, REPLICATE('x', 150)); INSERT dbo.ev VALUES (@p2, @p3, REPLICATE('y', 150)); COMMIT", 2*k, 2*k+1, w)
				if err != nil {
					t.Errorf("writer %d: %v", w, err)
					return
				}
				mu.Lock()
				acked[2*k] = true
				mu.Unlock()
			}
		}()
	}
	snapshot := func() map[int]bool {
		mu.Lock()
		defer mu.Unlock()
		out := make(map[int]bool, len(acked))
		for id := range acked {
			out[id] = true
		}
		return out
	}

	dir := t.TempDir()
	time.Sleep(300 * time.Millisecond) // writers under way (not an assertion)
	full := filepath.Join(dir, "lc.bak")
	mustExec(t, master, "BACKUP DATABASE lc TO DISK = '"+full+"' WITH INIT")
	var before []map[int]bool // acknowledged before log backup i started
	var files []string
	for i := range logs {
		time.Sleep(400 * time.Millisecond)
		before = append(before, snapshot())
		f := filepath.Join(dir, fmt.Sprintf("lc%d.trn", i))
		if _, err := master.Exec("BACKUP LOG lc TO DISK = '" + f + "' WITH INIT"); err != nil {
			cancel()
			wg.Wait()
			t.Fatalf("log backup %d: %v", i, err)
		}
		files = append(files, f)
	}
	cancel()
	wg.Wait()

	for k := range logs {
		name := fmt.Sprintf("lc_r%d", k)
		script := "RESTORE DATABASE " + name + " FROM DISK = '" + full + "' WITH NORECOVERY"
		for i := 0; i <= k; i++ {
			with := "NORECOVERY"
			if i == k {
				with = "RECOVERY"
			}
			script += fmt.Sprintf("\nGO\nRESTORE LOG %s FROM DISK = '%s' WITH %s", name, files[i], with)
		}
		c, err := master.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if err := harness.RunScript(context.Background(), c, script); err != nil {
			c.Close()
			t.Fatalf("restore of the full backup and %d log backups: %v", k+1, err)
		}
		c.Close()
		r := srv.DB(name)
		ids := map[int]bool{}
		rows, err := r.Query("SELECT id FROM dbo.ev")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids[id] = true
		}
		rows.Close()
		var viaIndex int
		if err := r.QueryRow("SELECT COUNT(*) FROM dbo.ev WITH (INDEX(ix_w)) WHERE w >= 0").Scan(&viaIndex); err != nil {
			t.Fatal(err)
		}
		var lost, phantom, half []int
		for id := range before[k] {
			if !ids[id] {
				lost = append(lost, id)
			}
		}
		for id := range ids {
			if !attempted[id&^1] {
				phantom = append(phantom, id)
			}
			if !ids[id^1] {
				half = append(half, id)
			}
		}
		sort.Ints(lost)
		sort.Ints(phantom)
		sort.Ints(half)
		if len(lost)+len(phantom)+len(half) > 0 || viaIndex != len(ids) {
			t.Errorf("full + %d log backups restored: %d of %d transactions acknowledged before the last log backup missing %v; %d rows never attempted %v; %d rows without their transaction's other row %v; ix_w counts %d rows, the table %d",
				k+1, len(lost), len(before[k]), first(lost), len(phantom), first(phantom), len(half), first(half), viaIndex, len(ids))
		}
		t.Logf("full + %d log backups: %d rows, %d transactions acknowledged before the last log backup", k+1, len(ids), len(before[k]))
	}
}

// first returns at most the first 10 of ids.
func first(ids []int) []int {
	if len(ids) > 10 {
		return ids[:10]
	}
	return ids
}
