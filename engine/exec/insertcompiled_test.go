package exec_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// The INSERT statements as go-mssqldb sends them.
const (
	iTbl    = "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(5) NULL, n int NOT NULL DEFAULT 7, d decimal(9,2) NULL, u nvarchar(10) NULL, CONSTRAINT ck_n CHECK (n >= 0))"
	insDef  = "INSERT INTO dbo.t (id, v, n) VALUES (@p1, @p2, DEFAULT)"
	insN    = "INSERT INTO dbo.t (id, v, n) VALUES (@p1, @p2, @p3)"
	insExpr = "INSERT INTO dbo.t (id, v, n, d) VALUES (@p1, CASE WHEN @p1 > 10 THEN 'big' ELSE @p2 END, @p1 * 2, CAST(@p1 AS decimal(9,2)) / 3)"
	insRows = "INSERT INTO dbo.t (id, v) VALUES (@p1, @p2), (@p1 + 100, 'm'), (@p1 + 200, NULL)"
	insPos  = "INSERT INTO dbo.t VALUES (@p1, @p2, @p1, NULL, N'x' + @p2)"
	insCat  = "INSERT INTO dbo.t (id, v) VALUES (@p1, @p2 + 'x')"
	declIVI = "@p1 int, @p2 varchar(20), @p3 int"
	selI    = "SELECT * FROM dbo.t ORDER BY id"
)

// insertCompiledCases are scripts whose every step must give the same trace
// with kept compiled INSERT values (insertcompiled.go) as with no DML plans
// at all. Each changes one thing a kept part was compiled under and runs
// the statements again. The harness is dmlplan_test.go's.
var insertCompiledCases = []struct {
	name      string
	steps     []dmlStep
	unplanned bool
}{
	{name: "values, NULLs, DEFAULT and many rows", steps: []dmlStep{
		q(iTbl),
		x(insDef, declIV, aInt(1), aVC("a", 20)),
		x(insDef, declIV, aInt(2), aNullVC(20)),
		x(insN, declIVI, aInt(3), aVC("c", 20), aInt(30)),
		x(insN, declIVI, aInt(4), aVC("d", 20), aNullInt()),    // 515
		x(insN, declIVI, aInt(5), aVC("e", 20), aInt(-1)),      // 547
		x(insN, declIVI, aInt(1), aVC("dup", 20), aInt(1)),     // 2627
		x(insN, declIVI, aInt(6), aVC("toolong", 20), aInt(1)), // 2628
		x(insN, declIVI, aNullInt(), aVC("f", 20), aInt(1)),    // 515 on the key
		x(insExpr, declIV, aInt(7), aVC("g", 20)),
		x(insExpr, declIV, aInt(11), aVC("h", 20)),
		x(insExpr, declIV, aNullInt(), aVC("i", 20)),       // 515
		x(insExpr, declIV, aInt(2000000000), aVC("j", 20)), // 8115
		x(insRows, declIV, aInt(8), aVC("r", 20)),
		x(insRows, declIV, aInt(9), aVC("s", 20)),
		x(insRows, declIV, aInt(8), aVC("r2", 20)), // 2627 on the first row
		x(insPos, declIV, aInt(12), aVC("p", 20)),
		x(insPos, declIV, aInt(13), aNullVC(20)),
		x(insPos, declIV, aInt(-5), aVC("q", 20)), // 547
		q(selI),
		q("SELECT COUNT(*) FROM dbo.t"),
	}},
	{name: "parameters of another type, length and collation", steps: []dmlStep{
		q(iTbl),
		x(insDef, declIV, aInt(1), aVC("a", 20)),
		x(insCat, declII, aInt(30), aInt(1)), // 245: 'x' to int
		x(insCat, declII, aInt(31), aInt(2)), // 245
		x(insCat, declIV, aInt(32), aVC("ab", 20)),
		x(insCat, declIV, aInt(33), aVC("cd", 20)),
		x(insCat, "@p1 int, @p2 varchar(3)", aInt(34), aVC("efg", 3)),
		x(insCat, declII, aInt(35), aInt(3)), // 245
		x(insExpr, declIV, aInt(40), aVC("e", 20)),
		x(insExpr, declIV, aInt(41), aVC("f", 20)),
		x(insExpr, declII, aInt(42), aInt(5)), // 245: the CASE is int now, 'big' is converted
		x(insExpr, declII, aInt(9), aInt(5)),
		x(insExpr, declIV, aInt(43), aVC("g", 20)),
		x(insDef, "@p1 bigint, @p2 varchar(5)", aBig(2), aVC("b", 5)),
		x(insDef, "@p1 bigint, @p2 varchar(5)", aBig(3000000000), aVC("big", 5)), // 8115
		x(insDef, "@p1 varchar(20), @p2 nvarchar(50)", aVC("3", 20), aNVC("c", 50)),
		x(insDef, "@p1 varchar(20), @p2 nvarchar(50)", aVC("x", 20), aNVC("c2", 50)), // 245
		x(insDef, "@p1 int, @p2 int", aInt(4), aInt(12345)),
		x(insDef, "@p1 int, @p2 int", aInt(5), aInt(123456)), // 2628
		x(insDef, "@p1 int, @p2 varchar(7)", aInt(6), aVC("seven", 7)),
		x(insDef, "@p1 int, @p2 varchar(7)", aInt(7), aVC("seven77", 7)), // 2628
		x(insPos, declIV, aInt(17), aVC("p", 20)),
		x(insPos, "@p1 int, @p2 int", aInt(18), aInt(1)), // N'x' + 1: 245
		x(insPos, "@p1 int, @p2 nvarchar(3)", aInt(19), aNVC("ab", 3)),
		x(insPos, declIV, aInt(20), aVC("p2", 20)),
		q(selI),
	}},
	{name: "identity, SCOPE_IDENTITY, @@IDENTITY and IDENTITY_INSERT", steps: []dmlStep{
		q("CREATE TABLE dbo.i (id int IDENTITY(10,5) PRIMARY KEY, v varchar(10) NULL)"),
		q("CREATE TABLE dbo.ilog (n bigint IDENTITY(1000,1) PRIMARY KEY, v varchar(10) NULL)"),
		x("INSERT INTO dbo.i (v) VALUES (@p1); SELECT SCOPE_IDENTITY() AS s, @@IDENTITY AS a", "@p1 varchar(10)", aVC("a", 10)),
		x("INSERT INTO dbo.i (v) VALUES (@p1); SELECT SCOPE_IDENTITY() AS s, @@IDENTITY AS a", "@p1 varchar(10)", aVC("b", 10)),
		x("INSERT INTO dbo.i (v) VALUES (@p1), (@p1 + '2'); SELECT SCOPE_IDENTITY() AS s, @@IDENTITY AS a", "@p1 varchar(10)", aVC("c", 10)),
		q("CREATE TRIGGER dbo.tr_i ON dbo.i AFTER INSERT AS INSERT dbo.ilog (v) SELECT v FROM inserted"),
		x("INSERT INTO dbo.i (v) VALUES (@p1); SELECT SCOPE_IDENTITY() AS s, @@IDENTITY AS a", "@p1 varchar(10)", aVC("d", 10)),
		x("INSERT INTO dbo.i (id, v) VALUES (@p1, @p2)", "@p1 int, @p2 varchar(10)", aInt(100), aVC("e", 10)), // 544
		q("SET IDENTITY_INSERT dbo.i ON"),
		x("INSERT INTO dbo.i (id, v) VALUES (@p1, @p2)", "@p1 int, @p2 varchar(10)", aInt(100), aVC("f", 10)),
		x("INSERT INTO dbo.i (id, v) VALUES (@p1, @p2); SELECT SCOPE_IDENTITY() AS s", "@p1 int, @p2 varchar(10)", aInt(7), aVC("g", 10)),
		x("INSERT INTO dbo.i (v) VALUES (@p1); SELECT SCOPE_IDENTITY() AS s, @@IDENTITY AS a", "@p1 varchar(10)", aVC("h", 10)), // 545
		q("SET IDENTITY_INSERT dbo.i OFF"),
		x("INSERT INTO dbo.i (v) VALUES (@p1); SELECT SCOPE_IDENTITY() AS s, @@IDENTITY AS a", "@p1 varchar(10)", aVC("i", 10)),
		x("INSERT INTO dbo.i (id, v) VALUES (@p1, @p2)", "@p1 int, @p2 varchar(10)", aInt(200), aVC("j", 10)), // 544
		q("DBCC CHECKIDENT ('dbo.i', RESEED, 500)"),
		x("INSERT INTO dbo.i (v) VALUES (@p1); SELECT SCOPE_IDENTITY() AS s, @@IDENTITY AS a", "@p1 varchar(10)", aVC("k", 10)),
		q("SELECT * FROM dbo.i ORDER BY id"),
		q("SELECT * FROM dbo.ilog ORDER BY n"),
	}},
	{name: "computed columns, defaults, CHECK and FOREIGN KEY changed between executions", steps: []dmlStep{
		q("CREATE TABLE dbo.p (id int NOT NULL PRIMARY KEY)"),
		q("INSERT dbo.p VALUES (1), (2)"),
		q("CREATE TABLE dbo.c (id int NOT NULL PRIMARY KEY, pid int NULL REFERENCES dbo.p (id), n int NOT NULL DEFAULT 3, twice AS (n * 2))"),
		x("INSERT INTO dbo.c (id, pid) VALUES (@p1, @p2)", declII, aInt(1), aInt(1)),
		x("INSERT INTO dbo.c (id, pid) VALUES (@p1, @p2)", declII, aInt(2), aInt(9)), // 547 FK
		x("INSERT INTO dbo.c (id, pid) VALUES (@p1, @p2)", declII, aInt(3), aNullInt()),
		x("INSERT INTO dbo.c VALUES (@p1, @p2, @p1)", declII, aInt(4), aInt(2)),
		q("ALTER TABLE dbo.c ADD CONSTRAINT ck_c CHECK (n < 10)"),
		x("INSERT INTO dbo.c VALUES (@p1, @p2, @p1)", declII, aInt(5), aInt(2)),
		x("INSERT INTO dbo.c VALUES (@p1, @p2, @p1)", declII, aInt(11), aInt(2)), // 547 CHECK
		q("ALTER TABLE dbo.c NOCHECK CONSTRAINT ck_c"),
		x("INSERT INTO dbo.c VALUES (@p1, @p2, @p1)", declII, aInt(12), aInt(2)),
		q("ALTER TABLE dbo.c ADD w varchar(3) NULL"),
		x("INSERT INTO dbo.c VALUES (@p1, @p2, @p1)", declII, aInt(13), aInt(2)), // 213
		x("INSERT INTO dbo.c (id, pid) VALUES (@p1, @p2)", declII, aInt(14), aInt(1)),
		q("DECLARE @n sysname = (SELECT name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID('dbo.c')); EXEC ('ALTER TABLE dbo.c DROP CONSTRAINT ' + @n)"),
		q("ALTER TABLE dbo.c ADD CONSTRAINT df_n DEFAULT 5 FOR n"),
		x("INSERT INTO dbo.c (id, pid) VALUES (@p1, @p2)", declII, aInt(15), aInt(1)),
		q("ALTER TABLE dbo.c DROP COLUMN twice"),
		q("ALTER TABLE dbo.c ADD twice AS (n * 3) PERSISTED"),
		x("INSERT INTO dbo.c (id, pid) VALUES (@p1, @p2)", declII, aInt(16), aInt(1)),
		q("CREATE UNIQUE INDEX ux_n ON dbo.c (pid) WHERE pid IS NOT NULL AND id > 15"),
		x("INSERT INTO dbo.c (id, pid) VALUES (@p1, @p2)", declII, aInt(17), aInt(1)), // 2601
		q("DROP TABLE dbo.c"),
		q("CREATE TABLE dbo.c (id bigint NOT NULL PRIMARY KEY, pid varchar(3) NULL)"),
		x("INSERT INTO dbo.c (id, pid) VALUES (@p1, @p2)", declII, aInt(18), aInt(1234)), // 2628 now
		x("INSERT INTO dbo.c (id, pid) VALUES (@p1, @p2)", declII, aInt(19), aInt(12)),
		q("SELECT * FROM dbo.c ORDER BY id"),
	}},
	{name: "OUTPUT and triggers", steps: []dmlStep{
		q(iTbl),
		q("CREATE TABLE dbo.log (id int IDENTITY PRIMARY KEY, msg varchar(60) NULL)"),
		q("CREATE TABLE dbo.olog (id int NOT NULL, v varchar(5) NULL)"),
		x("INSERT INTO dbo.t (id, v) OUTPUT inserted.id, inserted.n, inserted.v VALUES (@p1, @p2)", declIV, aInt(1), aVC("o1", 20)),
		x("INSERT INTO dbo.t (id, v) OUTPUT inserted.id, inserted.n, inserted.v VALUES (@p1, @p2)", declIV, aInt(2), aVC("o2", 20)),
		x("INSERT INTO dbo.t (id, v) OUTPUT inserted.id, inserted.v INTO dbo.olog VALUES (@p1, @p2)", declIV, aInt(3), aVC("o3", 20)),
		x("INSERT INTO dbo.t (id, v) OUTPUT inserted.id, inserted.v INTO dbo.olog VALUES (@p1, @p2)", declIV, aInt(4), aVC("o4", 20)),
		x("DECLARE @o TABLE (id int, v varchar(5)); INSERT INTO dbo.t (id, v) OUTPUT inserted.id, inserted.v INTO @o VALUES (@p1, @p2), (@p1 + 100, @p2); SELECT * FROM @o", declIV, aInt(5), aVC("o5", 20)),
		x("DECLARE @o TABLE (id int, v varchar(5)); INSERT INTO dbo.t (id, v) OUTPUT inserted.id, inserted.v INTO @o VALUES (@p1, @p2), (@p1 + 100, @p2); SELECT * FROM @o", declIV, aInt(6), aVC("o6", 20)),
		x("DECLARE @o TABLE (id int, v varchar(5)); INSERT INTO dbo.t (id, v) OUTPUT inserted.id, inserted.v INTO @o VALUES (@p1, @p2), (@p1 + 100, @p2); SELECT * FROM @o", declIV, aInt(6), aVC("o7", 20)), // 2627
		q("CREATE TRIGGER dbo.tr_a ON dbo.t AFTER INSERT AS INSERT dbo.log (msg) SELECT 'ins ' + v FROM inserted"),
		x(insDef, declIV, aInt(26), aVC("t6", 20)),
		x(insDef, declIV, aInt(27), aVC("t7", 20)),
		x("INSERT INTO dbo.t (id, v) OUTPUT inserted.id, inserted.n, inserted.v VALUES (@p1, @p2)", declIV, aInt(8), aVC("o8", 20)), // 334
		q("CREATE TRIGGER dbo.tr_i ON dbo.t INSTEAD OF INSERT AS INSERT dbo.log (msg) SELECT 'instead ' + v FROM inserted"),
		x(insDef, declIV, aInt(9), aVC("t9", 20)),
		x(insDef, declIV, aInt(10), aVC("t10", 20)),
		q("DROP TRIGGER dbo.tr_i"),
		q("DROP TRIGGER dbo.tr_a"),
		x(insDef, declIV, aInt(11), aVC("t11", 20)),
		x(insDef, declIV, aInt(12), aVC("t12", 20)),
		q(selI),
		q("SELECT id, msg FROM dbo.log ORDER BY id"),
		q("SELECT * FROM dbo.olog ORDER BY id"),
	}},
	{name: "a trigger re-entering the statement", steps: []dmlStep{
		q("CREATE TABLE dbo.r (id int NOT NULL PRIMARY KEY, depth int NOT NULL)"),
		q("CREATE PROCEDURE dbo.addr @id int, @depth int AS EXEC sp_executesql N'INSERT INTO dbo.r (id, depth) VALUES (@p1, @p2)', N'@p1 int, @p2 int', @id, @depth"),
		q("CREATE TRIGGER dbo.tr_r ON dbo.r AFTER INSERT AS DECLARE @id int, @d int; SELECT @id = id, @d = depth FROM inserted; IF @d < 4 EXEC dbo.addr @id = @id + 1, @depth = @d + 1"),
		x("INSERT INTO dbo.r (id, depth) VALUES (@p1, @p2)", declII, aInt(10), aInt(0)),
		x("INSERT INTO dbo.r (id, depth) VALUES (@p1, @p2)", declII, aInt(20), aInt(1)),
		x("INSERT INTO dbo.r (id, depth) VALUES (@p1, @p2)", declII, aInt(30), aInt(2)),
		x("INSERT INTO dbo.r (id, depth) VALUES (@p1, @p2)", declII, aInt(11), aInt(3)), // 2627 inside the trigger
		q("SELECT * FROM dbo.r ORDER BY id"),
	}},
	{name: "SET options", steps: []dmlStep{
		q(iTbl),
		q("CREATE TABLE dbo.dt (id int NOT NULL PRIMARY KEY, at datetime NULL, s varchar(20) NULL)"),
		x("INSERT INTO dbo.t (id, v, n) VALUES (@p1, @p2, @p1 / @p3)", declIVI, aInt(1), aVC("a", 20), aInt(1)),
		x("INSERT INTO dbo.t (id, v, n) VALUES (@p1, @p2, @p1 / @p3)", declIVI, aInt(2), aVC("b", 20), aInt(0)),       // 8134
		x("INSERT INTO dbo.t (id, v, n) VALUES (@p1, @p2, @p1 / @p3)", declIVI, aInt(3), aVC("toolong", 20), aInt(1)), // 2628
		q("SET ANSI_WARNINGS OFF"),
		x("INSERT INTO dbo.t (id, v, n) VALUES (@p1, @p2, @p1 / @p3)", declIVI, aInt(4), aVC("toolong", 20), aInt(1)),
		q("SET ARITHABORT OFF"),
		x("INSERT INTO dbo.t (id, v, d) VALUES (@p1, @p2, @p1 / @p3)", declIVI, aInt(5), aVC("c", 20), aInt(0)),
		q("SET ANSI_WARNINGS ON; SET ARITHABORT ON"),
		x("INSERT INTO dbo.t (id, v, n) VALUES (@p1, @p2, @p1 / @p3)", declIVI, aInt(6), aVC("toolong", 20), aInt(1)), // 2628
		x("INSERT INTO dbo.t (id, v, u) VALUES (@p1, @p2, @p2 + NULL)", declIV, aInt(7), aVC("d", 20)),
		q("SET CONCAT_NULL_YIELDS_NULL OFF"),
		x("INSERT INTO dbo.t (id, v, u) VALUES (@p1, @p2, @p2 + NULL)", declIV, aInt(8), aVC("e", 20)),
		q("SET CONCAT_NULL_YIELDS_NULL ON"),
		x("INSERT INTO dbo.dt (id, at, s) VALUES (@p1, @p2, CAST(CAST(@p2 AS datetime) AS varchar(20)))", declIV, aInt(1), aVC("02/03/2020", 20)),
		q("SET DATEFORMAT dmy"),
		x("INSERT INTO dbo.dt (id, at, s) VALUES (@p1, @p2, CAST(CAST(@p2 AS datetime) AS varchar(20)))", declIV, aInt(2), aVC("02/03/2020", 20)),
		x("INSERT INTO dbo.dt (id, at, s) VALUES (@p1, @p2, CAST(CAST(@p2 AS datetime) AS varchar(20)))", declIV, aInt(3), aVC("13/01/2020", 20)),
		q("SET DATEFORMAT mdy"),
		x("INSERT INTO dbo.dt (id, at, s) VALUES (@p1, @p2, CAST(CAST(@p2 AS datetime) AS varchar(20)))", declIV, aInt(4), aVC("13/01/2020", 20)), // 242
		q("SET LANGUAGE Deutsch"),
		x("INSERT INTO dbo.dt (id, at, s) VALUES (@p1, @p2, CAST(CAST(@p2 AS datetime) AS varchar(20)))", declIV, aInt(5), aVC("13/01/2020", 20)),
		q("SET LANGUAGE us_english"),
		q("SET NOCOUNT ON"),
		x(insDef, declIV, aInt(20), aVC("nc", 20)),
		q("SET NOCOUNT OFF"),
		x(insDef, declIV, aInt(21), aVC("c", 20)),
		q(selI),
		q("SELECT * FROM dbo.dt ORDER BY id"),
	}},
	{name: "explicit transactions", steps: []dmlStep{
		q(iTbl),
		q("BEGIN TRANSACTION"),
		x(insDef, declIV, aInt(1), aVC("a", 20)),
		x(insDef, declIV, aInt(2), aVC("b", 20)),
		q("ALTER TABLE dbo.t ADD w int NOT NULL DEFAULT 42"),
		x(insDef, declIV, aInt(3), aVC("c", 20)),
		x(insPos, declIV, aInt(4), aVC("d", 20)), // 213 inside the transaction
		q("SELECT @@TRANCOUNT"),
		q("ROLLBACK"),
		x(insDef, declIV, aInt(5), aVC("e", 20)),
		x(insPos, declIV, aInt(6), aVC("f", 20)),
		q("SET XACT_ABORT ON; BEGIN TRANSACTION"),
		x(insDef, declIV, aInt(7), aVC("g", 20)),
		x(insDef, declIV, aInt(7), aVC("dup", 20)), // 2627 dooms the transaction
		q("SELECT @@TRANCOUNT, XACT_STATE()"),
		q("IF @@TRANCOUNT > 0 ROLLBACK; SET XACT_ABORT OFF"),
		q("BEGIN TRANSACTION; SAVE TRANSACTION sp"),
		x(insDef, declIV, aInt(8), aVC("h", 20)),
		q("ROLLBACK TRANSACTION sp"),
		x(insDef, declIV, aInt(9), aVC("i", 20)),
		q("COMMIT"),
		q("DECLARE @i int = 100; WHILE @i < 105 BEGIN INSERT INTO dbo.t (id, v, n) VALUES (@i, 'loop', @i % 3); SET @i += 1 END"),
		q("DECLARE @i int = 200; WHILE @i < 203 BEGIN INSERT INTO dbo.t (id, v, n) VALUES (@i, 'loop', @i % 3); SET @i += 1 END"),
		q(selI),
	}},
	{name: "function calls and subqueries are not compiled", unplanned: true, steps: []dmlStep{
		q(iTbl),
		q("CREATE SEQUENCE dbo.sq START WITH 1"),
		x("INSERT INTO dbo.t (id, v) VALUES (@p1, LEFT(@p2, 2))", declIV, aInt(1), aVC("abc", 20)),
		x("INSERT INTO dbo.t (id, v) VALUES (@p1, LEFT(@p2, 2))", declIV, aInt(2), aVC("def", 20)),
		x("INSERT INTO dbo.t (id, n) VALUES (@p1, (SELECT COUNT(*) FROM dbo.t))", declI, aInt(3)),
		x("INSERT INTO dbo.t (id, n) VALUES (@p1, (SELECT COUNT(*) FROM dbo.t))", declI, aInt(4)),
		x("INSERT INTO dbo.t (id, n) VALUES (@p1, NEXT VALUE FOR dbo.sq)", declI, aInt(5)),
		x("INSERT INTO dbo.t (id, n) VALUES (@p1, NEXT VALUE FOR dbo.sq)", declI, aInt(6)),
		x("INSERT INTO dbo.t (id, n) VALUES (@p1, @@ROWCOUNT)", declI, aInt(7)),
		x("INSERT INTO dbo.t (id, n) VALUES (@p1, @@ROWCOUNT)", declI, aInt(8)),
		q(selI),
	}},
}

// TestInsertCompiledSameAsWithout runs every script with kept compiled
// INSERT values and with no DML plans at all, and requires the same rows,
// errors (number, severity, state, text) and counts, step by step; with
// them on, the compiled scripts must have run statements from kept values,
// and the others none.
func TestInsertCompiledSameAsWithout(t *testing.T) {
	for _, tc := range insertCompiledCases {
		t.Run(tc.name, func(t *testing.T) { compiledSameAsWithout(t, tc.steps, false, tc.unplanned) })
	}
}

// TestInsertCompiledConcurrentSessions runs kept INSERTs on four sessions at
// once (run it with -race), in phases between which a fifth session changes
// the table's columns, indexes and constraints: every row an INSERT
// reported is in the table at the end, with the values it was given.
func TestInsertCompiledConcurrentSessions(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "insertcompiled")
	admin := newSASession(t, inst)
	run := func(s *exec.Session, sql string) []string { t.Helper(); return mustTrace(ctx, t, s, sql) }
	run(admin, "CREATE DATABASE ic")
	run(admin, "USE ic")
	run(admin, "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, w int NOT NULL, v varchar(20) NULL)")
	const workers, rounds = 4, 30
	sessions := newSessions(t, inst, "ic", workers)
	var inserted [workers]int64
	phase := func(ph int) {
		var wg sync.WaitGroup
		errs := make(chan string, workers)
		for w, s := range sessions {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range rounds {
					o := &dmlTrace{}
					id := int32(ph*10000 + w*1000 + i)
					args := []*exec.ProcArg{
						{Name: "@p1", Value: types.NewInt(id), Type: types.TypeInt},
						{Name: "@p2", Value: types.NewVarChar(fmt.Sprintf("w%d", w)), Type: types.VarCharType(20)},
					}
					if err := s.ExecuteSQL(ctx, "INSERT INTO dbo.t (id, w, v) VALUES (@p1, @p1 % 1000 / 1000 + "+fmt.Sprint(w)+", @p2)", "@p1 int, @p2 varchar(20)", args, o); err != nil || len(o.lines) != 1 || o.lines[0] != "done 1" {
						errs <- fmt.Sprintf("insert %d: %v %v", id, err, o.lines)
						return
					}
					inserted[w]++
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
	}
	ddl := []string{
		"ALTER TABLE dbo.t ADD x int NULL",
		"CREATE INDEX ix_w ON dbo.t (w)",
		"ALTER TABLE dbo.t ADD CONSTRAINT ck_w CHECK (w >= 0)",
		"ALTER TABLE dbo.t ADD CONSTRAINT df_x DEFAULT 9 FOR x",
		"ALTER TABLE dbo.t DROP CONSTRAINT df_x",
		"ALTER TABLE dbo.t DROP COLUMN x",
		"DROP INDEX ix_w ON dbo.t",
		"ALTER TABLE dbo.t ALTER COLUMN v varchar(30) NULL",
	}
	phase(0)
	for i, sql := range ddl {
		run(admin, sql)
		phase(i + 1)
	}
	var total, hits int64
	for w, s := range sessions {
		total += inserted[w]
		hits += exec.DMLCompiledHits(s)
	}
	if hits == 0 {
		t.Error("no statement ran from kept compiled values")
	}
	lines := run(admin, "SELECT COUNT(*), SUM(CASE WHEN v = 'w' + CAST(w AS varchar(5)) THEN 1 ELSE 0 END) FROM dbo.t")
	if want := fmt.Sprintf("%d|%d", total, total); len(lines) < 2 || lines[1] != want {
		t.Errorf("count and matching rows %v, want %s", lines, want)
	}
}
