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
	"time"

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
		if got := harness.RowsText(t, db, c.q); got != c.want {
			t.Errorf("%s: %s:\n got %.300s\nwant %.300s", where, c.q, got, c.want)
		}
	}
	if _, err := db.Exec("DBCC CHECKTABLE ('dbo.d') WITH NO_INFOMSGS"); err != nil {
		t.Errorf("%s: DBCC CHECKTABLE: %v", where, err)
	}
}

// TestReviewClusteredKillDuringChurn (session 12 review, h8): sessions
// insert duplicates of one clustered key value and delete their newest
// rows while the server is SIGKILLed; after recovery every acknowledged
// insert not since deleted is there once, every acknowledged delete is
// gone, nothing never attempted is there, scan and nonclustered index
// agree, DBCC is clean, and new duplicates land beside the recovered ones.
func TestReviewClusteredKillDuringChurn(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "cxkill"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE cxk")
	db := srv.DB("cxk")
	mustExec(t, db, "CREATE TABLE dbo.d (k int NOT NULL, id int NOT NULL, v int NOT NULL, INDEX cx CLUSTERED (k), INDEX ix_id (id))")
	const sessions = 3
	type fate struct{ acked, deleting, deleted bool }
	var mu sync.Mutex
	fates := map[int]*fate{} // every id ever attempted
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for s := 1; s <= sessions; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			var live []int
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id := s*1000000 + i
				if i%4 == 3 && len(live) > 0 {
					id = live[len(live)-1]
					mu.Lock()
					fates[id].deleting = true
					mu.Unlock()
					if _, err := db.Exec("DELETE dbo.d WHERE id = @p1", id); err != nil {
						return // the kill
					}
					mu.Lock()
					fates[id].deleted = true
					mu.Unlock()
					live = live[:len(live)-1]
					continue
				}
				mu.Lock()
				fates[id] = &fate{}
				mu.Unlock()
				if _, err := db.Exec("INSERT dbo.d VALUES (1, @p1, @p1)", id); err != nil {
					return
				}
				mu.Lock()
				fates[id].acked = true
				mu.Unlock()
				live = append(live, id)
			}
		}(s)
	}
	// Kill once some hundreds of writes are acknowledged.
	for {
		mu.Lock()
		n := len(fates)
		mu.Unlock()
		if n >= 300 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	srv.Kill()
	close(stop)
	wg.Wait()
	srv.Restart()
	db = srv.DB("cxk")
	got := map[int]int{}
	rows, err := db.Query("SELECT id, COUNT(*) FROM dbo.d GROUP BY id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, n int
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		got[id] = n
	}
	rows.Close()
	acked := 0
	for id, f := range fates {
		switch n := got[id]; {
		case n > 1:
			t.Errorf("id %d is there %d times", id, n)
		case f.acked && !f.deleting && n != 1:
			t.Errorf("id %d: insert acknowledged, never deleted, missing after recovery", id)
		case f.deleted && n != 0:
			t.Errorf("id %d: delete acknowledged, there after recovery", id)
		}
		if f.acked {
			acked++
		}
	}
	for id := range got {
		if fates[id] == nil {
			t.Errorf("id %d is there but was never inserted", id)
		}
	}
	if acked < 200 {
		t.Errorf("only %d inserts acknowledged before the kill", acked)
	}
	if a, b := harness.RowsText(t, db, "SELECT id FROM dbo.d ORDER BY id"), harness.RowsText(t, db, "SELECT id FROM dbo.d WITH (INDEX(ix_id)) ORDER BY id"); a != b {
		t.Errorf("scan and nonclustered index differ after recovery:\n%.300s\n%.300s", a, b)
	}
	if _, err := db.Exec("DBCC CHECKTABLE ('dbo.d') WITH NO_INFOMSGS"); err != nil {
		t.Errorf("DBCC CHECKTABLE after recovery: %v", err)
	}
	before := len(got)
	mustExec(t, db, "INSERT dbo.d VALUES (1, 1, 1), (1, 2, 2)")
	if got := harness.RowsText(t, db, "SELECT COUNT(*) FROM dbo.d"); got != itoa(before+2)+"|" {
		t.Errorf("after two new duplicates: %q rows, want %d", got, before+2)
	}
}
