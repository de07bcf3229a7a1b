package exec_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestReviewRawAggregatesSchemaChanges (review, session 7): aggregation on
// stored rows reads columns from the encoded rows by the table's current
// layout, so rows written before a schema change are where it can go wrong:
// a NOT NULL column added with a DEFAULT (old rows lack it), a column dropped
// or retyped after rows were written, computed columns (not stored) and bit
// columns. Each query must give the same output with the raw path on and off.
func TestReviewRawAggregatesSchemaChanges(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "reviewraw"))
	for _, q := range []string{
		"CREATE DATABASE reviewraw",
		"USE reviewraw",
		"CREATE TABLE dbo.sc (id int NOT NULL PRIMARY KEY, a int NULL, dropme bigint NULL, r smallint NULL, k tinyint NULL)",
		"INSERT dbo.sc VALUES (1, 10, 100, 1, 1), (2, NULL, 200, 2, 1), (3, 30, NULL, 3, 2), (4, -5, 7, NULL, NULL)",
		"ALTER TABLE dbo.sc ADD nn int NOT NULL CONSTRAINT df_sc_nn DEFAULT 42",
		"ALTER TABLE dbo.sc ADD nb bigint NULL CONSTRAINT df_sc_nb DEFAULT 9",
		"ALTER TABLE dbo.sc DROP COLUMN dropme",
		"ALTER TABLE dbo.sc ALTER COLUMN r bigint NULL",
		"ALTER TABLE dbo.sc ADD comp AS a * 2",
		"ALTER TABLE dbo.sc ADD bt bit NULL",
		"INSERT dbo.sc (id, a, r, k, nn, nb, bt) VALUES (5, 50, 5000000000, 2, 1, NULL, 1), (6, 60, -1, 3, 2, 3, 0)",
	} {
		if err := s.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, q := range []string{
		"SELECT nn, COUNT(*), SUM(a), MIN(nn), MAX(nn), SUM(nn) FROM dbo.sc GROUP BY nn",
		"SELECT k, COUNT(*), SUM(nn), SUM(nb), MIN(nb), COUNT(nb) FROM dbo.sc GROUP BY k",
		"SELECT COUNT(*), SUM(r), MIN(r), MAX(r), SUM(a), MAX(nn) FROM dbo.sc",
		"SELECT r, COUNT(*), SUM(a) FROM dbo.sc GROUP BY r",
		"SELECT a, COUNT(*), SUM(k) FROM dbo.sc GROUP BY a",
		"SELECT comp, COUNT(*) FROM dbo.sc GROUP BY comp",
		"SELECT k, SUM(comp), MAX(comp) FROM dbo.sc GROUP BY k",
		"SELECT bt, COUNT(*), SUM(a) FROM dbo.sc GROUP BY bt",
		"SELECT k, COUNT(bt) FROM dbo.sc GROUP BY k",
	} {
		t.Run(q, func(t *testing.T) {
			run := func(raw bool) []string {
				defer exec.SetRawAggregates(exec.SetRawAggregates(raw))
				out := &aggTrace{}
				if err := s.ExecBatch(ctx, q, out); err != nil {
					t.Fatalf("raw=%v: %v", raw, err)
				}
				return out.lines
			}
			want := run(false)
			got := run(true)
			if !slices.Equal(got, want) {
				t.Fatalf("output differs\nraw      %q\nordinary %q", got, want)
			}
			if len(want) < 2 {
				t.Fatalf("no rows: %q", want)
			}
		})
	}
}
