package exec_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// rvSession opens an instance with database rv and returns a session in it
// and a runner that returns the result rows (without the "--" marker).
func rvSession(t *testing.T) (*exec.Session, func(t *testing.T, q string) ([]string, error)) {
	t.Helper()
	s := newSASession(t, openExecTestInstance(t, "rv"))
	run := func(t *testing.T, q string) ([]string, error) {
		t.Helper()
		out := &collectOutput{}
		err := s.ExecBatch(context.Background(), q, out)
		var rows []string
		for _, r := range out.rows {
			if r != "--" {
				rows = append(rows, r)
			}
		}
		return rows, err
	}
	for _, q := range []string{"CREATE DATABASE rv", "USE rv"} {
		if _, err := run(t, q); err != nil {
			t.Fatal(err)
		}
	}
	return s, run
}

// TestReviewIntegerFastPaths (review of 75be574: raw pre-filter on stored
// rows, int64 GROUP BY, int64 SUM/AVG) checks SQL Server's results on the
// edges the model test does not reach: type precedence against decimal,
// float and string constants, constants out of a narrow column's range,
// bit columns, overflow of SUM/AVG at 2^31 and 2^63 in both directions,
// integer AVG truncation, columns added after rows exist (with and without
// a default), tables of more than 128 columns and sparse NULL bitmaps.
// Every query runs with read-ahead off and on (the table is long enough).
func TestReviewIntegerFastPaths(t *testing.T) {
	_, run := rvSession(t)
	mustRun := func(t *testing.T, q string) []string {
		t.Helper()
		rows, err := run(t, q)
		if err != nil {
			t.Fatalf("%.100s: %v", q, err)
		}
		return rows
	}
	mustRun(t, "CREATE TABLE dbo.r (id int NOT NULL PRIMARY KEY, v varchar(10) NULL, i int NULL, b bigint NULL, s smallint NULL, t tinyint NULL, bt bit NULL)")
	// 6000 rows (read-ahead starts after 4096): i cycles -10..9, NULL
	// every 7th row; t 0..255, NULL every 5th; bt NULL every 3rd.
	var sb strings.Builder
	for id := 0; id < 6000; id++ {
		if id%500 == 0 {
			if sb.Len() > 0 {
				mustRun(t, sb.String())
				sb.Reset()
			}
			sb.WriteString("INSERT dbo.r (id, v, i, b, s, t, bt) VALUES ")
		} else {
			sb.WriteString(", ")
		}
		i, tt, bt, v := strconv.Itoa(id%20-10), strconv.Itoa(id%256), strconv.Itoa(id%2), "'x"+strconv.Itoa(id%3)+"'"
		if id%7 == 0 {
			i = "NULL"
		}
		if id%5 == 0 {
			tt = "NULL"
		}
		if id%3 == 0 {
			bt, v = "NULL", "NULL"
		}
		fmt.Fprintf(&sb, "(%d, %s, %s, %d, %d, %s, %s)", id, v, i, int64(id-3000)*1_000_000_007, id%40000-20000, tt, bt)
	}
	mustRun(t, sb.String())
	count := func(keep func(id int) bool) string {
		n := 0
		for id := 0; id < 6000; id++ {
			if keep(id) {
				n++
			}
		}
		return strconv.Itoa(n)
	}
	iv := func(id int) (int, bool) { return id%20 - 10, id%7 != 0 }
	tv := func(id int) (int, bool) { return id % 256, id%5 != 0 }
	filters := []struct {
		where string
		want  string
	}{
		{"i = 7.5", "0"},
		{"i < 7.5", count(func(id int) bool { x, ok := iv(id); return ok && x <= 7 })},
		{"i >= -7.5", count(func(id int) bool { x, ok := iv(id); return ok && x >= -7 })},
		{"i = 7e0", count(func(id int) bool { x, ok := iv(id); return ok && x == 7 })},
		{"i = '7'", count(func(id int) bool { x, ok := iv(id); return ok && x == 7 })},
		{"i > -3 AND i < 3", count(func(id int) bool { x, ok := iv(id); return ok && x > -3 && x < 3 })},
		{"-3 > i", count(func(id int) bool { x, ok := iv(id); return ok && x < -3 })},
		{"t = -1", "0"},
		{"t > -1", count(func(id int) bool { _, ok := tv(id); return ok })},
		{"t = 256", "0"},
		{"t < 256", count(func(id int) bool { _, ok := tv(id); return ok })},
		{"t >= 255", count(func(id int) bool { x, ok := tv(id); return ok && x == 255 })},
		{"s > 70000", "0"},
		{"s > -70000", "6000"},
		{"s < -19990", count(func(id int) bool { return id%40000-20000 < -19990 })},
		{"b = -3000000021", ""}, // numeric literal; want set below
		{"b > 2147483648", count(func(id int) bool { return int64(id-3000)*1_000_000_007 > 2147483648 })},
		{"b < -1", count(func(id int) bool { return int64(id-3000)*1_000_000_007 < -1 })},
		{"bt = 1", count(func(id int) bool { return id%3 != 0 && id%2 == 1 })},
		{"bt <> 0", count(func(id int) bool { return id%3 != 0 && id%2 == 1 })},
		{"v = 'x1' AND i = 5", count(func(id int) bool { x, ok := iv(id); return id%3 == 1 && ok && x == 5 })},
	}
	filters[15].want = count(func(id int) bool { return int64(id-3000)*1_000_000_007 == -3000000021 })
	for _, ra := range []bool{false, true} {
		t.Run(fmt.Sprintf("readahead=%v", ra), func(t *testing.T) {
			defer exec.SetScanReadAhead(exec.SetScanReadAhead(ra))
			for _, f := range filters {
				t.Run(f.where, func(t *testing.T) {
					got := mustRun(t, "SELECT COUNT(*) FROM dbo.r WHERE "+f.where)
					if len(got) != 1 || got[0] != f.want {
						t.Fatalf("COUNT(*) = %v, want %s", got, f.want)
					}
				})
			}
		})
	}

	t.Run("aggregates", func(t *testing.T) {
		mustRun(t, "CREATE TABLE dbo.a (id int NOT NULL PRIMARY KEY, g int NOT NULL, i int NULL, b bigint NULL, t tinyint NULL, s smallint NULL)")
		mustRun(t, `INSERT dbo.a VALUES
			(1, 1, 2147483647, 9223372036854775807, 255, 32767), (2, 1, 1, 1, 255, 32767),
			(3, 2, -2147483648, -9223372036854775808, 0, -32768), (4, 2, -1, -1, NULL, -32768),
			(5, 3, -7, -7, 1, NULL), (6, 3, -8, -8, 2, 1), (7, 3, NULL, NULL, NULL, NULL),
			(8, 4, 7, 7, 3, 3), (9, 4, 8, 8, 4, 4), (10, 5, NULL, NULL, NULL, NULL)`)
		cases := []struct {
			q, want string
			err     int32 // SQL Server error number, 0: none
		}{
			{q: "SELECT SUM(i) FROM dbo.a WHERE g = 1", err: 8115},
			{q: "SELECT SUM(i) FROM dbo.a WHERE g = 2", err: 8115},
			{q: "SELECT AVG(i) FROM dbo.a WHERE g = 1", err: 8115},
			{q: "SELECT SUM(b) FROM dbo.a WHERE g = 1", err: 8115},
			{q: "SELECT SUM(b) FROM dbo.a WHERE g = 2", err: 8115},
			{q: "SELECT SUM(CAST(i AS bigint)) FROM dbo.a WHERE g = 1", want: "2147483648"},
			{q: "SELECT SUM(CAST(i AS bigint)), AVG(CAST(i AS bigint)) FROM dbo.a WHERE g = 2", want: "-2147483649|-1073741824"},
			{q: "SELECT SUM(t), SUM(s), AVG(t), AVG(s) FROM dbo.a WHERE g = 1", want: "510|65534|255|32767"},
			{q: "SELECT SUM(s), AVG(s) FROM dbo.a WHERE g = 2", want: "-65536|-32768"},
			{q: "SELECT SUM(i), AVG(i), AVG(b), COUNT(i) FROM dbo.a WHERE g = 3", want: "-15|-7|-7|2"},
			{q: "SELECT SUM(i), AVG(i), AVG(b) FROM dbo.a WHERE g = 4", want: "15|7|7"},
			{q: "SELECT SUM(i), AVG(i), SUM(b), AVG(t) FROM dbo.a WHERE g = 5", want: "NULL|NULL|NULL|NULL"},
			{q: "SELECT SUM(i) FROM dbo.a WHERE g > 2", want: "0"},
			{q: "SELECT g, SUM(i) FROM dbo.a WHERE g > 2 GROUP BY g ORDER BY g", want: "3|-15,4|15,5|NULL"},
			{q: "SELECT COUNT(*), SUM(i), AVG(b), MAX(t) FROM dbo.a WHERE id < 0", want: "0|NULL|NULL|NULL"},
			{q: "SELECT g, COUNT(*) FROM dbo.a WHERE id < 0 GROUP BY g", want: ""},
			{q: "SELECT COUNT(*), SUM(i) FROM dbo.a WHERE g = 3 HAVING COUNT(*) > 5", want: ""},
		}
		for _, c := range cases {
			t.Run(c.q, func(t *testing.T) {
				got, err := run(t, c.q)
				if c.err != 0 {
					var e *exec.Error
					if !errors.As(err, &e) || e.Number != c.err {
						t.Fatalf("err = %v, want error %d (rows %v)", err, c.err, got)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if g := strings.Join(got, ","); g != c.want {
					t.Fatalf("got %s, want %s", g, c.want)
				}
			})
		}
	})

	t.Run("group by integer keys", func(t *testing.T) {
		mustRun(t, "CREATE TABLE dbo.k (id int NOT NULL PRIMARY KEY, b bigint NULL, t tinyint NULL, i int NULL)")
		mustRun(t, `INSERT dbo.k VALUES (1, -9223372036854775808, 0, -1), (2, 9223372036854775807, 255, -4),
			(3, -1, NULL, 2), (4, NULL, 5, 5), (5, -1, 5, NULL), (6, NULL, 0, -7)`)
		cases := []struct{ q, want string }{
			{"SELECT b, COUNT(*) FROM dbo.k GROUP BY b ORDER BY b", "NULL|2,-9223372036854775808|1,-1|2,9223372036854775807|1"},
			{"SELECT t, COUNT(*) FROM dbo.k GROUP BY t ORDER BY t", "NULL|1,0|2,5|2,255|1"},
			{"SELECT i % 3, COUNT(*) FROM dbo.k GROUP BY i % 3 ORDER BY 1", "NULL|1,-1|3,2|2"},
			// tinyint and int values of one int key meet in one group.
			{"SELECT x, COUNT(*) FROM (SELECT t AS x FROM dbo.k UNION ALL SELECT i FROM dbo.k) u GROUP BY x ORDER BY x", "NULL|2,-7|1,-4|1,-1|1,0|2,2|1,5|3,255|1"},
		}
		for _, c := range cases {
			t.Run(c.q, func(t *testing.T) {
				if g := strings.Join(mustRun(t, c.q), ","); g != c.want {
					t.Fatalf("got %s\nwant %s", g, c.want)
				}
			})
		}
	})

	t.Run("columns added after rows", func(t *testing.T) {
		mustRun(t, "CREATE TABLE dbo.c (id int NOT NULL PRIMARY KEY, x int NULL)")
		mustRun(t, "INSERT dbo.c VALUES (1, 1), (2, NULL), (3, -3)")
		mustRun(t, "ALTER TABLE dbo.c ADD n int NULL")
		mustRun(t, "ALTER TABLE dbo.c ADD d int NOT NULL CONSTRAINT df_c_d DEFAULT 5")
		mustRun(t, "INSERT dbo.c (id, x, n, d) VALUES (4, 4, 3, 6)")
		cases := []struct{ where, want string }{
			{"n IS NULL", "1,2,3"},
			{"n = 0", ""},
			{"n >= 3", "4"},
			{"d = 5", "1,2,3"},
			{"d > 4 AND x < 2", "1,3"},
			{"d <> 5", "4"},
		}
		for _, c := range cases {
			t.Run(c.where, func(t *testing.T) {
				if g := strings.Join(mustRun(t, "SELECT id FROM dbo.c WHERE "+c.where+" ORDER BY id"), ","); g != c.want {
					t.Fatalf("got %q, want %q", g, c.want)
				}
			})
		}
	})

	t.Run("computed columns and own uncommitted writes", func(t *testing.T) {
		mustRun(t, "CREATE TABLE dbo.x (id int NOT NULL PRIMARY KEY, a int NULL, c AS a * 2, b int NULL, p AS a + 1 PERSISTED)")
		mustRun(t, "INSERT dbo.x (id, a, b) VALUES (1, 5, 7), (2, NULL, 8), (3, -1, NULL)")
		cases := []struct{ q, want string }{
			{"SELECT id FROM dbo.x WHERE c = 10", "1"},
			{"SELECT id FROM dbo.x WHERE b = 8", "2"},
			{"SELECT id FROM dbo.x WHERE p = 0", "3"},
			// In a transaction that changed rows: its own writes are filtered too.
			{"BEGIN TRAN; UPDATE dbo.x SET b = 99 WHERE id = 3; DELETE dbo.x WHERE id = 1; SELECT id FROM dbo.x WHERE b >= 8 ORDER BY id; ROLLBACK", "2,3"},
			{"BEGIN TRAN; UPDATE dbo.i SET i = 999 WHERE id < 5000; SELECT COUNT(*) FROM dbo.i WHERE i = 999; ROLLBACK", "5000"},
			{"SELECT COUNT(*) FROM dbo.i WHERE i = 999", "0"},
		}
		mustRun(t, "SELECT id, i INTO dbo.i FROM dbo.r")
		for _, c := range cases {
			t.Run(c.q, func(t *testing.T) {
				if g := strings.Join(mustRun(t, c.q), ","); g != c.want {
					t.Fatalf("got %q, want %q", g, c.want)
				}
			})
		}
	})

	t.Run("wide table sparse nulls", func(t *testing.T) {
		// 135 columns (the stored column count takes two bytes), a
		// varchar and NULLs before the filtered columns.
		const ncol = 135
		var cols, vals1, vals2 []string
		for c := 1; c < ncol; c++ {
			typ := "int"
			if c == 3 {
				typ = "varchar(20)"
			}
			cols = append(cols, fmt.Sprintf("c%d %s NULL", c, typ))
		}
		mustRun(t, "CREATE TABLE dbo.w (id int NOT NULL PRIMARY KEY, "+strings.Join(cols, ", ")+")")
		for c := 1; c < ncol; c++ {
			v1, v2 := strconv.Itoa(-c), "NULL"
			if c == 3 {
				v1, v2 = "'abc'", "'defgh'"
			}
			if c%9 == 0 || c == 134 {
				v2 = strconv.Itoa(c)
			}
			vals1, vals2 = append(vals1, v1), append(vals2, v2)
		}
		mustRun(t, "INSERT dbo.w VALUES (1, "+strings.Join(vals1, ", ")+"), (2, "+strings.Join(vals2, ", ")+")")
		cases := []struct{ where, want string }{
			{"c134 = -134", "1"},
			{"c134 = 134", "2"},
			{"c134 > 0", "2"},
			{"c9 = 9", "2"},
			{"c9 < 0 AND c130 = -130", "1"},
			{"c10 IS NULL AND c126 = 126", "2"},
			{"c127 = -127", "1"},
			{"c128 = -128", "1"},
			{"c2 = -2", "1"},
		}
		for _, c := range cases {
			t.Run(c.where, func(t *testing.T) {
				if g := strings.Join(mustRun(t, "SELECT id FROM dbo.w WHERE "+c.where+" ORDER BY id"), ","); g != c.want {
					t.Fatalf("got %q, want %q", g, c.want)
				}
			})
		}
	})
}

// TestReviewHashJoinIntKeys (review of 6da97f8: integer join keys listed
// while they arrive in order, dense lists indexed directly) joins tables
// long enough for the adaptive join to build its hash table, on right keys
// that are the clustered key (ascending: dense with negatives, and sparse),
// and on a non-key column (out of order after the first, duplicates, NULLs,
// negatives), inner and left outer, against a model.
func TestReviewHashJoinIntKeys(t *testing.T) {
	_, run := rvSession(t)
	mustRun := func(t *testing.T, q string) []string {
		t.Helper()
		rows, err := run(t, q)
		if err != nil {
			t.Fatalf("%.100s: %v", q, err)
		}
		return rows
	}
	const n = 3000
	lk := func(id int) (int, bool) { return (id*7919)%4000 - 1500, id%13 != 0 } // L.k
	rid := func(j int) int { return j - 600 }                                   // dense R ids
	sid := func(j int) int { return j*5 - 600 }                                 // sparse S ids
	rk := func(j int) (int, bool) { return (j*31)%700 - 350, j%11 != 0 }        // R.k, S.k
	mustRun(t, "CREATE TABLE dbo.l (id int NOT NULL PRIMARY KEY, k int NULL)")
	mustRun(t, "CREATE TABLE dbo.rd (id int NOT NULL PRIMARY KEY, k int NULL)")
	mustRun(t, "CREATE TABLE dbo.rs (id bigint NOT NULL PRIMARY KEY, k smallint NULL)")
	lit := func(x int, ok bool) string {
		if !ok {
			return "NULL"
		}
		return strconv.Itoa(x)
	}
	for _, tb := range []struct {
		name string
		row  func(j int) string
	}{
		{"l", func(j int) string { return fmt.Sprintf("(%d, %s)", j, lit(lk(j))) }},
		{"rd", func(j int) string { return fmt.Sprintf("(%d, %s)", rid(j), lit(rk(j))) }},
		{"rs", func(j int) string { return fmt.Sprintf("(%d, %s)", sid(j), lit(rk(j))) }},
	} {
		for lo := 0; lo < n; lo += 500 {
			var vals []string
			for j := lo; j < lo+500; j++ {
				vals = append(vals, tb.row(j))
			}
			mustRun(t, "INSERT dbo."+tb.name+" VALUES "+strings.Join(vals, ", "))
		}
	}
	type side struct {
		key func(j int) (int, bool)
		id  func(j int) int
	}
	cases := []struct {
		name, q string
		right   side
		outer   bool
	}{
		{"dense clustered key", "SELECT l.id, r.id FROM dbo.l JOIN dbo.rd r ON l.k = r.id", side{func(j int) (int, bool) { return rid(j), true }, rid}, false},
		{"sparse clustered key", "SELECT l.id, r.id FROM dbo.l JOIN dbo.rs r ON l.k = r.id", side{func(j int) (int, bool) { return sid(j), true }, sid}, false},
		{"non-key column", "SELECT l.id, r.id FROM dbo.l JOIN dbo.rd r ON l.k = r.k", side{rk, rid}, false},
		{"non-key smallint", "SELECT l.id, r.id FROM dbo.l JOIN dbo.rs r ON r.k = l.k", side{rk, sid}, false},
		{"left outer dense", "SELECT l.id, r.id FROM dbo.l LEFT JOIN dbo.rd r ON l.k = r.id", side{func(j int) (int, bool) { return rid(j), true }, rid}, true},
		{"left outer non-key", "SELECT l.id, r.id FROM dbo.l LEFT JOIN dbo.rs r ON l.k = r.k", side{rk, sid}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want []string
			for i := 0; i < n; i++ {
				k, ok := lk(i)
				matched := false
				for j := 0; ok && j < n; j++ {
					if rkv, rok := c.right.key(j); rok && rkv == k {
						want = append(want, fmt.Sprintf("%d|%d", i, c.right.id(j)))
						matched = true
					}
				}
				if !matched && c.outer {
					want = append(want, fmt.Sprintf("%d|NULL", i))
				}
			}
			got := mustRun(t, c.q)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("%d rows, want %d\ngot  %.300v\nwant %.300v", len(got), len(want), got, want)
			}
		})
	}
}
