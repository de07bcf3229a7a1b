package exec_test

import (
	"testing"
)

// TestHashJoinKeyScope: a hash join's keys name the columns SQL Server
// binds them to. Over heaps, where the join hashes, an ON equality naming
// the right table's column under an enclosing query aliased like that
// table (EXISTS (SELECT 1 FROM hl AS a, hr AS c WHERE a.id = c.aid AND
// c.v = 5) inside FROM o AS c) compiled its "left" key against the left
// table's scope, which fell through to the outer c: the key compared the
// outer row's v with 5 and the EXISTS was false for every row.
func TestHashJoinKeyScope(t *testing.T) {
	run := newPlanProbe(t, "hashjoinscope").rowsText
	run(`CREATE TABLE dbo.hl (id int NULL, k int NULL);
CREATE TABLE dbo.hr (id int NULL, aid int NULL, v int NULL);
CREATE TABLE dbo.o (oid int NULL, v int NULL, id int NULL);
INSERT dbo.hl VALUES (1, 10), (2, 20), (3, NULL);
INSERT dbo.hr VALUES (1, 1, 5), (2, 2, 6), (3, NULL, 5);
INSERT dbo.o VALUES (1, 7, 9), (2, 5, 8)`)
	cases := []struct{ q, want string }{
		{"SELECT c.oid FROM dbo.o AS c WHERE EXISTS (SELECT 1 FROM dbo.hl AS a, dbo.hr AS c WHERE a.id = c.aid AND c.v = 5) ORDER BY c.oid", "1,2"},
		{"SELECT c.oid FROM dbo.o AS c WHERE EXISTS (SELECT 1 FROM dbo.hl AS a JOIN dbo.hr AS c ON a.id = c.aid AND c.v = 6) ORDER BY c.oid", "1,2"},
		{"SELECT a.oid FROM dbo.o AS a WHERE EXISTS (SELECT 1 FROM dbo.hl AS a JOIN dbo.hr AS c ON c.aid = a.id AND a.k = 20) ORDER BY a.oid", "1,2"},
		{"SELECT a.oid FROM dbo.o AS a WHERE EXISTS (SELECT 1 FROM dbo.hl AS a LEFT JOIN dbo.hr AS c ON c.id = a.id WHERE c.v = 6) ORDER BY a.oid", "1,2"},
		{"SELECT o.oid, (SELECT COUNT(*) FROM dbo.hl AS a JOIN dbo.hr AS c ON a.id = c.aid AND c.v = o.v) FROM dbo.o ORDER BY o.oid", "1|0,2|1"},
	}
	for _, tc := range cases {
		if got := run(tc.q); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.q, got, tc.want)
		}
	}
}
