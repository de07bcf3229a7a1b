package tests

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// Benchmarks of a real server process over TDS (go-mssqldb, encrypt=disable,
// loopback). Run: go test ./tests -run '^$' -bench . -benchtime 3s
// Results and the machine are recorded in docs/benchmarks.md.

// benchServer starts one server for a benchmark with a table bt of 10,000
// rows for point lookups and an empty table bi for inserts.
func benchServer(b *testing.B) *harness.Server {
	b.Helper()
	srv := harness.Start(b, harness.Options{Name: "bench"})
	db := srv.DB("master")
	if _, err := db.Exec(`CREATE TABLE dbo.bt (id int PRIMARY KEY, v varchar(50))
CREATE TABLE dbo.bi (id bigint PRIMARY KEY, v varchar(50))
DECLARE @i int = 0
BEGIN TRAN
WHILE @i < 10000
BEGIN
	INSERT dbo.bt VALUES (@i, 'value ' + CAST(@i AS varchar(10)))
	SET @i += 1
END
COMMIT`); err != nil {
		b.Fatal(err)
	}
	return srv
}

// runParallel runs op b.N times spread over conns connections.
func runParallel(b *testing.B, db *sql.DB, conns int, op func(conn *sql.Conn, i int64) error) {
	b.Helper()
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	ctx := context.Background()
	cs := make([]*sql.Conn, conns)
	for i := range cs {
		c, err := db.Conn(ctx)
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		cs[i] = c
	}
	var next atomic.Int64
	errs := make(chan error, conns)
	b.ResetTimer()
	for _, c := range cs {
		go func(c *sql.Conn) {
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					errs <- nil
					return
				}
				if err := op(c, i); err != nil {
					errs <- err
					return
				}
			}
		}(c)
	}
	for range cs {
		if err := <-errs; err != nil {
			b.Error(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}

func BenchmarkSelect1(b *testing.B) {
	srv := benchServer(b)
	for _, conns := range []int{1, 16} {
		b.Run(fmt.Sprintf("conns=%d", conns), func(b *testing.B) {
			runParallel(b, srv.DB("master"), conns, func(c *sql.Conn, _ int64) error {
				var one int
				return c.QueryRowContext(context.Background(), "SELECT 1").Scan(&one)
			})
		})
	}
}

var benchInsertBase atomic.Int64

func BenchmarkInsertCommit(b *testing.B) {
	srv := benchServer(b)
	for _, conns := range []int{1, 16} {
		b.Run(fmt.Sprintf("conns=%d", conns), func(b *testing.B) {
			base := benchInsertBase.Add(1 << 32)
			runParallel(b, srv.DB("master"), conns, func(c *sql.Conn, i int64) error {
				_, err := c.ExecContext(context.Background(), "INSERT dbo.bi (id, v) VALUES (@p1, 'benchmark row')", base+i)
				return err
			})
		})
	}
}

func BenchmarkPointLookup(b *testing.B) {
	srv := benchServer(b)
	for _, conns := range []int{1, 16} {
		b.Run(fmt.Sprintf("conns=%d", conns), func(b *testing.B) {
			runParallel(b, srv.DB("master"), conns, func(c *sql.Conn, i int64) error {
				var v string
				return c.QueryRowContext(context.Background(), "SELECT v FROM dbo.bt WHERE id = @p1", int32(i*7919%10000)).Scan(&v)
			})
		})
	}
}

// streamRows is the size of the table BenchmarkStream reads.
const streamRows = 100_000

// BenchmarkStream reads a 100,000-row, 4-column table (the shape of
// tests/bench's big: int key, two ints, a short varchar) to the client on one
// connection: the cost of the executor's rows → TDS ROW tokens → socket path.
func BenchmarkStream(b *testing.B) {
	srv := harness.Start(b, harness.Options{Name: "bench"})
	db := srv.DB("master")
	if _, err := db.Exec(`CREATE TABLE dbo.d (n int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.bs (id int NOT NULL PRIMARY KEY, grp int NOT NULL, val int NOT NULL, pad varchar(20) NOT NULL)
SET NOCOUNT ON
DECLARE @i int = 0
BEGIN TRAN
WHILE @i < 1000
BEGIN
	INSERT dbo.d VALUES (@i)
	SET @i += 1
END
COMMIT
INSERT INTO dbo.bs (id, grp, val, pad) SELECT a.n*1000+c.n, (a.n*1000+c.n) % 100, (a.n*7919 + c.n*31) % 1000, 'row' FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 100`); err != nil {
		b.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	// A sub-benchmark, so that the server and its table are set up once.
	b.Run(fmt.Sprintf("rows=%d", streamRows), func(b *testing.B) {
		ctx := context.Background()
		for range b.N {
			rows, err := db.QueryContext(ctx, "SELECT id, grp, val, pad FROM dbo.bs")
			if err != nil {
				b.Fatal(err)
			}
			var id, grp, val int32
			var pad string
			n := 0
			for rows.Next() {
				if err := rows.Scan(&id, &grp, &val, &pad); err != nil {
					b.Fatal(err)
				}
				n++
			}
			if err := rows.Err(); err != nil {
				b.Fatal(err)
			}
			rows.Close()
			if n != streamRows {
				b.Fatalf("streamed %d rows, want %d", n, streamRows)
			}
		}
		b.ReportMetric(float64(b.N*streamRows)/b.Elapsed().Seconds(), "rows/s")
	})
}
