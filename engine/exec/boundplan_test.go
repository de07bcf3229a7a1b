package exec_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// The queries as go-mssqldb sends them (sp_executesql).
const (
	selV    = "SELECT v FROM dbo.t WHERE id = @p1"
	selStar = "SELECT * FROM dbo.t WHERE id = @p1"
	selAgg  = "SELECT COUNT(*) AS n, MAX(v) AS m FROM dbo.t WHERE id >= @p1"
	selN    = "SELECT id FROM dbo.t WHERE n = @p1"
)

// boundPlanCases are scripts whose every step must give the same trace with
// bound SELECT plans (boundplan.go) as without. Each changes one thing a
// kept plan was compiled under and then runs the planned queries again, so
// a plan that outlived its basis shows as different rows, columns, errors
// or counts. The same harness as the DML plans' (dmlplan_test.go).
var boundPlanCases = []boundPlanCase{
	{name: "values, errors and variables", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(5) NULL, n int NULL)"),
		q("INSERT dbo.t VALUES (1, 'a', 10), (2, 'b', NULL), (3, NULL, 2147483647)"),
		x(selV, declI, aInt(1)),
		x(selV, declI, aInt(2)),
		x(selV, declI, aInt(9)),
		x(selV, declI, aNullInt()),
		x(selStar, declI, aInt(3)),
		x(selStar, declI, aInt(1)),
		x(selAgg, declI, aInt(2)),
		x(selAgg, declI, aInt(0)),
		x("SELECT n + @p1 AS s FROM dbo.t WHERE id = 3", declI, aInt(0)),
		x("SELECT n + @p1 AS s FROM dbo.t WHERE id = 3", declI, aInt(1)), // 8115
		x("SELECT 10 / (id - @p1) AS r FROM dbo.t WHERE id <= 2 ORDER BY id", declI, aInt(5)),
		x("SELECT 10 / (id - @p1) AS r FROM dbo.t WHERE id <= 2 ORDER BY id", declI, aInt(1)), // 8134
		q("DECLARE @p1 int = 1; SELECT v FROM dbo.t WHERE id = @p1"),
		q("DECLARE @p1 int = 2; SELECT v FROM dbo.t WHERE id = @p1"),
		q("DECLARE @i int = 0; WHILE @i < 4 BEGIN SELECT v, @i AS i FROM dbo.t WHERE id = @i; SET @i += 1 END"),
		q("DECLARE @p1 bigint = 3; SELECT v FROM dbo.t WHERE id = @p1"),
		q("DECLARE @x int = 1; SELECT v FROM dbo.t WHERE id = @p1"), // 137
		x("SELECT v, n FROM t WHERE v LIKE @p1 OR n IN (10, 11) ORDER BY v DESC", "@p1 varchar(5)", aVC("b%", 5)),
		x("SELECT v, n FROM t WHERE v LIKE @p1 OR n IN (10, 11) ORDER BY v DESC", "@p1 varchar(5)", aVC("%", 5)),
		x("SELECT CASE WHEN n > @p1 THEN 'big' ELSE CAST(n AS varchar(12)) END AS c FROM dbo.t WHERE n IS NOT NULL ORDER BY id", declI, aInt(5)),
		x("SELECT CASE WHEN n > @p1 THEN 'big' ELSE CAST(n AS varchar(12)) END AS c FROM dbo.t WHERE n IS NOT NULL ORDER BY id", declI, aInt(50)),
		x("SELECT n % 2 AS g, COUNT(*) AS c FROM dbo.t WHERE id BETWEEN @p1 AND 3 GROUP BY n % 2 HAVING COUNT(*) >= 1 ORDER BY g", declI, aInt(1)),
		x("SELECT n % 2 AS g, COUNT(*) AS c FROM dbo.t WHERE id BETWEEN @p1 AND 3 GROUP BY n % 2 HAVING COUNT(*) >= 1 ORDER BY g", declI, aInt(3)),
		q("UPDATE dbo.t SET v = 'a2' WHERE id = 1"),
		x(selV, declI, aInt(1)),
		q("BEGIN TRANSACTION; UPDATE dbo.t SET v = 'tx' WHERE id = 1"),
		x(selV, declI, aInt(1)),
		q("ROLLBACK"),
		x(selV, declI, aInt(1)),
	}},
	{name: "alter table", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(5) NULL)"),
		q("INSERT dbo.t VALUES (1, 'a'), (2, 'b')"),
		x(selStar, declI, aInt(1)),
		x(selStar, declI, aInt(2)),
		q("ALTER TABLE dbo.t ADD w int NOT NULL DEFAULT 7"),
		x(selStar, declI, aInt(1)),
		x(selStar, declI, aInt(2)),
		x(selV, declI, aInt(2)),
		q("ALTER TABLE dbo.t ALTER COLUMN v varchar(20) NOT NULL"),
		x(selStar, declI, aInt(1)),
		x(selV, declI, aInt(1)),
		q("ALTER TABLE dbo.t DROP COLUMN w"),
		x(selStar, declI, aInt(1)),
		q("ALTER TABLE dbo.t DROP COLUMN v"),
		x(selV, declI, aInt(1)), // 207
		x(selStar, declI, aInt(2)),
	}},
	{name: "drop and create the same name", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(10) NULL)"),
		q("INSERT dbo.t VALUES (1, 'old')"),
		x(selV, declI, aInt(1)),
		x(selStar, declI, aInt(1)),
		x(selV, declI, aInt(1)),
		x(selStar, declI, aInt(1)),
		q("DROP TABLE dbo.t"),
		x(selV, declI, aInt(1)), // 208
		q("CREATE TABLE dbo.t (v varchar(3) NULL, z int NOT NULL DEFAULT 42, id int NOT NULL PRIMARY KEY)"),
		q("INSERT dbo.t (v, id) VALUES ('new', 1)"),
		x(selV, declI, aInt(1)),
		x(selStar, declI, aInt(1)),
		x(selV, declI, aInt(1)),
		x(selStar, declI, aInt(1)),
		q("CREATE VIEW dbo.vv AS SELECT 1 AS id"),
		q("DROP TABLE dbo.t"),
		q("CREATE VIEW dbo.t AS SELECT id, 'view' AS v FROM dbo.vv"),
		x(selV, declI, aInt(1)),
		x(selStar, declI, aInt(1)),
	}},
	{name: "create and drop index", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(10) NULL)"),
		q("INSERT dbo.t VALUES (1, 'a'), (2, 'b'), (3, 'a')"),
		x("SELECT id FROM dbo.t WHERE v = @p1 ORDER BY id", "@p1 varchar(10)", aVC("a", 10)),
		x("SELECT id FROM dbo.t WHERE v = @p1 ORDER BY id", "@p1 varchar(10)", aVC("b", 10)),
		q("CREATE INDEX ix ON dbo.t (v)"),
		x("SELECT id FROM dbo.t WHERE v = @p1 ORDER BY id", "@p1 varchar(10)", aVC("a", 10)),
		q("INSERT dbo.t VALUES (4, 'a')"),
		x("SELECT id FROM dbo.t WHERE v = @p1 ORDER BY id", "@p1 varchar(10)", aVC("a", 10)),
		q("DROP INDEX ix ON dbo.t"),
		x("SELECT id FROM dbo.t WHERE v = @p1 ORDER BY id", "@p1 varchar(10)", aVC("a", 10)),
	}},
	{name: "another database with the same table name", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		q("INSERT dbo.t VALUES (1, 'home')"),
		x(selV, declI, aInt(1)),
		x(selStar, declI, aInt(1)),
		q("CREATE DATABASE dp_other"),
		q("USE dp_other"),
		x(selV, declI, aInt(1)), // 208
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, extra int NOT NULL DEFAULT 5, v varchar(20) NULL)"),
		q("INSERT dbo.t (id, v) VALUES (1, 'other')"),
		x(selV, declI, aInt(1)),
		x(selStar, declI, aInt(1)),
		q("USE dp_home"),
		x(selV, declI, aInt(1)),
		x(selStar, declI, aInt(1)),
		q("CREATE SCHEMA s2"),
		q("CREATE TABLE s2.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		q("INSERT s2.t VALUES (1, 's2')"),
		x("SELECT v FROM t WHERE id = @p1", declI, aInt(1)),
		x("SELECT v FROM s2.t WHERE id = @p1", declI, aInt(1)),
		x("SELECT v FROM t WHERE id = @p1", declI, aInt(1)),
	}},
	{name: "set options", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(5) NULL, n int NULL, d datetime NULL)"),
		q("INSERT dbo.t VALUES (1, 'a', NULL, '20200102'), (2, NULL, 2147483647, '20200201'), (3, 'c', 3, NULL)"),
		x(selN, declI, aNullInt()),
		x(selN, declI, aNullInt()),
		q("SET ANSI_NULLS OFF"),
		x(selN, declI, aNullInt()),
		q("SET ANSI_NULLS ON"),
		x(selN, declI, aNullInt()),
		x("SELECT v + @p1 AS c FROM dbo.t WHERE id = 2", "@p1 varchar(5)", aVC("x", 5)),
		x("SELECT v + @p1 AS c FROM dbo.t WHERE id = 2", "@p1 varchar(5)", aVC("x", 5)),
		q("SET CONCAT_NULL_YIELDS_NULL OFF"),
		x("SELECT v + @p1 AS c FROM dbo.t WHERE id = 2", "@p1 varchar(5)", aVC("x", 5)),
		q("SET CONCAT_NULL_YIELDS_NULL ON"),
		x("SELECT n + @p1 AS s FROM dbo.t WHERE id = 2", declI, aInt(1)), // 8115
		q("SET ARITHABORT OFF; SET ANSI_WARNINGS OFF"),
		x("SELECT n + @p1 AS s FROM dbo.t WHERE id = 2", declI, aInt(1)), // NULL
		q("SET ARITHABORT ON; SET ANSI_WARNINGS ON"),
		x("SELECT id FROM dbo.t WHERE d = CAST(@p1 AS datetime)", "@p1 varchar(20)", aVC("01/02/2020", 20)),
		x("SELECT id FROM dbo.t WHERE d = CAST(@p1 AS datetime)", "@p1 varchar(20)", aVC("01/02/2020", 20)),
		q("SET DATEFORMAT dmy"),
		x("SELECT id FROM dbo.t WHERE d = CAST(@p1 AS datetime)", "@p1 varchar(20)", aVC("01/02/2020", 20)),
		q("SET DATEFORMAT mdy"),
		q("SET NOCOUNT ON"),
		x(selV, declI, aInt(1)),
		x(selV, declI, aInt(1)),
		q("SET NOCOUNT OFF"),
		x(selV, declI, aInt(1)),
		x("SELECT id FROM dbo.t WHERE id >= @p1 ORDER BY id", declI, aInt(1)),
		x("SELECT id FROM dbo.t WHERE id >= @p1 ORDER BY id", declI, aInt(1)),
		q("SET ROWCOUNT 1"),
		x("SELECT id FROM dbo.t WHERE id >= @p1 ORDER BY id", declI, aInt(1)),
		q("SET ROWCOUNT 0"),
		x("SELECT id FROM dbo.t WHERE id >= @p1 ORDER BY id", declI, aInt(1)),
		q("SET FMTONLY ON"),
		x(selStar, declI, aInt(1)),
		q("SET FMTONLY OFF"),
		x(selStar, declI, aInt(1)),
	}},
	{name: "parameters of another type, length and collation", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id bigint NOT NULL PRIMARY KEY, v varchar(5) COLLATE Latin1_General_CS_AS NULL)"),
		q("INSERT dbo.t VALUES (1, 'abc'), (3000000000, 'Big')"),
		x("SELECT id, @p1 AS p FROM dbo.t WHERE id = 1", declI, aInt(7)),
		x("SELECT id, @p1 AS p FROM dbo.t WHERE id = 1", declI, aInt(8)),
		x("SELECT id, @p1 AS p FROM dbo.t WHERE id = 1", "@p1 bigint", aBig(9)),
		x("SELECT id, @p1 AS p FROM dbo.t WHERE id = 1", "@p1 varchar(3)", aVC("abc", 3)),
		x("SELECT id, @p1 AS p FROM dbo.t WHERE id = 1", "@p1 nvarchar(50)", aNVC("abc", 50)),
		x("SELECT id, @p1 AS p FROM dbo.t WHERE id = 1", "@p1 nvarchar(4)", aNVC("abc", 4)),
		x("SELECT v FROM dbo.t WHERE id = @p1", "@p1 bigint", aBig(3000000000)),
		x("SELECT v FROM dbo.t WHERE id = @p1", declI, aInt(1)),
		x("SELECT v FROM dbo.t WHERE id = @p1", "@p1 varchar(20)", aVC("1", 20)),
		x("SELECT v FROM dbo.t WHERE id = @p1", "@p1 varchar(20)", aVC("x", 20)), // 245 (bigint)
		x("SELECT id FROM dbo.t WHERE v = @p1", "@p1 varchar(5)", aVC("ABC", 5)),
		x("SELECT id FROM dbo.t WHERE v = @p1", "@p1 varchar(5)", aVC("abc", 5)),
		x("SELECT id FROM dbo.t WHERE v = @p1", "@p1 nvarchar(5)", aNVC("big", 5)),
		x("SELECT id FROM dbo.t WHERE v = @p1", "@p1 nvarchar(5)", aNVC("Big", 5)),
	}},
	{name: "DDL inside the transaction", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		q("INSERT dbo.t VALUES (1, 'a')"),
		x(selStar, declI, aInt(1)),
		x(selStar, declI, aInt(1)),
		q("BEGIN TRANSACTION"),
		q("ALTER TABLE dbo.t ADD w int NOT NULL DEFAULT 3"),
		x(selStar, declI, aInt(1)),
		x(selStar, declI, aInt(1)),
		q("ROLLBACK"),
		x(selStar, declI, aInt(1)),
		q("BEGIN TRANSACTION"),
		q("ALTER TABLE dbo.t ADD w int NULL DEFAULT 8"),
		x(selStar, declI, aInt(1)),
		q("COMMIT"),
		x(selStar, declI, aInt(1)),
		x(selStar, declI, aInt(1)),
	}},
	{name: "two sessions", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		q("INSERT dbo.t VALUES (1, 'a'), (2, 'b')"),
		x(selStar, declI, aInt(1)),
		x2(selStar, declI, aInt(2)),
		x(selStar, declI, aInt(2)),
		x2(selStar, declI, aInt(1)),
		q2("ALTER TABLE dbo.t ADD w int NOT NULL DEFAULT 1"),
		x(selStar, declI, aInt(1)),
		x2(selStar, declI, aInt(1)),
		q2("UPDATE dbo.t SET v = 'by s2' WHERE id = 1"),
		x(selStar, declI, aInt(1)),
	}},
	{name: "permissions of the calling principal", asApp: true, steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL, secret varchar(20) NULL)"),
		q("INSERT dbo.t VALUES (1, 'a', 's1'), (2, 'b', 's2')"),
		x2(selV, declI, aInt(1)), // 229
		q("GRANT SELECT ON dbo.t TO app"),
		x2(selV, declI, aInt(1)),
		x2(selV, declI, aInt(2)),
		x2(selStar, declI, aInt(1)),
		q("DENY SELECT ON dbo.t TO app"),
		x2(selV, declI, aInt(1)), // 229
		x2(selStar, declI, aInt(1)),
		x(selV, declI, aInt(1)),
		q("REVOKE SELECT ON dbo.t FROM app"),
		x2(selV, declI, aInt(1)), // 229
		q("GRANT SELECT ON dbo.t TO app"),
		x2(selV, declI, aInt(2)),
		x2(selStar, declI, aInt(2)),
		q("DENY SELECT ON dbo.t (secret) TO app"),
		x2(selV, declI, aInt(2)),
		x2(selStar, declI, aInt(2)),                                   // 230
		x2("SELECT secret FROM dbo.t WHERE id = @p1", declI, aInt(2)), // 230
		x2("SELECT v FROM dbo.t WHERE secret = @p1", "@p1 varchar(20)", aVC("s1", 20)), // 230
		q("REVOKE SELECT ON dbo.t (secret) FROM app"),
		x2(selStar, declI, aInt(2)),
		x2("SELECT secret FROM dbo.t WHERE id = @p1", declI, aInt(2)),
		q("REVOKE SELECT ON dbo.t FROM app"),
		q("CREATE ROLE rd"),
		q("GRANT SELECT ON dbo.t TO rd"),
		q("ALTER ROLE rd ADD MEMBER app"),
		x2(selV, declI, aInt(1)),
		x2(selV, declI, aInt(2)),
		q("ALTER ROLE rd DROP MEMBER app"),
		x2(selV, declI, aInt(1)), // 229
		x(selV, declI, aInt(1)),
		x(selV, declI, aInt(2)),
		q("EXECUTE AS USER = 'app'"),
		x(selV, declI, aInt(1)), // 229: same catalog, another user
		q("REVERT"),
		x(selV, declI, aInt(1)),
	}},
	{name: "temp tables, table variables, views, CTEs, three-part names and functions are not planned", unplanned: true, steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		q("INSERT dbo.t VALUES (1, 'a')"),
		q("CREATE VIEW dbo.vt AS SELECT id, v FROM dbo.t WHERE id < 100"),
		q("CREATE SYNONYM dbo.syn FOR dbo.t"),
		q("CREATE TABLE #tt (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		q("INSERT #tt VALUES (1, 'temp')"),
		x("SELECT v FROM #tt WHERE id = @p1", declI, aInt(1)),
		x("SELECT v FROM #tt WHERE id = @p1", declI, aInt(1)),
		q("DROP TABLE #tt"),
		q("CREATE TABLE #tt (id int NOT NULL PRIMARY KEY, w int NULL, v varchar(20) NULL)"),
		x("SELECT v FROM #tt WHERE id = @p1", declI, aInt(1)),
		x("SELECT v FROM dbo.vt WHERE id = @p1", declI, aInt(1)),
		x("SELECT v FROM dbo.vt WHERE id = @p1", declI, aInt(1)),
		x("SELECT v FROM dbo.syn WHERE id = @p1", declI, aInt(1)),
		x("SELECT v FROM dbo.syn WHERE id = @p1", declI, aInt(1)),
		x("WITH c AS (SELECT id, v FROM dbo.t) SELECT v FROM c WHERE id = @p1", declI, aInt(1)),
		x("WITH c AS (SELECT id, v FROM dbo.t) SELECT v FROM c WHERE id = @p1", declI, aInt(1)),
		x("SELECT v FROM dp_home.dbo.t WHERE id = @p1", declI, aInt(1)),
		x("SELECT v FROM dp_home.dbo.t WHERE id = @p1", declI, aInt(1)),
		x("SELECT v, DATALENGTH(v) AS l FROM dbo.t WHERE id = @p1", declI, aInt(1)),
		x("SELECT v, DATALENGTH(v) AS l FROM dbo.t WHERE id = @p1", declI, aInt(1)),
		x("SELECT v FROM dbo.t WHERE id = (SELECT MIN(id) FROM dbo.t WHERE id >= @p1)", declI, aInt(1)),
		x("SELECT v FROM dbo.t WHERE id = (SELECT MIN(id) FROM dbo.t WHERE id >= @p1)", declI, aInt(1)),
		x("SELECT v FROM dbo.t WITH (NOLOCK) WHERE id = @p1", declI, aInt(1)),
		x("SELECT v FROM dbo.t WITH (NOLOCK) WHERE id = @p1", declI, aInt(1)),
		x("SELECT @@ROWCOUNT AS r, v FROM dbo.t WHERE id = @p1", declI, aInt(1)),
		x("SELECT @@ROWCOUNT AS r, v FROM dbo.t WHERE id = @p1", declI, aInt(1)),
		q("DECLARE @tv TABLE (id int, v varchar(20)); INSERT @tv VALUES (1, 'tv'); SELECT v FROM @tv WHERE id = 1; SELECT v FROM @tv WHERE id = 1"),
		q("DECLARE @v varchar(20); SELECT @v = v FROM dbo.t WHERE id = 1; SELECT @v = v FROM dbo.t WHERE id = 1"),
	}},
}

// TestBoundPlansSameAsWithout runs every script with and without bound
// SELECT plans and requires the same columns, rows, errors (number,
// severity, state, text) and counts, step by step; with plans on, the
// planned scripts must have run queries from kept plans, and the others
// none.
func TestBoundPlansSameAsWithout(t *testing.T) {
	for _, tc := range boundPlanCases {
		t.Run(tc.name, func(t *testing.T) { checkBoundPlanCase(t, tc) })
	}
}

// boundPlanCase is one script of TestBoundPlansSameAsWithout.
type boundPlanCase struct {
	name      string
	steps     []dmlStep
	unplanned bool
	asApp     bool
}

// checkBoundPlanCase runs tc's script with and without bound plans and
// compares the traces (TestBoundPlansSameAsWithout).
func checkBoundPlanCase(t *testing.T, tc boundPlanCase) {
	run := func(on bool) ([]string, int64) {
		return runPlanCase(t, tc.steps, tc.asApp, func(s *exec.Session) { exec.SetBoundPlans(s, on) }, exec.BoundPlanHits)
	}
	want, offHits := run(false)
	got, hits := run(true)
	if offHits != 0 {
		t.Errorf("plans off: %d queries ran from a plan", offHits)
	}
	if tc.unplanned && hits != 0 {
		t.Errorf("%d queries ran from a plan, want none", hits)
	}
	if !tc.unplanned && hits == 0 {
		t.Errorf("no query ran from a plan")
	}
	if os.Getenv("DMLPLAN_TRACE") != "" {
		t.Logf("trace (%d hits):\n%s", hits, strings.Join(got, "\n"))
	}
	if !slices.Equal(got, want) {
		t.Errorf("with bound plans:\n%s\nwithout:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
