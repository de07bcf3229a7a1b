package tests

import (
	"database/sql"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// nullabilitySetup is the schema of the nullability tests: NOT NULL keys and
// a nullable column, with rows that leave both sides of an outer join
// unmatched (nl_big 2 and 3 have no nl_small row, nl_small 4 no nl_big row)
// and NULLs in the nullable columns, so that a column wrongly reported NOT
// NULL is caught carrying a NULL.
var nullabilitySetup = []string{
	"CREATE TABLE dbo.nl_big (id int NOT NULL PRIMARY KEY, grp int NOT NULL, v int NULL, s varchar(10) NOT NULL)",
	"INSERT dbo.nl_big VALUES (1, 10, NULL, 'a'), (2, 10, 5, 'b'), (3, 20, NULL, 'c')",
	"CREATE TABLE dbo.nl_small (id int NOT NULL PRIMARY KEY, w int NULL)",
	"INSERT dbo.nl_small VALUES (1, NULL), (4, 7)",
	"CREATE VIEW dbo.nl_view AS SELECT id, v, id + 1 AS e FROM dbo.nl_big",
}

// nullabilityDB starts a server named name and returns a go-mssqldb pool on
// its master database holding nullabilitySetup's tables; both end with t.
func nullabilityDB(t *testing.T, name string) *sql.DB {
	t.Helper()
	srv := harness.Start(t, harness.Options{Name: name})
	db, err := sql.Open("sqlserver", harness.DSNFor(srv.Addr(), "sa", srv.Password, "master"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, q := range nullabilitySetup {
		mustExec(t, db, q)
	}
	return db
}

// TestClientResultNullability checks the COLMETADATA fNullable flag that
// go-mssqldb's ColumnTypes().Nullable() reads (ADO.NET's AllowDBNull, ORMs
// and sqlcmd read the same flag) against SQL Server's rule: a bare column
// reference keeps its column's nullability (through aliases, derived
// tables, CTEs and views), constants and ISNULL with a NOT NULL replacement
// are NOT NULL, and the NULL-extended side of an outer join, ROLLUP keys,
// aggregates and other expressions are nullable. Every row is also read: a
// column reported NOT NULL must not carry a NULL.
func TestClientResultNullability(t *testing.T) {
	db := nullabilityDB(t, "nullability2")
	const (
		N = true  // nullable
		F = false // NOT NULL
	)
	tests := []struct {
		name  string
		query string
		want  []bool // nullable per column
	}{
		{"bare columns", "SELECT id, grp, v, s FROM dbo.nl_big", []bool{F, F, N, F}},
		{"aliases", "SELECT id AS k, grp g, x = s, v AS y FROM dbo.nl_big", []bool{F, F, F, N}},
		{"qualified", "SELECT b.id, b.v, dbo.nl_small.id FROM dbo.nl_big AS b, dbo.nl_small", []bool{F, N, F}},
		{"parenthesized", "SELECT (id) AS i, ((grp)) AS g FROM dbo.nl_big", []bool{F, F}},
		{"star", "SELECT * FROM dbo.nl_big", []bool{F, F, N, F}},
		{"inner join", "SELECT b.id, s.id, s.w FROM dbo.nl_big b JOIN dbo.nl_small s ON s.id = b.id", []bool{F, F, N}},
		{"left join", "SELECT b.id, b.grp, s.id, s.w FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id", []bool{F, F, N, N}},
		{"left join star", "SELECT * FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id", []bool{F, F, N, F, N, N}},
		// Run as an inner join (the WHERE rejects the NULL-extended rows), still
		// described as the LEFT JOIN written; and an inner join the right table
		// drives keeps its columns' own nullability.
		{"left join run as inner", "SELECT b.id, s.id, s.w FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id WHERE s.id = 1", []bool{F, N, N}},
		{"inner join driven from the right", "SELECT b.id, b.v, s.id FROM dbo.nl_big b JOIN dbo.nl_small s ON b.id = s.id WHERE s.id = 1", []bool{F, N, F}},
		{"right join", "SELECT b.id, s.id, s.w FROM dbo.nl_big b RIGHT JOIN dbo.nl_small s ON s.id = b.id", []bool{N, F, N}},
		{"full join", "SELECT b.id, s.id FROM dbo.nl_big b FULL JOIN dbo.nl_small s ON s.id = b.id", []bool{N, N}},
		{"cross join", "SELECT b.id, s.id FROM dbo.nl_big b CROSS JOIN dbo.nl_small s", []bool{F, F}},
		{"nested outer join", "SELECT b.id, s.id, c.id FROM dbo.nl_big b JOIN (dbo.nl_small s LEFT JOIN dbo.nl_big c ON c.id = s.id + 10) ON s.id = b.id", []bool{F, F, N}},
		{"cross apply", "SELECT b.id, x.id FROM dbo.nl_big b CROSS APPLY (SELECT s.id FROM dbo.nl_small s WHERE s.id = b.id) x", []bool{F, F}},
		{"outer apply", "SELECT b.id, x.id FROM dbo.nl_big b OUTER APPLY (SELECT s.id FROM dbo.nl_small s WHERE s.id = b.id) x", []bool{F, N}},
		{"group by", "SELECT grp, b.grp AS g2, COUNT(*) AS n, SUM(v) AS t FROM dbo.nl_big b GROUP BY grp", []bool{F, F, N, N}},
		{"rollup", "SELECT grp, COUNT(*) AS n FROM dbo.nl_big GROUP BY ROLLUP(grp)", []bool{N, N}},
		{"cube", "SELECT grp, id FROM dbo.nl_big GROUP BY CUBE(grp, id)", []bool{N, N}},
		{"grouping sets", "SELECT grp FROM dbo.nl_big GROUP BY GROUPING SETS ((grp), ())", []bool{N}},
		{"scalar aggregates", "SELECT COUNT(*) AS n, COUNT_BIG(id) AS nb, MAX(id) AS m FROM dbo.nl_big", []bool{N, N, N}},
		{"union all not null", "SELECT id FROM dbo.nl_big UNION ALL SELECT id FROM dbo.nl_small", []bool{F}},
		{"union mixed branches", "SELECT id, grp FROM dbo.nl_big UNION SELECT id, w FROM dbo.nl_small ORDER BY 1", []bool{F, N}},
		{"intersect", "SELECT id, v FROM dbo.nl_big INTERSECT SELECT id, w FROM dbo.nl_small", []bool{F, N}},
		{"except", "SELECT v, id FROM dbo.nl_big EXCEPT SELECT id, id FROM dbo.nl_small", []bool{N, F}},
		{"derived table", "SELECT d.k, d.e FROM (SELECT id AS k, v + 1 AS e FROM dbo.nl_big) d", []bool{F, N}},
		{"derived column list", "SELECT k, z FROM (SELECT id, v FROM dbo.nl_big) AS d(k, z)", []bool{F, N}},
		{"derived over outer join", "SELECT * FROM (SELECT b.id AS bid, s.id AS sid FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id) d", []bool{F, N}},
		{"cte", "WITH c AS (SELECT id, v FROM dbo.nl_big) SELECT id, v FROM c", []bool{F, N}},
		{"recursive cte agrees", "WITH r AS (SELECT id, grp FROM dbo.nl_big WHERE id = 1 UNION ALL SELECT b.id, r.grp FROM r JOIN dbo.nl_big b ON b.id = r.id + 1) SELECT id, grp FROM r", []bool{F, F}},
		{"recursive cte disagrees", "WITH r (n, m) AS (SELECT 1, 1 UNION ALL SELECT n + 1, m FROM r WHERE n < 3) SELECT n, m FROM r", []bool{N, F}},
		{"view", "SELECT id, v, e FROM dbo.nl_view", []bool{F, N, N}},
		{"constants", "SELECT 1 AS i, 'x' AS s, 2.5 AS d, -3 AS neg, 0x01 AS b, NULL AS n", []bool{F, F, F, F, F, N}},
		{"constant with from", "SELECT id, 1 AS one FROM dbo.nl_big", []bool{F, F}},
		{"expressions", "SELECT id + 1 AS a, CAST(id AS bigint) AS c, CASE WHEN id > 0 THEN 1 ELSE 0 END AS k, COALESCE(v, 0) AS co, (SELECT MAX(id) FROM dbo.nl_small) AS sq, -id AS ng FROM dbo.nl_big", []bool{N, N, N, N, N, N}},
		{"isnull", "SELECT ISNULL(v, 0) AS a, ISNULL(v, grp) AS b, ISNULL(v, NULL) AS c, ISNULL(v, w) AS d FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id", []bool{F, F, N, N}},
		{"isnull of aggregate", "SELECT ISNULL(MAX(v), 0) AS m, MAX(v) AS x FROM dbo.nl_big", []bool{F, N}},
		{"distinct top order by", "SELECT DISTINCT TOP 3 grp FROM dbo.nl_big ORDER BY grp", []bool{F}},
		{"window", "SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM dbo.nl_big", []bool{F, N}},
		{"table variable", "DECLARE @tbl TABLE (f1 int NULL, f2 varchar(15) NOT NULL, f3 decimal(5, 2) NULL); INSERT @tbl VALUES (1, 'x', NULL); SELECT * FROM @tbl", []bool{N, F, N}},
		{"union with a nullable branch", "SELECT * FROM dbo.nl_small UNION ALL SELECT NULL, 1", []bool{N, N}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := db.Query(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			checkNullability(t, rows, tc.want)
		})
	}
}

// TestClientSelectIntoNullability: SELECT … INTO creates a column NOT NULL
// exactly when the query's result reports it NOT NULL (sys.columns
// is_nullable), and the new table enforces it.
func TestClientSelectIntoNullability(t *testing.T) {
	db := nullabilityDB(t, "nullinto")
	tests := []struct {
		name  string
		query string // SELECT … INTO dbo.nl_into …
		want  map[string]bool
	}{
		{"columns and expressions", "SELECT b.id, v, grp + 0 AS g2, 7 AS k, 'lit' AS l, ISNULL(v, 0) AS iv, s.id AS sid, s.w, COALESCE(v, 1) AS co INTO dbo.nl_into FROM dbo.nl_big b LEFT JOIN dbo.nl_small s ON s.id = b.id",
			map[string]bool{"id": false, "v": true, "g2": true, "k": false, "l": false, "iv": false, "sid": true, "w": true, "co": true}},
		{"grouped", "SELECT grp, COUNT(*) AS n INTO dbo.nl_into FROM dbo.nl_big GROUP BY grp", map[string]bool{"grp": false, "n": true}},
		{"rollup", "SELECT grp, COUNT(*) AS n INTO dbo.nl_into FROM dbo.nl_big GROUP BY ROLLUP(grp)", map[string]bool{"grp": true, "n": true}},
		{"view and cte", "WITH c AS (SELECT id AS cid FROM dbo.nl_view) SELECT c.cid, w.e INTO dbo.nl_into FROM c JOIN dbo.nl_view w ON w.id = c.cid", map[string]bool{"cid": false, "e": true}},
		{"union", "SELECT id, grp AS g INTO dbo.nl_into FROM dbo.nl_big UNION ALL SELECT id, w FROM dbo.nl_small", map[string]bool{"id": false, "g": true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mustExec(t, db, tc.query)
			defer mustExec(t, db, "DROP TABLE dbo.nl_into")
			rows, err := db.Query("SELECT name, is_nullable FROM sys.columns WHERE object_id = OBJECT_ID('dbo.nl_into') ORDER BY column_id")
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for rows.Next() {
				var name string
				var nullable bool
				if err := rows.Scan(&name, &nullable); err != nil {
					t.Fatal(err)
				}
				got[name] = nullable
			}
			if err := rows.Close(); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("columns %v, want %v", got, tc.want)
			}
			for name, want := range tc.want {
				if g, ok := got[name]; !ok || g != want {
					t.Errorf("%s: is_nullable = %v (present %v), want %v", name, g, ok, want)
				}
			}
		})
	}

	// The NOT NULL is enforced: SQL Server's 515 for a NULL into id.
	mustExec(t, db, "SELECT id, v INTO dbo.nl_into2 FROM dbo.nl_big")
	_, err := db.Exec("INSERT dbo.nl_into2 (id, v) VALUES (NULL, 1)")
	wantSQLError(t, err, 515, "Cannot insert the value NULL into column 'id', table 'master.dbo.nl_into2'; column does not allow nulls. INSERT fails.")
	mustExec(t, db, "INSERT dbo.nl_into2 (id, v) VALUES (9, NULL)")
}

// checkNullability checks rows' COLMETADATA nullability (go-mssqldb's
// ColumnTypes().Nullable) against want, then reads every row: a column
// reported NOT NULL must not carry a NULL, and there must be rows, or the
// query does not exercise its columns' values.
func checkNullability(t *testing.T, rows *sql.Rows, want []bool) {
	t.Helper()
	cts, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	if len(cts) != len(want) {
		t.Fatalf("%d columns, want %d", len(cts), len(want))
	}
	for i, ct := range cts {
		nullable, ok := ct.Nullable()
		if !ok || nullable != want[i] {
			t.Errorf("column %d (%s): nullable = %v (known %v), want %v", i, ct.Name(), nullable, ok, want[i])
		}
	}
	vals := make([]any, len(cts))
	ptrs := make([]any, len(cts))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		n++
		for i, v := range vals {
			if v == nil && !want[i] {
				t.Errorf("row %d: column %d (%s) reported NOT NULL carries NULL", n, i, cts[i].Name())
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no rows: the query does not exercise its columns' values")
	}
}
