package tests

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewTruncateDropAfterQueuedWrites (review of TRUNCATE TABLE and DROP
// TABLE racing the store writes of commits just acknowledged,
// storage.Badger.ApplyLater/ApplyDeferred and engine/drops.go): one session
// inserts rows and at once truncates the table, or drops and re-creates it,
// and inserts again, while another session keeps the store's queue busy
// with inserts into a second table. After every step a third session must
// see exactly the rows acknowledged since the last TRUNCATE or CREATE —
// through the clustered and a secondary index — and after a SIGKILL right
// after the last acknowledged statement, and a restart, so must everyone.
func TestReviewTruncateDropAfterQueuedWrites(t *testing.T) {
	const rounds = 40
	srv := harness.Start(t, harness.Options{Name: "truncq"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE tq")
	admin := srv.DB("tq")
	const create = "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v int NOT NULL, INDEX ix_v (v))"
	mustExec(t, admin, create)
	mustExec(t, admin, "CREATE TABLE dbo.busy (id int NOT NULL PRIMARY KEY, v int NOT NULL)")

	pool, err := sql.Open("sqlserver", srv.DSN("tq"))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var bg sync.WaitGroup
	bg.Add(1)
	go func() { // keeps the applier's queue busy
		defer bg.Done()
		for i := 0; ctx.Err() == nil; i++ {
			_, _ = pool.ExecContext(ctx, "INSERT dbo.busy VALUES (@p1, @p1)", i)
		}
	}()
	wc, err := pool.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := pool.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := wc.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	want := map[int]int{} // id -> v: the rows acknowledged since the last TRUNCATE or CREATE
	check := func(db interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}, when string) {
		t.Helper()
		sum := 0
		for _, v := range want {
			sum += v
		}
		var n, s, nix, six int
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(SUM(v), 0) FROM dbo.t WITH (INDEX(1))").Scan(&n, &s); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(SUM(v), 0) FROM dbo.t WITH (INDEX(ix_v)) WHERE v >= 0").Scan(&nix, &six); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if n != len(want) || s != sum || nix != n || six != s {
			t.Fatalf("%s: %d rows (sum %d) by the clustered index, %d (sum %d) by ix_v; want %d (sum %d)", when, n, s, nix, six, len(want), sum)
		}
	}
	next := 0
	insert := func(k int) {
		for i := 0; i < k; i++ {
			next++
			exec("INSERT dbo.t VALUES (@p1, @p2)", next, next%7)
			want[next] = next % 7
		}
	}
	for r := 0; r < rounds; r++ {
		insert(5)
		if r%3 == 2 {
			exec("DROP TABLE dbo.t")
			exec(create)
		} else {
			exec("TRUNCATE TABLE dbo.t")
		}
		clear(want)
		check(rc, fmt.Sprintf("round %d, right after the truncate or re-create", r))
		insert(2)
		check(rc, fmt.Sprintf("round %d, after inserting again", r))
		if r%10 == 9 {
			exec("CHECKPOINT")
		}
	}
	insert(3)
	exec("TRUNCATE TABLE dbo.t")
	clear(want)
	insert(1)
	srv.Kill() // right after the acknowledged insert: its write may be queued
	cancel()
	bg.Wait()
	wc.Close()
	rc.Close()
	srv.Restart()
	ctx = context.Background()
	check(srv.DB("tq"), "after SIGKILL and restart")
}
