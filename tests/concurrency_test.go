package tests

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestConcurrentIncrementsLoseNothing: concurrent read-modify-write UPDATEs
// of one row must serialize (no lost update).
func TestConcurrentIncrementsLoseNothing(t *testing.T) {
	const workers, each = 16, 50
	db := workersDB(t, workers, "CREATE TABLE dbo.counter (id int PRIMARY KEY, n int NOT NULL); INSERT dbo.counter VALUES (1, 0)")
	runWorkers(t, workers, func(int) error { // readlock_test.go
		for range each {
			if _, err := db.Exec("UPDATE dbo.counter SET n = n + 1 WHERE id = 1"); err != nil {
				return err
			}
		}
		return nil
	})
	var n int
	if err := db.QueryRow("SELECT n FROM dbo.counter WHERE id = 1").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != workers*each {
		t.Fatalf("lost updates: %d sessions × %d autocommit 'UPDATE dbo.counter SET n = n + 1 WHERE id = 1' all succeeded but counter = %d, want %d", workers, each, n, workers*each)
	}
}

// TestConcurrentDuplicateKeys: when many sessions insert the same keys at
// once, exactly one insert per key succeeds and the others get 2627.
func TestConcurrentDuplicateKeys(t *testing.T) {
	const workers, keys = 8, 50
	srv := harness.Start(t, harness.Options{})
	db := srv.DB("master")
	db.SetMaxOpenConns(workers)
	mustExec(t, db, "CREATE TABLE dbo.uk (id int CONSTRAINT PK_uk PRIMARY KEY, w int)")
	var mu sync.Mutex
	wins := map[int]int{}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := 0; k < keys; k++ {
				_, err := db.Exec("INSERT dbo.uk VALUES (@p1, @p2)", k, w)
				var me mssql.Error
				switch {
				case err == nil:
					mu.Lock()
					wins[k]++
					mu.Unlock()
				case errors.As(err, &me) && me.Number == 2627:
				default:
					t.Errorf("worker %d key %d: %v", w, k, err)
				}
			}
		}(w)
	}
	wg.Wait()
	for k := 0; k < keys; k++ {
		if wins[k] != 1 {
			t.Errorf("key %d: %d successful inserts, want 1", k, wins[k])
		}
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM dbo.uk").Scan(&n); err != nil || n != keys {
		t.Fatalf("rows = %d, %v; want %d", n, err, keys)
	}
}

// TestDeadlockVictim: two transactions that lock rows in opposite order must
// be resolved by choosing a victim (error 1205), not by waiting forever. The
// context deadline only bounds a failure.
func TestDeadlockVictim(t *testing.T) {
	srv := harness.Start(t, harness.Options{})
	db := srv.DB("master")
	mustExec(t, db, "CREATE TABLE dbo.dl (id int PRIMARY KEY, v int)")
	mustExec(t, db, "INSERT dbo.dl VALUES (1, 0), (2, 0)")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	a, b := appConn(t, db), appConn(t, db)
	for _, step := range []struct {
		c *sql.Conn
		q string
	}{
		{a, "BEGIN TRAN; UPDATE dbo.dl SET v = 1 WHERE id = 1"},
		{b, "BEGIN TRAN; UPDATE dbo.dl SET v = 2 WHERE id = 2"},
	} {
		if _, err := step.c.ExecContext(ctx, step.q); err != nil {
			t.Fatal(err)
		}
	}
	results := make(chan error, 2)
	go func() {
		_, err := a.ExecContext(ctx, "UPDATE dbo.dl SET v = 1 WHERE id = 2")
		results <- err
	}()
	go func() {
		_, err := b.ExecContext(ctx, "UPDATE dbo.dl SET v = 2 WHERE id = 1")
		results <- err
	}()
	var victims, timeouts int
	for i := 0; i < 2; i++ {
		err := <-results
		var me mssql.Error
		switch {
		case err == nil:
		case errors.As(err, &me) && me.Number == 1205:
			victims++
			if me.Message == "" || me.Class != 13 {
				t.Errorf("1205: class %d message %q", me.Class, me.Message)
			}
		case ctx.Err() != nil:
			timeouts++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if timeouts > 0 {
		t.Fatalf("%d of the two deadlocked updates still waiting after 30 s: no deadlock victim (1205)", timeouts)
	}
	if victims != 1 {
		t.Fatalf("%d deadlock victims, want 1", victims)
	}
}

// TestCommitVisibleToOtherSessions: once an autocommit INSERT or UPDATE is
// acknowledged, another session reads it.
func TestCommitVisibleToOtherSessions(t *testing.T) {
	srv := harness.Start(t, harness.Options{})
	db := srv.DB("master")
	mustExec(t, db, "CREATE TABLE dbo.vis (id int PRIMARY KEY, v int)")
	ctx := context.Background()
	w, r := appConn(t, db), appConn(t, db)
	for i := 0; i < 200; i++ {
		if _, err := w.ExecContext(ctx, "INSERT dbo.vis VALUES (@p1, 0)", i); err != nil {
			t.Fatal(err)
		}
		if _, err := w.ExecContext(ctx, "UPDATE dbo.vis SET v = @p1 WHERE id = @p1", i); err != nil {
			t.Fatal(err)
		}
		var v int
		if err := r.QueryRowContext(ctx, "SELECT v FROM dbo.vis WHERE id = @p1", i).Scan(&v); err != nil || v != i {
			t.Fatalf("row %d read by another session: v = %d, %v; want %d", i, v, err, i)
		}
	}
}
