package exec_test

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestJoinSeekScope: the seeks a join's tables take from the WHERE and the
// ON return the rows an index-less copy of the same tables returns. A table
// built before its siblings must not take a sibling's column for an
// enclosing query's column of the same name (an outer query aliased like an
// inner table: 15a80c1's leftmost seek, acc39c9's driving table, ae6160a's
// LEFT JOIN run as inner), and a FULL JOIN's ON must not filter its right
// side, whose rows the join keeps.
func TestJoinSeekScope(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "joinscope"))
	run := func(q string) []string {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return out.lines
	}
	run(`CREATE TABLE dbo.a (id int PRIMARY KEY, k int NULL, s varchar(10) NULL, cval int NULL);
CREATE INDEX ix_a_k ON dbo.a (k); CREATE INDEX ix_a_s ON dbo.a (s);
CREATE TABLE dbo.c (id int PRIMARY KEY, aid int NULL, cval int NULL, e varchar(10) NULL);
CREATE INDEX ix_c_aid ON dbo.c (aid); CREATE INDEX ix_c_e ON dbo.c (e); CREATE INDEX ix_c_cval ON dbo.c (cval);
CREATE TABLE dbo.o (oid int PRIMARY KEY, cval int NULL, k int NULL);
INSERT dbo.a VALUES (1, 10, 'x', 100), (2, 20, 'y', 200), (3, 30, 'X', 300), (4, NULL, NULL, NULL), (5, 10, 'Y', 500);
INSERT dbo.c VALUES (1, 1, 10, 'm'), (2, 1, 20, 'M'), (3, 2, 30, 'n'), (4, NULL, 40, NULL), (5, 3, NULL, 'q');
INSERT dbo.o VALUES (1, 10, 30), (2, 20, 10), (3, 99, 99);
SELECT * INTO dbo.a0 FROM dbo.a; SELECT * INTO dbo.c0 FROM dbo.c`)
	rows := func(q string) []string {
		var out []string
		for _, l := range run(q) {
			if l != "--" && !strings.HasPrefix(l, "msg ") {
				out = append(out, l)
			}
		}
		sort.Strings(out)
		return out
	}
	// {a} and {c} are dbo.a and dbo.c (indexed), then dbo.a0 and dbo.c0.
	cases := []struct{ name, q string }{
		{"leftmost seek, outer alias c", `SELECT c.oid FROM dbo.o AS c WHERE EXISTS (SELECT 1 FROM {a} AS a JOIN {c} AS c ON a.id = c.aid WHERE a.k = c.cval)`},
		{"comma first table, outer alias c", `SELECT c.oid FROM dbo.o AS c WHERE EXISTS (SELECT 1 FROM {a} AS a, {c} AS c WHERE a.id = c.aid AND a.k = c.cval)`},
		{"leftmost of LEFT JOIN, outer alias c", `SELECT c.oid FROM dbo.o AS c WHERE EXISTS (SELECT 1 FROM {a} AS a LEFT JOIN {c} AS c ON a.id = c.aid WHERE a.k = c.cval)`},
		{"driving right table, outer alias a", `SELECT a.oid FROM dbo.o AS a WHERE EXISTS (SELECT 1 FROM {a} AS a JOIN {c} AS c ON a.id = c.aid WHERE c.cval = a.k)`},
		{"LEFT JOIN as inner, outer alias a", `SELECT a.oid FROM dbo.o AS a WHERE EXISTS (SELECT 1 FROM {a} AS a LEFT JOIN {c} AS c ON a.id = c.aid WHERE c.cval = a.k)`},
		{"nested join's leftmost, outer alias c", `SELECT c.oid FROM dbo.o AS c WHERE EXISTS (SELECT 1 FROM dbo.o AS x JOIN ({a} AS a JOIN {c} AS c ON a.id = c.aid) ON x.oid = a.id AND a.k = c.cval)`},
		{"FULL JOIN ON filters no right row", `SELECT a.id, c.id FROM {a} AS a FULL JOIN {c} AS c ON a.id = c.aid AND c.e = 'm'`},
		{"FULL JOIN ON, seekable left", `SELECT a.id, c.id FROM {a} AS a FULL JOIN {c} AS c ON a.id = c.aid AND a.s = 'x'`},
		{"plain leftmost seek still right", `SELECT a.id, c.id FROM {a} AS a JOIN {c} AS c ON a.id = c.aid WHERE a.s = 'X'`},
	}
	for _, tc := range cases {
		indexed := strings.NewReplacer("{a}", "dbo.a", "{c}", "dbo.c").Replace(tc.q)
		plain := strings.NewReplacer("{a}", "dbo.a0", "{c}", "dbo.c0").Replace(tc.q)
		got, want := rows(indexed), rows(plain)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n%s\ngot  %q\nwant %q", tc.name, indexed, got, want)
		}
	}
}
