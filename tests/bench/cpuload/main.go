// Command cpuload measures CPU time per operation of one or more mirrorsql
// binaries, interleaved in the same rounds: server CPU from /proc/PID/stat
// (utime+stime) before and after a fixed amount of work, and the loader's own
// CPU (go-mssqldb + database/sql, getrusage) over the same span. On a shared
// 2-core machine CPU per operation is far steadier than wall-clock
// throughput, which is what the wire suite (tests/bench -suite wire) reports.
//
//	go build -o /tmp/a ./cmd/mirrorsql; go build -o /tmp/b ./cmd/mirrorsql  # two trees
//	go run ./tests/bench/cpuload -bin /tmp/a,/tmp/b -rounds 5 -pin
//
// Workloads: SELECT 1 from 16 and from 1 connection(s) (-n queries), and
// draining SELECT id, grp, val, pad FROM dbo.big (-rows rows, the same table
// as tests/bench; -rows 0 skips it). Each binary gets its own data directory
// under -work; the order of the binaries rotates every round.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	_ "github.com/microsoft/go-mssqldb"
)

const password = "Bench_Passw0rd!"

// pinned is -pin.
var pinned bool

func main() {
	bins := flag.String("bin", "", "comma-separated mirrorsql binaries")
	rounds := flag.Int("rounds", 3, "rounds")
	n := flag.Int("n", 40000, "SELECT 1 queries per measurement")
	rows := flag.Int("rows", 1000000, "rows in dbo.big (0: no streaming measurement)")
	noStream := flag.Bool("no-stream", false, "load dbo.big (for -lookup) but skip the streaming measurement")
	flag.BoolVar(&pinned, "pin", false, "SELECT 1 on connections held for the whole run (sql.Conn, as tests/bench does) instead of the pool, where go-mssqldb resets the session before every query")
	connList := flag.String("conns", "16,1", "comma-separated connection counts for SELECT 1 (empty: none)")
	lookupList := flag.String("lookup", "", "comma-separated connection counts for the point lookup by PK (tests/bench's SELECT pad FROM dbo.big WHERE id = @p1, sp_executesql on pinned connections; needs -rows; empty: none)")
	work := flag.String("work", "", "work directory (default: a new temporary directory, removed at the end)")
	flag.Parse()
	if *bins == "" {
		log.Fatal("-bin is required")
	}
	dir := *work
	if dir == "" {
		d, err := os.MkdirTemp("", "cpuload")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(d)
		dir = d
	}
	if f := os.Getenv("CPULOAD_CPUPROFILE"); f != "" { // the loader's own profile
		out, err := os.Create(f)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(out); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	var servers []*server
	defer func() {
		for _, s := range servers {
			s.stop()
		}
	}()
	for i, b := range strings.Split(*bins, ",") {
		s, err := start(ctx, b, filepath.Join(dir, strconv.Itoa(i)))
		if err != nil {
			log.Fatal(err)
		}
		servers = append(servers, s)
		if *rows > 0 {
			if err := s.load(ctx, *rows); err != nil {
				log.Fatal(err)
			}
		}
	}
	type key struct {
		bin  int
		what string
	}
	res := map[key][][2]float64{}
	var whats []string
	add := func(b int, what string, srv, cli float64) {
		k := key{b, what}
		if _, ok := res[k]; !ok && b == 0 {
			whats = append(whats, what)
		}
		res[k] = append(res[k], [2]float64{srv, cli})
		log.Printf("  %-24s %-20s server %8.3f µs  client %8.3f µs", what, servers[b].bin, srv, cli)
	}
	// wall records a wall-clock rate in the server column (no client figure).
	wall := func(b int, what string, rate float64) {
		k := key{b, what}
		if _, ok := res[k]; !ok && b == 0 {
			whats = append(whats, what)
		}
		res[k] = append(res[k], [2]float64{rate, 0})
		log.Printf("  %-24s %-20s %12.0f /s", what, servers[b].bin, rate)
	}
	for r := 0; r < *rounds; r++ {
		log.Printf("round %d", r+1)
		for j := range servers {
			b := (j + r) % len(servers)
			s := servers[b]
			for _, cs := range strings.Split(*connList, ",") {
				if cs == "" {
					continue
				}
				conns, err := strconv.Atoi(cs)
				if err != nil {
					log.Fatal(err)
				}
				srv, cli, err := s.measure(func() error { return s.select1(ctx, conns, *n) })
				if err != nil {
					log.Fatal(err)
				}
				add(b, fmt.Sprintf("SELECT 1 x%d (µs/query)", conns), srv/float64(*n), cli/float64(*n))
				wall(b, fmt.Sprintf("SELECT 1 x%d (queries/s, wall clock)", conns), float64(*n)/s.lastWall.Seconds())
			}
			for _, cs := range strings.Split(*lookupList, ",") {
				if cs == "" || *rows == 0 {
					continue
				}
				conns, err := strconv.Atoi(cs)
				if err != nil {
					log.Fatal(err)
				}
				srv, cli, err := s.measure(func() error { return s.lookup(ctx, conns, *n, *rows) })
				if err != nil {
					log.Fatal(err)
				}
				add(b, fmt.Sprintf("lookup x%d (µs/query)", conns), srv/float64(*n), cli/float64(*n))
				wall(b, fmt.Sprintf("lookup x%d (queries/s, wall clock)", conns), float64(*n)/s.lastWall.Seconds())
			}
			if *rows > 0 && !*noStream {
				var got int64
				srv, cli, err := s.measure(func() (err error) { got, err = s.stream(ctx); return err })
				if err != nil {
					log.Fatal(err)
				}
				add(b, "stream (ns/row)", srv*1000/float64(got), cli*1000/float64(got))
				wall(b, "stream (rows/s, wall clock)", float64(got)/s.lastWall.Seconds())
			}
		}
	}
	fmt.Printf("| measurement | binary | server CPU (median; rounds) | client CPU (median; rounds) |\n| --- | --- | --- | --- |\n")
	for _, w := range whats {
		for b, s := range servers {
			v := res[key{b, w}]
			fmt.Printf("| %s | %s | %s | %s |\n", w, s.bin, col(v, 0), col(v, 1))
		}
	}
}

func col(v [][2]float64, i int) string {
	xs := make([]float64, len(v))
	parts := make([]string, len(v))
	for j, x := range v {
		xs[j] = x[i]
		parts[j] = fmt.Sprintf("%.2f", x[i])
	}
	sort.Float64s(xs)
	return fmt.Sprintf("**%.2f**; %s", xs[len(xs)/2], strings.Join(parts, " / "))
}

type server struct {
	bin      string
	port     int
	cmd      *exec.Cmd
	lastWall time.Duration // wall time of the last measure
}

func start(ctx context.Context, bin, dir string) (*server, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	s := &server{bin: bin, port: port}
	s.cmd = exec.Command(bin, "serve", "--name", "cpuload", "--port", strconv.Itoa(port), "--data", dir, "--sa-password", password, "--log-level", "warn")
	s.cmd.Stdout, s.cmd.Stderr = os.Stderr, os.Stderr
	if os.Getenv("CPULOAD_PPROF") != "" {
		s.cmd.Env = append(os.Environ(), "MIRRORSQL_PPROF="+os.Getenv("CPULOAD_PPROF"))
	}
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		db, err := sql.Open("sqlserver", s.dsn("master"))
		if err != nil {
			return nil, err
		}
		err = db.PingContext(ctx)
		db.Close()
		if err == nil {
			return s, nil
		}
	}
	s.stop()
	return nil, fmt.Errorf("%s did not start", bin)
}

func (s *server) stop() {
	if s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		_ = s.cmd.Wait()
	}
}

func (s *server) dsn(db string) string {
	return fmt.Sprintf("sqlserver://sa:%s@127.0.0.1:%d?database=%s&encrypt=disable", url.QueryEscape(password), s.port, db)
}

// load creates database bench with dbo.big of n rows, as tests/bench does.
func (s *server) load(ctx context.Context, n int) error {
	db, err := sql.Open("sqlserver", s.dsn("master"))
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE bench"); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, "USE bench; CREATE TABLE dbo.d (n int NOT NULL PRIMARY KEY); CREATE TABLE dbo.big (id int NOT NULL PRIMARY KEY, grp int NOT NULL, val int NOT NULL, pad varchar(20) NOT NULL)"); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, "USE bench; SET NOCOUNT ON; DECLARE @i int = 0; BEGIN TRAN; WHILE @i < 1000 BEGIN INSERT dbo.d VALUES (@i); SET @i += 1 END; COMMIT"); err != nil {
		return err
	}
	for lo := 0; lo*1000 < n; lo += 100 {
		q := fmt.Sprintf("USE bench; INSERT INTO dbo.big (id, grp, val, pad) SELECT a.n*1000+c.n, (a.n*1000+c.n) %% 100, (a.n*7919 + c.n*31) %% 1000, 'row' FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n >= %d AND a.n < %d AND a.n*1000+c.n < %d", lo, lo+100, n)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// measure runs f and returns the server's and this process's CPU time in µs.
func (s *server) measure(f func() error) (srv, cli float64, err error) {
	s0, err := procCPU(s.cmd.Process.Pid)
	if err != nil {
		return 0, 0, err
	}
	c0, t0 := selfCPU(), time.Now()
	if err := f(); err != nil {
		return 0, 0, err
	}
	c1 := selfCPU()
	s.lastWall = time.Since(t0)
	s1, err := procCPU(s.cmd.Process.Pid)
	if err != nil {
		return 0, 0, err
	}
	return s1 - s0, c1 - c0, nil
}

func (s *server) select1(ctx context.Context, conns, n int) error {
	db, err := sql.Open("sqlserver", s.dsn("master"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	var wg sync.WaitGroup
	errs := make(chan error, conns)
	for c := 0; c < conns; c++ {
		wg.Add(1)
		go func(m int) {
			defer wg.Done()
			var q interface {
				QueryRowContext(context.Context, string, ...any) *sql.Row
			} = db
			if pinned {
				c, err := db.Conn(ctx)
				if err != nil {
					errs <- err
					return
				}
				defer c.Close()
				q = c
			}
			var v any
			for i := 0; i < m; i++ {
				if err := q.QueryRowContext(ctx, "SELECT 1").Scan(&v); err != nil {
					errs <- err
					return
				}
			}
		}(n / conns)
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// lookup runs n point lookups by primary key spread over conns pinned
// connections, each a parameterized query (sp_executesql), as tests/bench's
// "point lookup by PK" does.
func (s *server) lookup(ctx context.Context, conns, n, rows int) error {
	db, err := sql.Open("sqlserver", s.dsn("bench"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	var wg sync.WaitGroup
	errs := make(chan error, conns)
	for c := 0; c < conns; c++ {
		wg.Add(1)
		go func(first, m int) {
			defer wg.Done()
			conn, err := db.Conn(ctx)
			if err != nil {
				errs <- err
				return
			}
			defer conn.Close()
			var pad string
			for i := first; i < first+m; i++ {
				if err := conn.QueryRowContext(ctx, "SELECT pad FROM dbo.big WHERE id = @p1", int32(int64(i)*7919%int64(rows))).Scan(&pad); err != nil {
					errs <- err
					return
				}
			}
		}(c*(n/conns), n/conns)
	}
	wg.Wait()
	close(errs)
	return <-errs
}

func (s *server) stream(ctx context.Context) (int64, error) {
	db, err := sql.Open("sqlserver", s.dsn("bench"))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "SELECT id, grp, val, pad FROM dbo.big")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	dest := make([]any, 4)
	for i := range dest {
		dest[i] = new(any)
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// procCPU returns utime+stime of pid in µs (fields 14 and 15 of
// /proc/PID/stat, in clock ticks of 100 Hz on Linux).
func procCPU(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	u, err1 := strconv.ParseFloat(f[11], 64)
	st, err2 := strconv.ParseFloat(f[12], 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("parse /proc/%d/stat", pid)
	}
	return (u + st) * 1e4, nil
}

func selfCPU() float64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e3
}
