package exec_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestHashJoinProbeBatches checks the hash join once its table is built,
// when it probes left rows in batches (adaptjoin_batch.go): 3,000 left rows
// (past the 1,024 point reads and the build), with NULL keys, missing keys,
// duplicate right keys (chains), integer and string keys, inner and left
// outer. Each result must equal, row for row and in order, the same join
// with ON written so that no key can be taken from it (a nested loop), and an
// error in a left row's key must come after exactly the rows of the left
// rows before it.
func TestHashJoinProbeBatches(t *testing.T) {
	ctx := context.Background()
	s := newSASession(t, openExecTestInstance(t, "pb"))
	setup := []string{
		"CREATE DATABASE pb",
		"USE pb",
		"CREATE TABLE dbo.d (n int NOT NULL PRIMARY KEY)",
		"SET NOCOUNT ON DECLARE @i int = 0 BEGIN TRAN WHILE @i < 100 BEGIN INSERT dbo.d VALUES (@i) SET @i += 1 END COMMIT",
		// l.k: NULL every 13th row, else id*7 % 1300 (keys past 999 miss); l.s its string.
		"CREATE TABLE dbo.l (id int NOT NULL PRIMARY KEY, k int NULL, s varchar(10) NULL)",
		"INSERT dbo.l SELECT id, CASE WHEN id % 13 = 0 THEN NULL ELSE id*7 % 1300 END, CASE WHEN id % 13 = 0 THEN NULL ELSE 'k' + CAST(id*7 % 1300 AS varchar(10)) END FROM (SELECT a.n*100+c.n AS id FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 30) x",
		// r: keys 0..999 once, and 0..199 twice more (chains of three).
		"CREATE TABLE dbo.r (id int NOT NULL PRIMARY KEY, k int NOT NULL, s varchar(10) NOT NULL, v int NOT NULL)",
		"INSERT dbo.r SELECT id, id % 1000, 'k' + CAST(id % 1000 AS varchar(10)), id FROM (SELECT a.n*100+c.n AS id FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 10) x",
		"INSERT dbo.r SELECT 10000 + id, id % 200, 'k' + CAST(id % 200 AS varchar(10)), 10000 + id FROM (SELECT a.n*100+c.n AS id FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 4) x",
	}
	for _, q := range setup {
		if err := s.ExecBatch(ctx, q, &collectOutput{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	cases := []struct{ name, hash, loop string }{
		{"inner int key",
			"SELECT l.id, l.k, r.v FROM dbo.l JOIN dbo.r ON r.k = l.k",
			"SELECT l.id, l.k, r.v FROM dbo.l JOIN dbo.r ON CASE WHEN r.k = l.k THEN 1 END = 1"},
		{"left outer int key",
			"SELECT l.id, r.id, r.v FROM dbo.l LEFT JOIN dbo.r ON r.k = l.k",
			"SELECT l.id, r.id, r.v FROM dbo.l LEFT JOIN dbo.r ON CASE WHEN r.k = l.k THEN 1 END = 1"},
		{"inner string key",
			"SELECT l.id, r.s, r.v FROM dbo.l JOIN dbo.r ON r.s = l.s",
			"SELECT l.id, r.s, r.v FROM dbo.l JOIN dbo.r ON CASE WHEN r.s = l.s THEN 1 END = 1"},
		{"left outer with a residual ON",
			"SELECT l.id, r.v FROM dbo.l LEFT JOIN dbo.r ON r.k = l.k AND r.v % 3 <> 0",
			"SELECT l.id, r.v FROM dbo.l LEFT JOIN dbo.r ON CASE WHEN r.k = l.k AND r.v % 3 <> 0 THEN 1 END = 1"},
	}
	run := func(q string) ([]string, error) {
		out := &collectOutput{}
		err := s.ExecBatch(ctx, q, out)
		return out.rows, err
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// The nested loop's order is not the hash join's: compare sorted.
			got, err := run(tc.hash)
			if err != nil {
				t.Fatal(err)
			}
			want, err := run(tc.loop)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) < 2000 {
				t.Fatalf("%d rows: too few to reach the batched probes", len(got))
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("%d rows, want %d; first difference at %d", len(got), len(want), firstDiff(got, want))
			}
		})
	}
	t.Run("error at its row", func(t *testing.T) {
		// The left key overflows int (8115) at left row 1710 (k = 270),
		// whose batch holds rows before it with matches (k 130..263): the
		// error comes after the rows of every left row before it.
		before, err := run("SELECT COUNT(*) FROM dbo.l JOIN dbo.r ON r.k = l.k WHERE l.id < 1710")
		if err != nil {
			t.Fatal(err)
		}
		got, err := run("SELECT l.id, r.v FROM dbo.l JOIN dbo.r ON r.k = l.k + CASE WHEN l.id = 1710 THEN 2147483647 ELSE 0 END")
		var se *exec.Error
		if !errors.As(err, &se) || se.Number != 8115 {
			t.Fatalf("error %v, want 8115", err)
		}
		if n := len(got) - 1; n == 0 || itoa(n) != before[1] {
			t.Fatalf("%d rows before the error, want %s", n, before[1])
		}
	})
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
