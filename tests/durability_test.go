package tests

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// durabilityParams sizes TestDurabilitySIGKILL: a short run by default (CI,
// go test -short), a long one with MIRRORSQL_LONG=1.
func durabilityParams() (cycles, writers, maxAcks int) {
	if os.Getenv("MIRRORSQL_LONG") == "1" {
		return 40, 16, 5000
	}
	if testing.Short() {
		return 4, 8, 600
	}
	return 10, 8, 2000
}

// ackLedger records which inserts were attempted and which were acknowledged.
type ackLedger struct {
	mu        sync.Mutex
	attempted map[int64]bool
	acked     map[int64]bool
	groups    map[int64]int // first id of a multi-row transaction → its row count
	ackCount  atomic.Int64
}

func (l *ackLedger) attempt(id int64) {
	l.mu.Lock()
	l.attempted[id] = true
	l.mu.Unlock()
}

func (l *ackLedger) group(first int64, n int) {
	l.mu.Lock()
	l.groups[first] = n
	l.mu.Unlock()
}

func (l *ackLedger) ack(id int64) {
	l.mu.Lock()
	l.acked[id] = true
	l.mu.Unlock()
	l.ackCount.Add(1)
}

// TestDurabilitySIGKILL checks "SIGKILL at any moment loses no acknowledged
// commit": writers insert rows with unique ids through go-mssqldb, the
// server is SIGKILLed after a random number of acknowledged commits, and
// after each restart every acknowledged row must be present and no row that
// was never attempted may exist. Rows attempted but not acknowledged may or
// may not be there. The kill moment is chosen by commit count, not by time.
func TestDurabilitySIGKILL(t *testing.T) {
	cycles, writers, maxAcks := durabilityParams()
	seed := uint64(rand.Int64())
	if s, err := strconv.ParseUint(os.Getenv("MIRRORSQL_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("seed %d (set MIRRORSQL_SEED to repeat): %d cycles, %d writers", seed, cycles, writers)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	srv := harness.Start(t, harness.Options{Name: "durable"})
	admin := srv.DB("master")
	mustExec(t, admin, "CREATE DATABASE dur")
	mustExec(t, srv.DB("dur"), "CREATE TABLE dbo.d (id bigint NOT NULL PRIMARY KEY, writer int NOT NULL, payload varchar(100) NOT NULL)")

	ledger := &ackLedger{attempted: map[int64]bool{}, acked: map[int64]bool{}, groups: map[int64]int{}}
	for cycle := 0; cycle < cycles; cycle++ {
		killAt := ledger.ackCount.Load() + int64(1+rng.IntN(maxAcks))
		db, err := sql.Open("sqlserver", srv.DSN("dur"))
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(writers)
		var wg sync.WaitGroup
		killed := make(chan struct{})
		var killOnce sync.Once
		kill := func() {
			killOnce.Do(func() {
				srv.Kill()
				close(killed)
			})
		}
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				// Even writers insert one row per autocommit statement; odd
				// writers insert three rows in one explicit transaction, which
				// must survive all or nothing.
				rowsPerTxn := int64(1 + 2*(w%2))
				for seq := int64(0); ; seq += rowsPerTxn {
					select {
					case <-killed:
						return
					default:
					}
					id := int64(cycle)<<40 | int64(w)<<24 | seq
					var err error
					if rowsPerTxn == 1 {
						ledger.attempt(id)
						_, err = db.ExecContext(context.Background(), "INSERT dbo.d (id, writer, payload) VALUES (@p1, @p2, @p3)",
							id, w, fmt.Sprintf("cycle %d writer %d seq %d", cycle, w, seq))
					} else {
						for k := int64(0); k < rowsPerTxn; k++ {
							ledger.attempt(id + k)
						}
						ledger.group(id, int(rowsPerTxn))
						_, err = db.ExecContext(context.Background(), `BEGIN TRAN
INSERT dbo.d (id, writer, payload) VALUES (@p1, @p2, 'a')
INSERT dbo.d (id, writer, payload) VALUES (@p1 + 1, @p2, 'b')
INSERT dbo.d (id, writer, payload) VALUES (@p1 + 2, @p2, 'c')
COMMIT`, id, w)
					}
					if err != nil {
						// The server is gone (or going): stop this writer.
						<-killed
						return
					}
					for k := int64(0); k < rowsPerTxn; k++ {
						ledger.ack(id + k)
					}
					if ledger.ackCount.Load() >= killAt {
						kill()
						return
					}
				}
			}(w)
		}
		wg.Wait()
		kill()
		db.Close()
		srv.Restart()
		verifyLedger(t, srv, ledger, cycle)
		if t.Failed() {
			return
		}
	}
}

// verifyLedger reads every row back and checks it against the ledger.
func verifyLedger(t *testing.T, srv *harness.Server, l *ackLedger, cycle int) {
	t.Helper()
	db, err := sql.Open("sqlserver", srv.DSN("dur"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT id FROM dbo.d")
	if err != nil {
		t.Fatalf("cycle %d: read back: %v", cycle, err)
	}
	defer rows.Close()
	present := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		present[id] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	lost, phantom := 0, 0
	for id := range l.acked {
		if !present[id] {
			if lost < 10 {
				t.Errorf("cycle %d: acknowledged row %#x lost", cycle, id)
			}
			lost++
		}
	}
	for id := range present {
		if !l.attempted[id] {
			if phantom < 10 {
				t.Errorf("cycle %d: row %#x was never attempted", cycle, id)
			}
			phantom++
		}
	}
	torn := 0
	for first, n := range l.groups {
		got := 0
		for k := int64(0); k < int64(n); k++ {
			if present[first+k] {
				got++
			}
		}
		if got != 0 && got != n {
			if torn < 10 {
				t.Errorf("cycle %d: transaction starting at %#x is torn: %d of %d rows present", cycle, first, got, n)
			}
			torn++
		}
	}
	t.Logf("cycle %d: %d acknowledged, %d attempted, %d present, %d lost, %d phantom", cycle, len(l.acked), len(l.attempted), len(present), lost, phantom)
}

// TestDurabilityLargeTransaction SIGKILLs the server while multi-thousand-row
// transactions run and checks that each one is all or nothing after restart,
// and complete if it was acknowledged. The kill moment is a random delay: it
// only picks a moment, nothing is asserted about timing.
func TestDurabilityLargeTransaction(t *testing.T) {
	const rows = 5000
	rounds := 3
	if testing.Short() {
		rounds = 2
	}
	seed := uint64(rand.Int64())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	srv := harness.Start(t, harness.Options{Name: "bigtxn"})
	mustExec(t, srv.DB("master"), "CREATE TABLE dbo.big (batch int NOT NULL, i int NOT NULL, pad varchar(100) NOT NULL, CONSTRAINT PK_big PRIMARY KEY (batch, i))")
	acked := map[int]bool{}
	for round := 0; round < rounds; round++ {
		db, err := sql.Open("sqlserver", srv.DSN("master"))
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan int, 2)
		for k := 0; k < 2; k++ {
			batch := round*2 + k
			go func() {
				// k = 0: one statement; k = 1: a loop inside an explicit transaction.
				q := `INSERT dbo.big (batch, i, pad) SELECT @p1, n, REPLICATE('x', 100) FROM
(SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n AS n FROM (VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)) a(n)
 CROSS JOIN (VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)) b(n) CROSS JOIN (VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)) c(n)
 CROSS JOIN (VALUES (0),(1),(2),(3),(4)) d(n)) AS s`
				if batch%2 == 1 {
					q = `BEGIN TRAN
DECLARE @i int = 0
WHILE @i < 5000 BEGIN INSERT dbo.big (batch, i, pad) VALUES (@p1, @i, REPLICATE('y', 100)) SET @i += 1 END
COMMIT`
				}
				if _, err := db.Exec(q, batch); err == nil {
					done <- batch
				} else {
					done <- -1
				}
			}()
		}
		time.Sleep(time.Duration(rng.IntN(120)) * time.Millisecond)
		srv.Kill()
		for k := 0; k < 2; k++ {
			if b := <-done; b >= 0 {
				acked[b] = true
			}
		}
		db.Close()
		srv.Restart()
		counts := map[int]int{}
		r, err := srv.DB("master").Query("SELECT batch, COUNT(*) FROM dbo.big GROUP BY batch")
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
			var b, n int
			if err := r.Scan(&b, &n); err != nil {
				t.Fatal(err)
			}
			counts[b] = n
		}
		r.Close()
		for b := 0; b <= round*2+1; b++ {
			n := counts[b]
			if n != 0 && n != rows {
				t.Errorf("round %d: transaction %d is torn: %d of %d rows", round, b, n, rows)
			}
			if acked[b] && n != rows {
				t.Errorf("round %d: acknowledged transaction %d has %d of %d rows", round, b, n, rows)
			}
		}
		t.Logf("round %d: counts %v, acknowledged %v", round, counts, acked)
	}
}
