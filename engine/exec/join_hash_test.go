package exec_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// joinHashSetup makes dbo.hp (300 rows: an int key with duplicates and
// NULLs, a binary-collated string of mixed case, a decimal), dbo.hci (a
// case-insensitive string column), and dbo.hv, a grouped view over hp.
func joinHashSetup(p *planProbe) {
	p.run(`CREATE TABLE dbo.hp (id int NOT NULL, k int NULL, s varchar(10) COLLATE Latin1_General_BIN NULL, d decimal(6,2) NULL)`)
	p.run(`INSERT dbo.hp SELECT value, CASE WHEN value % 7 = 0 THEN NULL ELSE value % 40 END,
		CASE value % 6 WHEN 0 THEN 'ab' WHEN 1 THEN 'AB' WHEN 2 THEN 'Ab ' WHEN 3 THEN 'c' WHEN 4 THEN NULL ELSE 'C' END,
		(value % 30) / 2.0 FROM GENERATE_SERIES(1, 300)`)
	p.run(`CREATE TABLE dbo.hci (s varchar(10) COLLATE Latin1_General_CI_AS NULL, n int NOT NULL)`)
	p.run(`INSERT dbo.hci VALUES ('ab', 1), ('c', 2), (NULL, 3), ('x', 4)`)
	p.run(`CREATE VIEW dbo.hv AS SELECT k, COUNT(*) AS c FROM dbo.hp GROUP BY k`)
}

// joinHashDecl declares @t: duplicate and NULL keys, case-insensitive
// strings, a float key, and numbers spelled as strings.
const joinHashDecl = `DECLARE @t TABLE (k int NULL, s varchar(10) COLLATE Latin1_General_CI_AS NULL, f float NULL, v varchar(5) NULL);
INSERT @t VALUES (1, 'ab', 1.0, '1'), (2, 'AB', 2.5, '02'), (2, 'c ', 2.0, ' 2'), (NULL, NULL, NULL, NULL), (39, 'zz', 39.0, '39'), (5, 'Ab', 7.5, '5');
`

// TestJoinHashAnyBuildSide: an INNER or LEFT JOIN whose right side is a
// table variable, VALUES, a derived table, a CTE or a view — computed once
// per open, never correlated with the left row — hashes that side on ON's
// equalities and probes it per left row (issue #5), where it evaluated ON
// for every pair of rows. Every query's rows equal its nested-loop twin's
// (the equality written NOT (x <> y), which no hash join takes): NULL keys,
// duplicates, a residual condition, the outer join's NULL-extended rows,
// int against float or decimal, and strings hashed under the collation
// the comparison uses — also for a base table on the right, whose hash
// keys took the left column's collation: a binary one lost the rows that
// the case-insensitive comparison matched. A string against a number is
// never hashed (the string converts to the number it spells).
func TestJoinHashAnyBuildSide(t *testing.T) {
	p := newPlanProbe(t, "joinhash")
	joinHashSetup(p)
	for _, tc := range []struct {
		q, eq string // eq: the equality the twin writes as NOT (x <> y)
		hash  bool   // the query builds a hash table
	}{
		{`SELECT p.id, t.k, t.s FROM dbo.hp p JOIN @t t ON p.k = t.k`, "p.k = t.k", true},
		{`SELECT p.id, t.k FROM dbo.hp p LEFT JOIN @t t ON t.k = p.k`, "t.k = p.k", true},
		{`SELECT p.id, t.k FROM dbo.hp p LEFT JOIN @t t ON t.k = p.k AND t.f > 1.5`, "t.k = p.k", true},
		{`SELECT p.id, v.k FROM dbo.hp p JOIN (VALUES (1), (2), (2), (NULL), (39)) v (k) ON v.k = p.k`, "v.k = p.k", true},
		{`SELECT p.id, d.c FROM dbo.hp p JOIN (SELECT k, COUNT(*) c FROM @t GROUP BY k) d ON p.k = d.k AND d.c > 1`, "p.k = d.k", true},
		{`WITH c AS (SELECT k, f FROM @t WHERE k < 10) SELECT p.id, c.f FROM dbo.hp p LEFT JOIN c ON c.k = p.k`, "c.k = p.k", true},
		{`SELECT t.k, v.c FROM @t t JOIN dbo.hv v ON v.k = t.k`, "v.k = t.k", true},
		{`SELECT p.id, t.k FROM dbo.hp p, @t t WHERE p.k = t.k AND t.k > 1`, "p.k = t.k", true},
		{`SELECT x.id, t.k FROM (SELECT id, k FROM dbo.hp WHERE id < 100) x JOIN @t t ON x.k + 0 = t.k`, "x.k + 0 = t.k", true},
		// Strings: @t's case-insensitive s against hp's binary s; the
		// comparison takes the explicit collation (without one, two
		// columns of different collations are 468: collation_precedence.go).
		{`SELECT p.id, t.s FROM dbo.hp p JOIN @t t ON t.s = p.s COLLATE Latin1_General_CI_AS`, "t.s = p.s COLLATE Latin1_General_CI_AS", true},
		{`SELECT p.id, t.s FROM dbo.hp p JOIN @t t ON p.s = t.s COLLATE Latin1_General_BIN`, "p.s = t.s COLLATE Latin1_General_BIN", true},
		{`SELECT p.id, t.s FROM dbo.hp p LEFT JOIN @t t ON p.s COLLATE Latin1_General_CI_AS = t.s`, "p.s COLLATE Latin1_General_CI_AS = t.s", true},
		{`SELECT p.id, c.n FROM dbo.hp p JOIN dbo.hci c ON c.s = p.s COLLATE Latin1_General_CI_AS`, "c.s = p.s COLLATE Latin1_General_CI_AS", true},
		{`SELECT p.id, c.n FROM dbo.hp p LEFT JOIN dbo.hci c ON c.s = p.s COLLATE Latin1_General_CI_AS`, "c.s = p.s COLLATE Latin1_General_CI_AS", true},
		{`SELECT p.id, c.n FROM dbo.hp p LEFT JOIN dbo.hci c ON c.s COLLATE Latin1_General_BIN = p.s`, "c.s COLLATE Latin1_General_BIN = p.s", true},
		// Conversions: int = float, decimal = int.
		{`SELECT p.id, t.f FROM dbo.hp p JOIN @t t ON p.k = t.f`, "p.k = t.f", true},
		{`SELECT p.id, t.k FROM dbo.hp p JOIN @t t ON p.d = t.k`, "p.d = t.k", true},
		// A string against a number: no hash.
		{`SELECT p.id, t.v FROM dbo.hp p JOIN @t t ON p.k = t.v`, "p.k = t.v", false},
		// A key naming the enclosing query's column: the table is built
		// per open, with that row's value.
		{`SELECT p.id, (SELECT COUNT(*) FROM @t t JOIN (VALUES (1), (2), (5)) v (k) ON v.k = t.k AND t.k = p.id % 6) FROM dbo.hp p WHERE p.id < 20`, "v.k = t.k", true},
	} {
		twin := strings.Replace(tc.q, tc.eq, "NOT ("+strings.Replace(tc.eq, " = ", " <> ", 1)+")", 1)
		if twin == tc.q {
			t.Fatalf("%s: no twin", tc.q)
		}
		before := exec.HashJoinBuilds()
		got, _ := p.readsAndRows(joinHashDecl+tc.q, "-", true)
		hashed := exec.HashJoinBuilds() > before
		want, _ := p.readsAndRows(joinHashDecl+twin, "-", true)
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %d rows %v\nwant %d rows %v", tc.q, len(got), got, len(want), want)
		}
		if len(want) == 0 {
			t.Errorf("%s: the twin returns no rows", tc.q)
		}
		if hashed != tc.hash {
			t.Errorf("%s: hash join %v, want %v", tc.q, hashed, tc.hash)
		}
	}
}
