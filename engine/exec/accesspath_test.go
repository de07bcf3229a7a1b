package exec_test

import (
	"context"
	"fmt"
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// accessRows is the size of the access path tests' table: enough pages that
// a full scan (about 75 logical reads) and a seek (1–3) cannot be confused.
const accessRows = 20000

// accessSetup creates issue #5's table dbo.big (id 1..n, cat = id % 100,
// name = 'n'+id, ix_cat on cat, ix_name on name INCLUDE amt) and dbo.heap,
// the same rows with no index at all: every query on it is a full scan, the
// reference a seek's result must equal.
func accessSetup(t testing.TB, s *exec.Session, n int) {
	t.Helper()
	ctx := context.Background()
	for _, q := range []string{
		"CREATE TABLE dbo.big (id int PRIMARY KEY, cat int NOT NULL, name varchar(20) NOT NULL, amt money)",
		"CREATE INDEX ix_cat ON dbo.big(cat)",
		"CREATE INDEX ix_name ON dbo.big(name) INCLUDE (amt)",
		fmt.Sprintf("INSERT dbo.big SELECT value, value %% 100, 'n' + CAST(value AS varchar(10)), value / 7.0 FROM GENERATE_SERIES(1, %d)", n),
		"CREATE TABLE dbo.heap (id int NOT NULL, cat int NOT NULL, name varchar(20) NOT NULL, amt money)",
		"INSERT dbo.heap SELECT id, cat, name, amt FROM dbo.big",
	} {
		if err := s.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

var ioLine = regexp.MustCompile(`^msg 3615: Table '(\w+)'\. Scan count (\d+), logical reads (\d+),`)

// runIO runs q under STATISTICS IO ON and returns its rows and its 3615
// lines as "table scans reads".
func runIO(t testing.TB, s *exec.Session, q string) (rows, io []string) {
	t.Helper()
	out := &aggTrace{}
	if err := s.ExecBatch(context.Background(), "SET STATISTICS IO ON;\n"+q+";\nSET STATISTICS IO OFF", out); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	for _, l := range out.lines {
		if m := ioLine.FindStringSubmatch(l); m != nil {
			io = append(io, m[1]+" "+m[2]+" "+m[3])
		} else if l != "--" && !strings.HasPrefix(l, "msg ") {
			rows = append(rows, l)
		} else if strings.HasPrefix(l, "error") {
			t.Fatalf("%s: %s", q, l)
		}
	}
	return rows, io
}

// TestAccessPaths: the everyday queries of issue #5 read what SQL Server's
// plans read — a backward scan for ORDER BY … DESC with TOP or
// OFFSET/FETCH, one line per table in STATISTICS IO — and answer what the
// full scan of dbo.heap answers.
func TestAccessPaths(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	_ = ctx
	s := newSASession(t, openExecTestInstance(t, "accesspaths"))
	accessSetup(t, s, accessRows)
	for _, tc := range []struct {
		name, q string
		io      []string // want, "table scans reads"
	}{
		{"top asc", "SELECT TOP 5 id FROM dbo.big ORDER BY id", []string{"big 1 1"}},
		{"top desc", "SELECT TOP 5 id FROM dbo.big ORDER BY id DESC", []string{"big 1 1"}},
		{"offset fetch desc", "SELECT id, name FROM dbo.big ORDER BY id DESC OFFSET 10 ROWS FETCH NEXT 5 ROWS ONLY", []string{"big 1 1"}},
		{"range desc", "SELECT TOP 3 id FROM dbo.big WHERE id < 1000 ORDER BY id DESC", []string{"big 1 1"}},
		{"seek and lookups one line", "SELECT id, amt FROM dbo.big WHERE cat = 3", []string{"big 1 201"}},
		// 14,000 lookups: past the tipping point the statistics send the
		// read to a scan (seektip.go).
		{"past the tipping point", "SELECT id, amt FROM dbo.big WHERE cat >= 30", []string{"big 1 74"}},
		// ix_cat covers COUNT(*): three ranges, no lookups (covering.go).
		{"in list", "SELECT COUNT(*) FROM dbo.big WHERE cat IN (1, 2, 3)", []string{"big 3 4"}},
		{"or of equalities", "SELECT COUNT(*), SUM(amt) FROM dbo.big WHERE cat = 1 OR cat = 2", []string{"big 2 402"}},
		{"in list on the key", "SELECT id, name FROM dbo.big WHERE id IN (7, 19000, 7, 300)", []string{"big 0 3"}},
		{"or of ranges", "SELECT id FROM dbo.big WHERE id BETWEEN 100 AND 105 OR id = 15000 ORDER BY id", []string{"big 1 2"}},
		{"or of ranges desc", "SELECT TOP 4 id FROM dbo.big WHERE id BETWEEN 100 AND 105 OR id = 15000 ORDER BY id DESC", []string{"big 1 2"}},
		{"in list and a range", "SELECT id FROM dbo.big WHERE cat IN (4, 5) AND id < 1000 ORDER BY id", []string{"big 1 4"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, io := runIO(t, s, tc.q)
			if !slices.Equal(io, tc.io) {
				t.Errorf("%s: STATISTICS IO %q, want %q", tc.q, io, tc.io)
			}
			ref, _ := runIO(t, s, strings.ReplaceAll(tc.q, "dbo.big", "dbo.heap"))
			if !slices.Equal(rows, ref) {
				t.Errorf("%s: rows %q, want the full scan's %q", tc.q, rows, ref)
			}
		})
	}
}

// TestAccessPathsProperty: on random data — a two-column clustered key
// whose second column is DESC, a nullable indexed column, duplicates and a
// case-insensitive name column — every query answers what the same query
// over an index-less copy (a full scan and a sort) answers: under READ
// COMMITTED, SERIALIZABLE (the backward read's range locks) and inside a
// transaction whose own uncommitted writes the read must see.
func TestAccessPathsProperty(t *testing.T) {
	s := newSASession(t, openExecTestInstance(t, "accessprop"))
	ctx := context.Background()
	exec1 := func(q string) {
		t.Helper()
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for _, l := range out.lines {
			if strings.HasPrefix(l, "error") {
				t.Fatalf("%s: %s", q, l)
			}
		}
	}
	rng := rand.New(rand.NewSource(27))
	exec1("CREATE TABLE dbo.p (a int NOT NULL, b int NOT NULL, c int NULL, name varchar(10) NOT NULL, PRIMARY KEY (a, b DESC))")
	exec1("CREATE INDEX ix_c ON dbo.p(c)")
	exec1("CREATE INDEX ix_name ON dbo.p(name)")
	exec1("CREATE TABLE dbo.ph (a int NOT NULL, b int NOT NULL, c int NULL, name varchar(10) NOT NULL)")
	names := []string{"abc", "ABD", "ab", "a_c", "a%", "b[x]", "B", "", "zz", "abc "}
	seen := map[[2]int]bool{}
	var vals []string
	for len(vals) < 600 {
		a, b := rng.Intn(60), rng.Intn(20)
		if seen[[2]int{a, b}] {
			continue
		}
		seen[[2]int{a, b}] = true
		c := "NULL"
		if rng.Intn(5) > 0 {
			c = fmt.Sprint(rng.Intn(30))
		}
		vals = append(vals, fmt.Sprintf("(%d, %d, %s, '%s%d')", a, b, c, names[rng.Intn(len(names))], rng.Intn(3)))
	}
	for i := 0; i < len(vals); i += 200 {
		exec1("INSERT dbo.p VALUES " + strings.Join(vals[i:i+200], ", "))
	}
	exec1("INSERT dbo.ph SELECT * FROM dbo.p")
	queries := []string{
		"SELECT TOP 7 a, b, c FROM %s ORDER BY a DESC, b",
		"SELECT TOP 7 a FROM %s ORDER BY a DESC", // ties: only a is determined
		"SELECT a, b FROM %s WHERE a BETWEEN 10 AND 20 ORDER BY a DESC, b",
		"SELECT a, b, name FROM %s ORDER BY a DESC, b OFFSET 17 ROWS FETCH NEXT 9 ROWS ONLY",
		"SELECT TOP 4 a, b FROM %s WHERE a = 33 ORDER BY a DESC, b",
		"SELECT TOP 5 a, b, c FROM %s WHERE c > 3 ORDER BY a, b DESC",
		"SELECT a, b, c FROM %s WHERE c IN (3, NULL, 3, 7, 29, 100) ORDER BY a, b",
		"SELECT a, b FROM %s WHERE a IN (4, 8, 4) OR a BETWEEN 6 AND 9 OR (a = 50 AND b > 10) ORDER BY a, b",
		"SELECT TOP 6 a, b FROM %s WHERE a IN (4, 8, 15) OR a > 55 ORDER BY a DESC, b",
		"SELECT a, b FROM %s WHERE a = 12 AND b IN (1, 2, 3, 19, 18) ORDER BY a, b",
		"SELECT a, b FROM %s WHERE (c = 5 OR c = 6) AND a < 30 ORDER BY a, b",
		"SELECT a, b FROM %s WHERE a IN (1.5, 2, 3) ORDER BY a, b",
		"SELECT a, name FROM %s WHERE name IN ('ABC0', 'abc1', 'b[x]2') ORDER BY a, b",
		"DECLARE @x int = 9, @y int = NULL; SELECT a, b, c FROM %s WHERE c IN (@x, @y) OR c = @x + 1 ORDER BY a, b",
		"SELECT q.a, q.b, p.c FROM %[1]s q JOIN %[1]s p ON p.a = q.a AND p.b = q.b WHERE q.a < 5 AND p.c IN (1, 2, 3, 4, 5) ORDER BY q.a, q.b",
		"SELECT q.a, q.b FROM %[1]s q WHERE EXISTS (SELECT * FROM %[1]s p WHERE p.a IN (q.a, q.a + 1) AND p.c = 5) ORDER BY q.a, q.b",
		"SELECT q.a, q.b FROM %[1]s q LEFT JOIN %[1]s p ON p.a = q.b AND (p.b = 1 OR p.b = q.a) WHERE q.a > 50 ORDER BY q.a, q.b",
	}
	check := func(when string) {
		t.Helper()
		for _, q := range queries {
			got, _ := runIO(t, s, fmt.Sprintf(q, "dbo.p"))
			want, _ := runIO(t, s, fmt.Sprintf(q, "dbo.ph"))
			if !slices.Equal(got, want) {
				t.Errorf("%s: %s: rows %q, want the full scan's %q", when, q, got, want)
			}
		}
	}
	check("read committed")
	exec1("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
	exec1("BEGIN TRAN")
	check("serializable")
	exec1("COMMIT")
	exec1("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
	exec1("BEGIN TRAN")
	for _, q := range []string{
		"INSERT %s VALUES (61, 5, NULL, 'new'), (-1, 3, 4, 'neg')",
		"DELETE %s WHERE a = 59",
		"UPDATE %s SET c = c + 1 WHERE a %% 3 = 0",
	} {
		exec1(fmt.Sprintf(q, "dbo.p"))
		exec1(fmt.Sprintf(q, "dbo.ph"))
	}
	check("own writes")
	exec1("ROLLBACK")
}
