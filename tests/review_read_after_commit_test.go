package tests

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewReadAfterCommit (review of read visibility under the queued
// store writes: storage.Badger.ApplyLater/ApplyDeferred, the applier started
// after the response, engine/commit_defer.go): writers insert, update and
// delete rows in autocommit statements and small transactions, some rolled
// back; as soon as a write is acknowledged, a reader on another session
// checks every way a query can reach the rows — a point read, a range scan
// of the clustered key, a seek of a secondary index, an aggregate, a join
// through a grouped view (run once per open, exec/join_once.go), the
// comma-joined FROM of Northwind's CustOrderHist — and must see exactly the
// committed state, never a rolled-back row. Full scans run all the while,
// so the tables are loaded into the buffer pool (storage/cache_load.go)
// while the writes go on, and an index is created and dropped (DDL, which
// writes the store at once, behind the queue).
func TestReviewReadAfterCommit(t *testing.T) {
	const writers, rounds = 4, 150
	srv := harness.Start(t, harness.Options{Name: "readafter"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE rac")
	admin := srv.DB("rac")
	for _, q := range []string{
		"CREATE TABLE dbo.o (id int NOT NULL PRIMARY KEY, w int NOT NULL, cust int NOT NULL, amt int NOT NULL, pad varchar(100) NOT NULL)",
		"CREATE INDEX ix_cust ON dbo.o (cust)",
		"CREATE TABLE dbo.g (w int NOT NULL PRIMARY KEY, name varchar(20) NOT NULL)",
		"CREATE TABLE dbo.c (cust int NOT NULL PRIMARY KEY, w int NOT NULL)",
		"CREATE VIEW dbo.o_by_w AS SELECT w, COUNT(*) AS n, SUM(amt) AS total FROM dbo.o GROUP BY w",
	} {
		mustExec(t, admin, q)
	}
	for w := 0; w < writers; w++ {
		mustExec(t, admin, "INSERT dbo.g VALUES (@p1, @p2)", w, fmt.Sprintf("w%d", w))
		for c := 0; c < 5; c++ {
			mustExec(t, admin, "INSERT dbo.c VALUES (@p1, @p2)", w*10+c, w)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pool, err := sql.Open("sqlserver", srv.DSN("rac"))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	pool.SetMaxOpenConns(2*writers + 4)

	var bg sync.WaitGroup
	bg.Add(2)
	go func() { // full scans: heat that loads the tables into the buffer pool
		defer bg.Done()
		for ctx.Err() == nil {
			var n int
			_ = pool.QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.o WHERE pad <> ''").Scan(&n)
			_ = pool.QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.o WITH (INDEX(ix_cust)) WHERE cust >= 0").Scan(&n)
		}
	}()
	go func() { // DDL behind the queued writes
		defer bg.Done()
		for ctx.Err() == nil {
			_, _ = pool.ExecContext(ctx, "CREATE INDEX ix_amt ON dbo.o (amt)")
			_, _ = pool.ExecContext(ctx, "DROP INDEX ix_amt ON dbo.o")
		}
	}()

	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			if err := readAfterCommitWriter(ctx, pool, w, rounds); err != nil {
				errs <- fmt.Errorf("writer %d: %w", w, err)
				cancel()
			}
		}(w)
	}
	wg.Wait()
	cancel()
	bg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// racState is what writer w has committed: its rows' amounts by id.
type racState struct {
	w    int
	rows map[int]int // id -> amt
}

func (s *racState) custCount(cust int) int {
	n := 0
	for id := range s.rows {
		if racCust(s.w, id) == cust {
			n++
		}
	}
	return n
}

func (s *racState) total() int {
	t := 0
	for _, a := range s.rows {
		t += a
	}
	return t
}

func racCust(w, id int) int { return w*10 + id%5 }

// readAfterCommitWriter runs writer w's rounds on its own session and
// checks each acknowledged state from another session.
func readAfterCommitWriter(ctx context.Context, pool *sql.DB, w, rounds int) error {
	wc, err := pool.Conn(ctx)
	if err != nil {
		return err
	}
	defer wc.Close()
	rc, err := pool.Conn(ctx)
	if err != nil {
		return err
	}
	defer rc.Close()
	st := &racState{w: w, rows: map[int]int{}}
	base := (w + 1) * 1_000_000
	next := 0
	for r := 0; r < rounds; r++ {
		var touched []int
		switch r % 5 {
		case 0, 1: // autocommit INSERT
			id := base + next
			next++
			amt := r + 1
			if _, err := wc.ExecContext(ctx, "INSERT dbo.o VALUES (@p1, @p2, @p3, @p4, REPLICATE('x', 50))", id, w, racCust(w, id), amt); err != nil {
				return fmt.Errorf("round %d: insert: %w", r, err)
			}
			st.rows[id] = amt
			touched = append(touched, id)
		case 2: // a transaction of three inserts and an update
			tx, err := wc.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			for k := 0; k < 3; k++ {
				id := base + next
				next++
				if _, err := tx.ExecContext(ctx, "INSERT dbo.o VALUES (@p1, @p2, @p3, @p4, 'tx')", id, w, racCust(w, id), 7); err != nil {
					tx.Rollback()
					return fmt.Errorf("round %d: tx insert: %w", r, err)
				}
				st.rows[id] = 7
				touched = append(touched, id)
			}
			if _, err := tx.ExecContext(ctx, "UPDATE dbo.o SET amt = amt + 100 WHERE id = @p1", touched[0]); err != nil {
				tx.Rollback()
				return err
			}
			st.rows[touched[0]] += 100
			if err := tx.Commit(); err != nil {
				return fmt.Errorf("round %d: commit: %w", r, err)
			}
		case 3: // rolled back: a new row and a delete, neither may show
			tx, err := wc.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "INSERT dbo.o VALUES (@p1, @p2, @p3, 999, 'rolled back')", -(base + r), w, racCust(w, 0)); err != nil {
				tx.Rollback()
				return err
			}
			if _, err := tx.ExecContext(ctx, "DELETE dbo.o WHERE w = @p1", w); err != nil {
				tx.Rollback()
				return err
			}
			if err := tx.Rollback(); err != nil {
				return err
			}
		case 4: // autocommit UPDATE and DELETE
			for id := range st.rows {
				if _, err := wc.ExecContext(ctx, "DELETE dbo.o WHERE id = @p1", id); err != nil {
					return err
				}
				delete(st.rows, id)
				touched = append(touched, id)
				break
			}
			if _, err := wc.ExecContext(ctx, "UPDATE dbo.o SET amt = amt + 1 WHERE w = @p1", w); err != nil {
				return err
			}
			for id := range st.rows {
				st.rows[id]++
			}
		}
		if err := checkReadAfterCommit(ctx, rc, st, touched); err != nil {
			return fmt.Errorf("round %d: %w", r, err)
		}
	}
	return nil
}

// checkReadAfterCommit reads st's rows every way on session c.
func checkReadAfterCommit(ctx context.Context, c *sql.Conn, st *racState, touched []int) error {
	w := st.w
	one := func(what, q string, want int, args ...any) error {
		var got int
		if err := c.QueryRowContext(ctx, q, args...).Scan(&got); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if got != want {
			return fmt.Errorf("%s: got %d, want %d (%s %v)", what, got, want, q, args)
		}
		return nil
	}
	for _, id := range touched {
		_, present := st.rows[id]
		want := 0
		if present {
			want = 1
		}
		if err := one("point read", "SELECT COUNT(*) FROM dbo.o WHERE id = @p1", want, id); err != nil {
			return err
		}
		cust := racCust(w, id)
		if err := one("secondary index seek", "SELECT COUNT(*) FROM dbo.o WITH (INDEX(ix_cust)) WHERE cust = @p1", st.custCount(cust), cust); err != nil {
			return err
		}
	}
	lo, hi := (w+1)*1_000_000, (w+2)*1_000_000
	checks := []struct {
		what, q string
		want    int
	}{
		{"range scan", "SELECT COUNT(*) FROM dbo.o WHERE id >= @p1 AND id < @p2", len(st.rows)},
		{"aggregate", "SELECT COALESCE(SUM(amt), 0) FROM dbo.o WHERE w = @p3 AND @p1 <= @p2", st.total()},
		{"join through a view", "SELECT COALESCE(MAX(v.n), 0) FROM dbo.g JOIN dbo.o_by_w AS v ON v.w = g.w WHERE g.w = @p3 AND @p1 <= @p2", len(st.rows)},
		{"join of the view's total", "SELECT COALESCE(MAX(v.total), 0) FROM dbo.g LEFT JOIN dbo.o_by_w AS v ON v.w = g.w WHERE g.w = @p3 AND @p1 <= @p2", st.total()},
		{"comma join", "SELECT COUNT(*) FROM dbo.g G, dbo.c C, dbo.o O WHERE G.w = @p3 AND C.w = G.w AND O.cust = C.cust AND @p1 <= @p2", len(st.rows)},
		{"rolled-back rows", "SELECT COUNT(*) FROM dbo.o WHERE id < 0 AND @p1 <= @p2 AND @p3 = @p3", 0},
	}
	for _, k := range checks {
		if err := one(k.what, k.q, k.want, lo, hi, w); err != nil {
			return err
		}
	}
	return nil
}
