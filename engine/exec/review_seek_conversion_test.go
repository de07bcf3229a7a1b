package exec_test

import (
	"strings"
	"testing"
)

// TestReviewSeekConversion: a comparison whose column has the lower data
// type precedence converts the column, not the value — WHERE vc = 5 over a
// varchar column compares CONVERT(int, vc) with 5, so '5', '05' and ' 5'
// all match, and 'abc' raises 245 as SQL Server's scan does. Seeking the
// column's index by the value converted to varchar ('5') found one row of
// three (and vc = 5.0 none), through every path that seeks by a value: the
// WHERE's equality and range, an IN list, a semi-join's IN (subquery),
// OPENJSON and EXISTS, a join's inner seek, MERGE's per-row seek and
// sp_executesql's cached plan. An integer too wide for the floating type
// (bigint against float, int against real) is the same: 16777217 equals
// 16777216 as real. Each query is checked against SQL Server's answer and
// against its twin that cannot seek (the column written vc + ” or i + 0).
func TestReviewSeekConversion(t *testing.T) {
	p := newPlanProbe(t, "seekconv")
	p.run(`CREATE TABLE dbo.t (id int PRIMARY KEY, vc varchar(10) NULL, bi bigint NULL, i int NULL, INDEX ix_vc (vc), INDEX ix_bi (bi), INDEX ix_i (i))`)
	p.run(`INSERT dbo.t VALUES (1, '5', 9007199254740992, 16777216), (2, '05', 9007199254740993, 16777217), (3, ' 5', 1, 1), (4, '6', 2, 2), (5, '10', NULL, NULL), (6, NULL, 3, 3)`)
	p.run(`CREATE TABLE dbo.s (k int PRIMARY KEY, n int NULL, d decimal(5, 1) NULL)`)
	p.run(`INSERT dbo.s VALUES (1, 5, 5.0), (2, 6, NULL), (3, NULL, 10.0), (4, 5, NULL)`)
	p.run(`CREATE TABLE dbo.u (vc varchar(10) PRIMARY KEY, n int NOT NULL)`)
	p.run(`INSERT dbo.u VALUES ('5', 1), ('05', 2), (' 5', 3), ('6', 4)`)
	cases := []struct{ q, want string }{
		{`SELECT id FROM dbo.t WHERE vc = 5 ORDER BY id`, "1,2,3"},
		{`DECLARE @v int = 5; SELECT id FROM dbo.t WHERE vc = @v ORDER BY id`, "1,2,3"},
		{`SELECT id FROM dbo.t WHERE vc = CAST(5 AS decimal(10, 1)) ORDER BY id`, "1,2,3"},
		{`SELECT id FROM dbo.t WHERE vc > 5 ORDER BY id`, "4,5"},
		{`SELECT id FROM dbo.t WHERE vc BETWEEN 6 AND 10 ORDER BY id`, "4,5"},
		{`SELECT id FROM dbo.t WHERE vc IN (5, 10) ORDER BY id`, "1,2,3,5"},
		{`SELECT id FROM dbo.t WHERE vc = 5 OR vc = 6 ORDER BY id`, "1,2,3,4"},
		{`SELECT id FROM dbo.t WHERE vc IN (SELECT n FROM dbo.s) ORDER BY id`, "1,2,3,4"},
		{`SELECT id FROM dbo.t WHERE vc IN (SELECT d FROM dbo.s) ORDER BY id`, "1,2,3,5"},
		{`SELECT id FROM dbo.t WHERE vc IN (SELECT CAST(value AS int) FROM OPENJSON(N'[5, 10]')) ORDER BY id`, "1,2,3,5"},
		{`SELECT id FROM dbo.t AS t WHERE EXISTS (SELECT 1 FROM OPENJSON(N'[5, 10]') WITH (v int '$') AS j WHERE j.v = t.vc) ORDER BY id`, "1,2,3,5"},
		{`SELECT s.k, t.id FROM dbo.s JOIN dbo.t ON t.vc = s.n ORDER BY s.k, t.id`, "1|1,1|2,1|3,2|4,4|1,4|2,4|3"},
		{`SELECT s.k, t.id FROM dbo.s JOIN dbo.t WITH (INDEX (ix_vc)) ON t.vc = s.n ORDER BY s.k, t.id`, "1|1,1|2,1|3,2|4,4|1,4|2,4|3"},
		{`SELECT u.n FROM dbo.u WHERE u.vc = 5 ORDER BY u.n`, "1,2,3"},
		{`EXEC sp_executesql N'SELECT n FROM dbo.u WHERE vc = @p ORDER BY n', N'@p int', 5`, "1,2,3"},
		{`EXEC sp_executesql N'SELECT n FROM dbo.u WHERE vc = @p ORDER BY n', N'@p int', 6`, "4"},
		{`BEGIN TRAN; MERGE dbo.u WITH (HOLDLOCK) USING (VALUES (5)) AS s (v) ON u.vc = s.v WHEN MATCHED THEN UPDATE SET n = u.n + 100 WHEN NOT MATCHED THEN INSERT VALUES (s.v, 0); SELECT n FROM dbo.u ORDER BY n; ROLLBACK`, "4,101,102,103"},
		{`SELECT id FROM dbo.t WHERE bi = CAST(9007199254740992 AS float) ORDER BY id`, "1,2"},
		{`SELECT id FROM dbo.t WHERE i = CAST(16777216 AS real) ORDER BY id`, "1,2"},
		{`SELECT id FROM dbo.t WHERE i IN (SELECT CAST(16777216 AS real)) ORDER BY id`, "1,2"},
		// The value converts to the column: these seek, as before.
		{`SELECT id FROM dbo.t WHERE i = '16777217' ORDER BY id`, "2"},
		{`SELECT id FROM dbo.t WHERE vc = N'05' ORDER BY id`, "2"},
		{`SELECT id FROM dbo.t WHERE i = CAST(3 AS bigint) ORDER BY id`, "6"},
	}
	twin := strings.NewReplacer("vc =", "vc + '' =", "vc >", "vc + '' >", "vc BETWEEN", "vc + '' BETWEEN", "vc IN", "vc + '' IN",
		"= t.vc", "= t.vc + ''", "t.vc =", "t.vc + '' =", "u.vc =", "u.vc + '' =", "bi =", "bi + 0 =", "i =", "i + 0 =", "i IN", "i + 0 IN")
	for _, tc := range cases {
		if got := p.rowsText(tc.q); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.q, got, tc.want)
		}
		if tq := twin.Replace(tc.q); tq != tc.q && !strings.Contains(tq, "sp_executesql") {
			if got := p.rowsText(tq); got != tc.want {
				t.Errorf("twin %s: %q, want %q", tq, got, tc.want)
			}
		}
	}
	// A string that does not convert is SQL Server's 245, seek or not.
	p.run(`INSERT dbo.t VALUES (7, 'abc', NULL, NULL)`)
	for _, q := range []string{
		`SELECT id FROM dbo.t WHERE vc = 5`,
		`SELECT id FROM dbo.t WHERE vc IN (5, 6)`,
		`SELECT id FROM dbo.t WHERE vc IN (SELECT n FROM dbo.s)`,
		`SELECT id FROM dbo.t AS t WHERE EXISTS (SELECT 1 FROM OPENJSON(N'[5]') WITH (v int '$') AS j WHERE j.v = t.vc)`,
	} {
		if got := p.traced(q); !strings.Contains(got, "error 245/16: Conversion failed when converting the varchar value 'abc' to data type int.") {
			t.Errorf("%s: %s, want error 245", q, got)
		}
	}
}
