package exec_test

import (
	"strings"
	"testing"
)

// TestIndexHintRefusals: a table hint INDEX (name) naming no index of the
// table is 308 and naming a disabled one is 315, as SQL Server refuses
// them; an index hint that can be honoured (also INDEX = name, through an
// alias, and an index rebuilt after DISABLE) answers with the table's rows.
// Both refusals were missing: the hint was ignored and the query answered.
func TestIndexHintRefusals(t *testing.T) {
	run := newPlanProbe(t, "ixhint").traced
	for _, q := range []string{
		"CREATE DATABASE ih",
		"USE ih",
		"CREATE TABLE dbo.t (id int PRIMARY KEY, v int NOT NULL, w int NULL)",
		"CREATE INDEX ix_v ON dbo.t (v DESC)",
		"CREATE INDEX ix_w ON dbo.t (w)",
		"INSERT dbo.t VALUES (1, 10, 1), (2, 20, 2), (3, 30, 3)",
	} {
		if got := run(q); strings.Contains(got, "error") {
			t.Fatalf("%s: %s", q, got)
		}
	}
	const missing = "error 308/16: Index 'nope' on table 'dbo.t' (specified in the FROM clause) does not exist."
	const disabled = `error 315/16: Index "ix_w" on table "t" (specified in the FROM clause) is disabled or resides in a filegroup which is not online.`
	for _, tc := range []struct{ q, want string }{
		{"SELECT id FROM dbo.t WITH (INDEX(ix_v)) WHERE v BETWEEN 15 AND 30 ORDER BY v DESC", "--;3;2"},
		{"SELECT id FROM dbo.t WITH (INDEX(nope)) WHERE v = 10", missing},
		{"SELECT x.id FROM dbo.t AS x WITH (INDEX = nope, NOLOCK)", "error 308/16: Index 'nope' on table 'dbo.t' (specified in the FROM clause) does not exist."},
		{"SELECT x.id FROM dbo.t AS x WITH (INDEX = ix_v) WHERE v < 20", "--;1"},
		{"ALTER INDEX ix_w ON dbo.t DISABLE", ""},
		{"SELECT id FROM t WITH (INDEX(ix_w)) WHERE w = 2", disabled},
		{"SELECT id FROM dbo.t WHERE w = 2", "--;2"},
		{"INSERT dbo.t VALUES (4, 40, 2)", ""},
		{"ALTER INDEX ix_w ON dbo.t REBUILD", ""},
		{"SELECT id FROM dbo.t WITH (INDEX(ix_w)) WHERE w = 2 ORDER BY id", "--;2;4"},
		{"SELECT id FROM dbo.t WITH (INDEX(0)) WHERE w = 3", "--;3"},
	} {
		if got := run(tc.q); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.q, got, tc.want)
		}
	}
}
