package tests

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewBackupWithQueuedWrites (review of BACKUP DATABASE while commits'
// store writes are queued, storage.Badger.ApplyLater): writers move money
// between accounts in transactions (the total never changes) and count
// their acknowledged transfers, while full backups are taken one after the
// other. Each backup, restored under a new name, must hold every transfer
// acknowledged before its BACKUP started and no part of any transaction:
// the total is intact read through the clustered index and through a
// secondary index, and both indexes count the same rows.
func TestReviewBackupWithQueuedWrites(t *testing.T) {
	const writers, accounts, backups = 4, 20, 3
	srv := harness.Start(t, harness.Options{Name: "backupq"})
	master := srv.DB("master")
	mustExec(t, master, "CREATE DATABASE bq")
	db := srv.DB("bq")
	mustExec(t, db, "CREATE TABLE dbo.acct (id int NOT NULL PRIMARY KEY, grp int NOT NULL, bal int NOT NULL)")
	mustExec(t, db, "CREATE INDEX ix_grp ON dbo.acct (grp, bal)")
	mustExec(t, db, "CREATE TABLE dbo.c (w int NOT NULL PRIMARY KEY, n int NOT NULL)")
	for i := 0; i < accounts; i++ {
		mustExec(t, db, "INSERT dbo.acct VALUES (@p1, @p2, 1000)", i, i%4)
	}
	for w := 0; w < writers; w++ {
		mustExec(t, db, "INSERT dbo.c VALUES (@p1, 0)", w)
	}

	pool, err := sql.Open("sqlserver", srv.DSN("bq"))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	pool.SetMaxOpenConns(writers + 2)
	acked := make([]atomic.Int64, writers)
	stop := make(chan struct{})
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			ctx := context.Background()
			for {
				select {
				case <-stop:
					return
				default:
				}
				a, b := rng.IntN(accounts), rng.IntN(accounts)
				if a == b {
					continue
				}
				a, b = min(a, b), max(a, b) // one lock order: no deadlocks
				amt := 1 + rng.IntN(50)
				tx, err := pool.BeginTx(ctx, nil)
				if err != nil {
					errs <- err
					return
				}
				_, err = tx.ExecContext(ctx, "UPDATE dbo.acct SET bal = bal - @p2 WHERE id = @p1", a, amt)
				if err == nil {
					_, err = tx.ExecContext(ctx, "UPDATE dbo.acct SET bal = bal + @p2 WHERE id = @p1", b, amt)
				}
				if err == nil {
					_, err = tx.ExecContext(ctx, "UPDATE dbo.c SET n = n + 1 WHERE w = @p1", w)
				}
				if err != nil {
					tx.Rollback()
					errs <- fmt.Errorf("writer %d: %w", w, err)
					return
				}
				if err := tx.Commit(); err != nil {
					errs <- fmt.Errorf("writer %d: commit: %w", w, err)
					return
				}
				acked[w].Add(1)
			}
		}(w)
	}

	dir := t.TempDir()
	before := make([][]int64, backups)
	for i := 0; i < backups; i++ {
		// Let the writers get going: a backup per ~150 acknowledged transfers.
		for sum := int64(0); sum < int64(150*(i+1)); {
			time.Sleep(10 * time.Millisecond)
			sum = 0
			for w := range acked {
				sum += acked[w].Load()
			}
			if len(errs) > 0 {
				break
			}
		}
		before[i] = make([]int64, writers)
		for w := range before[i] {
			before[i][w] = acked[w].Load()
		}
		file := filepath.Join(dir, fmt.Sprintf("bq%d.bak", i))
		if _, err := master.Exec("BACKUP DATABASE bq TO DISK = '" + file + "'"); err != nil {
			close(stop)
			wg.Wait()
			t.Fatalf("backup %d: %v", i, err)
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for i := 0; i < backups; i++ {
		name := fmt.Sprintf("bq_r%d", i)
		mustExec(t, master, "RESTORE DATABASE "+name+" FROM DISK = '"+filepath.Join(dir, fmt.Sprintf("bq%d.bak", i))+"'")
		r := srv.DB(name)
		var total, viaIndex, rows, rowsViaIndex int
		if err := r.QueryRow("SELECT SUM(bal), COUNT(*) FROM dbo.acct WITH (INDEX(1))").Scan(&total, &rows); err != nil {
			t.Fatal(err)
		}
		if err := r.QueryRow("SELECT SUM(bal), COUNT(*) FROM dbo.acct WITH (INDEX(ix_grp)) WHERE grp >= 0").Scan(&viaIndex, &rowsViaIndex); err != nil {
			t.Fatal(err)
		}
		if total != accounts*1000 || viaIndex != total || rows != accounts || rowsViaIndex != rows {
			t.Errorf("backup %d restored: total %d (%d rows) by the clustered index, %d (%d rows) by ix_grp; want %d (%d rows)",
				i, total, rows, viaIndex, rowsViaIndex, accounts*1000, accounts)
		}
		for w := 0; w < writers; w++ {
			var n int64
			if err := r.QueryRow("SELECT n FROM dbo.c WHERE w = @p1", w).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n < before[i][w] {
				t.Errorf("backup %d restored: writer %d has %d transfers; %d were acknowledged before BACKUP started", i, w, n, before[i][w])
			}
		}
		t.Logf("backup %d: writers' acknowledged transfers before it %v", i, before[i])
	}
}
