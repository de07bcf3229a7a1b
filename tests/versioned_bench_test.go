package tests

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// BenchmarkVersionedReadsTDS is engine's BenchmarkVersionedReads over TDS:
// a real server process, go-mssqldb on loopback, tests/bench -suite local's
// query shapes (point lookup by PK, the 1M-row filtered scan, GROUP BY over
// 1M rows, the 100k × 100k join) read as
//
//	rc           READ COMMITTED, READ_COMMITTED_SNAPSHOT OFF
//	rcsi         the same database with READ_COMMITTED_SNAPSHOT ON
//	snapshot     in a SNAPSHOT transaction
//	dbsnap-busy  through a database snapshot the source changed rows of
//	             every table since, after a restart (an empty buffer pool,
//	             as on a mirror)
//	rc-busy, rcsi-busy  rc and rcsi while four connections update single
//	             rows of big in autocommit transactions
//
// reporting the server process's CPU per statement (server-cpu-ms/op, from
// /proc; the writers' work is in it in the busy modes). Rows in big:
// MIRRORSQL_BENCH_ROWS (default 1,000,000). Results: docs/benchmarks-txlog.md.
//
//	go test ./tests -run '^$' -bench VersionedReadsTDS -benchtime 20x
func BenchmarkVersionedReadsTDS(b *testing.B) {
	srv, rows := versionedServer(b)
	queries := []struct {
		name, q string
		arg     bool
	}{
		{"lookup", "SELECT pad FROM dbo.big WHERE id = @p1", true},
		{"scan", "SELECT id FROM dbo.big WHERE val = 7", false},
		{"group", "SELECT grp, COUNT(*), SUM(val) FROM dbo.big GROUP BY grp", false},
		{"join", "SELECT COUNT(*), SUM(j2.v) FROM dbo.j1 JOIN dbo.j2 ON j2.id = j1.k", false},
	}
	master := srv.DB("master")
	for _, q := range queries {
		for _, mode := range []string{"rc", "rcsi", "snapshot", "dbsnap-busy", "rc-busy", "rcsi-busy"} {
			b.Run(q.name+"/"+mode, func(b *testing.B) {
				ctx := context.Background()
				dbName := "vb"
				if mode == "dbsnap-busy" {
					dbName = "vb_busy_ss"
				}
				if strings.HasPrefix(mode, "rcsi") {
					mustExecB(b, master, "ALTER DATABASE vb SET READ_COMMITTED_SNAPSHOT ON")
					defer mustExecB(b, master, "ALTER DATABASE vb SET READ_COMMITTED_SNAPSHOT OFF")
				}
				c, err := srv.DB(dbName).Conn(ctx)
				if err != nil {
					b.Fatal(err)
				}
				defer c.Close()
				if mode == "snapshot" {
					if _, err := c.ExecContext(ctx, "SET TRANSACTION ISOLATION LEVEL SNAPSHOT; BEGIN TRANSACTION"); err != nil {
						b.Fatal(err)
					}
					defer c.ExecContext(ctx, "COMMIT")
				}
				run := func(i int) {
					var args []any
					if q.arg {
						args = append(args, int32(i*7919%rows))
					}
					rs, err := c.QueryContext(ctx, q.q, args...)
					if err != nil {
						b.Fatal(err)
					}
					for rs.Next() {
					}
					if err := rs.Err(); err != nil {
						b.Fatal(err)
					}
					rs.Close()
				}
				for i := range 3 { // the plan cache, the buffer pool's load
					run(i)
				}
				if strings.HasSuffix(mode, "-busy") && mode != "dbsnap-busy" {
					defer versionedWriters(b, srv, rows)()
				}
				pid := srv.PID()
				cpu0 := procCPUTicks(b, pid)
				b.ResetTimer()
				for i := range b.N {
					run(i)
				}
				b.StopTimer()
				b.ReportMetric(float64(procCPUTicks(b, pid)-cpu0)*10/float64(b.N), "server-cpu-ms/op")
			})
		}
	}
}

// versionedServer starts a server with database vb (tests/bench's big, j1
// and j2), snapshot vb_busy_ss of it taken before one row in a thousand of
// each table changed, restarted so that its buffer pool is empty.
func versionedServer(b *testing.B) (*harness.Server, int) {
	b.Helper()
	rows := 1_000_000
	if v := os.Getenv("MIRRORSQL_BENCH_ROWS"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 1000 && n%1000 == 0 {
			rows = n
		}
	}
	srv := harness.Start(b, harness.Options{Name: "vbench"})
	master := srv.DB("master")
	mustExecB(b, master, "CREATE DATABASE vb")
	mustExecB(b, master, "ALTER DATABASE vb SET ALLOW_SNAPSHOT_ISOLATION ON")
	db := srv.DB("vb")
	mustExecB(b, db, `CREATE TABLE dbo.d (n int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.big (id int NOT NULL PRIMARY KEY, grp int NOT NULL, val int NOT NULL, pad varchar(20) NOT NULL)
CREATE TABLE dbo.j1 (id int NOT NULL PRIMARY KEY, k int NOT NULL, v int NOT NULL)
CREATE TABLE dbo.j2 (id int NOT NULL PRIMARY KEY, v int NOT NULL)`)
	mustExecB(b, db, "INSERT INTO dbo.d SELECT value FROM GENERATE_SERIES(0, 999)")
	for lo := 0; lo < rows; lo += 100_000 {
		mustExecB(b, db, fmt.Sprintf("INSERT INTO dbo.big (id, grp, val, pad) SELECT a.n*1000+c.n, (a.n*1000+c.n) %% 100, (a.n*7919 + c.n*31) %% 1000, 'row' FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n*1000+c.n >= %d AND a.n*1000+c.n < %d", lo, min(lo+100_000, rows)))
	}
	mustExecB(b, db, "INSERT INTO dbo.j1 (id, k, v) SELECT a.n*1000+c.n, ((a.n*1000+c.n)*7) % 100000, c.n FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 100")
	mustExecB(b, db, "INSERT INTO dbo.j2 (id, v) SELECT a.n*1000+c.n, a.n FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 100")
	mustExecB(b, master, "CREATE DATABASE vb_busy_ss ON (NAME = vb, FILENAME = 'vb_busy_ss.ss') AS SNAPSHOT OF vb")
	for _, t := range []string{"big SET val = val", "j1 SET v = v", "j2 SET v = v"} {
		mustExecB(b, db, "UPDATE dbo."+t+" WHERE id % 1000 = 0")
	}
	srv.Restart()
	return srv, rows
}

// versionedWriters starts four connections updating single rows of big in
// autocommit transactions until the returned function is called.
func versionedWriters(b *testing.B, srv *harness.Server, rows int) (stop func()) {
	db := srv.DB("vb")
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ctx.Err() == nil; i += 4 {
				if _, err := db.ExecContext(ctx, "UPDATE dbo.big SET val = val WHERE id = @p1", int32(i*7919%rows)); err != nil && ctx.Err() == nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	return func() { cancel(); wg.Wait() }
}

func mustExecB(b *testing.B, db *sql.DB, q string) {
	b.Helper()
	if _, err := db.Exec(q); err != nil {
		b.Fatalf("%s: %v", q, err)
	}
}

// procCPUTicks is the user and system CPU of pid so far, in clock ticks
// (1/100 s on Linux).
func procCPUTicks(b *testing.B, pid int) int64 {
	b.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatalf("read CPU: %v", err)
	}
	// Fields after the command's closing parenthesis: utime and stime are
	// the 12th and 13th of them.
	f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return utime + stime
}
