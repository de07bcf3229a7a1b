package exec_test

import "testing"

// Bound plans of queries without FROM and of TOP, OFFSET and FETCH counts
// (boundplan.go; issues #2 and #5): the same harness as
// TestBoundPlansSameAsWithout. go-mssqldb sends `select @p1` and paging
// queries through sp_executesql again and again; each script changes one
// thing a kept plan was compiled under and runs the queries again.
var boundPlanNoFromCases = []boundPlanCase{
	{name: "no FROM: values, types and errors", steps: []dmlStep{
		x("SELECT @p1 AS v", declI, aInt(1)),
		x("SELECT @p1 AS v", declI, aInt(2)),
		x("SELECT @p1 AS v", declI, aNullInt()),
		x("SELECT @p1 AS v", "@p1 bigint", aBig(3000000000)),
		x("SELECT @p1 AS v", "@p1 varchar(3)", aVC("abc", 3)),
		x("SELECT @p1 AS v", "@p1 nvarchar(50)", aNVC("abc", 50)),
		x("SELECT @p1 AS v", "@p1 nvarchar(4)", aNVC("abcd", 4)),
		x("SELECT @p1 AS v", declI, aInt(5)),
		x("SELECT @p1 + 1 AS s, @p1 * 2 AS d", declI, aInt(20)),
		x("SELECT @p1 + 1 AS s, @p1 * 2 AS d", declI, aInt(2147483647)), // 8115
		x("SELECT @p1 + 1 AS s, @p1 * 2 AS d", declI, aInt(-3)),
		x("SELECT 10 / @p1 AS q", declI, aInt(0)), // 8134
		x("SELECT 10 / @p1 AS q", declI, aInt(3)),
		x("SELECT MAX(@p1) AS m, COUNT(*) AS n", declI, aInt(4)),
		x("SELECT MAX(@p1) AS m, COUNT(*) AS n", declI, aInt(6)),
		x("SELECT 1 AS one WHERE @p1 > 0", declI, aInt(1)),
		x("SELECT 1 AS one WHERE @p1 > 0", declI, aInt(0)),
		x("SELECT CASE WHEN @p1 LIKE 'a%' THEN 'yes' ELSE 'no' END AS c, CONVERT(varchar(10), @p1) AS s", "@p1 varchar(5)", aVC("abc", 5)),
		x("SELECT CASE WHEN @p1 LIKE 'a%' THEN 'yes' ELSE 'no' END AS c, CONVERT(varchar(10), @p1) AS s", "@p1 varchar(5)", aVC("xbc", 5)),
		q("DECLARE @i int = 0; WHILE @i < 3 BEGIN SELECT @i AS i, @i * 10 AS t; SET @i += 1 END"),
		q("DECLARE @i bigint = 7; SELECT @i AS i, @i * 10 AS t"),
		q("DECLARE @x int = 1; SELECT @p1 AS v"), // 137
		q("CREATE PROCEDURE dbo.pv @p1 int AS SELECT @p1 AS v"),
		q("EXEC dbo.pv 1; EXEC dbo.pv 2"),
		q("DROP PROCEDURE dbo.pv"),
		q("CREATE PROCEDURE dbo.pv @p1 varchar(10) AS SELECT @p1 AS v"),
		q("EXEC dbo.pv 'abc'; EXEC dbo.pv 'de'"),
	}},
	{name: "no FROM: database, collation and alias types", steps: []dmlStep{
		x("SELECT CASE WHEN 'abc' = @p1 THEN 1 ELSE 0 END AS eq, 'x' + @p1 AS c", "@p1 varchar(5)", aVC("ABC", 5)),
		x("SELECT CASE WHEN 'abc' = @p1 THEN 1 ELSE 0 END AS eq, 'x' + @p1 AS c", "@p1 varchar(5)", aVC("ABC", 5)),
		x("SELECT 'x' AS c, @p1 AS v", declI, aInt(1)),
		x("SELECT 'x' AS c, @p1 AS v", declI, aInt(1)),
		q("CREATE DATABASE dp_cs COLLATE Latin1_General_CS_AS"),
		q("USE dp_cs"),
		x("SELECT CASE WHEN 'abc' = @p1 THEN 1 ELSE 0 END AS eq, 'x' + @p1 AS c", "@p1 varchar(5)", aVC("ABC", 5)),
		x("SELECT CASE WHEN 'abc' = @p1 THEN 1 ELSE 0 END AS eq, 'x' + @p1 AS c", "@p1 varchar(5)", aVC("abc", 5)),
		x("SELECT 'x' AS c, @p1 AS v", declI, aInt(1)),
		q("USE dp_home"),
		x("SELECT CASE WHEN 'abc' = @p1 THEN 1 ELSE 0 END AS eq, 'x' + @p1 AS c", "@p1 varchar(5)", aVC("ABC", 5)),
		x("SELECT 'x' AS c, @p1 AS v", declI, aInt(1)),
		q("CREATE TYPE dbo.code FROM varchar(3)"),
		x("SELECT CAST(@p1 AS dbo.code) AS c", "@p1 varchar(10)", aVC("abcdefg", 10)),
		x("SELECT CAST(@p1 AS dbo.code) AS c", "@p1 varchar(10)", aVC("abcdefg", 10)),
		q("DROP TYPE dbo.code"),
		x("SELECT CAST(@p1 AS dbo.code) AS c", "@p1 varchar(10)", aVC("abcdefg", 10)), // 243
		q("CREATE TYPE dbo.code FROM varchar(5)"),
		x("SELECT CAST(@p1 AS dbo.code) AS c", "@p1 varchar(10)", aVC("abcdefg", 10)),
		x("SELECT CAST(@p1 AS dbo.code) AS c", "@p1 varchar(10)", aVC("abcdefg", 10)),
		q("BEGIN TRANSACTION; DROP TYPE dbo.code; CREATE TYPE dbo.code FROM varchar(2)"),
		x("SELECT CAST(@p1 AS dbo.code) AS c", "@p1 varchar(10)", aVC("abcdefg", 10)),
		q("ROLLBACK"),
		x("SELECT CAST(@p1 AS dbo.code) AS c", "@p1 varchar(10)", aVC("abcdefg", 10)),
	}},
	{name: "no FROM: set options", steps: []dmlStep{
		x("SELECT 'x' + @p1 AS c", "@p1 varchar(5)", aVC("", 5)),
		x("SELECT 'x' + @p1 AS c", "@p1 varchar(5)", aNullVC(5)),
		q("SET CONCAT_NULL_YIELDS_NULL OFF"),
		x("SELECT 'x' + @p1 AS c", "@p1 varchar(5)", aNullVC(5)),
		q("SET CONCAT_NULL_YIELDS_NULL ON"),
		x("SELECT 'x' + @p1 AS c", "@p1 varchar(5)", aNullVC(5)),
		x("SELECT @p1 + 1 AS s", declI, aInt(2147483647)), // 8115
		q("SET ARITHABORT OFF; SET ANSI_WARNINGS OFF"),
		x("SELECT @p1 + 1 AS s", declI, aInt(2147483647)), // NULL
		q("SET ARITHABORT ON; SET ANSI_WARNINGS ON"),
		x("SELECT @p1 + 1 AS s", declI, aInt(2147483647)),
		x("SELECT CAST(@p1 AS datetime) AS d", "@p1 varchar(20)", aVC("01/02/2020", 20)),
		x("SELECT CAST(@p1 AS datetime) AS d", "@p1 varchar(20)", aVC("01/02/2020", 20)),
		q("SET DATEFORMAT dmy"),
		x("SELECT CAST(@p1 AS datetime) AS d", "@p1 varchar(20)", aVC("01/02/2020", 20)),
		q("SET DATEFORMAT mdy"),
		x("SELECT CAST(@p1 AS datetime) AS d", "@p1 varchar(20)", aVC("01/02/2020", 20)),
		q("SET FMTONLY ON"),
		x("SELECT @p1 AS v", declI, aInt(1)),
		q("SET FMTONLY OFF"),
		x("SELECT @p1 AS v", declI, aInt(1)),
		q("SET NOCOUNT ON"),
		x("SELECT @p1 AS v", declI, aInt(1)),
		q("SET NOCOUNT OFF"),
		x("SELECT @p1 AS v", declI, aInt(1)),
	}},
	{name: "TOP, OFFSET and FETCH counts", asApp: true, steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(5) NULL)"),
		q("INSERT dbo.t VALUES (1, 'c'), (2, 'a'), (3, 'b'), (4, 'a'), (5, NULL)"),
		x("SELECT TOP (@p1) id FROM dbo.t ORDER BY id", declI, aInt(1)),
		x("SELECT TOP (@p1) id FROM dbo.t ORDER BY id", declI, aInt(3)),
		x("SELECT TOP (@p1) id FROM dbo.t ORDER BY id", declI, aInt(0)),
		x("SELECT TOP (@p1) id FROM dbo.t ORDER BY id", declI, aNullInt()), // 1060
		x("SELECT TOP (@p1) id FROM dbo.t ORDER BY id", declI, aInt(-1)),   // 1060
		x("SELECT TOP (@p1) id FROM dbo.t ORDER BY id", "@p1 bigint", aBig(2)),
		x("SELECT TOP (@p1) id FROM dbo.t ORDER BY id DESC", declI, aInt(2)),
		x("SELECT TOP (@p1) id FROM dbo.t ORDER BY id DESC", declI, aInt(4)),
		x("SELECT TOP (@p1) id, v FROM dbo.t", declI, aInt(2)),
		x("SELECT TOP (@p1) id, v FROM dbo.t", declI, aInt(9)),
		x("SELECT TOP (@p1) PERCENT id FROM dbo.t ORDER BY id", declI, aInt(50)),
		x("SELECT TOP (@p1) PERCENT id FROM dbo.t ORDER BY id", declI, aInt(10)),
		x("SELECT TOP (@p1) PERCENT id FROM dbo.t ORDER BY id", declI, aInt(101)), // 1006
		x("SELECT TOP (@p1) WITH TIES v FROM dbo.t ORDER BY v", declI, aInt(2)),
		x("SELECT TOP (@p1) WITH TIES v FROM dbo.t ORDER BY v", declI, aInt(3)),
		x("SELECT id FROM dbo.t ORDER BY id OFFSET @p1 ROWS FETCH NEXT @p2 ROWS ONLY", "@p1 int, @p2 int", aInt(1), aInt(2)),
		x("SELECT id FROM dbo.t ORDER BY id OFFSET @p1 ROWS FETCH NEXT @p2 ROWS ONLY", "@p1 int, @p2 int", aInt(3), aInt(5)),
		x("SELECT id FROM dbo.t ORDER BY id OFFSET @p1 ROWS FETCH NEXT @p2 ROWS ONLY", "@p1 int, @p2 int", aInt(-1), aInt(5)), // 10742
		x("SELECT id FROM dbo.t ORDER BY id OFFSET @p1 ROWS FETCH NEXT @p2 ROWS ONLY", "@p1 int, @p2 int", aInt(0), aInt(0)),  // 10744
		x("SELECT id FROM dbo.t ORDER BY id OFFSET @p1 ROWS", declI, aInt(4)),
		x("SELECT id FROM dbo.t ORDER BY id OFFSET @p1 ROWS", declI, aInt(2)),
		q("SET ROWCOUNT 1"),
		x("SELECT TOP (@p1) id FROM dbo.t ORDER BY id", declI, aInt(3)),
		q("SET ROWCOUNT 0"),
		x("SELECT TOP (@p1) id FROM dbo.t ORDER BY id", declI, aInt(3)),
		x("SELECT TOP (@p1) v FROM dbo.t WHERE v IS NOT NULL ORDER BY v", declI, aInt(2)),
		x("SELECT TOP (@p1) v FROM dbo.t WHERE v IS NOT NULL ORDER BY v", declI, aInt(3)),
		q("CREATE INDEX ix ON dbo.t (v)"),
		x("SELECT TOP (@p1) v FROM dbo.t WHERE v IS NOT NULL ORDER BY v", declI, aInt(2)),
		q("INSERT dbo.t VALUES (6, 'a')"),
		x("SELECT TOP (@p1) v FROM dbo.t WHERE v IS NOT NULL ORDER BY v", declI, aInt(3)),
		q("DROP INDEX ix ON dbo.t"),
		x("SELECT TOP (@p1) v FROM dbo.t WHERE v IS NOT NULL ORDER BY v", declI, aInt(3)),
		x2("SELECT TOP (@p1) id FROM dbo.t ORDER BY id", declI, aInt(1)), // 229
		q("GRANT SELECT ON dbo.t TO app"),
		x2("SELECT TOP (@p1) id FROM dbo.t ORDER BY id", declI, aInt(1)),
		x2("SELECT TOP (@p1) id FROM dbo.t ORDER BY id", declI, aInt(2)),
		q("DENY SELECT ON dbo.t TO app"),
		x2("SELECT TOP (@p1) id FROM dbo.t ORDER BY id", declI, aInt(2)), // 229
		x2("SELECT @p1 AS v", declI, aInt(2)),
		x2("SELECT @p1 AS v", declI, aInt(3)),
	}},
}

func TestBoundPlansNoFromAndTop(t *testing.T) {
	for _, tc := range boundPlanNoFromCases {
		t.Run(tc.name, func(t *testing.T) { checkBoundPlanCase(t, tc) })
	}
}
