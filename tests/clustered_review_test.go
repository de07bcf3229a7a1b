package tests

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewClusteredDuplicateChurn (session 12 review, h8): sessions
// insert, delete and move rows of one hot non-unique clustered key value
// at once, each transaction committed or rolled back at random — deleting
// the newest duplicate of a group first, so a freed uniquifier is taken
// again, and moving rows between the two groups by UPDATE of the key.
// Every session keeps what it was told committed; the table must then hold
// exactly those rows (by a clustered scan, by seeks on each key value and
// through the nonclustered index), DBCC must be clean, and the same after a
// SIGKILL and a restart, where new duplicates must again land beside the
// old ones without overwriting any.
func TestReviewClusteredDuplicateChurn(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "cxchurn"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE cxc")
	db := srv.DB("cxc")
	mustExec(t, db, `CREATE TABLE dbo.d (k int NOT NULL, id int NOT NULL, v int NOT NULL, INDEX cx CLUSTERED (k), INDEX ix_id (id))
INSERT dbo.d (k, id, v) SELECT 1, value, value FROM GENERATE_SERIES(1, 300)`)
	want := map[int]int{} // id → k, committed
	for id := 1; id <= 300; id++ {
		want[id] = 1
	}
	const sessions, ops = 4, 120
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, sessions)
	ctx := context.Background()
	for s := 1; s <= sessions; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			conn, err := db.Conn(ctx)
			if err != nil {
				errs <- err
				return
			}
			defer conn.Close()
			rng := rand.New(rand.NewSource(int64(s)))
			mine := map[int]int{} // this session's committed rows, id → k
			var order []int       // its ids, newest last
			next := s * 100000
			for i := 0; i < ops; i++ {
				end, commit := "ROLLBACK", rng.Intn(3) > 0
				if commit {
					end = "COMMIT"
				}
				var q string
				var apply func()
				switch op := rng.Intn(4); {
				case op < 2 || len(order) == 0: // two duplicates, one per group
					a, b := next, next+1
					next += 2
					q = fmt.Sprintf("BEGIN TRAN INSERT dbo.d VALUES (1, %d, %d) INSERT dbo.d VALUES (2, %d, %d) %s", a, a, b, b, end)
					apply = func() { mine[a], mine[b] = 1, 2; order = append(order, a, b) }
				case op == 2: // the newest row: its uniquifier is the largest of its group
					id := order[len(order)-1]
					q = fmt.Sprintf("BEGIN TRAN DELETE dbo.d WHERE id = %d %s", id, end)
					apply = func() { delete(mine, id); order = order[:len(order)-1] }
				default: // move a row to the other group
					id := order[rng.Intn(len(order))]
					k := 3 - mine[id]
					q = fmt.Sprintf("BEGIN TRAN UPDATE dbo.d SET k = %d WHERE id = %d %s", k, id, end)
					apply = func() { mine[id] = k }
				}
				if _, err := conn.ExecContext(ctx, q); err != nil {
					errs <- fmt.Errorf("session %d: %s: %w", s, q, err)
					return
				}
				if commit {
					apply()
				}
			}
			mu.Lock()
			for id, k := range mine {
				want[id] = k
			}
			mu.Unlock()
		}(s)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	checkChurn(t, db, want, "after the churn")
	srv.Kill()
	srv.Restart()
	db = srv.DB("cxc")
	checkChurn(t, db, want, "after SIGKILL and restart")
	mustExec(t, db, "INSERT dbo.d VALUES (1, 900001, 0), (2, 900002, 0), (1, 900003, 0)")
	want[900001], want[900002], want[900003] = 1, 2, 1
	checkChurn(t, db, want, "after new duplicates following the restart")
}

// checkChurn compares dbo.d with want (id → k) read four ways, and runs
// DBCC CHECKTABLE.
func checkChurn(t *testing.T, db *sql.DB, want map[int]int, where string) {
	t.Helper()
	ids := make([]int, 0, len(want))
	for id := range want {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var all, k1, k2 strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&all, "%d %d|", id, want[id])
		if want[id] == 1 {
			fmt.Fprintf(&k1, "%d|", id)
		} else {
			fmt.Fprintf(&k2, "%d|", id)
		}
	}
	for _, c := range []struct{ q, want string }{
		{"SELECT id, k FROM dbo.d WHERE v = id OR v = 0 ORDER BY id", all.String()},
		{"SELECT id, k FROM dbo.d WITH (INDEX(ix_id)) ORDER BY id", all.String()},
		{"SELECT id FROM dbo.d WHERE k = 1 ORDER BY id", k1.String()},
		{"SELECT id FROM dbo.d WITH (INDEX(cx)) WHERE k = 2 ORDER BY id", k2.String()},
		{"SELECT COUNT(*), COUNT(DISTINCT id) FROM dbo.d", fmt.Sprintf("%d %d|", len(want), len(want))},
	} {
		if got := queryRows(t, db, c.q); got != c.want {
			t.Errorf("%s: %s:\n got %.300s\nwant %.300s", where, c.q, got, c.want)
		}
	}
	if _, err := db.Exec("DBCC CHECKTABLE ('dbo.d') WITH NO_INFOMSGS"); err != nil {
		t.Errorf("%s: DBCC CHECKTABLE: %v", where, err)
	}
}
