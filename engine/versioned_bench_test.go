//go:build linux

package engine

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkVersionedReads measures what reading as of a point costs a read
// (issues #4 #5): tests/bench -suite local's query shapes (point lookup by
// PK, the 1M-row filtered scan, GROUP BY over 1M rows, the 100k × 100k
// join) on one database read five ways —
//
//	rc        READ COMMITTED, READ_COMMITTED_SNAPSHOT OFF: the newest rows
//	rcsi      READ COMMITTED with READ_COMMITTED_SNAPSHOT ON: a read point per statement
//	snapshot  a SNAPSHOT transaction: one read point for all its statements
//	dbsnap    through a database snapshot (CREATE DATABASE … AS SNAPSHOT OF)
//	          of the source as it is
//	dbsnap-busy  through a snapshot the source has changed rows of every
//	          table since (after a restart, so that the buffer pool loads
//	          tables as of the newest version, as on a mirror)
//	rc-busy, rcsi-busy  rc and rcsi while two sessions update rows of big
//	          and j2 in autocommit transactions as fast as they can
//
// reporting process CPU per statement (cpu-ns/op; with the writers' CPU in
// the busy modes) and the reads the buffer pool answered per statement
// (old-reads/op: reads of a cached table as of a point older than what the
// buffer pool keeps, which read badger instead). The instance and its
// data are built once per process (MIRRORSQL_VERSIONED_ROWS rows in big,
// default 1,000,000) and shared by the sub-benchmarks; pass -count and
// compare the modes of one query side by side (they run interleaved).
func BenchmarkVersionedReads(b *testing.B) {
	f := versionedFixture(b)
	queries := []struct {
		name, stmt, decls string
		args              func(i int) []*exec.ProcArg
	}{
		{name: "lookup", stmt: "SELECT pad FROM dbo.big WHERE id = @p1", decls: "@p1 int",
			args: func(i int) []*exec.ProcArg {
				return []*exec.ProcArg{{Name: "@p1", Value: types.NewInt(int32(i * 7919 % f.rows)), Type: types.TypeInt}}
			}},
		{name: "scan", stmt: "SELECT id FROM dbo.big WHERE val = 7"},
		{name: "group", stmt: "SELECT grp, COUNT(*), SUM(val) FROM dbo.big GROUP BY grp"},
		{name: "join", stmt: "SELECT COUNT(*), SUM(j2.v) FROM dbo.j1 JOIN dbo.j2 ON j2.id = j1.k"},
	}
	for _, q := range queries {
		for _, m := range []string{"rc", "rcsi", "snapshot", "dbsnap", "dbsnap-busy", "rc-busy", "rcsi-busy"} {
			b.Run(q.name+"/"+m, func(b *testing.B) {
				s, done := f.session(b, m)
				defer done()
				ctx := context.Background()
				out := &collect{}
				run := func(i int) {
					var err error
					if q.args != nil {
						err = s.ExecuteSQL(ctx, q.stmt, q.decls, q.args(i), out)
					} else {
						err = s.ExecBatch(ctx, q.stmt, out)
					}
					if err != nil || len(out.errs) > 0 {
						b.Fatalf("%s: %v %v", q.stmt, err, out.errs)
					}
					out.rows = out.rows[:0]
				}
				run(-1) // warm the plan cache (and the buffer pool's load)
				if strings.HasSuffix(m, "-busy") && !strings.HasPrefix(m, "dbsnap") {
					defer f.write(b)()
				}
				store := f.inst.Database("vb").store
				b.ReportAllocs()
				st0, cpu0 := store.CacheStats(), cpuTime(b)
				b.ResetTimer()
				for i := range b.N {
					run(i)
				}
				b.StopTimer()
				b.ReportMetric(float64((cpuTime(b)-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
				st := store.CacheStats()
				b.ReportMetric(float64(st.OldReads-st0.OldReads)/float64(b.N), "old-reads/op")
			})
		}
	}
}

// versionedBench is BenchmarkVersionedReads' instance: database vb with
// tests/bench's tables, snapshot vb_ss of it taken before any change, and
// vb_busy_ss taken before the source's later changes.
type versionedBench struct {
	inst  *Instance
	admin *exec.Session
	rows  int
	dir   string
}

// TestMain removes BenchmarkVersionedReads' instance (a few hundred MB for
// a million rows) after the package's tests and benchmarks.
func TestMain(m *testing.M) {
	code := m.Run()
	if f := versionedF; f != nil {
		_ = f.inst.Close()
		_ = os.RemoveAll(f.dir)
	}
	os.Exit(code)
}

var (
	versionedOnce sync.Once
	versionedF    *versionedBench
	versionedErr  error
)

func versionedFixture(b *testing.B) *versionedBench {
	versionedOnce.Do(func() { versionedF, versionedErr = buildVersionedFixture() })
	if versionedErr != nil {
		b.Fatal(versionedErr)
	}
	return versionedF
}

func buildVersionedFixture() (*versionedBench, error) {
	rows := 1_000_000
	if v := os.Getenv("MIRRORSQL_VERSIONED_ROWS"); v != "" {
		if _, err := fmt.Sscan(v, &rows); err != nil {
			return nil, err
		}
	}
	dir, err := os.MkdirTemp("", "versioned-bench-")
	if err != nil {
		return nil, err
	}
	inst, err := Open(Config{DataDir: dir, ServerName: "t", SAPassword: "pw", Version: "test"})
	if err != nil {
		return nil, err
	}
	admin, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	execAll := func(sql string) error {
		out := &collect{}
		if err := admin.ExecBatch(ctx, sql, out); err != nil {
			return fmt.Errorf("%s: %w", sql, err)
		}
		if len(out.errs) > 0 {
			return fmt.Errorf("%s: %w", sql, out.errs[0])
		}
		return nil
	}
	steps := []string{
		"CREATE DATABASE vb",
		"ALTER DATABASE vb SET ALLOW_SNAPSHOT_ISOLATION ON",
		"USE vb",
		`CREATE TABLE dbo.d (n int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.big (id int NOT NULL PRIMARY KEY, grp int NOT NULL, val int NOT NULL, pad varchar(20) NOT NULL)
CREATE TABLE dbo.j1 (id int NOT NULL PRIMARY KEY, k int NOT NULL, v int NOT NULL)
CREATE TABLE dbo.j2 (id int NOT NULL PRIMARY KEY, v int NOT NULL)`,
		"INSERT INTO dbo.d SELECT value FROM GENERATE_SERIES(0, 999)",
	}
	for lo := 0; lo < rows; lo += 100_000 {
		steps = append(steps, fmt.Sprintf("INSERT INTO dbo.big (id, grp, val, pad) SELECT a.n*1000+c.n, (a.n*1000+c.n) %% 100, (a.n*7919 + c.n*31) %% 1000, 'row' FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n*1000+c.n >= %d AND a.n*1000+c.n < %d", lo, min(lo+100_000, rows)))
	}
	steps = append(steps,
		"INSERT INTO dbo.j1 (id, k, v) SELECT a.n*1000+c.n, ((a.n*1000+c.n)*7) % 100000, c.n FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 100",
		"INSERT INTO dbo.j2 (id, v) SELECT a.n*1000+c.n, a.n FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 100",
		"USE master",
		"CREATE DATABASE vb_busy_ss ON (NAME = vb, FILENAME = 'vb_busy_ss.ss') AS SNAPSHOT OF vb",
		// The source moves on after vb_busy_ss: one row in a thousand of
		// each table changes, as on a busy principal or mirror.
		"UPDATE vb.dbo.big SET val = val WHERE id % 1000 = 0",
		"UPDATE vb.dbo.j1 SET v = v WHERE id % 1000 = 0",
		"UPDATE vb.dbo.j2 SET v = v WHERE id % 1000 = 0",
		"CREATE DATABASE vb_ss ON (NAME = vb, FILENAME = 'vb_ss.ss') AS SNAPSHOT OF vb",
	)
	for _, st := range steps {
		if err := execAll(st); err != nil {
			return nil, err
		}
	}
	// Start again with an empty buffer pool, as a restarted server or a
	// mirror (whose database nobody reads) has: tables are loaded as of
	// the source's newest version, above vb_busy_ss's.
	admin.Close()
	if err := inst.Close(); err != nil {
		return nil, err
	}
	if inst, err = Open(Config{DataDir: dir, ServerName: "t", SAPassword: "pw", Version: "test"}); err != nil {
		return nil, err
	}
	if admin, err = inst.NewSession("sa", "master", exec.SessionInfo{}); err != nil {
		return nil, err
	}
	// Let background work (log segment preparation) settle.
	time.Sleep(time.Second)
	return &versionedBench{inst: inst, admin: admin, rows: rows, dir: dir}, nil
}

// write starts two sessions updating single rows of big and j2 in
// autocommit transactions until the returned function is called.
func (f *versionedBench) write(b *testing.B) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for w := range 2 {
		s, err := f.inst.NewSession("sa", "vb", exec.SessionInfo{})
		if err != nil {
			b.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer s.Close()
			out := &collect{}
			for i := w; ctx.Err() == nil; i += 2 {
				stmt := "UPDATE dbo.big SET val = val WHERE id = @p1"
				if i%4 >= 2 {
					stmt = "UPDATE dbo.j2 SET v = v WHERE id = @p1"
				}
				args := []*exec.ProcArg{{Name: "@p1", Value: types.NewInt(int32(i * 7919 % 100_000)), Type: types.TypeInt}}
				if err := s.ExecuteSQL(ctx, stmt, "@p1 int", args, out); err != nil {
					return
				}
				out.errs = out.errs[:0]
			}
		}()
	}
	return func() { cancel(); wg.Wait() }
}

// session returns a session reading vb the way mode says, and what undoes
// the mode's setting.
func (f *versionedBench) session(b *testing.B, mode string) (*exec.Session, func()) {
	db := "vb"
	switch mode {
	case "dbsnap":
		db = "vb_ss"
	case "dbsnap-busy":
		db = "vb_busy_ss"
	}
	s, err := f.inst.NewSession("sa", db, exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
	done := func() {}
	switch mode {
	case "rcsi", "rcsi-busy":
		benchExec(b, f.admin, "ALTER DATABASE vb SET READ_COMMITTED_SNAPSHOT ON")
		done = func() { benchExec(b, f.admin, "ALTER DATABASE vb SET READ_COMMITTED_SNAPSHOT OFF") }
	case "snapshot":
		benchExec(b, s, "SET TRANSACTION ISOLATION LEVEL SNAPSHOT")
		benchExec(b, s, "BEGIN TRANSACTION")
		done = func() { benchExec(b, s, "COMMIT") }
	}
	return s, func() { done(); s.Close() }
}
