package exec_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestIndexHintAccessPath: the INDEX, FORCESEEK and FORCESCAN table hints
// choose how the table is read, as SET STATISTICS IO shows it — a seek by
// the whole clustered key is scan count 0 and 1 logical read, a scan of the
// table is scan count 1 and a read per 8,060 bytes, a nonclustered index
// read looks every row up (a logical read each) — and the hints SQL Server
// refuses are refused with its errors. On the old code every hint but the
// 308/315 checks was ignored: INDEX (ixc) … WHERE a = 5 sought the primary
// key, FORCESEEK over an unindexed column scanned.
func TestIndexHintAccessPath(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "ixpath"))
	run := func(q string) []string {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			out.lines = append(out.lines, "returned: "+err.Error())
		}
		return out.lines
	}
	rows := make([]string, 0, 2000)
	for i := 1; i <= 2000; i++ {
		rows = append(rows, fmt.Sprintf("(%d, %d, %d)", i, i%10, i))
	}
	for _, q := range []string{
		"CREATE DATABASE ixp",
		"USE ixp",
		"CREATE TABLE dbo.ix (a int PRIMARY KEY, b int, c int INDEX ixc)",
		"INSERT dbo.ix VALUES " + strings.Join(rows[:1000], ", "),
		"INSERT dbo.ix VALUES " + strings.Join(rows[1000:], ", "),
		"CREATE TABLE dbo.heap (k int, v int INDEX ixv)",
		"INSERT dbo.heap VALUES (1, 10), (2, 20)",
		"SET STATISTICS IO ON",
	} {
		if got := strings.Join(run(q), ";"); strings.Contains(got, "error") {
			t.Fatalf("%s: %s", q, got)
		}
	}
	io := regexp.MustCompile(`^msg 3615: Table '(\w+)'\. Scan count (\d+), logical reads (\d+),`)
	// read runs q and returns its rows, errors and, per table, "scans/reads".
	read := func(q string) (string, map[string][2]int) {
		var out []string
		stats := map[string][2]int{}
		for _, l := range run(q) {
			if m := io.FindStringSubmatch(l); m != nil {
				var sc, rd int
				fmt.Sscan(m[2], &sc)
				fmt.Sscan(m[3], &rd)
				stats[m[1]] = [2]int{sc, rd}
				continue
			}
			out = append(out, l)
		}
		return strings.Join(out, ";"), stats
	}
	const noPlan = "error 8622/16: Query processor could not produce a query plan because of the hints defined in this query. Resubmit the query without specifying any hints and without using SET FORCEPLAN."
	for _, tc := range []struct {
		q, want string
		// scans is the scan count wanted on dbo.ix (-1: not checked);
		// minReads/maxReads bound its logical reads.
		scans, minReads, maxReads int
	}{
		// No hint: the primary key's point seek.
		{"SELECT a FROM dbo.ix WHERE a = 5", "--;5", 0, 1, 1},
		// INDEX (ixc) cannot seek on a: a scan of ixc, each row looked up
		// for b; without b, ixc covers the query (a, the clustered key, is
		// in every entry: covering.go) and only its entries are read.
		{"SELECT a, b FROM dbo.ix WITH (INDEX(ixc)) WHERE a = 5", "--;5|5", 1, 2000, 1 << 30},
		{"SELECT a, b FROM dbo.ix WITH (INDEX = ixc) WHERE a = 5", "--;5|5", 1, 2000, 1 << 30},
		{"SELECT a FROM dbo.ix WITH (INDEX(ixc)) WHERE a = 5", "--;5", 1, 2, 10},
		// … and seeks it when the conditions fix c.
		{"SELECT a FROM dbo.ix WITH (INDEX(ixc)) WHERE c = 7", "--;7", 1, 1, 1},
		{"SELECT a, b FROM dbo.ix WITH (INDEX(ixc)) WHERE c = 7", "--;7|7", 1, 2, 3},
		// INDEX (0) scans the clustered index; INDEX (1) reads it, seeking
		// when it can.
		{"SELECT a FROM dbo.ix WITH (INDEX(0)) WHERE a = 5", "--;5", 1, 3, 1 << 30},
		{"SELECT a FROM dbo.ix WITH (INDEX(1)) WHERE a = 5", "--;5", 0, 1, 1},
		{"SELECT a FROM dbo.ix WITH (INDEX(1)) WHERE c = 7", "--;7", 1, 3, 1 << 30},
		// Several indexes: the first is read (SQL Server intersects them).
		{"SELECT a FROM dbo.ix WITH (INDEX(ixc, 1)) WHERE c = 7", "--;7", 1, 1, 1},
		{"SELECT COUNT(*) FROM dbo.ix WITH (INDEX(0, ixc))", noPlan, -1, 0, 0},
		{"SELECT a FROM dbo.ix WITH (INDEX(9))", "error 307/16: Index ID 9 on table 'dbo.ix' (specified in the FROM clause) does not exist.", -1, 0, 0},
		// FORCESEEK: a seek or nothing.
		{"SELECT a FROM dbo.ix WITH (FORCESEEK) WHERE b = 1", noPlan, -1, 0, 0},
		{"SELECT a FROM dbo.ix WITH (FORCESEEK)", noPlan, -1, 0, 0},
		{"SELECT a FROM dbo.ix WITH (FORCESEEK) WHERE c = 7", "--;7", 1, 1, 1},
		{"SELECT a FROM dbo.ix WITH (FORCESEEK, INDEX(ixc)) WHERE a = 5", noPlan, -1, 0, 0},
		{"SELECT a FROM dbo.ix WITH (FORCESEEK, INDEX(0)) WHERE a = 5", noPlan, -1, 0, 0},
		{"SELECT a FROM dbo.ix WITH (FORCESEEK(ixc(c))) WHERE c = 7", "--;7", 1, 1, 1},
		{"SELECT a FROM dbo.ix WITH (FORCESEEK(ixc(c))) WHERE a = 5", noPlan, -1, 0, 0},
		{"SELECT a FROM dbo.ix WITH (FORCESEEK(ixc(a))) WHERE c = 7", "error 362/16: The query processor could not produce a query plan because the name 'a' in the FORCESEEK hint on table or view 'ix' did not match the key column names of the index 'ixc'.", -1, 0, 0},
		{"SELECT a FROM dbo.ix WITH (FORCESEEK(ixc(c)), INDEX(ixc)) WHERE c = 7", "error 10747/15: The parameterized FORCESEEK hint cannot be simultaneously used with INDEX hints or a non-parameterized FORCESEEK hint on the same object. Use either INDEX hints and a non-parameterized FORCESEEK hint or use a parameterized FORCESEEK hint without INDEX hints for each table or view.", -1, 0, 0},
		{"SELECT y.a FROM dbo.ix AS x JOIN dbo.ix AS y WITH (FORCESEEK) ON y.b = x.b WHERE x.a = 1", noPlan, -1, 0, 0},
		{"SELECT k FROM dbo.heap WITH (FORCESEEK) WHERE k = 1", noPlan, -1, 0, 0},
		{"SELECT k FROM dbo.heap WITH (FORCESEEK) WHERE v = 20", "--;2", -1, 0, 0},
		// FORCESCAN: a scan even where a seek would do; not with FORCESEEK.
		{"SELECT a FROM dbo.ix WITH (FORCESCAN) WHERE a = 5", "--;5", 1, 3, 1 << 30},
		{"SELECT a FROM dbo.ix WITH (FORCESEEK, FORCESCAN) WHERE a = 5", "error 10746/15: The FORCESCAN hint is specified simultaneously with the FORCESEEK hint. Remove one of the hints and resubmit the query.", -1, 0, 0},
		{"SELECT a FROM dbo.ix WITH (FORCESCAN, INDEX(ixc, 1))", "error 10750/15: The FORCESCAN hint cannot be used with more than one INDEX hint. Remove the extra INDEX hints and resubmit the query.", -1, 0, 0},
	} {
		got, stats := read(tc.q)
		if got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.q, got, tc.want)
			continue
		}
		if tc.scans < 0 {
			continue
		}
		st, ok := stats["ix"]
		if !ok {
			t.Errorf("%s: no STATISTICS IO for ix", tc.q)
			continue
		}
		if st[0] != tc.scans || st[1] < tc.minReads || st[1] > tc.maxReads {
			t.Errorf("%s: scan count %d, logical reads %d; want scan count %d, reads in [%d, %d]", tc.q, st[0], st[1], tc.scans, tc.minReads, tc.maxReads)
		}
	}
}
