package exec_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// dmlCompiledReviewCases try to make a kept compiled UPDATE/DELETE
// (dmlcompiled.go) outlive what it was compiled against: each changes the
// table, its storage, its indexes, its name, the database or the options a
// literal is read under between two executions of one statement, and the
// trace must be the one with no DML plans at all (session 12 review, h8).
var dmlCompiledReviewCases = []struct {
	name  string
	steps []dmlStep
}{
	{name: "renames", steps: []dmlStep{
		q(tDDL), q(tRows),
		x(updG, declIV, aInt(1), aVC("r1", 20)),
		x(updG, declIV, aInt(1), aVC("r2", 20)),
		q("EXEC sp_rename 'dbo.t.v', 'w', 'COLUMN'"),
		x(updG, declIV, aInt(1), aVC("r3", 20)), // 207
		q("EXEC sp_rename 'dbo.t.n', 'v', 'COLUMN'"),
		x(updG, declIV, aInt(2), aVC("9", 20)), // v is now the int column
		x(updG, declIV, aInt(2), aVC("x", 20)), // 245
		q(selAll),
		q("EXEC sp_rename 'dbo.t', 't_old'"),
		x(updG, declIV, aInt(1), aVC("r4", 20)), // 208
		x(delG, declI, aInt(1)),
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, g int NULL, v varchar(5) NULL)"),
		q("INSERT dbo.t VALUES (10, 1, 'n1')"),
		x(updG, declIV, aInt(1), aVC("r5", 20)),
		x(delG, declI, aInt(1)),
		q(selAll),
		q("SELECT * FROM dbo.t_old ORDER BY id"),
	}},
	{name: "storage replaced: truncate, rebuild, drop_existing, disabled index", steps: []dmlStep{
		q(tDDL), q(tRows),
		q("CREATE INDEX ix_g ON dbo.t (g)"),
		x(updG, declIV, aInt(1), aVC("s1", 20)),
		x(updG, declIV, aInt(1), aVC("s2", 20)),
		q("ALTER INDEX ix_g ON dbo.t DISABLE"),
		x(updG, declIV, aInt(2), aVC("s3", 20)),
		x(delG, declI, aInt(3)),
		q("ALTER INDEX ix_g ON dbo.t REBUILD"),
		x(updG, declIV, aInt(2), aVC("s4", 20)),
		q("SELECT id, v FROM dbo.t WITH (INDEX(ix_g)) WHERE g = 2"),
		q("CREATE CLUSTERED INDEX cx ON dbo.t (g)"),
		x(updG, declIV, aInt(2), aVC("s5", 20)),
		q("CREATE UNIQUE NONCLUSTERED INDEX ix_g ON dbo.t (g, id) WITH (DROP_EXISTING = ON)"),
		x(updG, declIV, aInt(1), aVC("s6", 20)),
		x(updID, declII, aInt(2), aInt(20)),
		q(selAll),
		q("ALTER TABLE dbo.t REBUILD"),
		x(updG, declIV, aInt(1), aVC("s7", 20)),
		q("TRUNCATE TABLE dbo.t"),
		x(updG, declIV, aInt(1), aVC("s8", 20)),
		q(tRows),
		x(updG, declIV, aInt(1), aVC("s9", 20)),
		x(delG, declI, aInt(2)),
		q(selAll),
		q("SELECT id, v FROM dbo.t WITH (INDEX(ix_g)) WHERE g = 1"),
		q("DBCC CHECKTABLE ('dbo.t') WITH NO_INFOMSGS"),
	}},
	{name: "constraints, defaults, computed columns and triggers", steps: []dmlStep{
		q(tDDL), q(tRows),
		x(updAdd, declII, aInt(1), aInt(1)),
		x(updAdd, declII, aInt(1), aInt(1)),
		q("ALTER TABLE dbo.t WITH NOCHECK ADD CONSTRAINT ck_n CHECK (n < 100)"),
		x(updAdd, declII, aInt(1), aInt(200)), // 547
		q("ALTER TABLE dbo.t NOCHECK CONSTRAINT ck_n"),
		x(updAdd, declII, aInt(1), aInt(200)),
		q("ALTER TABLE dbo.t CHECK CONSTRAINT ck_n"),
		x(updAdd, declII, aInt(2), aInt(200)), // 547
		q("CREATE TABLE dbo.p (g int NOT NULL PRIMARY KEY); INSERT dbo.p VALUES (1), (2), (3)"),
		q("ALTER TABLE dbo.t WITH NOCHECK ADD CONSTRAINT fk_g FOREIGN KEY (g) REFERENCES dbo.p (g)"),
		x("UPDATE dbo.t SET g = @p2 WHERE id = @p1", declII, aInt(1), aInt(9)), // 547
		x("UPDATE dbo.t SET g = @p2 WHERE id = @p1", declII, aInt(1), aInt(3)),
		q("ALTER TABLE dbo.t NOCHECK CONSTRAINT fk_g"),
		x("UPDATE dbo.t SET g = @p2 WHERE id = @p1", declII, aInt(1), aInt(9)),
		q("ALTER TABLE dbo.t ADD c AS n + 1"),
		x(updAdd, declII, aInt(2), aInt(1)),
		q("SELECT id, c FROM dbo.t ORDER BY id"),
		q("ALTER TABLE dbo.t DROP COLUMN c"),
		q("ALTER TABLE dbo.t ADD c AS n * 1000 PERSISTED"),
		x(updAdd, declII, aInt(2), aInt(1)),
		q("SELECT id, c FROM dbo.t ORDER BY id"),
		q("ALTER TABLE dbo.t ADD CONSTRAINT df_v DEFAULT 'dv' FOR v"),
		x(updG, declIV, aInt(2), aNullVC(20)),
		q("CREATE TABLE dbo.log (id int, v varchar(5))"),
		q("CREATE TRIGGER dbo.tr ON dbo.t AFTER UPDATE AS INSERT dbo.log SELECT id, v FROM inserted"),
		x(updG, declIV, aInt(2), aVC("t1", 20)),
		q("DISABLE TRIGGER dbo.tr ON dbo.t"),
		x(updG, declIV, aInt(2), aVC("t2", 20)),
		q("ENABLE TRIGGER dbo.tr ON dbo.t"),
		x(updG, declIV, aInt(2), aVC("t3", 20)),
		q("ALTER TRIGGER dbo.tr ON dbo.t AFTER UPDATE AS INSERT dbo.log SELECT -id, v FROM deleted"),
		x(updG, declIV, aInt(2), aVC("t4", 20)),
		q("CREATE TRIGGER dbo.io ON dbo.t INSTEAD OF UPDATE AS INSERT dbo.log SELECT 0, v FROM inserted"),
		x(updG, declIV, aInt(2), aVC("t5", 20)),
		q("DROP TRIGGER dbo.io"),
		x(updG, declIV, aInt(2), aVC("t6", 20)),
		q("SELECT * FROM dbo.log ORDER BY id, v"),
		q(selAll),
	}},
	{name: "another database with the same table", steps: []dmlStep{
		q(tDDL), q(tRows),
		q("CREATE DATABASE dp_other"),
		q("CREATE TABLE dp_other.dbo.t (g int NULL, id int NOT NULL PRIMARY KEY, v varchar(9) NULL)"),
		q("INSERT dp_other.dbo.t VALUES (1, 100, 'o1'), (2, 200, 'o2')"),
		x(updG, declIV, aInt(1), aVC("h1", 20)),
		x(updG, declIV, aInt(1), aVC("h2", 20)),
		q("USE dp_other"),
		x(updG, declIV, aInt(1), aVC("other1", 20)),
		x(updG, declIV, aInt(1), aVC("other2", 20)),
		x(delG, declI, aInt(2)),
		q("USE dp_home"),
		x(updG, declIV, aInt(1), aVC("h3", 20)),
		x(delG, declI, aInt(2)),
		q(selAll),
		q("SELECT * FROM dp_other.dbo.t ORDER BY id"),
	}},
	// SET QUOTED_IDENTIFIER OFF is accepted but not applied by the parser
	// (plancache.go), so "v" is the column either way; the plans must not
	// make that worse.
	{name: "quoted identifiers and literals", steps: []dmlStep{
		q(tDDL), q(tRows),
		q("SET QUOTED_IDENTIFIER OFF"),
		x(`UPDATE dbo.t SET n = @p1 WHERE v = "v"`, declI, aInt(7)),
		x(`UPDATE dbo.t SET n = @p1 WHERE v = "v"`, declI, aInt(8)),
		x(`UPDATE dbo.t SET n = @p1 WHERE v = "a"`, declI, aInt(9)),
		q("SET QUOTED_IDENTIFIER ON"),
		x(`UPDATE dbo.t SET n = @p1 WHERE v = "v"`, declI, aInt(10)), // every row: "v" is the column
		x(`UPDATE dbo.t SET n = @p1 WHERE v = "a"`, declI, aInt(11)), // 207
		q(selAll),
	}},
	{name: "a parameter's type, then NULL, in one transaction rolled back", steps: []dmlStep{
		q(tDDL), q(tRows),
		q("BEGIN TRANSACTION"),
		x("UPDATE dbo.t SET v = @p1 WHERE id = 1", "@p1 int", aInt(42)),
		x("UPDATE dbo.t SET v = @p1 WHERE id = 1", "@p1 nvarchar(10)", aNVC("nv", 10)),
		x("UPDATE dbo.t SET v = @p1 WHERE id = 1", "@p1 nvarchar(10)", aNVC("nv2", 10)),
		x("UPDATE dbo.t SET v = @p1 WHERE id = 1", "@p1 int", aNullInt()),
		x("UPDATE dbo.t SET v = @p1 WHERE id = 1", "@p1 varchar(2)", aVC("ab", 2)),
		q(selAll),
		q("ROLLBACK"),
		x("UPDATE dbo.t SET v = @p1 WHERE id = 1", "@p1 varchar(2)", aVC("cd", 2)),
		q(selAll),
	}},
	{name: "sql_variant variables, ROWCOUNT, schema transfer and synonyms", steps: []dmlStep{
		q(tDDL), q(tRows),
		q("DECLARE @v sql_variant, @i int = 0; WHILE @i < 4 BEGIN SET @v = CASE @i WHEN 0 THEN CAST(1 AS sql_variant) WHEN 1 THEN CAST('2' AS varchar(5)) WHEN 2 THEN CAST(3.0 AS decimal(3,1)) ELSE CAST(N'4' AS nvarchar(5)) END; UPDATE dbo.t SET n = @i * 100 WHERE id = @v; SET @i += 1 END"),
		q(selAll),
		x(updAdd, declII, aInt(1), aInt(1)),
		q("SET ROWCOUNT 1"),
		x("UPDATE dbo.t SET n = @p1 WHERE g >= 1", declI, aInt(7)),
		x("UPDATE dbo.t SET n = @p1 WHERE g >= 1", declI, aInt(8)),
		x(delG, declI, aInt(2)),
		q("SET ROWCOUNT 0"),
		x("UPDATE dbo.t SET n = @p1 WHERE g >= 1", declI, aInt(9)),
		q(selAll),
		q("CREATE SCHEMA s2"),
		q("ALTER SCHEMA s2 TRANSFER dbo.t"),
		x(updAdd, declII, aInt(1), aInt(1)), // 208
		q("CREATE TABLE dbo.t2 (id int NOT NULL PRIMARY KEY, n int NULL, g int NULL)"),
		q("INSERT dbo.t2 VALUES (1, 0, 1), (2, 0, 2)"),
		q("CREATE SYNONYM dbo.t FOR dbo.t2"),
		x(updAdd, declII, aInt(1), aInt(5)),
		x(updAdd, declII, aInt(2), aInt(6)),
		x(delG, declI, aInt(2)),
		q("DROP SYNONYM dbo.t"),
		q("CREATE SYNONYM dbo.t FOR s2.t"),
		x(updAdd, declII, aInt(1), aInt(50)),
		x(delG, declI, aInt(3)),
		q("SELECT * FROM s2.t ORDER BY id"),
		q("SELECT * FROM dbo.t2 ORDER BY id"),
	}},
	{name: "one statement text in procedures and a trigger with other variable types", steps: []dmlStep{
		q(tDDL), q(tRows),
		q("CREATE PROCEDURE dbo.pi @id int, @v varchar(5) AS UPDATE dbo.t SET v = @v WHERE id = @id"),
		q("CREATE PROCEDURE dbo.ps @id varchar(5), @v int AS UPDATE dbo.t SET v = @v WHERE id = @id"),
		q("EXEC dbo.pi 1, 'p1'; EXEC dbo.pi 2, 'p2'; EXEC dbo.ps '3', 33; EXEC dbo.ps ' 4', 44; EXEC dbo.pi 5, 'p5'"),
		q("CREATE TABLE dbo.u (id int NOT NULL PRIMARY KEY, v varchar(5))"),
		q("INSERT dbo.u VALUES (1, 'u')"),
		q("CREATE TRIGGER dbo.tu ON dbo.u AFTER UPDATE AS BEGIN DECLARE @id bigint = 2, @v nvarchar(5) = N'tr'; UPDATE dbo.t SET v = @v WHERE id = @id END"),
		q("EXEC sp_executesql N'UPDATE dbo.t SET v = @v WHERE id = @id', N'@id int, @v varchar(5)', 4, 's4'"),
		q("EXEC sp_executesql N'UPDATE dbo.t SET v = @v WHERE id = @id', N'@id int, @v varchar(5)', 5, 's5'"),
		q("UPDATE dbo.u SET v = 'x'"),
		q("EXEC sp_executesql N'UPDATE dbo.t SET v = @v WHERE id = @id', N'@id varchar(5), @v int', '1', 11"),
		q("EXEC sp_executesql N'UPDATE dbo.t SET v = @v WHERE id = @id', N'@id int, @v varchar(5)', 3, 's3'"),
		q("EXEC dbo.ps '5', 55"),
		q(selAll),
	}},
	{name: "EXECUTE AS a user with SELECT but no UPDATE or DELETE", steps: []dmlStep{
		q(tDDL), q(tRows),
		q("CREATE USER nouser WITHOUT LOGIN"),
		q("GRANT SELECT ON dbo.t TO nouser"),
		x(updT, declIV, aInt(1), aVC("sa", 20)),
		x(updT, declIV, aInt(1), aVC("sa2", 20)),
		x(delT, declI, aInt(9)),
		x(delT, declI, aInt(8)),
		q("EXECUTE AS USER = 'nouser'"),
		x(updT, declIV, aInt(1), aVC("nu", 20)), // 229
		x(delT, declI, aInt(2)),                 // 229
		q("REVERT"),
		q("GRANT UPDATE (v) ON dbo.t TO nouser"),
		q("EXECUTE AS USER = 'nouser'"),
		x(updT, declIV, aInt(1), aVC("nu2", 20)),
		x(updT, declIV, aInt(2), aVC("nu3", 20)),
		x(updAdd, declII, aInt(1), aInt(1)), // 230
		q("REVERT"),
		x(updAdd, declII, aInt(1), aInt(1)),
		q(selAll),
	}},
	{name: "snapshot transactions one after another, rows committed between", steps: []dmlStep{
		q(tDDL), q(tRows),
		q("ALTER DATABASE dp_home SET ALLOW_SNAPSHOT_ISOLATION ON"),
		q("SET TRANSACTION ISOLATION LEVEL SNAPSHOT"),
		q("BEGIN TRANSACTION"),
		x(updG, declIV, aInt(1), aVC("s1", 20)),
		q("COMMIT"),
		q2("INSERT dbo.t VALUES (6, 'f', 6, 1)"),
		q("BEGIN TRANSACTION"),
		x(updG, declIV, aInt(1), aVC("s2", 20)),
		q2("INSERT dbo.t VALUES (7, 'g', 7, 1)"),
		x(updG, declIV, aInt(1), aVC("s3", 20)),
		x(delG, declI, aInt(3)),
		q("COMMIT"),
		q2("INSERT dbo.t VALUES (8, 'h', 8, 3)"),
		x(updG, declIV, aInt(1), aVC("s4", 20)),
		x(delG, declI, aInt(3)),
		q("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"),
		q(selAll),
	}},
}

// TestDMLCompiledReview is TestDMLCompiledSameAsWithout over the review's
// scripts.
func TestDMLCompiledReview(t *testing.T) {
	for _, tc := range dmlCompiledReviewCases {
		t.Run(tc.name, func(t *testing.T) {
			run := func(on bool) ([]string, int64) {
				return runPlanCase(t, tc.steps, false, func(s *exec.Session) {
					exec.SetDMLPlans(s, on)
					exec.SetDMLCompiled(s, on)
				}, exec.DMLCompiledHits)
			}
			want, _ := run(false)
			got, hits := run(true)
			if hits == 0 {
				t.Errorf("no statement ran from a compiled part")
			}
			if !slices.Equal(got, want) {
				t.Errorf("with compiled parts:\n%s\nwithout:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			t.Logf("%d hits\n%s", hits, strings.Join(got, "\n"))
		})
	}
}
