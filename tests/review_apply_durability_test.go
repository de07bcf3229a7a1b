package tests

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewUpdateVisibleAndDurable (review of the commit path whose store
// write runs after COMMIT returns, engine/storage/applygroup_later.go):
// writers each own one counter row and increment it with autocommit UPDATEs
// (read-modify-write); after every acknowledged UPDATE the writer reads its
// row back through the pool — often on another session — and must see
// exactly its count (a commit visible to everyone once acknowledged, and
// the next UPDATE reading it, or an increment is lost). CHECKPOINTs run all
// the while, so checkpoints race the queued store writes. The server is
// SIGKILLed after a random number of acknowledged UPDATEs; after restart
// every counter must hold at least its acknowledged count and at most its
// attempted count.
func TestReviewUpdateVisibleAndDurable(t *testing.T) {
	const writers, cycles = 6, 3
	seed := uint64(rand.Int64())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, seed^0x5bd1e995))

	srv := harness.Start(t, harness.Options{Name: "applydur"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE ad")
	mustExec(t, srv.DB("ad"), "CREATE TABLE dbo.c (w int NOT NULL PRIMARY KEY, n bigint NOT NULL)")
	for w := 0; w < writers; w++ {
		mustExec(t, srv.DB("ad"), "INSERT dbo.c VALUES (@p1, 0)", w)
	}
	acked := make([]int64, writers)     // acknowledged increments per row
	attempted := make([]int64, writers) // attempted increments per row
	for cycle := 0; cycle < cycles; cycle++ {
		db, err := sql.Open("sqlserver", srv.DSN("ad"))
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(writers + 1)
		var total atomic.Int64
		killAt := int64(200 + rng.IntN(800))
		killed := make(chan struct{})
		var killOnce sync.Once
		kill := func() { killOnce.Do(func() { srv.Kill(); close(killed) }) }
		errs := make(chan error, writers)
		var wg sync.WaitGroup
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for {
					select {
					case <-killed:
						return
					default:
					}
					attempted[w]++
					if _, err := db.ExecContext(context.Background(), "UPDATE dbo.c SET n = n + 1 WHERE w = @p1", w); err != nil {
						<-killed // the server is going away
						return
					}
					acked[w]++
					var n int64
					if err := db.QueryRowContext(context.Background(), "SELECT n FROM dbo.c WHERE w = @p1", w).Scan(&n); err != nil {
						<-killed
						return
					}
					if n != acked[w] {
						errs <- fmt.Errorf("cycle %d writer %d: read %d right after its acknowledged increment number %d", cycle, w, n, acked[w])
						kill()
						return
					}
					if total.Add(1) >= killAt {
						kill()
						return
					}
				}
			}(w)
		}
		wg.Add(1)
		go func() { // checkpoints race the queued store writes
			defer wg.Done()
			for {
				select {
				case <-killed:
					return
				default:
				}
				if _, err := db.ExecContext(context.Background(), "CHECKPOINT"); err != nil {
					<-killed
					return
				}
			}
		}()
		wg.Wait()
		kill()
		db.Close()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if t.Failed() {
			return
		}
		srv.Restart()
		rows, err := srv.DB("ad").Query("SELECT w, n FROM dbo.c")
		if err != nil {
			t.Fatalf("cycle %d: read back: %v", cycle, err)
		}
		seen := 0
		for rows.Next() {
			var w int
			var n int64
			if err := rows.Scan(&w, &n); err != nil {
				t.Fatal(err)
			}
			seen++
			if n < acked[w] || n > attempted[w] {
				t.Errorf("cycle %d: counter %d is %d after restart: acknowledged %d, attempted %d", cycle, w, n, acked[w], attempted[w])
			}
			// What survived is the truth the next cycle builds on.
			acked[w], attempted[w] = n, n
		}
		rows.Close()
		if seen != writers {
			t.Fatalf("cycle %d: %d counters after restart, want %d", cycle, seen, writers)
		}
		t.Logf("cycle %d: %d acknowledged increments before the kill", cycle, total.Load())
	}
}
