package exec_test

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestReviewAccessPathsUnderConcurrentWrites (review, session 29): session
// 28's read paths — the covering nonclustered seek (covering.go), the
// semi-join seek (semijoin.go), MIN/MAX from an index end (minmax.go) and
// the backward nonclustered read under TOP (ixorder.go) — while writers
// commit transactions that swap the categories of two rows, which keeps
// every category's row count, and so every answer below, unchanged. Under
// SNAPSHOT and READ COMMITTED SNAPSHOT a statement reads one committed
// state: every answer must be the invariant one, never a row counted in
// its old and its new category, or in neither.
func TestReviewAccessPathsUnderConcurrentWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("concurrent writers for a few seconds")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "reviewpaths")
	session := func() *exec.Session {
		s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	run := func(s *exec.Session, q string) ([]string, error) {
		out := &aggTrace{}
		err := s.ExecBatch(ctx, q, out)
		return out.lines, err
	}
	const rows, cats = 3000, 10
	s := session()
	setup := []string{
		"CREATE DATABASE paths",
		"ALTER DATABASE paths SET ALLOW_SNAPSHOT_ISOLATION ON",
		"ALTER DATABASE paths SET READ_COMMITTED_SNAPSHOT ON",
		"USE paths",
		"CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, cat int NOT NULL, pad varchar(40) NULL, INDEX ix_cat (cat))",
		"CREATE TABLE dbo.pick (c int NOT NULL)",
		"INSERT dbo.pick VALUES (2), (5), (5), (9)",
	}
	for i := 0; i < rows; i += 1000 {
		var sb strings.Builder
		sb.WriteString("INSERT dbo.t VALUES ")
		for j := i; j < i+1000; j++ {
			if j > i {
				sb.WriteString(", ")
			}
			fmt.Fprintf(&sb, "(%d, %d, 'p%d')", j, j%cats, j)
		}
		setup = append(setup, sb.String())
	}
	for _, q := range setup {
		if _, err := run(s, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	per := rows / cats
	checks := []struct{ q, want string }{
		{"SELECT COUNT(*) FROM dbo.t WHERE cat = 7", fmt.Sprint(per)},                                             // covering seek
		{"SELECT COUNT(*), COUNT(pad) FROM dbo.t WITH (INDEX (ix_cat)) WHERE cat = 3", fmt.Sprint(per, "|", per)}, // seek + lookups
		{"SELECT COUNT(*) FROM dbo.t WHERE cat IN (SELECT c FROM dbo.pick)", fmt.Sprint(3 * per)},                 // semi-join seek
		{"SELECT COUNT(*) FROM dbo.t AS t WHERE EXISTS (SELECT 1 FROM OPENJSON(N'[1, 4]') WITH (v int '$') AS j WHERE j.v = t.cat)", fmt.Sprint(2 * per)},
		{"SELECT MIN(cat), MAX(cat) FROM dbo.t", fmt.Sprint(0, "|", cats-1)},                                               // one row from each end
		{"SELECT SUM(cat) FROM (SELECT TOP (400) cat FROM dbo.t ORDER BY cat DESC) AS x", fmt.Sprint(per*9 + (400-per)*8)}, // backward read
		{"SELECT COUNT(*) FROM dbo.t WHERE cat BETWEEN 2 AND 4", fmt.Sprint(3 * per)},
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	var swaps atomic.Int64
	for w := 0; w < 3; w++ {
		ws := session()
		if _, err := run(ws, "USE paths"); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for !stop.Load() {
				// Two rows of this writer's own (ids ≡ w mod 3): no two
				// writers touch one row, so no deadlock ends a swap.
				a, b := 3*r.Intn(rows/3)+w, 3*r.Intn(rows/3)+w
				if a == b {
					continue
				}
				q := fmt.Sprintf("BEGIN TRAN; DECLARE @ca int = (SELECT cat FROM dbo.t WHERE id = %d), @cb int = (SELECT cat FROM dbo.t WHERE id = %d); "+
					"UPDATE dbo.t SET cat = @cb WHERE id = %d; UPDATE dbo.t SET cat = @ca WHERE id = %d; COMMIT", a, b, a, b)
				if _, err := run(ws, q); err != nil {
					t.Errorf("swap: %v", err)
					return
				}
				swaps.Add(1)
			}
		}(w)
	}
	readers := []string{"SET TRANSACTION ISOLATION LEVEL SNAPSHOT", "SET TRANSACTION ISOLATION LEVEL READ COMMITTED"}
	var rwg sync.WaitGroup
	var bad atomic.Int64
	for _, iso := range readers {
		rs := session()
		if _, err := run(rs, "USE paths; "+iso); err != nil {
			t.Fatal(err)
		}
		rwg.Add(1)
		go func(iso string) {
			defer rwg.Done()
			for round := 0; round < 15; round++ {
				for _, c := range checks {
					lines, err := run(rs, c.q)
					if err != nil {
						t.Errorf("%s: %s: %v", iso, c.q, err)
						return
					}
					var got []string
					for _, l := range lines {
						if l != "--" && !strings.HasPrefix(l, "msg ") {
							got = append(got, l)
						}
					}
					if strings.Join(got, ",") != c.want && bad.Add(1) <= 10 {
						t.Errorf("%s, round %d: %s = %v, want %s", iso, round, c.q, got, c.want)
					}
				}
			}
		}(iso)
	}
	rwg.Wait()
	stop.Store(true)
	wg.Wait()
	t.Logf("%d swaps committed while the readers ran", swaps.Load())
}
