package exec_test

import "testing"

// TestCollationPrecedence: a comparison takes the explicit collation (a
// COLLATE clause, on either side), else the column's, and two columns of
// different collations cannot be compared: 468, as SQL Server's Collation
// Precedence page documents (implicit X vs implicit Y: "Collation
// conflict; no collation"). The COLLATE on the value side was ignored,
// also when it chose a seek of the column's index, which then found the
// rows equal under the column's collation only; IN (subquery) and joins of
// two columns compared under the left one's collation (issue #5).
func TestCollationPrecedence(t *testing.T) {
	p := newPlanProbe(t, "collprec")
	p.run(`CREATE TABLE cs (id int PRIMARY KEY, v varchar(20) COLLATE Latin1_General_CS_AS, INDEX ix_v (v));
		CREATE TABLE ci (id int PRIMARY KEY, w varchar(20));
		INSERT cs VALUES (1, 'abc'), (2, 'ABC'), (3, 'x');
		INSERT ci VALUES (1, 'ABC'), (2, 'y');
		CREATE TABLE ck (k varchar(10) COLLATE Latin1_General_CS_AS NOT NULL, n int NOT NULL, PRIMARY KEY (k, n));
		INSERT ck VALUES ('a', 1), ('A', 2), ('a', 3)`)
	const conflict = `error 468/16: Cannot resolve the collation conflict between "SQL_Latin1_General_CP1_CI_AS" and "Latin1_General_CS_AS" in the equal to operation.`
	cases := []struct{ q, want string }{
		// The column's own collation: case-sensitive.
		{`SELECT id FROM cs WHERE v = 'ABC'`, "--;2"},
		// An explicit collation decides, on either side, seek or not.
		{`SELECT id FROM cs WHERE v = 'ABC' COLLATE SQL_Latin1_General_CP1_CI_AS ORDER BY id`, "--;1;2"},
		{`SELECT id FROM cs WHERE 'ABC' COLLATE SQL_Latin1_General_CP1_CI_AS = v ORDER BY id`, "--;1;2"},
		{`SELECT id FROM cs WHERE v COLLATE SQL_Latin1_General_CP1_CI_AS = 'ABC' ORDER BY id`, "--;1;2"},
		{`SELECT id FROM cs WITH (INDEX (ix_v)) WHERE v = 'ABC' COLLATE SQL_Latin1_General_CP1_CI_AS ORDER BY id`, "--;1;2"},
		{`SELECT id FROM cs WHERE v IN ('ABC' COLLATE SQL_Latin1_General_CP1_CI_AS, 'zz') ORDER BY id`, "--;1;2"},
		{`DECLARE @v varchar(20) = 'ABC'; SELECT id FROM cs WHERE v = @v COLLATE SQL_Latin1_General_CP1_CI_AS ORDER BY id`, "--;1;2"},
		// A variable or a literal takes the column's collation.
		{`DECLARE @v varchar(20) = 'ABC'; SELECT id FROM cs WHERE @v = v`, "--;2"},
		{`SELECT id FROM cs WHERE v IN (SELECT 'ABC')`, "--;2"},
		{`SELECT id FROM cs WHERE v IN (SELECT w COLLATE Latin1_General_CS_AS FROM ci)`, "--;2"},
		// Two columns of different collations: 468.
		{`SELECT id FROM cs WHERE v IN (SELECT w FROM ci)`, conflict},
		{`SELECT cs.id FROM cs JOIN ci ON cs.v = ci.w`, conflict},
		{`SELECT cs.id FROM cs JOIN (SELECT w FROM ci) AS d ON cs.v = d.w`, conflict},
		{`SELECT id FROM cs WHERE EXISTS (SELECT 1 FROM ci WHERE ci.w = cs.v)`,
			`error 468/16: Cannot resolve the collation conflict between "Latin1_General_CS_AS" and "SQL_Latin1_General_CP1_CI_AS" in the equal to operation.`},
		{`SELECT id FROM cs WHERE v = ANY (SELECT w FROM ci)`, conflict},
		// COLLATE on one of them resolves it.
		{`SELECT cs.id FROM cs JOIN ci ON cs.v = ci.w COLLATE Latin1_General_CS_AS`, "--;2"},
		{`SELECT cs.id FROM cs JOIN ci ON cs.v COLLATE SQL_Latin1_General_CP1_CI_AS = ci.w ORDER BY cs.id`, "--;1;2"},
		{`SELECT id FROM cs WHERE v COLLATE SQL_Latin1_General_CP1_CI_AS IN (SELECT w FROM ci) ORDER BY id`, "--;1;2"},
		// MAX after an equality prefix of the clustered key (minmax.go)
		// reads the prefix's range only when the comparison is the key's.
		{`SELECT MAX(id) FROM cs WHERE v = 'ABC'`, "--;2"},
		{`SELECT MAX(id) FROM cs WHERE v = 'ABC' COLLATE SQL_Latin1_General_CP1_CI_AS`, "--;2"},
		{`SELECT MAX(n) FROM ck WHERE k = 'A'`, "--;2"},
		{`SELECT MAX(n) FROM ck WHERE k = 'A' COLLATE SQL_Latin1_General_CP1_CI_AS`, "--;3"},
	}
	for _, c := range cases {
		if got := p.traced(c.q); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.q, got, c.want)
		}
	}
}
